/* lex.c: classifies each canonical line into one token kind.
 *
 * Patterns are compiled once (JIT where available) and share one match-data
 * block; cheap first-character tests keep most lines away from the regexes. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "jxgov.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    P_DOCNO, P_DATE, P_SALUT, P_TITLE, P_LISTHEAD, P_SECTION, P_ITEM,
    P_FOOTER, P_FIND_DOCNO, P_DOCNO_LIKE, P_DATE_ISO, P_DATE_CN, P_SIGNATURE, P_META, P_PROGRESS,
    P_SUBSECTION, P_RUNBREAK, P_EXTRA, P_COUNT = P_EXTRA + JX_P_COUNT
};

/* An ideograph. Not \\p{Han}: PCRE2 10.40 and later match script
 * extensions there, which include the CJK punctuation (《 、 。). */
#define HAN "[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}]"
/* the field keys as one alternation; (?!) closes it, never matching */
#define FIELD_ALT_(k, r) k "|"
#define FIELD_ALT JX_FIELDS(FIELD_ALT_) "(?!)"
#define FIELD_ROW_(k, r) {k "：", sizeof k "：" - 1, JX_F_##r},
const jx_field jx_fields[] = {JX_FIELDS(FIELD_ROW_){NULL, 0, 0}};

/* A government of the family: a province, city, county or district name
 * (嘉兴市, 平湖市, 长兴县, 莲都区, 景宁畲族自治县), then its 人民政府 and,
 * for the general office, 办公室/办公厅. Titles, signatures and metadata
 * share it, so a notice of any government reads as the city's do. */
#define GOV "(" HAN "{1,8}?(?:省|市|县|区))"
#define GOV_BODY "(?:人民)?政府(?:办公室|办公厅)?"

/* Every pattern runs on width-folded text (text.c): digits are ASCII and
 * CJK punctuation is full-width. Digits are written [0-9], never \d: with
 * PCRE2_UCP \d would also match Arabic-Indic or mathematical digits. */
static const char *const patterns[P_COUNT] = {
    [P_DOCNO] = "^([\\p{Han}]{2,10})[〔\\[【（]\\s*([0-9]{4})\\s*[〕\\]】）]\\s*第?\\s*([0-9]{1,9})\\s*号$",
    [P_DATE] = "^([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*日$",
    [P_SALUT] = "^各[^。]{2,80}：$",
    /* a county's own pages may leave the name out (区人民政府办公室关于…), and a
     * city's may print the title bare (关于印发…的通知) under its metadata: the
     * salutation that must follow, and the signature, make it a notice */
    [P_TITLE] = "^(?:(?:" GOV "|[市县区])(?:人民)?政府(?:办公室|办公厅)?\\s*(?:关于|转发)|关于)",
    /* …责任分解, …责任分解（2023年）, …目标任务分解（清单）, 《政府工作报告》…任务分解,
     * …主要目标任务分解落实方案, …任务分解和责任分工方案, …责任分工抓落实方案
     * (玉环), …任务分解清单, …责任分工落实清单: the words of a division of
     * work, then what the document is (方案, 清单, with 落实 / 抓落实 before
     * it or not); a list heading, not a sentence (no 。；：); 领导工作分工 is the
     * leaders' duties, not a list. A line opening with 《 is a sentence citing
     * lists (《…责任分解》和《…》已经…). */
    [P_LISTHEAD] = "^(?:(?!《)|《[^》。]{2,30}》)[^。；：]{0,80}?(?:(?:责任|任务)(?:分解|分工)(?:(?:抓?落实)?(?:方案|清单))?|分解(?:落实)?方案|民生(?:实事)?项目)"
                   "(?:（[^）。]{0,20}）)?$",
    [P_SECTION] = "^([一二三四五六七八九十]{1,3})\\s*、\\s*(.*)$",
    [P_ITEM] = "^([0-9]{1,18})\\*?\\s*[.、](?![0-9])\\s*(.*)$",
    [P_FOOTER] = "^(?:[-—–]\\s*[0-9]{1,4}\\s*[-—–]|第\\s*[0-9]{1,4}\\s*页(?:\\s*[，,/]?\\s*共\\s*[0-9]{1,4}\\s*页)?|[0-9]{1,3})$",
    [P_DATE_ISO] = "^([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})$",
    [P_DATE_CN] = "^([〇○零一二三四五六七八九]{4})\\s*年\\s*([一二三四五六七八九十]{1,2})\\s*月\\s*"
                  "([一二三四五六七八九十]{1,3})\\s*日$",
    /* a signature prints the full name (a unit list's 海宁市政府 is not one) */
    [P_SIGNATURE] = "^(?:" GOV "人民政府(?:办公室|办公厅)?\\s*){1,3}$",
    /* Web-page furniture: a breadcrumb, the metadata block (索引号：…), the
     * 发布日期：… 信息来源：… 浏览次数： line, bullets (• 发布时间：). 时间： and
     * 来源： open body sentences too, so they count only before a date or
     * as one of several keys on the line. */
    [P_META] = "^(?:当前位置\\s*：\\s*)?首页\\s*(?:$|>|＞|》|»|›|/)|^(?:>|＞|»)"
               "|^[•·●◆\\s]*(?:索引号|发文文号|文号|发文字号|发布机关|发文机关|成文日期|发文日期|公开方式|"
               "发布日期|发布时间|信息来源|浏览次数|主题分类|组配分类|有效性|公开范围|公开时限|文件编号|发文时间|"
               "发布机构|发文机构|发文单位|统一编号)\\s*："
               /* the same keys printed as a table, spaced, with no ： (索 引 号 MB…) or
                * with one (索 引 号: … 发布日期: … 发布机构: …, keys of a line spaced alike) */
               "|^(?:索\\s*引\\s*号|发\\s*文\\s*日\\s*期|发\\s*布\\s*机\\s*构|文\\s+号|分\\s+类|有\\s*效\\s*性)"
               "(?:\\s*：|\\s+\\S)"
               /* the site's record of the document's name (名       称: …, 信息名称：…) */
               "|^[•·●◆\\s]*(?:名\\s*称|信\\s*息\\s*名\\s*称|标\\s*题)\\s*："
               /* the page's buttons */
               "|^(?:分享|打印|打印本页|关闭|关闭窗口|收藏|返回顶部)\\s*：?\\s*$"
               /* the type-size buttons: 【字体：大 中 小】 打印, 字号：[ ] */
               "|^【?\\s*(?:字体|字号)\\s*："
               /* a publication stamp: 2023-01-05 10:00 区人民政府办公室 */
               "|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\s+[0-9]{1,2}:[0-9]{2}"
               "|^[•·●◆\\s]*(?:时间|来源|日期)\\s*：\\s*(?:[0-9]{4}[-./年]|.*(?:浏览次数|信息来源|发布日期)\\s*：)",
    /* …进展情况 / …完成情况（前三季度） / 执行情况 / …落实情况 / …推进情况 /
     * …分解任务落实进度表: a report on tasks assigned elsewhere (a 进度安排
     * column is a list's schedule, not this) */
    [P_PROGRESS] = "^[^。；：]{0,80}?(?:进展情况|完成情况|执行情况|落实情况|推进情况|落实进度)(?:汇总)?表?(?:（[^）。]{0,20}）)?$",
    [P_SUBSECTION] = "^（\\s*([一二三四五六七八九十]{1,3})\\s*）\\s*(.*)$",
    /* Inside a PDF run joined with no breaks: where a heading, an item
     * number or a responsibility field begins (…。二、重点…, …市发改委2.规上…,
     * …增长8%。责任单位：市经信局). */
    [P_RUNBREAK] = "(?<=[。；：）%]|" HAN ")(?:(?<!第)(?=[一二三四五六七八九十]{1,3}、)|(?=（[一二三四五六七八九十]{1,3}）)"
                   "|(?=(?:" FIELD_ALT ")：)"
                   "|(?<![0-9.])(?=[0-9]{1,3}[.、](?![0-9%])))",
    [P_FIND_DOCNO] = "((?:国|浙|嘉|中)[\\p{Han}]{0,5}?)\\s*[〔\\[【（]\\s*([0-9]{4})\\s*[〕\\]】）]\\s*第?\\s*([0-9]{1,9})\\s*号",
    /* the start of a doc_no, whatever follows: a line that P_DOCNO refuses
     * but this takes is a doc_no line gone wrong (text after the 号, more
     * than 9 digits, a bracket never closed), which is reported, not
     * dropped in silence nor read as the title's next line */
    [P_DOCNO_LIKE] = "^[\\p{Han}]{2,10}\\s*[〔\\[【（]\\s*[0-9]+\\s*[〕\\]】）]\\s*第?\\s*[0-9]"
                     "|^[\\p{Han}]{2,10}\\s*[〔\\[【]\\s*[0-9]{4}[^。，；〕\\]】]{0,12}号\\s*$"
                     /* the bracket and 号 lost (玉政办发〔20219, a page that dropped them) */
                     "|^[\\p{Han}]{2,10}\\s*[〔\\[【]\\s*[0-9]{4,13}\\s*$",
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
    [P_EXTRA + JX_P_ISSUER] = "^(" GOV GOV_BODY ")",
    /* the year of a list heading glued into other text (a PDF run) */
    [P_EXTRA + JX_P_LISTYEAR] = "([0-9]{4})\\s*年[^。；：]{0,40}?(?:责任分解|任务分解|民生(?:实事)?项目)"
                                "|(?:责任分解|任务分解)（\\s*([0-9]{4})\\s*年\\s*）",
    [P_EXTRA + JX_P_PERIOD] = "十[一二三四五六七八九]五|第十[一二三四五六七八九]个五年|未来五年|五年主要(?:工作|目标)?任务",
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

/* A date line is a date only when the calendar has it: 2022510, 2022-13-40
 * or 2022年2月30日 is garbled, and the notice falls back to its metadata. */
static void set_date(jx_tok *t, int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2100) return;
    int leap = m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    if (d > days[m - 1] + leap) return;
    t->kind = T_DATE;
    t->year = y;
    t->month = m;
    t->day = d;
}

/* 十二 -> 12, 三十一 -> 31, 六 -> 6: the numerals of month and day. */
static int cn_number(const char *s, size_t n)
{
    static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int v = 0, cur = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        if (!memcmp(s + i, "十", 3)) { v += (cur ? cur : 1) * 10; cur = 0; continue; }
        for (int d = 0; d < 10; d++)
            if (!memcmp(s + i, digits[d], 3)) cur = d;
    }
    return v + cur;
}

/* 二○一○年六月三十日 / 二〇二二年五月十日: the year is read digit by digit
 * (○ U+25CB and 〇 U+3007 are both printed for zero). */
static int cn_date(const char *s, size_t n, jx_tok *t)
{
    if (!txt_ends(s, n, "日") || !match(P_DATE_CN, s, n)) return 0;
    const char *y, *m, *d;
    size_t yn = group(1, s, &y), mn = group(2, s, &m), dn = group(3, s, &d);
    int year = 0;
    for (const char *q = y; q < y + yn;) {
        uint32_t c = txt_next(&q);
        int digit = c == 0x25CB || c == 0x3007 || c == 0x96F6 ? 0 : -1;
        static const uint32_t cp[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
        for (int k = 0; k < 9; k++)
            if (c == cp[k]) digit = k + 1;
        if (digit < 0) return 0;
        year = year * 10 + digit;
    }
    set_date(t, year, cn_number(m, mn), cn_number(d, dn));
    return t->kind == T_DATE;
}

/* Every furniture line opens with one of a few characters (a key's first,
 * a bullet, a breadcrumb's 首页 / 当前位置 / >, a stamp's digit): only those
 * lines are given to the pattern. */
/* A line opening with a field, spaces allowed before its ：(责任单位 ：…) */
static int resp_line(const char *s, size_t n)
{
    if (n < 12) return 0;
    for (int k = 0; jx_fields[k].key; k++) {
        size_t kl = jx_fields[k].len - strlen("："), i = kl;
        if (n < kl || memcmp(s, jx_fields[k].key, kl)) continue;
        while (i < n && s[i] == ' ') i++;
        if (txt_starts(s + i, n - i, "：")) return 1;
    }
    return 0;
}

static int is_meta(const char *s, size_t n)
{
    if (!n) return 0;
    if ((unsigned char)*s < 0x80) {
        if (*s != '>' && !(*s >= '0' && *s <= '9' && n > 16 && s[4] == '-')) return 0;
        return match(P_META, s, n);
    }
    const char *q = s;
    switch (txt_next(&q)) {
    /* 当 首 ＞ » • · ● ◆ 索 发 文 成 公 信 浏 主 组 有 时 来 日 统 分 打 关 收 返 【 字 名 标 */
    case 0x5F53: case 0x9996: case 0xFF1E: case 0xBB: case 0x2022: case 0xB7: case 0x25CF:
    case 0x25C6: case 0x7D22: case 0x53D1: case 0x6587: case 0x6210: case 0x516C: case 0x4FE1:
    case 0x6D4F: case 0x4E3B: case 0x7EC4: case 0x6709: case 0x65F6: case 0x6765: case 0x65E5:
    case 0x7EDF: case 0x5206: case 0x6253: case 0x5173: case 0x6536: case 0x8FD4: case 0x3010: case 0x5B57: case 0x540D: case 0x6807:
        return match(P_META, s, n);
    }
    return 0;
}

/* A line's body: outer spaces, a markdown rule glued before it and heading
 * marks dropped. */
static void body_of(const char **sp, size_t *np)
{
    const char *s = *sp;
    size_t n = *np;
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
        while (n && (*s == '#' || *s == ' ')) { s++; n--; }
    }
    /* a web page's column tag before a title (【市政府重点工作及责任分解】
     * 滁州市人民政府关于…的通知) is no part of it; a gazette's 【…】 heading
     * stands alone */
    if (txt_starts(s, n, "【")) {
        const char *e = txt_find(s, n < 120 ? n : 120, "】");
        if (e) {
            const char *r = e + strlen("】");
            size_t rn = n - (size_t)(r - s);
            while (rn && *r == ' ') { r++; rn--; }
            if (rn && match(P_TITLE, r, rn)) { s = r; n = rn; }
        }
    }
    /* a mirror or a repost prints the title as a book title, alone on its
     * line (《湖州市人民政府办公室关于印发…的通知》): the brackets are no part
     * of it. Only a whole line: a sentence citing a title runs on past 》. */
    if (n > 2 * strlen("《") && txt_starts(s, n, "《") && txt_ends(s, n, "》")) {
        const char *r = s + strlen("《");
        size_t rn = n - strlen("《") - strlen("》");
        if (!txt_find(r, rn, "《") && !txt_find(r, rn, "》") && match(P_TITLE, r, rn)) { s = r; n = rn; }
    }
    *sp = s;
    *np = n;
}

/* A picture's file name left where the picture stood (640.webp.jpg,
 * W020230215.png): page furniture, never an item 640. */
static int image_name(const char *s, size_t n)
{
    static const char *const exts[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", NULL};
    if (n > 80) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
              c == '-'))
            return 0;
    }
    for (int k = 0; exts[k]; k++) {
        size_t l = strlen(exts[k]);
        if (n > l && !strncasecmp(s + n - l, exts[k], l)) return 1;
    }
    return 0;
}

static void docno_of(const char *s, jx_tok *t)
{
    t->kind = T_DOCNO;
    t->plen = group(1, s, &t->prefix);
    t->year = (int)group_num(2, s);
    t->num = group_num(3, s);
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
    body_of(&s, &n);
    t->body = s;
    t->blen = n;
    t->kind = T_TEXT;
    if (!n || (n == 3 && txt_starts(s, n, "---"))) { t->kind = T_BLANK; return; }
    if (pg_page_number(s, n)) { t->kind = T_FOOTER; return; }
    if (image_name(s, n)) { t->kind = T_META; return; }

    unsigned char c = (unsigned char)s[0];
    if (c >= '0' && c <= '9') {
        if (match(P_DATE, s, n) || match(P_DATE_ISO, s, n)) {
            set_date(t, (int)group_num(1, s), (int)group_num(2, s), (int)group_num(3, s));
        } else if (match(P_ITEM, s, n)) {
            t->num = group_num(1, s);
            if (t->num < 0) return;
            t->kind = T_ITEM;
            group(2, s, &t->rest);
        } else if (match(P_FOOTER, s, n)) {
            t->kind = T_FOOTER;
        } else if (is_meta(s, n)) {
            t->kind = T_META;
        } else if ((txt_ends(s, n, "情况") || txt_ends(s, n, "表") || txt_ends(s, n, "）")) &&
                   (txt_find(s, n, "情况") || txt_find(s, n, "落实进度")) && match(P_PROGRESS, s, n)) {
            t->kind = T_PROGRESS;
        } else if (match(P_LISTHEAD, s, n)) {
            t->kind = T_LISTHEAD;
        }
        return;
    }
    if (c >= 0x80) {
        if (match(P_DOCNO, s, n)) {
            docno_of(s, t);
        } else if (is_meta(s, n)) {
            t->kind = T_META;
        } else if (txt_starts(s, n, "第") && match(P_FOOTER, s, n)) {
            t->kind = T_FOOTER;
        } else if (txt_starts(s, n, "【") && txt_find(s, n, "】")) {
            t->kind = T_BRACKET;
        } else if (txt_starts(s, n, "附件")) {
            t->kind = T_ANNEX;
        } else if (txt_starts(s, n, "抄送") || txt_starts(s, n, "（此件公开发布）") ||
                   (n <= 60 && (txt_ends(s, n, "政府") || txt_ends(s, n, "办公室") || txt_ends(s, n, "办公厅")) &&
                    match(P_SIGNATURE, s, n))) {
            t->kind = T_END;
        } else if ((txt_starts(s, n, "关于") || txt_find(s, n < 40 ? n : 40, "政府")) && match(P_TITLE, s, n)) {
            /* a government's name is 8 characters at most: 政府 stands early */
            t->kind = T_TITLE;
        } else if (cn_date(s, n, t)) {
            t->kind = T_DATE;
        } else if (txt_starts(s, n, "（") && match(P_SUBSECTION, s, n)) {
            t->kind = T_SUBSECTION;
            const char *num;
            size_t k = group(1, s, &num);
            t->num = cn_number(num, k);
            group(2, s, &t->rest);
        } else if (resp_line(s, n)) {
            t->kind = T_RESP;
            t->rest = s;
        } else if ((t->num = lex_ordinal(s, n, &t->rest)) > 0) {
            t->kind = T_SECTION;
        } else if ((txt_ends(s, n, "情况") || txt_ends(s, n, "表") || txt_ends(s, n, "）")) &&
                   (txt_find(s, n, "情况") || txt_find(s, n, "落实进度")) && match(P_PROGRESS, s, n)) {
            t->kind = T_PROGRESS;
        } else if (match(P_LISTHEAD, s, n)) {
            t->kind = T_LISTHEAD;
        } else if (txt_ends(s, n, "：") && ((txt_starts(s, n, "各") && match(P_SALUT, s, n)) ||
                                            txt_addressees(s, n - strlen("：")))) {
            /* 各…： or addressees that do not open with 各 (立山经济开发区，
             * 各街道办事处，各有关单位：; a reply's 市交通运输局：) */
            t->kind = T_SALUTATION;
        }
        return;
    }
    if (match(P_FOOTER, s, n)) t->kind = T_FOOTER;
    else if (is_meta(s, n)) t->kind = T_META;
}

/* A 《…》解读 heading, possibly wrapped over up to three lines: the number
 * of lines it takes (0 if none), its title in *title when a is given. */
size_t lex_jiedu(jx_arena *a, const jx_tok *tok, size_t i, size_t n, const char **title)
{
    jx_buf b = {0};
    jx_span g[1];
    size_t used = 0, k;
    if (tok[i].kind != T_TEXT || !txt_starts(tok[i].body, tok[i].blen, "《")) return 0;
    for (k = i; k < n && k < i + 3; k++) {
        if (tok[k].kind != T_TEXT) break;
        jx_buf_put(&b, tok[k].body, tok[k].blen);
        if (lex_match(JX_P_JIEDU, b.p, b.len, g, 1)) {
            used = k - i + 1;
            if (a) *title = txt_squash_dup(a, g[0].p, g[0].n);
            break;
        }
        if (txt_find(b.p, b.len, "》")) break;     /* a title that closes without 解读 */
    }
    jx_buf_free(&b);
    return used;
}

size_t lex_heading(const jx_tok *tok, size_t i, size_t n)
{
    const jx_tok *t = &tok[i];
    if (t->kind == T_BRACKET) return 1;
    if (t->kind != T_TEXT) return 0;
    if ((txt_ends(t->body, t->blen, "发文目录") && t->blen < 120) ||
        (t->blen == strlen("政策解读目录") && txt_starts(t->body, t->blen, "政策解读目录")))
        return 1;
    return lex_jiedu(NULL, tok, i, n, NULL);
}

/* A metadata value is no line: only the two readings a value can have are
 * tried on it, in the order and with the trimming lex_line uses, so a value
 * reads as the same value printed on a line of its own would. */
int lex_docno(const char *s, size_t n, jx_tok *t)
{
    memset(t, 0, sizeof *t);
    if (memchr(s, '\t', n)) return 0;
    body_of(&s, &n);
    if (!n || pg_page_number(s, n) || (unsigned char)*s < 0x80 || !match(P_DOCNO, s, n)) return 0;
    t->body = s;
    t->blen = n;
    docno_of(s, t);
    return 1;
}

int lex_date(const char *s, size_t n, jx_tok *t)
{
    memset(t, 0, sizeof *t);
    if (memchr(s, '\t', n)) return 0;
    body_of(&s, &n);
    if (!n || pg_page_number(s, n)) return 0;
    t->body = s;
    t->blen = n;
    unsigned char c = (unsigned char)s[0];
    if (c >= '0' && c <= '9') {
        if (match(P_DATE, s, n) || match(P_DATE_ISO, s, n))
            set_date(t, (int)group_num(1, s), (int)group_num(2, s), (int)group_num(3, s));
    } else if (c >= 0x80) {
        cn_date(s, n, t);
    }
    return t->kind == T_DATE;
}

/* The leaders of a city, a county, a district and the province; the longer
 * title first, so 常务副县长 is not read as 县长. */
static const char *const leader_titles[] = {
    "常务副市长", "副市长", "市长", "常务副县长", "副县长", "县长", "常务副区长", "副区长", "区长",
    "常务副省长", "副省长", "省长", NULL};

int lex_title_only(const char *s, size_t n)
{
    for (int k = 0; leader_titles[k]; k++)
        if (n == strlen(leader_titles[k]) && !memcmp(s, leader_titles[k], n)) return 1;
    return 0;
}

size_t lex_leader(const char *s, size_t n, const char **title)
{
    for (int k = 0; leader_titles[k]; k++) {
        const char *t = txt_find(s, n, leader_titles[k]);
        if (!t || t == s) continue;
        /* a title inside a longer one (副市长 in 常务副市长, 市长 in 副市长)
         * is that one's, whose turn came first: 常务副市长牵头 names no
         * leader, not one called 常务 */
        int inside = 0;
        size_t tl = strlen(leader_titles[k]);
        for (int j = 0; j < k && !inside; j++) {
            size_t lj = strlen(leader_titles[j]);
            inside = lj > tl && txt_ends(leader_titles[j], lj, leader_titles[k]) && (size_t)(t - s) >= lj - tl &&
                     txt_starts(t - (lj - tl), n - (size_t)(t - s) + (lj - tl), leader_titles[j]);
        }
        if (inside) continue;
        size_t nl = (size_t)(t - s);
        if (nl > 4 * 3) continue;   /* a name is two to four characters */
        *title = leader_titles[k];
        return nl;
    }
    return 0;
}

void lex_lines(const jx_line *lines, size_t n, jx_tok *tok)
{
    for (size_t i = 0; i < n; i++) lex_line(&lines[i], &tok[i]);
}

const jx_tok *lex_prose(jx_arena *a, const jx_line *ln, jx_tok *t)
{
    if (!t->prose) {
        jx_line pl = *ln;
        char *copy = jx_strndup(a, ln->text, ln->len);
        for (char *c = copy; *c; c++)
            if (*c == '\t') *c = ' ';
        pl.text = copy;
        jx_tok *p = jx_alloc(a, sizeof *p);
        lex_line(&pl, p);
        t->prose = p;
    }
    return t->prose;
}


int lex_field(const char *s, size_t n)
{
    /* the parser asks at every character of a clause: most are no key's
     * first, and every key is longer than 12 bytes */
    if (n < 12 || (unsigned char)s[0] < 0xE0) return -1;
    for (int k = 0; jx_fields[k].key; k++)
        if (n >= jx_fields[k].len && !memcmp(s, jx_fields[k].key, jx_fields[k].len)) return k;
    return -1;
}

/* Whether s[0..n) is leaders and nothing else: names each followed by
 * their title, 、 between them (徐国龙副市长, 赵六常务副市长、钱七副市长). */
static int leaders_only(const char *s, size_t n)
{
    const char *end = s + n;
    if (!n) return 0;
    for (const char *q = s; q < end;) {
        const char *sep = txt_find(q, (size_t)(end - q), "、"), *stop = sep ? sep : end, *title;
        size_t nl = lex_leader(q, (size_t)(stop - q), &title);
        if (!nl || nl + strlen(title) != (size_t)(stop - q)) return 0;
        q = sep ? sep + strlen("、") : end;
    }
    return 1;
}

const char *lex_leader_verb(const char *s, size_t n)
{
    static const char *const verbs[] = {"牵头", "主抓", "负责", NULL};
    const char *best = NULL;
    for (int k = 0; verbs[k]; k++) {
        const char *f = txt_find(s, n, verbs[k]);
        if (f && (!best || f < best)) best = f;
    }
    if (best) return best;
    /* A section may name its leader with no verb (一、徐国龙副市长重点工作,
     * as 绍兴 prints them): then the heading must be the leaders and one of
     * the words for their part, and nothing else but a bracketed note
     * (（12项）), so that a heading naming work (一、经济发展工作) or an
     * office only (二、常务副市长重点工作) is no leader's. */
    static const char *const parts[] = {"重点工作", "重点事项", "工作", "事项", NULL};
    size_t e = n;
    if (txt_ends(s, e, "）")) {
        const char *open = NULL;
        for (const char *q = s; (q = txt_find(q, (size_t)(s + n - q), "（")); q += strlen("（")) open = q;
        if (!open) return NULL;
        e = (size_t)(open - s);
    }
    for (int k = 0; parts[k]; k++) {
        size_t pl = strlen(parts[k]);
        if (e > pl && txt_ends(s, e, parts[k]) && leaders_only(s, e - pl)) return s + e - pl;
    }
    return NULL;
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

int lex_signature(const char *s, size_t n)
{
    return n && n <= 60 && (unsigned char)*s >= 0x80 && match(P_SIGNATURE, s, n);
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

size_t lex_run_break(const char *s, size_t n, size_t from)
{
    if (pcre2_match(re[P_RUNBREAK], (PCRE2_SPTR)s, n, from, PCRE2_NO_UTF_CHECK, md, NULL) <= 0) return n;
    return pcre2_get_ovector_pointer(md)[0];
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
