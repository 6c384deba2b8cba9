/*
 * CLuaShim: the parts of the Lua embedding that must be written in C.
 *
 * Swift must never be on the stack when Lua raises an error (lua_error uses
 * longjmp). Everything that can raise lives here: the protected-call wrapper,
 * the message handler, the instruction/time hook, the bounded pattern matcher
 * and table functions, and the trampoline that raises errors reported by
 * Swift callbacks after the Swift frame has returned.
 */
#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <stddef.h>
#include <stdint.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

/* Why the current top-level call is over its limits (sticky until the next one). */
enum { LB_EXCEEDED_NONE = 0, LB_EXCEEDED_BUDGET = 1, LB_EXCEEDED_TIME = 2 };

/* A Swift function called by the trampoline. Returns the number of results it
 * pushed, or -1 after pushing an error message (C then raises it). */
typedef int (*lb_CallbackFn)(lua_State *L, void *box);
/* Receives one line printed by the script. */
typedef void (*lb_PrintFn)(void *owner, const char *text, size_t length);
/* Resolves a module for `require`: pushes source and chunk name and returns 2,
 * or pushes an error message and returns -1. */
typedef int (*lb_ResolveFn)(void *owner, lua_State *L, const char *name);

/* The allocator's small-block size classes (see lb_alloc): LB_SMALL_CLASSES classes
 * of LB_SMALL_STEP bytes each, up to LB_SMALL_MAX; at most LB_CACHE_MAX bytes cached. */
#define LB_SMALL_STEP 16
#define LB_SMALL_CLASSES 16
#define LB_SMALL_MAX (LB_SMALL_STEP * LB_SMALL_CLASSES)
#define LB_CACHE_MAX (256 * 1024)

/* Per-state control block, reachable from every thread via lua_getextraspace
 * (new threads copy the main thread's extra space) and as the allocator's ud. */
typedef struct lb_Control {
  /* memory */
  size_t used;          /* bytes of live blocks, at the sizes Lua asked for */
  size_t limit;
  size_t cached;        /* bytes in the free lists (not in `used`) */
  void *freelist[LB_SMALL_CLASSES + 1]; /* by class; [0] unused */
  int enforce;          /* 1 while a script runs; 0 while the host pushes values */
  int memoryExceeded;   /* the cap refused an allocation during this call */
  /* instruction budget and wall clock */
  int64_t budget;
  int64_t tally;
  int64_t timeLimitNanos;
  int64_t deadline;     /* CLOCK_MONOTONIC nanoseconds */
  int exceeded;         /* LB_EXCEEDED_* */
  int unmetered;        /* trusted code: no budget, no count hook (see LuaLimits) */
  int depth;            /* nesting of lb_pcall */
  int traceback;        /* a traceback is recorded in the registry */
  char exceededMessage[256];
  /* where the memory cap refused during this call: the innermost script frame (lb_blame),
   * or after LUA_ERRMEM without one, the called function; "" and 0 when unknown */
  char errorChunk[LUA_IDSIZE];
  int errorLine;
  char hostChunk[LUA_IDSIZE];   /* short_src of the host chunk, never blamed ("" for none) */
  lua_State *main;              /* the main thread, whose call stack lb_blame reads */
  /* host */
  void *owner;
  lb_CallbackFn callback;
  lb_PrintFn print;
  lb_ResolveFn resolve;
} lb_Control;

/* Creates a state using `control` as allocator data and hook control. */
lua_State *lb_newstate(lb_Control *control);
/* Closes a state made by lb_newstate and frees the allocator's cached blocks. */
void lb_close(lua_State *L);
/* Opens the sandboxed libraries (protected). Returns a Lua status. */
int lb_opensandbox(lua_State *L);
/* Loads a text chunk (protected, memory cap enforced). Returns a Lua status. */
int lb_load(lua_State *L, const char *source, size_t length, const char *chunkname);
/* Calls the function below `nargs` arguments with a traceback handler, the
 * memory cap enforced and the instruction budget armed (reset when this is the
 * outermost call). Leaves all results, or the error message, on the stack in
 * place of the function. Returns a Lua status; a call that ended over budget or
 * over time always fails, even if the script swallowed the error. */
int lb_pcall(lua_State *L, int nargs);
/* Pushes the traceback recorded by the last error (or nil). */
void lb_pushtraceback(lua_State *L);
/* 1 if the value at idx is the error most recently raised for a Swift callback. */
int lb_ishosterror(lua_State *L, int idx);
/* Sets global `name` to a C closure calling control->callback with `box`. */
void lb_register(lua_State *L, const char *name, void *box);
/* Full garbage collection (lua_gc is variadic and does not import into Swift). */
void lb_fullgc(lua_State *L);
/* Applies limits; the hook step follows the budget. `metered` 0: no instruction budget and
 * no count hook, for trusted code (the time limit then holds in the bounded C functions). */
void lb_setlimits(lua_State *L, int64_t budget, size_t memory, int64_t timeNanos,
                  int metered);
/* Adds `n` instructions of work done inside C to the budget; raises when over. */
void lb_charge(lua_State *L, int64_t n);

/* Pushes the table of host-only helpers (never given to scripts): where([level]) returns
 * "chunk:line" of the Lua function `level` levels above its caller, or "". May raise only on
 * memory errors, which the allocator does not report while the host pushes values. */
void lb_pushhostlib(lua_State *L);

/* Error locations (lb_blame.c). A script frame is a Lua function with line information
 * outside the host chunk. lb_scriptframe finds the innermost one at or above `level`
 * (returns 0 if none); lb_formatwhere writes its "chunk:line: " (or "") into `out`;
 * lb_pushwhere pushes it. */
int lb_scriptframe(lua_State *L, int level, lua_Debug *ar);
void lb_formatwhere(lua_State *L, int level, char *out, size_t size);
void lb_pushwhere(lua_State *L, int level);
/* Marks the chunk of the Lua function on top of the stack (left there) as the host's: no
 * error location names it. */
void lb_markhost(lua_State *L);
/* Records the main thread's innermost script frame in errorChunk/errorLine (the allocator
 * calls this when the cap refuses). */
void lb_blame(lb_Control *c);
/* If the string on top starts with the host chunk's "chunk:line: ", replaces that with the
 * innermost script frame's at or above `level`, or drops it when there is none. */
void lb_unhost(lua_State *L, int level);

/* The allocator (lb_alloc.c): enforces the memory cap, caches small blocks. lb_drain
 * frees the cache once the state is closed. */
void *lb_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void lb_drain(lb_Control *c);

/* Read-only views (lb_readonly.c): the sandbox hands out the libraries, the global
 * table and required modules through them. lb_openreadonly must run first. */
void lb_openreadonly(lua_State *L);
void lb_pushreadonly(lua_State *L, int index);
int lb_isreadonly(lua_State *L, int index);

/* Bounded pattern functions (lb_string_search.c, lb_string_gsub.c over lb_pattern_*.c) and
 * table edits that charge the budget per element (lb_table_edit.c). */
int lb_str_find(lua_State *L);
int lb_str_match(lua_State *L);
int lb_str_gmatch(lua_State *L);
int lb_str_gsub(lua_State *L);
int lb_tab_insert(lua_State *L);
int lb_tab_remove(lua_State *L);
int lb_tab_move(lua_State *L);

/* Macro stand-ins for Swift. */
static inline int lb_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void lb_pushglobals(lua_State *L) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
}
static inline int lb_getref(lua_State *L, int ref) {
  return lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
}
static inline int lb_ref(lua_State *L) { return luaL_ref(L, LUA_REGISTRYINDEX); }
static inline void lb_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
static inline lb_Control *lb_control(lua_State *L) {
  return *(lb_Control **)lua_getextraspace(L);
}

#endif
