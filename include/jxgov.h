/* jxgov.h: shared types of the jxgov pipeline (decode -> lex -> segment ->
 * readers -> load).
 *
 * Ownership, stated once: every string reachable from a jx_doc, and every
 * array a row points to (a task's leaders and units, a table's cells), lives
 * in the jx_arena passed to the function that produced it and is freed,
 * whole, by jx_arena_free() or jx_arena_reset(). The growable lists (jx_vec:
 * a jx_doc's lists of rows) and buffers (jx_buf) are malloc'd: each is freed
 * by its own *_free (prs_free for a jx_doc's lists), never by the arena. */
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

/* realloc and calloc that never return NULL: out of memory (jx_oom) ends
 * the process with its own message, "jxgov: error: out of memory", and exit
 * status 4 (JX_ENOMEM); the open transaction dies with it. */
void *jx_xrealloc(void *p, size_t n);
void *jx_xcalloc(size_t n, size_t size);
char *jx_xstrdup(const char *s);
_Noreturn void jx_oom(void);

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

/* The one hash (FNV-1a) of n bytes at p, continuing from h: JX_HASH_SEED
 * to start, a previous result to hash several fields as one key. */
#define JX_HASH_SEED ((size_t)14695981039346656037u)
static inline size_t jx_hash(const void *p, size_t n, size_t h)
{
    for (const unsigned char *s = p, *e = s + n; s < e; s++) h = (h ^ *s) * (size_t)1099511628211u;
    return h;
}

/* The one hash table: an open-addressing index over the rows of an array
 * its user keeps (malloc-backed, at most half full). It stores a row's
 * number under the row's hash; the user compares the rows it gives back. */
typedef struct { struct jx_islot { size_t at, hash; } *slot; size_t n, cap; } jx_index;
#define JX_NONE ((size_t)-1)
/* The rows stored under hash h, one a call: *pos is 0
 * for the first and moved on by each call; JX_NONE after the last. */
size_t jx_index_next(const jx_index *x, size_t h, size_t *pos);
/* Stores row `at` under hash h (another of the same hash may be there). */
void jx_index_add(jx_index *x, size_t h, size_t at);
void jx_index_free(jx_index *x);

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
    /* warnings a stage before parsing has to give (unrun.c: the parts of a
     * PDF run it could not read), each its text and line; the parser prints
     * and counts them */
    jx_line *notes;
    size_t nnotes;
} jx_text;

/* A set of hex SHA-256 digests (malloc-backed; sha_free releases it). */
typedef struct { jx_vec digests; jx_index at; } jx_shaset;   /* digests: char[65] */
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
/* t's lines become those of *lines (jx_line, copied into a; *lines freed):
 * every pass that rewrites a text's lines ends so. */
void dec_take_lines(jx_arena *a, jx_text *t, jx_vec *lines);
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
/* Bytes of the UTF-8 sequence that lead byte c starts (1 to 4). */
static inline size_t txt_u8len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }
/* Characters (code points) in s[0..n). */
static inline size_t txt_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}
const char *txt_find(const char *s, size_t n, const char *lit);
const char *txt_rfind(const char *s, size_t n, const char *lit);
/* Whether s[0..n), the words before a colon, name the addressees of a notice
 * (各县（市、区）人民政府，市政府各部门 / 立山经济开发区，各有关单位 / 市交通运输局):
 * short, no sentence stop, ending in the word for a body. */
int txt_addressees(const char *s, size_t n);
/* Splits s[0..n) at separators that stand outside brackets (市司法局（市行政
 * 复议局） stays whole), calling part() with each non-empty piece. */
typedef struct {
    const char *const *seps;
    /* separators too, except at the very start (配合单位： after the first
     * unit); label(ctx, k, pending) is told when labels[k] cuts, pending
     * saying whether a piece before it is yet to be given to part() */
    const char *const *labels;
    void (*label)(void *ctx, int k, int pending);
    const char *const *ends; /* separators only as the piece's last text (the ] of [牵头单位：…]) */
    int titles;             /* 《…》 are brackets too */
    int stray_cuts;         /* a ） with no （ open ends a piece (an inline clause closing) */
} jx_splitter;
void txt_split(const char *s, size_t n, const jx_splitter *how,
               void (*part)(void *ctx, const char *p, size_t len), void *ctx);
/* HTML remnants of s[0..n): entities decoded, tags dropped (block tags
 * become '\n', a row's cells '\t' apart); NULL when s holds none. *st
 * carries a table row open at the end of one line into the next. */
typedef struct {
    int row, cells;             /* in a <tr>; cells opened in it (or in the line) */
    int cell, started, gap;     /* in a <td>; its text begun; spaces held back */
} jx_html;
char *txt_html(jx_arena *a, const char *s, size_t n, size_t *outlen, jx_html *st);
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
typedef struct jx_token {
    enum jx_tok kind;
    const char *body;       /* line without '#' marks and outer spaces */
    size_t blen;
    long num;               /* T_ITEM/T_SECTION number, T_DOCNO number */
    const char *rest;       /* T_ITEM/T_SECTION/T_RESP: text after the marker */
    int year, month, day;   /* T_DATE, T_DOCNO year */
    const char *prefix; size_t plen; /* T_DOCNO prefix (嘉政办发) */
    /* T_TABLE: the line read as prose, its tabs as spaces, for a tab line
     * outside any table (1.<TAB>建设幼儿园。): lex_prose; NULL until asked */
    const struct jx_token *prose;
    /* set by segmentation (segment.c), read by every reader after it */
    unsigned char opens;    /* lines of the gazette section heading starting here, 0 none */
    unsigned char table;    /* T_TABLE: 1 when the line opens a table (a 序号 cell) */
    /* 1 when the line opens an item of a list: a number in sequence, or a
     * heading (一、 / （一）) that is an item itself (for a tab line read as
     * prose, set on the line's own token) */
    unsigned char item;
} jx_tok;
int lex_init(char *err, size_t errsz);
void lex_done(void);
/* Each further thread that lexes calls these around its work. */
int lex_thread_init(void);
void lex_thread_done(void);
void lex_line(const jx_line *ln, jx_tok *t);
/* The lex pass: tok[i] for lines[i], each line lexed once. */
void lex_lines(const jx_line *lines, size_t n, jx_tok *tok);
/* The prose reading of tab line ln (its tabs as spaces), kept in t->prose
 * (in a) and made once, when first asked: whether a tab line is a cell or
 * prose is known only once segmentation has found the tables, and most tab
 * lines are cells (reading every one up front cost 8% of the parse). */
const jx_tok *lex_prose(jx_arena *a, const jx_line *ln, jx_tok *t);
/* Lines of the gazette section heading (【…】, …发文目录, 政策解读目录, a
 * 《…》解读 wrapped over up to three lines) that tok[i] starts, 0 none:
 * a notice's body ends there (segment.c marks it: tok[i].opens). A
 * heading's lines are classified together, as lines of a token stream. */
size_t lex_heading(const jx_tok *tok, size_t i, size_t n);
/* A 《…》解读 heading at tok[i]: the number of lines it takes (0 if none),
 * the title of the document it explains in *title when a is given. */
size_t lex_jiedu(jx_arena *a, const jx_tok *tok, size_t i, size_t n, const char **title);
/* A value that is no line of its own (a metadata block's 文号：…, 成文日期：…)
 * read as a 文号 or as a date: 1 and t filled as lex_line fills a T_DOCNO or
 * T_DATE token, else 0. */
int lex_docno(const char *s, size_t n, jx_tok *t);
int lex_date(const char *s, size_t n, jx_tok *t);
/* 一、… / 二十一、…: the ordinal (> 0) and the text after it, else 0. */
long lex_ordinal(const char *s, size_t n, const char **rest);
/* Where a leader section heading's verb stands (颜海荣常务副市长牵头重点工作,
 * 王某副县长负责事项, 张某区长主抓工作: the text before it names the
 * leader), or, in a heading with no verb that is leaders and a word for
 * their part only (徐国龙副市长重点工作), where that word stands; NULL. */
const char *lex_leader_verb(const char *s, size_t n);
/* "颜海荣常务副市长": the length of the name before a leader's title (its
 * title in *title), 0 when s[0..n) names no leader. */
size_t lex_leader(const char *s, size_t n, const char **title);
/* s[0..n) is a notice's signature, the issuer's full name alone
 * (绍兴市人民政府办公室), as a line of it reads (T_END). */
int lex_signature(const char *s, size_t n);
/* Whether s is a leader's title alone (市长, 常务副县长): an entry that names no one. */
int lex_title_only(const char *s, size_t n);
/* The fields of a responsibility clause (责任单位：A、B；配合单位：C), written
 * once: the lexer's patterns, the clause reader (parse.c) and the unit
 * splitter (depts.c) are made from this list. Roles: LEADER names city
 * leaders; UNIT units, the first listed leading; LEAD units that all lead
 * beside a field of members; MEMBER units that never lead beside a field
 * of leads. A key that ends another (责任单位 in 协同责任单位) comes after it:
 * readers take the first key that fits. */
#define JX_FIELDS(X)                                                                                  \
    X("牵头市领导", LEADER) X("责任市领导", LEADER) X("分管市领导", LEADER) X("联系市领导", LEADER)     \
    X("牵头负责领导", LEADER) X("责任领导", LEADER) X("分管领导", LEADER) X("牵头领导", LEADER)         \
    X("责任人", LEADER)                                                                                  \
    X("牵头责任单位", LEAD) X("第一责任单位", LEAD) X("牵头单位", LEAD)                                 \
    X("协同责任单位", MEMBER) X("主要责任单位", MEMBER) X("配合单位", MEMBER) X("协办单位", MEMBER)     \
    X("协同单位", MEMBER) X("参与单位", MEMBER) X("配合部门", MEMBER)                                   \
    X("责任单位", UNIT) X("主办单位", UNIT)
enum jx_field_role { JX_F_LEADER, JX_F_UNIT, JX_F_LEAD, JX_F_MEMBER };
typedef struct { const char *key; size_t len; enum jx_field_role role; } jx_field;
extern const jx_field jx_fields[];      /* JX_FIELDS with ： after each key; a NULL key ends it */
/* The field whose key (with its ：) s[0..n) starts with: its index in
 * jx_fields, -1 when none. */
int lex_field(const char *s, size_t n);
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
    int subgroup;           /* the group row is a subheading （一）…: no section number */
    const char *group_text;
} jx_row;
/* Rebuilds the table whose first line is token lo into rows (jx_vec of
 * jx_row); returns the index of the first token after the table (tok
 * segmented: a section heading, tok[i].opens, ends it). Where a table ends
 * depends on its rows (a page break after a row as wide as the widest, a
 * line after a row printed on one line), so segmentation calls it, once per
 * table, and keeps the rows in the table's span. */
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
    /* a group row's heading: 1 when it is a leader's section
     * (李军市长牵头重点工作), whose rows are then his, not a category */
    int (*group)(void *u, const char *heading, long line);
    void *u;
} jx_tblctx;
/* Reads a table's rows (a TABLE span's, segment.c): header cells to
 * column roles by their words, merged cells inherited, district columns to
 * targets, each task row given to task(). */
void tbl_read(jx_tblctx *c, const jx_vec *rows);
/* Rewrites tables printed in other export forms (pipe rows, a cell per line
 * ending ` |`, a cell per paragraph without tabs) into the tab forms
 * tbl_rebuild reads, before lexing. Lines keep their numbers; t->lines may
 * be replaced by an arena copy. */
void tbl_normalize(jx_arena *a, jx_text *t);

/* ---- district.c: data/districts.tsv, the one list of districts ---- */
/* Reads the embedded table (dep_init calls it: the splitter needs it). */
int dist_init(char *err, size_t errsz);
void dist_done(void);
size_t dist_count(void);
const char *dist_name(size_t id);       /* id: the districts table's district_id */
/* The county-level governments (南湖区 … 桐乡市), NULL-ended. */
const char *const *dist_counties(void);
/* The district a table header cell names (its text squashed), or -1. */
int dist_cell(const char *s);
/* 1 when s[0..n) is the name of a district column other than the whole
 * city's (南湖区, 嘉兴港区, 其他: vertical header text ends there). */
int dist_named(const char *s, size_t n);

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
/* The length of the longest unit name at s[0..n) that some government's
 * table of data/departments.tsv knows (or a district of the city, bare or
 * with its 政府); 0 when none. */
size_t dep_name_at(const char *s, size_t n);

/* ---- unrun.c ---- */
/* Joins again the lines of a hard-wrapped PDF copy (see decode.c); run
 * after the export forms of tables are rewritten into tab lines, which it
 * leaves to the table reader. */
void dec_unwrap(jx_arena *a, jx_text *t);
/* Rewrites a table a PDF export joined into one line with no breaks into
 * the tab-prefixed one-cell-per-line form (see unrun.c); the new lines keep
 * the number of the run. t->lines may be replaced by an arena copy; what it
 * leaves out or unread it says in t->notes. */
void unrun_text(jx_arena *a, jx_text *t);

/* ---- segment.c: where each part of a document begins and ends ----
 * One pass over the tokens, before any reader: the readers after it read
 * the spans it gives and never decide a boundary again. */
enum jx_segkind {
    SEG_MASTHEAD,   /* 嘉兴市人民政府公报 … 第3期: an issue's masthead and contents */
    SEG_COLOPHON,   /* 2025年第03期（总第261期）: the line closing an issue */
    SEG_NOTICE,     /* a title, its 文号, a salutation, the body */
    SEG_FRAGMENT,   /* a list page with no title: the file's one notice, untitled */
    SEG_APPOINT,    /* 【市政府人事任免】 and its entries */
    SEG_CATALOG,    /* …发文目录 and its table */
    SEG_JIEDU,      /* 《…》解读 and its text */
    /* the parts of a notice or fragment (jx_segs.parts) */
    SEG_LIST,       /* a task list: its heading (a fragment's first line) to its end */
    SEG_TABLE,      /* a table: its header row to its end; its rows rebuilt */
    SEG_ANNEX       /* 附件1 / 附件：… to the next 附件, the signature or 抄送 */
};
typedef struct {
    enum jx_segkind kind;
    size_t lo, hi;          /* its tokens [lo, hi) */
    long first, last;       /* the lines they were printed on */
    /* where its reader starts: NOTICE its salutation; FRAGMENT 0 (its list
     * may begin above its first list line); MASTHEAD its 第N期 line;
     * APPOINT, JIEDU the first token after the heading */
    size_t at;
    /* NOTICE: the title is its text lines in [lo, title_end) but title_skip
     * (a line that starts as a 文号 and is none; -1) */
    size_t title_end;
    long title_skip;
    long docno, bad_docno;  /* NOTICE: the 文号 token; a line that looks like one and is none; -1 */
    const char *title;      /* JIEDU: the title of the document it explains */
    jx_span g[3];           /* MASTHEAD: issue, total issue; COLOPHON: year, issue, total issue */
    /* NOTICE, FRAGMENT: its parts, jx_segs.parts[part_lo, part_hi); LIST,
     * TABLE, ANNEX: the index of the notice they belong to */
    size_t part_lo, part_hi, notice;
    jx_vec rows;            /* TABLE: jx_row, as tbl_rebuild gave them */
    int headless;           /* LIST: a fragment's list, read from its first line (else tok[lo] is its heading) */
} jx_seg;
typedef struct {
    jx_vec issues;          /* jx_seg: MASTHEAD and COLOPHON, in the order of `at` */
    jx_vec notices;         /* jx_seg: NOTICE or FRAGMENT, one per notice, in order */
    jx_vec sections;        /* jx_seg: APPOINT, CATALOG and JIEDU, in order */
    /* jx_seg: LIST, TABLE and ANNEX inside the notices, notice by notice, in
     * the order of lo (a table inside a list follows it) */
    jx_vec parts;
    long progress;          /* a file of neither: the line of its 进展情况 heading, or 0 */
} jx_segs;
/* Segments tok[0..n) (lexed from lines[0..n)): sets tok[i].opens and
 * .table, fills s (malloc-backed; seg_free releases it; strings in a). */
void seg_doc(jx_arena *a, jx_tok *tok, const jx_line *lines, size_t n, jx_segs *s);
void seg_free(jx_segs *s);

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
    int reprint;            /* printed inside a gazette issue: after its masthead, before its colophon */
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

/* The record kinds a document holds: per kind, its enum value, its list in
 * jx_doc and the type of a row. kinds.c's jx_kinds says the rest (how the
 * parser sets a list up, how the writer groups, writes and deletes its
 * rows); a new kind is a line here, a row there, and the reader that fills
 * its list. */
#define JX_KINDS(X)                                                             \
    X(K_GAZETTE, gazettes, jx_gazette)          /* one per issue (files may be concatenated) */ \
    X(K_NOTICE, notices, jx_notice)                                             \
    X(K_TASK, tasks, jx_task)                                                   \
    X(K_TARGET, targets, jx_target)                                             \
    X(K_APPOINTMENT, appointments, jx_appointment)                              \
    X(K_CATALOG, catalog, jx_catalog)                                           \
    X(K_DUTY, duties, jx_duty)                                                  \
    X(K_REFERENCE, references, jx_reference)                                    \
    X(K_TOPIC, topics, jx_topic)                                                \
    X(K_MEMBER, members, jx_member)
#define JX_KIND_ENUM(kind, list, type) kind,
#define JX_KIND_LIST(kind, list, type) jx_vec list;
enum jx_kind { JX_KINDS(JX_KIND_ENUM) K_COUNT };

typedef struct {
    const char *table;          /* the table its rows go to */
    size_t size;                /* of a row */
    long notice;                /* offset of the row's size_t notice index; -1: a row of the file's own */
    /* A kind with an insert is written by the table: for each ?N of insert
     * the letter bind[N-1] and offset at[N-1] say what is bound: t a string
     * field (NULL: NULL), i an int field, n an int field with 0 as NULL,
     * l a long field; N the notice_id, P the row's position among its
     * notice's (from 1), S the source_id. Without one (notices, tasks,
     * targets) load.c writes it, batched, with its child rows. */
    const char *insert, *bind;
    size_t at[12];
    /* When a notice's rows are rewritten: its rows of this kind go, in
     * this order (?1: the notice_id). */
    const char *del[4];
} jx_kind;
extern const jx_kind jx_kinds[K_COUNT];

/* What prs_doc makes of one file. Its lists (jx_vec) are malloc'd and freed
 * by prs_free; the strings their rows point to are in the arena. */
typedef struct {
    const char *path;
    jx_text text;
    union {                     /* each list by its name, or all of them by kind */
        struct { JX_KINDS(JX_KIND_LIST) };
        jx_vec rows[K_COUNT];
    };
    int warnings;
    int unrecognised;       /* responsibility lines, yet no task: check fails */
} jx_doc;

void prs_doc(jx_arena *a, jx_doc *d);
void prs_free(jx_doc *d);
/* The government a notice's issuer belongs to: 嘉兴市人民政府办公室 ->
 * 嘉兴市; NULL when the issuer names none. */
const char *prs_government(jx_arena *a, const char *issuer);

/* ---- notice.c: a notice's title, 文号, issuer and dates ---- */
/* The key/value pairs of the page metadata lines (索引号：…, 发文机关：…)
 * of tok[0..n), into metas (set up here; jx_vec_free releases it). */
void ntc_metas(jx_arena *a, const jx_tok *tok, size_t n, jx_vec *metas);
/* Adds the notice of span sp to d: title, 文号, issuer; furniture a title
 * runs into (…的通知发布日期：…) goes to metas. */
void ntc_open(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_seg *sp, jx_vec *metas);
/* Notice k's 成文 date, what its page's metadata adds, its signature. */
void ntc_complete(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_segs *sg, size_t k,
                  const jx_vec *metas);

/* ---- gazette.c: what a gazette carries besides the lists ---- */
/* The issues a file prints (d->gazettes), from its masthead and colophon spans. */
void gz_issues(jx_arena *a, jx_doc *d, const jx_tok *tok, size_t n, const jx_segs *sg);
/* 人事任免, 发文目录, 解读 from their spans; 领导分工, committees, 课题 tables
 * and citations from the notices' spans. */
void gz_extract(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_segs *sg);

/* ---- db.c: the connection under the writer ---- */
/* Opening (a plain file name, WAL, the owner check, creating or migrating
 * the schema, the department catalogue), lock waits and checkpoints. */
typedef struct jx_conn jx_conn;
struct sqlite3;
/* timeout_ms: how long to wait for another writer before giving up. */
jx_conn *db_open(const char *path, int timeout_ms, char *err, size_t errsz);
struct sqlite3 *db_handle(jx_conn *c);
/* Runs q (BEGIN IMMEDIATE, a PRAGMA that needs the write lock) until it
 * gets the lock; the timeout counts only time in which no writer commits.
 * 0, or -1 with err filled (naming what holds the lock). */
int db_lock(jx_conn *c, const char *q, char *err, size_t errsz);
/* Runs q (statements without rows): 0, or -1 with err filled. */
int db_exec(jx_conn *c, const char *q, char *err, size_t errsz);
/* After each commit: the log is handed to the checkpoint thread. */
void db_committed(jx_conn *c);
/* After every statement prepared on the handle is finalized. */
void db_close(jx_conn *c);

/* ---- load.c: the row writer ---- */
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
typedef struct {
    const char *path, *open;
    int may_block;          /* not a regular file (a FIFO, standard input): a read may wait */
} wk_input;
/* Called on the calling thread, in input order; nonzero stops the run. */
typedef int (*wk_emit_fn)(void *ctx, int k, wk_slot *sl);
/* Decodes and parses one file. Returns 0; 1 when its digest is in skip
 * (nothing decoded); -1 with err filled. */
int wk_read(jx_arena *a, const char *path, const char *open_path, jx_doc *d, const jx_shaset *skip,
            char *err, size_t errsz);
/* Runs in[0..n) through jobs threads; returns how many emit was called for
 * (fewer than n when emit stopped the run or jx_stop was set). */
int wk_run(const wk_input *in, int n, int jobs, const jx_shaset *known, wk_emit_fn emit, void *ctx);

/* ---- run.c: one command's run over its files ---- */
typedef struct {
    char *path;             /* as named, or dir/name; "-" for standard input */
    const char *open;       /* what to open; NULL: err says why not */
    char *err;
    long long size;         /* -1: not known before reading */
} jx_input;
typedef struct {
    const char *db;
    int jobs, timeout_ms, verbosity, recursive;    /* verbosity: 0 -q, 1, 2 -v */
    int no_search;
} jx_options;
/* Each returns the exit status (enum jx_exit, or 128 + the signal). */
int run_ingest(const jx_input *in, int n, const jx_options *o);
int run_check(const jx_input *in, int n, const jx_options *o);
int run_index(const jx_options *o);

#endif
