/*
 * The allocator: the memory cap, and a cache of small blocks.
 */
#include "CLuaShim.h"

#include <stdlib.h>
#include <string.h>

/* Allocator. When ptr == NULL, osize is a type tag, not a size. Shrinks never
 * fail. The cap is only enforced while a script runs (control->enforce), so an
 * allocation made while Swift pushes host values can only fail on real OOM.
 *
 * Blocks of up to LB_SMALL_MAX bytes (Lua's tables, short strings, closures,
 * upvalues) come in LB_SMALL_CLASSES size classes of LB_SMALL_STEP bytes: each
 * is a malloc block of its class's full size, and a freed one goes to its
 * class's free list for the next allocation of that class instead of back to
 * malloc. Accounting is unchanged: `used` counts each live block at the size Lua
 * requested, and a block is subtracted when it is freed, whether it goes to a
 * free list or to malloc, so cached blocks never count against the cap.
 * The free lists hold at most LB_CACHE_MAX bytes; beyond that, freed blocks go
 * back to malloc. lb_close frees them after lua_close.
 *
 * Every block is a malloc block at least as large as its class (a shrink may
 * keep a larger block), so realloc and free work on any of them. */
static inline size_t lb_class(size_t n) { return (n + LB_SMALL_STEP - 1) / LB_SMALL_STEP; }

static void *lb_small_get(lb_Control *c, size_t cls) {
  void *block = c->freelist[cls];
  if (block != NULL) {
    c->freelist[cls] = *(void **)block;
    c->cached -= cls * LB_SMALL_STEP;
    return block;
  }
  return malloc(cls * LB_SMALL_STEP);
}

static void lb_small_put(lb_Control *c, void *block, size_t cls) {
  if (cls == 0 || c->cached + cls * LB_SMALL_STEP > LB_CACHE_MAX) {
    free(block);
    return;
  }
  *(void **)block = c->freelist[cls];
  c->freelist[cls] = block;
  c->cached += cls * LB_SMALL_STEP;
}

void lb_drain(lb_Control *c) {
  for (size_t cls = 1; cls <= LB_SMALL_CLASSES; cls++) {
    void *block = c->freelist[cls];
    while (block != NULL) {
      void *next = *(void **)block;
      free(block);
      block = next;
    }
    c->freelist[cls] = NULL;
  }
  c->cached = 0;
}

void *lb_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  lb_Control *c = (lb_Control *)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    if (ptr == NULL) return NULL;
    if (old <= LB_SMALL_MAX) lb_small_put(c, ptr, lb_class(old));
    else free(ptr);
    c->used -= old;
    return NULL;
  }
  if (nsize > old && c->enforce && (nsize - old > c->limit || c->used + (nsize - old) > c->limit)) {
    c->memoryExceeded = 1;
    lb_blame(c);
    return NULL;
  }
  void *block;
  if (nsize <= LB_SMALL_MAX && old <= LB_SMALL_MAX) {
    size_t cls = lb_class(nsize);
    if (ptr != NULL && cls == lb_class(old)) {
      block = ptr;
    } else {
      block = lb_small_get(c, cls);
      if (block == NULL) {
        if (ptr != NULL && nsize <= old) block = ptr; /* a shrink must never fail */
        else return NULL;
      } else if (ptr != NULL) {
        memcpy(block, ptr, old < nsize ? old : nsize);
        lb_small_put(c, ptr, lb_class(old));
      }
    }
  } else {
    /* At least one side is large: malloc's realloc, a small result rounded up. */
    block = realloc(ptr, nsize <= LB_SMALL_MAX ? lb_class(nsize) * LB_SMALL_STEP : nsize);
    if (block == NULL) {
      if (ptr != NULL && nsize <= old) block = ptr; /* a shrink must never fail */
      else return NULL;
    }
  }
  c->used = c->used - old + nsize;
  return block;
}
