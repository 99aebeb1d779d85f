/* db.c: the database connection under the writer: opening, pragmas, the
 * owner check, migration of older schemas, the embedded department
 * catalogue, waiting for another writer's lock, and the checkpoint thread.
 * load.c writes the rows through it; nothing here knows a row. */
#include "jxgov.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
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

struct jx_conn {
    sqlite3 *h;
    checkpointer ck;
    int wal_frames;             /* frames in the log after the last commit */
    int timeout_ms;
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
    " SELECT task_id, text, 'task', task_id, notice_id FROM tasks;";

/* The tally tables (schema.sql), counted again from the rows: they run with
 * schema.sql, whenever a jxgov with another schema.sql (an older one, with
 * dept_years or none, or a newer one that may have loaded files without
 * keeping them) has written the database; once, then the writer keeps them
 * (load.c tally), in the same terms. */
static const char tally_fill[] =
    "DELETE FROM tally_tasks; DELETE FROM tally_leaders; DELETE FROM tally_units; DELETE FROM tally_unit_totals;"
    "INSERT INTO tally_tasks (government, year, kind, n)"
    " SELECT coalesce(n.government, ''), coalesce(t.year, 0), t.kind, count(*)"
    " FROM tasks t JOIN notices n ON n.notice_id = t.notice_id GROUP BY 1, 2, 3;"
    "INSERT INTO tally_leaders (leader, title, government, year, kind, n)"
    " SELECT l.leader, coalesce(l.title, ''), coalesce(n.government, ''), coalesce(t.year, 0), t.kind,"
    " count(*) FROM tasks t JOIN notices n ON n.notice_id = t.notice_id"
    " JOIN task_leaders l ON l.task_id = t.task_id GROUP BY 1, 2, 3, 4, 5;"
    "INSERT INTO tally_units (dept_id, government, year, kind, lead, n)"
    " SELECT u.dept_id, coalesce(n.government, ''), coalesce(t.year, 0), t.kind, u.lead,"
    " count(*) FROM tasks t JOIN notices n ON n.notice_id = t.notice_id"
    " JOIN task_units u ON u.task_id = t.task_id GROUP BY 1, 2, 3, 4, 5;"
    "INSERT INTO tally_unit_totals (dept_id, government, lead, n)"
    " SELECT dept_id, government, lead, sum(n) FROM tally_units GROUP BY 1, 2, 3;";

/* A version-4 database of a jxgov that kept each body in its notice's row
 * (before notice_bodies): the old table is set aside, schema.sql makes
 * notices and notice_bodies, and the rows are copied into both. Not ALTER
 * TABLE DROP COLUMN: that is SQLite 3.35, and README promises 3.34. With
 * foreign keys off, legacy_alter_table keeps the other tables' REFERENCES
 * notices (and the views) naming notices, not the table set aside. */
static const char bodies_aside[] =
    "PRAGMA legacy_alter_table = ON;"
    "DROP INDEX IF EXISTS notices_title;"
    "ALTER TABLE notices RENAME TO notices_with_bodies;"
    "PRAGMA legacy_alter_table = OFF;";
static const char bodies_move[] =
    "INSERT INTO notices (notice_id, natural_key, doc_no, issuer, title, issued_on, year, source_id,"
    " source_line, government)"
    " SELECT notice_id, natural_key, doc_no, issuer, title, issued_on, year, source_id, source_line, government"
    " FROM notices_with_bodies;"
    "INSERT INTO notice_bodies (notice_id, body, indexed) SELECT notice_id, body, indexed FROM notices_with_bodies;"
    "DROP TABLE notices_with_bodies;";

/* The copies (schema.sql) of a database written before that table: each
 * source of a notice is taken for a copy of the notice's own key, the
 * preferred one with the notice's tasks. A copy that printed no doc_no but
 * was merged into a notice that prints one is not told apart, and no text
 * is held for it: ingested again (extracted again, as a file an older
 * version loaded is), it is. Runs with schema.sql, so also on a version-4
 * database from a jxgov without copies. */
static const char copies_fill[] =
    "INSERT OR IGNORE INTO copies (source_id, copy_key, notice_id, title, issued_on, numbered, tasks, line)"
    " SELECT s.source_id, n.natural_key, s.notice_id, n.title, n.issued_on, n.doc_no IS NOT NULL,"
    " CASE WHEN n.source_id = s.source_id THEN (SELECT count(*) FROM tasks t WHERE t.notice_id = n.notice_id)"
    " ELSE 0 END, s.source_line"
    " FROM notice_sources s JOIN notices n USING (notice_id)"
    " WHERE NOT EXISTS (SELECT 1 FROM copies c WHERE c.source_id = s.source_id AND c.notice_id = s.notice_id);";

int db_exec(jx_conn *db, const char *q, char *err, size_t errsz)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, q, NULL, NULL, &msg);
    if (rc == SQLITE_OK) return 0;
    snprintf(err, errsz, "%s", msg ? msg : sqlite3_errmsg(db->h));
    sqlite3_free(msg);
    return -1;
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
    ((jx_conn *)arg)->wal_frames = frames;
    return SQLITE_OK;
}

static int stop_requested(void *unused)
{
    (void)unused;
    return jx_stop != 0;
}

static void ckpt_start(jx_conn *db, const char *path)
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
void db_committed(jx_conn *db)
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

static void ckpt_stop(jx_conn *db)
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

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The first column of the first row of q (a PRAGMA or a SELECT) as an
 * integer; -1 when it cannot be read (busy, say). */
static long long query_int(jx_conn *db, const char *q)
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
static void lock_holder(jx_conn *db, char *out, size_t outsz)
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
static int with_lock_cb(jx_conn *db, const char *q, int (*cb)(void *, int, char **, char **), void *arg,
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

int db_lock(jx_conn *db, const char *q, char *err, size_t errsz)
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
static int check_owner(jx_conn *db, db_owner *o, char *err, size_t errsz)
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

static int catalog_sync(jx_conn *db, char *err, size_t errsz);

static int migrate(jx_conn *db, const char *set_version, char *err, size_t errsz)
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
        if (n > 0 && db_exec(db, q, err, errsz)) return -1;
    }
    if (db_exec(db, jx_schema_sql, err, errsz)) return -1;
    for (size_t i = 0; i < sizeof migrate_sql / sizeof *migrate_sql; i++) {
        char q[160];
        snprintf(q, sizeof q, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                 migrate_sql[i].table);
        long long n = query_int(db, q);
        if (n < 0) {
            snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
            return -1;
        }
        if (n && db_exec(db, migrate_sql[i].sql, err, errsz)) return -1;
    }
    if (db_exec(db, migrate_fill, err, errsz) || catalog_sync(db, err, errsz)) return -1;
    return db_exec(db, set_version, err, errsz);
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
static int catalog_stale(jx_conn *db)
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
static int catalog_sync(jx_conn *db, char *err, size_t errsz)
{
    sqlite3_stmt *cat = NULL, *name = NULL;
    char sha[65];
    catalog_sha(sha);
    err[0] = 0;
    long long aside = query_int(db, "SELECT count(*) FROM pragma_table_info('notices') WHERE name = 'body'");
    int rc = aside < 0 ? SQLITE_ERROR : SQLITE_OK;
    if (rc == SQLITE_OK && aside) rc = sqlite3_exec(db->h, bodies_aside, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db->h, jx_schema_sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK && aside) rc = sqlite3_exec(db->h, bodies_move, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db->h, copies_fill, NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db->h, tally_fill, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db->h, "DELETE FROM dept_catalog; DELETE FROM dept_names;"
                          " DELETE FROM meta WHERE key = 'departments.tsv' OR key = 'texts held';", NULL, NULL, NULL);
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
static int catalog_refresh(jx_conn *db, char *err, size_t errsz)
{
    int stale = catalog_stale(db);
    if (stale < 0) {
        snprintf(err, errsz, "%s", sqlite3_errmsg(db->h));
        return -1;
    }
    if (!stale) return 0;
    if (db_lock(db, "BEGIN IMMEDIATE", err, errsz)) return -1;
    err[0] = 0;
    if (catalog_stale(db) && catalog_sync(db, err, errsz)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (db_exec(db, "COMMIT", err, errsz)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

jx_conn *db_open(const char *path, int timeout_ms, char *err, size_t errsz)
{
    if (!*path) { snprintf(err, errsz, "wants a file name"); return NULL; }
    jx_conn *db = jx_xcalloc(1, sizeof *db);
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
    db->path = jx_xrealloc(NULL, plen + 3);
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
    /* short waits inside SQLite; db_lock() decides when to give up */
    sqlite3_busy_timeout(db->h, timeout_ms < 50 ? timeout_ms : 50);
    /* SIGINT stops the statement running, not only the next file: one
     * file's write can take minutes (a trigger, a huge table) */
    sqlite3_progress_handler(db->h, 1000, stop_requested, NULL);
    /* Whose database it is, before anything (journal mode included) is
     * written to it. */
    db_owner o;
    if (check_owner(db, &o, err, errsz)) goto fail;
    /* Foreign keys are declared but not enforced: this writer is the only
     * one, it deletes children explicitly, and enforcement costs a parent
     * lookup on every row. */
    if (db_lock(db, "PRAGMA journal_mode=WAL", err, errsz) ||
        db_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
                 /* 16 MiB of page cache: the indexes stay in memory */
                 " PRAGMA cache_size=-16384;", err, errsz))
        goto fail;
    if (o.version < JX_SCHEMA_VERSION || o.app_id != JX_APP_ID) {
        /* create, migrate or mark, in one transaction; another process may
         * have done it while this one waited for the lock, or put tables of
         * its own there: asked again under the lock */
        char q[96];
        snprintf(q, sizeof q, "PRAGMA user_version=%d; PRAGMA application_id=%d", JX_SCHEMA_VERSION, JX_APP_ID);
        if (db_lock(db, "BEGIN IMMEDIATE", err, errsz)) goto fail;
        if (check_owner(db, &o, err, errsz) ||
            (o.version < JX_SCHEMA_VERSION ? migrate(db, q, err, errsz)
                                           : o.app_id != JX_APP_ID && db_exec(db, q, err, errsz)) ||
            db_exec(db, "COMMIT", err, errsz)) {
            sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
    }
    if (catalog_refresh(db, err, errsz)) goto fail;
    /* replaces SQLite's own checkpoints after commits (wal_autocheckpoint) */
    sqlite3_wal_hook(db->h, wal_hook, db);
    ckpt_start(db, db->path);
    return db;
fail:
    db_close(db);
    return NULL;
}

sqlite3 *db_handle(jx_conn *db)
{
    return db->h;
}

void db_close(jx_conn *db)
{
    if (!db) return;
    ckpt_stop(db);
    sqlite3_close(db->h);
    if (db->probe_fd >= 0) close(db->probe_fd);
    if (db->shm_fd >= 0) close(db->shm_fd);
    free(db->path);
    free(db);
}
