/* msg.c: the one place that writes diagnostics. */
#include "jxgov.h"

#include <stdarg.h>

int jx_quiet_warnings;

void jx_msg(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    if (jx_quiet_warnings) return;
    if (file && line > 0) fprintf(stderr, "%s:%ld: ", file, line);
    else if (file) fprintf(stderr, "%s: ", file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
