/* work.c: the file scheduler of ingest. N-1 worker threads decode and parse
 * ahead while the calling thread loads, in the order the files were given,
 * so output and database are the same whatever -j is. */
#include "jxgov.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

int wk_read(jx_arena *a, const char *path, const char *open_path, jx_doc *d, const jx_shaset *skip,
            char *err, size_t errsz)
{
    memset(d, 0, sizeof *d);
    d->path = path;
    int rc = dec_file(a, open_path ? open_path : path, &d->text, skip, err, errsz);
    if (rc) return rc;
    prs_doc(a, d);
    return 0;
}

static void parse_into(wk_slot *sl, const wk_input *in, const jx_shaset *known)
{
    if (!in->open) {        /* nothing to read: the caller knows why */
        sl->failed = 1;
        return;
    }
    jx_msg_capture = &sl->warnings;
    int rc = wk_read(&sl->a, in->path, in->open, &sl->d, known, sl->err, sizeof sl->err);
    sl->failed = rc < 0;
    sl->known = rc == 1;
    jx_msg_capture = NULL;
}

/* Gives the slot back for the next file, its arena blocks kept. */
static void slot_reset(wk_slot *sl)
{
    prs_free(&sl->d);
    jx_arena keep = sl->a;
    jx_arena_reset(&keep);
    jx_buf_free(&sl->warnings);
    memset(sl, 0, sizeof *sl);
    sl->a = keep;
}

typedef struct {
    const wk_input *in;
    int n, window;
    wk_slot *slots;
    const jx_shaset *known;
    int next;               /* the next file a worker takes */
    int loaded;             /* files the writer is done with */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pipeline;

static void *worker(void *arg)
{
    pipeline *pl = arg;
    if (lex_thread_init()) jx_oom();     /* its match data is all it allocates */
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        /* stay at most `window` files ahead of the writer: memory stays bounded */
        while (pl->next < pl->n && pl->next >= pl->loaded + pl->window)
            pthread_cond_wait(&pl->cv, &pl->mu);
        if (pl->next >= pl->n) {
            pthread_mutex_unlock(&pl->mu);
            break;
        }
        int i = pl->next++;
        pthread_mutex_unlock(&pl->mu);
        wk_slot *sl = &pl->slots[i % pl->window];
        parse_into(sl, &pl->in[i], pl->known);
        pthread_mutex_lock(&pl->mu);
        sl->ready = 1;
        pthread_cond_broadcast(&pl->cv);
        pthread_mutex_unlock(&pl->mu);
    }
    lex_thread_done();
    return NULL;
}

/* Waits on the pipeline's condition for at most 50 ms; pl->mu held. */
static void wait_a_while(pipeline *pl)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    pthread_cond_timedwait(&pl->cv, &pl->mu, &ts);
}

int wk_run(const wk_input *in, int n, int jobs, const jx_shaset *known, wk_emit_fn emit, void *ctx)
{
    int done = 0;
    if (jobs <= 1) {
        wk_slot sl;
        memset(&sl, 0, sizeof sl);
        while (done < n && !jx_stop) {
            parse_into(&sl, &in[done], known);
            if (jx_stop) {      /* a read that SIGINT interrupted */
                slot_reset(&sl);
                break;
            }
            int stop = emit(ctx, done, &sl);
            slot_reset(&sl);
            done++;
            if (stop) break;
        }
        jx_arena_free(&sl.a);
        return done;
    }
    pipeline pl = {in, n, 2 * jobs, NULL, known, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pl.slots = jx_xcalloc((size_t)pl.window, sizeof *pl.slots);
    pthread_t *tid = jx_xcalloc((size_t)jobs, sizeof *tid);
    int started = 0;
    for (int w = 0; w < jobs - 1; w++)
        if (!pthread_create(&tid[w], NULL, worker, &pl)) started++;
    if (!started) { jx_printf("jxgov: cannot start threads\n"); exit(JX_EDB); }
    int k = 0, from = 0;    /* from: the first file taken and not emitted */
    int taken = 0;          /* files taken by a thread when the run stopped */
    for (; k < n; k++) {
        wk_slot *sl = &pl.slots[k % pl.window];
        pthread_mutex_lock(&pl.mu);
        while (!sl->ready && !jx_stop) {
            /* Rather than wait, parse the next file itself: on a re-run
             * (only hashing) the writer has nothing else to do. Not one
             * whose read may wait (a FIFO, standard input): the writer
             * blocked there would hold back the files parsed before it. */
            if (pl.next < pl.n && pl.next < pl.loaded + pl.window && !in[pl.next].may_block) {
                int next = pl.next++;
                pthread_mutex_unlock(&pl.mu);
                parse_into(&pl.slots[next % pl.window], &in[next], known);
                pthread_mutex_lock(&pl.mu);
                pl.slots[next % pl.window].ready = 1;
                pthread_cond_broadcast(&pl.cv);
                continue;
            }
            wait_a_while(&pl);      /* a signal does not wake a condition wait */
        }
        pthread_mutex_unlock(&pl.mu);
        int stop = 1;
        if (!jx_stop) {
            stop = emit(ctx, k, sl);
            done = k + 1;
            slot_reset(sl);
        }
        from = done;
        pthread_mutex_lock(&pl.mu);
        pl.loaded++;
        if (stop) {
            taken = pl.next;
            pl.next = pl.n;     /* no worker takes another file */
        }
        pthread_cond_broadcast(&pl.cv);
        pthread_mutex_unlock(&pl.mu);
        if (stop) break;
    }
    /* Files a worker took but the run will not load: their parse finishes
     * and is dropped; a worker blocked reading a FIFO is woken by SIGUSR1
     * (sent until it is done: it may not be in the read yet) and gives up. */
    if (k < n) jx_stop = 1;
    for (int r = from; r < n; r++) {
        wk_slot *rest = &pl.slots[r % pl.window];
        pthread_mutex_lock(&pl.mu);
        int claimed = r < taken;
        while (claimed && !rest->ready) {
            for (int w = 0; w < started; w++) pthread_kill(tid[w], SIGUSR1);
            wait_a_while(&pl);
        }
        pthread_mutex_unlock(&pl.mu);
        if (!claimed) break;
        slot_reset(rest);
    }
    for (int w = 0; w < started; w++) pthread_join(tid[w], NULL);
    for (int w = 0; w < pl.window; w++) jx_arena_free(&pl.slots[w].a);
    free(pl.slots);
    free(tid);
    return done;
}
