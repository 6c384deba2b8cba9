/*
 * State creation, allocator, instruction/time hook, protected calls and the
 * Swift callback trampoline.
 */
#include "CLuaShim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LB_HOOK_STEP 1000

static char lb_traceback_key;
static char lb_hosterror_key;

static int64_t lb_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int lb_step(const lb_Control *c) {
  if (c->budget < LB_HOOK_STEP) return c->budget < 1 ? 1 : (int)c->budget;
  return LB_HOOK_STEP;
}

static void lb_hook(lua_State *L, lua_Debug *ar);

static void lb_arm(lua_State *L, int count) {
  lb_Control *c = lb_control(L);
  if (c->unmetered && !c->exceeded) {
    /* Trusted code: no count hook, which Lua would enter at every instruction. */
    if (lua_gethook(L) != NULL) lua_sethook(L, NULL, 0, 0);
    return;
  }
  lua_sethook(L, lb_hook, LUA_MASKCOUNT, count);
}

/* Marks the call as over budget or over time if it is, recording the message. */
static void lb_check(lua_State *L, lb_Control *c, int level) {
  char where[LUA_IDSIZE + 32];
  if (c->tally > c->budget) {
    lb_formatwhere(L, level, where, sizeof where);
    snprintf(c->exceededMessage, sizeof c->exceededMessage,
             "%sinstruction budget of %lld exceeded", where, (long long)c->budget);
    c->exceeded = LB_EXCEEDED_BUDGET;
  } else if (lb_now() > c->deadline) {
    lb_formatwhere(L, level, where, sizeof where);
    snprintf(c->exceededMessage, sizeof c->exceededMessage, "%stime limit of %g s exceeded",
             where, (double)c->timeLimitNanos / 1e9);
    c->exceeded = LB_EXCEEDED_TIME;
  }
}

/* where([level]): "chunk:line" of the Lua function `level` levels above the caller of
 * where (1, the default, is that caller), or "" when that is not a Lua function with line
 * information: what error(msg, level) prefixes, less the trailing ": ". Host-only. */
static int lb_hostwhere(lua_State *L) {
  lua_Integer level = luaL_optinteger(L, 1, 1);
  lua_Debug ar;
  if (level >= 0 && level <= INT32_MAX && lua_getstack(L, (int)level, &ar)) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline > 0) {
      /* "%s:%d" by hand: lua_pushfstring formats numbers through snprintf, and this runs
       * for every scale operation a strategy records. */
      char out[LUA_IDSIZE + 24];
      size_t n = strlen(ar.short_src);
      memcpy(out, ar.short_src, n);
      out[n++] = ':';
      char digits[12];
      int d = 0;
      for (int line = ar.currentline; line > 0; line /= 10) digits[d++] = (char)('0' + line % 10);
      while (d > 0) out[n++] = digits[--d];
      lua_pushlstring(L, out, n);
      return 1;
    }
  }
  lua_pushliteral(L, "");
  return 1;
}

void lb_pushhostlib(lua_State *L) {
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, lb_hostwhere);
  lua_setfield(L, -2, "where");
}

static int lb_raiseexceeded(lua_State *L, lb_Control *c) {
  lb_arm(L, 1); /* keep failing on this thread: pcall cannot swallow it */
  lua_pushstring(L, c->exceededMessage);
  return lua_error(L);
}

static void lb_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  lb_Control *c = lb_control(L);
  if (c->depth == 0) return;
  if (!c->exceeded) {
    int count = lua_gethookcount(L);
    c->tally += count;
    lb_check(L, c, 0);
    if (!c->exceeded) {
      if (count != lb_step(c)) lb_arm(L, lb_step(c));
      return;
    }
  }
  lb_raiseexceeded(L, c);
}

void lb_charge(lua_State *L, int64_t n) {
  lb_Control *c = lb_control(L);
  if (c->depth == 0) return;
  if (!c->exceeded) {
    c->tally += n;
    lb_check(L, c, 1);
    if (!c->exceeded) return;
  }
  lb_raiseexceeded(L, c);
}

lua_State *lb_newstate(lb_Control *c) {
  lua_State *L = lua_newstate(lb_alloc, c);
  if (L == NULL) {
    lb_drain(c);
    return NULL;
  }
  *(lb_Control **)lua_getextraspace(L) = c;
  c->main = L;
  lb_arm(L, lb_step(c));
  return L;
}

void lb_close(lua_State *L) {
  lb_Control *c = lb_control(L);
  lua_close(L);
  lb_drain(c);
}

void lb_setlimits(lua_State *L, int64_t budget, size_t memory, int64_t timeNanos,
                  int metered) {
  lb_Control *c = lb_control(L);
  c->budget = budget < 1 ? 1 : budget;
  c->unmetered = !metered;
  c->limit = memory;
  c->timeLimitNanos = timeNanos < 0 ? 0 : timeNanos;
}

/* Message handler: records a traceback, returns the message (a string). */
static int lb_msgh(lua_State *L) {
  int t = lua_type(L, 1);
  if (t == LUA_TSTRING) {
    lua_pushvalue(L, 1);
  } else if (t == LUA_TNUMBER) {
    lua_pushvalue(L, 1);
    lua_tostring(L, -1);
  } else if (!(luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)) {
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  lb_unhost(L, 1);
  luaL_traceback(L, L, NULL, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &lb_traceback_key);
  lb_control(L)->traceback = 1;
  return 1;
}

int lb_pcall(lua_State *L, int nargs) {
  lb_Control *c = lb_control(L);
  int func = lua_gettop(L) - nargs;
  lua_pushcfunction(L, lb_msgh);
  lua_pushvalue(L, func); /* a copy to name the chunk after a memory error */
  lua_rotate(L, func, 2); /* handler, copy, function, args */
  if (c->traceback) { /* clear the last error's, so no stale one is reported */
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lb_traceback_key);
    c->traceback = 0;
  }
  if (c->depth == 0) {
    c->tally = 0;
    c->exceeded = LB_EXCEEDED_NONE;
    c->memoryExceeded = 0;
    c->exceededMessage[0] = '\0';
    c->errorChunk[0] = '\0';
    c->errorLine = 0;
    int64_t now = lb_now();
    c->deadline = (c->timeLimitNanos > INT64_MAX - now) ? INT64_MAX : now + c->timeLimitNanos;
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lb_hosterror_key);
    lb_arm(L, lb_step(c));
  }
  c->depth++;
  int saved = c->enforce;
  c->enforce = 1;
  int status = lua_pcall(L, nargs, LUA_MULTRET, func);
  c->enforce = saved;
  c->depth--;
  if (status == LUA_ERRMEM && c->errorChunk[0] == '\0') {
    lua_Debug ar;
    lua_pushvalue(L, func + 1);
    if (lua_getinfo(L, ">S", &ar) && strcmp(ar.short_src, c->hostChunk) != 0) {
      snprintf(c->errorChunk, sizeof c->errorChunk, "%s", ar.short_src);
    }
  }
  lua_rotate(L, func, -2);
  lua_pop(L, 2); /* handler and copy */
  if (status == LUA_OK && c->exceeded) {
    lua_settop(L, func - 1);
    lua_pushstring(L, c->exceededMessage);
    status = LUA_ERRRUN;
  }
  return status;
}

int lb_load(lua_State *L, const char *source, size_t length, const char *chunkname) {
  lb_Control *c = lb_control(L);
  int saved = c->enforce;
  if (c->depth == 0) c->memoryExceeded = 0;
  c->enforce = 1;
  int status = luaL_loadbufferx(L, source, length, chunkname, "t");
  c->enforce = saved;
  return status;
}

void lb_pushtraceback(lua_State *L) { lua_rawgetp(L, LUA_REGISTRYINDEX, &lb_traceback_key); }

int lb_ishosterror(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &lb_hosterror_key);
  int same = lua_type(L, -1) == LUA_TSTRING && lua_rawequal(L, idx, -1);
  lua_pop(L, 1);
  return same;
}

void lb_fullgc(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }

/* Calls the Swift function; raises its error only after Swift has returned. */
static int lb_trampoline(lua_State *L) {
  lb_Control *c = lb_control(L);
  void *box = lua_touserdata(L, lua_upvalueindex(1));
  if (c->callback == NULL || c->owner == NULL) {
    return luaL_error(L, "host function is no longer available");
  }
  int saved = c->enforce;
  c->enforce = 0;
  int n = c->callback(L, box);
  c->enforce = saved;
  if (n < 0) {
    lb_pushwhere(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lb_hosterror_key);
    return lua_error(L);
  }
  return n;
}

void lb_register(lua_State *L, const char *name, void *box) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushstring(L, name);
  lua_pushlightuserdata(L, box);
  lua_pushcclosure(L, lb_trampoline, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}
