/* text.c: the canonical text form every later stage works on.
 *
 * Official documents print full-width CJK punctuation and half-width digits;
 * converters and scrapers mix both. Folding once, at decode time, lets every
 * pattern and every stored value assume one form (README "Text"). */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

static int is_alnum_cp(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
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



/* The code point a sequence folds to (fold_cp), or -1 when it stays as is. */
static long fold_at(const unsigned char *p, size_t left, size_t *len)
{
    unsigned c = p[0];
    *len = txt_u8len((unsigned char)c);
    if (*len > left) *len = left;
    /* only U+00A0, U+2000-200F, U+3000, U+FE5D/E, U+FEFF and U+FF00-FF5F fold */
    if (!((c == 0xC2 && left > 1 && p[1] == 0xA0) || (c == 0xE2 && left > 1 && p[1] == 0x80) ||
          (c == 0xE3 && left > 2 && p[1] == 0x80 && p[2] == 0x80) || c == 0xEF))
        return -1;
    const char *q = (const char *)p;
    uint32_t cp = txt_next(&q);
    uint32_t f = fold_cp(cp);
    return f == cp ? -1 : (long)f;
}

static int folds_to_alnum(const unsigned char *p, size_t left)
{
    size_t len;
    long f = fold_at(p, left, &len);
    uint32_t c = f >= 0 ? (uint32_t)f : p[0];
    return is_alnum_cp(c);
}

/* The bytes txt_fold looks at: ASCII punctuation it may widen and the lead
 * bytes of the only sequences that fold (see fold_at). In UTF-8 none of
 * them is ever a continuation byte, so every other byte is copied in runs. */
static const unsigned char fold_special[256] = {
    ['('] = 1, [')'] = 1, [','] = 1, [';'] = 1, [':'] = 1, ['!'] = 1, ['?'] = 1,
    [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* The first byte at or after i that fold_special marks, or n. */
static size_t next_special(const unsigned char *s, size_t i, size_t n)
{
#ifdef __SSE2__
    /* 16 bytes at a time: the text is mostly CJK, the marked bytes rare */
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2),
                  e3 = _mm_set1_epi8((char)0xE3), ef = _mm_set1_epi8((char)0xEF),
                  lo = _mm_set1_epi8(0x20), hi = _mm_set1_epi8(0x40);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        /* signed compares: 0x21..0x3F holds all the ASCII marked bytes */
        __m128i m = _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi));
        m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef))));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        while (bits) {      /* a candidate; digits and other ASCII punctuation are not marked */
            unsigned k = (unsigned)__builtin_ctz(bits);
            if (fold_special[s[i + k]]) return i + k;
            bits &= bits - 1;
        }
    }
#endif
    while (i < n && !fold_special[s[i]]) i++;
    return i;
}

char *txt_fold(jx_arena *a, const char *src, size_t n, size_t *outlen)
{
    const unsigned char *s = (const unsigned char *)src;
    /* Only ASCII punctuation grows (to 3 bytes); everything else shrinks or
     * stays. Counting ASCII bytes bounds it, and costs less than an exact count. */
    size_t ascii = 0, i = 0;
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16)
        ascii += 16 - (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + i))));
#endif
    for (; i < n; i++) ascii += s[i] < 0x80;
    char *out = jx_alloc(a, n + 2 * ascii + 1), *o = out;
    for (i = 0; i < n;) {
        size_t run = next_special(s, i, n);
        if (run > i) {
            memcpy(o, s + i, run - i);
            o += run - i;
            i = run;
            continue;
        }
        unsigned c = s[i];
        if (c >= 0x80) {
            size_t len;
            long f = fold_at(s + i, n - i, &len);
            if (f < 0) {
                memcpy(o, s + i, len);
                o += len;
            } else if (f) {
                o += put_utf8(o, (uint32_t)f);
            }
            i += len;
            continue;
        }
        i++;
        if (c == '(') { o += put_utf8(o, 0xFF08); continue; }
        if (c == ')') { o += put_utf8(o, 0xFF09); continue; }
        if (c != ',' && c != ';' && c != ':' && c != '!' && c != '?') { *o++ = (char)c; continue; }
        /* Between two ASCII letters/digits (1,700  10:30) or in a URL
         * (http://) it is ASCII text; elsewhere CJK punctuation. */
        const char *l = o;
        while (l > out && l[-1] == ' ') l--;
        size_t r = i, len;
        while (r < n) {     /* skip spaces and what folding drops */
            long f = fold_at(s + r, n - r, &len);
            if (!(s[r] == ' ' || f == ' ' || f == 0)) break;
            r += len;
        }
        int ascii_both = l > out && is_alnum_cp((unsigned char)l[-1]) && r < n && folds_to_alnum(s + r, n - r);
        if (c == ':') {
            size_t q = i;   /* the next character that folding keeps */
            long f = -1;
            while (q < n && (f = fold_at(s + q, n - q, &len)) == 0) q += len;
            if (q < n && (s[q] == '/' || f == '/')) ascii_both = 1;
        }
        if (ascii_both) *o++ = (char)c;
        else o += put_utf8(o, c == ',' ? 0xFF0C : c == ';' ? 0xFF1B : c == ':' ? 0xFF1A
                                : c == '!' ? 0xFF01 : 0xFF1F);
    }
    *o = 0;
    *outlen = (size_t)(o - out);
    return out;
}

/* Written straight into the arena: the result is never longer than the
 * input, and this runs once per item and per table cell. */
char *txt_squash_dup(jx_arena *a, const char *s, size_t n)
{
    char *out = jx_alloc(a, n + 1);
    size_t o = 0, i = 0;
    while (i < n) {
        if (s[i] != ' ' && s[i] != '\t') {
            out[o++] = s[i++];
            continue;
        }
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (o && i < n && is_alnum_cp((unsigned char)out[o - 1]) && is_alnum_cp((unsigned char)s[i]))
            out[o++] = ' ';
    }
    out[o] = 0;
    return out;
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
        uint32_t cp = k > 0 ? *p & (0x3F >> k) : *p;
        for (int i = 1; ok && i <= k; i++) {
            ok = (p[i] & 0xC0) == 0x80;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        /* strict: no overlongs, no surrogates, nothing past U+10FFFF */
        if (ok && ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                   (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = 0;
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

/* Both scan for the literal's first byte, and compare only there: the
 * literals are CJK, whose lead bytes are rare next to the text's. */
/* The length of lit when it stands at s (n bytes left), else 0: a byte loop,
 * as txt_split asks at every character. */
static size_t lit_at(const char *s, size_t n, const char *lit)
{
    size_t k = 0;
    while (lit[k] && k < n && s[k] == lit[k]) k++;
    return lit[k] ? 0 : k;
}

/* 3-byte punctuation at s: （ ） are EF BC 88/89, 《 》 E3 80 8A/8B */
static int punct(const unsigned char *s, size_t n, unsigned a, unsigned b, unsigned c)
{
    return n >= 3 && s[0] == a && s[1] == b && s[2] == c;
}

void txt_split(const char *s, size_t n, const jx_splitter *how,
               void (*part)(void *ctx, const char *p, size_t len), void *ctx)
{
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n;) {
        int cut = i == n;
        size_t w = 1, k = 0;
        if (!cut) {
            const unsigned char *u = (const unsigned char *)s + i;
            size_t left = n - i;
            int open = punct(u, left, 0xEF, 0xBC, 0x88) || (how->titles && punct(u, left, 0xE3, 0x80, 0x8A));
            int close = punct(u, left, 0xEF, 0xBC, 0x89) || (how->titles && punct(u, left, 0xE3, 0x80, 0x8B));
            int label = -1;
            w = txt_u8len(*u);
            for (int j = 0; !depth && i && how->labels && how->labels[j]; j++)
                if ((k = lit_at(s + i, left, how->labels[j]))) { label = j; break; }
            if (label >= 0) {
                how->label(ctx, label, i > start);
                cut = 1;
                w = k;
            } else if (open) {
                depth++;
            } else if (close) {
                if (depth) depth--;
                else cut = how->stray_cuts;
            } else if (!depth) {
                for (int j = 0; how->ends && how->ends[j]; j++)
                    if ((k = lit_at(s + i, left, how->ends[j])) && k == left) { cut = 1; w = k; break; }
                for (int j = 0; !cut && how->seps[j]; j++)
                    if ((k = lit_at(s + i, left, how->seps[j]))) { cut = 1; w = k; break; }
            }
        }
        if (cut) {
            if (i > start) part(ctx, s + start, i - start);
            start = i + w;
        }
        i += w;
    }
}

const char *txt_find(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (!k) return s;
    const char *end = s + n, *p = s;
    while ((size_t)(end - p) >= k && (p = memchr(p, lit[0], (size_t)(end - p) - k + 1))) {
        if (!memcmp(p + 1, lit + 1, k - 1)) return p;
        p++;
    }
    return NULL;
}

int txt_addressees(const char *s, size_t n)
{
    static const char *const ends[] = {"政府", "部门", "单位", "机构", "管委会", "办事处", "委员会", "街道",
                                       "乡镇", "局", "委", "办", "厅", "院", "）", NULL};
    if (n < 6 || n > 240 || txt_find(s, n, "。") || txt_find(s, n, "；") || txt_find(s, n, "："))
        return 0;
    for (int i = 0; ends[i]; i++)
        if (txt_ends(s, n, ends[i])) return 1;
    return 0;
}

const char *txt_rfind(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (!k) return s + n;
    if (k > n) return NULL;
    for (size_t i = n - k + 1; i-- > 0;)
        if (s[i] == lit[0] && !memcmp(s + i + 1, lit + 1, k - 1)) return s + i;
    return NULL;
}

/* ---- HTML remnants ---- */

/* Copies pasted from a page's source keep tags and entities. Entities are
 * decoded; tags are dropped, those that end a block (<p>, <br>, <div>,
 * <li>, <h1>…) becoming line breaks, so that the lexer sees the lines the
 * page showed. A table row (<tr>…</tr>) is one line whatever the source's
 * line breaks, its cells (<td>, <th>) apart by tabs, the first cell
 * opening none: the form a Word or spreadsheet table is read in. Spaces
 * between a row's cells and at a cell's ends are the source's layout, not
 * text; a block inside a row is a paragraph of its cell and becomes a
 * space. A '<' that
 * opens no known tag (网址:<http://…>) and an '&' that opens no entity
 * stay. */
static const struct { const char *name; uint32_t cp; } entities[] = {
    {"nbsp", 0xA0}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"middot", 0xB7}, {"bull", 0x2022},
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"emsp", 0x3000},
    {"ensp", 0x2002}, {"thinsp", 0x2009}, {"times", 0xD7}, {"divide", 0xF7}, {"deg", 0xB0},
    {"permil", 0x2030}, {"plusmn", 0xB1}, {"laquo", 0xAB}, {"raquo", 0xBB}, {NULL, 0}};

static const char *const block_tags[] = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5",
                                         "h6", "hr", "section", "article", "ul", "ol", NULL};
static const char *const inline_tags[] = {"span", "strong", "b", "i", "u", "em", "font", "a", "img",
                                          "tbody", "thead", "sup", "sub", "center", "o:p", "st1:chsdate",
                                          "label", "small", "big", "style", "script", "col", "colgroup", NULL};

enum { TAG_INLINE, TAG_BLOCK, TAG_ROW, TAG_ROW_END, TAG_CELL, TAG_CELL_END };

static int tag_in(const char *name, size_t n, const char *const *set)
{
    for (int k = 0; set[k]; k++)
        if (strlen(set[k]) == n && !strncasecmp(set[k], name, n)) return 1;
    return 0;
}

/* The length of the tag at s (0 if none) and its kind. */
static size_t html_tag(const char *s, size_t n, int *kind)
{
    size_t i = 1;
    int closing = i < n && s[i] == '/';
    if (closing) i++;
    size_t name = i;
    while (i < n && i - name < 16 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                                      (s[i] >= '0' && s[i] <= '9') || s[i] == ':'))
        i++;
    size_t nl = i - name;
    if (!nl || (i < n && s[i] != '>' && s[i] != ' ' && s[i] != '/')) return 0;
    const char *close = memchr(s + i, '>', n - i < 400 ? n - i : 400);
    if (!close) return 0;
    const char *t = s + name;
    if (nl == 2 && !strncasecmp(t, "tr", 2)) *kind = closing ? TAG_ROW_END : TAG_ROW;
    else if (nl == 5 && !strncasecmp(t, "table", 5)) *kind = TAG_ROW_END;
    else if (nl == 2 && (!strncasecmp(t, "td", 2) || !strncasecmp(t, "th", 2))) *kind = closing ? TAG_CELL_END : TAG_CELL;
    else if (tag_in(t, nl, block_tags)) *kind = TAG_BLOCK;
    else if (tag_in(t, nl, inline_tags)) *kind = TAG_INLINE;
    else return 0;
    return (size_t)(close - s) + 1;
}

/* The text is width-folded before it gets here, and a ';' after a letter
 * of the entity's name may have become '；': both end an entity. */
static size_t html_entity(const char *s, size_t n, uint32_t *cp)
{
    size_t lim = n < 12 ? n : 12, k = 0, end = 0;
    for (size_t i = 1; i < lim && !end; i++) {
        if (s[i] == ';') { k = i; end = i + 1; }
        else if (i + 3 <= n && !memcmp(s + i, "；", 3)) { k = i; end = i + 3; }
        else if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                   (s[i] >= '0' && s[i] <= '9') || s[i] == '#'))
            return 0;
    }
    if (!end || k < 2) return 0;
    if (s[1] == '#') {
        uint32_t v = 0;
        int hex = k > 2 && (s[2] == 'x' || s[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i >= k) return 0;
        for (; i < k; i++) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0 || v > 0x10FFFF) return 0;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (!v || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
        *cp = v;
        return end;
    }
    for (int e = 0; entities[e].name; e++)
        if (strlen(entities[e].name) == k - 1 && !memcmp(entities[e].name, s + 1, k - 1)) {
            *cp = entities[e].cp;
            return end;
        }
    return 0;
}

char *txt_html(jx_arena *a, const char *s, size_t n, size_t *outlen, jx_html *st)
{
    if (!st->row) st->cells = 0;     /* cells outside a row: the line's */
    if (!st->row && !memchr(s, '<', n) && !memchr(s, '&', n)) return NULL;
    /* nothing decoded grows; a gap held over is at most a few spaces */
    char *out = jx_alloc(a, n + (size_t)st->gap + 1), *o = out;
    int changed = st->row;
    for (size_t i = 0; i < n;) {
        size_t k;
        int kind;
        uint32_t cp;
        if (s[i] == '<' && (k = html_tag(s + i, n - i, &kind))) {
            if (kind == TAG_ROW || kind == TAG_ROW_END) {
                *o++ = '\n';
                st->row = kind == TAG_ROW;
                st->cells = st->cell = st->gap = 0;
            } else if (kind == TAG_CELL) {
                if (st->cells++) *o++ = '\t';
                st->cell = 1;
                st->started = st->gap = 0;
            } else if (kind == TAG_CELL_END) {
                st->cell = st->gap = 0;
            } else if (kind == TAG_BLOCK) {
                if (!st->row) { *o++ = '\n'; st->cells = 0; }
                else if (!st->gap) st->gap = 1;
            }
            i += k;
            changed = 1;
            continue;
        }
        if (st->row && (s[i] == ' ' || s[i] == '\t')) {
            /* layout between cells, or spaces that end a cell, unless
             * text follows them in it */
            if (st->cell && st->started && st->gap < 8) st->gap++;
            i++;
            continue;
        }
        if (st->row) {
            if (st->started) for (; st->gap > 0; st->gap--) *o++ = ' ';
            st->started = 1;
            st->gap = 0;
        }
        if (s[i] == '&' && (k = html_entity(s + i, n - i, &cp))) {
            size_t w = put_utf8(o, cp);
            o += w;
            i += k;
            changed = 1;
        } else {
            *o++ = s[i++];
        }
    }
    *o = 0;
    if (!changed) return NULL;
    *outlen = (size_t)(o - out);
    return out;
}
