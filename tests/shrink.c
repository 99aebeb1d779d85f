/* shrink.c: an LD_PRELOAD shim for two tests of a file changed while jxgov
 * reads it. SHRINK_PATH: the first read() of that file truncates it to half
 * first, as if another program shortened it. REWRITE_PATH: the first read()
 * of that file returns half of what was asked, then writes the bytes of
 * REWRITE_FROM (the same size) over it in place, as `dd conv=notrunc`
 * would: the reads that follow see the new version (a torn read). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_file(int fd, const char *want)
{
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t k = readlink(link, path, sizeof path - 1);
    if (k <= 0) return 0;
    path[k] = 0;
    return !strcmp(path, want);
}

static void overwrite(const char *path, const char *from)
{
    static char buf[1 << 16];
    int in = open(from, O_RDONLY), out = open(path, O_WRONLY);
    ssize_t k;
    while (in >= 0 && out >= 0 && (k = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)k) != k) { perror("rewrite"); break; }
    if (in >= 0) close(in);
    if (out >= 0) close(out);
}

ssize_t read(int fd, void *buf, size_t n)
{
    static ssize_t (*real)(int, void *, size_t);
    static int done, busy;
    if (!real) real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    if (done || busy || fd <= 2) return real(fd, buf, n);
    const char *shrink = getenv("SHRINK_PATH"), *rewrite = getenv("REWRITE_PATH");
    struct stat st;
    if (shrink && is_file(fd, shrink) && !stat(shrink, &st)) {
        done = 1;
        if (truncate(shrink, st.st_size / 2)) perror("shrink");
    } else if (rewrite && getenv("REWRITE_FROM") && is_file(fd, rewrite)) {
        done = 1;
        ssize_t r = real(fd, buf, n / 2);
        busy = 1;
        overwrite(rewrite, getenv("REWRITE_FROM"));
        busy = 0;
        return r;
    }
    return real(fd, buf, n);
}
