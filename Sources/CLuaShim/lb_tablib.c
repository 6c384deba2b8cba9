/*
 * table.insert, table.remove and table.move with their element loops charged
 * to the instruction budget. The stock versions loop in C without the count
 * hook ever firing: `table.move(t, 1, 2^40, 2)` or table.remove on a table
 * whose border is huge would otherwise run for hours. Semantics follow Lua
 * 5.4's ltablib.c (Copyright (C) 1994-2022 Lua.org, PUC-Rio, MIT licence), but
 * the first argument must be a table (no proxy objects).
 */
#include "CLuaShim.h"

#define LB_TAB_BATCH 1024

typedef struct Meter {
  lua_State *L;
  int64_t pending;
} Meter;

static void tick(Meter *m) {
  if (++m->pending >= LB_TAB_BATCH) {
    lb_charge(m->L, m->pending);
    m->pending = 0;
  }
}

static lua_Integer getn(lua_State *L, int arg) {
  luaL_checktype(L, arg, LUA_TTABLE);
  return luaL_len(L, arg);
}

int lb_tab_insert(lua_State *L) {
  Meter m = {L, 0};
  lua_Integer pos;
  lua_Integer e = getn(L, 1);
  e = luaL_intop(+, e, 1); /* first empty element */
  switch (lua_gettop(L)) {
    case 2:
      pos = e;
      break;
    case 3:
      pos = luaL_checkinteger(L, 2);
      luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
      for (lua_Integer i = e; i > pos; i--) { /* move up elements */
        tick(&m);
        lua_geti(L, 1, i - 1);
        lua_seti(L, 1, i);
      }
      break;
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, pos);
  return 0;
}

int lb_tab_remove(lua_State *L) {
  Meter m = {L, 0};
  lua_Integer size = getn(L, 1);
  lua_Integer pos = luaL_optinteger(L, 2, size);
  if (pos != size)
    luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
  lua_geti(L, 1, pos);
  for (; pos < size; pos++) {
    tick(&m);
    lua_geti(L, 1, pos + 1);
    lua_seti(L, 1, pos);
  }
  lua_pushnil(L);
  lua_seti(L, 1, pos);
  return 1;
}

int lb_tab_move(lua_State *L) {
  Meter m = {L, 0};
  lua_Integer f = luaL_checkinteger(L, 2);
  lua_Integer e = luaL_checkinteger(L, 3);
  lua_Integer t = luaL_checkinteger(L, 4);
  int tt = !lua_isnoneornil(L, 5) ? 5 : 1; /* destination table */
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, tt, LUA_TTABLE);
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    lua_Integer n = e - f + 1;
    luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
    if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
      for (lua_Integer i = 0; i < n; i++) {
        tick(&m);
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    } else {
      for (lua_Integer i = n - 1; i >= 0; i--) {
        tick(&m);
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    }
  }
  lua_pushvalue(L, tt);
  return 1;
}
