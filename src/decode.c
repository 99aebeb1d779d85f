/* decode.c: bytes -> UTF-8 lines in canonical width.
 *
 * Detection order: a BOM decides (UTF-8, UTF-16LE/BE); otherwise a file
 * with NUL bytes is UTF-16 when exactly one byte order reads it as text
 * with line breaks, else binary; otherwise strictly valid UTF-8; otherwise
 * GB18030 through iconv(3). A sequence valid in no candidate is an error
 * naming the byte offset, never a guess. */
#include "jxgov.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int jx_read_timeout_ms = 10000;

/* Offset of the first invalid byte, or n when p[0..n) is strict UTF-8
 * (no overlongs, no surrogates, nothing above U+10FFFF). *multi counts
 * the valid 3- and 4-byte sequences before that point. */
static size_t utf8_invalid_at(const unsigned char *p, size_t n, int *multi)
{
    size_t i = 0;
    *multi = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) { i++; continue; }
        /* most of the text: a 3-byte character whose lead rules out
         * overlongs (E0) and surrogates (ED) by itself */
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i > 2 && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            ++*multi;
            continue;
        }
        size_t k;
        unsigned min;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07; min = 0x10000; }
        else return i;
        if (n - i <= k) return i;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (p[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += k + 1;
        *multi += k >= 2;   /* 2-byte sequences occur in GB18030 text by chance */
    }
    return n;
}

/* Converts with iconv; on failure returns -1 and the input offset. */
static int convert(jx_arena *a, const char *from, const unsigned char *p,
                   size_t n, char **out, size_t *outlen, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) { *bad = 0; return -2; }
    size_t cap = n * 2 + 16;    /* GB18030 -> UTF-8 grows at most 3/2, UTF-16 at most 3/2 */
    char *buf = jx_alloc(a, cap + 1);
    char *in = (char *)p, *o = buf;
    size_t inleft = n, oleft = cap;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    if (r != (size_t)-1) r = iconv(cd, NULL, NULL, &o, &oleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft) {
        *bad = (size_t)(in - (char *)p);
        return -1;
    }
    *o = 0;
    *out = buf;
    *outlen = (size_t)(o - buf);
    return 0;
}

/* Whether UTF-8 s[0..n) is text: no NUL, no C0 control but tab, line
 * breaks and form feed, and at least one line break. */
static int reads_as_text(const char *s, size_t n)
{
    int breaks = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\r') breaks = 1;
        else if (c < 0x20 && c != '\t' && c != '\f') return 0;
    }
    return breaks;
}

/* A file with NUL bytes and no BOM: UTF-16 saved without one (iconv -t
 * UTF-16LE, some editors' "Unicode") has a NUL in every ASCII character,
 * line breaks among them. Read in the wrong byte order the same bytes
 * convert as well, to characters of other scripts, but a line break
 * becomes U+0A00: so the order that gives line breaks and no control
 * characters is the file's, when only one does. */
static const char *utf16_unmarked(jx_arena *a, const unsigned char *p, size_t n, char **conv, size_t *ulen)
{
    static const char *const order[] = {"UTF-16LE", "UTF-16BE"};
    const char *found = NULL;
    if (n % 2) return NULL;
    for (int k = 0; k < 2; k++) {
        char *out;
        size_t len, bad;
        if (convert(a, order[k], p, n, &out, &len, &bad) || !reads_as_text(out, len)) continue;
        if (found) return NULL;
        found = order[k];
        *conv = out;
        *ulen = len;
    }
    return found;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ') return 0;
    return 1;
}

void dec_take_lines(jx_arena *a, jx_text *t, jx_vec *lines)
{
    t->lines = jx_alloc(a, (lines->n ? lines->n : 1) * sizeof *t->lines);
    if (lines->n) memcpy(t->lines, lines->p, lines->n * sizeof *t->lines);
    t->nlines = lines->n;
    jx_vec_free(lines);
}

/* ---- tables saved as CSV (a spreadsheet's annex) ---- */

/* One CSV record from lines[*k] on, its fields apart by tabs into b (a
 * quoted field may hold commas, "" for a quote, and line breaks: it then
 * runs on into the next lines, joined by a space). Returns its field
 * count, *k moved past its lines; 0 when the lines end inside quotes. */
static size_t csv_record(const jx_vec *lines, size_t *k, jx_buf *b)
{
    size_t fields = 1;
    int quoted = 0, at_start = 1;
    jx_buf_clear(b);
    for (size_t j = *k; j < lines->n; j++) {
        const jx_line *ln = &JX_AT(*lines, jx_line, j);
        const char *p = ln->text, *e = p + ln->len;
        if (j > *k) jx_buf_put(b, " ", 1);
        for (; p < e; p++) {
            if (quoted) {
                if (*p != '"') jx_buf_put(b, p, 1);
                else if (p + 1 < e && p[1] == '"') jx_buf_put(b, p++, 1);
                else quoted = 0;
            } else if (*p == ',') {
                jx_buf_put(b, "\t", 1);
                fields++;
                at_start = 1;
                continue;
            } else if (*p == '"' && at_start) {
                quoted = 1;
            } else {
                jx_buf_put(b, p, 1);
            }
            at_start = 0;
        }
        if (!quoted) {
            *k = j + 1;
            return fields;
        }
    }
    return 0;
}

/* Whether a record's first field (up to its tab) opens a row: empty (a
 * merged cell, a header's second row) or a row number (12, 2*). A line of
 * prose with a comma in it opens with text. */
static int row_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i < n && s[i] == '*') i++;
    while (i < n && s[i] == ' ') i++;
    return i == n || s[i] == '\t';
}

/* A CSV header: 序号 (or 编号) as its first field, then a comma. */
static int csv_header(const jx_line *ln)
{
    const char *p = ln->text, *e = p + ln->len;
    while (p < e && (*p == ' ' || *p == '"')) p++;
    if (!txt_starts(p, (size_t)(e - p), "序号") && !txt_starts(p, (size_t)(e - p), "编号")) return 0;
    p += strlen("序号");
    while (p < e && (*p == ' ' || *p == '"')) p++;
    return p < e && *p == ',';
}

/* A table saved as CSV becomes the tab form the table reader reads: from
 * its header on, each record one line of tab-separated cells, with the
 * number of its first line. A blank line ends the table, and so does a
 * record of one field, or one narrower or wider than the widest so far
 * that does not open as a row does (prose that holds a comma). Before
 * folding, as folding widens a comma between two Chinese characters into
 * the text's own ，. */
static void csv_rows(jx_arena *a, jx_vec *lines)
{
    size_t i = 0;
    while (i < lines->n && !csv_header(&JX_AT(*lines, jx_line, i))) i++;
    if (i == lines->n) return;
    jx_vec out = JX_VEC(jx_line);
    jx_buf b = {0};
    for (size_t k = 0; k < i; k++) *(jx_line *)jx_vec_push(&out) = JX_AT(*lines, jx_line, k);
    while (i < lines->n) {
        const jx_line *ln = &JX_AT(*lines, jx_line, i);
        if (!csv_header(ln)) { *(jx_line *)jx_vec_push(&out) = *ln; i++; continue; }
        size_t k = i, width = csv_record(lines, &k, &b), wide = width;
        if (!width) { *(jx_line *)jx_vec_push(&out) = *ln; i++; continue; }   /* quotes never closed */
        for (;;) {
            jx_line *o = jx_vec_push(&out);
            o->no = JX_AT(*lines, jx_line, i).no;
            o->text = jx_strndup(a, b.p, b.len);
            o->len = b.len;
            i = k;
            if (i == lines->n || is_blank(JX_AT(*lines, jx_line, i).text, JX_AT(*lines, jx_line, i).len)) break;
            width = csv_record(lines, &k, &b);
            if (width == 1 && k == i + 1 && k < lines->n) {
                /* a heading between two rows (一、…) belongs to the table,
                 * as it does in the other forms: kept as its line */
                size_t k2 = k, w2 = csv_record(lines, &k2, &b);
                if (w2 < 2 || (w2 != wide && !row_start(b.p, b.len))) break;
                *(jx_line *)jx_vec_push(&out) = JX_AT(*lines, jx_line, i);
                i = k;
                k = k2;
                width = w2;
            }
            if (width < 2 || (width != wide && !row_start(b.p, b.len))) break;
            if (width > wide) wide = width;
        }
    }
    jx_buf_free(&b);
    jx_vec_free(lines);
    *lines = out;
}

/* Runs of blank lines are kept as one (each line keeps its own number): no
 * reader counts them, and ten million of them then cost nothing. The cap
 * counts the lines that are not blank, as README says; with the one blank
 * line kept after each, at most twice as many lines are stored. */
static int split_lines(jx_arena *a, const char *s, size_t n, jx_text *t, char *err, size_t errsz)
{
    long no = 0, nonblank = 0;
    int prev_blank = 0;
    t->nlines = 0;
    t->lines = NULL;
    jx_vec lines = JX_VEC(jx_line);
    size_t start = 0;
    /* the next LF at or after i (n: none), kept: CR-only text stays linear */
    size_t lf = 0;
    int lf_known = 0;
    for (size_t i = 0; i <= n; i++) {
        /* the line's end: the next LF, or a CR before it */
        if (!lf_known || lf < i) {
            lf_known = 1;
            const char *q = memchr(s + i, '\n', n - i);
            lf = q ? (size_t)(q - s) : n;
        }
        const char *cr = memchr(s + i, '\r', lf - i);
        i = cr ? (size_t)(cr - s) : lf;
        if (i == n && start == n) break;    /* no empty line after the final EOL */
        no++;
        int blank = is_blank(s + start, i - start);
        if (!blank && nonblank++ == JX_MAX_LINES) {
            snprintf(err, errsz, "more than %d lines that are not blank (line %ld)", JX_MAX_LINES, no);
            jx_vec_free(&lines);
            return -1;
        }
        if (!(blank && prev_blank)) {
            jx_line *ln = jx_vec_push(&lines);
            ln->no = no;
            ln->text = (char *)(s + start);     /* the input's, till folded below (CSV rows first) */
            ln->len = i - start;
        }
        prev_blank = blank;
        if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') i++;
        start = i + 1;
    }
    csv_rows(a, &lines);
    for (size_t k = 0; k < lines.n; k++) {
        jx_line *ln = &JX_AT(lines, jx_line, k);
        ln->text = txt_fold(a, ln->text, ln->len, &ln->len);
    }
    dec_take_lines(a, t, &lines);
    return 0;
}

/* A PDF export hard-wraps every line of a paragraph at one width: most of
 * its lines then hold the same number of characters (a third or more of
 * them, where a text typed as paragraphs has no length on more than a
 * tenth). Such a full line that stops mid-sentence runs on into the next
 * line of text, across a page number if one falls there; joined again,
 * no reader meets a title, a heading (…发 / 文目录, 《…》解 / 读) or a unit
 * cut in two. The joined line keeps the number of its first. */
static int stops(const char *s, size_t n)
{
    static const char *const ends[] = {"。", "；", "：", "！", "？", "）", "”", NULL};
    for (int i = 0; ends[i]; i++)
        if (txt_ends(s, n, ends[i])) return 1;
    return 0;
}

/* A line that opens a part of its own (1. 一、 （一） 责任单位： 附件 序号), never
 * the rest of a sentence */
static int opens_part(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    s += i;
    n -= i;
    if (n && *s >= '0' && *s <= '9') {
        size_t k = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9') k++;
        return k < n && (s[k] == '.' || txt_starts(s + k, n - k, "、") || txt_starts(s + k, n - k, "．") ||
                         txt_starts(s + k, n - k, "）") || s[k] == '*');
    }
    const char *rest;
    return txt_starts(s, n, "（") || txt_starts(s, n, "附件") || txt_starts(s, n, "序号") || txt_starts(s, n, "#") ||
           lex_field(s, n) >= 0 || lex_ordinal(s, n, &rest) > 0;
}

void dec_unwrap(jx_arena *a, jx_text *t)
{
    enum { MINW = 12, MAXW = 160 };
    size_t hist[MAXW + 1] = {0}, lines = 0, w = 0;
    for (size_t i = 0; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (memchr(l->text, '\t', l->len)) continue;
        size_t c = txt_chars(l->text, l->len);
        if (c < MINW || c > MAXW) continue;
        hist[c]++;
        lines++;
    }
    for (size_t c = MINW; c <= MAXW; c++)
        if (hist[c] > hist[w]) w = c;
    if (!w || hist[w] < 10 || hist[w] * 3 < lines) return;
    jx_line *out = jx_alloc(a, t->nlines * sizeof *out);
    size_t o = 0;
    jx_buf b = {0};
    int tab_run = 0;    /* the lines of a table row that a wrap cut: the table reader rejoins them */
    for (size_t i = 0; i < t->nlines;) {
        jx_line l = t->lines[i++];
        if (is_blank(l.text, l.len)) tab_run = 0;
        else if (memchr(l.text, '\t', l.len)) tab_run = 1;
        if (tab_run) {
            out[o++] = l;
            continue;
        }
        jx_buf_clear(&b);
        int joined = 0;
        const jx_line *last = &l;
        size_t held = 0;            /* furniture lines crossed, kept after the join */
        jx_line furn[4];
        while (!memchr(last->text, '\t', last->len) && txt_chars(last->text, last->len) >= w - 1 &&
               !stops(last->text, last->len)) {
            size_t j = i, nf = 0;
            int furniture = 0;
            /* a page number between the two halves, blank lines around it or not */
            while (j < t->nlines && nf < 4 &&
                   (is_blank(t->lines[j].text, t->lines[j].len) ||
                    pg_furniture(t->lines[j].text, t->lines[j].len))) {
                if (!is_blank(t->lines[j].text, t->lines[j].len)) furniture = 1;
                j++;
                nf++;
            }
            if (j >= t->nlines || (nf && !furniture)) break;
            const jx_line *n = &t->lines[j];
            if (is_blank(n->text, n->len) || memchr(n->text, '\t', n->len) || opens_part(n->text, n->len)) break;
            if (!joined) jx_buf_put(&b, l.text, l.len);
            jx_buf_put(&b, n->text, n->len);
            joined = 1;
            for (size_t k = i; k < j && held < 4; k++)
                if (!is_blank(t->lines[k].text, t->lines[k].len)) furn[held++] = t->lines[k];
            i = j + 1;
            last = n;
        }
        if (joined) {
            l.text = jx_strndup(a, b.p, b.len);
            l.len = b.len;
        }
        out[o++] = l;
        for (size_t k = 0; k < held; k++) out[o++] = furn[k];
    }
    jx_buf_free(&b);
    t->lines = out;
    t->nlines = o;
}

/* Where the salutation a line starts with ends, when the line runs on past
 * it (0: it does not). A web page copied as plain text, or a search engine's
 * excerpt, runs a notice's salutation and its first paragraph into one line
 * (各镇人民政府，县政府各部门：《…》已经县政府同意…); every printed notice
 * sets the salutation on a line of its own, and the reader of documents
 * looks for it there. The addressees end in the word for a body
 * (txt_addressees), so a sentence of the body (各地要做到：…) is never taken
 * for them. */
static size_t salutation_end(const char *s, size_t n)
{
    /* only lines opening with 各: a field (责任单位：市发改委) also ends in a
     * body's word before its colon */
    /* or with the government's own (市政府各部门、各单位：, 县政府各部门，…),
     * which no field key opens with */
    if (!txt_starts(s, n, "各") && !txt_starts(s, n, "市政府各") && !txt_starts(s, n, "县政府各") &&
        !txt_starts(s, n, "区政府各"))
        return 0;
    const char *c = txt_find(s, n < 243 ? n : 243, "：");
    if (!c) return 0;
    size_t k = (size_t)(c - s), e = k + strlen("：");
    while (e < n && s[e] == ' ') e++;
    return e < n && txt_addressees(s, k) ? k + strlen("：") : 0;
}

/* Gives a salutation that runs on into its paragraph a line of its own;
 * both keep the line's number. */
static void split_salutations(jx_arena *a, jx_text *t)
{
    size_t splits = 0;
    for (size_t i = 0; i < t->nlines; i++) splits += salutation_end(t->lines[i].text, t->lines[i].len) > 0;
    if (!splits) return;
    jx_line *out = jx_alloc(a, (t->nlines + splits) * sizeof *out), *o = out;
    for (size_t i = 0; i < t->nlines; i++) {
        jx_line l = t->lines[i];
        size_t k = salutation_end(l.text, l.len);
        if (k) {
            *o = l;
            o->text = jx_strndup(a, l.text, k);
            o++->len = k;
            for (l.text += k, l.len -= k; *l.text == ' '; l.text++, l.len--)
                ;
        }
        *o++ = l;
    }
    t->lines = out;
    t->nlines += splits;
}

/* A field key printed with its characters spaced out to the width of a
 * column (责 任 人：叶阿东, 责 任 单 位：…), as older typeset lists print it,
 * is the key (责任人：): its spaces are dropped so that every reader sees
 * one form. Only a line opening with the spaced key, before its ：. */
static void unspace_keys(jx_arena *a, jx_text *t)
{
    for (size_t i = 0; i < t->nlines; i++) {
        jx_line *l = &t->lines[i];
        const char *s = l->text;
        size_t n = l->len, k = 0;
        char key[64];
        size_t kl = 0, spaces = 0;
        while (k < n && s[k] == ' ') k++;
        /* ideographs, each followed by one space at most, up to the ： */
        while (k + 3 <= n && kl + 3 < sizeof key && (unsigned char)s[k] >= 0xE0 && !txt_starts(s + k, n - k, "：")) {
            memcpy(key + kl, s + k, 3);
            kl += 3;
            k += 3;
            if (k < n && s[k] == ' ') { k++; spaces++; }
        }
        if (!spaces || kl < 6 || !txt_starts(s + k, n - k, "：")) continue;
        memcpy(key + kl, "：", 3);
        if (lex_field(key, kl + 3) < 0) continue;
        size_t rest = n - k;
        char *out = jx_alloc(a, kl + rest + 1);
        memcpy(out, key, kl);
        memcpy(out + kl, s + k, rest);
        out[kl + rest] = 0;
        l->text = out;
        l->len = kl + rest;
    }
}

int dec_bytes(jx_arena *a, const unsigned char *p, size_t n, jx_text *t,
              char *err, size_t errsz)
{
    const char *utf8 = NULL;
    size_t ulen = 0, bad = 0;
    char *conv = NULL;

    char sha[65];
    memcpy(sha, t->sha256, sizeof sha);     /* the caller's, if any */
    memset(t, 0, sizeof *t);
    memcpy(t->sha256, sha, sizeof sha);
    t->nbytes = n;
    if (n == 0) { snprintf(err, errsz, "empty file"); return -1; }

    if (n >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) || (!p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF))) {
        snprintf(err, errsz, "UTF-32 text (byte-order mark %s) is not read: convert it to UTF-8",
                 p[0] ? "FF FE 00 00" : "00 00 FE FF");
        return -1;
    } else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        int le = p[0] == 0xFF;
        t->encoding = le ? "UTF-16LE" : "UTF-16BE";
        if ((n - 2) % 2) {
            snprintf(err, errsz, "truncated %s: odd byte count at byte %zu", t->encoding, n - 1);
            return -1;
        }
        int rc = convert(a, t->encoding, p + 2, n - 2, &conv, &ulen, &bad);
        if (rc) {
            snprintf(err, errsz, "invalid %s sequence at byte %zu", t->encoding, bad + 2);
            return -1;
        }
        if (memchr(conv, 0, ulen)) {
            snprintf(err, errsz, "binary file: NUL character in %s text", t->encoding);
            return -1;
        }
        /* A BOM that lies (UTF-8 text behind FF FE) still converts, to noise
         * without a single line break. */
        if (ulen > 4096 && !memchr(conv, '\n', ulen) && !memchr(conv, '\r', ulen)) {
            snprintf(err, errsz, "not %s text despite its byte-order mark (no line breaks)", t->encoding);
            return -1;
        }
        utf8 = conv;
    } else {
        const unsigned char *nul = memchr(p, 0, n);
        size_t skip = 0;
        if (nul) {
            if (!(t->encoding = utf16_unmarked(a, p, n, &conv, &ulen))) {
                snprintf(err, errsz, "binary file: NUL byte at byte %zu", (size_t)(nul - p));
                return -1;
            }
            utf8 = conv;
        } else {
            if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) skip = 3;
            int multi;
            size_t at = utf8_invalid_at(p + skip, n - skip, &multi);
            if (at == n - skip) {
                t->encoding = skip ? "UTF-8-BOM" : "UTF-8";
                utf8 = (const char *)p + skip;
                ulen = n - skip;
            } else if (skip) {
                snprintf(err, errsz, "invalid UTF-8 after a UTF-8 BOM at byte %zu", at + skip);
                return -1;
            } else if (multi >= 4) {
                /* GB18030 text fails UTF-8 within its first few Chinese
                 * characters (one in seven GB2312 characters happens to be a
                 * valid 2-byte UTF-8 sequence, hardly any a 3-byte one); text
                 * that was plainly UTF-8 up to here is damaged or mixed. */
                if (n - at < 4 && (p[at] & 0xC0) == 0xC0)
                    snprintf(err, errsz, "truncated UTF-8 sequence at byte %zu (end of file)", at);
                else
                    snprintf(err, errsz, "invalid UTF-8 at byte %zu after UTF-8 text (damaged or mixed encodings)", at);
                return -1;
            } else {
                int rc = convert(a, "GB18030", p, n, &conv, &ulen, &bad);
                if (rc) {
                    snprintf(err, errsz,
                             "not valid UTF-8 (byte %zu) nor GB18030 (byte %zu)", at, bad);
                    return -1;
                }
                t->encoding = "GB18030";
                utf8 = conv;
            }
        }
    }
    if (split_lines(a, utf8, ulen, t, err, errsz)) return -1;
    split_salutations(a, t);
    unspace_keys(a, t);
    unrun_text(a, t);      /* tables a PDF export joined into one line */
    return 0;
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether fstat says nothing happened to the file in between: a write in
 * place keeps the size but moves ctime and mtime. */
static int unchanged(const struct stat *a, const struct stat *b)
{
    return a->st_size == b->st_size && a->st_ino == b->st_ino && a->st_dev == b->st_dev &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

static long long ns_of(struct timespec ts) { return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec; }

/* A file system stamps a change with its clock's tick (1 to 10 ms, whole
 * seconds where it keeps no nanoseconds), so a write in the tick of the
 * file's last change leaves its times as they were. A file that changed
 * that recently is given the tick to pass before it is read: any write
 * during the read then moves its ctime. (Linux from 6.13 stamps the next
 * change of a file whose times were read finer; older kernels do not.) */
static int settle(int fd, struct stat *st)
{
    for (int round = 0; round < 4; round++) {
        long long tick = st->st_ctim.tv_nsec || st->st_mtim.tv_nsec ? 20000000LL : 2000000000LL;
        long long last = ns_of(st->st_ctim) > ns_of(st->st_mtim) ? ns_of(st->st_ctim) : ns_of(st->st_mtim);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        long long wait = last + tick - ns_of(now);
        if (wait <= 0) return 0;
        if (wait > tick) wait = tick;       /* a clock ahead of ours (a network file system) */
        struct timespec d = {(time_t)(wait / 1000000000), (long)(wait % 1000000000)};
        while (nanosleep(&d, &d) < 0 && errno == EINTR) {}
        if (fstat(fd, st) < 0) return -1;
    }
    return 0;   /* still changing, or a clock far ahead: the check after the read decides */
}

int dec_file(jx_arena *a, const char *path, jx_text *t, const jx_shaset *skip,
             char *err, size_t errsz)
{
    struct stat st, after;
    /* O_NONBLOCK: opening a FIFO would otherwise wait, unbounded, for a
     * writer to open it */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { snprintf(err, errsz, "cannot open: %s", strerror(errno)); return -1; }
    if (fstat(fd, &st) < 0) {
        snprintf(err, errsz, "cannot stat: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) { snprintf(err, errsz, "is a directory"); close(fd); return -1; }
    if (S_ISREG(st.st_mode) && settle(fd, &st) < 0) {
        snprintf(err, errsz, "cannot stat: %s", strerror(errno));
        close(fd);
        return -1;
    }
    unsigned char *buf;
    size_t len = 0;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        /* A regular file is read straight into the arena, one byte past its
         * size: a file that shrinks or grows while read is refused, never
         * loaded half; so is one written in place (same size, new ctime or
         * mtime). (procfs files say size 0 and are read as streams.) */
        if ((unsigned long long)st.st_size > JX_MAX_FILE) {
            snprintf(err, errsz, "file larger than the %u MiB limit", JX_MAX_FILE >> 20);
            close(fd);
            return -1;
        }
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        size_t want = (size_t)st.st_size;
        buf = jx_alloc(a, want + 2);
        for (;;) {
            ssize_t r = read(fd, buf + len, want + 1 - len);
            if (r < 0 && errno == EINTR && !jx_stop) continue;      /* SIGINT stops a read */
            if (r < 0) {
                snprintf(err, errsz, "read error: %s", strerror(errno));
                close(fd);
                return -1;
            }
            if (r == 0 || (len += (size_t)r) > want) break;
        }
        int moved = fstat(fd, &after) < 0 || !unchanged(&st, &after);
        close(fd);
        if (len != want) {
            snprintf(err, errsz, "file changed while being read (%zu bytes when opened, %s)", want,
                     len > want ? "more when read" : "fewer when read");
            return -1;
        }
        if (moved) {
            snprintf(err, errsz, "file changed while being read (its ctime or mtime moved)");
            return -1;
        }
    } else {
        /* FIFOs, character devices, sockets, procfs: read to EOF, within
         * jx_read_timeout_ms in all (a writer may never come, or never
         * close); the size cap holds */
        long long deadline = mono_ms() + jx_read_timeout_ms;
        jx_buf b = {0};
        for (;;) {
            char chunk[65536];
            long long left = deadline - mono_ms();
            struct pollfd pfd = {fd, POLLIN, 0};
            int ready = left > 0 ? poll(&pfd, 1, left > 1000000 ? 1000000 : (int)left) : 0;
            if (ready < 0 && errno == EINTR && !jx_stop) continue;
            if (ready == 0) {
                snprintf(err, errsz, "not read to its end within %d ms (--timeout)", jx_read_timeout_ms);
                jx_buf_free(&b);
                close(fd);
                return -1;
            }
            ssize_t r = ready < 0 ? -1 : read(fd, chunk, sizeof chunk);
            if (r < 0) {
                if ((errno == EINTR || errno == EAGAIN) && !jx_stop) continue;
                snprintf(err, errsz, "read error: %s", strerror(errno));
                jx_buf_free(&b);
                close(fd);
                return -1;
            }
            if (r == 0) break;
            jx_buf_put(&b, chunk, (size_t)r);
            if (b.len > JX_MAX_FILE) {
                snprintf(err, errsz, "file larger than the %u MiB limit", JX_MAX_FILE >> 20);
                jx_buf_free(&b);
                close(fd);
                return -1;
            }
        }
        close(fd);
        len = b.len;
        buf = jx_alloc(a, len + 1);
        if (len) memcpy(buf, b.p, len);
        jx_buf_free(&b);
    }
    sha256_hex(buf, len, t->sha256);
    /* a file already loaded is not decoded again: a re-run only hashes */
    if (skip && sha_has(skip, t->sha256)) return 1;
    return dec_bytes(a, buf, len, t, err, errsz);
}

/* ---- a set of SHA-256 digests (the files a database already holds) ---- */

int sha_has(const jx_shaset *s, const char *sha)
{
    size_t pos = 0, h = jx_hash(sha, 64, JX_HASH_SEED);
    for (size_t i; (i = jx_index_next(&s->at, h, &pos)) != JX_NONE;)
        if (!memcmp((const char *)s->digests.p + i * 65, sha, 64)) return 1;
    return 0;
}

void sha_add(jx_shaset *s, const char *sha)
{
    if (sha_has(s, sha)) return;
    s->digests.size = 65;
    char *slot = jx_vec_push(&s->digests);
    memcpy(slot, sha, 64);
    jx_index_add(&s->at, jx_hash(sha, 64, JX_HASH_SEED), s->digests.n - 1);
}

void sha_free(jx_shaset *s)
{
    jx_vec_free(&s->digests);
    jx_index_free(&s->at);
}
