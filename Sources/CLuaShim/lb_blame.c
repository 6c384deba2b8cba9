/*
 * Which frame an error names. Errors, budget and time messages and memory errors name the
 * innermost Lua function with line information that is not the host chunk (lb_markhost): a
 * script calling into host code is blamed for what that call does, never the host.
 */
#include "CLuaShim.h"

#include <stdio.h>
#include <string.h>

static int lb_ishostframe(const lb_Control *c, const lua_Debug *ar) {
  return c->hostChunk[0] != '\0' && strcmp(ar->short_src, c->hostChunk) == 0;
}

int lb_scriptframe(lua_State *L, int level, lua_Debug *ar) {
  const lb_Control *c = lb_control(L);
  while (lua_getstack(L, level, ar)) {
    lua_getinfo(L, "Sl", ar);
    if (ar->currentline > 0 && !lb_ishostframe(c, ar)) return 1;
    level++;
  }
  return 0;
}

void lb_formatwhere(lua_State *L, int level, char *out, size_t size) {
  lua_Debug ar;
  out[0] = '\0';
  if (lb_scriptframe(L, level, &ar)) snprintf(out, size, "%s:%d: ", ar.short_src, ar.currentline);
}

void lb_pushwhere(lua_State *L, int level) {
  char where[LUA_IDSIZE + 32];
  lb_formatwhere(L, level, where, sizeof where);
  lua_pushstring(L, where);
}

void lb_markhost(lua_State *L) {
  lb_Control *c = lb_control(L);
  lua_Debug ar;
  lua_pushvalue(L, -1);
  if (lua_getinfo(L, ">S", &ar)) snprintf(c->hostChunk, sizeof c->hostChunk, "%s", ar.short_src);
}

void lb_blame(lb_Control *c) {
  lua_Debug ar;
  /* The allocator cannot tell which thread asked; the main thread's innermost script frame is
   * the script itself, or, inside a coroutine, the script's line that resumed it. Reading the
   * call stack allocates nothing, and a refused allocation leaves it consistent. */
  if (c->main == NULL || !lb_scriptframe(c->main, 0, &ar)) return;
  snprintf(c->errorChunk, sizeof c->errorChunk, "%s", ar.short_src);
  c->errorLine = ar.currentline;
}

void lb_unhost(lua_State *L, int level) {
  const lb_Control *c = lb_control(L);
  size_t hostLength = strlen(c->hostChunk), length;
  if (hostLength == 0 || lua_type(L, -1) != LUA_TSTRING) return;
  const char *message = lua_tolstring(L, -1, &length);
  if (length <= hostLength + 1 || memcmp(message, c->hostChunk, hostLength) != 0 ||
      message[hostLength] != ':') {
    return;
  }
  size_t i = hostLength + 1;
  while (i < length && message[i] >= '0' && message[i] <= '9') i++;
  if (i == hostLength + 1 || i + 1 >= length || message[i] != ':' || message[i + 1] != ' ') return;
  lb_pushwhere(L, level);
  lua_pushlstring(L, message + i + 2, length - i - 2);
  lua_concat(L, 2);
  lua_remove(L, -2);
}
