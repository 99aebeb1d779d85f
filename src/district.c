/* district.c: the districts of 嘉兴市, read once from data/districts.tsv
 * (embedded). One list serves the database (the Makefile writes the rows of
 * schema.sql's districts table from it: the ids target_values keeps), the
 * table reader (which header cell names which district) and the department
 * splitter (the county-level governments a suffix is shared over: 南湖区、
 * 秀洲区政府). */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

extern const char jx_districts_tsv[];

enum { M_EXACT, M_HEAD, M_WITHIN };
typedef struct {
    const char *name, *kind;
    int match, county;
    const char *also[4];    /* other printed forms, matched as the name is */
} district;

#define MAX_DISTRICTS 64
static district rows[MAX_DISTRICTS];
static size_t nrows;
static const char *counties[MAX_DISTRICTS + 1];     /* NULL-ended */
static jx_arena arena;

static int fail(char *err, size_t errsz, long line, const char *why)
{
    snprintf(err, errsz, "internal: data/districts.tsv line %ld: %s", line, why);
    return -1;
}

int dist_init(char *err, size_t errsz)
{
    char *copy = jx_strdup(&arena, jx_districts_tsv);
    long no = 0;
    nrows = 0;
    for (char *line = copy, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        no++;
        if (*line == '#' || !*line) continue;
        char *f[8];
        int nf = 0;
        for (char *p = line; p && nf < 8; nf++) {
            f[nf] = p;
            p = strchr(p, '\t');
            if (p) *p++ = 0;
        }
        if (nf < 4) { return fail(err, errsz, no, "fewer than four columns"); }
        /* the ids are the table's row numbers: target_values keeps them */
        if (nrows == MAX_DISTRICTS || atol(f[0]) != (long)nrows || strspn(f[0], "0123456789") != strlen(f[0])) {
            return fail(err, errsz, no, "ids must run 0, 1, 2 … in order");
        }
        district *d = &rows[nrows];
        d->name = f[1];
        d->kind = f[2];
        d->county = !strcmp(d->kind, "county");
        d->match = !strcmp(f[3], "head") ? M_HEAD : !strcmp(f[3], "within") ? M_WITHIN
                 : !strcmp(f[3], "exact") ? M_EXACT : -1;
        if (d->match < 0) { return fail(err, errsz, no, "match is exact, head or within"); }
        memset(d->also, 0, sizeof d->also);
        for (int k = 4; k < nf && k - 4 < 4; k++) d->also[k - 4] = f[k];
        nrows++;
    }
    if (!nrows) return fail(err, errsz, no, "no districts");
    size_t nc = 0;
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].county) counties[nc++] = rows[i].name;
    counties[nc] = NULL;
    return 0;
}

void dist_done(void)
{
    nrows = 0;
    counties[0] = NULL;
    jx_arena_free(&arena);
}

size_t dist_count(void) { return nrows; }

const char *dist_name(size_t id) { return id < nrows ? rows[id].name : NULL; }

const char *const *dist_counties(void) { return counties; }

int dist_named(const char *s, size_t n)
{
    for (size_t i = 0; i < nrows; i++)
        if (strcmp(rows[i].kind, "city") && strlen(rows[i].name) == n && !memcmp(s, rows[i].name, n)) return 1;
    return 0;
}

int dist_cell(const char *s)
{
    size_t n = strlen(s);
    /* the wider rules first: 全市… before a name it may carry */
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].match == M_HEAD && txt_starts(s, n, rows[i].name) && n <= strlen(rows[i].name) + 4 * 3)
            return (int)i;
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].match == M_WITHIN && txt_find(s, n, rows[i].name)) return (int)i;
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].match != M_EXACT) continue;
        if (!strcmp(s, rows[i].name)) return (int)i;
        for (int k = 0; k < 4 && rows[i].also[k]; k++)
            if (!strcmp(s, rows[i].also[k])) return (int)i;
    }
    return -1;
}
