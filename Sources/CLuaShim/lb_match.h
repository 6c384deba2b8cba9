/* Private to CLuaShim: the bounded Lua pattern matcher (see lb_match.c). */
#ifndef LB_MATCH_H
#define LB_MATCH_H

#include "CLuaShim.h"

#define LB_MAXCAPTURES 32
#define LB_MAXCCALLS 200
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define L_ESC '%'
#define SPECIALS "^$*+?.([%-"
#define LB_BATCH 4096
#define uchar(c) ((unsigned char)(c))

typedef struct MatchState {
  const char *src_init;
  const char *src_end;
  const char *p_end;
  lua_State *L;
  int matchdepth;
  unsigned char level;
  int64_t steps;
  struct {
    const char *init;
    ptrdiff_t len;
  } capture[LB_MAXCAPTURES];
} MatchState;

/* Charges matcher work to the budget (batched); may raise. */
void lbm_charge(MatchState *ms, int64_t n);
const char *lbm_match(MatchState *ms, const char *s, const char *p);
size_t lbm_get_onecapture(MatchState *ms, int i, const char *s, const char *e, const char **cap);
void lbm_push_onecapture(MatchState *ms, int i, const char *s, const char *e);
int lbm_push_captures(MatchState *ms, const char *s, const char *e);
int lbm_nospecials(const char *p, size_t l);
void lbm_prepstate(MatchState *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp);
void lbm_reprepstate(MatchState *ms);
const char *lbm_lmemfind(MatchState *ms, const char *s1, size_t l1, const char *s2, size_t l2);

#endif
