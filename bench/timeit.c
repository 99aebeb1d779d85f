/* timeit.c: runs a command and prints its wall time (seconds) and peak
 * resident set (KiB) - what /usr/bin/time -f "%e %M" gives, without needing
 * it on the machine. stdout/stderr of the command pass through. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    int status;
    if (argc < 2) { fprintf(stderr, "usage: timeit COMMAND...\n"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) { perror("timeit"); return 1; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "timeit: %.3f %ld\n", wall, ru.ru_maxrss);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
