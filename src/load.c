/* load.c: the SQLite writer.
 *
 * One transaction per input file: either everything a file yields is
 * committed or nothing is. Values are always bound, never spliced into SQL. */
#include "jxgov.h"

#include <stddef.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum {
    S_HAS_SHA, S_INS_SOURCE, S_FIND_NOTICE, S_INS_NOTICE, S_UPD_NOTICE, S_INS_NSRC,
    S_FIND_DEPT_NAME, S_INS_DEPT_NAME, S_MAX_TASK, S_MAX_ITEM,
    S_SEARCH_STALE, S_UNTALLY_TASKS, S_UNTALLY_LEADERS,
    S_UNTALLY_UNITS, S_ZERO_TASKS, S_ZERO_LEADERS, S_ZERO_UNITS, S_UNTALLY_TOTALS,
    S_ZERO_TOTALS, S_BUMP_TASKS, S_BUMP_LEADERS, S_BUMP_UNITS, S_BUMP_TOTALS, S_GOVERNMENT,
    S_FIND_UNNUMBERED, S_ADOPT_DOCNO, S_NOTICE_TASKS,
    S_FIND_COPY, S_INS_COPY, S_HAS_CLAIM, S_CLAIMS, S_COPY_NOTICE, S_BEST_COPY, S_HOLD,
    S_MOVE_COPIES, S_MOVE_NSRC_ADD, S_MOVE_NSRC_DEL, S_DEL_NOTICE, S_PUT_BODY, S_DEL_BODY, S_FORGET_COPIES,
    S_SOURCE, S_HELD, S_LIVE, S_BEST_OF, S_NOTICE_SOURCE, S_KINDS, S_NEEDED, S_NOTICE_FILES, S_HAS_HELD, S_UNHOLD,
    S_COPIES_OF, S_DROP_NSRC, S_DROP_NSRCS, S_COUNT
};

/* the notice's government, read once (a constant subquery) */
#define GOV "(SELECT coalesce(government, '') FROM notices WHERE notice_id = ?1)"
#define TALLY_TASKS                                                                                     \
    "INSERT INTO tally_tasks (government, year, kind, n)"                                               \
    " SELECT " GOV ", coalesce(t.year, 0), t.kind, ?2 * count(*)"                                       \
    " FROM tasks t WHERE t.notice_id = ?1"                                                              \
    " GROUP BY 1, 2, 3"                                                                                 \
    " ON CONFLICT (government, year, kind) DO UPDATE SET n = n + excluded.n"
#define TALLY_LEADERS                                                                                   \
    "INSERT INTO tally_leaders (leader, title, government, year, kind, n)"                              \
    " SELECT l.leader, coalesce(l.title, ''), " GOV ", coalesce(t.year, 0),"                           \
    " t.kind, ?2 * count(*)"                                                           \
    " FROM tasks t JOIN task_leaders l ON l.task_id = t.task_id WHERE t.notice_id = ?1"                 \
    " GROUP BY 1, 2, 3, 4, 5"                                                                           \
    " ON CONFLICT (leader, title, government, year, kind) DO UPDATE SET n = n + excluded.n"
#define TALLY_UNITS                                                                                     \
    "INSERT INTO tally_units (dept_id, government, year, kind, lead, n)"                                \
    " SELECT u.dept_id, " GOV ", coalesce(t.year, 0), t.kind, u.lead,"                                 \
    " ?2 * count(*)"                                                                   \
    " FROM tasks t JOIN task_units u ON u.task_id = t.task_id WHERE t.notice_id = ?1"                   \
    " GROUP BY 1, 2, 3, 4, 5"                                                                           \
    " ON CONFLICT (dept_id, government, year, kind, lead) DO UPDATE SET n = n + excluded.n"
#define TALLY_TOTALS                                                                                    \
    "INSERT INTO tally_unit_totals (dept_id, government, lead, n)"                                      \
    " SELECT u.dept_id, " GOV ", u.lead, ?2 * count(*)"                                                  \
    " FROM tasks t JOIN task_units u ON u.task_id = t.task_id WHERE t.notice_id = ?1"                   \
    " GROUP BY 1, 2, 3"                                                                                 \
    " ON CONFLICT (dept_id, government, lead) DO UPDATE SET n = n + excluded.n"

static const char *const sql[S_COUNT] = {
    [S_HAS_SHA] = "SELECT source_id, coalesce(extractor, 0) FROM sources WHERE sha256 = ?1",
    [S_INS_SOURCE] = "INSERT INTO sources (path, sha256, encoding, bytes, lines, is_gazette, ingested_at, extractor)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7)",
    [S_FIND_NOTICE] = "SELECT n.notice_id, s.is_gazette, s.sha256, s.path, s.source_id FROM notices n"
                      " JOIN sources s ON s.source_id = n.source_id WHERE n.natural_key = ?1",
    [S_INS_NOTICE] = "INSERT INTO notices (natural_key, doc_no, issuer, title, issued_on, year,"
                     " source_id, source_line, government)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_UPD_NOTICE] = "UPDATE notices SET issuer = ?2, title = ?3, issued_on = ?4, year = ?5,"
                     " source_id = ?6, source_line = ?7, government = ?8"
                     " WHERE notice_id = ?1",
    [S_INS_NSRC] = "INSERT OR IGNORE INTO notice_sources (notice_id, source_id, source_line)"
                   " VALUES (?1, ?2, ?3)",
    [S_FIND_DEPT_NAME] = "SELECT dept_id FROM departments WHERE name = ?1",
    [S_INS_DEPT_NAME] = "INSERT INTO departments (name) VALUES (?1)",
    [S_MAX_TASK] = "SELECT coalesce(max(task_id), 0) FROM tasks",
    [S_MAX_ITEM] = "SELECT coalesce(max(item_id), 0) FROM target_items",
    /* The tally tables (schema.sql) follow the rows a notice deletes (?2 =
     * -1, RETURNING the groups so that those left at 0 can go by their
     * keys), counted from the rows stored, as tally_fill (db.c) counts them
     * all; the rows a notice adds are counted as they are written (tally_add:
     * the same statements cost 11% of a load), then added group by group. */
    [S_BUMP_TASKS] = "INSERT INTO tally_tasks (government, year, kind, n) VALUES (?1, ?2, ?3, ?4)"
                     " ON CONFLICT (government, year, kind) DO UPDATE SET n = n + excluded.n",
    [S_BUMP_LEADERS] = "INSERT INTO tally_leaders (government, year, kind, leader, title, n)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                       " ON CONFLICT (leader, title, government, year, kind) DO UPDATE SET n = n + excluded.n",
    [S_BUMP_UNITS] = "INSERT INTO tally_units (government, year, kind, dept_id, lead, n)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                     " ON CONFLICT (dept_id, government, year, kind, lead) DO UPDATE SET n = n + excluded.n",
    [S_BUMP_TOTALS] = "INSERT INTO tally_unit_totals (government, dept_id, lead, n) VALUES (?1, ?2, ?3, ?4)"
                      " ON CONFLICT (dept_id, government, lead) DO UPDATE SET n = n + excluded.n",
    [S_GOVERNMENT] = "SELECT coalesce(government, '') FROM notices WHERE notice_id = ?1",
    [S_UNTALLY_TASKS] = TALLY_TASKS " RETURNING n, government, year, kind",
    [S_UNTALLY_LEADERS] = TALLY_LEADERS " RETURNING n, leader, title, government, year, kind",
    [S_UNTALLY_UNITS] = TALLY_UNITS " RETURNING n, dept_id, government, year, kind, lead",
    [S_UNTALLY_TOTALS] = TALLY_TOTALS " RETURNING n, dept_id, government, lead",
    [S_ZERO_TOTALS] = "DELETE FROM tally_unit_totals WHERE dept_id = ?1 AND government = ?2 AND lead = ?3",
    [S_ZERO_TASKS] = "DELETE FROM tally_tasks WHERE government = ?1 AND year = ?2 AND kind = ?3",
    [S_ZERO_LEADERS] = "DELETE FROM tally_leaders WHERE leader = ?1 AND title = ?2 AND government = ?3"
                       " AND year = ?4 AND kind = ?5",
    [S_ZERO_UNITS] = "DELETE FROM tally_units WHERE dept_id = ?1 AND government = ?2 AND year = ?3"
                     " AND kind = ?4 AND lead = ?5",
    [S_FIND_UNNUMBERED] = "SELECT n.notice_id, s.is_gazette, s.sha256, s.path, s.source_id FROM notices n"
                          " JOIN sources s ON s.source_id = n.source_id WHERE n.natural_key = ?1 AND n.doc_no IS NULL",
    /* the notice of a copy key already loaded (all its copies are in one) */
    [S_FIND_COPY] = "SELECT n.notice_id, s.is_gazette, s.sha256, s.path, s.source_id FROM copies c"
                    " JOIN notices n ON n.notice_id = c.notice_id JOIN sources s ON s.source_id = n.source_id"
                    " WHERE c.copy_key = ?1 LIMIT 1",
    /* the first copy of a key in a file is the file's copy of it */
    [S_INS_COPY] = "INSERT OR IGNORE INTO copies (source_id, copy_key, notice_id, title, issued_on, numbered, tasks, line)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_HAS_CLAIM] = "SELECT 1 FROM copies WHERE title = ?1 AND issued_on IS ?2 AND copy_key = ?3 AND numbered = 1",
    /* the doc_nos other than ?3 whose copies print title ?1 and date ?2:
     * two are enough to know that a copy printing none is none of them */
    [S_CLAIMS] = "SELECT copy_key, notice_id FROM copies WHERE title = ?1 AND issued_on IS ?2 AND numbered = 1"
                 " AND copy_key <> ?3 GROUP BY copy_key LIMIT 2",
    /* where the copies of key ?1 are, and whether that notice is theirs alone */
    [S_COPY_NOTICE] = "SELECT c.notice_id, n.natural_key = ?1 FROM copies c JOIN notices n USING (notice_id)"
                      " WHERE c.copy_key = ?1 LIMIT 1",
    /* the preferred copy of key ?1, in the order of load_notice */
    [S_BEST_COPY] = "SELECT c.source_id FROM copies c JOIN sources s USING (source_id)"
                    " WHERE c.copy_key = ?1 ORDER BY c.tasks DESC, s.is_gazette, s.sha256, c.line LIMIT 1",
    /* the preferred copy of notice ?1, and whether its rows are the notice's */
    [S_BEST_OF] = "SELECT c.source_id, c.copy_key, c.source_id = n.source_id AND c.line = n.source_line FROM copies c"
                  " JOIN sources s ON s.source_id = c.source_id JOIN notices n ON n.notice_id = c.notice_id"
                  " WHERE c.notice_id = ?1 ORDER BY c.tasks DESC, s.is_gazette, s.sha256, c.line LIMIT 1",
    /* the copy notice ?1's rows come from */
    [S_LIVE] = "SELECT c.copy_key, c.numbered FROM copies c JOIN notices n ON n.notice_id = c.notice_id"
               " AND n.source_id = c.source_id AND n.source_line = c.line WHERE n.notice_id = ?1"
               " ORDER BY c.numbered DESC LIMIT 1",
    [S_NOTICE_SOURCE] = "SELECT source_id FROM notices WHERE notice_id = ?1",
    /* 1: a notice's copies all print a doc_no, 2: none does, 3: both kinds */
    [S_KINDS] = "SELECT coalesce(max(numbered = 1) + 2 * max(numbered = 0), 0) FROM copies WHERE notice_id = ?1",
    [S_SOURCE] = "SELECT s.path, s.sha256, EXISTS (SELECT 1 FROM held_texts h WHERE h.source_id = s.source_id)"
                 " FROM sources s WHERE s.source_id = ?1",
    [S_HELD] = "SELECT s.path, s.sha256, s.encoding, s.bytes, h.lines FROM sources s"
               " JOIN held_texts h USING (source_id) WHERE s.source_id = ?1",
    [S_HOLD] = "INSERT OR IGNORE INTO held_texts (source_id, lines) VALUES (?1, ?2)",
    [S_UNHOLD] = "DELETE FROM held_texts WHERE source_id = ?1",
    /* Whether file ?1's text may be needed to write a notice's rows again:
     * it prints the preferred copy of its key (its doc_no, or its title and
     * date) in a notice, other than an untitled fragment's (which no copy
     * joins). The copies that leave a notice are those of one key, and the
     * rows of a notice, or of the copies leaving it, are those of the
     * preferred copy of a set of keys: the preferred copy of its own key;
     * a copy that another of its key beats is never one of them again. */
    [S_NEEDED] = "SELECT EXISTS (SELECT 1 FROM copies c WHERE c.source_id = ?1 AND (c.numbered = 1 OR c.title IS NOT NULL)"
                 " AND c.source_id = (SELECT b.source_id FROM copies b JOIN sources s USING (source_id)"
                 " WHERE b.copy_key = c.copy_key AND b.notice_id = c.notice_id"
                 " ORDER BY b.tasks DESC, s.is_gazette, s.sha256, b.line LIMIT 1))",
    [S_NOTICE_FILES] = "SELECT DISTINCT source_id FROM copies WHERE notice_id = ?1",
    [S_HAS_HELD] = "SELECT 1 FROM held_texts WHERE source_id = ?1",
    [S_COPIES_OF] = "SELECT count(*) FROM copies WHERE notice_id = ?1",
    /* file ?2 is no longer a source of notice ?1 when it prints no copy of it */
    [S_DROP_NSRC] = "DELETE FROM notice_sources WHERE notice_id = ?1 AND source_id = ?2"
                    " AND NOT EXISTS (SELECT 1 FROM copies WHERE notice_id = ?1 AND source_id = ?2)",
    [S_DROP_NSRCS] = "DELETE FROM notice_sources WHERE notice_id = ?1",
    /* the copies of key ?1 move from notice ?2 to ?3, with their sources */
    [S_MOVE_COPIES] = "UPDATE copies SET notice_id = ?3 WHERE copy_key = ?1 AND notice_id = ?2",
    [S_MOVE_NSRC_ADD] = "INSERT OR IGNORE INTO notice_sources (notice_id, source_id, source_line)"
                        " SELECT ?3, source_id, line FROM copies WHERE copy_key = ?1 AND ?2 <> 0",
    [S_MOVE_NSRC_DEL] = "DELETE FROM notice_sources WHERE notice_id = ?2"
                        " AND source_id IN (SELECT source_id FROM copies WHERE copy_key = ?1 AND ?3 <> 0)"
                        " AND source_id NOT IN (SELECT source_id FROM copies WHERE notice_id = ?2)",
    [S_DEL_NOTICE] = "DELETE FROM notices WHERE notice_id = ?1",
    [S_PUT_BODY] = "INSERT OR REPLACE INTO notice_bodies (notice_id, body, indexed) VALUES (?1, ?2, ?3)",
    [S_DEL_BODY] = "DELETE FROM notice_bodies WHERE notice_id = ?1",
    [S_FORGET_COPIES] = "DELETE FROM copies WHERE source_id = ?1",
    [S_ADOPT_DOCNO] = "UPDATE notices SET natural_key = ?2, doc_no = ?2 WHERE notice_id = ?1",
    [S_NOTICE_TASKS] = "SELECT count(*) FROM tasks WHERE notice_id = ?1",
    [S_SEARCH_STALE] = "INSERT OR REPLACE INTO meta (key, value) VALUES ('search', 'incomplete')",
};

/* The tables that take most rows are written up to BATCH rows to an INSERT: one
 * statement run per row cost a third of the load time. Rows wait in a
 * batch until it is full or its notice is done. A task's or item's id is
 * counted here, on from the table's largest, as SQLite will assign it (an
 * id given in the INSERT would cost a b-tree search per row), so a child
 * row needs no last_insert_rowid of its parent; batch_flush checks that
 * SQLite did assign it. */
enum { B_TASK, B_LEADER, B_UNIT, B_ITEM, B_VALUE, B_SEARCH, B_COUNT };
#define BATCH_LG 6
#define BATCH (1 << BATCH_LG)
#define BATCH_MAXCOLS 10

static const struct { const char *head; int ncols; } batch_sql[B_COUNT] = {
    [B_TASK] = {"INSERT INTO tasks (notice_id, year, kind, category, section, seq, sub_seq,"
                " text, source_id, source_line) VALUES ", 10},
    [B_LEADER] = {"INSERT INTO task_leaders (task_id, position, leader, title, source_line) VALUES ", 5},
    [B_UNIT] = {"INSERT INTO task_units (task_id, position, dept_id, raw_name, lead) VALUES ", 5},
    [B_ITEM] = {"INSERT INTO target_items (notice_id, year, item_seq, item, indicator, unit,"
                " source_id, source_line, task_id) VALUES ", 9},
    [B_VALUE] = {"INSERT INTO target_values (item_id, position, district_id, value_text, value_num,"
                 " source_line) VALUES ", 6},
    [B_SEARCH] = {"INSERT INTO search (rowid, text, kind, ref_id, notice_id) VALUES ", 5},
};

typedef struct {
    char type;                  /* i: integer, f: real, t: text, 0: NULL */
    sqlite3_int64 i;
    double f;
    const char *s;
} batch_val;

typedef struct {
    int n;                      /* rows waiting */
    sqlite3_int64 last_id;      /* tasks, items: the id the last row waiting must get */
    batch_val v[BATCH * BATCH_MAXCOLS];
    sqlite3_stmt *st[BATCH_LG + 1]; /* st[k] inserts 1 << k rows; prepared on first use */
} batch;

/* Department name -> dept_id, for the names this connection has looked up
 * or added. It may only miss, never be wrong: it is emptied whenever a
 * transaction rolls back, and committed ids never change. */
typedef struct { char *name; sqlite3_int64 id; } dept_known;
typedef struct {
    jx_vec known;               /* dept_known, names malloc'd */
    jx_index by_name;
} dept_map;

struct jx_db {
    jx_conn *c;                 /* db.c: the connection, its locks and checkpoints */
    sqlite3 *h;                 /* c's handle */
    sqlite3_stmt *st[S_COUNT];
    sqlite3_stmt *ins[K_COUNT], *del[K_COUNT][4];   /* the statements of jx_kinds */
    dept_map dept;
    batch b[B_COUNT];
    sqlite3_int64 next_task, next_item;     /* ids for this transaction; 0: not read yet */
    sqlite3_int64 *task_ids;    /* per task of the file: its task_id once written */
    jx_vec stale;               /* sqlite3_int64: notices a file read again is to rewrite */
    jx_vec tally;               /* tally_key: the rows of the notice being written */
    jx_vec touched;             /* sqlite3_int64: notices whose copies the file changed */
    jx_vec was;                 /* sqlite3_int64: notices a file read again was a source of */
    sqlite3_int64 own;          /* the file's source_id */
    int held_own;               /* its text is in held_texts (this transaction) */
    int no_search;              /* ld_no_search: write no search rows */
    jx_arena rows;              /* copies the batches point to, for one file */
    char why[160];              /* a reason of the writer's own for failing a file */
    jx_ldstats stats;           /* what the last ld_doc added (other: malloc'd) */
};


#define JX_STR2(x) #x
#define JX_STR(x) JX_STR2(x)
#define JX_SCHEMA_STR JX_STR(JX_SCHEMA_VERSION)

static void dept_forget(dept_map *m)
{
    for (size_t i = 0; i < m->known.n; i++) free(JX_AT(m->known, dept_known, i).name);
    jx_vec_free(&m->known);
    jx_index_free(&m->by_name);
}

/* The known entry of name, or NULL. */
static dept_known *dept_find(dept_map *m, const char *name, size_t h)
{
    size_t pos = 0;
    for (size_t i; (i = jx_index_next(&m->by_name, h, &pos)) != JX_NONE;)
        if (!strcmp(JX_AT(m->known, dept_known, i).name, name)) return &JX_AT(m->known, dept_known, i);
    return NULL;
}

static int dept_remember(dept_map *m, const char *name, size_t h, sqlite3_int64 id)
{
    char *copy = jx_xstrdup(name);
    m->known.size = sizeof(dept_known);
    dept_known *e = jx_vec_push(&m->known);
    e->name = copy;
    e->id = id;
    jx_index_add(&m->by_name, h, m->known.n - 1);
    return SQLITE_OK;
}
static int hold_left(jx_db *db, const char *path, char *err, size_t errsz);

jx_db *ld_open(const char *path, int timeout_ms, char *err, size_t errsz)
{
    jx_db *db = jx_xcalloc(1, sizeof *db);
    if (!(db->c = db_open(path, timeout_ms, err, errsz))) goto fail;
    db->h = db_handle(db->c);
    for (int i = 0; i < S_COUNT; i++)
        if (sqlite3_prepare_v3(db->h, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &db->st[i], NULL) != SQLITE_OK) {
            snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
            goto fail;
        }
    for (int k = 0; k < K_COUNT; k++)
        for (int j = -1; j < 4; j++) {
            const char *q = j < 0 ? jx_kinds[k].insert : jx_kinds[k].del[j];
            if (q && sqlite3_prepare_v3(db->h, q, -1, SQLITE_PREPARE_PERSISTENT,
                                        j < 0 ? &db->ins[k] : &db->del[k][j], NULL) != SQLITE_OK) {
                snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
                goto fail;
            }
        }
    if (hold_left(db, path, err, errsz)) goto fail;
    return db;
fail:
    ld_close(db);
    return NULL;
}

/* The statements go before the connection they were prepared on. */
void ld_close(jx_db *db)
{
    if (!db) return;
    dept_forget(&db->dept);
    jx_vec_free(&db->stale);
    jx_vec_free(&db->tally);
    jx_vec_free(&db->touched);
    jx_vec_free(&db->was);
    jx_arena_free(&db->rows);
    free(db->stats.other);
    for (int i = 0; i < B_COUNT; i++)
        for (int k = 0; k <= BATCH_LG; k++) sqlite3_finalize(db->b[i].st[k]);
    for (int i = 0; i < S_COUNT; i++) sqlite3_finalize(db->st[i]);
    for (int k = 0; k < K_COUNT; k++) {
        sqlite3_finalize(db->ins[k]);
        for (int j = 0; j < 4; j++) sqlite3_finalize(db->del[k][j]);
    }
    db_close(db->c);
    free(db);
}

/* Binds ?1..?n from a format: i = int64, n = int64 with 0 as NULL,
 * t = text (NULL allowed). */
static int bind(sqlite3_stmt *st, const char *fmt, ...)
{
    va_list ap;
    int rc = SQLITE_OK;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    va_start(ap, fmt);
    for (int i = 0; fmt[i] && rc == SQLITE_OK; i++) {
        if (fmt[i] == 'i') rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
        else if (fmt[i] == 'n') {   /* int64, 0 meaning NULL */
            long long v = va_arg(ap, long long);
            rc = v ? sqlite3_bind_int64(st, i + 1, v) : sqlite3_bind_null(st, i + 1);
        } else {
            const char *s = va_arg(ap, const char *);
            rc = s ? sqlite3_bind_text(st, i + 1, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i + 1);
        }
    }
    va_end(ap);
    return rc;
}

/* Steps a bound write statement to completion. */
static int run(jx_db *db, int which)
{
    int rc = sqlite3_step(db->st[which]);
    sqlite3_reset(db->st[which]);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Whether the database holds the file of digest sha: its source_id, and
 * the schema version whose parser loaded it (0: before version 4). */
static int ld_has_sha(jx_db *db, const char *sha, int *found, sqlite3_int64 *source_id, int *extractor,
                      char *err, size_t errsz)
{
    sqlite3_stmt *st = db->st[S_HAS_SHA];
    int rc = bind(st, "t", sha);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found) {
        *source_id = sqlite3_column_int64(st, 0);
        *extractor = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
        return -1;
    }
    return 0;
}

int ld_known_shas(jx_db *db, jx_shaset *set, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    /* a file an older version loaded is not skipped: it is extracted again */
    int rc = sqlite3_prepare_v2(db->h, "SELECT sha256 FROM sources WHERE extractor = " JX_SCHEMA_STR,
                                -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *sha = (const char *)sqlite3_column_text(st, 0);
        if (sha && strlen(sha) == 64) sha_add(set, sha);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
        return -1;
    }
    return 0;
}

/* Runs the statement for the 1 << lg rows from row `from` of batch which. */
static int batch_run(jx_db *db, int which, int from, int lg)
{
    batch *b = &db->b[which];
    int n = 1 << lg, ncols = batch_sql[which].ncols;
    if (!b->st[lg]) {
        jx_buf q = {0};
        jx_buf_puts(&q, batch_sql[which].head);
        for (int r = 0; r < n; r++) {
            jx_buf_puts(&q, r ? ",(" : "(");
            for (int c = 0; c < ncols; c++) jx_buf_puts(&q, c ? ",?" : "?");
            jx_buf_puts(&q, ")");
        }
        int rc = sqlite3_prepare_v3(db->h, q.p, (int)q.len, SQLITE_PREPARE_PERSISTENT, &b->st[lg], NULL);
        jx_buf_free(&q);
        if (rc != SQLITE_OK) return rc;
    }
    sqlite3_stmt *st = b->st[lg];
    const batch_val *v = &b->v[from * ncols];
    int rc = SQLITE_OK;
    for (int k = 0; k < n * ncols && rc == SQLITE_OK; k++, v++)
        rc = v->type == 'i' ? sqlite3_bind_int64(st, k + 1, v->i)
           : v->type == 'f' ? sqlite3_bind_double(st, k + 1, v->f)
           : v->type == 't' ? sqlite3_bind_text(st, k + 1, v->s, -1, SQLITE_STATIC)
           : sqlite3_bind_null(st, k + 1);
    if (rc == SQLITE_OK) rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->h);
    sqlite3_reset(st);
    return rc;
}

/* Writes the rows waiting in batch which: a full batch in one statement,
 * the rest of a notice's rows in runs of 32, 16, ... 1, so that a table
 * needs at most BATCH_LG + 1 prepared statements. */
static int batch_flush(jx_db *db, int which)
{
    batch *b = &db->b[which];
    int n = b->n, from = 0, rc = SQLITE_OK;
    b->n = 0;
    for (int lg = BATCH_LG; lg >= 0 && rc == SQLITE_OK; lg--)
        if (n - from >= 1 << lg) {
            rc = batch_run(db, which, from, lg);
            from += 1 << lg;
        }
    /* SQLite gives a new row the largest id + 1, as next_id() counts; an
     * id it chose otherwise would leave child rows pointing elsewhere */
    if (rc == SQLITE_OK && n && b->last_id && sqlite3_last_insert_rowid(db->h) != b->last_id) {
        snprintf(db->why, sizeof db->why, "database: row id %lld where %lld was expected",
                 (long long)sqlite3_last_insert_rowid(db->h), (long long)b->last_id);
        rc = SQLITE_INTERNAL;
    }
    return rc;
}

static int batch_flush_all(jx_db *db)
{
    int rc = SQLITE_OK;
    for (int i = 0; i < B_COUNT && rc == SQLITE_OK; i++) rc = batch_flush(db, i);
    return rc;
}

/* Adds a row to batch which, written when the batch is full. fmt as for
 * bind(), plus f: a double preceded by an int that says whether it is
 * there (else NULL). Strings must live until the batch is written. */
static int batch_row(jx_db *db, int which, const char *fmt, ...)
{
    batch *b = &db->b[which];
    batch_val *v = &b->v[b->n * batch_sql[which].ncols];
    va_list ap;
    va_start(ap, fmt);
    for (int c = 0; fmt[c]; c++, v++) {
        v->type = fmt[c] == 'n' ? 'i' : fmt[c];
        if (fmt[c] == 'i') v->i = va_arg(ap, long long);
        else if (fmt[c] == 'n') {
            v->i = va_arg(ap, long long);
            if (!v->i) v->type = 0;
        } else if (fmt[c] == 'f') {
            int has = va_arg(ap, int);
            v->f = va_arg(ap, double);
            if (!has) v->type = 0;
        } else {
            v->s = va_arg(ap, const char *);
            if (!v->s) v->type = 0;
        }
    }
    va_end(ap);
    return ++b->n == BATCH ? batch_flush(db, which) : SQLITE_OK;
}

/* The next id of a table, from its largest the first time in a transaction. */
static int next_id(jx_db *db, int query, sqlite3_int64 *counter, sqlite3_int64 *id)
{
    if (!*counter) {
        sqlite3_stmt *st = db->st[query];
        int rc = sqlite3_step(st);
        sqlite3_int64 max = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
        *counter = max + 1;
    }
    /* Near the top of the range SQLite picks ids at random; refuse before */
    if (*counter < 1 || *counter > INT64_MAX - (1 << 20)) {
        snprintf(db->why, sizeof db->why, "database: %s ids are exhausted (the largest is near 2^63)",
                 query == S_MAX_TASK ? "task" : "target item");
        return SQLITE_FULL;
    }
    *id = (*counter)++;
    return SQLITE_OK;
}

/* The dept_id of a canonical name, added to departments when new. */
static int dept_id(jx_db *db, const char *name, sqlite3_int64 *id)
{
    size_t h = jx_hash(name, strlen(name), JX_HASH_SEED);
    const dept_known *known = dept_find(&db->dept, name, h);
    if (known) { *id = known->id; return SQLITE_OK; }
    sqlite3_stmt *f = db->st[S_FIND_DEPT_NAME];
    int rc = bind(f, "t", name);
    if (rc == SQLITE_OK) rc = sqlite3_step(f);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(f, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = bind(db->st[S_INS_DEPT_NAME], "t", name);
        if (rc == SQLITE_OK) rc = run(db, S_INS_DEPT_NAME);
        *id = sqlite3_last_insert_rowid(db->h);
    }
    sqlite3_reset(f);
    return rc == SQLITE_OK ? dept_remember(&db->dept, name, h, *id) : rc;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* The search rows of a body's paragraphs flagged '1' in indexed: rowids
 * -(notice_id * 2^20 + k) for the k-th paragraph (k < 2^20: JX_MAX_LINES).
 * The paragraphs are NUL-ended copies in db->rows, as the batch keeps
 * pointers until it is written. */
static int index_body(jx_db *db, sqlite3_int64 notice_id, const char *body, const char *indexed)
{
    int rc = SQLITE_OK;
    long long k = 0;
    for (const char *p = body; p && *p && indexed && indexed[k] && rc == SQLITE_OK && k < (1 << 20); k++) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (indexed[k] == '1')
            rc = batch_row(db, B_SEARCH, "ittii", -(((long long)notice_id << 20) + k),
                           jx_strndup(&db->rows, p, n), "notice", (long long)notice_id, (long long)notice_id);
        p = e ? e + 1 : p + n;
    }
    return rc;
}

/* The rows of one list grouped by notice: those of notice k are
 * idx[start[k] .. start[k + 1]), in list order. Built once per file by a
 * counting sort, so that a file's load is linear in its rows: scanning
 * every list for each notice made a file of many notices quadratic. */
typedef struct { size_t *start, *idx; } by_notice;
static void group_rows(jx_arena *a, const jx_vec *v, size_t notice_at, size_t nnotices, by_notice *g)
{
    g->start = jx_alloc(a, (nnotices + 2) * sizeof *g->start);
    g->idx = jx_alloc(a, (v->n ? v->n : 1) * sizeof *g->idx);
    memset(g->start, 0, (nnotices + 2) * sizeof *g->start);
    for (size_t i = 0; i < v->n; i++) {
        size_t k;
        memcpy(&k, (const char *)v->p + i * v->size + notice_at, sizeof k);
        if (k < nnotices) g->start[k + 2]++;
    }
    for (size_t k = 2; k < nnotices + 2; k++) g->start[k] += g->start[k - 1];
    for (size_t i = 0; i < v->n; i++) {
        size_t k;
        memcpy(&k, (const char *)v->p + i * v->size + notice_at, sizeof k);
        if (k < nnotices) g->idx[g->start[k + 1]++] = i;
    }
}

/* Every kind of row that belongs to a notice, grouped: rows[k] for jx_kinds[k]. */
static void group_all(jx_arena *a, const jx_doc *d, by_notice *rows)
{
    for (int k = 0; k < K_COUNT; k++)
        if (jx_kinds[k].notice >= 0) group_rows(a, &d->rows[k], (size_t)jx_kinds[k].notice, d->notices.n, &rows[k]);
}

/* Binds row of kind k to its insert (see jx_kind) and runs it. */
static int insert_row(jx_db *db, int k, const void *row, sqlite3_int64 notice_id, long long pos,
                      sqlite3_int64 source_id)
{
    const jx_kind *kd = &jx_kinds[k];
    sqlite3_stmt *st = db->ins[k];
    int rc = SQLITE_OK;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (int c = 0; kd->bind[c] && rc == SQLITE_OK; c++) {
        const char *f = (const char *)row + kd->at[c];
        int iv;
        long lv;
        const char *sv;
        switch (kd->bind[c]) {
        case 'N': rc = sqlite3_bind_int64(st, c + 1, notice_id); break;
        case 'P': rc = sqlite3_bind_int64(st, c + 1, pos); break;
        case 'S': rc = sqlite3_bind_int64(st, c + 1, source_id); break;
        case 'i':
        case 'n':
            memcpy(&iv, f, sizeof iv);
            rc = iv || kd->bind[c] == 'i' ? sqlite3_bind_int64(st, c + 1, iv) : sqlite3_bind_null(st, c + 1);
            break;
        case 'l':
            memcpy(&lv, f, sizeof lv);
            rc = sqlite3_bind_int64(st, c + 1, lv);
            break;
        default:
            memcpy(&sv, f, sizeof sv);
            rc = sv ? sqlite3_bind_text(st, c + 1, sv, -1, SQLITE_STATIC) : sqlite3_bind_null(st, c + 1);
        }
    }
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The rows of kind k of the file's own (not a notice's), in list order. */
static int insert_own(jx_db *db, const jx_doc *d, int k, sqlite3_int64 source_id)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; i < d->rows[k].n && rc == SQLITE_OK; i++)
        rc = insert_row(db, k, (const char *)d->rows[k].p + i * d->rows[k].size, 0, 0, source_id);
    return rc;
}

/* One row being written, as the tallies group it: tally kind (0 tasks, 1
 * leaders, 2 units, 3 unit totals), then its key (year 0 and title '' for
 * none, as the tables keep them). */
typedef struct {
    int what, year, lead;
    sqlite3_int64 dept;
    const char *kind, *leader, *title;
} tally_key;

static int cmp_str(const char *a, const char *b)
{
    return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

static int cmp_tally(const void *pa, const void *pb)
{
    const tally_key *a = pa, *b = pb;
    int c;
    if (a->what != b->what) return a->what < b->what ? -1 : 1;
    if (a->dept != b->dept) return a->dept < b->dept ? -1 : 1;
    if (a->lead != b->lead) return a->lead < b->lead ? -1 : 1;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    if ((c = cmp_str(a->kind, b->kind)) || (c = cmp_str(a->leader, b->leader))) return c;
    return cmp_str(a->title, b->title);
}

/* The rows of notice notice_id just written (keys, one a row) enter the
 * tallies: sorted, each run of equal keys is one group, added by one upsert,
 * under the notice's government as stored. */
static int tally_add(jx_db *db, jx_vec *keys, sqlite3_int64 notice_id)
{
    static const int bump[] = {S_BUMP_TASKS, S_BUMP_LEADERS, S_BUMP_UNITS, S_BUMP_TOTALS};
    if (!keys->n) return SQLITE_OK;
    qsort(keys->p, keys->n, keys->size, cmp_tally);
    sqlite3_stmt *g = db->st[S_GOVERNMENT];
    int rc = bind(g, "i", (long long)notice_id);
    if (rc == SQLITE_OK && (rc = sqlite3_step(g)) == SQLITE_ROW) rc = SQLITE_OK;
    /* the government is bound as a copy: g is reset before the upserts run */
    char *gov = rc == SQLITE_OK ? jx_xstrdup((const char *)sqlite3_column_text(g, 0)) : NULL;
    sqlite3_reset(g);
    for (size_t i = 0; i < keys->n && rc == SQLITE_OK;) {
        const tally_key *k = &JX_AT(*keys, tally_key, i);
        size_t e = i + 1;
        while (e < keys->n && !cmp_tally(k, &JX_AT(*keys, tally_key, e))) e++;
        long long n = (long long)(e - i);
        sqlite3_stmt *st = db->st[bump[k->what]];
        switch (k->what) {
        case 0: rc = bind(st, "titi", gov, (long long)k->year, k->kind, n); break;
        case 1: rc = bind(st, "tittti", gov, (long long)k->year, k->kind, k->leader, k->title, n); break;
        case 2: rc = bind(st, "titiii", gov, (long long)k->year, k->kind, (long long)k->dept, (long long)k->lead, n);
                break;
        default: rc = bind(st, "tiii", gov, (long long)k->dept, (long long)k->lead, n);
        }
        if (rc == SQLITE_OK) rc = run(db, bump[k->what]);
        i = e;
    }
    free(gov);
    keys->n = 0;
    return rc;
}

/* Notice notice_id's rows leave the tallies, before they are deleted, as
 * counted from the rows stored; a group left at 0 goes, so that the
 * tallies are the same whatever was loaded and dropped before. Its keys are
 * copied out before the delete runs: the RETURNING rows of a statement are
 * read while it is still open. */
static int tally_drop(jx_db *db, sqlite3_int64 notice_id)
{
    static const int sub[] = {S_UNTALLY_TASKS, S_UNTALLY_LEADERS, S_UNTALLY_UNITS, S_UNTALLY_TOTALS};
    static const int zero[] = {S_ZERO_TASKS, S_ZERO_LEADERS, S_ZERO_UNITS, S_ZERO_TOTALS};
    int rc = SQLITE_OK;
    for (size_t i = 0; i < sizeof sub / sizeof *sub && rc == SQLITE_OK; i++) {
        rc = bind(db->st[sub[i]], "ii", (long long)notice_id, -1LL);
        if (rc != SQLITE_OK) break;
        sqlite3_stmt *st = db->st[sub[i]];
        jx_vec gone = {.size = sizeof(sqlite3_value *)};
        int nkeys = sqlite3_column_count(st) - 1;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            if (sqlite3_column_int64(st, 0) == 0)
                for (int c = 1; c <= nkeys; c++) {
                    sqlite3_value *v = sqlite3_value_dup(sqlite3_column_value(st, c));
                    if (!v) jx_oom();
                    *(sqlite3_value **)jx_vec_push(&gone) = v;
                }
        sqlite3_reset(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        for (size_t g = 0; g < gone.n && rc == SQLITE_OK; g += (size_t)nkeys) {
            sqlite3_stmt *z = db->st[zero[i]];
            sqlite3_reset(z);
            for (int c = 0; c < nkeys && rc == SQLITE_OK; c++)
                rc = sqlite3_bind_value(z, c + 1, JX_AT(gone, sqlite3_value *, g + (size_t)c));
            if (rc == SQLITE_OK) rc = run(db, zero[i]);
        }
        for (size_t g = 0; g < gone.n; g++) sqlite3_value_free(JX_AT(gone, sqlite3_value *, g));
        jx_vec_free(&gone);
    }
    return rc;
}

static int load_rows(jx_db *db, const jx_doc *d, const by_notice *rows, size_t notice,
                     sqlite3_int64 notice_id, sqlite3_int64 source_id)
{
    int rc = SQLITE_OK;
    db->tally.n = 0;        /* (a notice that failed half-written left its keys) */
    for (size_t j = rows[K_TASK].start[notice]; j < rows[K_TASK].start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_task *t = &JX_AT(d->tasks, jx_task, rows[K_TASK].idx[j]);
        sqlite3_int64 task_id = 0;
        rc = next_id(db, S_MAX_TASK, &db->next_task, &task_id);
        db->b[B_TASK].last_id = task_id;
        db->task_ids[rows[K_TASK].idx[j]] = task_id;
        db->stats.tasks++;
        *(tally_key *)jx_vec_push(&db->tally) = (tally_key){.what = 0, .year = t->year, .kind = t->kind};
        if (rc == SQLITE_OK)
            rc = batch_row(db, B_TASK, "inttniitii", (long long)notice_id,
                           (long long)t->year, t->kind, t->category, (long long)t->section, (long long)t->seq,
                           (long long)t->sub_seq, t->text, (long long)source_id, (long long)t->line);
        if (rc == SQLITE_OK && !db->no_search)
            rc = batch_row(db, B_SEARCH, "ittii", (long long)task_id, t->text, "task", (long long)task_id,
                           (long long)notice_id);
        for (size_t k = 0; k < t->nleaders && rc == SQLITE_OK; k++) {
            *(tally_key *)jx_vec_push(&db->tally) = (tally_key){
                .what = 1, .year = t->year, .kind = t->kind, .leader = t->leaders[k].name,
                .title = t->leaders[k].title ? t->leaders[k].title : ""};
            rc = batch_row(db, B_LEADER, "iittn", (long long)task_id, (long long)k + 1, t->leaders[k].name,
                           t->leaders[k].title, (long long)t->leaders[k].line);
        }
        for (size_t k = 0; k < t->nunits && rc == SQLITE_OK; k++) {
            const jx_unit *u = &t->units[k];
            sqlite3_int64 id = 0;
            rc = dept_id(db, u->department, &id);
            tally_key *tk = jx_vec_push(&db->tally);
            *tk = (tally_key){.what = 2, .year = t->year, .kind = t->kind, .dept = id, .lead = u->lead != 0};
            *(tally_key *)jx_vec_push(&db->tally) = (tally_key){.what = 3, .dept = id, .lead = u->lead != 0};
            if (rc == SQLITE_OK)
                rc = batch_row(db, B_UNIT, "iiiti", (long long)task_id, (long long)k + 1, (long long)id,
                               strcmp(u->raw, u->department) ? u->raw : NULL, (long long)(u->lead != 0));
        }
    }
    /* Consecutive cells of one item (the same row of the table) share one
     * target_items row. */
    const jx_target *prev = NULL;
    sqlite3_int64 item_id = 0;
    long long pos = 0;
    for (size_t j = rows[K_TARGET].start[notice]; j < rows[K_TARGET].start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_target *t = &JX_AT(d->targets, jx_target, rows[K_TARGET].idx[j]);
        if (!prev || prev->year != t->year || prev->item_seq != t->item_seq || !same_text(prev->item, t->item) ||
            !same_text(prev->indicator, t->indicator) || !same_text(prev->unit, t->unit)) {
            rc = next_id(db, S_MAX_ITEM, &db->next_item, &item_id);
            db->b[B_ITEM].last_id = item_id;
            if (rc == SQLITE_OK)
                rc = batch_row(db, B_ITEM, "iiitttiin", (long long)notice_id,
                               (long long)t->year, (long long)t->item_seq, t->item, t->indicator, t->unit,
                               (long long)source_id, (long long)t->line,
                               (long long)(t->task >= 0 ? db->task_ids[t->task] : 0));
            pos = 0;
        }
        prev = t;
        if (rc == SQLITE_OK)
            rc = batch_row(db, B_VALUE, "iiitfi", (long long)item_id, ++pos, (long long)t->district_id,
                           t->value_text, t->has_num, t->value_num, (long long)t->line);
    }
    const jx_notice *no = &JX_AT(d->notices, jx_notice, notice);
    if (rc == SQLITE_OK && !db->no_search) rc = index_body(db, notice_id, no->body, no->indexed);
    if (rc == SQLITE_OK) rc = batch_flush_all(db);
    /* the kinds the table writes, in its order */
    for (int k = 0; k < K_COUNT && rc == SQLITE_OK; k++) {
        if (jx_kinds[k].notice < 0 || !jx_kinds[k].insert) continue;
        const jx_vec *v = &d->rows[k];
        long long position = 0;
        for (size_t j = rows[k].start[notice]; j < rows[k].start[notice + 1] && rc == SQLITE_OK; j++)
            rc = insert_row(db, k, (const char *)v->p + rows[k].idx[j] * v->size, notice_id, ++position,
                            source_id);
    }
    if (rc == SQLITE_OK) rc = tally_add(db, &db->tally, notice_id);
    return rc;
}

/* Whether a new source should replace the one a notice row came from:
 * a standalone document beats a gazette reprint; then the smaller sha256.
 * (load_notice asks first which copy carries more tasks.) PREFERRED_SQL
 * says the same for the rows of a gazette's own. */
static int preferred(int new_gazette, const char *new_sha, int old_gazette, const char *old_sha)
{
    if (new_gazette != old_gazette) return !new_gazette;
    return strcmp(new_sha, old_sha) < 0;
}

/* Whether notice_id is one whose rows the file being read again is to
 * rewrite (once: a second copy in the same file is not preferred). */
static int take_stale(jx_db *db, sqlite3_int64 notice_id)
{
    for (size_t i = 0; i < db->stale.n; i++)
        if (JX_AT(db->stale, sqlite3_int64, i) == notice_id) {
            JX_AT(db->stale, sqlite3_int64, i) = JX_AT(db->stale, sqlite3_int64, db->stale.n - 1);
            db->stale.n--;
            return 1;
        }
    return 0;
}

/* Steps a bound notice look-up (notice_id, is_gazette, sha256): *id is the
 * one notice it finds, 0 when it finds none or more than one; sha gets the
 * notice's source sha256. */
/* The one notice a look-up finds, with the file its row comes from (the
 * path copied into a). */
typedef struct { sqlite3_int64 id, source_id; int gazette; char sha[65]; const char *path; } found_notice;

static int find_one(jx_db *db, int which, found_notice *o, jx_arena *a)
{
    sqlite3_stmt *f = db->st[which];
    int rc = sqlite3_step(f);
    o->id = 0;
    if (rc == SQLITE_ROW) {
        o->id = sqlite3_column_int64(f, 0);
        o->gazette = sqlite3_column_int(f, 1);
        snprintf(o->sha, sizeof o->sha, "%s", (const char *)sqlite3_column_text(f, 2));
        const char *path = (const char *)sqlite3_column_text(f, 3);
        o->path = jx_strdup(a, path ? path : "");
        o->source_id = sqlite3_column_int64(f, 4);
        rc = sqlite3_step(f);
        if (rc == SQLITE_ROW) o->id = 0;
    }
    sqlite3_reset(f);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Steps a bound statement that returns one integer (0 when no row). */
static int step_int(jx_db *db, int which, sqlite3_int64 *v)
{
    sqlite3_stmt *st = db->st[which];
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A notice's rows of every kind go (to be written again from another copy,
 * or with the notice itself), and their counts from the tallies, counted
 * under its government as stored. */
static int drop_rows(jx_db *db, sqlite3_int64 notice_id)
{
    int rc = tally_drop(db, notice_id);
    for (int o = 0; o < K_COUNT && rc == SQLITE_OK; o++)
        for (int j = 0; j < 4 && db->del[o][j] && rc == SQLITE_OK; j++) {
            sqlite3_stmt *st = db->del[o][j];
            rc = bind(st, "i", (long long)notice_id);
            if (rc == SQLITE_OK) rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc == SQLITE_DONE) rc = SQLITE_OK;
            if (rc == SQLITE_OK && o == K_TASK && (j == 3 || !db->del[o][j + 1]))
                db->stats.tasks -= sqlite3_changes(db->h);
        }
    return rc;
}

static int insert_notice(jx_db *db, const jx_doc *d, size_t k, sqlite3_int64 source_id, const char *key,
                         sqlite3_int64 *notice_id)
{
    const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    int rc = bind(db->st[S_INS_NOTICE], "tttttniit", key, no->doc_no, no->issuer, no->title,
                  no->issued_on, (long long)no->year, (long long)source_id, (long long)no->line,
                  no->government);
    if (rc == SQLITE_OK) rc = run(db, S_INS_NOTICE);
    *notice_id = sqlite3_last_insert_rowid(db->h);
    if (rc == SQLITE_OK) rc = bind(db->st[S_PUT_BODY], "itt", (long long)*notice_id, no->body, no->indexed);
    if (rc == SQLITE_OK) rc = run(db, S_PUT_BODY);
    db->stats.new_notices++;
    return rc;
}

/* Notice notice_id takes the content of no, printed in source_id. */
static int update_notice(jx_db *db, sqlite3_int64 notice_id, const jx_notice *no, sqlite3_int64 source_id)
{
    int rc = bind(db->st[S_UPD_NOTICE], "itttniit", (long long)notice_id, no->issuer, no->title,
                  no->issued_on, (long long)no->year, (long long)source_id, (long long)no->line,
                  no->government);
    if (rc == SQLITE_OK) rc = run(db, S_UPD_NOTICE);
    if (rc == SQLITE_OK) rc = bind(db->st[S_PUT_BODY], "itt", (long long)notice_id, no->body, no->indexed);
    if (rc == SQLITE_OK) rc = run(db, S_PUT_BODY);
    return rc;
}

static int delete_notice(jx_db *db, sqlite3_int64 notice_id)
{
    int rc = SQLITE_OK;
    for (int w = 0; w < 2 && rc == SQLITE_OK; w++) {
        int which = w ? S_DEL_BODY : S_DEL_NOTICE;
        rc = bind(db->st[which], "i", (long long)notice_id);
        if (rc == SQLITE_OK) rc = run(db, which);
    }
    return rc;
}

/* The copies of key (printing no doc_no) move from notice `from` to `to`,
 * and the files they are in with them (a file that prints a copy of `from`
 * too stays one of its sources). */
static int move_copies(jx_db *db, const char *key, sqlite3_int64 from, sqlite3_int64 to)
{
    int rc = SQLITE_OK;
    static const int order[] = {S_MOVE_COPIES, S_MOVE_NSRC_ADD, S_MOVE_NSRC_DEL};
    for (int i = 0; i < 3 && rc == SQLITE_OK; i++) {
        rc = bind(db->st[order[i]], "tii", key, (long long)from, (long long)to);
        if (rc == SQLITE_OK) rc = run(db, order[i]);
    }
    return rc;
}

/* The key of notice k of d: its doc_no; else title|成文 date; an untitled
 * fragment is its file's own: two fragments never merge, and the same file
 * gives the same key. */
static const char *copy_key(jx_arena *a, const jx_doc *d, size_t k)
{
    const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    if (no->doc_no) return no->doc_no;
    if (no->title) return jx_sprintf(a, "%s|%s", no->title, no->issued_on ? no->issued_on : "");
    return jx_sprintf(a, "untitled|%s|%ld", d->text.sha256, no->line);
}

/* Which notices of d are the file's copy of their key (mine[k]; *keys_out
 * the keys, copy_key's, for the caller to use again): a file
 * that prints a key twice (gazette issues saved into one file, a notice
 * and its reprint in a gazette) has as its copy the one the rule across
 * files prefers: more tasks, then not a gazette's reprint, then the first;
 * so that the order of the texts in a file never changes the rows. */
static unsigned char *file_copies(jx_arena *a, const jx_doc *d, const by_notice *rows, const char ***keys_out)
{
    size_t n = d->notices.n;
    unsigned char *mine = jx_alloc(a, n ? n : 1);
    const char **keys = jx_alloc(a, (n ? n : 1) * sizeof *keys);
    *keys_out = keys;
    size_t *best = jx_alloc(a, (n ? n : 1) * sizeof *best);    /* per key's first copy: its best */
    jx_index at = {0};
    for (size_t k = 0; k < n; k++) {
        keys[k] = copy_key(a, d, k);
        size_t h = jx_hash(keys[k], strlen(keys[k]), JX_HASH_SEED), pos = 0, j;
        while ((j = jx_index_next(&at, h, &pos)) != JX_NONE && strcmp(keys[j], keys[k])) {}
        mine[k] = 1;
        if (j == JX_NONE) {
            jx_index_add(&at, h, k);
            best[k] = k;
            continue;
        }
        size_t b = best[j];
        size_t tk = rows[K_TASK].start[k + 1] - rows[K_TASK].start[k];
        size_t tb = rows[K_TASK].start[b + 1] - rows[K_TASK].start[b];
        int rk = JX_AT(d->notices, jx_notice, k).reprint, rb = JX_AT(d->notices, jx_notice, b).reprint;
        if (tk > tb || (tk == tb && !rk && rb)) {
            mine[b] = 0;
            best[j] = k;
        } else {
            mine[k] = 0;
        }
    }
    jx_index_free(&at);
    return mine;
}

/* The decoded lines of a file, as held_texts keeps them (once). */
static int hold_lines(jx_db *db, const jx_text *t, sqlite3_int64 source_id)
{
    if (source_id == db->own && db->held_own) return SQLITE_OK;
    jx_buf b = {0};
    for (size_t i = 0; i < t->nlines; i++) {
        char no[24];
        int n = snprintf(no, sizeof no, "%ld", t->lines[i].no);
        jx_buf_put(&b, no, (size_t)n + 1);
        jx_buf_put(&b, t->lines[i].text, t->lines[i].len);
        jx_buf_put(&b, "", 1);
    }
    sqlite3_stmt *st = db->st[S_HOLD];
    sqlite3_reset(st);
    int rc = sqlite3_bind_int64(st, 1, source_id);
    if (rc == SQLITE_OK) rc = sqlite3_bind_blob(st, 2, b.p ? b.p : "", (int)b.len, SQLITE_STATIC);
    if (rc == SQLITE_OK) rc = run(db, S_HOLD);
    sqlite3_clear_bindings(st);
    jx_buf_free(&b);
    if (rc == SQLITE_OK && source_id == db->own) db->held_own = 1;
    return rc;
}

/* Holds the text of a loaded file whose copy's rows are about to go for
 * those of a copy printing no doc_no (the file being loaded is d, else it is
 * read again from its path, and must still have its digest). *ok 0: it
 * could not be read. */
static int hold_source(jx_db *db, const jx_doc *d, sqlite3_int64 this_source, sqlite3_int64 source_id, int *ok)
{
    if (source_id == this_source) {
        *ok = 1;
        return hold_lines(db, &d->text, source_id);
    }
    sqlite3_stmt *st = db->st[S_SOURCE];
    int rc = bind(st, "i", (long long)source_id);
    *ok = 0;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 2)) *ok = 1;   /* held already */
        else {
            jx_arena a = {0};
            jx_text t;
            char err[256];
            memset(&t, 0, sizeof t);
            const char *path = jx_strdup(&a, (const char *)sqlite3_column_text(st, 0));
            const char *sha = jx_strdup(&a, (const char *)sqlite3_column_text(st, 1));
            sqlite3_reset(st);
            if (dec_file(&a, path, &t, NULL, err, sizeof err) == 0 && !strcmp(t.sha256, sha)) {
                *ok = 1;
                rc = hold_lines(db, &t, source_id);
            }
            jx_arena_free(&a);
            return rc == SQLITE_ROW ? SQLITE_OK : rc;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A database that a jxgov before held_texts wrote holds no text of the
 * files it loaded. Each that a notice may need (S_NEEDED) is read from its
 * path at the first open by this jxgov, while it is likeliest to be there,
 * so that later loads need no file on disk; one gone or changed since is
 * counted in a warning (its copies then keep the rows stored, as before).
 * meta 'texts held' says it was done; db.c deletes it whenever a jxgov with
 * another schema.sql opens the database. In one transaction of its own: an
 * interrupted run leaves it to the next open. */
/* Pushes the first column of every row query q returns onto v (ids). */
static int push_ids(jx_db *db, const char *q, jx_vec *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->h, q, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *(sqlite3_int64 *)jx_vec_push(v) = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int hold_left(jx_db *db, const char *path, char *err, size_t errsz)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->h, "SELECT count(*) FROM meta WHERE key = 'texts held'", -1, &st, NULL);
    int done = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (done) return 0;
    if (db_lock(db->c, "BEGIN IMMEDIATE", err, errsz)) return -1;
    jx_vec ids = {0};
    ids.size = sizeof(sqlite3_int64);
    rc = push_ids(db, "SELECT source_id FROM sources s WHERE NOT EXISTS"
                  " (SELECT 1 FROM held_texts h WHERE h.source_id = s.source_id) ORDER BY source_id", &ids);
    long lost = 0;
    sqlite3_int64 first = 0, held = 0;
    for (size_t i = 0; i < ids.n && rc == SQLITE_OK; i++) {
        sqlite3_int64 id = JX_AT(ids, sqlite3_int64, i), need = 0;
        int ok = 1;
        rc = bind(db->st[S_NEEDED], "i", (long long)id);
        if (rc == SQLITE_OK) rc = step_int(db, S_NEEDED, &need);
        if (rc == SQLITE_OK && need) rc = hold_source(db, NULL, 0, id, &ok);
        held += need && ok;
        if (rc == SQLITE_OK && !ok && !lost++) first = id;
    }
    jx_vec_free(&ids);
    if (rc == SQLITE_OK && lost) {
        rc = bind(db->st[S_SOURCE], "i", (long long)first);
        if (rc == SQLITE_OK && sqlite3_step(db->st[S_SOURCE]) == SQLITE_ROW)
            jx_msg(path, 0, "warning: %ld file%s that an older jxgov loaded cannot be read again, gone or changed"
                   " since (the first: %s); a notice whose preferred copy one of them prints keeps the rows"
                   " stored", lost, lost == 1 ? "" : "s", (const char *)sqlite3_column_text(db->st[S_SOURCE], 0));
        sqlite3_reset(db->st[S_SOURCE]);
    }
    if (rc == SQLITE_OK) {
        char q[96];
        snprintf(q, sizeof q, "INSERT OR REPLACE INTO meta (key, value) VALUES ('texts held', %lld)", (long long)held);
        rc = sqlite3_exec(db->h, q, NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK || db_exec(db->c, "COMMIT", err, errsz)) {
        if (rc != SQLITE_OK) snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

/* Writes the rows of the copy of `key` in file source_id, parsed again from
 * its held text, as notice `into` (its rows replaced), or as a new notice
 * (into 0: *made is its id). *ok 0: no text is held for that file (loaded
 * by a jxgov before held_texts), and nothing is written. */
static int rows_from(jx_db *db, sqlite3_int64 source_id, const char *key, sqlite3_int64 into,
                     sqlite3_int64 *made, int *ok)
{
    sqlite3_stmt *st = db->st[S_HELD];
    jx_arena a = {0};
    jx_doc d2;
    memset(&d2, 0, sizeof d2);
    *ok = 0;
    int rc = bind(st, "i", (long long)source_id);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        d2.path = jx_strdup(&a, (const char *)sqlite3_column_text(st, 0));
        snprintf(d2.text.sha256, sizeof d2.text.sha256, "%s", (const char *)sqlite3_column_text(st, 1));
        d2.text.encoding = jx_strdup(&a, (const char *)sqlite3_column_text(st, 2));
        d2.text.nbytes = (size_t)sqlite3_column_int64(st, 3);
        const char *p = sqlite3_column_blob(st, 4), *end = p + sqlite3_column_bytes(st, 4);
        size_t n = 0;
        for (const char *q = p; q < end; q++) n += !*q;
        d2.text.lines = jx_alloc(&a, (n / 2 + 1) * sizeof *d2.text.lines);
        while (p < end) {
            jx_line *ln = &d2.text.lines[d2.text.nlines++];
            ln->no = strtol(p, NULL, 10);
            p += strlen(p) + 1;
            ln->len = strlen(p);
            ln->text = jx_strndup(&a, p, ln->len);
            p += ln->len + 1;
        }
        *ok = 1;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    if (rc == SQLITE_OK && *ok) {
        /* what parsing says was said when the file was loaded */
        jx_buf quiet = {0}, *was = jx_msg_capture;
        jx_msg_capture = &quiet;
        prs_doc(&a, &d2);
        jx_msg_capture = was;
        jx_buf_free(&quiet);
        by_notice rows[K_COUNT];
        group_all(&a, &d2, rows);
        const char **keys;
        const unsigned char *mine = file_copies(&a, &d2, rows, &keys);
        size_t k = 0;
        while (k < d2.notices.n && (!mine[k] || strcmp(keys[k], key))) k++;
        *ok = k < d2.notices.n;
        if (*ok) {
            const jx_notice *no = &JX_AT(d2.notices, jx_notice, k);
            sqlite3_int64 *ids = db->task_ids;
            db->task_ids = jx_xcalloc(d2.tasks.n, sizeof *db->task_ids);
            if (!into) {
                rc = insert_notice(db, &d2, k, source_id, key, made);
                into = *made;
            } else {
                rc = drop_rows(db, into);
                if (rc == SQLITE_OK) rc = update_notice(db, into, no, source_id);
            }
            if (rc == SQLITE_OK) rc = load_rows(db, &d2, rows, k, into, source_id);
            /* the batches point into this parse: written before it goes */
            if (rc == SQLITE_OK) rc = batch_flush_all(db);
            free(db->task_ids);
            db->task_ids = ids;
        }
    }
    prs_free(&d2);
    jx_arena_free(&a);
    return rc;
}

/* The copy a notice's rows come from (its source and line): its key and
 * whether it prints a doc_no. */
static int live_copy(jx_db *db, sqlite3_int64 notice_id, char key[512], int *numbered)
{
    sqlite3_stmt *st = db->st[S_LIVE];
    int rc = bind(st, "i", (long long)notice_id);
    key[0] = 0;
    *numbered = 1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        snprintf(key, 512, "%s", (const char *)sqlite3_column_text(st, 0));
        *numbered = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* After copies joined or left notice_id: its rows become those of its
 * preferred copy, if that is not the one they come from. *ok 0: that copy's
 * text is not held (a file loaded by an older jxgov), and the rows stay. */
static int prefer_again(jx_db *db, const jx_doc *d, sqlite3_int64 this_source, sqlite3_int64 notice_id, int *ok)
{
    sqlite3_stmt *st = db->st[S_BEST_OF];
    int rc = bind(st, "i", (long long)notice_id);
    sqlite3_int64 source_id = 0;
    int live = 1;
    char key[512] = "";
    *ok = 1;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        source_id = sqlite3_column_int64(st, 0);
        snprintf(key, sizeof key, "%s", (const char *)sqlite3_column_text(st, 1));
        live = sqlite3_column_int(st, 2);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    if (rc != SQLITE_OK || live || !source_id) return rc;
    /* the rows going are those of a copy that prints a doc_no: kept, as
     * the copies printing none may leave again */
    char now[512];
    int numbered = 0;
    rc = live_copy(db, notice_id, now, &numbered);
    sqlite3_stmt *ls = db->st[S_NOTICE_SOURCE];
    sqlite3_int64 now_source = 0;
    if (rc == SQLITE_OK) rc = bind(ls, "i", (long long)notice_id);
    if (rc == SQLITE_OK) rc = step_int(db, S_NOTICE_SOURCE, &now_source);
    if (rc == SQLITE_OK && numbered) rc = hold_source(db, d, this_source, now_source, ok);
    /* a file an older jxgov loaded holds no text: read from its path */
    if (rc == SQLITE_OK && *ok) rc = hold_source(db, d, this_source, source_id, ok);
    if (rc == SQLITE_OK && *ok) {
        sqlite3_int64 made = 0;
        rc = rows_from(db, source_id, key, notice_id, &made, ok);
    }
    return rc;
}

/* The copy key of a title and date that prints no doc_no, and the doc_nos
 * (other than `self`) whose copies print them: nclaims 0, 1 (the notice
 * `one`) or 2 (two or more). */
static int claims(jx_db *db, const jx_notice *no, const char *self, int *nclaims, sqlite3_int64 *one,
                  char others[2][160])
{
    sqlite3_stmt *st = db->st[S_CLAIMS];
    int rc = bind(st, "ttt", no->title, no->issued_on, self);
    *nclaims = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        snprintf(others[*nclaims], 160, "%s", (const char *)sqlite3_column_text(st, 0));
        *one = sqlite3_column_int64(st, 1);
        ++*nclaims;
        rc = SQLITE_OK;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Notes that the copies of notice_id changed (keep_texts looks there). */
static int touch(jx_db *db, sqlite3_int64 notice_id)
{
    db->touched.size = sizeof(sqlite3_int64);
    *(sqlite3_int64 *)jx_vec_push(&db->touched) = notice_id;
    return SQLITE_OK;
}

/* Notice notice_id's rows come from this file as an older extractor read
 * it: they become those of its preferred copy now that this file's copy
 * (key) is among its copies. *replace 1: that copy is this one (its notice
 * row is updated here, its rows are for the caller to write). */
static int rewrite_stale(jx_db *db, const jx_doc *d, const jx_notice *no, sqlite3_int64 source_id,
                         const char *key, sqlite3_int64 notice_id, int *replace)
{
    sqlite3_stmt *st = db->st[S_BEST_OF];
    sqlite3_int64 best = 0, made = 0;
    char best_key[512] = "";
    int ok = 1, rc = bind(st, "i", (long long)notice_id);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        best = sqlite3_column_int64(st, 0);
        snprintf(best_key, sizeof best_key, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
    *replace = best == source_id && !strcmp(best_key, key);
    if (rc == SQLITE_OK && !*replace) {
        rc = hold_source(db, d, source_id, best, &ok);
        if (rc == SQLITE_OK && ok) rc = rows_from(db, best, best_key, notice_id, &made, &ok);
        if (rc == SQLITE_OK && !ok) {
            jx_msg(d->path, no->line, "warning: %s: the preferred copy cannot be read again: the rows are this"
                   " file's", key);
            *replace = 1;
        }
    }
    if (rc == SQLITE_OK && *replace) rc = drop_rows(db, notice_id);
    if (rc == SQLITE_OK && *replace) rc = update_notice(db, notice_id, no, source_id);
    return rc;
}

static int load_notice(jx_db *db, const jx_doc *d, const by_notice *rows, size_t k, const char *key,
                       sqlite3_int64 source_id, jx_arena *a)
{
    const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    const char *titled = no->title ? jx_sprintf(a, "%s|%s", no->title, no->issued_on ? no->issued_on : "") : NULL;
    long long new_tasks = (long long)(rows[K_TASK].start[k + 1] - rows[K_TASK].start[k]);
    sqlite3_int64 notice_id = 0;
    int replace = 1, ok = 1, stale = 0;
    found_notice old = {0};
    int rc = bind(db->st[S_FIND_COPY], "t", key);
    if (rc == SQLITE_OK) rc = find_one(db, S_FIND_COPY, &old, a);
    /* a file read again, whose copies were forgotten, or one loaded before copies */
    if (rc == SQLITE_OK && !old.id) rc = bind(db->st[S_FIND_NOTICE], "t", key);
    if (rc == SQLITE_OK && !old.id) rc = find_one(db, S_FIND_NOTICE, &old, a);
    /* Which copies are one notice follows from the copies alone: those of
     * one doc_no are one; those printing none (a repost, a reprint) are the
     * notice of the doc_no whose copies print their title and 成文 date when
     * one single doc_no does, else a notice of their own. A copy printing
     * a doc_no that its title and date had not had yet changes that for the
     * copies printing none of them: they join it (there was no doc_no
     * before), or leave the other doc_no's notice (now there are two). */
    if (rc == SQLITE_OK && titled && no->doc_no) {
        sqlite3_int64 has = 0, one = 0, theirs = 0, alone = 0;
        int n = 0;
        char others[2][160];
        rc = bind(db->st[S_HAS_CLAIM], "ttt", no->title, no->issued_on, key);
        if (rc == SQLITE_OK) rc = step_int(db, S_HAS_CLAIM, &has);
        if (rc == SQLITE_OK && !has) rc = claims(db, no, key, &n, &one, others);
        if (rc == SQLITE_OK && !has && n < 2) {
            sqlite3_stmt *st = db->st[S_COPY_NOTICE];
            rc = bind(st, "t", titled);
            if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
                theirs = sqlite3_column_int64(st, 0);
                alone = sqlite3_column_int64(st, 1);
            }
            sqlite3_reset(st);
            if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
        }
        if (rc == SQLITE_OK && theirs && n == 0 && alone && !old.id) {
            /* the notice of the copies printing none becomes this doc_no's */
            rc = bind(db->st[S_FIND_UNNUMBERED], "t", titled);
            if (rc == SQLITE_OK) rc = find_one(db, S_FIND_UNNUMBERED, &old, a);
            if (rc == SQLITE_OK && old.id) rc = bind(db->st[S_ADOPT_DOCNO], "it", (long long)old.id, key);
            if (rc == SQLITE_OK && old.id) rc = run(db, S_ADOPT_DOCNO);
        } else if (rc == SQLITE_OK && theirs && n == 0 && alone) {
            /* they join this doc_no's notice, which then takes the rows of
             * the preferred copy of them all */
            sqlite3_int64 their_source = 0;
            rc = bind(db->st[S_NOTICE_SOURCE], "i", (long long)theirs);
            if (rc == SQLITE_OK) rc = step_int(db, S_NOTICE_SOURCE, &their_source);
            if (rc == SQLITE_OK) rc = hold_source(db, d, source_id, their_source, &ok);
            if (rc == SQLITE_OK && ok) rc = hold_source(db, d, source_id, old.source_id, &ok);
            if (rc == SQLITE_OK) rc = move_copies(db, titled, theirs, old.id);
            if (rc == SQLITE_OK) rc = drop_rows(db, theirs);
            if (rc == SQLITE_OK) rc = delete_notice(db, theirs);
            if (rc == SQLITE_OK) rc = prefer_again(db, d, source_id, old.id, &ok);
            if (rc == SQLITE_OK) rc = bind(db->st[S_FIND_COPY], "t", key);
            if (rc == SQLITE_OK) rc = find_one(db, S_FIND_COPY, &old, a);   /* its source may be another now */
        } else if (rc == SQLITE_OK && theirs && n == 1 && theirs == one) {
            /* they leave the other doc_no's notice for one of their own,
             * from their preferred copy; that notice takes the rows of its
             * own preferred copy again */
            sqlite3_int64 best = 0, made = 0;
            rc = bind(db->st[S_BEST_COPY], "t", titled);
            if (rc == SQLITE_OK) rc = step_int(db, S_BEST_COPY, &best);
            if (rc == SQLITE_OK) rc = hold_source(db, d, source_id, best, &ok);
            if (rc == SQLITE_OK && ok) rc = rows_from(db, best, titled, 0, &made, &ok);
            if (rc == SQLITE_OK && ok) rc = move_copies(db, titled, theirs, made);
            if (rc == SQLITE_OK && ok) rc = touch(db, made);
            if (rc == SQLITE_OK) rc = touch(db, theirs);
            if (rc == SQLITE_OK && ok) rc = prefer_again(db, d, source_id, theirs, &ok);
            if (rc == SQLITE_OK)
                jx_msg(d->path, no->line, ok ? "warning: %s and %s print the same title and date (%s): the copies that print"
                       " no doc_no are a notice of their own"
                       : "warning: %s and %s print the same title and date (%s): the copies that print no doc_no stay"
                       " with the second, as a jxgov before this one loaded them (ingest them again)",
                       key, others[0], no->issued_on ? no->issued_on : "no date");
            ok = 1;
        }
    } else if (rc == SQLITE_OK && titled && !old.id) {
        int n = 0;
        sqlite3_int64 one = 0;
        char others[2][160];
        rc = claims(db, no, "", &n, &one, others);
        if (rc == SQLITE_OK && n == 1) {
            rc = bind(db->st[S_FIND_COPY], "t", others[0]);
            if (rc == SQLITE_OK) rc = find_one(db, S_FIND_COPY, &old, a);
        } else if (rc == SQLITE_OK && n == 2) {
            jx_msg(d->path, no->line, "warning: %s and %s print the same title and date (%s): this copy, which prints"
                   " no doc_no, is a notice of its own", others[0], others[1],
                   no->issued_on ? no->issued_on : "no date");
        }
    }
    if (rc == SQLITE_OK && !ok)
        jx_msg(d->path, no->line, "warning: %s: the preferred copy's text is not held (loaded by an older jxgov):"
               " the rows stay those of the copy they come from", key);
    notice_id = old.id;
    if (rc == SQLITE_OK && notice_id) {
        /* The copy that carries more tasks wins, so that a news repost of the
         * covering letter alone never takes the lists of the notice away;
         * then preferred(). The order is total over the copies, so load order
         * cannot change the outcome. */
        long long now_tasks = 0;
        rc = bind(db->st[S_NOTICE_TASKS], "i", (long long)notice_id);
        if (rc == SQLITE_OK && (rc = sqlite3_step(db->st[S_NOTICE_TASKS])) == SQLITE_ROW) {
            now_tasks = sqlite3_column_int64(db->st[S_NOTICE_TASKS], 0);
            rc = SQLITE_OK;
        }
        sqlite3_reset(db->st[S_NOTICE_TASKS]);
        /* rows an older extractor wrote are no measure: the preferred copy
         * is told once this one is among the copies (below) */
        stale = take_stale(db, notice_id);
        replace = !stale && (new_tasks != now_tasks ? new_tasks > now_tasks
                                                    : preferred(d->gazettes.n > 0, d->text.sha256, old.gazette, old.sha));
        /* The copies printing no doc_no may leave a notice that holds both
         * kinds again (a second doc_no of their title and date), and the
         * rows of each side are then those of its preferred copy, whichever
         * the stored rows are: this file's text is held for that until the
         * file is done (keep_texts keeps it if it is still needed then). The
         * text of the copy whose rows are stored has been held since its
         * load, but in a database an older jxgov wrote: it is read again
         * from its file then. */
        sqlite3_int64 kinds = 0;
        rc = bind(db->st[S_KINDS], "i", (long long)notice_id);
        if (rc == SQLITE_OK) rc = step_int(db, S_KINDS, &kinds);
        int mine = no->doc_no ? 1 : 2;
        if (rc == SQLITE_OK && (kinds | mine) == 3) rc = hold_lines(db, &d->text, source_id);
        if (rc == SQLITE_OK && (kinds | mine) == 3 && kinds != 3) {
            rc = hold_source(db, d, source_id, old.source_id, &ok);
            if (rc == SQLITE_OK && !ok && replace) {
                char live[512];
                int live_numbered = 1;
                rc = live_copy(db, notice_id, live, &live_numbered);
                jx_msg(d->path, no->line, "warning: %s cannot be read again: the rows of %s stay those it gives"
                       " (not this copy's)", old.path, live[0] ? live : key);
                replace = 0;
            }
            ok = 1;
        }
        /* for "0 new notices (1 already loaded from OTHER)" (not a notice
         * printed twice in this one file) */
        if (old.source_id != source_id) {
            db->stats.old_notices++;
            if (!db->stats.other) db->stats.other = jx_xstrdup(old.path);
            else if (strcmp(old.path, db->stats.other)) db->stats.others = 1;
        }
    }
    if (rc != SQLITE_OK) return rc;
    if (!notice_id) {
        rc = insert_notice(db, d, k, source_id, key, &notice_id);
    } else if (replace) {
        rc = drop_rows(db, notice_id);
        if (rc == SQLITE_OK) rc = update_notice(db, notice_id, no, source_id);
    }
    if (rc == SQLITE_OK) rc = bind(db->st[S_INS_NSRC], "iii", (long long)notice_id,
                                   (long long)source_id, (long long)no->line);
    if (rc == SQLITE_OK) rc = run(db, S_INS_NSRC);
    if (rc == SQLITE_OK)
        rc = bind(db->st[S_INS_COPY], "itittiii", (long long)source_id, key, (long long)notice_id, no->title,
                  no->issued_on, (long long)(no->doc_no != NULL), new_tasks, (long long)no->line);
    if (rc == SQLITE_OK) rc = run(db, S_INS_COPY);
    if (rc == SQLITE_OK && stale) rc = rewrite_stale(db, d, no, source_id, key, notice_id, &replace);
    if (rc == SQLITE_OK && replace) rc = load_rows(db, d, rows, k, notice_id, source_id);
    if (rc == SQLITE_OK) rc = touch(db, notice_id);
    return rc;
}

static int cmp_id(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

/* Whether file source_id's text may be needed (S_NEEDED): held if so,
 * given up if not. t: its text when it is the file being loaded. */
static int keep_text(jx_db *db, const jx_text *t, sqlite3_int64 source_id)
{
    sqlite3_int64 need = 0;
    int rc = bind(db->st[S_NEEDED], "i", (long long)source_id);
    if (rc == SQLITE_OK) rc = step_int(db, S_NEEDED, &need);
    if (rc == SQLITE_OK && need && t) return hold_lines(db, t, source_id);
    if (rc == SQLITE_OK && !need) rc = bind(db->st[S_UNHOLD], "i", (long long)source_id);
    if (rc == SQLITE_OK && !need) rc = run(db, S_UNHOLD);
    return rc;
}

/* Holds the file's text when a notice may need it to write its rows again
 * (S_NEEDED), from what the database holds alone, as the file may be gone
 * or changed by then; and lets the texts of the other files of the notices
 * it changed go when none needs them any more, so that held_texts holds
 * what the copies loaded need, whatever the order they came in. Each file
 * is asked once, however many of its notices the file changed. */
static int keep_texts(jx_db *db, const jx_doc *d, sqlite3_int64 source_id)
{
    int rc = keep_text(db, &d->text, source_id);
    jx_vec files = {0};
    files.size = sizeof(sqlite3_int64);
    if (db->touched.n) qsort(db->touched.p, db->touched.n, sizeof(sqlite3_int64), cmp_id);
    for (size_t i = 0; i < db->touched.n && rc == SQLITE_OK; i++) {
        sqlite3_int64 id = JX_AT(db->touched, sqlite3_int64, i);
        if (i && id == JX_AT(db->touched, sqlite3_int64, i - 1)) continue;
        sqlite3_stmt *st = db->st[S_NOTICE_FILES];
        rc = bind(st, "i", (long long)id);
        while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            sqlite3_int64 f = sqlite3_column_int64(st, 0);
            if (f != source_id) *(sqlite3_int64 *)jx_vec_push(&files) = f;
            rc = SQLITE_OK;
        }
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (files.n) qsort(files.p, files.n, sizeof(sqlite3_int64), cmp_id);
    for (size_t i = 0; i < files.n && rc == SQLITE_OK; i++) {
        sqlite3_int64 f = JX_AT(files, sqlite3_int64, i), held = 0;
        if (i && f == JX_AT(files, sqlite3_int64, i - 1)) continue;
        rc = bind(db->st[S_HAS_HELD], "i", (long long)f);
        if (rc == SQLITE_OK) rc = step_int(db, S_HAS_HELD, &held);
        if (rc == SQLITE_OK && held) rc = keep_text(db, NULL, f);
    }
    jx_vec_free(&files);
    return rc;
}

/* The notices a file read again no longer prints (an older extractor read
 * another doc_no or title in it): the file is no longer their source, and
 * they go when no copy is left, else take their preferred copy's rows
 * when theirs were this file's. */
static int drop_stale(jx_db *db, const jx_doc *d, sqlite3_int64 source_id)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; i < db->stale.n; i++) *(sqlite3_int64 *)jx_vec_push(&db->was) = JX_AT(db->stale, sqlite3_int64, i);
    for (size_t i = 0; i < db->was.n && rc == SQLITE_OK; i++) {
        sqlite3_int64 id = JX_AT(db->was, sqlite3_int64, i), left = 0;
        int ok = 1;
        rc = bind(db->st[S_DROP_NSRC], "ii", (long long)id, (long long)source_id);
        if (rc == SQLITE_OK) rc = run(db, S_DROP_NSRC);
        if (rc == SQLITE_OK) rc = bind(db->st[S_COPIES_OF], "i", (long long)id);
        if (rc == SQLITE_OK) rc = step_int(db, S_COPIES_OF, &left);
        if (rc == SQLITE_OK && !left) {
            rc = drop_rows(db, id);
            if (rc == SQLITE_OK) rc = bind(db->st[S_DROP_NSRCS], "i", (long long)id);
            if (rc == SQLITE_OK) rc = run(db, S_DROP_NSRCS);
            if (rc == SQLITE_OK) rc = delete_notice(db, id);
        } else if (rc == SQLITE_OK) {
            rc = touch(db, id);
            if (rc == SQLITE_OK && take_stale(db, id)) rc = prefer_again(db, d, source_id, id, &ok);
            if (rc == SQLITE_OK && !ok)
                jx_msg(d->path, 0, "warning: the preferred copy of a notice this file no longer prints cannot be"
                       " read again: its rows stay those an older jxgov read in this file");
        }
    }
    db->stale.n = db->was.n = 0;
    return rc;
}

int ld_doc(jx_db *db, const jx_doc *d, char *err, size_t errsz)
{
    jx_arena a = {0};
    int found = 0, extractor = 0, rc;
    sqlite3_int64 source_id = 0;
    db->next_task = db->next_item = 0;
    db->why[0] = 0;
    db->stale.size = sizeof(sqlite3_int64);
    db->tally.size = sizeof(tally_key);
    db->stale.n = 0;
    db->touched.n = 0;
    db->was.size = sizeof(sqlite3_int64);
    db->was.n = 0;
    db->held_own = 0;
    free(db->stats.other);
    memset(&db->stats, 0, sizeof db->stats);
    if (db_lock(db->c, "BEGIN IMMEDIATE", err, errsz)) return -1;
    if (ld_has_sha(db, d->text.sha256, &found, &source_id, &extractor, err, errsz)) goto fail;
    if (found && extractor == JX_SCHEMA_VERSION) {
        db_exec(db->c, "ROLLBACK", err, errsz);
        return 1;
    }
    db->task_ids = jx_xcalloc(d->tasks.n, sizeof *db->task_ids);
    if (found) {
        /* loaded by an older version: extracted again, under its own
         * source row (path and time of the first load kept); its notices
         * are rewritten, and rows it already holds are kept once */
        char q[96];
        snprintf(q, sizeof q, "UPDATE sources SET extractor = %d WHERE source_id = %lld", JX_SCHEMA_VERSION,
                 (long long)source_id);
        rc = sqlite3_exec(db->h, q, NULL, NULL, NULL);
        snprintf(q, sizeof q, "SELECT notice_id FROM notices WHERE source_id = %lld", (long long)source_id);
        if (rc == SQLITE_OK) rc = push_ids(db, q, &db->stale);
        snprintf(q, sizeof q, "SELECT notice_id FROM notice_sources WHERE source_id = %lld", (long long)source_id);
        if (rc == SQLITE_OK) rc = push_ids(db, q, &db->was);
        /* its copies are told again, as this jxgov reads them */
        if (rc == SQLITE_OK) rc = bind(db->st[S_FORGET_COPIES], "i", (long long)source_id);
        if (rc == SQLITE_OK) rc = run(db, S_FORGET_COPIES);
    } else {
        rc = bind(db->st[S_INS_SOURCE], "tttiiii", txt_utf8_safe(&a, d->path), d->text.sha256, d->text.encoding,
                  (long long)d->text.nbytes, (long long)d->text.nlines, (long long)(d->gazettes.n > 0),
                  (long long)JX_SCHEMA_VERSION);
        if (rc == SQLITE_OK) rc = run(db, S_INS_SOURCE);
        source_id = sqlite3_last_insert_rowid(db->h);
    }
    db->own = source_id;
    /* the file's own rows (an issue's masthead) before its notices, and
     * after them (a gazette's contents), in jx_kinds order */
    for (int k = 0; k < K_NOTICE && rc == SQLITE_OK; k++)
        if (jx_kinds[k].notice < 0 && jx_kinds[k].insert) rc = insert_own(db, d, k, source_id);
    by_notice rows[K_COUNT];
    group_all(&a, d, rows);
    const char **keys;
    const unsigned char *mine = file_copies(&a, d, rows, &keys);
    for (size_t k = 0; k < d->notices.n && rc == SQLITE_OK; k++)
        if (mine[k]) rc = load_notice(db, d, rows, k, keys[k], source_id, &a);
    if (rc == SQLITE_OK) rc = drop_stale(db, d, source_id);
    if (rc == SQLITE_OK) rc = keep_texts(db, d, source_id);
    for (int k = K_NOTICE + 1; k < K_COUNT && rc == SQLITE_OK; k++)
        if (jx_kinds[k].notice < 0 && jx_kinds[k].insert) rc = insert_own(db, d, k, source_id);
    if (rc == SQLITE_OK && db->no_search) rc = run(db, S_SEARCH_STALE);
    jx_arena_free(&a);
    jx_arena_reset(&db->rows);
    free(db->task_ids);
    db->task_ids = NULL;
    if (rc != SQLITE_OK && !jx_stop) {
        if (db->why[0]) snprintf(err, errsz, "%s", db->why);
        else snprintf(err, errsz, "database: %s", sqlite3_errmsg(db->h));
        goto fail;
    }
    /* Interrupted (SIGINT) while writing: this file is rolled back whole. */
    if (jx_stop) {
        snprintf(err, errsz, "interrupted");
        goto fail;
    }
    if (db_exec(db->c, "COMMIT", err, errsz)) goto fail;
    db_committed(db->c);
    return 0;
fail:
    jx_arena_reset(&db->rows);
    free(db->task_ids);
    db->task_ids = NULL;
    jx_arena_free(&a);
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    dept_forget(&db->dept);     /* it may hold names that were rolled back */
    for (int i = 0; i < B_COUNT; i++) db->b[i].n = 0;
    free(db->stats.other);
    memset(&db->stats, 0, sizeof db->stats);
    return -1;
}

void ld_no_search(jx_db *db)
{
    db->no_search = 1;
}

long long ld_build_search(jx_db *db, char *err, size_t errsz)
{
    sqlite3_stmt *st = NULL;
    long long rows = 0;
    int rc;
    db->why[0] = 0;
    if (db_lock(db->c, "BEGIN IMMEDIATE", err, errsz)) return -1;
    rc = sqlite3_exec(db->h, "DELETE FROM search;"
                      "INSERT INTO search (rowid, text, kind, ref_id, notice_id)"
                      " SELECT task_id, text, 'task', task_id, notice_id FROM tasks;", NULL, NULL, NULL);
    if (rc == SQLITE_OK) rows = sqlite3_changes(db->h);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->h, "SELECT notice_id, body, indexed FROM notice_bodies WHERE indexed IS NOT NULL",
                                -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *flags = (const char *)sqlite3_column_text(st, 2);
        rc = index_body(db, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), flags);
        if (rc == SQLITE_OK) rc = batch_flush(db, B_SEARCH);     /* before the column texts go */
        for (const char *f = flags; f && *f; f++) rows += *f == '1';
        jx_arena_reset(&db->rows);
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
    sqlite3_finalize(st);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db->h, "DELETE FROM meta WHERE key = 'search';"
                                           "INSERT INTO search (search) VALUES ('optimize');", NULL, NULL, NULL);
    if (rc != SQLITE_OK || db_exec(db->c, "COMMIT", err, errsz)) {
        if (rc != SQLITE_OK) snprintf(err, errsz, "database: %s", sqlite3_errmsg(db->h));
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        db->b[B_SEARCH].n = 0;
        jx_arena_reset(&db->rows);
        return -1;
    }
    db_committed(db->c);
    return rows;
}

const jx_ldstats *ld_stats(const jx_db *db)
{
    return &db->stats;
}
