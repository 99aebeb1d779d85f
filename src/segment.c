/* segment.c: the document's parts and where each begins and ends, decided
 * in one pass over the tokens before any reader runs.
 *
 * A gazette issue is a masthead and its contents, notices (a title, a 文号,
 * a salutation, a body), sections of its own (【…人事任免】, the 发文目录,
 * 《…》解读) and a colophon. A standalone document is one notice; a saved
 * list page is a fragment, a list with no title. Every boundary the readers
 * need is here: a notice's body ends at the next notice or at the first
 * section heading; a table opens at a 序号 cell and ends where its rows
 * do (tbl_rebuild builds them, once: they are kept in its span); a tab
 * elsewhere is prose (lex.c reads it so when first met: tok[i].prose); a list
 * runs from its heading to its end, and its items open where the marks
 * say (tok[i].item). The readers (notice.c, parse.c, table.c, gazette.c)
 * work on these spans and never classify a heading or decide where a part
 * ends again. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

/* Tables are read from their header: a line with a cell 序号 (letter-spaced
 * 序 号 too), first or not. */
static int opens_table(const jx_line *ln)
{
    for (const char *s = ln->text, *e = s + ln->len; s < e;) {
        const char *q = memchr(s, '\t', (size_t)(e - s)), *ce = q ? q : e;
        while (s < ce && *s == ' ') s++;
        if (txt_starts(s, (size_t)(ce - s), "序")) {
            s += strlen("序");
            while (s < ce && *s == ' ') s++;
            if (txt_starts(s, (size_t)(ce - s), "号")) {
                s += strlen("号");
                while (s < ce && *s == ' ') s++;
                if (s == ce) return 1;
            }
        }
        if (!q) break;
        s = q + 1;
    }
    return 0;
}

static jx_seg *add(jx_vec *v, enum jx_segkind kind, size_t lo, size_t hi, size_t at)
{
    jx_seg *s = jx_vec_push(v);
    s->kind = kind;
    s->lo = lo;
    s->hi = hi;
    s->at = at;
    s->docno = s->bad_docno = -1;
    return s;
}

/* An issue starts at its masthead (嘉兴市人民政府公报, a year line, 第 03 期
 * (总第 261 期) within twelve lines) and is closed by its colophon (2025年第
 * 03期（总第261期）). Running headers are page furniture (T_FOOTER) and
 * are looked at too: a masthead's name can be marked as one. */
static void issues(jx_segs *s, const jx_tok *tok, size_t n)
{
    long title_at = -100;
    jx_span m[4];
    for (size_t i = 0; i < n; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind != T_TEXT && t->kind != T_FOOTER) continue;
        if (txt_starts(t->body, t->blen, "嘉兴市人民政府公报")) {
            title_at = (long)i;
        } else if (lex_match(JX_P_COLOPHON, t->body, t->blen, m, 3)) {
            jx_seg *c = add(&s->issues, SEG_COLOPHON, i, i + 1, i);
            memcpy(c->g, m, sizeof c->g);
        } else if ((long)i - title_at <= 12 && lex_match(JX_P_MASTHEAD, t->body, t->blen, m, 2)) {
            jx_seg *c = add(&s->issues, SEG_MASTHEAD, (size_t)title_at, n, i);
            memcpy(c->g, m, 2 * sizeof *m);
        }
    }
}

/* A notice is a title (one or more lines starting <government>…关于 or
 * …转发), an optional doc_no line (after the title in gazettes, before it
 * on a red-head document), then a salutation (各…：). A web page's furniture
 * (发布时间：…, 信息来源：…) may stand between them. Table-of-contents entries
 * and catalog lines have no salutation and are not notices. Fills sp from
 * the title at i; returns the salutation's index, or 0. */
static int title_done(const jx_tok *t)
{
    static const char *const kinds[] = {"的通知", "的意见", "的决定", "的批复", "的报告", "的函", NULL};
    for (int k = 0; kinds[k]; k++)
        if (txt_ends(t->body, t->blen, kinds[k])) return 1;
    return 0;
}

static size_t notice_at(const jx_tok *tok, size_t n, size_t i, jx_seg *sp)
{
    long docno = -1, bad_docno = -1;    /* bad: a line that starts as a doc_no but is none */
    size_t j, found = 0, title_end = i + 1;
    sp->title_skip = -1;
    int parts = 1;
    for (j = i + 1; j < n; j++) {
        const jx_tok *t = &tok[j];
        if (t->kind == T_BLANK || t->kind == T_FOOTER || t->kind == T_META) continue;
        if (t->kind == T_DOCNO && docno < 0) { docno = (long)j; continue; }
        if (t->kind == T_SALUTATION) { found = j; break; }
        /* A salutation wrapped over lines (各县（市、区）人民政府， / 市级有关部门（单位）：) */
        if (t->kind == T_TEXT && txt_starts(t->body, t->blen, "各") && !txt_find(t->body, t->blen, "。")) {
            size_t k = j + 1;
            while (k < n && k < j + 4 && tok[k].kind == T_TEXT && !txt_find(tok[k].body, tok[k].blen, "。") &&
                   !txt_ends(tok[k].body, tok[k].blen, "："))
                k++;
            if (k < n && k < j + 4 && (tok[k].kind == T_TEXT || tok[k].kind == T_SALUTATION) &&
                txt_ends(tok[k].body, tok[k].blen, "：")) {
                found = k;
                break;
            }
        }
        if (t->kind == T_TEXT && docno < 0 && bad_docno < 0 && lex_docno_like(t->body, t->blen)) {
            bad_docno = sp->title_skip = (long)j;
            continue;
        }
        if ((t->kind == T_TEXT || t->kind == T_LISTHEAD) && (docno < 0 || title_done(&tok[title_end - 1])) &&
            parts < 6 && !txt_ends(t->body, t->blen, "。")) {
            parts++;
            /* A title ends with its document's kind (…的通知): a line after
             * it is the page's (a mirror's 政策 tag, the remains of the
             * red-head's wrapped title under the doc_no), not the title's */
            if (!title_done(&tok[title_end - 1])) title_end = j + 1;
            continue;
        }
        break;
    }
    if (!found) return 0;
    if (docno < 0) {    /* red-head layout: the doc_no stands above the title */
        int seen = 0;
        for (size_t k = i; k-- > 0 && seen < 3;) {
            if (tok[k].kind == T_BLANK || tok[k].kind == T_FOOTER || tok[k].kind == T_META) continue;
            if (tok[k].kind == T_DOCNO) { docno = (long)k; break; }
            if (tok[k].kind == T_TEXT && bad_docno < 0 && lex_docno_like(tok[k].body, tok[k].blen))
                bad_docno = (long)k;
            seen++;
        }
    }
    sp->title_end = title_end;
    sp->docno = docno;
    sp->bad_docno = docno < 0 ? bad_docno : -1;
    return found;
}

/* An item that carries its responsibility clause (8.…。（责任单位：…）): a
 * page from inside a list, whose heading is on another page. */
static int holds_field(const jx_tok *t)
{
    for (int f = 0; jx_fields[f].key; f++)
        if (txt_find(t->body, t->blen, jx_fields[f].key)) return 1;
    return 0;
}

static void notices(jx_segs *s, const jx_tok *tok, const jx_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tok[i].kind != T_TITLE) continue;
        jx_seg sp = {0};
        size_t at = notice_at(tok, n, i, &sp);
        if (!at) continue;
        jx_seg *no = add(&s->notices, SEG_NOTICE, i, n, at);
        no->title_end = sp.title_end;
        no->title_skip = sp.title_skip;
        no->docno = sp.docno;
        no->bad_docno = sp.bad_docno;
        i = at;
    }
    /* A fragment (a saved list, one page of a PDF, a list page of a site):
     * no title and salutation, but a list: a list heading, a responsibility
     * line, a table, or an item with its clause. Its tasks load under an
     * untitled notice, its list read from the first line. */
    if (!s->notices.n && !s->issues.n) {
        for (size_t i = 0; i < n; i++) {
            const jx_tok *t = &tok[i];
            if (t->kind == T_PROGRESS) {    /* a progress report page: nothing to load */
                s->progress = lines[i].no;
                break;
            }
            if (t->kind != T_LISTHEAD && t->kind != T_RESP && !(t->kind == T_TABLE && t->table) &&
                !(t->kind == T_ITEM && holds_field(t)))
                continue;
            add(&s->notices, SEG_FRAGMENT, i, n, 0);
            break;
        }
    }
    /* a notice runs to the next one, or to the first section heading in its
     * body, or to the masthead of an issue after it (gazette issues saved
     * into one file one after the other) */
    for (size_t k = 0, j = 0; k < s->notices.n; k++) {
        jx_seg *no = &JX_AT(s->notices, jx_seg, k);
        size_t hi = k + 1 < s->notices.n ? JX_AT(s->notices, jx_seg, k + 1).lo : n;
        while (j < s->issues.n && (JX_AT(s->issues, jx_seg, j).lo <= no->at ||
                                   JX_AT(s->issues, jx_seg, j).kind != SEG_MASTHEAD))
            j++;
        if (j < s->issues.n && JX_AT(s->issues, jx_seg, j).lo < hi) hi = JX_AT(s->issues, jx_seg, j).lo;
        for (size_t i = no->at; i < hi; i++)
            if (tok[i].opens) { hi = i; break; }
        no->hi = hi;
    }
}

/* The sections a gazette prints of its own, in order: 人事任免 (not the
 * contents' entry for it, which carries a page number), a 发文目录 with its
 * table, a 解读 up to the next notice. */
static void sections(jx_arena *a, jx_segs *s, const jx_tok *tok, size_t n)
{
    unsigned char *starts = jx_xrealloc(NULL, n ? n : 1);   /* the title tokens of notices */
    memset(starts, 0, n ? n : 1);
    for (size_t k = 0; k < s->notices.n; k++) starts[JX_AT(s->notices, jx_seg, k).lo] = 1;
    for (size_t i = 0; i < n; i++) {
        const jx_tok *t = &tok[i];
        jx_span g[1];
        const char *title;
        size_t used;
        if (t->kind == T_BRACKET && txt_find(t->body, t->blen, "人事任免") &&
            !lex_match(JX_P_PAGEREF, t->body, t->blen, g, 0)) {
            /* the heading (【市政府人事任免】(2025年12月份、2026年1月份)) may
             * wrap: it runs while its brackets are open */
            size_t j = i;
            for (int open = 0; j < n && (j == i || open > 0) && j < i + 3; j++)
                for (const char *q = tok[j].body, *e = q + tok[j].blen; q < e; q++) {
                    if (txt_starts(q, (size_t)(e - q), "（")) open++;
                    else if (txt_starts(q, (size_t)(e - q), "）")) open--;
                }
            size_t at = j;
            for (; j < n; j++) {
                enum jx_tok k = tok[j].kind;
                if (k == T_BLANK || k == T_FOOTER) continue;
                if (tok[j].opens || k == T_TITLE || k == T_TABLE) break;
            }
            add(&s->sections, SEG_APPOINT, i, j, at);
            i = j - 1;
        } else if (t->kind == T_TEXT && txt_ends(t->body, t->blen, "发文目录")) {
            size_t j = i + 1;
            while (j < n && (tok[j].kind == T_BLANK || tok[j].kind == T_FOOTER || tok[j].kind == T_TABLE)) j++;
            add(&s->sections, SEG_CATALOG, i, j, i + 1);
            i = j - 1;
        } else if ((used = lex_jiedu(a, tok, i, n, &title)) > 0) {
            /* a 解读 runs to the next notice: a line opening with some
             * government's 关于 is a title only where a notice starts */
            size_t end = i + used;
            while (end < n && !tok[end].opens && !(tok[end].kind == T_TITLE && starts[end])) end++;
            add(&s->sections, SEG_JIEDU, i, end, i + used)->title = title;
            i = end - 1;
        }
    }
    free(starts);
}

/* The tables of notice k, in the order its list reader meets them: a
 * table opens at its header (tok[i].table) and ends where its rows do
 * (tbl_rebuild decides, from the rows it builds); a table header inside
 * a table is a header printed again, part of it. */
static void tables(jx_arena *a, jx_segs *s, const jx_tok *tok, const jx_line *lines, size_t k)
{
    const jx_seg *no = &JX_AT(s->notices, jx_seg, k);
    size_t lo = no->at, hi = no->hi;
    for (size_t i = lo; i < hi; i++) {
        if (tok[i].kind != T_TABLE || !tok[i].table) continue;
        jx_vec rows = JX_VEC(jx_row);
        size_t end = tbl_rebuild(a, tok, lines, i, hi, &rows);
        jx_seg *t = add(&s->parts, SEG_TABLE, i, end > i ? end : i + 1, i);
        t->notice = k;
        t->rows = rows;
        i = t->hi - 1;
    }
}

/* Whether the field line at j is a clause of its own, not the bracketed
 * clause of the line before wrapped onto a line of its own (…给予支持。（ /
 * 责任单位：…）, as a PDF export wraps a paragraph's inline clause): a
 * notice's body is a list or not the same, wrapped or not (body_list). */
static int own_field_line(const jx_tok *tok, size_t lo, size_t j)
{
    static const char *const opens[] = {"（", "(", "[", "【", "［", NULL};
    if (tok[j].kind != T_RESP) return 0;
    for (size_t k = j; k-- > lo;) {
        if (tok[k].kind == T_BLANK || tok[k].kind == T_FOOTER) continue;
        for (int o = 0; opens[o]; o++)
            if (txt_ends(tok[k].body, tok[k].blen, opens[o])) return 0;
        break;
    }
    return 1;
}

/* Whether the 一、 heading at i is itself an item (the 民生实事 layout of
 * older gazettes: 一、…, then 分管领导： / 牵头单位： lines, no numbered items
 * under it). */
static int section_is_item(const jx_tok *tok, size_t i, size_t hi)
{
    int seen = 0;
    for (size_t j = i + 1; j < hi && seen < 8; j++) {
        enum jx_tok k = tok[j].kind;
        if (k == T_BLANK || k == T_FOOTER) continue;
        if (k == T_RESP) return 1;
        if (k != T_TEXT) return 0;
        seen++;
    }
    return 0;
}

/* Whether the heading at i is an item, as section_is_item reads it, with
 * field lines of its own (not an inline clause wrapped: own_field_line). */
static int heading_item_own(const jx_tok *tok, size_t i, size_t hi)
{
    int seen = 0;
    for (size_t j = i + 1; j < hi && seen < 8; j++) {
        enum jx_tok k = tok[j].kind;
        if (k == T_BLANK || k == T_FOOTER) continue;
        if (k == T_RESP) return own_field_line(tok, i, j);
        if (k != T_TEXT) return 0;
        seen++;
    }
    return 0;
}

/* A section heading that names a leader (一、颜海荣常务副市长牵头重点工作). */
static int leader_section(const jx_tok *t)
{
    size_t rn = t->blen - (size_t)(t->rest - t->body);
    const char *lead = lex_leader_verb(t->rest, rn), *title;
    return lead && lex_leader(t->rest, (size_t)(lead - t->rest), &title) > 0;
}

typedef struct {
    jx_segs *s;
    size_t notice, lo;      /* the list open since token lo */
    int in_list, in_item, in_resp, headless;
    long last_seq;
} lister;

static void list_close(lister *l, size_t to)
{
    l->in_item = l->in_resp = 0;
    if (!l->in_list) return;
    l->in_list = 0;
    if (to == l->lo) return;    /* a fragment's list closed at once: a heading opens the next */
    jx_seg *sp = add(&l->s->parts, SEG_LIST, l->lo, to, l->lo);
    sp->notice = l->notice;
    sp->headless = l->headless;
}

static void list_open(lister *l, size_t at, int headless)
{
    list_close(l, at);
    l->in_list = 1;
    l->lo = at;
    l->headless = headless;
    l->last_seq = 0;
}

/* The lists of notice k, and the tokens that open their items: a list
 * opens at a list heading (a fragment's at its first line) and ends at the
 * next heading, a 进展情况 heading, a 文号, date, title, 【…】, 附件, 抄送
 * or salutation, the end of a table inside it, a full sentence after an
 * item's responsibility clause, or the notice's end. Only the next number
 * in sequence, or a restart at 1, opens an item (a wrapped line can begin
 * with a number: …全年供应土地 / 3.5 万亩); a leader's section numbers
 * afresh. tables: the index in parts of the notice's first table. */
/* Whether notice no is itself the list its title names (滁州市人民政府关于
 * 2020年市政府重点工作及责任分解的通知, its items right after the
 * salutation): the title names a list and the body has no list heading
 * and no table of its own to hold it. */
static int holds_list_part(const jx_seg *no, const jx_tok *tok)
{
    for (size_t i = no->at; i < no->hi; i++)
        if (tok[i].kind == T_LISTHEAD || tok[i].kind == T_ANNEX || (tok[i].kind == T_TABLE && tok[i].table))
            return 1;
    return 0;
}

static int is_own_list(const jx_seg *no, const jx_tok *tok)
{
    /* the words of a list heading (lex.c P_LISTHEAD) */
    static const char *const words[] = {"责任分解", "任务分解", "责任分工", "任务分工", "分解方案", "分解落实方案",
                                        "民生项目", "民生实事项目", NULL};
    int named = 0;
    for (size_t i = no->lo; i < no->title_end && !named; i++)
        for (int w = 0; words[w] && !named; w++) named = txt_find(tok[i].body, tok[i].blen, words[w]) != NULL;
    return named && !holds_list_part(no, tok);
}

static int numbered(const jx_tok *t)
{
    return t->kind == T_ITEM || t->kind == T_SECTION || t->kind == T_SUBSECTION;
}

/* Where the list printed in notice no's body opens, or 0: a notice whose
 * title names no list can still print one right in its letter (现将…明确如下：
 * then 1.… / 责任领导：…；责任单位：… item after item, 永康 2008). What tells
 * such a list from numbered prose is that its items carry their own
 * responsibility clause: two items or more each holding one, as the list
 * reader reads it (1. with …。（责任单位：…） or with field lines; 一、 or
 * （一） with field lines of its own, the 民生实事 layout), in a body with no
 * list heading, 附件 or table to hold a list instead. A point of prose that names a unit once (（责任单位：市建委）, or
 * 各责任单位要…) makes no list. Only the letter is looked at, up to its
 * signature or date: what an 印发 notice prints after them is the document
 * it issues, under that document's own title, read by its heading (a
 * policy's measures each naming its units are not a list: 002's 若干举措).
 * The list opens at the first such item, or at the first item of its run of
 * numbers (1. before a 2. that carries the first clause), or at the headings
 * printed right above it (一、…, its category). */
static size_t body_list(const jx_seg *no, const jx_tok *tok)
{
    if (holds_list_part(no, tok)) return 0;
    size_t first = 0, cur = 0;
    int items = 0, counted = 0;
    for (size_t i = no->at + 1; i < no->hi && items < 2 && tok[i].kind != T_END && tok[i].kind != T_DATE; i++) {
        const jx_tok *t = &tok[i];
        int hit;
        if (numbered(t)) {
            /* an item reads its clause inline or on lines; a heading is an
             * item only with field lines of its own right under it */
            cur = i;
            counted = t->kind != T_ITEM;
            hit = t->kind == T_ITEM ? holds_field(t) : heading_item_own(tok, i, no->hi);
        } else {
            hit = cur && !counted && (t->kind == T_RESP || holds_field(t));
        }
        if (!hit) continue;
        counted = 1;
        if (!items++) first = cur;
    }
    if (items < 2) return 0;
    size_t at = first;
    if (tok[at].kind == T_ITEM)     /* back to its run's 1., over its own lines only */
        for (size_t i = at; i-- > no->at + 1 && tok[at].num > 1;) {
            if (tok[i].kind == T_SECTION || tok[i].kind == T_SUBSECTION) break;
            if (tok[i].kind == T_ITEM && tok[i].num == tok[at].num - 1) at = i;
        }
    for (size_t i = at; i-- > no->at + 1;) {
        if (tok[i].kind == T_BLANK || tok[i].kind == T_FOOTER) continue;
        if (tok[i].kind != T_SECTION && tok[i].kind != T_SUBSECTION) break;
        at = i;
    }
    return at;
}

static void lists(jx_arena *a, jx_segs *s, jx_tok *tok, const jx_line *lines, size_t k, size_t tables)
{
    const jx_seg *no = &JX_AT(s->notices, jx_seg, k);
    size_t lo = no->at, hi = no->hi, tb = tables, at;
    lister l = {s, k, lo, 0, 0, 0, 0, 0};
    if (no->kind == SEG_FRAGMENT) {
        list_open(&l, lo, 1);
    } else if (no->kind == SEG_NOTICE && is_own_list(no, tok)) {
        list_open(&l, lo + 1, 1);   /* after its salutation */
        lo++;
    } else if (no->kind == SEG_NOTICE && (at = body_list(no, tok)) > 0) {
        list_open(&l, at, 1);       /* its prose before it is no part of it */
        lo = at;
    }
    for (size_t i = lo; i < hi; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind == T_TABLE && !t->table) t = lex_prose(a, &lines[i], &tok[i]);     /* a tab inside prose */
        switch (t->kind) {
        case T_LISTHEAD:
            list_open(&l, i, 0);
            break;
        case T_SUBSECTION:
        case T_SECTION:
            if (!l.in_list) break;
            l.in_item = l.in_resp = 0;
            if (section_is_item(tok, i, hi)) {
                tok[i].item = 1;
                l.in_item = 1;
                l.last_seq = t->num;
            } else if (t->kind == T_SECTION && leader_section(t)) {
                l.last_seq = 0;
            }
            break;
        case T_ITEM:
            if (!l.in_list) break;
            /* after an item's responsibility clause a larger number opens the
             * next item even past a gap (3. … 责任单位：… / 7. …): no unit
             * name wraps onto a line of its own that opens with 7. (the
             * reader says which numbers the file lacks) */
            if (t->num == l.last_seq + 1 || t->num == 1 || (!l.in_resp && !l.in_item && t->num > l.last_seq) ||
                (l.in_resp && t->num > l.last_seq && t->rest && !(*t->rest >= '0' && *t->rest <= '9'))) {
                tok[i].item = 1;
                l.in_item = 1;
                l.in_resp = 0;
                l.last_seq = t->num;
                break;
            }
            /* FALLTHROUGH */
        case T_TEXT:
            if (l.in_item && l.in_resp && txt_find(t->body, t->blen, "。")) list_close(&l, i);
            break;
        case T_RESP:
            if (l.in_item) l.in_resp = 1;
            break;
        case T_BLANK:
        case T_FOOTER:
        case T_META:
            break;
        case T_TABLE: {     /* a header: the table the notice's tables give */
            while (tb < s->parts.n && JX_AT(s->parts, jx_seg, tb).lo < i) tb++;
            if (tb == s->parts.n || JX_AT(s->parts, jx_seg, tb).lo != i) break;
            size_t after = JX_AT(s->parts, jx_seg, tb).hi;
            l.in_item = l.in_resp = 0;
            list_close(&l, after);
            i = after - 1;
            break;
        }
        default:    /* T_PROGRESS, doc_no, date, title, 【…】, 附件, 抄送, salutation */
            list_close(&l, i);
            break;
        }
    }
    list_close(&l, hi);
}

/* The attachments of notice k: a 附件 line (附件1, 附件：…) opens one, the
 * next 附件 line, a signature or 抄送 (T_END) or the notice's end closes it. */
static void annexes(jx_segs *s, const jx_tok *tok, size_t k)
{
    const jx_seg *no = &JX_AT(s->notices, jx_seg, k);
    size_t lo = no->at, hi = no->hi;
    for (size_t i = lo; i < hi; i++) {
        if (tok[i].kind != T_ANNEX) continue;
        size_t j = i + 1;
        while (j < hi && tok[j].kind != T_ANNEX && tok[j].kind != T_END) j++;
        add(&s->parts, SEG_ANNEX, i, j, i)->notice = k;
        i = j - 1;
    }
}

static int by_lo(const void *x, const void *y)
{
    const jx_seg *a = x, *b = y;
    if (a->notice != b->notice) return a->notice < b->notice ? -1 : 1;
    if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
    return (int)a->kind - (int)b->kind;     /* LIST before the TABLE that opens it */
}

static void line_range(jx_vec *v, const jx_line *lines)
{
    for (size_t k = 0; k < v->n; k++) {
        jx_seg *s = &JX_AT(*v, jx_seg, k);
        s->first = lines[s->lo].no;
        s->last = s->hi > s->lo ? lines[s->hi - 1].no : s->first;
    }
}

void seg_doc(jx_arena *a, jx_tok *tok, const jx_line *lines, size_t n, jx_segs *s)
{
    memset(s, 0, sizeof *s);
    s->issues.size = s->notices.size = s->sections.size = s->parts.size = sizeof(jx_seg);
    for (size_t i = 0; i < n; i++) {
        tok[i].opens = (unsigned char)lex_heading(tok, i, n);
        tok[i].table = tok[i].kind == T_TABLE && opens_table(&lines[i]);
    }
    issues(s, tok, n);
    notices(s, tok, lines, n);
    sections(a, s, tok, n);
    /* an issue's masthead and contents run to its first notice or section */
    for (size_t k = 0; k < s->issues.n; k++) {
        jx_seg *m = &JX_AT(s->issues, jx_seg, k);
        if (m->kind != SEG_MASTHEAD) continue;
        for (size_t j = 0; j < s->notices.n; j++)
            if (JX_AT(s->notices, jx_seg, j).lo > m->at) { m->hi = JX_AT(s->notices, jx_seg, j).lo; break; }
        for (size_t j = 0; j < s->sections.n; j++)
            if (JX_AT(s->sections, jx_seg, j).lo > m->at && JX_AT(s->sections, jx_seg, j).lo < m->hi) {
                m->hi = JX_AT(s->sections, jx_seg, j).lo;
                break;
            }
        if (k + 1 < s->issues.n && JX_AT(s->issues, jx_seg, k + 1).lo < m->hi) m->hi = JX_AT(s->issues, jx_seg, k + 1).lo;
    }
    for (size_t k = 0; k < s->notices.n; k++) {
        size_t first = s->parts.n;
        tables(a, s, tok, lines, k);
        lists(a, s, tok, lines, k, first);
        annexes(s, tok, k);
    }
    if (s->parts.n) qsort(s->parts.p, s->parts.n, sizeof(jx_seg), by_lo);
    for (size_t j = 0, k = 0; k < s->notices.n; k++) {
        jx_seg *no = &JX_AT(s->notices, jx_seg, k);
        no->part_lo = j;
        while (j < s->parts.n && JX_AT(s->parts, jx_seg, j).notice == k) j++;
        no->part_hi = j;
    }
    line_range(&s->issues, lines);
    line_range(&s->notices, lines);
    line_range(&s->sections, lines);
    line_range(&s->parts, lines);
}

void seg_free(jx_segs *s)
{
    jx_vec_free(&s->issues);
    jx_vec_free(&s->notices);
    jx_vec_free(&s->sections);
    for (size_t k = 0; k < s->parts.n; k++) jx_vec_free(&JX_AT(s->parts, jx_seg, k).rows);
    jx_vec_free(&s->parts);
}
