/* main.c: the command line: help, options, the files the arguments name
 * (directories expanded, a file named twice read once), signals, and the
 * command's call. What becomes of each file, and the exit status that
 * follows, is run.c's. */
#include "jxgov.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help_head[] =
    "usage: jxgov COMMAND [OPTION]... FILE...\n"
    "\n"
    "Turns Jiaxing municipal gazette texts (嘉兴市人民政府公报) and the notices they\n"
    "carry into one SQLite database, queried through the v_* views (jxgov(1),\n"
    "README.md). Options may stand anywhere before '--', which ends them.\n"
    "\n"
    "commands:\n"
    "  ingest    load files into the database\n"
    "  check     parse files and print their warnings; write nothing\n"
    "  index     build the full-text index (after ingest --no-search)\n"
    "\n"
    "  -h, --help       this text (jxgov COMMAND --help: that command's part)\n"
    "  -V, --version    print the version and exit\n"
    "\n";

static const char help_ingest[] =
    "usage: jxgov ingest [OPTION]... FILE...\n"
    "\n"
    "Loads each FILE in its own transaction: a file either loads whole or leaves\n"
    "the database exactly as it was; a file whose SHA-256 is already loaded is\n"
    "'unchanged'. Prints warnings (PATH:LINE: warning: ...), errors (PATH: error:\n"
    "REASON) and one summary line at the end; on a terminal, a progress line.\n"
    "\n"
    "      --db=PATH       database file (default ./jxgov.db; created when missing)\n"
    "  -j, --jobs=N        N threads: N-1 decode and parse ahead while one writes\n"
    "                      (default: the online processors, at most 8; output\n"
    "                      and database are the same for every N)\n"
    "  -q, --quiet         print errors and the summary only\n"
    "  -v, --verbose       also print one line per file:\n"
    "                        PATH: loaded, N notices, M tasks\n"
    "                        PATH: loaded, 0 new notices (1 already loaded from OTHER), 0 tasks\n"
    "                        PATH: unchanged\n"
    "  -r, --recursive     a directory: its subdirectories' *.txt files too\n"
    "      --timeout=SECS  how long to wait for another writer, and at most to\n"
    "                      read a FIFO or device (default 10)\n"
    "      --no-search     bulk load: add nothing to the full-text index (search),\n"
    "                      which stays incomplete until 'jxgov index' builds it\n"
    "\n";

static const char help_check[] =
    "usage: jxgov check [OPTION]... FILE...\n"
    "\n"
    "Parses each FILE exactly as ingest would and prints its warnings and a line\n"
    "PATH: ENCODING, N notices, M tasks, W warnings; then a summary line.\n"
    "Writes nothing.\n"
    "\n"
    "  -q, --quiet         print errors and the summary only\n"
    "  -r, --recursive     a directory: its subdirectories' *.txt files too\n"
    "\n";

static const char help_index[] =
    "usage: jxgov index [OPTION]...\n"
    "\n"
    "Builds the full-text index (the search table) afresh from the tasks and\n"
    "notice bodies the database holds, in one transaction: after bulk loads\n"
    "with ingest --no-search. Prints the rows indexed.\n"
    "\n"
    "      --db=PATH       database file (default ./jxgov.db)\n"
    "      --timeout=SECS  how long to wait for another writer (default 10)\n"
    "\n";

static const char help_tail[] =
    "FILE is a text file, '-' (standard input, recorded as '-'), or a directory:\n"
    "its *.txt files in name order. A file named twice is read once.\n"
    "Input: UTF-8 (with or without BOM), GB18030 (covers GBK/GB2312), UTF-16LE/BE\n"
    "(BOM or not); LF, CRLF or CR line ends. A file over 64 MiB or 1000000 lines that\n"
    "are not blank is refused whole.\n"
    "\n"
    "exit status:\n"
    "  0    every file loaded (or was already loaded)\n"
    "  1    some input could not be read or decoded (the others still load)\n"
    "  2    usage error\n"
    "  3    database error (nothing of the failing file is written; the files\n"
    "       after it are not tried)\n"
    "  4    out of memory (the file being loaded is not written)\n"
    "  130  interrupted by SIGINT (143: SIGTERM); the file being written is\n"
    "       rolled back, the summary printed\n"
    "  141  standard error was closed (a pipe whose reader ended): the run stops;\n"
    "       the file being loaded is committed or rolled back whole\n";

enum { OPT_DB = 256, OPT_TIMEOUT, OPT_NO_SEARCH };

static const struct option ingest_opts[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"recursive", no_argument, NULL, 'r'},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"no-search", no_argument, NULL, OPT_NO_SEARCH},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static const struct option index_opts[] = {
    {"db", required_argument, NULL, OPT_DB},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static const struct option check_opts[] = {
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"recursive", no_argument, NULL, 'r'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* One line naming the problem, one pointing at the help: exit 2. */
static int usage_error(const char *cmd, const char *fmt, const char *what)
{
    jx_printf("jxgov: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    jx_printf(fmt, what);
    jx_printf("\nTry 'jxgov --help' for more information.\n");
    return JX_EUSAGE;
}

static void print_version(void)
{
    printf("jxgov %s (schema %d)\n", JX_VERSION, JX_SCHEMA_VERSION);
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* Returns -1 to go on, else the exit status (help, version, usage error).
 * On return argv[*first..argc) are the files. */
static int parse_options(const char *cmd, int argc, char **argv, jx_options *o, int *first)
{
    int is_ingest = !strcmp(cmd, "ingest"), is_index = !strcmp(cmd, "index");
    const char *shorts = is_ingest ? ":hVqvrj:" : is_index ? ":hV" : ":hVqvr";
    const struct option *longs = is_ingest ? ingest_opts : is_index ? index_opts : check_opts;
    o->db = "jxgov.db";
    o->jobs = default_jobs();
    o->timeout_ms = 10000;
    o->verbosity = is_ingest ? 1 : 2;   /* check exists to show its per-file lines */
    o->recursive = 0;
    o->no_search = 0;
    opterr = 0;         /* its messages are ours, in the one-line form */
    optind = 1;
    int c, help = 0;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'h': help = 1; break;
        case 'V': print_version(); return JX_OK;
        case 'q': o->verbosity = 0; break;
        case 'v': o->verbosity = 2; break;
        case 'r': o->recursive = 1; break;
        case OPT_NO_SEARCH: o->no_search = 1; break;
        case OPT_DB:
            if (!*optarg)   /* SQLite would open a temporary database and lose it all */
                return usage_error(cmd, "--db wants a file name%s", "");
            o->db = optarg;
            break;
        case 'j': {
            long n = strtol(optarg, &end, 10);
            if (*end || end == optarg || n < 1 || n > 64)
                return usage_error(cmd, "-j wants a number of threads (1 to 64), not '%s'", optarg);
            o->jobs = (int)n;
            break;
        }
        case OPT_TIMEOUT: {
            double secs = strtod(optarg, &end);
            if (*end || end == optarg || !(secs >= 0 && secs <= 86400))     /* NaN fails too */
                return usage_error(cmd, "--timeout wants seconds (0 to 86400), not '%s'", optarg);
            o->timeout_ms = (int)(secs * 1000);
            break;
        }
        default: {
            /* the option as typed: a long one up to its '=' */
            const char *typed = argv[optind - 1];
            char name[64];
            if (!strncmp(typed, "--", 2)) snprintf(name, sizeof name, "%.*s", (int)strcspn(typed, "="), typed);
            else snprintf(name, sizeof name, "-%c", optopt);
            if (c == ':') return usage_error(cmd, "option '%s' needs a value", name);
            if (optopt && !strncmp(typed, "--", 2) && strchr(typed, '='))
                return usage_error(cmd, "option '%s' takes no value", name);
            return usage_error(cmd, "unknown option '%s'", name);
        }
        }
    }
    if (help) {
        fputs(is_ingest ? help_ingest : is_index ? help_index : help_check, stdout);
        fputs(help_tail, stdout);
        return JX_OK;
    }
    if (is_index) {
        if (optind < argc) return usage_error(cmd, "takes no files, not '%s'", argv[optind]);
    } else if (optind == argc) return usage_error(cmd, "no input files%s", "");
    *first = optind;
    return -1;
}

/* ---- inputs: files, '-', directories ---- */

typedef struct { dev_t dev; ino_t ino; int at; } seen_file;
typedef struct {
    jx_input *v;
    int n, cap;
    jx_vec seen;            /* seen_file, by (dev, ino) in seen_at */
    jx_index seen_at;
    int recursive, verbose, stdin_at;
} inputs;

static void add(inputs *in, char *path, const char *open, char *err, long long size)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? 2 * in->cap : 64;
        in->v = jx_xrealloc(in->v, (size_t)in->cap * sizeof *in->v);
    }
    in->v[in->n++] = (jx_input){path, open, err, size};
}

/* The index of the input that is the same file, or -1 (and it is noted as
 * input `at`): the same file named twice (or by two names) is read once. */
static int seen_before(inputs *in, const struct stat *st, int at)
{
    size_t h = jx_hash(&st->st_ino, sizeof st->st_ino, jx_hash(&st->st_dev, sizeof st->st_dev, JX_HASH_SEED));
    size_t pos = 0;
    for (size_t i; (i = jx_index_next(&in->seen_at, h, &pos)) != JX_NONE;) {
        const seen_file *f = &JX_AT(in->seen, seen_file, i);
        if (f->dev == st->st_dev && f->ino == st->st_ino) return f->at;
    }
    in->seen.size = sizeof(seen_file);
    *(seen_file *)jx_vec_push(&in->seen) = (seen_file){st->st_dev, st->st_ino, at};
    jx_index_add(&in->seen_at, h, in->seen.n - 1);
    return -1;
}

static void add_file(inputs *in, char *path, const struct stat *st)
{
    int first = seen_before(in, st, in->n);
    if (first >= 0) {
        if (in->verbose) jx_print("%s: skipped, the same file as %s", path, in->v[first].path);
        free(path);
        return;
    }
    add(in, path, path, NULL, S_ISREG(st->st_mode) ? (long long)st->st_size : -1);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_txt(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcmp(name + n - 4, ".txt");
}

/* A directory's *.txt files (and with -r its subdirectories', not through
 * symbolic links, which could loop), in name order. Returns how many. */
static int add_dir(inputs *in, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open directory: %s", strerror(errno));
        add(in, jx_xstrdup(dir), NULL, jx_xstrdup(msg), -1);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;     /* ., .., and hidden files, as * does */
        if (n == cap) names = jx_xrealloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
        names[n++] = jx_xstrdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    size_t dl = strlen(dir);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + strlen(names[i]) + 2;
        char *path = jx_xrealloc(NULL, len);
        snprintf(path, len, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        struct stat st, lst;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (in->recursive && lstat(path, &lst) == 0 && !S_ISLNK(lst.st_mode)) {
                int k = add_dir(in, path);
                if (k > 0) found += k;
            }
            free(path);
        } else if (ends_txt(names[i])) {
            if (stat(path, &st) == 0) add_file(in, path, &st);
            else add(in, path, path, NULL, -1);    /* a dangling link: reading it says why */
            found++;
        } else {
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return found;
}

static void add_arg(inputs *in, const char *arg)
{
    struct stat st;
    if (!strcmp(arg, "-")) {
        if (in->stdin_at >= 0) return;      /* standard input can be read once */
        in->stdin_at = in->n;
        if (fstat(STDIN_FILENO, &st) == 0) seen_before(in, &st, in->n);
        add(in, jx_xstrdup("-"), "/dev/stdin", NULL, -1);
        return;
    }
    if (stat(arg, &st) != 0) {
        add(in, jx_xstrdup(arg), arg, NULL, -1);     /* reading it says why it cannot be */
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        add_file(in, jx_xstrdup(arg), &st);
        return;
    }
    if (add_dir(in, arg) == 0)
        add(in, jx_xstrdup(arg), NULL, jx_xstrdup(in->recursive ? "no *.txt files in this directory or below it"
                                                          : "no *.txt files in this directory (-r: its subdirectories too)"), -1);
}

static void inputs_free(inputs *in)
{
    for (int i = 0; i < in->n; i++) {
        free(in->v[i].err);
        free(in->v[i].path);
    }
    free(in->v);
    jx_vec_free(&in->seen);
    jx_index_free(&in->seen_at);
}

static void expand(inputs *in, int argc, char **argv, const jx_options *o)
{
    memset(in, 0, sizeof *in);
    in->recursive = o->recursive;
    in->verbose = o->verbosity == 2;
    in->stdin_at = -1;
    for (int i = 0; i < argc; i++) add_arg(in, argv[i]);
}

static pthread_t main_thread;

/* The main thread is the one that stops the run: a signal that lands on a
 * worker is passed on, so that a read the main thread is blocked in returns. */
static void on_signal(int sig)
{
    jx_signal = sig;
    jx_stop = 1;
    if (!pthread_equal(pthread_self(), main_thread)) pthread_kill(main_thread, sig);
}

/* SIGUSR1 only interrupts a blocked read (work.c sends it to a worker
 * when the run stops). */
static void on_wake(int sig)
{
    (void)sig;
}

int main(int argc, char **argv)
{
    char err[512];
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG, which
     * SQLite reports and rolls back, not kill the process mid-transaction;
     * and a closed pipe is an EPIPE the run stops at between files. */
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    /* no SA_RESTART: a read of a terminal or FIFO returns, and the run stops */
    main_thread = pthread_self();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_wake;
    sigaction(SIGUSR1, &sa, NULL);
    if (argc < 2) return usage_error(NULL, "no command given (ingest, check or index)%s", "");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(help_head, stdout);
        fputs(help_ingest, stdout);
        fputs(help_check, stdout);
        fputs(help_index, stdout);
        fputs(help_tail, stdout);
        return JX_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        print_version();
        return JX_OK;
    }
    if (cmd[0] == '-') return usage_error(NULL, "unknown option '%s' (options follow the command)", cmd);
    if (strcmp(cmd, "ingest") && strcmp(cmd, "check") && strcmp(cmd, "index"))
        return usage_error(NULL, "unknown command '%s'", cmd);
    jx_options o;
    int first = 0;
    int rc = parse_options(cmd, argc - 1, argv + 1, &o, &first);
    if (rc >= 0) return rc;
    if (o.verbosity == 0) jx_quiet_warnings = 1;
    if (!strcmp(cmd, "index")) return run_index(&o);
    if (lex_init(err, sizeof err) || dep_init(err, sizeof err)) {
        jx_printf("jxgov: %s\n", err);
        return JX_EDB;
    }
    inputs in;
    expand(&in, argc - 1 - first, argv + 1 + first, &o);
    rc = !strcmp(cmd, "ingest") ? run_ingest(in.v, in.n, &o) : run_check(in.v, in.n, &o);
    inputs_free(&in);
    lex_done();
    dep_done();
    return rc;
}
