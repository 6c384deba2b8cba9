/*
 * math.random and math.randomseed for the sandbox: a SplitMix64 generator whose state lives in
 * lb_Control and restarts from lb_Control.seed at every top-level call (lb_pcall), so the
 * numbers a call draws depend only on the seed the host set and on what the call does.
 */
#include "CLuaShim.h"

/* SplitMix64's output mix: a bijection on 64 bits that spreads every input bit. */
static uint64_t lb_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t lb_next(lb_Control *c) {
  c->random += 0x9e3779b97f4a7c15ULL;
  return lb_mix(c->random);
}

/* A uniform integer in [0, span] (span + 1 values), without modulo bias: draws below
 * 2^64 mod (span + 1) are redrawn. */
static uint64_t lb_below(lb_Control *c, uint64_t span) {
  uint64_t x = lb_next(c);
  if (span == UINT64_MAX) return x;
  uint64_t count = span + 1;
  uint64_t reject = (0 - count) % count;
  while (x < reject) x = lb_next(c);
  return x % count;
}

/* math.random(): a float in [0, 1). math.random(m): an integer in [1, m]; math.random(0): an
 * integer with every bit random. math.random(m, n): an integer in [m, n]. */
int lb_math_random(lua_State *L) {
  lb_Control *c = lb_control(L);
  lua_Integer low, high;
  switch (lua_gettop(L)) {
    case 0:
      lua_pushnumber(L, (lua_Number)(lb_next(c) >> 11) * 0x1.0p-53);
      return 1;
    case 1:
      low = 1;
      high = luaL_checkinteger(L, 1);
      if (high == 0) {
        lua_pushinteger(L, (lua_Integer)lb_next(c));
        return 1;
      }
      break;
    case 2:
      low = luaL_checkinteger(L, 1);
      high = luaL_checkinteger(L, 2);
      break;
    default:
      return luaL_error(L, "wrong number of arguments");
  }
  luaL_argcheck(L, low <= high, lua_gettop(L), "interval is empty");
  uint64_t offset = lb_below(c, (uint64_t)high - (uint64_t)low);
  lua_pushinteger(L, (lua_Integer)((uint64_t)low + offset));
  return 1;
}

/* The bits of a seed argument: an integer as it is, a float by its representation. */
static uint64_t lb_seedbits(lua_State *L, int arg) {
  if (lua_isinteger(L, arg)) return (uint64_t)lua_tointeger(L, arg);
  union {
    lua_Number n;
    uint64_t bits;
  } value = {.n = luaL_checknumber(L, arg)};
  return value.bits;
}

/* math.randomseed(x [, y]): restarts the generator from x and y, the same sequence for the
 * same arguments. math.randomseed(): restarts it from the seed of this call. */
int lb_math_randomseed(lua_State *L) {
  lb_Control *c = lb_control(L);
  if (lua_isnone(L, 1)) {
    c->random = c->seed;
    return 0;
  }
  uint64_t x = lb_seedbits(L, 1);
  uint64_t y = lua_isnoneornil(L, 2) ? 0 : lb_seedbits(L, 2);
  c->random = lb_mix(x) ^ lb_mix(y + 0x9e3779b97f4a7c15ULL);
  return 0;
}
