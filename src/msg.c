/* msg.c: the one place that writes diagnostics (but for out of memory,
 * arena.c's jx_oom, which must not allocate). Every message is shown
 * with its control characters (C0, DEL, C1) and the bytes that are not
 * valid UTF-8 written as \xNN: a path or a department name carrying ESC
 * sequences must not reach the terminal raw, nor a newline start a line
 * that looks like a message of its own. */
#include "jxgov.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

int jx_quiet_warnings;
_Thread_local jx_buf *jx_msg_capture;
int jx_out_broken;
volatile sig_atomic_t jx_stop, jx_signal;
static char progress[256];      /* shown at the bottom of the terminal when set */

/* Writes text above the progress line, noting a reader that went away. */
static void put(const char *text, size_t n)
{
    if (jx_out_broken) return;
    if (progress[0]) fputs("\r\033[K", stderr);
    if (fwrite(text, 1, n, stderr) != n || (progress[0] && fputs(progress, stderr) == EOF))
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

/* The length of the strict UTF-8 sequence at p (1 to 4), 0 when p does not
 * start one (overlong, surrogate, past U+10FFFF, cut short); *cp its value. */
static int utf8_seq(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
    int k = p[0] < 0x80 ? 0 : p[0] >= 0xC2 && p[0] <= 0xDF ? 1 : (p[0] & 0xF0) == 0xE0 ? 2
          : p[0] >= 0xF0 && p[0] <= 0xF4 ? 3 : -1;
    if (k < 0 || end - p <= k) return 0;
    uint32_t v = k ? p[0] & (0x3F >> k) : p[0];
    for (int i = 1; i <= k; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (p[i] & 0x3F);
    }
    if ((k == 2 && v < 0x800) || (k == 3 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return k + 1;
}

static void put_escaped(jx_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        uint32_t cp = 0;
        int k = utf8_seq(p, end, &cp);
        if (k && cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F)) {
            jx_buf_put(b, (const char *)p, (size_t)k);
            p += k;
            continue;
        }
        for (int i = 0; i < (k ? k : 1); i++, p++) {
            char e[4] = {'\\', 'x', hex[*p >> 4], hex[*p & 15]};
            jx_buf_put(b, e, sizeof e);
        }
    }
}

/* Appends the message to out, escaped, with its newline. */
static void vformat(jx_buf *out, const char *file, long line, const char *fmt, va_list ap)
{
    char text[8192];
    int n = 0;
    if (file && line > 0) n = snprintf(text, sizeof text, "%s:%ld: ", file, line);
    else if (file) n = snprintf(text, sizeof text, "%s: ", file);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof text / 2) n = (int)(sizeof text / 2);   /* a huge path is cut, not lost */
    int m = vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
    size_t len = m < 0 ? (size_t)n : (size_t)n + (size_t)m;
    if (len > sizeof text - 1) len = sizeof text - 1;   /* long messages are cut, never overrun */
    put_escaped(out, text, len);
    jx_buf_put(out, "\n", 1);
}

void jx_msg(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    if (jx_quiet_warnings) return;
    jx_buf b = {0};
    va_start(ap, fmt);
    vformat(&b, file, line, fmt, ap);
    va_end(ap);
    if (jx_msg_capture) jx_buf_put(jx_msg_capture, b.p, b.len);
    else put(b.p, b.len);
    jx_buf_free(&b);
}

void jx_print(const char *fmt, ...)
{
    va_list ap;
    jx_buf b = {0};
    va_start(ap, fmt);
    vformat(&b, NULL, 0, fmt, ap);
    va_end(ap);
    put(b.p, b.len);
    jx_buf_free(&b);
}

void jx_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    char *text = jx_xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    /* escaped as jx_print's are, line by line (escaped text stays as it is) */
    jx_buf b = {0};
    for (const char *p = text, *end = text + n; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        put_escaped(&b, p, len);
        if (nl) jx_buf_put(&b, "\n", 1);
        p += len + (nl != NULL);
    }
    if (b.len) put(b.p, b.len);
    jx_buf_free(&b);
    free(text);
}
