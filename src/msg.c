/* msg.c: the one place that writes diagnostics. */
#include "jxgov.h"

#include <stdarg.h>

int jx_quiet_warnings;
volatile sig_atomic_t jx_stop;
_Thread_local jx_buf *jx_msg_capture;

void jx_msg(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    char text[8192];
    int n = 0;
    if (jx_quiet_warnings) return;
    if (file && line > 0) n = snprintf(text, sizeof text, "%s:%ld: ", file, line);
    else if (file) n = snprintf(text, sizeof text, "%s: ", file);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof text / 2) n = (int)(sizeof text / 2);   /* a huge path is cut, not lost */
    va_start(ap, fmt);
    int m = vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
    if (len > sizeof text - 2) len = sizeof text - 2;   /* long messages are cut, never overrun */
    text[len++] = '\n';
    text[len] = 0;
    if (jx_msg_capture) jx_buf_put(jx_msg_capture, text, len);
    else fputs(text, stderr);
}

void jx_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}
