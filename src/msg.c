/* msg.c: the one place that writes diagnostics. */
#include "jxgov.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

int jx_quiet_warnings;
int jx_out_broken;
volatile sig_atomic_t jx_stop, jx_signal;
_Thread_local jx_buf *jx_msg_capture;
static char progress[256];      /* shown at the bottom of the terminal when set */

/* Writes text above the progress line, noting a reader that went away. */
static void put(const char *text)
{
    if (jx_out_broken) return;
    if (progress[0]) fputs("\r\033[K", stderr);
    if (fputs(text, stderr) == EOF || (progress[0] && fputs(progress, stderr) == EOF))
        if (errno == EPIPE) jx_out_broken = 1;
}

void jx_progress(const char *line)
{
    if (jx_out_broken) return;
    int erase = progress[0] != 0;
    snprintf(progress, sizeof progress, "%s", line ? line : "");
    if (erase) fputs("\r\033[K", stderr);
    if (progress[0] && fputs(progress, stderr) == EOF && errno == EPIPE) jx_out_broken = 1;
}

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
    else put(text);
}

void jx_printf(const char *fmt, ...)
{
    va_list ap;
    char small[1024];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { put(small); return; }
    char *big = malloc((size_t)n + 1);     /* a file's captured warnings */
    if (!big) return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(big);
    free(big);
}
