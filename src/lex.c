/* lex.c: classifies each canonical line into one token kind.
 *
 * Patterns are compiled once (JIT where available) and share one match-data
 * block; cheap first-character tests keep most lines away from the regexes. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "jxgov.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

enum {
    P_DOCNO, P_DATE, P_SALUT, P_TITLE, P_LISTHEAD, P_SECTION, P_ITEM, P_RESP,
    P_FOOTER, P_FIND_DOCNO, P_DOCNO_LIKE, P_EXTRA, P_COUNT = P_EXTRA + JX_P_COUNT
};

/* Every pattern runs on width-folded text (text.c): digits are ASCII and
 * CJK punctuation is full-width. Digits are written [0-9], never \d: with
 * PCRE2_UCP \d would also match Arabic-Indic or mathematical digits. */
static const char *const patterns[P_COUNT] = {
    [P_DOCNO] = "^([\\p{Han}]{2,10})[〔\\[【（]\\s*([0-9]{4})\\s*[〕\\]】）]\\s*第?\\s*([0-9]{1,9})\\s*号$",
    [P_DATE] = "^([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*日$",
    [P_SALUT] = "^各[^。]{2,80}：$",
    [P_TITLE] = "^嘉兴市人民政府(?:办公室)?\\s*关于",
    [P_LISTHEAD] = "^(?!《)[^。；：]{0,40}?责任分解$",
    [P_SECTION] = "^([一二三四五六七八九十]{1,3})\\s*、\\s*(.*)$",
    [P_ITEM] = "^([0-9]{1,18})\\s*[.、](?![0-9])\\s*(.*)$",
    [P_RESP] = "^(?:责任单位|牵头单位|牵头市领导)\\s*：",
    [P_FOOTER] = "^(?:[-—–]\\s*[0-9]{1,4}\\s*[-—–]|第\\s*[0-9]{1,4}\\s*页(?:\\s*[，,/]?\\s*共\\s*[0-9]{1,4}\\s*页)?|[0-9]{1,3})$",
    [P_FIND_DOCNO] = "((?:国|浙|嘉|中)[\\p{Han}]{0,5}?)\\s*[〔\\[【（]\\s*([0-9]{4})\\s*[〕\\]】）]\\s*第?\\s*([0-9]{1,9})\\s*号",
    /* the start of a doc_no, whatever follows: a line that P_DOCNO refuses
     * but this takes is a doc_no line gone wrong (text after the 号, more
     * than 9 digits), which is reported, not dropped in silence */
    [P_DOCNO_LIKE] = "^[\\p{Han}]{2,10}\\s*[〔\\[【（]\\s*[0-9]+\\s*[〕\\]】）]\\s*第?\\s*[0-9]",
    [P_EXTRA + JX_P_MASTHEAD] = "第\\s*([0-9、，\\s]+?)\\s*期\\s*（\\s*总第\\s*([0-9、，\\s]+?)\\s*期\\s*）",
    [P_EXTRA + JX_P_COLOPHON] = "^([0-9]{4})\\s*年\\s*第\\s*([0-9、，\\s]+?)\\s*期\\s*（\\s*总第\\s*([0-9、，\\s]+?)\\s*期\\s*）$",
    [P_EXTRA + JX_P_PUBLISHED] = "^([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*日\\s*出版$",
    [P_EXTRA + JX_P_YEARLINE] = "^([0-9]{4})$",
    [P_EXTRA + JX_P_MONTH] = "([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月",
    [P_EXTRA + JX_P_APPOINT] = "^((?:[\\p{Han}·]{2,10}?、)*[\\p{Han}·]{2,10}?)(兼任|任)(.+)$",
    [P_EXTRA + JX_P_REMOVE] = "^免去((?:[\\p{Han}·]{2,10}?、)*[\\p{Han}·]{2,10}?)(兼任的|的)(.+?)职务$",
    [P_EXTRA + JX_P_LEADERPARA] = "^([\\p{Han}]{2,4}?)(常务副市长|副市长|市长)((?:在原|负责|分管|联系|增加|减少).*)$",
    [P_EXTRA + JX_P_ROLE] = "^((?:\\p{Han}\\s*){1,8}?)\\s*：\\s*(.*)$",
    [P_EXTRA + JX_P_JIEDU] = "^《(.+)》\\s*解读$",
    [P_EXTRA + JX_P_YEARDU] = "([0-9]{4})\\s*年度",
    [P_EXTRA + JX_P_YEARNIAN] = "(?<![0-9])([0-9]{4})\\s*年",
    [P_EXTRA + JX_P_PAGEREF] = "(?:\\.{3,}|…+|\\s)\\s*（\\s*[0-9]{1,4}\\s*）$|）\\s*（\\s*[0-9]{1,4}\\s*）$",
};

static pcre2_code *re[P_COUNT];
/* Compiled patterns are shared by all threads; match data is per thread. */
static _Thread_local pcre2_match_data *md;

int lex_init(char *err, size_t errsz)
{
    /* valgrind cannot follow JIT-compiled code and reports it as reading
     * uninitialised memory; JXGOV_NO_JIT=1 keeps the interpreter for it. */
    const char *nojit = getenv("JXGOV_NO_JIT");
    int jit = !(nojit && *nojit && strcmp(nojit, "0"));
    for (int i = 0; i < P_COUNT; i++) {
        int ec;
        PCRE2_SIZE off;
        re[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &off, NULL);
        if (!re[i]) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(err, errsz, "internal: pattern %d at %zu: %s", i, (size_t)off, (char *)msg);
            return -1;
        }
        if (jit) pcre2_jit_compile(re[i], PCRE2_JIT_COMPLETE);  /* interpreter if JIT is absent */
    }
    return lex_thread_init();
}

int lex_thread_init(void)
{
    if (!md) md = pcre2_match_data_create(8, NULL);
    return md ? 0 : -1;
}

void lex_thread_done(void)
{
    pcre2_match_data_free(md);
    md = NULL;
}

void lex_done(void)
{
    for (int i = 0; i < P_COUNT; i++) { pcre2_code_free(re[i]); re[i] = NULL; }
    lex_thread_done();
}

static int match(int p, const char *s, size_t n)
{
    return pcre2_match(re[p], (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, md, NULL) > 0;
}

static size_t group(int g, const char *s, const char **out)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (ov[2 * g] == PCRE2_UNSET) { *out = s; return 0; }
    *out = s + ov[2 * g];
    return ov[2 * g + 1] - ov[2 * g];
}

static long group_num(int g, const char *s)
{
    const char *p;
    size_t n = group(g, s, &p);
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9' || v > 99999999999999999L) return -1;  /* 18 digits at most */
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

void lex_line(const jx_line *ln, jx_tok *t)
{
    const char *s = ln->text;
    size_t n = ln->len;
    memset(t, 0, sizeof *t);

    if (memchr(s, '\t', n)) {
        t->kind = T_TABLE;
        t->body = s;
        t->blen = n;
        return;
    }
    while (n && (*s == ' ')) { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    /* a markdown rule glued to the next file's first line (cat of a file
     * that lacks its final newline): --- 嘉兴市人民政府办公室关于… */
    if (n > 3 && txt_starts(s, n, "---")) {
        size_t k = 0;
        while (k < n && s[k] == '-') k++;
        if (k < n && s[k] == ' ') {
            while (k < n && s[k] == ' ') k++;
            s += k;
            n -= k;
        }
    }
    if (n && *s == '#') {
        t->heading = 1;
        while (n && (*s == '#' || *s == ' ')) { s++; n--; }
    }
    t->body = s;
    t->blen = n;
    t->kind = T_TEXT;
    if (!n || (n == 3 && txt_starts(s, n, "---"))) { t->kind = T_BLANK; return; }

    unsigned char c = (unsigned char)s[0];
    if (c >= '0' && c <= '9') {
        if (match(P_DATE, s, n)) {
            t->kind = T_DATE;
            t->year = (int)group_num(1, s);
            t->month = (int)group_num(2, s);
            t->day = (int)group_num(3, s);
        } else if (match(P_ITEM, s, n)) {
            t->num = group_num(1, s);
            if (t->num < 0) return;
            t->kind = T_ITEM;
            group(2, s, &t->rest);
        } else if (match(P_FOOTER, s, n)) {
            t->kind = T_FOOTER;
        } else if (match(P_LISTHEAD, s, n)) {
            t->kind = T_LISTHEAD;
        }
        return;
    }
    if (c >= 0x80) {
        if (match(P_DOCNO, s, n)) {
            t->kind = T_DOCNO;
            t->plen = group(1, s, &t->prefix);
            t->year = (int)group_num(2, s);
            t->num = group_num(3, s);
        } else if (txt_starts(s, n, "第") && match(P_FOOTER, s, n)) {
            t->kind = T_FOOTER;
        } else if (txt_starts(s, n, "【") && txt_find(s, n, "】")) {
            t->kind = T_BRACKET;
        } else if (txt_starts(s, n, "附件")) {
            t->kind = T_ANNEX;
        } else if (txt_starts(s, n, "抄送") || txt_starts(s, n, "（此件公开发布）") ||
                   (n <= 40 && (txt_starts(s, n, "嘉兴市人民政府办公室") || txt_starts(s, n, "嘉兴市人民政府")) &&
                    (txt_ends(s, n, "政府") || txt_ends(s, n, "办公室")))) {
            t->kind = T_END;
        } else if (match(P_TITLE, s, n)) {
            t->kind = T_TITLE;
        } else if (match(P_RESP, s, n)) {
            t->kind = T_RESP;
            t->rest = s;
        } else if ((t->num = lex_ordinal(s, n, &t->rest)) > 0) {
            t->kind = T_SECTION;
        } else if (match(P_LISTHEAD, s, n)) {
            t->kind = T_LISTHEAD;
        } else if (txt_ends(s, n, "：") && txt_starts(s, n, "各") && match(P_SALUT, s, n)) {
            t->kind = T_SALUTATION;
        }
        return;
    }
    if (match(P_FOOTER, s, n)) t->kind = T_FOOTER;
}

long lex_ordinal(const char *s, size_t n, const char **rest)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    const char *num;
    if (!match(P_SECTION, s, n)) return 0;
    size_t k = group(1, s, &num);
    long v = 0, cur = 0;
    for (size_t i = 0; i + 3 <= k; i += 3) {
        if (!memcmp(num + i, "十", 3)) { v += (cur ? cur : 1) * 10; cur = 0; continue; }
        for (int d = 0; d < 9; d++)
            if (!memcmp(num + i, digits[d], 3)) cur = d + 1;
    }
    group(2, s, rest);
    return v + cur;
}

int lex_docno_like(const char *s, size_t n)
{
    return match(P_DOCNO_LIKE, s, n);
}

int lex_match(int pat, const char *s, size_t n, jx_span *g, int ng)
{
    if (pat < 0 || pat >= JX_P_COUNT || !match(P_EXTRA + pat, s, n)) return 0;
    for (int i = 0; i < ng; i++) g[i].n = group(i + 1, s, &g[i].p);
    return 1;
}

int lex_find_docno(const char *s, size_t n, size_t *start, size_t *end,
                   const char **prefix, size_t *plen, int *year, long *num)
{
    if (!match(P_FIND_DOCNO, s, n)) return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    *start = ov[0];
    *end = ov[1];
    *plen = group(1, s, prefix);
    *year = (int)group_num(2, s);
    *num = group_num(3, s);
    return 1;
}
