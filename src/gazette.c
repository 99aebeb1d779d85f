/* gazette.c: what a gazette issue carries besides the responsibility lists:
 * 人事任免, the 发文目录, 领导分工 adjustments, citations, 咨询研究课题 tables
 * and committee membership lists. Each reader works on canonical lines and
 * keeps the line it read every row from. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

static char *sq(jx_arena *a, const char *s, size_t n) { return txt_squash_dup(a, s, n); }

static const char *const sep_dun[] = {"、", NULL};
static const char *const sep_comma[] = {"，", "；", NULL};
static const char *const sep_clause[] = {"。", "，", "；", NULL};
/* names, posts and subjects are split outside brackets: 市司法局（市行政复议局）
 * and 《…、…》 stay whole */
static const jx_splitter by_dun = {sep_dun, NULL, NULL, NULL, 1, 0},
                         by_comma = {sep_comma, NULL, NULL, NULL, 1, 0},
                         by_clause = {sep_clause, NULL, NULL, NULL, 1, 0};

/* ---- issues ---- */

/* An issue's number and date: from its masthead (第 03 期 (总第 261 期),
 * the year line above it) and its colophon (2025年第03期（总第261期）,
 * 2025年3月25日出版). Concatenated files hold several; a colophon without
 * a masthead opens an issue of its own, as does one of another number
 * after the last issue's date. */
void gz_issues(jx_arena *a, jx_doc *d, const jx_tok *tok, size_t n, const jx_segs *sg)
{
    jx_gazette *cur = NULL;
    jx_span m[3];
    long year_at = -100;
    int year_line = 0;
    size_t next = 0;
    for (size_t i = 0; i < n; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind != T_TEXT && t->kind != T_FOOTER) continue;
        const jx_seg *s = next < sg->issues.n && JX_AT(sg->issues, jx_seg, next).at == i
                        ? &JX_AT(sg->issues, jx_seg, next++) : NULL;
        if (s && s->kind == SEG_COLOPHON) {
            char *issue = sq(a, s->g[1].p, s->g[1].n);
            if (!cur || (cur->issue && strcmp(cur->issue, issue) && cur->published_on)) {
                cur = jx_vec_push(&d->gazettes);
                cur->from = i;
            }
            cur->year = atoi(s->g[0].p);
            cur->issue = issue;
            cur->total_issue = sq(a, s->g[2].p, s->g[2].n);
        } else if (s) {
            cur = jx_vec_push(&d->gazettes);
            cur->from = s->lo;
            cur->issue = sq(a, s->g[0].p, s->g[0].n);
            cur->total_issue = sq(a, s->g[1].p, s->g[1].n);
            if ((long)i - year_at <= 6) cur->year = year_line;
        } else if (txt_starts(t->body, t->blen, "嘉兴市人民政府公报")) {
            continue;   /* the masthead's name, or a running header */
        } else if (lex_match(JX_P_YEARLINE, t->body, t->blen, m, 1)) {
            year_line = atoi(m[0].p);
            year_at = (long)i;
        } else if (cur && !cur->published_on && lex_match(JX_P_PUBLISHED, t->body, t->blen, m, 3)) {
            cur->published_on = jx_sprintf(a, "%04d-%02d-%02d", atoi(m[0].p), atoi(m[1].p), atoi(m[2].p));
        }
    }
}

/* ---- 人事任免 ---- */

typedef struct {
    jx_arena *a;
    jx_doc *d;
    int year, month;
    long line;
    const char *action, *note;
    jx_vec names;           /* const char * */
} appt_ctx;

static void add_name(void *ctx, const char *s, size_t n)
{
    appt_ctx *c = ctx;
    *(const char **)jx_vec_push(&c->names) = sq(c->a, s, n);
}

static void add_post(void *ctx, const char *s, size_t n)
{
    appt_ctx *c = ctx;
    const char *post = sq(c->a, s, n);
    for (size_t i = 0; i < c->names.n; i++) {
        jx_appointment *ap = jx_vec_push(&c->d->appointments);
        ap->year = c->year;
        ap->month = c->month;
        ap->action = c->action;
        ap->person = JX_AT(c->names, const char *, i);
        ap->post = post;
        ap->note = c->note;
        ap->line = c->line;
    }
}

static void appointment(appt_ctx *c, const char *s, size_t n)
{
    jx_span g[3];
    while (n && (txt_ends(s, n, "；") || txt_ends(s, n, "。"))) n -= 3;
    c->names.n = 0;
    c->note = NULL;
    if (lex_match(JX_P_REMOVE, s, n, g, 3)) {
        c->action = "remove";
        txt_split(g[0].p, g[0].n, &by_dun, add_name, c);
        txt_split(g[2].p, g[2].n, &by_comma, add_post, c);
    } else if (lex_match(JX_P_APPOINT, s, n, g, 3)) {
        c->action = g[1].n == strlen("兼任") ? "concurrent" : "appoint";
        const char *post = g[2].p;
        size_t plen = g[2].n;
        /* a closing （试用期一年） / （挂职一年） is a note, not part of the post */
        if (txt_ends(post, plen, "）")) {
            size_t open = plen;
            while (open >= 3 && memcmp(post + open - 3, "（", 3)) open--;
            if (open >= 3) {
                const char *inner = post + open;
                size_t ilen = plen - open - 3;
                if (txt_find(inner, ilen, "试用期") || txt_find(inner, ilen, "挂职") || txt_find(inner, ilen, "聘期")) {
                    c->note = sq(c->a, inner, ilen);
                    plen = open - 3;
                }
            }
        }
        txt_split(g[0].p, g[0].n, &by_dun, add_name, c);
        txt_split(post, plen, &by_comma, add_post, c);
    } else {
        jx_msg(c->d->path, c->line, "warning: 人事任免 entry not understood: %.*s", (int)n, s);
        c->d->warnings++;
    }
}

static void read_appointments(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_seg *sp)
{
    appt_ctx c = {a, d, 0, 0, 0, NULL, NULL, JX_VEC(const char *)};
    jx_span g[2];
    jx_buf entry = {0}, head = {0};
    for (size_t i = sp->lo; i < sp->at; i++) jx_buf_put(&head, tok[i].body, tok[i].blen);
    if (lex_match(JX_P_MONTH, head.p, head.len, g, 2)) {
        c.year = atoi(g[0].p);
        c.month = atoi(g[1].p);
    }
    jx_buf_free(&head);
    for (size_t i = sp->at; i < sp->hi; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind == T_BLANK || t->kind == T_FOOTER) continue;
        if (txt_ends(t->body, t->blen, "：")) continue;  /* 任命： / 决定免去： headings; entries end in ；。 */
        if (!entry.len) c.line = d->text.lines[i].no;
        jx_buf_put(&entry, t->body, t->blen);
        if (txt_ends(entry.p, entry.len, "；") || txt_ends(entry.p, entry.len, "。")) {
            char *e = sq(a, entry.p, entry.len);
            appointment(&c, e, strlen(e));
            jx_buf_clear(&entry);
        }
    }
    if (entry.len) {
        char *e = sq(a, entry.p, entry.len);
        appointment(&c, e, strlen(e));
    }
    jx_buf_free(&entry);
    jx_vec_free(&c.names);
}

/* ---- 发文目录 ---- */

static void read_catalog(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_seg *sp)
{
    for (size_t i = sp->at; i < sp->hi; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind != T_TABLE) continue;   /* blank lines and page furniture */
        const char *s = d->text.lines[i].text;
        size_t len = d->text.lines[i].len;
        while (len && *s == '\t') { s++; len--; }
        const char *tab = memchr(s, '\t', len);
        if (!tab) continue;
        size_t b, e, plen;
        const char *prefix;
        int year;
        long num;
        if (!lex_find_docno(s, (size_t)(tab - s), &b, &e, &prefix, &plen, &year, &num)) continue;
        jx_catalog *c = jx_vec_push(&d->catalog);
        for (size_t g = 0; g < d->gazettes.n; g++) {   /* the issue the list stands in */
            const jx_gazette *gz = &JX_AT(d->gazettes, jx_gazette, g);
            if (gz->from <= i) { c->year = gz->year; c->issue = gz->issue; }
        }
        c->doc_no = txt_docno(a, prefix, plen, year, num);
        c->title = sq(a, tab + 1, len - (size_t)(tab + 1 - s));
        c->line = d->text.lines[i].no;
        for (size_t k = 0; k < d->notices.n; k++) {
            const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
            if (no->doc_no && !strcmp(no->doc_no, c->doc_no) && strcmp(no->title, c->title)) {
                jx_msg(d->path, c->line, "warning: catalog title of %s differs from the title of its body (line %ld)",
                       c->doc_no, no->line);
                d->warnings++;
            }
        }
    }
}

/* ---- 领导分工 ---- */

typedef struct {
    jx_arena *a;
    jx_doc *d;
    size_t notice;
    const char *leader, *title, *action, *relation;
    long line;
} duty_ctx;

static void add_subject(void *ctx, const char *s, size_t n)
{
    duty_ctx *c = ctx;
    jx_duty *du = jx_vec_push(&c->d->duties);
    du->notice = c->notice;
    du->leader = c->leader;
    du->title = c->title;
    du->action = c->action;
    du->relation = c->relation;
    du->subject = sq(c->a, s, n);
    du->line = c->line;
}

static void duty_clause(void *ctx, const char *s, size_t n)
{
    duty_ctx *c = ctx;
    static const char *const rel_words[][2] = {
        {"负责", "responsible"}, {"分管", "supervises"}, {"联系", "liaises"}};
    if (txt_starts(s, n, "在原分管工作基础上")) return;
    if (txt_starts(s, n, "增加")) { c->action = "add"; s += 6; n -= 6; }
    else if (txt_starts(s, n, "减少")) { c->action = "remove"; s += 6; n -= 6; }
    for (int k = 0; k < 3; k++) {
        if (!txt_starts(s, n, rel_words[k][0])) continue;
        c->relation = rel_words[k][1];
        s += 6;
        n -= 6;
        static const char *const tails[] = {"等方面工作", "方面工作", "等工作", "工作", NULL};
        if (k == 0)
            for (int t = 0; tails[t]; t++)
                if (txt_ends(s, n, tails[t])) { n -= strlen(tails[t]); break; }
        txt_split(s, n, &by_dun, add_subject, c);
        return;
    }
    jx_msg(c->d->path, c->line, "warning: 分工 clause not understood: %.*s", (int)n, s);
    c->d->warnings++;
}

static void duty_paragraph(duty_ctx *c, const char *s, size_t n)
{
    jx_span g[3];
    if (!lex_match(JX_P_LEADERPARA, s, n, g, 3)) return;
    c->leader = sq(c->a, g[0].p, g[0].n);
    c->title = g[1].n == strlen("常务副市长") ? "常务副市长" : g[1].n == strlen("副市长") ? "副市长" : "市长";
    int changes = txt_find(g[2].p, g[2].n, "增加") || txt_find(g[2].p, g[2].n, "减少");
    c->action = changes ? "add" : "set";
    txt_split(g[2].p, g[2].n, &by_clause, duty_clause, c);
}

static void read_duties(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_seg *sp, size_t k)
{
    duty_ctx c = {a, d, k, NULL, NULL, NULL, NULL, 0};
    jx_buf para = {0};
    for (size_t i = sp->at; i <= sp->hi; i++) {
        const jx_tok *t = i < sp->hi ? &tok[i] : NULL;
        if (t && (t->kind == T_BLANK || t->kind == T_FOOTER)) continue;
        int stop = !t || t->kind == T_END || t->kind == T_DATE;
        jx_span g[3];
        int opens = t && lex_match(JX_P_LEADERPARA, t->body, t->blen, g, 3);
        if ((stop || opens || (t && txt_starts(t->body, t->blen, "其他"))) && para.len) {
            char *p = sq(a, para.p, para.len);
            duty_paragraph(&c, p, strlen(p));
            jx_buf_clear(&para);
        }
        if (stop) break;
        if (opens) c.line = d->text.lines[i].no;
        if (opens || para.len) jx_buf_put(&para, t->body, t->blen);
    }
    jx_buf_free(&para);
}

/* ---- committee lists ---- */

static const char *const role_words[] = {"主任", "委员", "秘书长", "组长", "成员", "主席", NULL};

static void member_line(jx_arena *a, jx_doc *d, size_t k, const char *role, const char *s,
                        size_t n, long line)
{
    /* name tokens are separated by spaces; a name printed with an inner
     * space (马 蕾) has single-character tokens */
    const char *p = s, *e = s + n;
    jx_buf name = {0};
    size_t chars = 0;
    while (p < e && chars < 2) {
        while (p < e && *p == ' ') p++;
        const char *q = p;
        while (q < e && *q != ' ' && !txt_starts(q, (size_t)(e - q), "（")) q++;
        if (q == p) break;
        jx_buf_put(&name, p, (size_t)(q - p));
        chars += txt_chars(p, (size_t)(q - p));
        p = q;
        if (p < e && txt_starts(p, (size_t)(e - p), "（")) break;
    }
    if (name.len) {
        jx_member *m = jx_vec_push(&d->members);
        m->notice = k;
        m->role = role;
        m->person = sq(a, name.p, name.len);
        while (p < e && *p == ' ') p++;
        m->affiliation = p < e ? sq(a, p, (size_t)(e - p)) : NULL;
        m->line = line;
    }
    jx_buf_free(&name);
}

static void read_members(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_seg *sp, size_t k)
{
    const char *role = NULL;
    for (size_t i = sp->at; i < sp->hi; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind == T_BLANK || t->kind == T_FOOTER) continue;
        if (t->kind == T_END || t->kind == T_DATE) break;
        jx_span g[2];
        const char *s = t->body;
        size_t n = t->blen;
        if (lex_match(JX_P_ROLE, s, n, g, 2)) {
            char *r = sq(a, g[0].p, g[0].n);
            int is_role = 0;
            for (int w = 0; role_words[w]; w++) is_role |= txt_ends(r, strlen(r), role_words[w]);
            if (is_role && strlen(r) <= 5 * 3) {
                role = r;
                s = g[1].p;
                n = g[1].n;
            }
        }
        if (role && n) member_line(a, d, k, role, s, n, d->text.lines[i].no);
    }
}

/* ---- 咨询研究课题 ---- */

/* The notice's tables, as segmentation rebuilt them. */
static void read_topics(jx_doc *d, const jx_segs *sg, const jx_seg *sp, size_t k)
{
    const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    jx_span g[1];
    int year = lex_match(JX_P_YEARDU, no->title, strlen(no->title), g, 1) ? atoi(g[0].p) : no->year;
    for (size_t i = sp->part_lo; i < sp->part_hi; i++) {
        const jx_seg *tb = &JX_AT(sg->parts, jx_seg, i);
        if (tb->kind != SEG_TABLE) continue;
        const jx_vec rows = tb->rows;
        long seqcol = -1, titlecol = -1;
        for (size_t r = 0; r < rows.n; r++) {
            const jx_row *row = &JX_AT(rows, jx_row, r);
            for (size_t c = 0; c < row->n && seqcol < 0; c++)
                if (!strcmp(row->cells[c].text, "序号")) {
                    seqcol = (long)c;
                    for (size_t t = 0; t < row->n; t++)
                        if (txt_find(row->cells[t].text, strlen(row->cells[t].text), "题目") ||
                            txt_find(row->cells[t].text, strlen(row->cells[t].text), "课题"))
                            titlecol = (long)t;
                }
            if (seqcol < 0 || titlecol < 0 || (size_t)titlecol >= row->n || (size_t)seqcol >= row->n)
                continue;
            char *end;
            long seq = strtol(row->cells[seqcol].text, &end, 10);
            if (*end || end == row->cells[seqcol].text) continue;
            jx_topic *tp = jx_vec_push(&d->topics);
            tp->notice = k;
            tp->year = year;
            tp->seq = seq;
            tp->title = row->cells[titlecol].text;
            tp->line = row->line;
        }
    }
}

/* ---- citations ---- */

/* Citations in one paragraph (lines joined: a PDF wrap can fall inside a
 * title or a doc_no). at[] maps paragraph offsets back to source lines. */
typedef struct { size_t off; long line; } line_at;

static void cite_paragraph(jx_arena *a, jx_doc *d, size_t k, const char *s, size_t n,
                           const line_at *at, size_t nat)
{
    const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    size_t off = 0, li = 0;
    while (off < n) {
        size_t b, e, plen;
        const char *prefix;
        int year;
        long num;
        if (!lex_find_docno(s + off, n - off, &b, &e, &prefix, &plen, &year, &num)) break;
        const char *doc = txt_docno(a, prefix, plen, year, num);
        size_t pos = off + b;
        off += e;
        if (no->doc_no && !strcmp(doc, no->doc_no)) continue;
        /* 《title》（doc_no）: the title printed right before it */
        const char *title = NULL;
        size_t p = pos;
        if (p >= 3 && !memcmp(s + p - 3, "（", 3)) p -= 3;
        if (p >= 3 && !memcmp(s + p - 3, "》", 3)) {
            size_t q = p - 3, floor = q > 600 ? q - 600 : 0;    /* titles are short */
            int depth = 1;
            while (q > floor && depth) {
                q--;
                if (q + 3 <= p - 3 && !memcmp(s + q, "《", 3)) depth--;
                else if (q + 3 <= p - 3 && !memcmp(s + q, "》", 3)) depth++;
            }
            if (!depth) title = sq(a, s + q + 3, p - 3 - (q + 3));
        }
        while (li + 1 < nat && at[li + 1].off <= pos) li++;
        jx_reference *r = jx_vec_push(&d->references);
        r->notice = k;
        r->cited_doc_no = doc;
        r->cited_title = title;
        r->line = at[li].line;
    }
}

static void read_references(jx_arena *a, jx_doc *d, const jx_tok *tok, size_t lo, size_t hi, size_t k)
{
    jx_buf para = {0};
    jx_vec at = JX_VEC(line_at);
    for (size_t i = lo; i <= hi; i++) {
        const jx_tok *t = i < hi ? &tok[i] : NULL;
        if (t && t->kind == T_FOOTER) continue;     /* a page break inside a paragraph */
        if (!t || t->kind == T_BLANK || t->kind == T_TABLE || t->kind == T_DOCNO) {
            if (para.len) cite_paragraph(a, d, k, para.p, para.len, at.p, at.n);
            jx_buf_clear(&para);
            at.n = 0;
            continue;
        }
        line_at *m = jx_vec_push(&at);
        m->off = para.len;
        m->line = d->text.lines[i].no;
        jx_buf_put(&para, t->body, t->blen);
    }
    jx_buf_free(&para);
    jx_vec_free(&at);
}

/* The notice a 解读 explains: the one whose title it names, else the first
 * doc_no its text prints. */
static long jiedu_notice(const jx_doc *d, const jx_tok *tok, const char *title, size_t at, size_t end)
{
    jx_arena a = {0};
    long found = -1;
    for (size_t k = 0; k < d->notices.n && found < 0; k++)
        if (JX_AT(d->notices, jx_notice, k).title && !strcmp(JX_AT(d->notices, jx_notice, k).title, title))
            found = (long)k;
    for (size_t i = at + 1; i < end && found < 0; i++) {
        size_t b, e, plen;
        const char *prefix;
        int year;
        long num;
        if (!lex_find_docno(tok[i].body, tok[i].blen, &b, &e, &prefix, &plen, &year, &num)) continue;
        char *doc = txt_docno(&a, prefix, plen, year, num);
        for (size_t k = 0; k < d->notices.n; k++) {
            const char *dn = JX_AT(d->notices, jx_notice, k).doc_no;
            if (dn && !strcmp(dn, doc)) found = (long)k;
        }
        break;
    }
    jx_arena_free(&a);
    return found;
}

void gz_extract(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_segs *sg)
{
    for (size_t k = 0; k < d->notices.n; k++) {
        const jx_notice *no = &JX_AT(d->notices, jx_notice, k);
        const jx_seg *sp = &JX_AT(sg->notices, jx_seg, k);
        if (!no->title) {   /* an untitled fragment: a list, nothing else to read */
            read_references(a, d, tok, sp->at, sp->hi, k);
            continue;
        }
        size_t tl = strlen(no->title);
        if (txt_find(no->title, tl, "领导分工")) read_duties(a, d, tok, sp, k);
        if (txt_find(no->title, tl, "组成人员") || txt_find(no->title, tl, "成员名单")) read_members(a, d, tok, sp, k);
        if (txt_find(no->title, tl, "课题计划")) read_topics(d, sg, sp, k);
        read_references(a, d, tok, sp->at, sp->hi, k);
    }
    for (size_t s = 0; s < sg->sections.n; s++) {
        const jx_seg *sp = &JX_AT(sg->sections, jx_seg, s);
        if (sp->kind == SEG_APPOINT) read_appointments(a, d, tok, sp);
        else if (sp->kind == SEG_CATALOG) read_catalog(a, d, tok, sp);
        else if (sp->kind == SEG_JIEDU) {
            long k = jiedu_notice(d, tok, sp->title, sp->at, sp->hi);
            if (k >= 0) read_references(a, d, tok, sp->at, sp->hi, (size_t)k);
            else {
                jx_msg(d->path, sp->first, "warning: 解读 of a document not in this file");
                d->warnings++;
            }
        }
    }
    /* A notice the issue prints without its 文号 has the one of the 发文目录
     * entry printing its title; when entries of two doc_nos print it, or
     * another notice of the file prints that doc_no, the list does not say. */
    for (size_t k = 0; k < d->notices.n; k++) {
        jx_notice *no = &JX_AT(d->notices, jx_notice, k);
        if (no->doc_no || !no->title) continue;
        const char *found = NULL;
        for (size_t c = 0; c < d->catalog.n; c++) {
            const jx_catalog *e = &JX_AT(d->catalog, jx_catalog, c);
            if (strcmp(e->title, no->title)) continue;
            if (found && strcmp(found, e->doc_no)) {
                found = NULL;
                break;
            }
            found = e->doc_no;
        }
        for (size_t j = 0; found && j < d->notices.n; j++) {
            const char *other = JX_AT(d->notices, jx_notice, j).doc_no;
            if (other && !strcmp(other, found)) found = NULL;
        }
        no->doc_no = found;
    }
}
