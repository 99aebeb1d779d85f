/* jxgov.h: shared types of the jxgov pipeline (decode -> lex -> parse -> load).
 *
 * Ownership, stated once: every string and array reachable from a jx_doc lives
 * in the jx_arena passed to the function that produced it and is freed, whole,
 * by jx_arena_free(). Nothing here is freed piecemeal. */
#ifndef JXGOV_H
#define JXGOV_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define JX_VERSION "0.1.0"
#define JX_SCHEMA_VERSION 4

/* Exit codes: numbers never change (documented in --help and README). */
enum jx_exit { JX_OK = 0, JX_EINPUT = 1, JX_EUSAGE = 2, JX_EDB = 3, JX_ENOMEM = 4, JX_EPIPE = 141 };

/* Hard caps on one input file; larger files are refused, never truncated.
 * Together they bound the memory one file can take (README "Reliability"). */
#define JX_MAX_FILE (64u << 20)
#define JX_MAX_LINES 1000000

/* ---- arena.c ---- */
typedef struct jx_block jx_block;
typedef struct { jx_block *head, *spare; } jx_arena;
void *jx_alloc(jx_arena *a, size_t n);
char *jx_strndup(jx_arena *a, const char *s, size_t n);
char *jx_strdup(jx_arena *a, const char *s);
char *jx_sprintf(jx_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void jx_arena_free(jx_arena *a);
/* Empties a for the next file, keeping up to JX_ARENA_KEEP bytes of its
 * blocks for reuse: fresh memory for every file cost a page fault per 4 KiB,
 * a sixth of the parse time. */
#define JX_ARENA_KEEP (4u << 20)
void jx_arena_reset(jx_arena *a);

/* realloc that never returns NULL: out of memory ends the process with its
 * own message and exit status 4 (JX_ENOMEM). */
void *jx_xrealloc(void *p, size_t n);

/* A growable byte buffer (malloc-backed, reused across calls). */
typedef struct { char *p; size_t len, cap; } jx_buf;
void jx_buf_put(jx_buf *b, const char *s, size_t n);
void jx_buf_puts(jx_buf *b, const char *s);
void jx_buf_clear(jx_buf *b);
void jx_buf_free(jx_buf *b);

/* A growable array of fixed-size records (malloc-backed). */
typedef struct { void *p; size_t n, cap, size; } jx_vec;
void *jx_vec_push(jx_vec *v);           /* zeroed new slot; aborts on OOM */
#define JX_VEC(type) { NULL, 0, 0, sizeof(type) }
#define JX_AT(v, type, i) (((type *)(v).p)[i])
void jx_vec_free(jx_vec *v);

/* ---- msg.c: one reporter, "prog: file:line: message" on stderr ---- */
void jx_msg(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A line of its own on stderr, always (summaries, errors); escaped as
 * jx_msg's are: control characters and bytes not valid UTF-8 as \xNN. */
void jx_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int jx_quiet_warnings;
/* When set, this thread's messages are appended here instead of written:
 * ingest -j prints a file's warnings with its summary line, in order. */
extern _Thread_local jx_buf *jx_msg_capture;
/* Everything else the command line says goes through here: text as given
 * (the caller ends lines), never captured or silenced. */
void jx_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Set once a write to stderr failed with EPIPE: nobody reads any more. */
extern int jx_out_broken;
/* The one self-updating line at the bottom of a terminal (NULL: erase it);
 * other messages are written above it. */
void jx_progress(const char *line);
/* Set when the run stops early: no file is started, a read blocked on a
 * FIFO gives up, a file being written is rolled back. jx_signal: the
 * signal (SIGINT, SIGTERM) that asked for it, if one did. */
extern volatile sig_atomic_t jx_stop, jx_signal;

/* ---- decode.c ---- */
typedef struct {
    char *text;     /* UTF-8, width-folded, no line terminator, NUL-ended */
    size_t len;
    long no;        /* 1-based line number in the decoded text */
} jx_line;

typedef struct {
    const char *encoding;   /* UTF-8, UTF-8-BOM, GB18030, UTF-16LE, UTF-16BE */
    char sha256[65];
    size_t nbytes;
    jx_line *lines;
    size_t nlines;
} jx_text;

/* A set of hex SHA-256 digests (malloc-backed; sha_free releases it). */
typedef struct { char (*slot)[65]; size_t n, cap; } jx_shaset;
void sha_add(jx_shaset *s, const char *sha);
int sha_has(const jx_shaset *s, const char *sha);
void sha_free(jx_shaset *s);

/* Reads, hashes and decodes path. Returns 1 without decoding when the
 * digest is in skip (may be NULL). On failure writes a one-line reason (with
 * byte offset where it applies) to err and returns -1. */
int dec_file(jx_arena *a, const char *path, jx_text *out, const jx_shaset *skip,
             char *err, size_t errsz);
/* The bound on reading one file that is not a regular one (a FIFO, a
 * device): all of it within this many ms, else an error (--timeout). */
extern int jx_read_timeout_ms;
int dec_bytes(jx_arena *a, const unsigned char *p, size_t n, jx_text *out,
              char *err, size_t errsz);
void sha256_hex(const unsigned char *p, size_t n, char out[65]);

/* ---- text.c: canonical text forms ---- */
/* Width folding of one line into canonical form (see README "Text"). */
char *txt_fold(jx_arena *a, const char *s, size_t n, size_t *outlen);
/* Copies s[0..n) into a without white space, except one space between two
 * ASCII letters/digits. */
char *txt_squash_dup(jx_arena *a, const char *s, size_t n);
/* Canonical doc_no from a matched prefix/year/number. */
char *txt_docno(jx_arena *a, const char *prefix, size_t plen, int year, long num);
/* Literal tests on s[0..n): prefix, suffix, first and last occurrence.
 * Inline: the parser calls them per character, and strlen of a literal
 * then folds to a constant. */
static inline int txt_starts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && !memcmp(s, lit, k);
}
static inline int txt_ends(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && !memcmp(s + n - k, lit, k);
}
const char *txt_find(const char *s, size_t n, const char *lit);
const char *txt_rfind(const char *s, size_t n, const char *lit);
/* HTML remnants of s[0..n): entities decoded, tags dropped (block tags
 * become '\n', cells '\t'); NULL when s holds none. */
char *txt_html(jx_arena *a, const char *s, size_t n, size_t *outlen);
/* s with every byte that is not part of valid UTF-8 written as \xNN. */
char *txt_utf8_safe(jx_arena *a, const char *s);
/* Next UTF-8 code point; advances *p. Input must be valid UTF-8. */
uint32_t txt_next(const char **p);

/* ---- lex.c ---- */
enum jx_tok {
    T_BLANK, T_FOOTER, T_DOCNO, T_DATE, T_SALUTATION, T_TITLE, T_LISTHEAD,
    T_SECTION, T_ITEM, T_RESP, T_TABLE, T_BRACKET, T_ANNEX, T_END,
    T_META,         /* web-page furniture: breadcrumb, 索引号：…, 发布日期：… */
    T_PROGRESS,     /* …进展情况 / …完成情况: a report on tasks, not a list */
    T_SUBSECTION,   /* （一）… inside a list; num = its ordinal */
    T_TEXT
};
typedef struct {
    enum jx_tok kind;
    int heading;            /* line carried markdown '#' marks */
    const char *body;       /* line without '#' marks and outer spaces */
    size_t blen;
    long num;               /* T_ITEM/T_SECTION number, T_DOCNO number */
    const char *rest;       /* T_ITEM/T_SECTION/T_RESP: text after the marker */
    int year, month, day;   /* T_DATE, T_DOCNO year */
    const char *prefix; size_t plen; /* T_DOCNO prefix (嘉政办发) */
} jx_tok;
int lex_init(char *err, size_t errsz);
void lex_done(void);
/* Each further thread that lexes calls these around its work. */
int lex_thread_init(void);
void lex_thread_done(void);
void lex_line(const jx_line *ln, jx_tok *t);
/* 一、… / 二十一、…: the ordinal (> 0) and the text after it, else 0. */
long lex_ordinal(const char *s, size_t n, const char **rest);
/* Extra patterns for the parser; groups go to g[0..ng). */
typedef struct { const char *p; size_t n; } jx_span;
enum jx_pat {
    JX_P_MASTHEAD, JX_P_COLOPHON, JX_P_PUBLISHED, JX_P_YEARLINE, JX_P_MONTH, JX_P_APPOINT,
    JX_P_REMOVE, JX_P_LEADERPARA, JX_P_ROLE, JX_P_JIEDU, JX_P_YEARDU,
    JX_P_PAGEREF, JX_P_YEARNIAN, JX_P_ISSUER, JX_P_PERIOD, JX_P_LISTYEAR, JX_P_COUNT
};
int lex_match(int pat, const char *s, size_t n, jx_span *g, int ng);
/* The next offset >= from in a long joined line (a PDF run) where a heading,
 * item or responsibility field begins; n when there is none. */
size_t lex_run_break(const char *s, size_t n, size_t from);
/* 1 when s starts as a doc_no does (prefix, bracketed year, a digit),
 * whether or not the rest of the line makes it one. */
int lex_docno_like(const char *s, size_t n);
/* Finds a doc_no anywhere in s; returns 1 and fills prefix/year/num. */
int lex_find_docno(const char *s, size_t n, size_t *start, size_t *end,
                   const char **prefix, size_t *plen, int *year, long *num);

/* ---- page.c: page furniture (page numbers, running headers) ---- */
/* 1 when s[0..n) is a page number in any common form: — 3 —, -3-, 第3页,
 * 第 3 页 共 20 页, 3/20 (not a bare number: see pg_mark and the tables). */
int pg_page_number(const char *s, size_t n);
/* Turns the running headers of a gazette (嘉兴市人民政府公报 and its issue on
 * each page; not the masthead or colophon) into T_FOOTER tokens. */
void pg_mark(jx_tok *tok, const jx_line *lines, size_t n);
/* A page number, or a running header with its issue: furniture wherever it
 * stands, needing no context. */
int pg_furniture(const char *s, size_t n);

/* ---- table.c ---- */
typedef struct { const char *text; long line; } jx_cell;   /* text squashed */
typedef struct {
    jx_cell *cells;
    size_t n;
    long line;
    long group;             /* > 0: a group row 一、… (its ordinal) */
    const char *group_text;
} jx_row;
/* Rebuilds the table whose first line is token lo into rows (jx_vec of
 * jx_row); returns the index of the first token after the table. */
size_t tbl_rebuild(jx_arena *a, const jx_tok *tok, const jx_line *lines, size_t lo, size_t n,
                   jx_vec *rows);
/* One task row of a table as its columns give it; the list reader makes
 * the task (units, leaders) from it. */
typedef struct {
    long seq;
    int sub_seq;
    const char *text, *category;
    const char *dept;       /* the 责任单位 / 牵头单位 cell in force (merged cells inherit) */
    const char *members;    /* the 配合单位 cell in force, or NULL */
    int lead_column;        /* the unit column says 牵头: beside members all its units lead */
    const char *leaders;    /* the 责任领导 cell in force, or NULL */
    long leaders_line, line;
} jx_trow;
/* What a table is read in, and where its task rows go. */
typedef struct {
    jx_arena *a;
    const jx_tok *tok;
    const jx_line *lines;
    const char *file;
    jx_vec *targets;        /* jx_target */
    int *warnings;
    size_t notice;          /* targets belong to it */
    int year;               /* of the targets */
    int in_list;            /* under a list heading: rows are tasks */
    const char *category;   /* in force from a section heading above */
    int *section;           /* set by a group row (一、…) */
    void (*task)(void *u, const jx_trow *r);
    void *u;
} jx_tblctx;
/* Reads the table whose header is token lo: header cells to column roles
 * by their words, merged cells inherited, district columns to targets,
 * each task row given to task(). Returns the index of the
 * first token after the table. */
size_t tbl_read(jx_tblctx *c, size_t lo, size_t hi);
/* A line that opens a table: a cell 序号 (letter-spaced 序 号 too). */
int tbl_starts(const jx_line *ln);
/* Rewrites tables printed in other export forms (pipe rows, a cell per line
 * ending ` |`, a cell per paragraph without tabs) into the tab forms
 * tbl_rebuild reads, before lexing. Lines keep their numbers; t->lines may
 * be replaced by an arena copy. */
void tbl_normalize(jx_arena *a, jx_text *t);

/* ---- depts.c ---- */
typedef struct {
    const char *department; /* canonical */
    const char *raw;        /* as printed (wraps joined) */
    int lead;
} jx_unit;
int dep_init(char *err, size_t errsz);
void dep_done(void);
/* Splits a responsibility string into units. Unknown names are reported
 * through jx_msg(file, line, ...). Returns the number of units. */
size_t dep_split(jx_arena *a, const char *s, jx_unit **out,
                 const char *file, long line, int *warnings);
/* The same for a unit list of government (嘉兴市, 平湖市 …, or NULL when the
 * document names none): names fold only into that government's own table
 * in data/departments.tsv; a government with no table keeps them as printed.
 * dep_split is dep_split_gov for 嘉兴市. */
size_t dep_split_gov(jx_arena *a, const char *government, const char *s, jx_unit **out,
                     const char *file, long line, int *warnings);

/* ---- parse.c: the document model ---- */
typedef struct {
    const char *name, *title;
    long line;              /* the line that names this leader for the task */
} jx_leader;

typedef struct {
    const char *doc_no;     /* canonical, or NULL */
    const char *issuer, *title, *issued_on;
    const char *government; /* 嘉兴市, 平湖市, 长兴县 … (from the title or metadata) */
    int year;
    long line;
    const char *body;       /* folded text, paragraphs joined with \n, no page furniture */
    const char *indexed;    /* per paragraph of body: '1' to index it in search, '0' for a list's */
} jx_notice;

typedef struct {
    size_t notice;          /* index into doc.notices */
    const char *kind;       /* key_work, period, livelihood, special_action */
    int year;
    const char *category;   /* or NULL */
    int section;            /* 0 = none */
    long seq;
    int sub_seq;
    const char *text;
    long line;
    jx_leader *leaders; size_t nleaders;
    jx_unit *units; size_t nunits;
} jx_task;

/* One non-empty cell of a per-district target table. */
typedef struct {
    size_t notice;
    int year;
    long item_seq;
    const char *item, *indicator, *unit, *district, *value_text;
    int district_id;            /* index in the districts table (schema.sql) */
    double value_num;
    int has_num;
    long line;
    long task;                  /* index in doc.tasks of the task it measures, or -1 */
} jx_target;

typedef struct {
    int year, month;
    const char *action, *person, *post, *note;
    long line;
} jx_appointment;

typedef struct {
    const char *doc_no, *title;
    int year;                   /* the gazette issue printing the list */
    const char *issue;
    long line;
} jx_catalog;

typedef struct {
    size_t notice;
    const char *leader, *title, *action, *relation, *subject;
    long line;
} jx_duty;

typedef struct {
    size_t notice;
    const char *cited_doc_no, *cited_title;
    long line;
} jx_reference;

typedef struct { size_t notice; int year; long seq; const char *title; long line; } jx_topic;

typedef struct {
    size_t notice;
    const char *role, *person, *affiliation;
    long line;
} jx_member;

typedef struct {
    size_t from;                /* token index of its masthead */
    int year;
    const char *issue, *total_issue, *published_on;
} jx_gazette;

typedef struct {
    const char *path;
    jx_text text;
    jx_vec gazettes;        /* jx_gazette: one per issue (files may be concatenated) */
    jx_vec notices;         /* jx_notice */
    jx_vec tasks;           /* jx_task */
    jx_vec targets;         /* jx_target */
    jx_vec appointments;    /* jx_appointment */
    jx_vec catalog;         /* jx_catalog */
    jx_vec duties;          /* jx_duty */
    jx_vec references;      /* jx_reference */
    jx_vec topics;          /* jx_topic */
    jx_vec members;         /* jx_member */
    int warnings;
    int unrecognised;       /* responsibility lines, yet no task: check fails */
} jx_doc;

void prs_doc(jx_arena *a, jx_doc *d);
/* The government a notice's issuer belongs to: 嘉兴市人民政府办公室 ->
 * 嘉兴市; NULL when the issuer names none. */
const char *prs_government(jx_arena *a, const char *issuer);

/* ---- gazette.c: what a gazette carries besides the lists ---- */
/* Token range of one notice's body: from its title to the start of whatever
 * follows it (the next notice, a 解读, a 【…】 section, the 发文目录). */
typedef struct { size_t title, body, end; } jx_span_notice;
void gz_extract(jx_arena *a, jx_doc *d, const jx_tok *tok, size_t n,
                const jx_span_notice *spans);
/* 1 when line i opens a section that ends a notice's body. */
int gz_section_start(const jx_tok *tok, size_t i, size_t n);
void prs_free(jx_doc *d);

/* ---- load.c ---- */
typedef struct jx_db jx_db;
/* timeout_ms: how long to wait for another writer before giving up. */
jx_db *ld_open(const char *path, int timeout_ms, char *err, size_t errsz);
void ld_close(jx_db *db);
/* Returns 0 loaded, 1 unchanged, -1 error (err filled, nothing written). */
int ld_doc(jx_db *db, const jx_doc *d, char *err, size_t errsz);
/* Bulk loads: from now on the files this connection loads add no rows to
 * the search index, which is marked incomplete until ld_build_search. */
void ld_no_search(jx_db *db);
/* Builds the search index afresh from the stored tasks and bodies, in one
 * transaction. Returns the rows indexed, or -1 with err filled. */
long long ld_build_search(jx_db *db, char *err, size_t errsz);
/* What the last successful ld_doc added: notices new to the database, and
 * those it already held (other: the file one of them came from; others: 1
 * when they came from more than one); tasks: net change in task rows. */
typedef struct { long new_notices, old_notices, tasks; char *other; int others; } jx_ldstats;
const jx_ldstats *ld_stats(const jx_db *db);
/* Adds the digest of every file the database holds to set. */
int ld_known_shas(jx_db *db, jx_shaset *set, char *err, size_t errsz);


/* ---- work.c: decode and parse on worker threads, load in order ---- */
typedef struct {
    jx_arena a;
    jx_doc d;
    jx_buf warnings;        /* what parsing said, printed when loaded */
    int failed;             /* could not be read: err says why */
    int known;              /* its digest was in the database already */
    int ready;
    char err[512];
} wk_slot;
/* path names the file in messages and in the database; open is what is
 * opened (NULL: not read at all, the slot comes back failed, err empty). */
typedef struct { const char *path, *open; } wk_input;
/* Called on the calling thread, in input order; nonzero stops the run. */
typedef int (*wk_emit_fn)(void *ctx, int k, wk_slot *sl);
/* Decodes and parses one file. Returns 0; 1 when its digest is in skip
 * (nothing decoded); -1 with err filled. */
int wk_read(jx_arena *a, const char *path, const char *open_path, jx_doc *d, const jx_shaset *skip,
            char *err, size_t errsz);
/* Runs in[0..n) through jobs threads; returns how many emit was called for
 * (fewer than n when emit stopped the run or jx_stop was set). */
int wk_run(const wk_input *in, int n, int jobs, const jx_shaset *known, wk_emit_fn emit, void *ctx);

#endif
