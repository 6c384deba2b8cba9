/*
 * What a match hands back to Lua: its captures (strings, or positions for `()`), and the
 * plain substring search that string.find uses for patterns without special characters.
 */
#include "lb_pattern.h"

#include <string.h>

void lbp_push_capture(lbp_Matcher *m, int i, size_t s, size_t e) {
  lua_State *L = m->L;
  if (i >= m->prog->captures) {
    /* Only reachable for i == 0 when the pattern has no captures: the whole match. */
    lua_pushlstring(L, (const char *)m->s + s, e - s);
    return;
  }
  ptrdiff_t len = m->capLen[i];
  if (len == LBP_POSITION) {
    lua_pushinteger(L, (lua_Integer)m->capStart[i] + 1);
  } else if ((m->prog->unfinished >> i) & 1) {
    luaL_error(L, "unfinished capture");
  } else {
    lua_pushlstring(L, (const char *)m->s + m->capStart[i], (size_t)len);
  }
}

int lbp_push_captures(lbp_Matcher *m, size_t s, size_t e, int whole) {
  int count = m->prog->captures;
  if (count == 0 && whole) count = 1;
  luaL_checkstack(m->L, count, "too many captures");
  for (int i = 0; i < count; i++) lbp_push_capture(m, i, s, e);
  return count;
}

size_t lbp_find_plain(lua_State *L, const char *hay, size_t n, const char *needle, size_t k,
                      size_t from) {
  if (k == 0) return from;
  if (k > n) return (size_t)-1;
  size_t last = n - k; /* the last index where the needle still fits */
  size_t at = from;
  int64_t work = 0;
  while (at <= last) {
    const char *hit = memchr(hay + at, needle[0], last - at + 1);
    if (hit == NULL) break;
    at = (size_t)(hit - hay);
    size_t same = 1;
    while (same < k && hit[same] == needle[same]) same++;
    work += 1 + (int64_t)(same / 8); /* a step per 8 bytes compared */
    if (work >= 4096) {
      lb_charge(L, work);
      work = 0;
    }
    if (same == k) {
      lb_charge(L, work);
      return at;
    }
    at++;
  }
  lb_charge(L, work + (int64_t)((n - from) / 64));
  return (size_t)-1;
}
