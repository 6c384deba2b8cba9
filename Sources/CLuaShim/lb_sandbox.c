/*
 * The sandboxed standard library for untrusted scripts.
 *
 * A wrapper that passes a call on to the original function checks the arguments itself
 * first: an error the original raises names its caller, which is the wrapper (C, without a
 * line), not the script.
 */
#include "CLuaShim.h"

#include <string.h>

static char lb_loaded_key;
static int lb_passthrough(lua_State *L);

/* rawset refuses read-only views: a raw write would land in the shared view. */
static int lb_rawset(lua_State *L) {
  if (lb_isreadonly(L, 1)) {
    return luaL_error(L, "attempt to modify a read-only table with rawset");
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  if (lua_isnil(L, 2)) return luaL_error(L, "index is nil");
  if (lua_type(L, 2) == LUA_TNUMBER && lua_tonumber(L, 2) != lua_tonumber(L, 2)) {
    return luaL_error(L, "index is NaN");
  }
  return lb_passthrough(L);
}

/* load(chunk [, chunkname [, mode [, env]]]) with mode forced to "t". The env
 * argument is passed only when given: load(s, n, m, nil) differs from load(s). */
static int lb_luaload(lua_State *L) {
  int n = lua_gettop(L);
  if (lua_type(L, 1) != LUA_TSTRING) luaL_checktype(L, 1, LUA_TFUNCTION);
  luaL_optstring(L, 2, NULL);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  if (n >= 2) lua_pushvalue(L, 2); else lua_pushnil(L);
  lua_pushliteral(L, "t");
  if (n >= 4) {
    lua_pushvalue(L, 4);
    lua_call(L, 4, LUA_MULTRET);
  } else {
    lua_call(L, 3, LUA_MULTRET);
  }
  return lua_gettop(L) - n;
}

static int lb_passthrough(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

static int lb_collectgarbage(lua_State *L) {
  static const char *const allowed[] = {"collect", "count", "step", "isrunning", NULL};
  const char *option = luaL_optstring(L, 1, "collect");
  for (int i = 0; allowed[i] != NULL; i++) {
    if (strcmp(option, allowed[i]) == 0) {
      if (strcmp(option, "step") == 0) luaL_optinteger(L, 2, 0);
      return lb_passthrough(L);
    }
  }
  return luaL_error(L, "collectgarbage('%s') is not allowed in the sandbox", option);
}

static int lb_setmetatable(lua_State *L) {
  int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) {
    return luaL_error(L, "cannot change a protected metatable");
  }
  if (t == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) {
      return luaL_error(L, "setmetatable: a metatable with __gc is not allowed in the sandbox");
    }
    lua_pop(L, 1);
  }
  return lb_passthrough(L);
}

/* string.rep: a result larger than the memory limit fails as a memory error (the
 * stock function reports "resulting string too large" above INT_MAX bytes). */
static int lb_str_rep(lua_State *L) {
  lb_Control *c = lb_control(L);
  size_t l, lsep = 0;
  luaL_checklstring(L, 1, &l);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &lsep);
  if (n > 0 && c->enforce) {
    size_t room = c->limit > c->used ? c->limit - c->used : 0;
    size_t count = (size_t)n;
    int tooBig = (l + lsep) != 0 && (count > room || (l + lsep) > room / count);
    if (tooBig) {
      lua_newuserdatauv(L, c->limit + 1, 0); /* refused by the allocator: LUA_ERRMEM */
      return 0;
    }
  }
  return lb_passthrough(L);
}

/* print: tab-separated like Lua's, delivered to the host's print handler. */
static int lb_print(lua_State *L) {
  lb_Control *c = lb_control(L);
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; i++) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, NULL);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  size_t length;
  const char *text = lua_tolstring(L, -1, &length);
  if (c->print != NULL && c->owner != NULL) {
    int saved = c->enforce;
    c->enforce = 0;
    c->print(c->owner, text, length);
    c->enforce = saved;
  }
  return 0;
}

/* require(name): host-registered modules and files under the module root, as
 * resolved by the host; results cached per state like package.loaded. */
static int lb_require(lua_State *L) {
  lb_Control *c = lb_control(L);
  const char *name = luaL_checkstring(L, 1);
  lua_settop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &lb_loaded_key); /* 2 */
  lua_pushvalue(L, 1);
  if (lua_rawget(L, 2) != LUA_TNIL) return 1;
  lua_pop(L, 1);
  int status = -1;
  if (c->resolve != NULL && c->owner != NULL) {
    int saved = c->enforce;
    c->enforce = 0;
    status = c->resolve(c->owner, L, name); /* pushes source, chunkname (3, 4) */
    c->enforce = saved;
  } else {
    lua_pushfstring(L, "module '%s' not found", name);
  }
  if (status < 0) {
    lb_pushwhere(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
    return lua_error(L);
  }
  size_t length;
  const char *source = lua_tolstring(L, 3, &length);
  if (luaL_loadbufferx(L, source, length, lua_tostring(L, 4), "t") != LUA_OK) {
    return lua_error(L);
  }
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 4);
  lua_call(L, 2, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  /* A module is shared by every script of the state: hand it out read-only. */
  if (lua_type(L, -1) == LUA_TTABLE) {
    lb_pushreadonly(L, -1);
    lua_remove(L, -2);
  }
  lua_pushvalue(L, 1);
  lua_pushvalue(L, -2);
  lua_rawset(L, 2);
  return 1;
}

static void lb_setfield(lua_State *L, int table, const char *name, lua_CFunction f, int wrapOriginal) {
  table = lua_absindex(L, table);
  if (wrapOriginal) {
    lua_getfield(L, table, name);
    lua_pushcclosure(L, f, 1);
  } else if (f != NULL) {
    lua_pushcfunction(L, f);
  } else {
    lua_pushnil(L);
  }
  lua_setfield(L, table, name);
}

static int lb_opensandbox_unprotected(lua_State *L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
  luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
  lua_settop(L, 0);

  lua_pushglobaltable(L); /* 1 */
  lb_setfield(L, 1, "dofile", NULL, 0);
  lb_setfield(L, 1, "loadfile", NULL, 0);
  lb_setfield(L, 1, "load", lb_luaload, 1);
  lb_setfield(L, 1, "collectgarbage", lb_collectgarbage, 1);
  lb_setfield(L, 1, "setmetatable", lb_setmetatable, 1);
  lb_setfield(L, 1, "print", lb_print, 0);
  lb_setfield(L, 1, "require", lb_require, 0);

  /* string: the string metatable's __index is this same table. */
  lua_getfield(L, 1, LUA_STRLIBNAME); /* 2 */
  lb_setfield(L, 2, "dump", NULL, 0);
  lb_setfield(L, 2, "find", lb_str_find, 0);
  lb_setfield(L, 2, "match", lb_str_match, 0);
  lb_setfield(L, 2, "gmatch", lb_str_gmatch, 0);
  lb_setfield(L, 2, "gsub", lb_str_gsub, 0);
  lb_setfield(L, 2, "rep", lb_str_rep, 1);

  lua_getfield(L, 1, LUA_TABLIBNAME); /* 3 */
  lb_setfield(L, 3, "insert", lb_tab_insert, 0);
  lb_setfield(L, 3, "remove", lb_tab_remove, 0);
  lb_setfield(L, 3, "move", lb_tab_move, 0);

  /* os: only time, clock and date. */
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE); /* 4 */
  lua_getfield(L, 4, LUA_OSLIBNAME);                        /* 5: full os */
  lua_createtable(L, 0, 3);                                 /* 6 */
  static const char *const osKept[] = {"time", "clock", "date", NULL};
  for (int i = 0; osKept[i] != NULL; i++) {
    lua_getfield(L, 5, osKept[i]);
    lua_setfield(L, 6, osKept[i]);
  }
  lua_setfield(L, 1, LUA_OSLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, 4, LUA_OSLIBNAME);

  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &lb_loaded_key);

  /* Scripts see the libraries and the global table read-only; the string
   * metatable is hidden (its __index is the real string table). */
  lb_openreadonly(L);
  lb_setfield(L, 1, "rawset", lb_rawset, 1);
  static const char *const shared[] = {
      LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_MATHLIBNAME, LUA_UTF8LIBNAME,
      LUA_COLIBNAME, LUA_OSLIBNAME, NULL};
  for (int i = 0; shared[i] != NULL; i++) {
    lua_getfield(L, 1, shared[i]);
    lb_pushreadonly(L, -1);
    lua_setfield(L, 1, shared[i]);
    lua_pop(L, 1);
  }
  lb_pushreadonly(L, 1);
  lua_setfield(L, 1, LUA_GNAME);
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
  return 0;
}

int lb_opensandbox(lua_State *L) {
  lua_pushcfunction(L, lb_opensandbox_unprotected);
  return lua_pcall(L, 0, 0, 0);
}
