/* load.c: the SQLite writer.
 *
 * One transaction per input file: either everything a file yields is
 * committed or nothing is. Values are always bound, never spliced into SQL. */
#include "jxgov.h"

#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern const char jx_schema_sql[];
extern const char jx_departments_tsv[];

/* PRAGMA application_id of a database jxgov made: "JXGV". A database that
 * holds tables but not this marker belongs to another program and is
 * refused before anything is written to it. */
#define JX_APP_ID 0x4A584756

enum {
    S_HAS_SHA, S_INS_SOURCE, S_INS_GAZETTE, S_FIND_NOTICE, S_INS_NOTICE, S_UPD_NOTICE,
    S_INS_NSRC, S_DEL_LEADERS, S_DEL_DEPTS, S_DEL_TASKS,
    S_FIND_DEPT_NAME, S_INS_DEPT_NAME, S_DEL_VALUES, S_DEL_ITEMS, S_MAX_TASK, S_MAX_ITEM, S_INS_APPT, S_INS_CATALOG, S_DEL_DUTIES, S_INS_DUTY, S_DEL_REFS, S_INS_REF,
    S_DEL_TOPICS, S_INS_TOPIC, S_DEL_MEMBERS, S_INS_MEMBER, S_DEL_SEARCH_TASKS, S_DEL_SEARCH_BODY,
    S_SEARCH_STALE, S_ADD_DEPT_YEARS, S_DEL_DEPT_YEARS,
    S_FIND_UNNUMBERED, S_FIND_NUMBERED, S_ADOPT_DOCNO, S_NOTICE_TASKS, S_COUNT
};

/* preferred() in SQL: whether the row being inserted comes from a source
 * preferred to that of the row of table it collides with. */
#define PREFERRED_SQL(table)                                                                  \
    "(SELECT n.is_gazette < o.is_gazette OR (n.is_gazette = o.is_gazette AND n.sha256 < o.sha256)" \
    " FROM sources n, sources o WHERE n.source_id = excluded.source_id AND o.source_id = " table ".source_id)"

static const char *const sql[S_COUNT] = {
    [S_HAS_SHA] = "SELECT source_id, coalesce(extractor, 0) FROM sources WHERE sha256 = ?1",
    [S_INS_SOURCE] = "INSERT INTO sources (path, sha256, encoding, bytes, lines, is_gazette, ingested_at, extractor)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7)",
    [S_INS_GAZETTE] = "INSERT OR IGNORE INTO gazette_issues (source_id, year, issue, total_issue, published_on)"
                      " VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_FIND_NOTICE] = "SELECT n.notice_id, s.is_gazette, s.sha256, s.path, s.source_id FROM notices n"
                      " JOIN sources s ON s.source_id = n.source_id WHERE n.natural_key = ?1",
    [S_INS_NOTICE] = "INSERT INTO notices (natural_key, doc_no, issuer, title, issued_on, year,"
                     " source_id, source_line, government, body, indexed)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_UPD_NOTICE] = "UPDATE notices SET issuer = ?2, title = ?3, issued_on = ?4, year = ?5,"
                     " source_id = ?6, source_line = ?7, government = ?8, body = ?9, indexed = ?10"
                     " WHERE notice_id = ?1",
    [S_INS_NSRC] = "INSERT OR IGNORE INTO notice_sources (notice_id, source_id, source_line)"
                   " VALUES (?1, ?2, ?3)",
    [S_DEL_LEADERS] = "DELETE FROM task_leaders WHERE task_id IN (SELECT task_id FROM tasks WHERE notice_id = ?1)",
    [S_DEL_DEPTS] = "DELETE FROM task_units WHERE task_id IN"
                    " (SELECT task_id FROM tasks WHERE notice_id = ?1)",
    [S_DEL_TASKS] = "DELETE FROM tasks WHERE notice_id = ?1",
    [S_FIND_DEPT_NAME] = "SELECT dept_id FROM departments WHERE name = ?1",
    [S_INS_DEPT_NAME] = "INSERT INTO departments (name) VALUES (?1)",
    [S_DEL_VALUES] = "DELETE FROM target_values WHERE item_id IN"
                     " (SELECT item_id FROM target_items WHERE notice_id = ?1)",
    [S_DEL_ITEMS] = "DELETE FROM target_items WHERE notice_id = ?1",
    [S_MAX_TASK] = "SELECT coalesce(max(task_id), 0) FROM tasks",
    [S_MAX_ITEM] = "SELECT coalesce(max(item_id), 0) FROM target_items",
    /* An entry printed in several files is one row, and its other columns
     * come from the preferred source, as a notice's do (see preferred()). */
    [S_INS_APPT] = "INSERT OR IGNORE INTO appointments (year, month, action, person, post, note,"
                   " source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                   " ON CONFLICT (coalesce(year, 0), coalesce(month, 0), action, person, post) DO UPDATE"
                   " SET note = excluded.note, source_id = excluded.source_id, source_line = excluded.source_line"
                   " WHERE " PREFERRED_SQL("appointments"),
    [S_INS_CATALOG] = "INSERT OR IGNORE INTO catalog (year, issue, doc_no, title, source_id, source_line)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                      " ON CONFLICT (coalesce(year, 0), coalesce(issue, ''), doc_no) DO UPDATE"
                      " SET title = excluded.title, source_id = excluded.source_id, source_line = excluded.source_line"
                      " WHERE " PREFERRED_SQL("catalog"),
    [S_DEL_DUTIES] = "DELETE FROM leader_duty_changes WHERE notice_id = ?1",
    [S_INS_DUTY] = "INSERT INTO leader_duty_changes (notice_id, position, leader, title, action, relation,"
                   " subject, source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_DEL_REFS] = "DELETE FROM notice_references WHERE notice_id = ?1",
    [S_INS_REF] = "INSERT INTO notice_references (notice_id, position, cited_doc_no, cited_title,"
                  " source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_DEL_TOPICS] = "DELETE FROM research_topics WHERE notice_id = ?1",
    [S_INS_TOPIC] = "INSERT OR IGNORE INTO research_topics (notice_id, year, seq, title, source_id, source_line)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_DEL_MEMBERS] = "DELETE FROM committee_members WHERE notice_id = ?1",
    [S_INS_MEMBER] = "INSERT INTO committee_members (notice_id, position, role, person, affiliation,"
                     " source_id, source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    /* a task's search row is its task_id; a body paragraph's is in the
     * notice's range -(notice_id * 2^20 + 0 .. 2^20 - 1) (schema.sql) */
    [S_DEL_SEARCH_TASKS] = "DELETE FROM search WHERE rowid IN (SELECT task_id FROM tasks WHERE notice_id = ?1)",
    [S_DEL_SEARCH_BODY] = "DELETE FROM search WHERE rowid BETWEEN -((?1 << 20) + 1048575) AND -(?1 << 20)",
    /* dept_years follows the task_units rows a notice adds (?2 = 1) or
     * deletes (?2 = -1) */
    [S_ADD_DEPT_YEARS] = "INSERT INTO dept_years (dept_id, government, year, n)"
                         " SELECT u.dept_id, coalesce(n.government, ''), t.year, ?2 * count(*)"
                         " FROM tasks t JOIN notices n ON n.notice_id = t.notice_id"
                         " JOIN task_units u ON u.task_id = t.task_id WHERE t.notice_id = ?1 AND t.year IS NOT NULL"
                         " GROUP BY 1, 2, 3"
                         " ON CONFLICT (dept_id, government, year) DO UPDATE SET n = n + excluded.n",
    [S_DEL_DEPT_YEARS] = "DELETE FROM dept_years WHERE n = 0",
    [S_FIND_UNNUMBERED] = "SELECT n.notice_id, s.is_gazette, s.sha256, s.path, s.source_id FROM notices n"
                          " JOIN sources s ON s.source_id = n.source_id WHERE n.natural_key = ?1 AND n.doc_no IS NULL",
    /* LIMIT 2: finding two is finding no single one (see find_one()) */
    [S_FIND_NUMBERED] = "SELECT n.notice_id, s.is_gazette, s.sha256, s.path, s.source_id FROM notices n"
                        " JOIN sources s ON s.source_id = n.source_id"
                        " WHERE n.title = ?1 AND n.issued_on IS ?2 AND n.doc_no IS NOT NULL LIMIT 2",
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
typedef struct { char *name; sqlite3_int64 id; } dept_slot;
typedef struct {
    dept_slot *slot;
    size_t n, cap;              /* cap: a power of two, or 0 */
} dept_map;

/* Copying the write-ahead log back into the database (a checkpoint) ends
 * in an fsync, which held the writer up for a tenth of a long run. A
 * thread of its own does it on its own connection, PASSIVE, so neither
 * waits for the other: asked every CKPT_FRAMES new frames, it copies until
 * it has caught up. The log starts again from its beginning only at a
 * transaction that finds it all copied, which the writer, always a step
 * ahead, would never find; so once the thread has caught up, the writer
 * copies the few frames it added meanwhile itself. Should the thread fall
 * behind, the writer copies the rest itself once the log holds CKPT_TOPUP
 * frames. */
#define CKPT_FRAMES 4000
#define CKPT_TOPUP 32000

typedef struct {
    sqlite3 *h;
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started, want, stop;
    int asked_at;               /* the log's frame count at the last request */
    int caught_up;              /* the thread copied all it was asked to */
} checkpointer;

struct jx_db {
    sqlite3 *h;
    checkpointer ck;
    int wal_frames;             /* frames in the log after the last commit */
    int timeout_ms;
    sqlite3_stmt *st[S_COUNT];
    dept_map dept;
    batch b[B_COUNT];
    sqlite3_int64 next_task, next_item;     /* ids for this transaction; 0: not read yet */
    sqlite3_int64 *task_ids;    /* per task of the file: its task_id once written */
    jx_vec stale;               /* sqlite3_int64: notices a file read again is to rewrite */
    int no_search;              /* ld_no_search: write no search rows */
    jx_arena rows;              /* copies the batches point to, for one file */
    char why[160];              /* a reason of the writer's own for failing a file */
    jx_ldstats stats;           /* what the last ld_doc added (other: malloc'd) */
    /* The database file and its -shm, opened only to ask who holds a lock
     * (fcntl F_GETLK); closed after SQLite's connections, since closing any
     * descriptor of a file drops all of this process's locks on it. */
    int probe_fd, shm_fd;
    char *path;                 /* as SQLite opened it */
};

/* Moves the rows of a version-1 or -2 table that schema 3 replaced into the
 * new tables, then drops it; each runs only when its old table exists. */
static const struct { const char *table, *sql; } migrate_sql[] = {
    {"task_departments",
     "INSERT OR IGNORE INTO departments (name)"
     "  SELECT DISTINCT department FROM task_departments ORDER BY department;"
     "INSERT INTO task_units (task_id, position, dept_id, raw_name, lead)"
     "  SELECT t.task_id, t.position, d.dept_id, nullif(t.raw_name, t.department), t.role = 'lead'"
     "  FROM task_departments t JOIN departments d ON d.name = t.department;"
     "DROP TABLE task_departments;"},
    {"district_targets",
     "INSERT INTO target_items (notice_id, year, item_seq, item, indicator, unit, source_id, source_line)"
     "  SELECT notice_id, year, item_seq, item, indicator, unit, source_id, min(source_line)"
     "  FROM district_targets GROUP BY notice_id, year, item_seq, item, indicator, unit, source_id"
     "  ORDER BY min(target_id);"
     "INSERT INTO target_values (item_id, position, district_id, value_text, value_num, source_line)"
     "  SELECT i.item_id, row_number() OVER (PARTITION BY i.item_id ORDER BY t.target_id),"
     "         x.district_id, t.value_text, t.value_num, t.source_line"
     "  FROM district_targets t JOIN districts x ON x.name = t.district"
     "  JOIN target_items i ON i.notice_id = t.notice_id AND i.year = t.year AND i.item_seq = t.item_seq"
     "   AND i.item = t.item AND i.indicator IS t.indicator AND i.unit IS t.unit"
     "   AND i.source_id = t.source_id;"
     "DROP TABLE district_targets;"},
};

/* Columns version 4 gives the tables an older version created. */
static const struct { const char *table, *column, *decl; } migrate_cols[] = {
    {"sources", "extractor", "INTEGER"},
    {"notices", "government", "TEXT"},
    {"notices", "body", "TEXT"},
    {"notices", "indexed", "TEXT"},
    {"task_leaders", "source_line", "INTEGER"},
    {"target_items", "task_id", "INTEGER"},
};

/* What version 4 derives from the rows an older version stored: a notice's
 * government from its issuer (the rule of prs_government), the search rows
 * of the tasks. Bodies, leader lines, co-led tasks and item links need the
 * text itself: a file an older version loaded (extractor NULL) is
 * extracted again when it is ingested again. */
static const char migrate_fill[] =
    "UPDATE notices SET government = substr(issuer, 1, instr(issuer, '人民政府') - 1)"
    " WHERE government IS NULL AND instr(issuer, '人民政府') > 1;"
    "INSERT INTO search (rowid, text, kind, ref_id, notice_id)"
    " SELECT task_id, text, 'task', task_id, notice_id FROM tasks;"
    "INSERT INTO dept_years (dept_id, government, year, n)"
    " SELECT u.dept_id, coalesce(n.government, ''), t.year, count(*) FROM task_units u"
    " JOIN tasks t ON t.task_id = u.task_id JOIN notices n ON n.notice_id = t.notice_id"
    " WHERE t.year IS NOT NULL GROUP BY 1, 2, 3;";

#define JX_STR2(x) #x
#define JX_STR(x) JX_STR2(x)
#define JX_SCHEMA_STR JX_STR(JX_SCHEMA_VERSION)

static int exec(jx_db *db, const char *q, char *err, size_t errsz)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, q, NULL, NULL, &msg);
    if (rc == SQLITE_OK) return 0;
    snprintf(err, errsz, "%s", msg ? msg : sqlite3_errmsg(db->h));
    sqlite3_free(msg);
    return -1;
}

static void dept_forget(dept_map *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->slot[i].name);
    free(m->slot);
    memset(m, 0, sizeof *m);
}

static size_t dept_hash(const char *s)
{
    size_t h = 14695981039346656037u;   /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot holding name, or the empty one where it would go (cap > 0). */
static dept_slot *dept_slot_of(dept_map *m, const char *name)
{
    size_t i = dept_hash(name) & (m->cap - 1);
    while (m->slot[i].name && strcmp(m->slot[i].name, name)) i = (i + 1) & (m->cap - 1);
    return &m->slot[i];
}

static int dept_remember(dept_map *m, const char *name, sqlite3_int64 id)
{
    if (2 * (m->n + 1) > m->cap) {
        dept_map bigger = {NULL, m->n, m->cap ? 2 * m->cap : 256};
        if (!(bigger.slot = calloc(bigger.cap, sizeof *bigger.slot))) return SQLITE_NOMEM;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slot[i].name) *dept_slot_of(&bigger, m->slot[i].name) = m->slot[i];
        free(m->slot);
        *m = bigger;
    }
    dept_slot *s = dept_slot_of(m, name);
    if (!(s->name = strdup(name))) return SQLITE_NOMEM;
    s->id = id;
    m->n++;
    return SQLITE_OK;
}

static void *ckpt_main(void *arg)
{
    checkpointer *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->want && !c->stop) pthread_cond_wait(&c->cv, &c->mu);
        if (c->stop) break;
        c->want = 0;
        pthread_mutex_unlock(&c->mu);
        /* What arrives while copying is copied next, up to a point (a
         * reader on an old snapshot holds it back). Busy is fine: the next
         * request tries again, and the last close copies the rest. */
        int log = 0, done = 0;
        for (int round = 0; round < 8; round++)
            if (sqlite3_wal_checkpoint_v2(c->h, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done) != SQLITE_OK ||
                done >= log)
                break;
        pthread_mutex_lock(&c->mu);
        c->caught_up = log > 0 && done >= log;
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

static int wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
    (void)h;
    (void)name;
    ((jx_db *)arg)->wal_frames = frames;
    return SQLITE_OK;
}

static void ckpt_start(jx_db *db, const char *path)
{
    checkpointer *c = &db->ck;
    if (sqlite3_open_v2(path, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        pthread_mutex_init(&c->mu, NULL)) {
        sqlite3_close(c->h);
        c->h = NULL;
        return;
    }
    pthread_cond_init(&c->cv, NULL);
    sqlite3_busy_timeout(c->h, 0);
    /* a connection reads the header, and learns the log is in use, only
     * when it is first used */
    sqlite3_exec(c->h, "PRAGMA synchronous=NORMAL; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    c->started = !pthread_create(&c->tid, NULL, ckpt_main, c);
    if (!c->started) {     /* the writer then checkpoints itself */
        pthread_mutex_destroy(&c->mu);
        pthread_cond_destroy(&c->cv);
        sqlite3_close(c->h);
        c->h = NULL;
    }
}

/* After a commit: hand the log to the checkpointer, or top it up here. */
static void ckpt_after_commit(jx_db *db)
{
    checkpointer *c = &db->ck;
    if (db->wal_frames < c->asked_at) c->asked_at = 0;    /* the log started again */
    if (db->wal_frames >= CKPT_TOPUP || (!c->started && db->wal_frames >= CKPT_FRAMES)) {
        sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        return;
    }
    if (!c->started) return;
    pthread_mutex_lock(&c->mu);
    int caught_up = c->caught_up;
    c->caught_up = 0;
    if (!caught_up && db->wal_frames - c->asked_at >= CKPT_FRAMES) {
        c->asked_at = db->wal_frames;
        c->want = 1;
        pthread_cond_signal(&c->cv);
    }
    pthread_mutex_unlock(&c->mu);
    if (caught_up) sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

static void ckpt_stop(jx_db *db)
{
    checkpointer *c = &db->ck;
    if (!c->started) return;
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->tid, NULL);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
    sqlite3_close(c->h);
    memset(c, 0, sizeof *c);
}

void ld_close(jx_db *db)
{
    if (!db) return;
    ckpt_stop(db);
    dept_forget(&db->dept);
    jx_vec_free(&db->stale);
    jx_arena_free(&db->rows);
    free(db->stats.other);
    for (int i = 0; i < B_COUNT; i++)
        for (int k = 0; k <= BATCH_LG; k++) sqlite3_finalize(db->b[i].st[k]);
    for (int i = 0; i < S_COUNT; i++) sqlite3_finalize(db->st[i]);
    sqlite3_close(db->h);
    if (db->probe_fd >= 0) close(db->probe_fd);
    if (db->shm_fd >= 0) close(db->shm_fd);
    free(db->path);
    free(db);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The first column of the first row of q (a PRAGMA or a SELECT) as an
 * integer; -1 when it cannot be read (busy, say). */
static long long query_int(jx_db *db, const char *q)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db->h, q, -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The process holding a lock on bytes [start, start + len) of fd, as
 * F_GETLK tells (locks of this process do not count): 0 when none; -1 when
 * held by a process whose id is not known; *type the lock's kind. */
static long lock_owner(int fd, off_t start, off_t len, short *type)
{
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = start;
    fl.l_len = len;
    if (fd < 0 || fcntl(fd, F_GETLK, &fl) < 0 || fl.l_type == F_UNLCK) return 0;
    *type = fl.l_type;
    return fl.l_pid > 0 ? (long)fl.l_pid : -1;
}

/* Says who holds the lock q waited for, from the lock bytes SQLite's unix
 * VFS uses: in the -shm file the WAL write lock (byte 120); in the database
 * file PENDING (0x40000000), RESERVED (+1) and the SHARED range (+2, 510
 * bytes). A reader blocks a writer only with a rollback journal (DELETE,
 * TRUNCATE...), where it holds SHARED; in WAL mode readers never do. */
static void lock_holder(jx_db *db, char *out, size_t outsz)
{
    const off_t pending = 0x40000000;
    short type = 0;
    long pid = 0;
    int reader = 0;
    if (db->shm_fd < 0 && db->path) {
        char shm[4096];
        if ((size_t)snprintf(shm, sizeof shm, "%s-shm", db->path) < sizeof shm)
            db->shm_fd = open(shm, O_RDONLY | O_CLOEXEC);
    }
    if (!(pid = lock_owner(db->shm_fd, 120, 1, &type)) && !(pid = lock_owner(db->probe_fd, pending, 2, &type))) {
        unsigned char hdr[20];
        int wal = pread(db->probe_fd, hdr, sizeof hdr, 0) == (ssize_t)sizeof hdr && hdr[18] == 2;
        pid = lock_owner(db->probe_fd, pending + 2, 510, &type);
        /* a write lock on the SHARED range is a writer committing */
        reader = pid && type == F_RDLCK && !wal;
        if (pid && type == F_RDLCK && wal) pid = 0;
    }
    const char *who = reader ? "a reader holding a transaction" : "another writer";
    if (pid > 0) snprintf(out, outsz, "database is locked by %s (process %ld; waited %d ms)", who, pid, db->timeout_ms);
    else snprintf(out, outsz, "database is locked by %s (waited %d ms)", who, db->timeout_ms);
}

/* Runs q (BEGIN IMMEDIATE, a PRAGMA that needs the write lock, or a query
 * whose rows go to cb) until it gets the lock. The timeout counts time in
 * which no other writer commits: a busy but progressing writer is waited
 * for, however long its run; a lock held without progress for longer than
 * the timeout is an error that names what holds it. */
static int with_lock_cb(jx_db *db, const char *q, int (*cb)(void *, int, char **, char **), void *arg,
                        char *err, size_t errsz)
{
    long long deadline = now_ms() + db->timeout_ms, seen = query_int(db, "PRAGMA data_version");
    for (;;) {
        int rc = sqlite3_exec(db->h, q, cb, arg, NULL);
        if (rc == SQLITE_OK) return 0;
        if ((rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED) {
            snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
            return -1;
        }
        long long v = query_int(db, "PRAGMA data_version");
        if (v >= 0 && v != seen) {
            seen = v;
            deadline = now_ms() + db->timeout_ms;
        }
        if (now_ms() >= deadline) {
            lock_holder(db, err, errsz);
            return -1;
        }
    }
}

static int catalog_sync(jx_db *db, char *err, size_t errsz);

static int with_lock(jx_db *db, const char *q, char *err, size_t errsz)
{
    return with_lock_cb(db, q, NULL, NULL, err, errsz);
}

/* What a database is, read in one statement (one snapshot). */
typedef struct {
    long long app_id, version, objects, legacy;
} db_owner;

static int owner_row(void *arg, int n, char **v, char **names)
{
    (void)names;
    db_owner *o = arg;
    if (n == 4) {
        o->app_id = v[0] ? atoll(v[0]) : 0;
        o->version = v[1] ? atoll(v[1]) : 0;
        o->objects = v[2] ? atoll(v[2]) : 0;
        o->legacy = v[3] ? atoll(v[3]) : 0;
    }
    return 0;
}

/* Whether jxgov may write to this database: an empty one (no tables,
 * views, anything); one marked with JX_APP_ID; or one of versions 1 to 3
 * made before the marker existed, recognised by its own tables. Reads only. */
static int check_owner(jx_db *db, db_owner *o, char *err, size_t errsz)
{
    static const char q[] =
        "SELECT (SELECT application_id FROM pragma_application_id),"
        " (SELECT user_version FROM pragma_user_version),"
        " (SELECT count(*) FROM sqlite_schema),"
        " (SELECT count(*) FROM pragma_table_info('sources') WHERE name IN ('sha256', 'path', 'is_gazette')) = 3"
        " AND (SELECT count(*) FROM pragma_table_info('notices') WHERE name IN ('natural_key', 'doc_no')) = 2";
    memset(o, 0, sizeof *o);
    o->app_id = -1;
    if (with_lock_cb(db, q, owner_row, o, err, errsz)) return -1;
    if (o->app_id < 0) {
        snprintf(err, errsz, "cannot read the database header");
        return -1;
    }
    if (o->objects && o->app_id != JX_APP_ID &&
        !(o->app_id == 0 && o->version >= 1 && o->version <= JX_SCHEMA_VERSION && o->legacy)) {
        snprintf(err, errsz, "not a jxgov database (it holds tables, and no jxgov application_id): nothing written");
        return -1;
    }
    if (o->version > JX_SCHEMA_VERSION) {
        snprintf(err, errsz, "database schema version %lld is newer than this jxgov (%d)", o->version,
                 JX_SCHEMA_VERSION);
        return -1;
    }
    return 0;
}

static int migrate(jx_db *db, const char *set_version, char *err, size_t errsz)
{
    for (size_t i = 0; i < sizeof migrate_cols / sizeof *migrate_cols; i++) {
        char q[200];
        snprintf(q, sizeof q, "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s')"
                 " - (SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s')",
                 migrate_cols[i].table, migrate_cols[i].table, migrate_cols[i].column);
        long long n = query_int(db, q);
        if (n < 0) {
            snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
            return -1;
        }
        snprintf(q, sizeof q, "ALTER TABLE %s ADD COLUMN %s %s", migrate_cols[i].table, migrate_cols[i].column,
                 migrate_cols[i].decl);
        if (n > 0 && exec(db, q, err, errsz)) return -1;
    }
    if (exec(db, jx_schema_sql, err, errsz)) return -1;
    for (size_t i = 0; i < sizeof migrate_sql / sizeof *migrate_sql; i++) {
        char q[160];
        snprintf(q, sizeof q, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                 migrate_sql[i].table);
        long long n = query_int(db, q);
        if (n < 0) {
            snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
            return -1;
        }
        if (n && exec(db, migrate_sql[i].sql, err, errsz)) return -1;
    }
    if (exec(db, migrate_fill, err, errsz) || catalog_sync(db, err, errsz)) return -1;
    return exec(db, set_version, err, errsz);
}

/* The SHA-256 of the department table and schema.sql this binary embeds:
 * a database of this schema version written by a build with another
 * schema.sql (a v4 database of main lacks the query indexes) gets this
 * one's indexes and views, since schema.sql runs again with the table. */
static void catalog_sha(char sha[65])
{
    size_t nt = strlen(jx_departments_tsv), ns = strlen(jx_schema_sql);
    unsigned char *both = jx_xrealloc(NULL, nt + ns);
    memcpy(both, jx_departments_tsv, nt);
    memcpy(both + nt, jx_schema_sql, ns);
    sha256_hex(both, nt + ns, sha);
    free(both);
}

/* 1 when the stored catalogue is not this binary's, 0 when it is, -1 on error. */
static int catalog_stale(jx_db *db)
{
    sqlite3_stmt *st;
    char sha[65];
    catalog_sha(sha);
    if (sqlite3_prepare_v2(db->h, "SELECT value FROM meta WHERE key = 'embedded'", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st), stale = 1;
    if (rc == SQLITE_ROW) stale = strcmp((const char *)sqlite3_column_text(st, 0), sha) != 0;
    else if (rc != SQLITE_DONE) stale = -1;
    sqlite3_finalize(st);
    return stale;
}

/* Runs schema.sql and rewrites dept_catalog and dept_names from
 * data/departments.tsv as embedded (canonical name, kind, successor,
 * aliases; see its header), in the transaction open. */
static int catalog_sync(jx_db *db, char *err, size_t errsz)
{
    sqlite3_stmt *cat = NULL, *name = NULL;
    char sha[65];
    catalog_sha(sha);
    err[0] = 0;
    int rc = sqlite3_exec(db->h, jx_schema_sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db->h, "DELETE FROM dept_catalog; DELETE FROM dept_names;"
                          " DELETE FROM meta WHERE key = 'departments.tsv';", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->h, "INSERT INTO dept_catalog (name, government, kind, successor, aliases)"
                                " VALUES (?1, ?5, ?2, nullif(?3, ''), nullif(?4, ''))", -1, &cat, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->h, "INSERT OR IGNORE INTO dept_names (name, canonical) VALUES (?1, ?2)", -1,
                                &name, NULL);
    jx_buf aliases = {0};
    const char *gov = "嘉兴市";     /* the rows before any [government] line */
    size_t govlen = strlen(gov);
    for (const char *line = jx_departments_tsv; rc == SQLITE_OK && *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        if (*line == '[' && end - line > 2 && end[-1] == ']') {
            gov = line + 1;
            govlen = (size_t)(end - line - 2);
            line = *end ? end + 1 : end;
            continue;
        }
        const char *f[4] = {0};
        size_t fl[4] = {0};
        int nf = 0;
        jx_buf_clear(&aliases);
        for (const char *q = line; end > line && *line != '#';) {
            const char *tab = memchr(q, '\t', (size_t)(end - q));
            const char *stop = tab ? tab : end;
            if (nf < 3) { f[nf] = q; fl[nf] = (size_t)(stop - q); nf++; }
            else if (stop > q) {
                if (aliases.len) jx_buf_puts(&aliases, "、");
                jx_buf_put(&aliases, q, (size_t)(stop - q));
                if (name) {
                    sqlite3_reset(name);
                    sqlite3_bind_text(name, 1, q, (int)(stop - q), SQLITE_TRANSIENT);
                    sqlite3_bind_text(name, 2, f[0], (int)fl[0], SQLITE_TRANSIENT);
                    if (sqlite3_step(name) != SQLITE_DONE) rc = sqlite3_errcode(db->h);
                }
            }
            if (!tab) break;
            q = tab + 1;
        }
        if (nf && fl[0] && rc == SQLITE_OK) {
            if (nf < 3) {
                snprintf(err, errsz, "data/departments.tsv: %.*s: want a kind and a successor column",
                         (int)fl[0], f[0]);
                rc = SQLITE_ERROR;
                break;
            }
            sqlite3_reset(cat);
            sqlite3_bind_text(cat, 1, f[0], (int)fl[0], SQLITE_TRANSIENT);
            sqlite3_bind_text(cat, 2, f[1], (int)fl[1], SQLITE_TRANSIENT);
            sqlite3_bind_text(cat, 3, f[2], (int)fl[2], SQLITE_TRANSIENT);
            sqlite3_bind_text(cat, 4, aliases.p ? aliases.p : "", (int)aliases.len, SQLITE_TRANSIENT);
            sqlite3_bind_text(cat, 5, gov, (int)govlen, SQLITE_TRANSIENT);
            if (sqlite3_step(cat) != SQLITE_DONE) rc = sqlite3_errcode(db->h);
            sqlite3_reset(name);
            sqlite3_bind_text(name, 1, f[0], (int)fl[0], SQLITE_TRANSIENT);
            sqlite3_bind_text(name, 2, f[0], (int)fl[0], SQLITE_TRANSIENT);
            if (rc == SQLITE_OK && sqlite3_step(name) != SQLITE_DONE) rc = sqlite3_errcode(db->h);
        }
        line = *end ? end + 1 : end;
    }
    jx_buf_free(&aliases);
    sqlite3_finalize(cat);
    sqlite3_finalize(name);
    if (rc == SQLITE_OK) {
        sqlite3_stmt *st;
        rc = sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO meta (key, value) VALUES ('embedded', ?1)",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db->h);
            sqlite3_finalize(st);
        }
    }
    if (rc != SQLITE_OK && !err[0]) snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
    return rc == SQLITE_OK ? 0 : -1;
}

/* After a jxgov with another department table wrote the database. */
static int catalog_refresh(jx_db *db, char *err, size_t errsz)
{
    int stale = catalog_stale(db);
    if (stale < 0) {
        snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
        return -1;
    }
    if (!stale) return 0;
    if (with_lock(db, "BEGIN IMMEDIATE", err, errsz)) return -1;
    err[0] = 0;
    if (catalog_stale(db) && catalog_sync(db, err, errsz)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (exec(db, "COMMIT", err, errsz)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

jx_db *ld_open(const char *path, int timeout_ms, char *err, size_t errsz)
{
    if (!*path) { snprintf(err, errsz, "wants a file name"); return NULL; }
    jx_db *db = calloc(1, sizeof *db);
    if (!db) { snprintf(err, errsz, "out of memory"); return NULL; }
    db->probe_fd = db->shm_fd = -1;
    /* A plain file name, always. Debian's SQLite is built with
     * SQLITE_USE_URI, which reads "file:x.db?nolock=1" as a URI (and its
     * options), and ":memory:" is a database that is never saved. URIs are
     * turned off where this process sets SQLite up, and, should SQLite be
     * set up already, a relative name is given as ./NAME, which is neither. */
    sqlite3_config(SQLITE_CONFIG_URI, 0);
    /* One connection, used by one thread at a time: no mutexes on it, and no
     * global memory statistics (their mutex costs on every allocation). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    size_t plen = strlen(path);
    if (!(db->path = malloc(plen + 3))) { snprintf(err, errsz, "out of memory"); goto fail; }
    snprintf(db->path, plen + 3, "%s%s", path[0] == '/' ? "" : "./", path);
    if (sqlite3_open_v2(db->path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        snprintf(err, errsz, "%s", db->h ? sqlite3_errmsg(db->h) : "cannot open");
        goto fail;
    }
    if (sqlite3_db_readonly(db->h, "main") == 1) {
        snprintf(err, errsz, "database file is read-only");
        goto fail;
    }
    db->probe_fd = open(db->path, O_RDONLY | O_CLOEXEC);
    db->timeout_ms = timeout_ms;
    /* short waits inside SQLite; with_lock() decides when to give up */
    sqlite3_busy_timeout(db->h, timeout_ms < 50 ? timeout_ms : 50);
    /* Whose database it is, before anything (journal mode included) is
     * written to it. */
    db_owner o;
    if (check_owner(db, &o, err, errsz)) goto fail;
    /* Foreign keys are declared but not enforced: this writer is the only
     * one, it deletes children explicitly, and enforcement costs a parent
     * lookup on every row. */
    if (with_lock(db, "PRAGMA journal_mode=WAL", err, errsz) ||
        exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
                 /* 16 MiB of page cache: the indexes stay in memory */
                 " PRAGMA cache_size=-16384;", err, errsz))
        goto fail;
    if (o.version < JX_SCHEMA_VERSION || o.app_id != JX_APP_ID) {
        /* create, migrate or mark, in one transaction; another process may
         * have done it while this one waited for the lock, or put tables of
         * its own there: asked again under the lock */
        char q[96];
        snprintf(q, sizeof q, "PRAGMA user_version=%d; PRAGMA application_id=%d", JX_SCHEMA_VERSION, JX_APP_ID);
        if (with_lock(db, "BEGIN IMMEDIATE", err, errsz)) goto fail;
        if (check_owner(db, &o, err, errsz) ||
            (o.version < JX_SCHEMA_VERSION ? migrate(db, q, err, errsz)
                                           : o.app_id != JX_APP_ID && exec(db, q, err, errsz)) ||
            exec(db, "COMMIT", err, errsz)) {
            sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
    }
    if (catalog_refresh(db, err, errsz)) goto fail;
    for (int i = 0; i < S_COUNT; i++)
        if (sqlite3_prepare_v3(db->h, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &db->st[i], NULL) != SQLITE_OK) {
            snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
            goto fail;
        }
    /* replaces SQLite's own checkpoints after commits (wal_autocheckpoint) */
    sqlite3_wal_hook(db->h, wal_hook, db);
    ckpt_start(db, db->path);
    return db;
fail:
    ld_close(db);
    return NULL;
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
    if (db->dept.cap) {
        dept_slot *s = dept_slot_of(&db->dept, name);
        if (s->name) { *id = s->id; return SQLITE_OK; }
    }
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
    return rc == SQLITE_OK ? dept_remember(&db->dept, name, *id) : rc;
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
typedef struct { by_notice tasks, targets, duties, references, topics, members; } notice_rows;

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

static void group_all(jx_arena *a, const jx_doc *d, notice_rows *r)
{
    size_t n = d->notices.n;
    group_rows(a, &d->tasks, offsetof(jx_task, notice), n, &r->tasks);
    group_rows(a, &d->targets, offsetof(jx_target, notice), n, &r->targets);
    group_rows(a, &d->duties, offsetof(jx_duty, notice), n, &r->duties);
    group_rows(a, &d->references, offsetof(jx_reference, notice), n, &r->references);
    group_rows(a, &d->topics, offsetof(jx_topic, notice), n, &r->topics);
    group_rows(a, &d->members, offsetof(jx_member, notice), n, &r->members);
}

static int load_rows(jx_db *db, const jx_doc *d, const notice_rows *rows, size_t notice,
                     sqlite3_int64 notice_id, sqlite3_int64 source_id)
{
    int rc = SQLITE_OK;
    for (size_t j = rows->tasks.start[notice]; j < rows->tasks.start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_task *t = &JX_AT(d->tasks, jx_task, rows->tasks.idx[j]);
        sqlite3_int64 task_id = 0;
        rc = next_id(db, S_MAX_TASK, &db->next_task, &task_id);
        db->b[B_TASK].last_id = task_id;
        db->task_ids[rows->tasks.idx[j]] = task_id;
        db->stats.tasks++;
        if (rc == SQLITE_OK)
            rc = batch_row(db, B_TASK, "inttniitii", (long long)notice_id,
                           (long long)t->year, t->kind, t->category, (long long)t->section, (long long)t->seq,
                           (long long)t->sub_seq, t->text, (long long)source_id, (long long)t->line);
        if (rc == SQLITE_OK && !db->no_search)
            rc = batch_row(db, B_SEARCH, "ittii", (long long)task_id, t->text, "task", (long long)task_id,
                           (long long)notice_id);
        for (size_t k = 0; k < t->nleaders && rc == SQLITE_OK; k++)
            rc = batch_row(db, B_LEADER, "iittn", (long long)task_id, (long long)k + 1, t->leaders[k].name,
                           t->leaders[k].title, (long long)t->leaders[k].line);
        for (size_t k = 0; k < t->nunits && rc == SQLITE_OK; k++) {
            const jx_unit *u = &t->units[k];
            sqlite3_int64 id = 0;
            rc = dept_id(db, u->department, &id);
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
    for (size_t j = rows->targets.start[notice]; j < rows->targets.start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_target *t = &JX_AT(d->targets, jx_target, rows->targets.idx[j]);
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
    pos = 0;
    for (size_t j = rows->duties.start[notice]; j < rows->duties.start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_duty *u = &JX_AT(d->duties, jx_duty, rows->duties.idx[j]);
        rc = bind(db->st[S_INS_DUTY], "iitttttii", (long long)notice_id, ++pos, u->leader, u->title,
                  u->action, u->relation, u->subject, (long long)source_id, (long long)u->line);
        if (rc == SQLITE_OK) rc = run(db, S_INS_DUTY);
    }
    pos = 0;
    for (size_t j = rows->references.start[notice]; j < rows->references.start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_reference *r = &JX_AT(d->references, jx_reference, rows->references.idx[j]);
        rc = bind(db->st[S_INS_REF], "iittii", (long long)notice_id, ++pos, r->cited_doc_no,
                  r->cited_title, (long long)source_id, (long long)r->line);
        if (rc == SQLITE_OK) rc = run(db, S_INS_REF);
    }
    for (size_t j = rows->topics.start[notice]; j < rows->topics.start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_topic *t = &JX_AT(d->topics, jx_topic, rows->topics.idx[j]);
        rc = bind(db->st[S_INS_TOPIC], "iiitii", (long long)notice_id, (long long)t->year,
                  (long long)t->seq, t->title, (long long)source_id, (long long)t->line);
        if (rc == SQLITE_OK) rc = run(db, S_INS_TOPIC);
    }
    pos = 0;
    for (size_t j = rows->members.start[notice]; j < rows->members.start[notice + 1] && rc == SQLITE_OK; j++) {
        const jx_member *m = &JX_AT(d->members, jx_member, rows->members.idx[j]);
        rc = bind(db->st[S_INS_MEMBER], "iitttii", (long long)notice_id, ++pos, m->role, m->person,
                  m->affiliation, (long long)source_id, (long long)m->line);
        if (rc == SQLITE_OK) rc = run(db, S_INS_MEMBER);
    }
    if (rc == SQLITE_OK) rc = bind(db->st[S_ADD_DEPT_YEARS], "ii", (long long)notice_id, 1LL);
    if (rc == SQLITE_OK) rc = run(db, S_ADD_DEPT_YEARS);
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

static int load_notice(jx_db *db, const jx_doc *d, const notice_rows *rows, size_t k, sqlite3_int64 source_id,
                       jx_arena *a)
{
    const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    /* An untitled fragment is its file's own: two fragments never merge,
     * and the same file gives the same key. */
    const char *titled = no->title ? jx_sprintf(a, "%s|%s", no->title, no->issued_on ? no->issued_on : "") : NULL;
    const char *key = no->doc_no ? no->doc_no
                    : titled ? titled
                    : jx_sprintf(a, "untitled|%s|%ld", d->text.sha256, no->line);
    sqlite3_int64 notice_id = 0;
    int replace = 1;
    found_notice old = {0};
    int rc = bind(db->st[S_FIND_NOTICE], "t", key);
    if (rc == SQLITE_OK) rc = find_one(db, S_FIND_NOTICE, &old, a);
    /* A copy that prints no doc_no (a repost, a reprint) is the notice of
     * the same title and 成文 date that prints one, when a single one does;
     * a copy that prints it takes over the row of the copies that did not
     * and gives it its doc_no. So the copies are one notice in any order. */
    if (rc == SQLITE_OK && !old.id && titled) {
        if (no->doc_no) {
            rc = bind(db->st[S_FIND_UNNUMBERED], "t", titled);
            if (rc == SQLITE_OK) rc = find_one(db, S_FIND_UNNUMBERED, &old, a);
            if (rc == SQLITE_OK && old.id) rc = bind(db->st[S_ADOPT_DOCNO], "it", (long long)old.id, key);
            if (rc == SQLITE_OK && old.id) rc = run(db, S_ADOPT_DOCNO);
        } else {
            rc = bind(db->st[S_FIND_NUMBERED], "tt", no->title, no->issued_on);
            if (rc == SQLITE_OK) rc = find_one(db, S_FIND_NUMBERED, &old, a);
        }
    }
    notice_id = old.id;
    if (rc == SQLITE_OK && notice_id) {
        /* The copy that carries more tasks wins, so that a news repost of the
         * covering letter alone never takes the lists of the notice away; the
         * row holds the tasks of its preferred copy, so the order is total
         * over the copies and load order cannot change the outcome. */
        long long now_tasks = 0, new_tasks = (long long)(rows->tasks.start[k + 1] - rows->tasks.start[k]);
        rc = bind(db->st[S_NOTICE_TASKS], "i", (long long)notice_id);
        if (rc == SQLITE_OK && (rc = sqlite3_step(db->st[S_NOTICE_TASKS])) == SQLITE_ROW) {
            now_tasks = sqlite3_column_int64(db->st[S_NOTICE_TASKS], 0);
            rc = SQLITE_OK;
        }
        sqlite3_reset(db->st[S_NOTICE_TASKS]);
        replace = take_stale(db, notice_id) ||
                  (new_tasks != now_tasks ? new_tasks > now_tasks
                                          : preferred(d->gazettes.n > 0, d->text.sha256, old.gazette, old.sha));
        /* for "0 new notices (1 already loaded from OTHER)" (not a notice
         * printed twice in this one file) */
        if (old.source_id != source_id) {
            db->stats.old_notices++;
            if (!db->stats.other) db->stats.other = strdup(old.path);
            else if (strcmp(old.path, db->stats.other)) db->stats.others = 1;
        }
    }
    if (rc != SQLITE_OK) return rc;
    if (!notice_id) {
        rc = bind(db->st[S_INS_NOTICE], "tttttniittt", key, no->doc_no, no->issuer, no->title,
                  no->issued_on, (long long)no->year, (long long)source_id, (long long)no->line,
                  no->government, no->body, no->indexed);
        if (rc == SQLITE_OK) rc = run(db, S_INS_NOTICE);
        notice_id = sqlite3_last_insert_rowid(db->h);
        db->stats.new_notices++;
    } else if (replace) {
        /* its units' years go with its tasks, counted under its government as stored */
        rc = bind(db->st[S_ADD_DEPT_YEARS], "ii", (long long)notice_id, -1LL);
        if (rc == SQLITE_OK) rc = run(db, S_ADD_DEPT_YEARS);
        if (rc == SQLITE_OK)
            rc = bind(db->st[S_UPD_NOTICE], "itttniittt", (long long)notice_id, no->issuer, no->title,
                      no->issued_on, (long long)no->year, (long long)source_id, (long long)no->line,
                      no->government, no->body, no->indexed);
        if (rc == SQLITE_OK) rc = run(db, S_UPD_NOTICE);
        static const int owned[] = {S_DEL_SEARCH_TASKS, S_DEL_SEARCH_BODY, S_DEL_LEADERS, S_DEL_DEPTS,
                                    S_DEL_TASKS, S_DEL_VALUES, S_DEL_ITEMS, S_DEL_DUTIES, S_DEL_REFS,
                                    S_DEL_TOPICS, S_DEL_MEMBERS};
        for (size_t o = 0; o < sizeof owned / sizeof *owned && rc == SQLITE_OK; o++) {
            rc = bind(db->st[owned[o]], "i", (long long)notice_id);
            if (rc == SQLITE_OK) rc = run(db, owned[o]);
            if (rc == SQLITE_OK && owned[o] == S_DEL_TASKS) db->stats.tasks -= sqlite3_changes(db->h);
        }
        if (rc == SQLITE_OK) rc = run(db, S_DEL_DEPT_YEARS);
    }
    if (rc == SQLITE_OK) rc = bind(db->st[S_INS_NSRC], "iii", (long long)notice_id,
                                   (long long)source_id, (long long)no->line);
    if (rc == SQLITE_OK) rc = run(db, S_INS_NSRC);
    if (rc == SQLITE_OK && replace) rc = load_rows(db, d, rows, k, notice_id, source_id);
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
    db->stale.n = 0;
    free(db->stats.other);
    memset(&db->stats, 0, sizeof db->stats);
    if (with_lock(db, "BEGIN IMMEDIATE", err, errsz)) return -1;
    if (ld_has_sha(db, d->text.sha256, &found, &source_id, &extractor, err, errsz)) goto fail;
    if (found && extractor == JX_SCHEMA_VERSION) {
        exec(db, "ROLLBACK", err, errsz);
        return 1;
    }
    db->task_ids = calloc(d->tasks.n ? d->tasks.n : 1, sizeof *db->task_ids);
    if (!db->task_ids) {
        snprintf(err, errsz, "out of memory");
        goto fail;
    }
    if (found) {
        /* loaded by an older version: extracted again, under its own
         * source row (path and time of the first load kept); its notices
         * are rewritten, and rows it already holds are kept once */
        char q[96];
        snprintf(q, sizeof q, "UPDATE sources SET extractor = %d WHERE source_id = %lld", JX_SCHEMA_VERSION,
                 (long long)source_id);
        rc = sqlite3_exec(db->h, q, NULL, NULL, NULL);
        sqlite3_stmt *st = NULL;
        snprintf(q, sizeof q, "SELECT notice_id FROM notices WHERE source_id = %lld", (long long)source_id);
        if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db->h, q, -1, &st, NULL);
        while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            *(sqlite3_int64 *)jx_vec_push(&db->stale) = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
        sqlite3_finalize(st);
    } else {
        rc = bind(db->st[S_INS_SOURCE], "tttiiii", txt_utf8_safe(&a, d->path), d->text.sha256, d->text.encoding,
                  (long long)d->text.nbytes, (long long)d->text.nlines, (long long)(d->gazettes.n > 0),
                  (long long)JX_SCHEMA_VERSION);
        if (rc == SQLITE_OK) rc = run(db, S_INS_SOURCE);
        source_id = sqlite3_last_insert_rowid(db->h);
    }
    for (size_t k = 0; k < d->gazettes.n && rc == SQLITE_OK; k++) {
        const jx_gazette *g = &JX_AT(d->gazettes, jx_gazette, k);
        rc = bind(db->st[S_INS_GAZETTE], "inttt", (long long)source_id, (long long)g->year,
                  g->issue, g->total_issue, g->published_on);
        if (rc == SQLITE_OK) rc = run(db, S_INS_GAZETTE);
    }
    notice_rows rows;
    group_all(&a, d, &rows);
    for (size_t k = 0; k < d->notices.n && rc == SQLITE_OK; k++)
        rc = load_notice(db, d, &rows, k, source_id, &a);
    for (size_t i = 0; i < d->appointments.n && rc == SQLITE_OK; i++) {
        const jx_appointment *ap = &JX_AT(d->appointments, jx_appointment, i);
        rc = bind(db->st[S_INS_APPT], "nnttttii", (long long)ap->year, (long long)ap->month, ap->action,
                  ap->person, ap->post, ap->note, (long long)source_id, (long long)ap->line);
        if (rc == SQLITE_OK) rc = run(db, S_INS_APPT);
    }
    for (size_t i = 0; i < d->catalog.n && rc == SQLITE_OK; i++) {
        const jx_catalog *c = &JX_AT(d->catalog, jx_catalog, i);
        rc = bind(db->st[S_INS_CATALOG], "ntttii", (long long)c->year, c->issue,
                  c->doc_no, c->title, (long long)source_id, (long long)c->line);
        if (rc == SQLITE_OK) rc = run(db, S_INS_CATALOG);
    }
    if (rc == SQLITE_OK && db->no_search) rc = run(db, S_SEARCH_STALE);
    jx_arena_free(&a);
    jx_arena_reset(&db->rows);
    free(db->task_ids);
    db->task_ids = NULL;
    if (rc != SQLITE_OK) {
        if (db->why[0]) snprintf(err, errsz, "%s", db->why);
        else snprintf(err, errsz, "database: %s", sqlite3_errmsg(db->h));
        goto fail;
    }
    /* Interrupted (SIGINT) while writing: this file is rolled back whole. */
    if (jx_stop) {
        snprintf(err, errsz, "interrupted");
        goto fail;
    }
    if (exec(db, "COMMIT", err, errsz)) goto fail;
    ckpt_after_commit(db);
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
    if (with_lock(db, "BEGIN IMMEDIATE", err, errsz)) return -1;
    rc = sqlite3_exec(db->h, "DELETE FROM search;"
                      "INSERT INTO search (rowid, text, kind, ref_id, notice_id)"
                      " SELECT task_id, text, 'task', task_id, notice_id FROM tasks;", NULL, NULL, NULL);
    if (rc == SQLITE_OK) rows = sqlite3_changes(db->h);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db->h, "SELECT notice_id, body, indexed FROM notices WHERE indexed IS NOT NULL",
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
    if (rc != SQLITE_OK || exec(db, "COMMIT", err, errsz)) {
        if (rc != SQLITE_OK) snprintf(err, errsz, "database: %s", sqlite3_errmsg(db->h));
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        db->b[B_SEARCH].n = 0;
        jx_arena_reset(&db->rows);
        return -1;
    }
    ckpt_after_commit(db);
    return rows;
}

const jx_ldstats *ld_stats(const jx_db *db)
{
    return &db->stats;
}
