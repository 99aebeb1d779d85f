/* main.c: the command line. Parsing and loading live elsewhere; this file
 * only turns arguments into calls, and results into messages and exit codes. */
#include "jxgov.h"

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
    "  --timeout SECS  how long to wait for another writer (default 10)\n"
    "  -j N            N threads: N-1 decode and parse ahead while one writes,\n"
    "                  and parses too when it would wait (default 1; output and\n"
    "                  database are the same either way; 2 is best on 2 cores)\n"
    "  -q              do not print warnings\n"
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

static int cmd_check(int argc, char **argv)
{
    int status = JX_OK;
    if (argc == 0) { fputs(usage_check, stderr); return JX_EUSAGE; }
    jx_arena a = {0};
    for (int i = 0; i < argc; i++) {
        jx_doc d;
        char err[512];
        if (wk_read(&a, argv[i], NULL, &d, NULL, err, sizeof err)) {
            fprintf(stderr, "%s: error: %s\n", argv[i], err);
            status = JX_EINPUT;
        } else {
            fprintf(stderr, "%s: %s, %zu notice%s, %zu task%s, %d warning%s\n", argv[i],
                    d.text.encoding, d.notices.n, d.notices.n == 1 ? "" : "s", d.tasks.n,
                    d.tasks.n == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
        }
        prs_free(&d);
        jx_arena_reset(&a);
    }
    jx_arena_free(&a);
    return status;
}

typedef struct { jx_db *db; int status; } run;

/* Loads one parsed file and says what became of it. */
static int emit(void *ctx, int k, wk_slot *sl)
{
    run *r = ctx;
    const char *path = sl->d.path;
    char err[512];
    (void)k;
    if (sl->warnings.len) jx_printf("%s", sl->warnings.p);
    if (sl->failed) {
        jx_printf("%s: error: %s\n", path, sl->err);
        if (r->status < JX_EINPUT) r->status = JX_EINPUT;
    } else if (sl->known) {
        jx_printf("%s: unchanged\n", path);
    } else {
        int rc = ld_doc(r->db, &sl->d, err, sizeof err);
        if (rc < 0) {
            jx_printf("%s: error: %s\n", path, err);
            r->status = JX_EDB;
        } else if (rc == 1) {
            jx_printf("%s: unchanged\n", path);
        } else {
            jx_printf("%s: loaded, %zu notice%s, %zu task%s\n", path, sl->d.notices.n,
                      sl->d.notices.n == 1 ? "" : "s", sl->d.tasks.n, sl->d.tasks.n == 1 ? "" : "s");
        }
    }
    return r->status == JX_EDB;     /* the database is unusable: stop */
}

static int cmd_ingest(int argc, char **argv)
{
    const char *dbpath = "jxgov.db";
    int i, status = JX_OK, timeout_ms = 10000, jobs = 1;
    for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) { i++; break; }
        if (!strcmp(argv[i], "--db") && i + 1 < argc) dbpath = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5)) dbpath = argv[i] + 5;
        else if (!strcmp(argv[i], "-q")) jx_quiet_warnings = 1;
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
    jx_db *db = ld_open(dbpath, timeout_ms, err, sizeof err);
    if (!db) {
        fprintf(stderr, "jxgov: %s: %s\n", dbpath, err);
        return JX_EDB;
    }
    char **files = argv + i;
    int nfiles = argc - i;
    jx_shaset known = {0};
    if (ld_known_shas(db, &known, err, sizeof err)) {
        fprintf(stderr, "jxgov: %s: %s\n", dbpath, err);
        ld_close(db);
        return JX_EDB;
    }
    wk_input *in = calloc((size_t)nfiles, sizeof *in);
    if (!in) { jx_printf("jxgov: out of memory\n"); exit(JX_EDB); }
    for (int k = 0; k < nfiles; k++) in[k].path = in[k].open = files[k];
    run r = {db, JX_OK};
    wk_run(in, nfiles, jobs, &known, emit, &r);
    status = r.status;
    free(in);
    sha_free(&known);
    ld_close(db);
    return status;
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
