/* text.c: the canonical text form every later stage works on.
 *
 * Official documents print full-width CJK punctuation and half-width digits;
 * converters and scrapers mix both. Folding once, at decode time, lets every
 * pattern and every stored value assume one form (README "Text"). */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

uint32_t txt_next(const char **pp)
{
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    int k = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (k) c &= 0x3F >> k;
    for (int i = 1; i <= k; i++) c = c << 6 | (p[i] & 0x3F);
    *pp += k + 1;
    return c;
}

static size_t put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (char)(0x80 | (c >> 6 & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F)); return 4;
}

/* Full-width forms folded to ASCII; the CJK punctuation the documents use
 * (，：；（）！？) stays full-width. */
static uint32_t fold_cp(uint32_t c)
{
    if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10 + '0';
    if (c >= 0xFF21 && c <= 0xFF3A) return c - 0xFF21 + 'A';
    if (c >= 0xFF41 && c <= 0xFF5A) return c - 0xFF41 + 'a';
    switch (c) {
    case 0xFF05: return '%';
    case 0xFF0E: return '.';
    case 0xFF03: return '#';
    case 0xFF0B: return '+';
    case 0xFF0D: return '-';
    case 0xFF0F: return '/';
    case 0xFF1C: return '<';
    case 0xFF1D: return '=';
    case 0xFF1E: return '>';
    case 0xFF3B: return '[';
    case 0xFF3D: return ']';
    case 0xFF5E: return '~';
    case 0xFF06: return '&';
    case 0xFF0A: return '*';
    case 0xFE5D: return 0x3014;     /* ﹝ -> 〔 */
    case 0xFE5E: return 0x3015;     /* ﹞ -> 〕 */
    case 0x3000: case 0x00A0: case 0x2002: case 0x2003: case 0x2009: return ' ';
    case 0x200B: case 0xFEFF: return 0;     /* dropped */
    }
    return c;
}

static int is_alnum_cp(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

char *txt_fold(jx_arena *a, const char *s, size_t n, size_t *outlen)
{
    /* Decode into code points first: folding ',' depends on both neighbours. */
    uint32_t stackbuf[512], *cp = stackbuf;
    if (n > sizeof stackbuf / sizeof *stackbuf) {
        cp = malloc(n * sizeof *cp);
        if (!cp) { fputs("jxgov: out of memory\n", stderr); exit(JX_EDB); }
    }
    size_t m = 0;
    for (const char *p = s, *e = s + n; p < e;) {
        uint32_t c = fold_cp(txt_next(&p));
        if (c) cp[m++] = c;
    }
    char *out = jx_alloc(a, m * 4 + 1), *o = out;
    for (size_t i = 0; i < m; i++) {
        uint32_t c = cp[i];
        if (c == '(' ) c = 0xFF08;
        else if (c == ')') c = 0xFF09;
        else if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
            /* Between two ASCII letters/digits (1,700  10:30) or in a URL
             * (http://) it is ASCII text; elsewhere CJK punctuation. */
            size_t l = i, r = i + 1;
            while (l > 0 && cp[l - 1] == ' ') l--;
            while (r < m && cp[r] == ' ') r++;
            int ascii_both = l > 0 && r < m && is_alnum_cp(cp[l - 1]) && is_alnum_cp(cp[r]);
            if (c == ':' && i + 1 < m && cp[i + 1] == '/') ascii_both = 1;
            if (!ascii_both)
                c = c == ',' ? 0xFF0C : c == ';' ? 0xFF1B : c == ':' ? 0xFF1A
                  : c == '!' ? 0xFF01 : 0xFF1F;
        }
        o += put_utf8(o, c);
    }
    *o = 0;
    if (cp != stackbuf) free(cp);
    *outlen = (size_t)(o - out);
    return out;
}

static int is_alnum_ascii(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

void txt_squash(jx_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] != ' ' && s[i] != '\t') {
            size_t j = i;
            while (j < n && s[j] != ' ' && s[j] != '\t') j++;
            jx_buf_put(out, s + i, j - i);
            i = j;
            continue;
        }
        size_t j = i;
        while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
        if (out->len && j < n && is_alnum_ascii((unsigned char)out->p[out->len - 1]) &&
            is_alnum_ascii((unsigned char)s[j]))
            jx_buf_put(out, " ", 1);
        i = j;
    }
}

char *txt_squash_dup(jx_arena *a, const char *s, size_t n)
{
    jx_buf b = {0};
    txt_squash(&b, s, n);
    char *r = jx_strndup(a, b.p ? b.p : "", b.len);
    jx_buf_free(&b);
    return r;
}

char *txt_docno(jx_arena *a, const char *prefix, size_t plen, int year, long num)
{
    return jx_sprintf(a, "%.*s〔%d〕%ld号", (int)plen, prefix, year, num);
}

char *txt_utf8_safe(jx_arena *a, const char *s)
{
    jx_buf b = {0};
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int k = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 && *p >= 0xC2 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 && *p <= 0xF4 ? 3 : -1;
        int ok = k >= 0;
        for (int i = 1; ok && i <= k; i++) ok = (p[i] & 0xC0) == 0x80;
        if (ok) {
            jx_buf_put(&b, (const char *)p, (size_t)k + 1);
            p += k + 1;
        } else {
            char hex[8];
            snprintf(hex, sizeof hex, "\\x%02X", *p);
            jx_buf_puts(&b, hex);
            p++;
        }
    }
    char *r = jx_strndup(a, b.p ? b.p : "", b.len);
    jx_buf_free(&b);
    return r;
}
