/*
 * Read-only views of shared tables.
 */
#include "CLuaShim.h"

static char lb_readonly_key; /* registry: the set of read-only views (weak keys) */

/* ---- Read-only views -------------------------------------------------------
 * The libraries, the global table and every required module are shared by all
 * scripts a state runs, so scripts see them through read-only views: reads go
 * to the real table, writes raise, and neither getmetatable nor rawset reaches
 * the real table. One script can therefore never change what another sees. */

static int lb_readonly_newindex(lua_State *L) {
  return luaL_error(L, "attempt to modify a read-only table (field '%s')",
                    luaL_tolstring(L, 2, NULL));
}

static int lb_readonly_len(lua_State *L) {
  lua_pushinteger(L, luaL_len(L, lua_upvalueindex(1)));
  return 1;
}

static int lb_readonly_pairs(lua_State *L) {
  lua_getglobal(L, "next");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushnil(L);
  return 3;
}

/* Pushes a read-only view of the table at `index`. Its metatable's __index is the
 * real table itself, so reads cost what a plain table's __index chain costs. */
void lb_pushreadonly(lua_State *L, int index) {
  index = lua_absindex(L, index);
  lua_newtable(L); /* the view */
  lua_createtable(L, 0, 5);
  lua_pushvalue(L, index);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, lb_readonly_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushvalue(L, index);
  lua_pushcclosure(L, lb_readonly_len, 1);
  lua_setfield(L, -2, "__len");
  lua_pushvalue(L, index);
  lua_pushcclosure(L, lb_readonly_pairs, 1);
  lua_setfield(L, -2, "__pairs");
  lua_pushliteral(L, "read-only");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &lb_readonly_key); /* views (weak keys) */
  lua_pushvalue(L, -2);
  lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

/* Whether the value at `index` is a read-only view. */
int lb_isreadonly(lua_State *L, int index) {
  if (lua_type(L, index) != LUA_TTABLE) return 0;
  index = lua_absindex(L, index);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &lb_readonly_key);
  lua_pushvalue(L, index);
  int found = lua_rawget(L, -2) != LUA_TNIL;
  lua_pop(L, 2);
  return found;
}

void lb_openreadonly(lua_State *L) {
  lua_createtable(L, 0, 8); /* the set of views, weak keys */
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &lb_readonly_key);
}
