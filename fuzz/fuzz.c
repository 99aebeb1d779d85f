/* fuzz.c: libFuzzer targets, one per pipeline stage, chosen at build time
 * with -DFUZZ_<STAGE> (DECODE, LEX, TABLE, DEPTS, PARSE). Built with
 * -DFUZZ_REPLAY it is a plain program that runs every target over the files
 * given (the regression corpus in tests/fuzz, replayed by `make test`). */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

static void init_once(void)
{
    static int done;
    char err[256];
    if (done) return;
    done = 1;
    jx_quiet_warnings = 1;
    if (lex_init(err, sizeof err) || dep_init(err, sizeof err)) {
        fprintf(stderr, "init: %s\n", err);
        abort();
    }
}

static void run_decode(const unsigned char *p, size_t n)
{
    jx_arena a = {0};
    jx_text t;
    char err[256];
    dec_bytes(&a, p, n, &t, err, sizeof err);
    jx_arena_free(&a);
}

static void run_lex(const unsigned char *p, size_t n)
{
    jx_arena a = {0};
    jx_text t;
    char err[256];
    if (!dec_bytes(&a, p, n, &t, err, sizeof err))
        for (size_t i = 0; i < t.nlines; i++) {
            jx_tok tok;
            lex_line(&t.lines[i], &tok);
        }
    jx_arena_free(&a);
}

static void run_table(const unsigned char *p, size_t n)
{
    jx_arena a = {0};
    jx_text t;
    char err[256];
    if (!dec_bytes(&a, p, n, &t, err, sizeof err) && t.nlines) {
        jx_tok *tok = jx_alloc(&a, t.nlines * sizeof *tok);
        lex_lines(t.lines, t.nlines, tok);
        jx_segs sg;     /* a section heading ends a table */
        seg_doc(&a, tok, t.lines, t.nlines, &sg);
        for (size_t i = 0; i < t.nlines;) {
            jx_vec rows = JX_VEC(jx_row);
            size_t next = tbl_rebuild(&a, tok, t.lines, i, t.nlines, &rows);
            jx_vec_free(&rows);
            i = next > i ? next : i + 1;
        }
        seg_free(&sg);
    }
    jx_arena_free(&a);
}

static void run_depts(const unsigned char *p, size_t n)
{
    jx_arena a = {0};
    jx_text t;
    char err[256];
    if (!dec_bytes(&a, p, n, &t, err, sizeof err))
        for (size_t i = 0; i < t.nlines; i++) {
            jx_unit *u;
            dep_split(&a, t.lines[i].text, &u, "fuzz", t.lines[i].no, NULL);
        }
    jx_arena_free(&a);
}

static void run_parse(const unsigned char *p, size_t n)
{
    jx_arena a = {0};
    jx_doc d;
    char err[256];
    memset(&d, 0, sizeof d);
    d.path = "fuzz";
    /* the warnings are made, escaped (msg.c) and kept in a buffer */
    jx_buf msgs = {0};
    jx_quiet_warnings = 0;
    jx_msg_capture = &msgs;
    if (!dec_bytes(&a, p, n, &d.text, err, sizeof err)) prs_doc(&a, &d);
    jx_msg_capture = NULL;
    jx_quiet_warnings = 1;
    jx_buf_free(&msgs);
    prs_free(&d);
    jx_arena_free(&a);
}

#ifndef FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const unsigned char *p, size_t n);
int LLVMFuzzerTestOneInput(const unsigned char *p, size_t n)
{
    init_once();
#if defined(FUZZ_DECODE)
    run_decode(p, n);
#elif defined(FUZZ_LEX)
    run_lex(p, n);
#elif defined(FUZZ_TABLE)
    run_table(p, n);
#elif defined(FUZZ_DEPTS)
    run_depts(p, n);
#else
    run_parse(p, n);
#endif
    return 0;
}
#else
#include <dirent.h>

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
    jx_buf b = {0};
    char chunk[65536];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0) jx_buf_put(&b, chunk, r);
    fclose(f);
    const unsigned char *p = (const unsigned char *)(b.p ? b.p : "");
    run_decode(p, b.len);
    run_lex(p, b.len);
    run_table(p, b.len);
    run_depts(p, b.len);
    run_parse(p, b.len);
    jx_buf_free(&b);
    return 0;
}

int main(int argc, char **argv)
{
    int files = 0, rc = 0;
    init_once();
    for (int i = 1; i < argc; i++) {
        DIR *dir = opendir(argv[i]);
        if (!dir) { rc |= replay_file(argv[i]); files++; continue; }
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (e->d_name[0] == '.') continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            rc |= replay_file(path);
            files++;
        }
        closedir(dir);
    }
    printf("fuzz replay: %d inputs through 5 targets\n", files);
    lex_done();
    dep_done();
    return rc;
}
#endif
