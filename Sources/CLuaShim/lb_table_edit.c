/*
 * table.insert, table.remove and table.move (reference manual §6.6). They read and write
 * through metamethods, like the rest of the table library, and charge one instruction per
 * element shifted or moved, so a huge length reported by __len cannot keep the script inside
 * C past its budget.
 */
#include "CLuaShim.h"

enum { NEEDS_READ = 1, NEEDS_WRITE = 2, NEEDS_LENGTH = 4 };

/* Accepts a table, or a value whose metatable has the fields the operation uses. */
static void check_table(lua_State *L, int arg, int needs) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  int usable = 0;
  if (lua_getmetatable(L, arg)) {
    static const char *const fields[] = {"__index", "__newindex", "__len"};
    usable = 1;
    for (int i = 0; i < 3; i++) {
      if (!(needs & (1 << i))) continue;
      lua_pushstring(L, fields[i]);
      if (lua_rawget(L, -2) == LUA_TNIL) usable = 0;
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  if (!usable) luaL_checktype(L, arg, LUA_TTABLE);
}

/* Counts element moves, charging them to the budget in batches. */
typedef struct Meter {
  lua_State *L;
  int64_t pending;
} Meter;

static void meter_tick(Meter *m) {
  if (++m->pending >= 1024) {
    lb_charge(m->L, m->pending);
    m->pending = 0;
  }
}

static void meter_flush(Meter *m) {
  if (m->pending > 0) lb_charge(m->L, m->pending);
  m->pending = 0;
}

/* t[to] = t[from] for the table at `index`. */
static void copy_element(lua_State *L, int source, lua_Integer from, int target, lua_Integer to) {
  lua_geti(L, source, from);
  lua_seti(L, target, to);
}

/* insert(list, [pos,] value): pos in 1..#list+1 (compared as unsigned, like the length). */
int lb_tab_insert(lua_State *L) {
  check_table(L, 1, NEEDS_READ | NEEDS_WRITE | NEEDS_LENGTH);
  lua_Unsigned append = (lua_Unsigned)luaL_len(L, 1) + 1u;
  lua_Integer pos = (lua_Integer)append;
  Meter meter = {L, 0};
  int args = lua_gettop(L);
  if (args == 3) {
    pos = luaL_checkinteger(L, 2);
    luaL_argcheck(L, (lua_Unsigned)pos - 1u < append, 2, "position out of bounds");
    for (lua_Integer i = (lua_Integer)append; i > pos; i--) {
      copy_element(L, 1, i - 1, 1, i);
      meter_tick(&meter);
    }
  } else if (args != 2) {
    return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, pos); /* the value is on top */
  meter_flush(&meter);
  return 0;
}

/* remove(list [, pos]): pos in 1..#list+1, or #list itself (which covers 0 for an empty
 * list); returns the removed value. */
int lb_tab_remove(lua_State *L) {
  check_table(L, 1, NEEDS_READ | NEEDS_WRITE | NEEDS_LENGTH);
  lua_Integer size = luaL_len(L, 1);
  lua_Integer pos = luaL_optinteger(L, 2, size);
  if (pos != size) {
    luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 1, "position out of bounds");
  }
  Meter meter = {L, 0};
  lua_geti(L, 1, pos);
  for (; pos < size; pos++) {
    copy_element(L, 1, pos + 1, 1, pos);
    meter_tick(&meter);
  }
  lua_pushnil(L);
  lua_seti(L, 1, pos);
  meter_flush(&meter);
  return 1;
}

/* move(a1, f, e, t [, a2]): a2[t], ... = a1[f], ..., a1[e]; overlapping ranges of one table
 * are copied from the end so every element is read before it is overwritten. */
int lb_tab_move(lua_State *L) {
  lua_Integer f = luaL_checkinteger(L, 2);
  lua_Integer e = luaL_checkinteger(L, 3);
  lua_Integer t = luaL_checkinteger(L, 4);
  int target = lua_isnoneornil(L, 5) ? 1 : 5;
  check_table(L, 1, NEEDS_READ);
  check_table(L, target, NEEDS_WRITE);
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    lua_Integer count = e - f + 1;
    luaL_argcheck(L, t <= LUA_MAXINTEGER - count + 1, 4, "destination wrap around");
    Meter meter = {L, 0};
    int backwards = t > f && t <= e && (target == 1 || lua_rawequal(L, 1, target));
    for (lua_Integer i = 0; i < count; i++) {
      lua_Integer k = backwards ? count - 1 - i : i;
      copy_element(L, 1, f + k, target, t + k);
      meter_tick(&meter);
    }
    meter_flush(&meter);
  }
  lua_pushvalue(L, target);
  return 1;
}
