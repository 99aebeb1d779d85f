/* run.c: one command's run over its files, in the order given: each file
 * loaded (ingest, through work.c's threads and load.c) or parsed (check),
 * what became of it said, the counts, the progress line and the summary,
 * and the exit status that follows from them. */
#include "jxgov.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *plural(long n)
{
    return n == 1 || n == -1 ? "" : "s";
}

typedef struct {
    const jx_input *in;
    int n;                      /* files in in[] */
    jx_db *db;
    const jx_options *o;
    int status;
    int done, loaded, unchanged, failed;
    long notices, tasks, warnings, no_notice;
    const char *rolled_back;    /* the file an interrupt rolled back */
    double start, drawn;
    long long bytes, total_bytes;   /* total -1: some size unknown */
    int progress;
} run;

static void draw_progress(run *r, int force)
{
    double t = now_s();
    /* a long run only, and at most ten times a second */
    if (!r->progress || (!force && (t - r->start < 0.5 || t - r->drawn < 0.1))) return;
    r->drawn = t;
    double el = t - r->start, rate = el > 0 ? r->bytes / 1e6 / el : 0;
    double left = -1;
    if (r->total_bytes >= 0 && r->bytes > 0) left = el * (double)(r->total_bytes - r->bytes) / (double)r->bytes;
    else if (r->done > 0) left = el * (r->n - r->done) / r->done;
    char eta[32] = "?";
    if (left >= 0) snprintf(eta, sizeof eta, "%ld:%02ld", (long)left / 60, (long)left % 60);
    char line[200];
    snprintf(line, sizeof line, "jxgov: %d/%d files, %.1f MB, %.1f MB/s, %d error%s, ETA %s", r->done,
             r->n, r->bytes / 1e6, rate, r->failed, plural(r->failed), eta);
    jx_progress(line);
}

static void summary(const run *r, const char *verb)
{
    int n = r->n, untried = n - r->done;
    jx_progress(NULL);
    jx_printf("jxgov: %d file%s: %d %s, ", n, plural(n), r->loaded, verb);
    if (verb[0] == 'l') jx_printf("%d unchanged, ", r->unchanged);
    jx_printf("%d failed", r->failed);
    if (untried) jx_printf(", %d not tried%s", untried, jx_signal ? " (interrupted)" : "");
    /* a file an older extractor read, read again, may give fewer tasks
     * than it stored: they are said removed, not "-3 tasks added" */
    if (r->tasks < 0)
        jx_printf("; %ld notice%s added and %ld task%s removed; %ld warning%s", r->notices, plural(r->notices),
                  -r->tasks, plural(-r->tasks), r->warnings, plural(r->warnings));
    else
        jx_printf("; %ld notice%s and %ld task%s %s; %ld warning%s", r->notices, plural(r->notices), r->tasks,
                  plural(r->tasks), verb[0] == 'l' ? "added" : "found", r->warnings, plural(r->warnings));
    if (r->no_notice) jx_printf(", %ld file%s without a notice", r->no_notice, plural(r->no_notice));
    jx_printf("; %.2f s\n", now_s() - r->start);
}

/* What parsing found, whatever becomes of the file. */
static void count_parse(run *r, const jx_doc *d)
{
    r->warnings += d->warnings;
    if (!d->notices.n) r->no_notice++;
}

static void fail(run *r, const char *path, const char *why, int status)
{
    jx_print("%s: error: %s", path, why);
    r->failed++;
    if (r->status < status) r->status = status;
}

/* Loads one parsed file and says what became of it; nonzero stops the run. */
static int emit(void *ctx, int k, wk_slot *sl)
{
    run *r = ctx;
    const jx_input *e = &r->in[k];
    char err[512];
    r->done++;
    if (sl->warnings.len) jx_printf("%s", sl->warnings.p);
    if (jx_out_broken) return 1;        /* a closed pipe: stop before writing more */
    if (!e->open) {
        fail(r, e->path, e->err, JX_EINPUT);
    } else if (sl->failed) {
        fail(r, e->path, sl->err, JX_EINPUT);
    } else if (sl->known) {
        r->unchanged++;
        if (r->o->verbosity == 2) jx_print("%s: unchanged", e->path);
    } else {
        count_parse(r, &sl->d);
        int rc = ld_doc(r->db, &sl->d, err, sizeof err);
        if (rc < 0 && jx_signal) {
            r->done--;      /* not loaded, and not failed: rolled back */
            r->rolled_back = e->path;
        } else if (rc < 0) {
            fail(r, e->path, err, JX_EDB);
        } else if (rc == 1) {
            r->unchanged++;
            if (r->o->verbosity == 2) jx_print("%s: unchanged", e->path);
        } else {
            const jx_ldstats *st = ld_stats(r->db);
            r->loaded++;
            r->notices += st->new_notices;
            r->tasks += st->tasks;
            long t = st->tasks < 0 ? -st->tasks : st->tasks;
            const char *gone = st->tasks < 0 ? " removed" : "";
            if (r->o->verbosity < 2) {
            } else if (!st->old_notices) {
                jx_print("%s: loaded, %ld notice%s, %ld task%s%s", e->path, st->new_notices,
                          plural(st->new_notices), t, plural(t), gone);
            } else {
                jx_print("%s: loaded, %ld new notice%s (%ld already loaded from %s%s), %ld task%s%s", e->path,
                          st->new_notices, plural(st->new_notices), st->old_notices, st->other,
                          st->others ? " and other files" : "", t, plural(t), gone);
            }
        }
    }
    r->bytes += e->size >= 0 ? e->size : (long long)sl->d.text.nbytes;
    draw_progress(r, 0);
    return r->status == JX_EDB || jx_out_broken || jx_stop;
}

/* A --db that cannot work, said plainly before SQLite says less. */
static int db_unusable(const char *path, char *err, size_t errsz)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "is a directory (--db names the database file)");
        return 1;
    }
    int exists = stat(path, &st) == 0;
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash) snprintf(dir, sizeof dir, ".");
    else snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    struct stat dst;
    if (!exists && (stat(dir, &dst) != 0 || !S_ISDIR(dst.st_mode))) {
        snprintf(err, errsz, "cannot create the database: directory %.400s does not exist", dir);
        return 1;
    }
    /* the write-ahead log and its index are created beside the database
     * (a file that is itself read-only: ld_open says so) */
    if ((!exists || access(path, W_OK) == 0) && access(dir, W_OK | X_OK) != 0) {
        snprintf(err, errsz, "%s: directory %.400s is not writable (%.40s)",
                 exists ? "cannot write the database's log" : "cannot create the database", dir, strerror(errno));
        return 1;
    }
    return 0;
}

int run_ingest(const jx_input *in, int n, const jx_options *o)
{
    char err[512];
    run r = {.in = in, .n = n, .o = o, .start = now_s(), .progress = o->verbosity > 0 && isatty(STDERR_FILENO)};
    r.total_bytes = 0;
    for (int i = 0; i < n && r.total_bytes >= 0; i++)
        r.total_bytes = in[i].size >= 0 ? r.total_bytes + in[i].size : -1;
    jx_read_timeout_ms = o->timeout_ms;    /* --timeout also bounds reading a FIFO or device */
    jx_db *db = db_unusable(o->db, err, sizeof err) ? NULL : ld_open(o->db, o->timeout_ms, err, sizeof err);
    jx_shaset known = {0};
    if (db && ld_known_shas(db, &known, err, sizeof err)) {
        ld_close(db);
        db = NULL;
    }
    if (!db) {
        jx_print("jxgov: %s: %s", o->db, err);
        summary(&r, "loaded");
        return JX_EDB;
    }
    r.db = db;
    if (o->no_search) ld_no_search(db);
    wk_input *wi = jx_xrealloc(NULL, (size_t)n * sizeof *wi);
    for (int k = 0; k < n; k++) wi[k] = (wk_input){in[k].path, in[k].open, in[k].size < 0};
    wk_run(wi, n, o->jobs, &known, emit, &r);
    free(wi);
    sha_free(&known);
    ld_close(db);
    if (jx_out_broken) return JX_EPIPE;
    if (r.rolled_back) jx_print("%s: rolled back (interrupted)", r.rolled_back);
    summary(&r, "loaded");
    return jx_signal ? 128 + jx_signal : r.status;
}

/* Rebuilds the search table after bulk loads with --no-search. */
int run_index(const jx_options *o)
{
    char err[512];
    jx_db *db = db_unusable(o->db, err, sizeof err) ? NULL : ld_open(o->db, o->timeout_ms, err, sizeof err);
    long long rows = db ? ld_build_search(db, err, sizeof err) : -1;
    ld_close(db);
    if (rows < 0) {
        jx_print("jxgov: %s: %s", o->db, err);
        return JX_EDB;
    }
    jx_print("%s: indexed %lld rows", o->db, rows);
    return JX_OK;
}

int run_check(const jx_input *in, int n, const jx_options *o)
{
    run r = {.in = in, .n = n, .o = o, .start = now_s()};
    int unread = 0;
    jx_arena a = {0};
    for (int i = 0; i < n && !jx_stop && !jx_out_broken; i++) {
        const jx_input *e = &in[i];
        jx_doc d;
        char err[512];
        r.done++;
        if (!e->open) {
            fail(&r, e->path, e->err, JX_EINPUT);
            continue;
        }
        if (wk_read(&a, e->path, e->open, &d, NULL, err, sizeof err)) {
            fail(&r, e->path, err, JX_EINPUT);
        } else {
            r.loaded++;
            count_parse(&r, &d);
            r.notices += (long)d.notices.n;
            r.tasks += (long)d.tasks.n;
            /* responsibility lines with no task: a list jxgov could not read */
            if (d.unrecognised) {
                unread++;
                if (r.status < JX_EINPUT) r.status = JX_EINPUT;
            }
            if (o->verbosity > 0)
                jx_print("%s: %s, %zu notice%s, %zu task%s, %d warning%s", e->path, d.text.encoding,
                          d.notices.n, plural((long)d.notices.n), d.tasks.n, plural((long)d.tasks.n),
                          d.warnings, plural(d.warnings));
        }
        prs_free(&d);
        jx_arena_reset(&a);
    }
    jx_arena_free(&a);
    if (jx_out_broken) return JX_EPIPE;
    if (unread)
        jx_printf("jxgov: %d file%s with responsibility lines but no task list\n", unread, plural(unread));
    summary(&r, "read");
    return jx_signal ? 128 + jx_signal : r.status;
}
