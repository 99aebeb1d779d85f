/* shrink.c: an LD_PRELOAD shim for one test: the first read() of the file
 * named by $SHRINK_PATH truncates that file to half first, as if another
 * program shortened it while jxgov was reading it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t n)
{
    static ssize_t (*real)(int, void *, size_t);
    static int done;
    if (!real) real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    const char *want = getenv("SHRINK_PATH");
    if (!done && want && fd > 2) {
        char link[64], path[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t k = readlink(link, path, sizeof path - 1);
        if (k > 0) {
            path[k] = 0;
            struct stat st;
            if (!strcmp(path, want) && !stat(want, &st)) {
                done = 1;
                if (truncate(want, st.st_size / 2)) perror("shrink");
            }
        }
    }
    return real(fd, buf, n);
}
