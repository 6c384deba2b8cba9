/*
 * Runs a compiled pattern (lb_pattern.h) at one subject position.
 *
 * The search is depth first over states (instruction, position) with an explicit path of
 * frames, one per instruction (a path visits instructions 0, 1, 2 ... in order, a loop
 * covering a run of positions in one frame), so neither the C stack nor the frame array
 * grows with the subject. Captures are written when a path enters their instruction: the
 * latest write is always the current path's, so backtracking needs no undo.
 *
 * Bound. A state at or after `memoFrom` (no back-reference follows) either leads to a match
 * or fails whatever the captures and whatever the start position, so the matcher records
 * each such state it enters in a bit table and treats a recorded state as failed. States on
 * the path of a match are unrecorded when the match is returned. Each state is then entered
 * once per call (plus once per returned match), and tries at most two successors: a call
 * takes O(instructions x (subject length + 1)) steps. The table costs one bit per pair; it
 * is made only once a call's steps pass a linear threshold, in the matcher itself when it is
 * small and need not outlive the call, else through the Lua allocator (so the memory cap
 * applies), and only when it would take at most a quarter of the memory still free under the
 * cap and at most LBP_MEMO_MAX bytes. Otherwise, and for the states before a back-reference,
 * the instruction budget (every step is charged) and the deadline stop the search.
 */
#include "lb_pattern.h"

#include <string.h>

#define LBP_MEMO_MAX ((size_t)16 << 20)
#define LBP_CHARGE_BATCH 4096

static int in_set(const lbp_Inst *in, unsigned c) { return (in->set[c >> 3] >> (c & 7)) & 1; }

void lbp_init(lbp_Matcher *m, lua_State *L, const lbp_Program *g, const char *s, size_t n,
              int memoSlot, int lasting) {
  m->L = L;
  m->prog = g;
  m->s = (const unsigned char *)s;
  m->n = n;
  m->memoSlot = memoSlot;
  m->memoLasts = lasting;
  m->memo = lua_type(L, memoSlot) == LUA_TUSERDATA ? lua_touserdata(L, memoSlot) : NULL;
  m->memoRefused = 0;
  m->pending = 0;
  m->total = 0;
  m->memoAt = m->memo == NULL ? 2 * (int64_t)(n + 1) + 16 : INT64_MAX;
}

void lbp_flush(lbp_Matcher *m) {
  int64_t n = m->pending;
  m->pending = 0;
  if (n >= LBP_CHARGE_BATCH) {
    lb_charge(m->L, n);
  } else if (n > 0) {
    /* A short call's steps join the tally without a clock reading: the next hook tick or
     * charge checks them. */
    lb_Control *c = lb_control(m->L);
    if (c->depth > 0) c->tally += n;
  }
}

/* Allocates the bit table once the steps show more than linear work (m->memoAt). */
static void activate_memo(lbp_Matcher *m) {
  const lbp_Program *g = m->prog;
  m->memoAt = INT64_MAX;
  if (m->memo != NULL || m->memoRefused || g->memoFrom >= g->count) return;
  size_t rows = g->count - g->memoFrom;
  size_t columns = m->n + 1;
  lb_Control *c = lb_control(m->L);
  size_t room = SIZE_MAX;
  if (c->enforce) room = c->limit > c->used ? c->limit - c->used : 0;
  if (columns > (SIZE_MAX - 7) / rows) {
    m->memoRefused = 1;
    return;
  }
  size_t bytes = (rows * columns + 7) / 8;
  if (bytes > LBP_MEMO_MAX || bytes > room / 4) {
    m->memoRefused = 1;
    return;
  }
  if (!m->memoLasts && bytes <= sizeof m->small) {
    m->memo = m->small;
  } else {
    m->memo = lua_newuserdatauv(m->L, bytes, 0);
    lua_replace(m->L, m->memoSlot);
  }
  memset(m->memo, 0, bytes);
}

void lbp_step(lbp_Matcher *m, int64_t n) {
  m->pending += n;
  m->total += n;
  if (m->total >= m->memoAt) activate_memo(m);
  if (m->pending >= LBP_CHARGE_BATCH) lbp_flush(m);
}

static size_t memo_bit(const lbp_Matcher *m, unsigned pc, size_t pos) {
  return (size_t)(pc - m->prog->memoFrom) * (m->n + 1) + pos;
}

/* Records (pc, pos) as entered; 0 if it was already (a failed state). */
static int memo_enter(lbp_Matcher *m, unsigned pc, size_t pos) {
  if (m->memo == NULL || pc < m->prog->memoFrom) return 1;
  size_t bit = memo_bit(m, pc, pos);
  unsigned char mask = (unsigned char)(1u << (bit & 7));
  if (m->memo[bit >> 3] & mask) return 0;
  m->memo[bit >> 3] |= mask;
  return 1;
}

/* Forgets the states of the path that matched: they did not fail. */
static void memo_release_path(lbp_Matcher *m, unsigned depth) {
  if (m->memo == NULL) return;
  for (unsigned pc = m->prog->memoFrom; pc < depth; pc++) {
    const lbp_Frame *f = &m->prog->frames[pc];
    for (size_t pos = f->lo; pos <= f->cur; pos++) {
      size_t bit = memo_bit(m, pc, pos);
      m->memo[bit >> 3] &= (unsigned char)~(1u << (bit & 7));
    }
  }
}

static void raise_error(lbp_Matcher *m, const lbp_Inst *in) {
  lua_State *L = m->L;
  lbp_flush(m);
  switch (in->arg) {
    case LBP_ERR_MISSING_BRACKET: luaL_error(L, "malformed pattern (missing ']')"); break;
    case LBP_ERR_ENDS_WITH_PERCENT: luaL_error(L, "malformed pattern (ends with '%%')"); break;
    case LBP_ERR_BALANCE_ARGUMENTS:
      luaL_error(L, "malformed pattern (missing arguments to '%%b')");
      break;
    case LBP_ERR_FRONTIER_BRACKET: luaL_error(L, "missing '[' after '%%f' in pattern"); break;
    case LBP_ERR_CLOSE_WITHOUT_OPEN: luaL_error(L, "invalid pattern capture"); break;
    case LBP_ERR_TOO_MANY_CAPTURES: luaL_error(L, "too many captures"); break;
    default: luaL_error(L, "invalid capture index %%%c", in->open); break;
  }
}

/* Enters state (pc, pos) as frame pc: 1 if it is now on the path, 0 if it is known to fail. */
static int enter(lbp_Matcher *m, unsigned pc, size_t pos) {
  const lbp_Inst *in = &m->prog->code[pc];
  lbp_step(m, 1);
  if (in->op == LBP_ERROR) raise_error(m, in);
  if (!memo_enter(m, pc, pos)) return 0;
  lbp_Frame *f = &m->prog->frames[pc];
  f->lo = f->cur = pos;
  f->phase = 0;
  switch (in->op) {
    case LBP_OPEN:
      m->capStart[in->arg] = pos;
      m->capLen[in->arg] = LBP_UNFINISHED;
      break;
    case LBP_CLOSE: m->capLen[in->arg] = (ptrdiff_t)(pos - m->capStart[in->arg]); break;
    case LBP_POSITION_CAPTURE:
      m->capStart[in->arg] = pos;
      m->capLen[in->arg] = LBP_POSITION;
      break;
    default: break;
  }
  return 1;
}

/* The end of a balanced `%b` run starting at pos, or 0 (ends are at least pos + 2). */
static size_t balance_end(lbp_Matcher *m, const lbp_Inst *in, size_t pos) {
  if (pos >= m->n || m->s[pos] != in->open) return 0;
  int64_t depth = 1;
  for (size_t q = pos + 1; q < m->n; q++) {
    unsigned char c = m->s[q];
    if (c == in->close) {
      if (--depth == 0) {
        lbp_step(m, (int64_t)(q - pos));
        return q + 1;
      }
    } else if (c == in->open) {
      depth++;
    }
  }
  lbp_step(m, (int64_t)(m->n - pos));
  return 0;
}

/* Whether the back-reference matches at pos; its length in *length. */
static int backref_matches(lbp_Matcher *m, const lbp_Inst *in, size_t pos, size_t *length) {
  ptrdiff_t len = m->capLen[in->arg];
  if (len < 0) return 0; /* a position capture has no text to repeat */
  lbp_step(m, 1 + len / 16);
  if (m->n - pos < (size_t)len) return 0;
  if (memcmp(m->s + m->capStart[in->arg], m->s + pos, (size_t)len) != 0) return 0;
  *length = (size_t)len;
  return 1;
}

/* The next successor of the frame at pc to try, in the manual's order: 1 with *to set, or 0
 * once the frame has none left (its state failed). */
static int next_successor(lbp_Matcher *m, unsigned pc, size_t *to) {
  const lbp_Inst *in = &m->prog->code[pc];
  lbp_Frame *f = &m->prog->frames[pc];
  const unsigned char *s = m->s;
  size_t n = m->n;
  switch (in->op) {
    case LBP_GREEDY:
      if (f->phase == 0) {
        f->phase = 1;
        while (f->cur < n && in_set(in, s[f->cur])) {
          lbp_step(m, 1);
          if (!memo_enter(m, pc, f->cur + 1)) break;
          f->cur++;
        }
        *to = f->cur;
        return 1;
      }
      if (f->cur == f->lo) return 0;
      *to = --f->cur;
      return 1;
    case LBP_LAZY:
      if (f->phase == 0) {
        f->phase = 1;
        *to = f->cur;
        return 1;
      }
      if (f->cur >= n || !in_set(in, s[f->cur])) return 0;
      lbp_step(m, 1);
      if (!memo_enter(m, pc, f->cur + 1)) return 0;
      *to = ++f->cur;
      return 1;
    case LBP_OPTIONAL:
      if (f->phase == 0) {
        f->phase = 1;
        if (f->cur < n && in_set(in, s[f->cur])) {
          *to = f->cur + 1;
          return 1;
        }
      }
      if (f->phase == 1) {
        f->phase = 2;
        *to = f->cur;
        return 1;
      }
      return 0;
    default: break;
  }
  /* Every other instruction has at most one successor. */
  if (f->phase++ != 0) return 0;
  size_t pos = f->cur;
  switch (in->op) {
    case LBP_BYTE:
      if (pos >= n || !in_set(in, s[pos])) return 0;
      *to = pos + 1;
      return 1;
    case LBP_BALANCE: {
      size_t end = balance_end(m, in, pos);
      if (end == 0) return 0;
      *to = end;
      return 1;
    }
    case LBP_FRONTIER: {
      unsigned before = pos > 0 ? s[pos - 1] : 0;
      unsigned here = pos < n ? s[pos] : 0;
      if (in_set(in, before) || !in_set(in, here)) return 0;
      *to = pos;
      return 1;
    }
    case LBP_BACKREF: {
      size_t length = 0;
      if (!backref_matches(m, in, pos, &length)) return 0;
      *to = pos + length;
      return 1;
    }
    case LBP_END:
      if (pos != n) return 0;
      *to = pos;
      return 1;
    default: /* captures */
      *to = pos;
      return 1;
  }
}

int lbp_match_at(lbp_Matcher *m, size_t start, size_t *end) {
  const lbp_Program *g = m->prog;
  if (!enter(m, 0, start)) return 0;
  unsigned depth = 1;
  while (depth > 0) {
    unsigned pc = depth - 1;
    if (g->code[pc].op == LBP_MATCH) {
      *end = g->frames[pc].cur;
      memo_release_path(m, depth);
      return 1;
    }
    size_t to;
    if (!next_successor(m, pc, &to)) {
      depth--;
    } else if (enter(m, pc + 1, to)) {
      depth++;
    }
  }
  return 0;
}
