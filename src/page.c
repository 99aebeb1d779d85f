/* page.c: page furniture, the lines a printed or PDF copy puts between pages.
 *
 * A page number (GB/T 9704 prints `— 3 —`; other copies `- 3 -`, `－3－`,
 * `第 3 页 共 20 页`, `3/20`) or a gazette's running header (嘉兴市人民政府公报
 * and its issue, on each page) is never text: it falls between lines of a
 * paragraph, a title, a department list or a table, and glued in it would
 * corrupt all of them (`市消—24—防救援局`). Such lines become T_FOOTER tokens,
 * which every reader skips; the table reader also knows that the blank lines
 * around one separate nothing. A bare number is left to the lexer and the
 * table reader: inside a table it can be the next 序号. Lines here are
 * width-folded (text.c): digits are ASCII, U+FF0D is `-`, U+3000 a space. */
#include "jxgov.h"

#include <string.h>

static const char *sp(const char *p, const char *e)
{
    while (p < e && *p == ' ') p++;
    return p;
}

/* Dashes a page number stands between: - – — ― ‒ − ﹣ (repeats allowed). */
static const char *dashes(const char *p, const char *e)
{
    static const char *const d[] = {"—", "–", "―", "‒", "−", "﹣", NULL};
    const char *start = p;
    for (;;) {
        if (p < e && *p == '-') { p++; continue; }
        int hit = 0;
        for (int k = 0; d[k] && !hit; k++)
            if (txt_starts(p, (size_t)(e - p), d[k])) { p += strlen(d[k]); hit = 1; }
        if (!hit) break;
    }
    return p > start ? p : NULL;
}

/* Digits 1..4 long; their value in *v. */
static const char *digits(const char *p, const char *e, long *v)
{
    const char *start = p;
    *v = 0;
    while (p < e && *p >= '0' && *p <= '9' && p - start < 5) *v = *v * 10 + (*p++ - '0');
    return p > start && p - start <= 4 ? p : NULL;
}

static const char *lit(const char *p, const char *e, const char *s)
{
    return txt_starts(p, (size_t)(e - p), s) ? p + strlen(s) : NULL;
}

/* `第 3 页`, optionally followed by `共 20 页` (with or without ， / between). */
static const char *page_of(const char *p, const char *e)
{
    long a, b;
    if (!(p = lit(p, e, "第")) || !(p = digits(sp(p, e), e, &a)) || !(p = lit(sp(p, e), e, "页")))
        return NULL;
    const char *q = sp(p, e);
    if (q < e && (*q == ',' || *q == '/')) q = sp(q + 1, e);
    else if (lit(q, e, "，")) q = sp(q + 3, e);
    if ((q = lit(q, e, "共")) && (q = digits(sp(q, e), e, &b)) && (q = lit(sp(q, e), e, "页")) && a <= b)
        return q;
    return p;
}

/* One page-number form starting at p; returns its end, or NULL. */
static const char *page_number(const char *p, const char *e)
{
    long a, b;
    const char *q;
    if ((q = dashes(p, e)) && (q = digits(sp(q, e), e, &a)) && (q = dashes(sp(q, e), e))) return q;
    if ((q = page_of(p, e))) return q;
    /* 共 20 页 第 3 页 */
    if ((q = lit(p, e, "共")) && (q = digits(sp(q, e), e, &b)) && (q = lit(sp(q, e), e, "页")) &&
        (q = page_of(sp(q, e), e)))
        return q;
    /* 3/20: a page of a count, never a date or a year span (both parts
     * below 1000, the first not larger) */
    if ((q = digits(p, e, &a)) && (q = sp(q, e)) < e && *q == '/' && (q = digits(sp(q + 1, e), e, &b)) &&
        a >= 1 && a <= b && b < 1000)
        return q;
    return NULL;
}

int pg_page_number(const char *s, size_t n)
{
    const char *e = s + n, *p = sp(s, e), *q;
    /* every line is asked: most start with none of - — – ― ‒ − ﹣ 第 共 or a digit */
    unsigned char c = p < e ? (unsigned char)*p : 0;
    if (n > 40 || !(c == '-' || (c >= '0' && c <= '9') || c == 0xE2 || c == 0xEF || c == 0xE7 || c == 0xE5))
        return 0;
    q = page_number(p, e);
    return q && sp(q, e) == e;
}

/* An issue label after a running header: 2025年第3期, 第03期（总第261期）,
 * 2026年第01、02期. Returns its end, or p when there is none. */
static const char *issue_label(const char *p, const char *e)
{
    static const char *const parts[] = {"年", "第", "期", "总", "（", "）", "(", ")", "、", "，", NULL};
    const char *q = p;
    int any_issue = 0;
    while (q < e) {
        if (*q == ' ' || (*q >= '0' && *q <= '9')) { q++; continue; }
        int hit = 0;
        for (int k = 0; parts[k] && !hit; k++)
            if (txt_starts(q, (size_t)(e - q), parts[k])) {
                any_issue |= k == 2;
                q += strlen(parts[k]);
                hit = 1;
            }
        if (!hit) break;
    }
    return any_issue ? q : p;
}

/* X人民政府公报, optionally with its issue and a page number before or after
 * it. *alone is set when the line is the bare name (a masthead or colophon
 * prints it so, too). */
static int running_header(const char *s, size_t n, int *alone)
{
    const char *e = s + n, *p = sp(s, e), *q;
    /* a header is short, and ends with its name, its issue or a page
     * number: most lines are none of these */
    if (n > 120 || n < 3) return 0;
    unsigned char last = (unsigned char)s[n - 1];
    if (!(txt_ends(s, n, "报") || txt_ends(s, n, "期") || txt_ends(s, n, "）") || txt_ends(s, n, "—") ||
          txt_ends(s, n, "页") || last == ')' || last == '-' || (last >= '0' && last <= '9')))
        return 0;
    if ((q = page_number(p, e))) p = sp(q, e);
    const char *label = p;
    p = sp(issue_label(p, e), e);       /* 2025年第3期  嘉兴市人民政府公报 */
    const char *name = txt_find(p, (size_t)(e - p), "人民政府公报");
    /* the government's name before it is short and plain: 嘉兴市, 平湖市 */
    if (!name || name - p > 8 * 3) return 0;
    for (const char *c = p; c < name; c++)
        if ((unsigned char)*c < 0x80) return 0;
    const char *name_start = p;
    p = sp(name + strlen("人民政府公报"), e);
    const char *after = p;
    p = sp(issue_label(p, e), e);
    if ((q = page_number(p, e))) p = sp(q, e);
    *alone = after == e && label == name_start;
    return p == e;
}

int pg_furniture(const char *s, size_t n)
{
    int alone;
    return pg_page_number(s, n) || (running_header(s, n, &alone) && !alone);
}

/* Running headers need their context: the bare name is the masthead (or the
 * colophon) when an issue line with 总第 follows within a few lines. The
 * issue label alone on the line after a running header belongs to it. The
 * lead note on a line of its own goes too. */
/* The standing note （列第一位的为牵头或汇总单位，下同） on a line of its own.
 * Not furniture, but never text either: dropped wherever it stands. */
static int lead_note(const char *s, size_t n)
{
    return n < 120 && (txt_starts(s, n, "（") || txt_starts(s, n, "注：") || txt_starts(s, n, "列第一位")) &&
           txt_find(s, n, "列第一位") && txt_find(s, n, "单位");
}

void pg_mark(jx_tok *tok, const jx_line *lines, size_t n)
{
    size_t prev = n;        /* the last token that is not blank */
    for (size_t i = 0; i < n; i++) {
        int alone;
        if (tok[i].kind == T_TEXT && lead_note(tok[i].body, tok[i].blen) &&
            /* under a table, a 注： line is where the table ends */
            !(prev < n && tok[prev].kind == T_TABLE && txt_starts(tok[i].body, tok[i].blen, "注：")) &&
            /* the rest of a note whose bracket a wrap left on the line
             * before (…市科技局（ / 列第一位的为…）) goes on with that line,
             * where the unit reader drops the note whole */
            !(prev < n && txt_starts(tok[i].body, tok[i].blen, "列第一位") &&
              txt_ends(tok[prev].body, tok[prev].blen, "（"))) {
            tok[i].kind = T_FOOTER;
            continue;
        }
        if (tok[i].kind != T_BLANK) prev = i;
        if (tok[i].kind != T_TEXT && tok[i].kind != T_FOOTER) continue;
        if (!running_header(tok[i].body, tok[i].blen, &alone)) continue;
        if (alone) {
            int masthead = 0;
            for (size_t j = i + 1; j < n && j <= i + 12 && !masthead; j++)
                masthead = txt_find(lines[j].text, lines[j].len, "总第") &&
                           txt_find(lines[j].text, lines[j].len, "期");
            if (masthead) continue;
        }
        tok[i].kind = T_FOOTER;
        size_t j = i + 1;
        while (j < n && tok[j].kind == T_BLANK) j++;
        if (alone && j < n && tok[j].kind == T_TEXT) {
            const char *b = tok[j].body, *e = b + tok[j].blen, *q = issue_label(b, e);
            if (q > b && sp(q, e) == e) tok[j].kind = T_FOOTER;
        }
    }
}
