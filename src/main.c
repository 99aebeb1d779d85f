/* main.c: the command line. Parsing and loading live elsewhere; this file
 * only turns arguments into calls, and results into messages and exit codes. */
#include "jxgov.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char usage_main[] =
    "usage: jxgov COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Turns Jiaxing municipal gazette texts (嘉兴市人民政府公报) and the notices they\n"
    "carry into one SQLite database, queried through the v_* views (see README.md).\n"
    "\n"
    "commands:\n"
    "  ingest [--db PATH] [-j N] FILE...  load files (default database ./jxgov.db;\n"
    "                                     jxgov ingest --help for all options)\n"
    "  check FILE...                      parse and print warnings; write nothing\n"
    "  index [--db PATH]                  build the full-text index (after ingest --no-search)\n"
    "\n"
    "options:\n"
    "  -h, --help      this text (also: jxgov COMMAND --help)\n"
    "  --version       print the version\n"
    "\n"
    "Input: UTF-8 (with or without BOM), GB18030 (covers GBK/GB2312), UTF-16LE/BE\n"
    "with BOM; LF, CRLF or CR line ends. Files over 64 MiB or 1000000 lines that\n"
    "are not blank are refused.\n"
    "\n"
    "exit status:\n"
    "  0  every file loaded (or was already loaded)\n"
    "  1  some input could not be read or decoded (the others still load)\n"
    "  2  usage error\n"
    "  3  database error (nothing of the failing file is written; the files\n"
    "     after it are not tried)\n";

static const char usage_ingest[] =
    "usage: jxgov ingest [--db PATH] [--timeout SECS] [-j N] [-q] FILE...\n"
    "\n"
    "Loads each FILE in its own transaction: a file either loads whole or leaves\n"
    "the database exactly as it was. A file whose SHA-256 is already loaded is\n"
    "reported 'unchanged' and changes nothing. One line per file on stderr:\n"
    "  PATH: loaded, N notices, M tasks | PATH: unchanged | PATH: error: REASON\n"
    "Warnings (unknown department, missing date, ...) are printed as\n"
    "PATH:LINE: warning: ...\n"
    "\n"
    "  --db PATH       database file (default ./jxgov.db; created when missing)\n"
    "  --timeout SECS  how long to wait for another writer, and at most to read\n"
    "                  a FIFO or device (default 10)\n"
    "  -j N            N threads: N-1 decode and parse ahead while one writes,\n"
    "                  and parses too when it would wait (default 1; output and\n"
    "                  database are the same either way; 2 is best on 2 cores)\n"
    "  -q              do not print warnings\n"
    "  --no-search     bulk load: add nothing to the full-text index (search),\n"
    "                  which stays incomplete until 'jxgov index' builds it\n"
    "\n"
    "Limits: a file may hold at most 64 MiB and 1000000 lines that are not blank;\n"
    "a larger one is refused whole.\n";

static const char usage_check[] =
    "usage: jxgov check FILE...\n"
    "\n"
    "Parses each FILE exactly as ingest would, prints its warnings and a summary\n"
    "line, and writes nothing. Exit status 1 when a file cannot be decoded.\n";

static int want_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
    return 0;
}

/* Decodes and parses one file. Returns 0; 1 when its digest is in skip
 * (nothing decoded); -1 with err filled. */
static int read_doc(jx_arena *a, const char *path, jx_doc *d, const jx_shaset *skip,
                    char *err, size_t errsz)
{
    memset(d, 0, sizeof *d);
    d->path = path;
    int rc = dec_file(a, path, &d->text, skip, err, errsz);
    if (rc) return rc;
    prs_doc(a, d);
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    int status = JX_OK, unread = 0;
    if (argc == 0) { fputs(usage_check, stderr); return JX_EUSAGE; }
    jx_arena a = {0};
    for (int i = 0; i < argc; i++) {
        jx_doc d;
        char err[512];
        if (read_doc(&a, argv[i], &d, NULL, err, sizeof err)) {
            jx_print("%s: error: %s", argv[i], err);
            status = JX_EINPUT;
        } else {
            jx_print("%s: %s, %zu notice%s, %zu task%s, %d warning%s", argv[i],
                    d.text.encoding, d.notices.n, d.notices.n == 1 ? "" : "s", d.tasks.n,
                    d.tasks.n == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
            /* responsibility lines with no task: a list jxgov could not read */
            if (d.unrecognised) { unread++; status = JX_EINPUT; }
        }
        prs_free(&d);
        jx_arena_reset(&a);
    }
    jx_arena_free(&a);
    if (unread)
        fprintf(stderr, "jxgov: %d file%s with responsibility lines but no task list\n", unread, unread == 1 ? "" : "s");
    return status;
}

/* One file on its way through -j: parsed by a worker, loaded by the writer. */
typedef struct {
    jx_arena a;
    jx_doc d;
    jx_buf warnings;        /* what parsing said, printed when loaded */
    int failed;             /* read_doc failed: err says why */
    int known;              /* its digest was in the database already */
    int ready;
    char err[512];
} slot;

static void parse_into(slot *sl, const char *path, const jx_shaset *known)
{
    jx_msg_capture = &sl->warnings;
    int rc = read_doc(&sl->a, path, &sl->d, known, sl->err, sizeof sl->err);
    sl->failed = rc < 0;
    sl->known = rc == 1;
    jx_msg_capture = NULL;
}

typedef struct {
    char **files;
    int nfiles, window;
    slot *slots;
    const jx_shaset *known;
    int next;               /* the next file a worker takes */
    int loaded;             /* files the writer is done with */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pipeline;

static void *worker(void *arg)
{
    pipeline *pl = arg;
    if (lex_thread_init()) { fputs("jxgov: out of memory\n", stderr); exit(JX_EDB); }
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        /* stay at most `window` files ahead of the writer: memory stays bounded */
        while (pl->next < pl->nfiles && pl->next >= pl->loaded + pl->window)
            pthread_cond_wait(&pl->cv, &pl->mu);
        if (pl->next >= pl->nfiles) {
            pthread_mutex_unlock(&pl->mu);
            break;
        }
        int i = pl->next++;
        pthread_mutex_unlock(&pl->mu);
        slot *sl = &pl->slots[i % pl->window];
        parse_into(sl, pl->files[i], pl->known);
        pthread_mutex_lock(&pl->mu);
        sl->ready = 1;
        pthread_cond_broadcast(&pl->cv);
        pthread_mutex_unlock(&pl->mu);
    }
    lex_thread_done();
    return NULL;
}

/* Loads one parsed file and says what became of it; returns its status. */
static int emit(jx_db *db, const char *path, slot *sl)
{
    char err[512];
    int status = JX_OK;
    if (sl->warnings.len) fputs(sl->warnings.p, stderr);
    if (sl->failed) {
        jx_print("%s: error: %s", path, sl->err);
        status = JX_EINPUT;
    } else if (sl->known) {
        jx_print("%s: unchanged", path);
    } else {
        int r = ld_doc(db, &sl->d, err, sizeof err);
        if (r < 0) {
            jx_print("%s: error: %s", path, err);
            status = JX_EDB;
        } else if (r == 1) {
            jx_print("%s: unchanged", path);
        } else {
            jx_print("%s: loaded, %zu notice%s, %zu task%s", path, sl->d.notices.n,
                    sl->d.notices.n == 1 ? "" : "s", sl->d.tasks.n, sl->d.tasks.n == 1 ? "" : "s");
        }
    }
    prs_free(&sl->d);
    jx_arena keep = sl->a;      /* the slot's memory serves its next file */
    jx_arena_reset(&keep);
    jx_buf_free(&sl->warnings);
    memset(sl, 0, sizeof *sl);
    sl->a = keep;
    return status;
}

static int cmd_ingest(int argc, char **argv)
{
    const char *dbpath = "jxgov.db";
    int i, status = JX_OK, timeout_ms = 10000, jobs = 1, no_search = 0;
    for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) { i++; break; }
        if (!strcmp(argv[i], "--db") && i + 1 < argc) dbpath = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5)) dbpath = argv[i] + 5;
        else if (!strcmp(argv[i], "-q")) jx_quiet_warnings = 1;
        else if (!strcmp(argv[i], "--no-search")) no_search = 1;
        else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
            char *end;
            double secs = strtod(argv[++i], &end);
            if (*end || end == argv[i] || !(secs >= 0 && secs <= 86400)) {   /* NaN fails too */
                fprintf(stderr, "jxgov: ingest: --timeout wants seconds (0 to 86400), not '%s'\n", argv[i]);
                return JX_EUSAGE;
            }
            timeout_ms = (int)(secs * 1000);
        } else if (!strcmp(argv[i], "-j") && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 64) {
                fprintf(stderr, "jxgov: ingest: -j wants a number of threads (1 to 64), not '%s'\n", argv[i]);
                return JX_EUSAGE;
            }
            jobs = (int)n;
        } else {
            fprintf(stderr, "jxgov: ingest: unknown option '%s'\n%s", argv[i], usage_ingest);
            return JX_EUSAGE;
        }
    }
    if (i == argc) {
        fprintf(stderr, "jxgov: ingest: no input files\n%s", usage_ingest);
        return JX_EUSAGE;
    }
    if (!*dbpath) {     /* SQLite would open a temporary database and lose it all */
        fprintf(stderr, "jxgov: ingest: --db wants a file name\n");
        return JX_EUSAGE;
    }
    char err[512];
    jx_read_timeout_ms = timeout_ms;    /* --timeout also bounds reading a FIFO or device */
    jx_db *db = ld_open(dbpath, timeout_ms, err, sizeof err);
    if (!db) {
        jx_print("jxgov: %s: %s", dbpath, err);
        return JX_EDB;
    }
    if (no_search) ld_no_search(db);
    char **files = argv + i;
    int nfiles = argc - i;
    jx_shaset known = {0};
    if (ld_known_shas(db, &known, err, sizeof err)) {
        jx_print("jxgov: %s: %s", dbpath, err);
        ld_close(db);
        return JX_EDB;
    }
    if (jobs == 1) {
        slot sl;
        memset(&sl, 0, sizeof sl);
        for (int k = 0; k < nfiles && status != JX_EDB; k++) {
            parse_into(&sl, files[k], &known);
            int st = emit(db, files[k], &sl);
            if (st > status) status = st;
        }
        jx_arena_free(&sl.a);
    } else {
        /* -j N: N-1 workers decode and parse ahead; this thread writes, in
         * command-line order, so the output is the same as with -j 1. */
        pipeline pl = {files, nfiles, 2 * jobs, NULL, &known, 0, 0, PTHREAD_MUTEX_INITIALIZER,
                       PTHREAD_COND_INITIALIZER};
        pl.slots = calloc((size_t)pl.window, sizeof *pl.slots);
        pthread_t *tid = calloc((size_t)jobs, sizeof *tid);
        if (!pl.slots || !tid) { fputs("jxgov: out of memory\n", stderr); exit(JX_EDB); }
        int started = 0;
        for (int w = 0; w < jobs - 1; w++)
            if (!pthread_create(&tid[w], NULL, worker, &pl)) started++;
        if (!started) { fputs("jxgov: cannot start threads\n", stderr); exit(JX_EDB); }
        for (int k = 0; k < nfiles; k++) {
            slot *sl = &pl.slots[k % pl.window];
            pthread_mutex_lock(&pl.mu);
            while (!sl->ready) {
                /* Rather than wait, parse the next file itself: on a re-run
                 * (only hashing) the writer has nothing else to do. */
                if (pl.next < pl.nfiles && pl.next < pl.loaded + pl.window) {
                    int next = pl.next++;
                    pthread_mutex_unlock(&pl.mu);
                    parse_into(&pl.slots[next % pl.window], files[next], &known);
                    pthread_mutex_lock(&pl.mu);
                    pl.slots[next % pl.window].ready = 1;
                    pthread_cond_broadcast(&pl.cv);
                    continue;
                }
                pthread_cond_wait(&pl.cv, &pl.mu);
            }
            pthread_mutex_unlock(&pl.mu);
            int st = emit(db, files[k], sl);
            if (st > status) status = st;
            pthread_mutex_lock(&pl.mu);
            pl.loaded++;
            int claimed = pl.next;
            if (status == JX_EDB) pl.next = pl.nfiles;      /* the database is unusable: stop */
            pthread_cond_broadcast(&pl.cv);
            pthread_mutex_unlock(&pl.mu);
            if (status == JX_EDB) {
                /* files already taken by a worker finish parsing and are dropped */
                for (int r = k + 1; r < claimed; r++) {
                    slot *rest = &pl.slots[r % pl.window];
                    pthread_mutex_lock(&pl.mu);
                    while (!rest->ready) pthread_cond_wait(&pl.cv, &pl.mu);
                    pthread_mutex_unlock(&pl.mu);
                    prs_free(&rest->d);
                    jx_arena_free(&rest->a);
                    jx_buf_free(&rest->warnings);
                    memset(rest, 0, sizeof *rest);
                }
                break;
            }
        }
        for (int w = 0; w < started; w++) pthread_join(tid[w], NULL);
        for (int w = 0; w < pl.window; w++) jx_arena_free(&pl.slots[w].a);
        free(pl.slots);
        free(tid);
    }
    sha_free(&known);
    ld_close(db);
    return status;
}

static const char usage_index[] =
    "usage: jxgov index [--db PATH]\n"
    "\n"
    "Builds the full-text index (the search table) afresh from the tasks and\n"
    "notice bodies the database holds, in one transaction: after a bulk load\n"
    "with ingest --no-search. Prints the rows indexed.\n";

static int cmd_index(int argc, char **argv)
{
    const char *dbpath = "jxgov.db";
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) dbpath = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5)) dbpath = argv[i] + 5;
        else {
            fprintf(stderr, "jxgov: index: unknown argument '%s'\n%s", argv[i], usage_index);
            return JX_EUSAGE;
        }
    }
    char err[512];
    jx_db *db = ld_open(dbpath, 10000, err, sizeof err);
    long long rows = db ? ld_build_search(db, err, sizeof err) : -1;
    ld_close(db);
    if (rows < 0) {
        fprintf(stderr, "jxgov: %s: %s\n", dbpath, err);
        return JX_EDB;
    }
    fprintf(stderr, "%s: indexed %lld rows\n", dbpath, rows);
    return JX_OK;
}

int main(int argc, char **argv)
{
    char err[512];
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG, which
     * SQLite reports and rolls back, not kill the process mid-transaction. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) { fputs(usage_main, stderr); return JX_EUSAGE; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage_main, stdout);
        return JX_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("jxgov %s (schema %d)\n", JX_VERSION, JX_SCHEMA_VERSION);
        return JX_OK;
    }
    int is_ingest = !strcmp(cmd, "ingest"), is_check = !strcmp(cmd, "check");
    if (!strcmp(cmd, "index")) {
        if (want_help(argc - 2, argv + 2)) { fputs(usage_index, stdout); return JX_OK; }
        return cmd_index(argc - 2, argv + 2);
    }
    if (!is_ingest && !is_check) {
        fprintf(stderr, "jxgov: unknown command '%s'\n%s", cmd, usage_main);
        return JX_EUSAGE;
    }
    if (want_help(argc - 2, argv + 2)) {
        fputs(is_ingest ? usage_ingest : usage_check, stdout);
        return JX_OK;
    }
    if (lex_init(err, sizeof err) || dep_init(err, sizeof err)) {
        fprintf(stderr, "jxgov: %s\n", err);
        return JX_EDB;
    }
    int rc = is_ingest ? cmd_ingest(argc - 2, argv + 2) : cmd_check(argc - 2, argv + 2);
    lex_done();
    dep_done();
    return rc;
}
