/* arena.c: per-file arena, growable buffers and vectors.
 * Out of memory is fatal: a half-parsed document is worth nothing, and every
 * caller would otherwise need a path that can only abort anyway. */
#include "jxgov.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Spare blocks are poisoned for AddressSanitizer: reading what a previous
 * file left there is still caught as a use after free. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct jx_block { jx_block *next; size_t cap, used; max_align_t data[]; };

/* The one diagnostic msg.c does not write: formatting a message there needs
 * memory (jx_buf), and msg.c is built on this file, which must not call
 * back up into it. Written at once, whole, without allocating. The open
 * transaction dies with the process, so the database is left as it was. */
_Noreturn void jx_oom(void)
{
    static const char text[] = "jxgov: error: out of memory\n";
    fwrite(text, 1, sizeof text - 1, stderr);
    exit(JX_ENOMEM);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) jx_oom();
    return p;
}

void *jx_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) jx_oom();
    return p;
}

void *jx_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) jx_oom();
    return p;
}

char *jx_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(jx_xrealloc(NULL, n), s, n);
}

void *jx_alloc(jx_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    jx_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        jx_block **s = &a->spare;
        while (*s && (*s)->cap < n) s = &(*s)->next;
        if (*s) {
            b = *s;
            *s = b->next;
            UNPOISON(b->data, b->cap);
        } else {
            size_t cap = n > 65536 ? n : 65536;
            b = xmalloc(sizeof *b + cap);
            b->cap = cap;
        }
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *jx_strndup(jx_arena *a, const char *s, size_t n)
{
    char *p = jx_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *jx_strdup(jx_arena *a, const char *s) { return jx_strndup(a, s, strlen(s)); }

char *jx_sprintf(jx_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = jx_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void jx_arena_reset(jx_arena *a)
{
    size_t kept = 0;
    for (jx_block *s = a->spare; s; s = s->next) kept += s->cap;
    for (jx_block *b = a->head, *next; b; b = next) {
        next = b->next;
        if (kept + b->cap <= JX_ARENA_KEEP) {
            kept += b->cap;
            b->next = a->spare;
            a->spare = b;
            POISON(b->data, b->cap);
        } else {
            free(b);
        }
    }
    a->head = NULL;
}

void jx_arena_free(jx_arena *a)
{
    jx_arena_reset(a);
    for (jx_block *b = a->spare, *next; b; b = next) {
        next = b->next;
        UNPOISON(b->data, b->cap);
        free(b);
    }
    a->spare = NULL;
}

void jx_buf_put(jx_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        b->p = jx_xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void jx_buf_puts(jx_buf *b, const char *s) { jx_buf_put(b, s, strlen(s)); }

void jx_buf_clear(jx_buf *b)
{
    b->len = 0;
    if (b->p) b->p[0] = 0;
}

void jx_buf_free(jx_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void *jx_vec_push(jx_vec *v)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 16;
        v->p = jx_xrealloc(v->p, v->cap * v->size);
    }
    void *slot = (char *)v->p + v->n++ * v->size;
    memset(slot, 0, v->size);
    return slot;
}

void jx_vec_free(jx_vec *v)
{
    free(v->p);
    v->p = NULL;
    v->n = v->cap = 0;
}

size_t jx_index_next(const jx_index *x, size_t h, size_t *pos)
{
    if (!x->cap) return JX_NONE;
    size_t mask = x->cap - 1;
    for (size_t i = *pos ? *pos - 1 : h & mask; x->slot[i].at; i = (i + 1) & mask)
        if (x->slot[i].hash == h) {
            *pos = ((i + 1) & mask) + 1;
            return x->slot[i].at - 1;
        }
    return JX_NONE;
}

static void index_put(jx_index *x, size_t h, size_t at)
{
    size_t mask = x->cap - 1, i = h & mask;
    while (x->slot[i].at) i = (i + 1) & mask;
    x->slot[i].at = at + 1;
    x->slot[i].hash = h;
}

void jx_index_add(jx_index *x, size_t h, size_t at)
{
    if (2 * (x->n + 1) > x->cap) {
        jx_index bigger = {NULL, x->n, x->cap ? 2 * x->cap : 64};
        bigger.slot = xmalloc(bigger.cap * sizeof *bigger.slot);
        memset(bigger.slot, 0, bigger.cap * sizeof *bigger.slot);
        for (size_t i = 0; i < x->cap; i++)
            if (x->slot[i].at) index_put(&bigger, x->slot[i].hash, x->slot[i].at - 1);
        free(x->slot);
        *x = bigger;
    }
    index_put(x, h, at);
    x->n++;
}

void jx_index_free(jx_index *x)
{
    free(x->slot);
    memset(x, 0, sizeof *x);
}
