/*
 * Private to CLuaShim: Lua patterns (reference manual §6.4.1) compiled into a small program
 * and run by a backtracking matcher that remembers failed (instruction, position) pairs.
 *
 * A program is a straight line of instructions, one per pattern item; quantified items loop
 * on themselves, every other instruction continues with the next one. The matcher walks it
 * depth first in the order the manual prescribes (longest first for `*` and `+`, shortest
 * first for `-`, "one" before "none" for `?`), so the first match it finds is stock Lua's.
 * When no back-reference follows an instruction, whether the rest of the pattern matches
 * from a subject position depends on nothing else, so a failed pair is recorded in a bit
 * table and never explored again: each call explores at most a few states per (instruction,
 * position) pair. Everything else (back-references, `%b` scans, plain searches) is charged to
 * the instruction budget.
 */
#ifndef LB_PATTERN_H
#define LB_PATTERN_H

#include "CLuaShim.h"

#define LBP_MAXCAPTURES 32
#define LBP_UNFINISHED (-1)
#define LBP_POSITION (-2)
/* Programs of up to this many instructions live on the C stack. */
#define LBP_SMALL 24

enum {
  LBP_BYTE,     /* one byte of `set` */
  LBP_OPTIONAL, /* `?`: one byte of `set`, or none */
  LBP_GREEDY,   /* `*` (and the tail of `+`): as many bytes of `set` as possible */
  LBP_LAZY,     /* `-`: as few bytes of `set` as possible */
  LBP_OPEN,     /* `(`: capture `arg` starts here */
  LBP_CLOSE,    /* `)`: capture `arg` ends here */
  LBP_POSITION_CAPTURE, /* `()`: capture `arg` is this position */
  LBP_BALANCE,  /* `%bxy` with x = `open`, y = `close` */
  LBP_FRONTIER, /* `%f[set]` */
  LBP_BACKREF,  /* `%1`-`%9`: the text of capture `arg` again */
  LBP_END,      /* `$` as the pattern's last character */
  LBP_MATCH,    /* the whole pattern matched */
  LBP_ERROR     /* the pattern is malformed from here: raised when a match reaches it */
};

/* Error codes of LBP_ERROR (`arg`); LBP_ERR_BACKREF keeps the digit in `open`. */
enum {
  LBP_ERR_MISSING_BRACKET,
  LBP_ERR_ENDS_WITH_PERCENT,
  LBP_ERR_BALANCE_ARGUMENTS,
  LBP_ERR_FRONTIER_BRACKET,
  LBP_ERR_CLOSE_WITHOUT_OPEN,
  LBP_ERR_TOO_MANY_CAPTURES,
  LBP_ERR_BACKREF
};

typedef struct lbp_Inst {
  unsigned char op;
  unsigned char arg;
  unsigned char open, close;
  unsigned char set[32]; /* bit b: byte b belongs to the item */
} lbp_Inst;

/* One instruction on the matcher's current path. A path runs through instructions 0, 1, 2
 * ... in order, so frame d always holds instruction d. Loops cover positions lo..cur. */
typedef struct lbp_Frame {
  size_t lo, cur;
  unsigned phase;
} lbp_Frame;

typedef struct lbp_Program {
  lbp_Inst *code;
  lbp_Frame *frames;
  unsigned count;     /* instructions; the last is LBP_MATCH or LBP_ERROR */
  unsigned memoFrom;  /* first instruction after the last back-reference */
  int captures;       /* captures opened before the end */
  uint32_t unfinished; /* bit i: capture i is opened and never closed */
  int anchored;       /* a leading `^` (find, match and gsub only) */
} lbp_Program;

/* Bytes a program of `patternLength` characters needs at most (code and frames). */
size_t lbp_program_size(size_t patternLength);
/* Compiles `p` into `g`, whose code and frames point at room for lbp_program_size(lp) bytes.
 * Never raises: a malformed item becomes an LBP_ERROR instruction. `caret` 1 reads a
 * leading `^` as an anchor. */
void lbp_compile(lbp_Program *g, const char *p, size_t lp, int caret);
/* Room for a program of up to LBP_SMALL instructions on the C stack. */
typedef struct lbp_SmallRoom {
  lbp_Frame frames[LBP_SMALL];
  lbp_Inst code[LBP_SMALL];
} lbp_SmallRoom;
/* Points g's code and frames at `room` (frames first, then code; lbp_program_size bytes). */
void lbp_place(lbp_Program *g, void *room, size_t patternLength);
/* Compiles `p` into `small` when it fits, or else into a new userdata; pushes exactly one
 * value (the userdata, or nil) that keeps the program alive. */
void lbp_prepare(lua_State *L, lbp_Program *g, lbp_SmallRoom *small, const char *p, size_t lp,
                 int caret);
/* A 1-based, possibly negative init argument as a 0-based offset (may exceed len). */
size_t lbp_start_offset(lua_Integer init, size_t len);
/* 1 if `p` has none of the characters that make a pattern differ from plain text. */
int lbp_is_plain(const char *p, size_t lp);

typedef struct lbp_Matcher {
  lua_State *L;
  const lbp_Program *prog;
  const unsigned char *s;
  size_t n;
  size_t capStart[LBP_MAXCAPTURES];
  ptrdiff_t capLen[LBP_MAXCAPTURES];
  unsigned char *memo; /* failed pairs, NULL until the work passes a linear threshold */
  int memoSlot;        /* stack slot that keeps the memo's userdata alive */
  int memoLasts;       /* the memo outlives this call (gmatch): never in `small` */
  unsigned char small[128]; /* the memo when it fits and need not last */
  int memoRefused;     /* the table would be too large: the budget alone bounds the work */
  int64_t pending;     /* steps not yet charged to the budget */
  int64_t total;       /* steps taken by this matcher */
  int64_t memoAt;      /* the step count that makes the memo (2 per position + 16) */
} lbp_Matcher;

/* Prepares a matcher; `memoSlot` is a stack slot (holding nil, or a memo made earlier by
 * this same program and subject) the matcher may replace with the memo's userdata, which
 * `lasting` 1 asks for even when the memo is small enough for the matcher itself. */
void lbp_init(lbp_Matcher *m, lua_State *L, const lbp_Program *g, const char *s, size_t n,
              int memoSlot, int lasting);
/* Matches the pattern at `start`: 1 and the end in *end (captures set) or 0. May raise. */
int lbp_match_at(lbp_Matcher *m, size_t start, size_t *end);
/* Charges the steps not yet charged; may raise. */
void lbp_flush(lbp_Matcher *m);
/* Adds `n` steps of work (scans, comparisons); may raise. */
void lbp_step(lbp_Matcher *m, int64_t n);

/* Pushes capture i of the last match [s, e) (the whole match when the pattern has no
 * captures and i is 0); raises for an unfinished capture. */
void lbp_push_capture(lbp_Matcher *m, int i, size_t s, size_t e);
/* Pushes all captures (or the whole match when there are none and `whole`); returns how many. */
int lbp_push_captures(lbp_Matcher *m, size_t s, size_t e, int whole);

/* Plain search for `needle` (k bytes) in `hay` (n bytes) from index `from`, charging the
 * bytes compared to the budget; returns the index of the first occurrence or (size_t)-1. */
size_t lbp_find_plain(lua_State *L, const char *hay, size_t n, const char *needle, size_t k,
                      size_t from);

#endif
