/*
 * os.time and os.date for the sandbox: the clock is the host's (lb_Control.clock, set before
 * each call), and every date is in UTC, so neither the wall clock nor the machine's time zone
 * or locale reaches a script.
 */
#define _GNU_SOURCE
#include "CLuaShim.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <time.h>

/* An integer field of the date table, as a struct tm member (value minus `delta`). A missing
 * field takes `fallback`, or is an error when `fallback` is negative. */
static int lb_datefield(lua_State *L, const char *key, int fallback, int delta) {
  int isInteger;
  int type = lua_getfield(L, 1, key);
  lua_Integer value = lua_tointegerx(L, -1, &isInteger);
  lua_pop(L, 1);
  if (!isInteger) {
    if (type != LUA_TNIL) return luaL_error(L, "field '%s' is not an integer", key);
    if (fallback < 0) return luaL_error(L, "field '%s' missing in date table", key);
    return fallback;
  }
  /* Keeps the struct tm arithmetic (and timegm's) far from int overflow. */
  if (value < -100000000 || value > 100000000) {
    return luaL_error(L, "field '%s' is out-of-bound", key);
  }
  return (int)(value - delta);
}

static void lb_setdatefield(lua_State *L, const char *key, int value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

/* Writes every field of `tm` into the table on top, as os.date("*t") returns them. */
static void lb_setdatefields(lua_State *L, const struct tm *tm) {
  lb_setdatefield(L, "year", tm->tm_year + 1900);
  lb_setdatefield(L, "month", tm->tm_mon + 1);
  lb_setdatefield(L, "day", tm->tm_mday);
  lb_setdatefield(L, "hour", tm->tm_hour);
  lb_setdatefield(L, "min", tm->tm_min);
  lb_setdatefield(L, "sec", tm->tm_sec);
  lb_setdatefield(L, "yday", tm->tm_yday + 1);
  lb_setdatefield(L, "wday", tm->tm_wday + 1);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "isdst");
}

/* os.time([table]): the host's clock, or the instant a date table names, read as UTC. The
 * table's fields are normalised in place (month 13 becomes January of the next year). */
int lb_os_time(lua_State *L) {
  if (lua_isnoneornil(L, 1)) {
    lua_pushinteger(L, (lua_Integer)lb_control(L)->clock);
    return 1;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  tm.tm_year = lb_datefield(L, "year", -1, 1900);
  tm.tm_mon = lb_datefield(L, "month", -1, 1);
  tm.tm_mday = lb_datefield(L, "day", -1, 0);
  tm.tm_hour = lb_datefield(L, "hour", 12, 0);
  tm.tm_min = lb_datefield(L, "min", 0, 0);
  tm.tm_sec = lb_datefield(L, "sec", 0, 0);
  errno = 0;
  time_t t = timegm(&tm);
  if (t == (time_t)-1 && errno != 0) {
    return luaL_error(L, "time result cannot be represented in this installation");
  }
  lb_setdatefields(L, &tm);
  lua_pushinteger(L, (lua_Integer)t);
  return 1;
}

/* The conversions strftime defines in C99: single letters, and those taking E or O. */
static const char lb_conversions[] = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
static const char lb_econversions[] = "cCxXyY";
static const char lb_oconversions[] = "deHImMSuUVwWy";

/* The length of the conversion at `spec` (after '%'), or 0 if it is not one. */
static size_t lb_conversion(const char *spec, size_t left) {
  if (left >= 1 && spec[0] != '\0' && strchr(lb_conversions, spec[0]) != NULL) return 1;
  if (left >= 2 && spec[1] != '\0' &&
      ((spec[0] == 'E' && strchr(lb_econversions, spec[1]) != NULL) ||
       (spec[0] == 'O' && strchr(lb_oconversions, spec[1]) != NULL))) {
    return 2;
  }
  return 0;
}

/* os.date([format [, time]]): `time` (default: the host's clock) in UTC, formatted with
 * strftime's conversions in the C locale, or as a table for "*t". A leading '!' is accepted
 * and changes nothing. */
int lb_os_date(lua_State *L) {
  size_t length;
  const char *format = luaL_optlstring(L, 1, "%c", &length);
  lua_Integer instant = lua_isnoneornil(L, 2) ? (lua_Integer)lb_control(L)->clock
                                              : luaL_checkinteger(L, 2);
  time_t t = (time_t)instant;
  struct tm tm;
  if ((lua_Integer)t != instant || gmtime_r(&t, &tm) == NULL) {
    return luaL_error(L, "date result cannot be represented in this installation");
  }
  if (length > 0 && format[0] == '!') {
    format++;
    length--;
  }
  if (length == 2 && format[0] == '*' && format[1] == 't') {
    lua_createtable(L, 0, 9);
    lb_setdatefields(L, &tm);
    return 1;
  }
  locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  if (c == (locale_t)0) return luaL_error(L, "os.date: cannot make the C locale");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  const char *end = format + length;
  while (format < end) {
    if (*format != '%') {
      luaL_addchar(&b, *format++);
      continue;
    }
    format++;
    size_t n = lb_conversion(format, (size_t)(end - format));
    if (n == 0) {
      char bad[3] = {0};
      memcpy(bad, format, (size_t)(end - format) < 2 ? (size_t)(end - format) : 2);
      freelocale(c);
      return luaL_argerror(L, 1, lua_pushfstring(L, "invalid conversion specifier '%%%s'", bad));
    }
    char spec[4] = {'%', format[0], n == 2 ? format[1] : '\0', '\0'};
    char *room = luaL_prepbuffsize(&b, 256);
    luaL_addsize(&b, strftime_l(room, 256, spec, &tm, c));
    format += n;
  }
  freelocale(c);
  luaL_pushresult(&b);
  return 1;
}
