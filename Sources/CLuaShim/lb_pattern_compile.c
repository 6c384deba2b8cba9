/*
 * Compiles a Lua pattern (reference manual §6.4.1) into an lbp_Program: every single-byte
 * item (a literal, `.`, a `%` class, a `[set]`) becomes a 256-bit set, followed by what its
 * quantifier makes of it; captures, `%b`, `%f`, back-references and a final `$` get their
 * own instructions. Nothing here raises: stock Lua reports a malformed item only when a
 * match reaches it, so a malformed item compiles to an LBP_ERROR instruction that ends the
 * program.
 */
#include "lb_pattern.h"

#include <string.h>

size_t lbp_program_size(size_t patternLength) {
  /* An item takes at least one character and two instructions only for `x+` (two
   * characters); one more for the final LBP_MATCH or LBP_ERROR. */
  return (patternLength + 1) * (sizeof(lbp_Inst) + sizeof(lbp_Frame));
}

void lbp_place(lbp_Program *g, void *room, size_t patternLength) {
  g->frames = room;
  g->code = (lbp_Inst *)(g->frames + patternLength + 1);
}

void lbp_prepare(lua_State *L, lbp_Program *g, lbp_SmallRoom *small, const char *p, size_t lp,
                 int caret) {
  if (lp + 1 <= LBP_SMALL) {
    g->frames = small->frames;
    g->code = small->code;
    lua_pushnil(L);
  } else {
    lbp_place(g, lua_newuserdatauv(L, lbp_program_size(lp), 0), lp);
  }
  lbp_compile(g, p, lp, caret);
}

size_t lbp_start_offset(lua_Integer init, size_t len) {
  if (init > 0) return (size_t)init - 1;
  if (init == 0 || (lua_Unsigned)-(init + 1) >= len) return 0;
  return len - (size_t)-(init + 1) - 1;
}

int lbp_is_plain(const char *p, size_t lp) {
  static const char specials[] = "^$*+?.([%-";
  for (size_t i = 0; i < lp; i++) {
    if (memchr(specials, p[i], sizeof specials - 1) != NULL) return 0;
  }
  return 1;
}

static void set_add(unsigned char *set, unsigned c) {
  set[c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* The classes of §6.4.1 in the C locale, as bits of the bytes 0-127 (no byte above 127
 * belongs to one): byte b is bit b % 8 of bits[b / 8]. */
static const struct {
  char letter;
  unsigned char bits[16];
} classes[] = {
    /* letters */
    {'a',
     {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0xfe, 0xff, 0xff, 0x07, 0xfe, 0xff, 0xff, 0x07}},
    /* control characters: 0-31, 127 */
    {'c',
     {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80}},
    /* digits */
    {'d',
     {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
    /* printable, except space: 33-126 */
    {'g',
     {0x00, 0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff,
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}},
    /* lower-case letters */
    {'l',
     {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0x07}},
    /* punctuation: printable, not a letter or digit */
    {'p',
     {0x00, 0x00, 0x00, 0x00, 0xfe, 0xff, 0x00, 0xfc,
      0x01, 0x00, 0x00, 0xf8, 0x01, 0x00, 0x00, 0x78}},
    /* space and 9-13 (tab to carriage return) */
    {'s',
     {0x00, 0x3e, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
    /* upper-case letters */
    {'u',
     {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0xfe, 0xff, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00}},
    /* letters and digits */
    {'w',
     {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03,
      0xfe, 0xff, 0xff, 0x07, 0xfe, 0xff, 0xff, 0x07}},
    /* hexadecimal digits */
    {'x',
     {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03,
      0x7e, 0x00, 0x00, 0x00, 0x7e, 0x00, 0x00, 0x00}},
    /* the zero byte */
    {'z',
     {0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
};

/* Adds `%x` to `set`: the class x (its complement for an upper-case letter), or the byte x
 * itself when x names no class. */
static void set_add_escape(unsigned char *set, unsigned char x) {
  int complement = x >= 'A' && x <= 'Z';
  if (complement || (x >= 'a' && x <= 'z')) {
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
      if (classes[i].letter != (x | 0x20)) continue;
      for (int b = 0; b < 32; b++) {
        unsigned char bits = b < 16 ? classes[i].bits[b] : 0;
        set[b] |= complement ? (unsigned char)~bits : bits;
      }
      return;
    }
  }
  set_add(set, x);
}

/* Reads a `[set]` whose contents start at p[i] (just after `[`). Returns the index after its
 * `]`, or 0 when the set is never closed. */
static size_t read_set(unsigned char *set, const unsigned char *p, size_t lp, size_t i) {
  int negate = i < lp && p[i] == '^';
  if (negate) i++;
  /* The closing `]` is the first one after the first element (so `[]]` holds `]`);
   * `%` always takes the next character with it. */
  size_t close = i;
  do {
    if (close >= lp) return 0;
    close += p[close] == '%' ? 2 : 1;
    if (close >= lp) return 0;
  } while (p[close] != ']');
  memset(set, 0, 32);
  for (size_t k = i; k < close;) {
    if (p[k] == '%') {
      set_add_escape(set, p[k + 1]);
      k += 2;
    } else if (k + 2 < close && p[k + 1] == '-') {
      for (unsigned c = p[k]; c <= p[k + 2]; c++) set_add(set, c);
      k += 3;
    } else {
      set_add(set, p[k]);
      k += 1;
    }
  }
  if (negate) {
    for (int b = 0; b < 32; b++) set[b] = (unsigned char)~set[b];
  }
  return close + 1;
}

/* Reads the single-byte item at p[i] into `set`. Returns the index after it, or 0 with an
 * error code in *error. */
static size_t read_single(unsigned char *set, const unsigned char *p, size_t lp, size_t i,
                          int *error) {
  switch (p[i]) {
    case '.':
      memset(set, 0xff, 32);
      return i + 1;
    case '%':
      if (i + 1 >= lp) {
        *error = LBP_ERR_ENDS_WITH_PERCENT;
        return 0;
      }
      memset(set, 0, 32);
      set_add_escape(set, p[i + 1]);
      return i + 2;
    case '[': {
      size_t next = read_set(set, p, lp, i + 1);
      if (next == 0) *error = LBP_ERR_MISSING_BRACKET;
      return next;
    }
    default:
      memset(set, 0, 32);
      set_add(set, p[i]);
      return i + 1;
  }
}

typedef struct Builder {
  lbp_Program *g;
  int closed[LBP_MAXCAPTURES]; /* capture i has ended (or is a position) */
} Builder;

static lbp_Inst *emit(Builder *b, int op, int arg) {
  lbp_Inst *in = &b->g->code[b->g->count++];
  in->op = (unsigned char)op;
  in->arg = (unsigned char)arg;
  in->open = in->close = 0;
  return in;
}

/* Compiles the item at p[i]; returns the index after it, or 0 once an LBP_ERROR is out. */
static size_t compile_item(Builder *b, const unsigned char *p, size_t lp, size_t i) {
  lbp_Program *g = b->g;
  unsigned char c = p[i];
  if (c == '(') {
    if (g->captures >= LBP_MAXCAPTURES) {
      emit(b, LBP_ERROR, LBP_ERR_TOO_MANY_CAPTURES);
      return 0;
    }
    int position = i + 1 < lp && p[i + 1] == ')';
    b->closed[g->captures] = position;
    emit(b, position ? LBP_POSITION_CAPTURE : LBP_OPEN, g->captures++);
    return i + (position ? 2 : 1);
  }
  if (c == ')') {
    int open = g->captures - 1;
    while (open >= 0 && b->closed[open]) open--;
    if (open < 0) {
      emit(b, LBP_ERROR, LBP_ERR_CLOSE_WITHOUT_OPEN);
      return 0;
    }
    b->closed[open] = 1;
    emit(b, LBP_CLOSE, open);
    return i + 1;
  }
  if (c == '$' && i + 1 == lp) {
    emit(b, LBP_END, 0);
    return i + 1;
  }
  if (c == '%' && i + 1 < lp) {
    unsigned char d = p[i + 1];
    if (d == 'b') {
      if (i + 3 >= lp) {
        emit(b, LBP_ERROR, LBP_ERR_BALANCE_ARGUMENTS);
        return 0;
      }
      lbp_Inst *in = emit(b, LBP_BALANCE, 0);
      in->open = p[i + 2];
      in->close = p[i + 3];
      return i + 4;
    }
    if (d == 'f') {
      if (i + 2 >= lp || p[i + 2] != '[') {
        emit(b, LBP_ERROR, LBP_ERR_FRONTIER_BRACKET);
        return 0;
      }
      lbp_Inst *in = emit(b, LBP_FRONTIER, 0);
      size_t next = read_set(in->set, p, lp, i + 3);
      if (next == 0) {
        in->op = LBP_ERROR;
        in->arg = LBP_ERR_MISSING_BRACKET;
      }
      return next;
    }
    if (d >= '0' && d <= '9') {
      int index = d - '1';
      if (index < 0 || index >= g->captures || !b->closed[index]) {
        lbp_Inst *in = emit(b, LBP_ERROR, LBP_ERR_BACKREF);
        in->open = d;
        return 0;
      }
      emit(b, LBP_BACKREF, index);
      g->memoFrom = g->count;
      return i + 2;
    }
  }
  unsigned char set[32];
  int error = 0;
  size_t next = read_single(set, p, lp, i, &error);
  if (next == 0) {
    emit(b, LBP_ERROR, error);
    return 0;
  }
  int op = LBP_BYTE;
  if (next < lp) {
    switch (p[next]) {
      case '?': op = LBP_OPTIONAL; next++; break;
      case '*': op = LBP_GREEDY; next++; break;
      case '-': op = LBP_LAZY; next++; break;
      case '+':
        memcpy(emit(b, LBP_BYTE, 0)->set, set, 32);
        op = LBP_GREEDY;
        next++;
        break;
      default: break;
    }
  }
  memcpy(emit(b, op, 0)->set, set, 32);
  return next;
}

void lbp_compile(lbp_Program *g, const char *pattern, size_t lp, int caret) {
  const unsigned char *p = (const unsigned char *)pattern;
  Builder b;
  b.g = g;
  g->count = 0;
  g->memoFrom = 0;
  g->captures = 0;
  g->unfinished = 0;
  g->anchored = 0;
  size_t i = 0;
  if (caret && lp > 0 && p[0] == '^') {
    g->anchored = 1;
    i = 1;
  }
  while (i < lp) {
    i = compile_item(&b, p, lp, i);
    if (i == 0) return;
  }
  emit(&b, LBP_MATCH, 0);
  for (int k = 0; k < g->captures; k++) {
    if (!b.closed[k]) g->unfinished |= (uint32_t)1 << k;
  }
}
