/*
 * string.gsub (reference manual §6.4) over the compiled matcher (lb_pattern.h). The text a
 * replacement adds is charged to the instruction budget along with the matcher's steps.
 */
#include "lb_pattern.h"

#include <string.h>

/* Appends the replacement string at stack index 3, expanding `%0`-`%9` and `%%`. */
static void add_expanded(lbp_Matcher *m, luaL_Buffer *b, size_t s, size_t e) {
  lua_State *L = m->L;
  size_t lr;
  const char *r = lua_tolstring(L, 3, &lr);
  size_t i = 0;
  while (i < lr) {
    const char *percent = memchr(r + i, '%', lr - i);
    if (percent == NULL) {
      luaL_addlstring(b, r + i, lr - i);
      break;
    }
    size_t at = (size_t)(percent - r);
    luaL_addlstring(b, r + i, at - i);
    char d = at + 1 < lr ? r[at + 1] : '\0';
    if (d == '%') {
      luaL_addchar(b, '%');
    } else if (d == '0') {
      luaL_addlstring(b, (const char *)m->s + s, e - s);
    } else if (d >= '1' && d <= '9') {
      int index = d - '1';
      if (index >= m->prog->captures && index != 0) {
        luaL_error(L, "invalid capture index %%%d", index + 1);
      }
      lbp_push_capture(m, index, s, e);
      luaL_tolstring(L, -1, NULL);
      lua_remove(L, -2);
      luaL_addvalue(b);
    } else {
      luaL_error(L, "invalid use of '%%' in replacement string");
    }
    i = at + 2;
  }
}

/* Appends what replaces the match [s, e): the expanded string, or the table's value or the
 * function's result for the first capture (all captures, for a function), or the match
 * itself when that is false or nil. */
static void add_replacement(lbp_Matcher *m, luaL_Buffer *b, size_t s, size_t e, int kind) {
  lua_State *L = m->L;
  size_t before = luaL_bufflen(b);
  if (kind == LUA_TSTRING || kind == LUA_TNUMBER) {
    add_expanded(m, b, s, e);
  } else {
    if (kind == LUA_TFUNCTION) {
      lua_pushvalue(L, 3);
      int count = lbp_push_captures(m, s, e, 1);
      lua_call(L, count, 1);
    } else {
      lbp_push_capture(m, 0, s, e);
      lua_gettable(L, 3);
    }
    if (!lua_toboolean(L, -1)) {
      lua_pop(L, 1);
      luaL_addlstring(b, (const char *)m->s + s, e - s);
    } else if (!lua_isstring(L, -1)) {
      luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    } else {
      luaL_addvalue(b);
    }
  }
  lbp_step(m, 1 + (int64_t)((luaL_bufflen(b) - before) / 16));
}

int lb_str_gsub(lua_State *L) {
  size_t n, lp;
  const char *s = luaL_checklstring(L, 1, &n);
  const char *p = luaL_checklstring(L, 2, &lp);
  int kind = lua_type(L, 3);
  lua_Integer limit = luaL_optinteger(L, 4, (lua_Integer)n + 1);
  luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION ||
                          kind == LUA_TTABLE,
                   3, "string/function/table");
  lua_settop(L, 3);
  lbp_Program g;
  lbp_SmallRoom small;
  lbp_prepare(L, &g, &small, p, lp, 1); /* 4 */
  lua_pushnil(L);                       /* 5: the memo */
  lbp_Matcher m;
  lbp_init(&m, L, &g, s, n, 5, 0);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  size_t at = 0, lastEnd = SIZE_MAX;
  lua_Integer count = 0;
  while (count < limit) {
    size_t end;
    if (lbp_match_at(&m, at, &end) && end != lastEnd) {
      count++;
      add_replacement(&m, &b, at, end, kind);
      at = lastEnd = end;
    } else if (at < n) {
      luaL_addchar(&b, s[at++]);
    } else {
      break;
    }
    if (g.anchored) break;
  }
  luaL_addlstring(&b, s + at, n - at);
  lbp_flush(&m);
  luaL_pushresult(&b);
  lua_pushinteger(L, count);
  return 2;
}
