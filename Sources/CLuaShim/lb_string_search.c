/*
 * string.find, string.match and string.gmatch (reference manual §6.4) over the compiled
 * matcher (lb_pattern.h).
 */
#include "lb_pattern.h"

#include <string.h>

/* find and match: the first match at or after init. */
static int search(lua_State *L, int find) {
  size_t n, lp;
  const char *s = luaL_checklstring(L, 1, &n);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t start = lbp_start_offset(luaL_optinteger(L, 3, 1), n);
  if (start > n) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || lbp_is_plain(p, lp))) {
    size_t at = lbp_find_plain(L, s, n, p, lp, start);
    if (at == (size_t)-1) {
      luaL_pushfail(L);
      return 1;
    }
    lua_pushinteger(L, (lua_Integer)at + 1);
    lua_pushinteger(L, (lua_Integer)(at + lp));
    return 2;
  }
  lbp_Program g;
  lbp_SmallRoom small;
  lbp_prepare(L, &g, &small, p, lp, 1);
  lua_pushnil(L);
  lbp_Matcher m;
  lbp_init(&m, L, &g, s, n, lua_gettop(L), 0);
  for (size_t at = start; at <= n; at++) {
    size_t end;
    if (lbp_match_at(&m, at, &end)) {
      lbp_flush(&m);
      if (!find) return lbp_push_captures(&m, at, end, 1);
      lua_pushinteger(L, (lua_Integer)at + 1);
      lua_pushinteger(L, (lua_Integer)end);
      return 2 + lbp_push_captures(&m, at, end, 0);
    }
    if (g.anchored) break;
  }
  lbp_flush(&m);
  luaL_pushfail(L);
  return 1;
}

int lb_str_find(lua_State *L) { return search(L, 1); }

int lb_str_match(lua_State *L) { return search(L, 0); }

/* The iterator's state, followed by its program's frames and code. Its user value holds the
 * matcher's memo, which stays valid from one call to the next (same program, same subject). */
typedef struct GmatchState {
  lbp_Program prog;
  size_t next;     /* where the next search starts */
  size_t lastEnd;  /* end of the last match returned, or SIZE_MAX */
  int64_t total;   /* matcher steps so far */
  int memoRefused;
  int running;     /* a call is under way: still set if it was interrupted by an error */
} GmatchState;

/* Upvalues: subject, pattern, state. An empty match right where the previous match ended
 * is skipped, as the manual's gsub/gmatch do. */
static int gmatch_next(lua_State *L) {
  size_t n;
  const char *s = lua_tolstring(L, lua_upvalueindex(1), &n);
  GmatchState *st = lua_touserdata(L, lua_upvalueindex(3));
  lua_settop(L, 0);
  if (st->running) { /* the memo may hold the states of an interrupted path */
    lua_pushnil(L);
    lua_setiuservalue(L, lua_upvalueindex(3), 1);
  }
  lua_getiuservalue(L, lua_upvalueindex(3), 1); /* 1: the memo, or nil */
  st->running = 1;
  lbp_Matcher m;
  lbp_init(&m, L, &st->prog, s, n, 1, 1);
  m.total = st->total;
  m.memoRefused = st->memoRefused;
  size_t at = 0, end = 0;
  int found = 0;
  while (!found && st->next <= n) {
    at = st->next;
    if (lbp_match_at(&m, at, &end) && end != st->lastEnd) {
      st->next = st->lastEnd = end;
      found = 1;
    } else {
      st->next++;
    }
  }
  st->total = m.total;
  st->memoRefused = m.memoRefused;
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, lua_upvalueindex(3), 1);
  st->running = 0;
  lbp_flush(&m);
  if (!found) return 0;
  return lbp_push_captures(&m, at, end, 1);
}

/* gmatch(s, pattern [, init]): a leading `^` is an ordinary character here. */
int lb_str_gmatch(lua_State *L) {
  size_t n, lp;
  luaL_checklstring(L, 1, &n);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t start = lbp_start_offset(luaL_optinteger(L, 3, 1), n);
  if (start > n) start = n + 1;
  lua_settop(L, 2);
  GmatchState *st = lua_newuserdatauv(L, sizeof(GmatchState) + lbp_program_size(lp), 1);
  lbp_place(&st->prog, st + 1, lp);
  lbp_compile(&st->prog, p, lp, 0);
  st->next = start;
  st->lastEnd = SIZE_MAX;
  st->total = 0;
  st->memoRefused = 0;
  st->running = 0;
  lua_pushcclosure(L, gmatch_next, 3);
  return 1;
}
