/* parse.c: tokens -> document model (gazette issue, notices, tasks).
 *
 * Wrapped text is joined here because only here is it known whether the next
 * line continues an item, its responsibility clause, or neither. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SEC_LEADERS 4

typedef struct {
    jx_arena *a;
    jx_doc *d;
    jx_tok *tok;
    size_t n;
    const char *file;
    jx_segs *seg;

    /* the list being read */
    int in_list;
    const char *kind;
    int year;
    int section;
    const char *category;
    jx_leader sec_leader[MAX_SEC_LEADERS];     /* the section's: 赵六常务副市长、钱七副市长牵头 */
    int nsec;
    jx_vec known_leaders;       /* jx_leader seen in section headings */
    jx_index known_at;          /* known_leaders by the hash of the name */
    size_t cur;                 /* the token being read */
    size_t list_part, table_part, part_hi;  /* the notice's next list and table (seg->parts) */
    size_t list_from;           /* token index of the list's heading */
    size_t list_task;           /* index in doc.tasks of the list's first task */
    unsigned char *listed;      /* per token: 1 when it belongs to a list */
    long progress_line;         /* first 进展/完成/执行情况 heading, 0 if none */
    int named_item;             /* the item is a heading; its paragraph follows a ： */

    /* the item being read */
    int in_item, in_resp;
    long seq, item_line, resp_line;
    size_t item_tok;            /* token index of the item's first line */
    jx_buf text, resp;
    size_t notice;
} parser;

/* ---- notices ---- */

static long line_no(const parser *p, size_t i) { return p->d->text.lines[i].no; }

/* ---- lists, sections, items ---- */

/* "颜海荣常务副市长" -> name + title (lex_leader); 0 when the text names no leader. */
static int split_leader(jx_arena *a, const char *s, size_t n, jx_leader *out)
{
    const char *title;
    size_t nl = lex_leader(s, n, &title);
    if (!nl) return 0;
    out->name = jx_strndup(a, s, nl);
    out->title = title;
    out->line = 0;
    return 1;
}

/* The leaders s[0..n) names, 、 between them (赵六常务副市长、钱七副市长),
 * into out[0..max); their count, 0 when the first names none. */
static int split_leaders(jx_arena *a, const char *s, size_t n, jx_leader *out, int max)
{
    int k = 0;
    for (const char *q = s, *end = s + n; q < end && k < max;) {
        const char *sep = txt_find(q, (size_t)(end - q), "、");
        const char *stop = sep ? sep : end;
        if (!split_leader(a, q, (size_t)(stop - q), &out[k])) break;
        k++;
        q = sep ? sep + 3 : end;
    }
    return k;
}

static size_t name_hash(const char *name, size_t n) { return jx_hash(name, n, JX_HASH_SEED); }

static const char *leader_title_of(parser *p, const char *name)
{
    size_t pos = 0;
    for (size_t i; (i = jx_index_next(&p->known_at, name_hash(name, strlen(name)), &pos)) != JX_NONE;) {
        jx_leader *l = &JX_AT(p->known_leaders, jx_leader, i);
        if (!strcmp(l->name, name)) return l->title;
    }
    return NULL;
}

/* Records the title a notice gives a name (the first it gives). */
static void know_leader(parser *p, const jx_leader *l)
{
    if (leader_title_of(p, l->name)) return;
    jx_index_add(&p->known_at, name_hash(l->name, strlen(l->name)), p->known_leaders.n);
    *(jx_leader *)jx_vec_push(&p->known_leaders) = *l;
}

static void add_leader(jx_vec *v, const char *name, const char *title, long line)
{
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(JX_AT(*v, jx_leader, i).name, name)) return;
    jx_leader *l = jx_vec_push(v);
    l->name = name;
    l->title = title;
    l->line = line;
}

/* The line of the item being finished that holds lit (a note wrapped
 * mid-phrase is credited to the item's first line). */
static long item_line_of(const parser *p, const char *lit)
{
    for (size_t i = p->item_tok; i < p->cur && i < p->n; i++)
        if (txt_find(p->tok[i].body, p->tok[i].blen, lit)) return line_no(p, i);
    return p->item_line;
}

/* Removes s[from, to) from a NUL-terminated arena string in place. */
static void cut_out(char *s, size_t from, size_t to)
{
    memmove(s + from, s + to, strlen(s + to) + 1);
}

/* One task of the current list: prose items and table rows both end here.
 * leaders may be NULL; resp is the responsibility text, reported at resp_line.
 * Units are read against the tables of the notice's own government. */
static void add_task(parser *p, long seq, int sub_seq, const char *text, const char *category,
                     const jx_vec *leaders, const char *resp, long line, long resp_line)
{
    jx_task *t = jx_vec_push(&p->d->tasks);
    t->notice = p->notice;
    t->kind = p->kind;
    t->year = p->year;
    t->category = category && *category ? category : NULL;
    t->section = p->section;
    t->seq = seq;
    t->sub_seq = sub_seq;
    t->text = text;
    t->line = line;
    t->nleaders = leaders ? leaders->n : 0;
    t->leaders = jx_alloc(p->a, (t->nleaders ? t->nleaders : 1) * sizeof *t->leaders);
    if (t->nleaders) memcpy(t->leaders, leaders->p, t->nleaders * sizeof *t->leaders);
    const char *gov = JX_AT(p->d->notices, jx_notice, p->notice).government;
    t->nunits = dep_split_gov(p->a, gov, resp ? resp : "", &t->units, p->file, resp_line, &p->d->warnings);
    if (!t->nunits) {
        jx_msg(p->file, line, "warning: item %ld has no responsible unit", seq);
        p->d->warnings++;
    }
}

/* The fields of a responsibility clause (jx_fields), in any order and on
 * one line or several: 责任领导：A；责任单位：B；配合单位：C. Leaders are
 * fields of their own; members (配合单位, 协同单位 …) always end the unit
 * list before them and follow it as members. */
static int field_at(const char *s, size_t n, size_t *klen)
{
    int k = lex_field(s, n);
    if (k >= 0) *klen = jx_fields[k].len;
    return k;
}

/* A leader field's value [*q, *stop) as the names it holds: 按《市委工作要点》
 * 分工（蒋永根、俞福才） is a note saying how the leaders were chosen, the
 * leaders in its brackets (a name is four characters at most, so
 * 张三（副市长） keeps its name). */
static void leader_value(const char **q, const char **stop)
{
    const char *open = txt_find(*q, (size_t)(*stop - *q), "（");
    if (open && open - *q > 4 * 3 && txt_ends(*q, (size_t)(*stop - *q), "）") &&
        !txt_find(open + 3, (size_t)(*stop - open) - 6, "（")) {
        *q = open + 3;
        *stop -= 3;
    }
}

/* The length of the name at q, up to the next 、，；。 before stop. */
static size_t leader_piece(const char *q, const char *stop)
{
    size_t k = 0;
    while (q + k < stop && !txt_starts(q + k, (size_t)(stop - q - k), "、") &&
           !txt_starts(q + k, (size_t)(stop - q - k), "，") &&
           !txt_starts(q + k, (size_t)(stop - q - k), "；") &&
           !txt_starts(q + k, (size_t)(stop - q - k), "。"))
        k++;
    return k;
}

/* Reads leader names (戴锋、周连昆 / 王某副市长) into leaders. */
static void read_leaders(parser *p, const char *q, const char *stop, jx_vec *leaders)
{
    leader_value(&q, &stop);
    while (q < stop) {
        size_t k = leader_piece(q, stop);
        if (k) {
            jx_leader l;
            if (split_leader(p->a, q, k, &l) && l.name[0]) {
                add_leader(leaders, l.name, l.title, p->resp_line);
            } else if (lex_title_only(q, k)) {
                /* 牵头领导：市长，副市长 names offices, not persons: who holds
                 * them is not printed, and is not guessed */
                jx_msg(p->file, p->item_line, "warning: leader field names a title with no name (\"%.*s\"): no leader recorded",
                       (int)k, q);
                p->d->warnings++;
            } else {
                const char *name = jx_strndup(p->a, q, k);
                const char *title = leader_title_of(p, name);
                if (!title) {
                    jx_msg(p->file, p->resp_line, "warning: leader \"%s\" has no title in this notice", name);
                    p->d->warnings++;
                }
                add_leader(leaders, name, title, p->resp_line);
            }
        }
        q += k;
        if (q < stop) q += 3;
    }
}

/* The next field key of s[from..n) outside brackets: its index, where it
 * starts (*at) and its length (*klen); -1 when there is none. Keys end in ：,
 * so only the colons are looked at. */
static int next_field(const char *s, size_t n, size_t from, size_t *at, size_t *klen)
{
    for (const char *c = s + from; (c = txt_find(c, n - (size_t)(c - s), "：")); c += 3) {
        size_t end = (size_t)(c - s) + 3;
        for (int k = 0; jx_fields[k].key; k++) {
            size_t kl = jx_fields[k].len;
            if (end < from + kl || memcmp(s + end - kl, jx_fields[k].key, kl)) continue;
            int depth = 0;
            for (size_t i = from; i + kl < end; i++) {
                if (txt_starts(s + i, n - i, "（")) depth++;
                else if (txt_starts(s + i, n - i, "）") && depth) depth--;
            }
            if (depth) break;
            *at = end - kl;
            *klen = kl;
            return k;
        }
    }
    return -1;
}

/* Splits resp (which starts with a field, or is a bare unit list) into
 * leaders and the unit list; returns the unit list. */
static const char *read_fields(parser *p, const char *resp, jx_vec *leaders)
{
    size_t n = strlen(resp), kl, at;
    if (field_at(resp, n, &kl) < 0) return resp;
    jx_buf units = {0}, helpers = {0};
    int f = field_at(resp, n, &kl);
    size_t i = 0;
    /* [牵头单位：A、B；责任单位：C], 牵头责任单位：A；协同责任单位：B: every
     * unit of a field of leads leads (alone too: 牵头单位：A、B marks both),
     * and the other units are members */
    int leads = 0, others = 0, led = 0, k2;
    for (size_t from = 0, at2, kl2; (k2 = next_field(resp, n, from, &at2, &kl2)) >= 0; from = at2 + kl2) {
        int r = jx_fields[k2].role;
        leads |= r == JX_F_LEAD;
        others |= r == JX_F_UNIT || r == JX_F_MEMBER;
    }
    int lead_field = leads;
    while (f >= 0) {
        size_t v = i + kl, e = n, nkl = 0;
        int nf = next_field(resp, n, v, &at, &nkl);    /* the value runs to the next field */
        if (nf >= 0) e = at;
        size_t ve = e;
        while (ve > v && (txt_ends(resp + v, ve - v, "；") || txt_ends(resp + v, ve - v, "，") ||
                          txt_ends(resp + v, ve - v, "。")))
            ve -= 3;
        int role = jx_fields[f].role;
        if (role == JX_F_LEADER) read_leaders(p, resp + v, resp + ve, leaders);
        else {
            int lead = lead_field ? role == JX_F_LEAD : role != JX_F_MEMBER;
            if (lead_field && lead && ve > v) led = 1;
            jx_buf *b = lead ? &units : &helpers;
            if (b->len && ve > v) jx_buf_puts(b, "、");
            jx_buf_put(b, resp + v, ve - v);
        }
        f = nf;
        i = e;
        kl = nkl;
    }
    if (helpers.len) {
        /* the label makes every unit before it lead (depts.c) */
        if (units.len) jx_buf_puts(&units, led ? "；配合单位：" : "、");
        jx_buf_put(&units, helpers.p, helpers.len);
    } else if (led) {
        jx_buf_puts(&units, "；配合单位：");     /* and so with no unit after it */
    }
    const char *out = jx_strndup(p->a, units.p ? units.p : "", units.len);
    jx_buf_free(&units);
    jx_buf_free(&helpers);
    return out;
}

static void finish_item(parser *p)
{
    if (!p->in_item) return;
    p->in_item = 0;
    p->in_resp = 0;
    p->named_item = 0;
    jx_arena *a = p->a;
    char *text = txt_squash_dup(a, p->text.p ? p->text.p : "", p->text.len);
    char *resp = txt_squash_dup(a, p->resp.p ? p->resp.p : "", p->resp.len);
    jx_vec leaders = JX_VEC(jx_leader);
    for (int k = 0; k < p->nsec; k++)
        add_leader(&leaders, p->sec_leader[k].name, p->sec_leader[k].title, p->sec_leader[k].line);

    /* Inline clause: …以上。（责任单位：市发展改革委）, possibly followed by
     * page-break debris that repeats its tail (委）). */
    size_t tl = strlen(text);
    const char *open = txt_rfind(text, tl, "（责任单位：");
    if (!open) open = txt_rfind(text, tl, "（牵头单位：");
    if (!*resp && open) {
        int lead_label = txt_starts(open, (size_t)(text + tl - open), "（牵头单位：");
        const char *body = open + strlen("（责任单位：");
        /* the clause's own closing bracket: units carry brackets of their
         * own (各县（市、区）政府, 市卫生健康委（市计生协会）) */
        const char *close = NULL;
        int depth = 0;
        for (const char *q = body; q < text + tl; q++) {
            if (txt_starts(q, (size_t)(text + tl - q), "（")) depth++;
            else if (txt_starts(q, (size_t)(text + tl - q), "）") && depth-- == 0) { close = q; break; }
        }
        jx_buf r = {0};
        jx_buf_puts(&r, lead_label ? "牵头单位：" : "责任单位：");
        if (close) {
            jx_buf_put(&r, body, (size_t)(close - body));
            const char *tail = close + 3;
            const char *tail2 = txt_find(tail, strlen(tail), "）");
            if (tail2 && tail2 - tail <= 12) jx_buf_put(&r, tail, (size_t)(tail2 - tail));
        } else {
            jx_buf_puts(&r, body);
        }
        resp = jx_strndup(a, r.p ? r.p : "", r.len);
        jx_buf_free(&r);
        text[open - text] = 0;
    } else if (!*resp) {
        /* A clause inline without brackets: …。责任领导：A；责任单位：B */
        size_t kl, at;
        if (next_field(text, tl, 0, &at, &kl) >= 0 && at > 0) {
            resp = jx_strdup(a, text + at);
            text[at] = 0;
            /* …治疗。[牵头单位：…]: the bracket opened the clause */
            if (at >= 1 && text[at - 1] == '[') text[at - 1] = 0;
            else if (at >= 3 && (txt_ends(text, at, "【") || txt_ends(text, at, "［"))) text[at - 3] = 0;
        }
    } else {
        /* The clause began on the item line and was repeated whole on the
         * next: drop the dangling （责 / （责任 … */
        static const char *const stubs[] = {"（责任单位：", "（责任单位", "（责任单", "（责任", "（责", "（", NULL};
        for (int k = 0; stubs[k]; k++) {
            size_t n = strlen(text);
            if (txt_ends(text, n, stubs[k])) { text[n - strlen(stubs[k])] = 0; break; }
        }
    }
    /* （此项工作由颜海荣常务副市长、黄亮副市长共同牵头） */
    tl = strlen(text);
    const char *note = txt_find(text, tl, "（此项工作由");
    if (note) {
        const char *body = note + strlen("（此项工作由");
        const char *endp = txt_find(body, tl - (size_t)(body - text), "共同牵头）");
        if (endp) {
            long at = item_line_of(p, "共同牵头");
            const char *q = body;
            while (q < endp) {
                const char *sep = txt_find(q, (size_t)(endp - q), "、");
                const char *stop = sep ? sep : endp;
                jx_leader l;
                if (split_leader(a, q, (size_t)(stop - q), &l)) add_leader(&leaders, l.name, l.title, at);
                q = sep ? sep + 3 : endp;
            }
            cut_out(text, (size_t)(note - text), (size_t)(endp - text) + strlen("共同牵头）"));
        }
    }
    const char *units = read_fields(p, resp, &leaders);
    add_task(p, p->seq, 0, text, p->category, &leaders, units, p->item_line, p->resp_line);
    jx_vec_free(&leaders);
}

static void close_list(parser *p, size_t to);

static void start_list(parser *p, const jx_tok *t, int notice_year)
{
    const char *s = t->body;
    size_t n = t->blen;
    jx_span g[1];
    finish_item(p);
    if (p->in_list) close_list(p, p->cur);
    p->in_list = 1;
    p->kind = lex_match(JX_P_PERIOD, s, n, g, 0) ? "period"
            : txt_find(s, n, "民生") ? "livelihood"
            : txt_find(s, n, "专项行动") ? "special_action" : "key_work";
    jx_span y[1];     /* 2025 年政府工作报告… / …2026年度…: the list's own year */
    p->year = lex_match(JX_P_YEARNIAN, s, n, y, 1) ? atoi(y[0].p) : notice_year;
    p->section = 0;
    p->category = NULL;
    p->nsec = 0;
    p->list_from = p->cur;
    p->list_task = p->d->tasks.n;
}

static size_t task_key(const jx_task *t)
{
    size_t h = jx_hash(t->text, strlen(t->text), JX_HASH_SEED);
    for (size_t k = 0; k < t->nunits; k++) {
        h = jx_hash(t->units[k].department, strlen(t->units[k].department), h ^ 0x1f);
        h = jx_hash(t->units[k].lead ? "+" : "-", 1, h);
    }
    return h;
}

static int same_project(const jx_task *a, const jx_task *b)
{
    if (strcmp(a->text, b->text) || a->nunits != b->nunits) return 0;
    for (size_t k = 0; k < a->nunits; k++)
        if (strcmp(a->units[k].department, b->units[k].department) || !a->units[k].lead != !b->units[k].lead)
            return 0;
    return 1;
}

/* A co-led project: a list that gives each leader a section prints a
 * project two leaders share under both, word for word and with the same
 * units. Such a printing is the first one's task with one more leader (it
 * keeps the position of its first printing). One pass with a hash of text
 * and units over the list's tasks, then the list is compacted. */
static void merge_coled(parser *p)
{
    jx_vec *v = &p->d->tasks;
    size_t from = p->list_task, n = v->n - from;
    if (n < 2) return;
    jx_index seen = {0};        /* the first printing of each project kept so far */
    size_t out = from;
    for (size_t i = from; i < v->n; i++) {
        jx_task *t = &JX_AT(*v, jx_task, i);
        size_t h = task_key(t), pos = 0;
        jx_task *first = NULL;
        for (size_t e; !first && (e = jx_index_next(&seen, h, &pos)) != JX_NONE;)
            if (same_project(&JX_AT(*v, jx_task, e), t)) first = &JX_AT(*v, jx_task, e);
        if (first && first->section != t->section && first->nleaders && t->nleaders) {
            jx_leader *l = jx_alloc(p->a, (first->nleaders + t->nleaders) * sizeof *l);
            size_t m = first->nleaders;
            memcpy(l, first->leaders, m * sizeof *l);
            for (size_t k = 0; k < t->nleaders; k++) {
                size_t j = 0;
                while (j < m && strcmp(l[j].name, t->leaders[k].name)) j++;
                if (j == m) l[m++] = t->leaders[k];
            }
            first->leaders = l;
            first->nleaders = m;
            continue;
        }
        if (!first) jx_index_add(&seen, h, out);
        if (out != i) JX_AT(*v, jx_task, out) = *t;
        out++;
    }
    v->n = out;
    jx_index_free(&seen);
}

/* Ends the list being read at token `to`: its tokens are list, not prose. */
static void close_list(parser *p, size_t to)
{
    for (size_t i = p->list_from; i < to && i < p->n; i++) p->listed[i] = 1;
    merge_coled(p);
    p->in_list = 0;
}

static void end_list(parser *p)
{
    finish_item(p);
    if (p->in_list) close_list(p, p->cur);
}


/* ---- tables: the rows table.c reads become tasks ----*/

/* A 责任领导 / 牵头市领导 cell: names split on 、，； or spaces, each with the
 * title printed after it (颜海荣常务副市长) or, failing that, the one the
 * notice's section headings give the name. */
static void table_leaders(parser *p, const char *s, long line, jx_vec *out)
{
    size_t n = strlen(s);
    for (size_t q = 0; q < n;) {
        size_t k = 0;
        while (q + k < n && !txt_starts(s + q + k, n - q - k, "、") && !txt_starts(s + q + k, n - q - k, "，") &&
               !txt_starts(s + q + k, n - q - k, "；") && s[q + k] != ' ')
            k++;
        if (k && lex_title_only(s + q, k)) {    /* an office, not a person: as in read_leaders */
            jx_msg(p->file, line, "warning: leader field names a title with no name (\"%.*s\"): no leader recorded",
                   (int)k, s + q);
            p->d->warnings++;
        } else if (k) {
            jx_leader l;
            if (!split_leader(p->a, s + q, k, &l)) {
                l.name = jx_strndup(p->a, s + q, k);
                l.title = leader_title_of(p, l.name);
                if (!l.title) {
                    jx_msg(p->file, line, "warning: leader \"%s\" has no title in this notice", l.name);
                    p->d->warnings++;
                }
            }
            add_leader(out, l.name, l.title, line);
        }
        q += k;
        if (q < n) q += s[q] == ' ' ? 1 : 3;
    }
}

/* The units of a 配合单位 column join the task as members; beside them
 * every unit of a 牵头单位 column leads. */
static void table_members(parser *p, int lead_column, const char *s, long line)
{
    jx_task *t = &JX_AT(p->d->tasks, jx_task, p->d->tasks.n - 1);
    jx_unit *m;
    /* a member column's names are the notice's government's, as the lead's */
    size_t k = dep_split_gov(p->a, JX_AT(p->d->notices, jx_notice, p->notice).government, s, &m, p->file,
                             line, &p->d->warnings);
    if (!k) return;
    jx_unit *all = jx_alloc(p->a, (t->nunits + k) * sizeof *all);
    for (size_t i = 0; i < t->nunits; i++) {
        all[i] = t->units[i];
        if (lead_column) all[i].lead = 1;
    }
    for (size_t i = 0; i < k; i++) {
        all[t->nunits + i] = m[i];
        all[t->nunits + i].lead = 0;
    }
    t->units = all;
    t->nunits += k;
}

/* A table's task row: the task a prose item would give, its leaders those
 * of the row's cell after the section's. */
static void table_task(void *u, const jx_trow *r)
{
    parser *p = u;
    jx_vec leaders = JX_VEC(jx_leader);
    /* a table under a leader's section is his */
    for (int k = 0; k < p->nsec; k++)
        add_leader(&leaders, p->sec_leader[k].name, p->sec_leader[k].title, p->sec_leader[k].line);
    if (r->leaders) table_leaders(p, r->leaders, r->leaders_line, &leaders);
    add_task(p, r->seq, r->sub_seq, r->text, r->category, &leaders, r->dept, r->line, r->line);
    if (r->members) table_members(p, r->lead_column, r->members, r->line);
    jx_vec_free(&leaders);
}

/* A table's group row naming a leader's section: the rows under it are his,
 * as under a prose section heading. */
static int table_group(void *u, const char *heading, long line)
{
    parser *p = u;
    size_t n = strlen(heading);
    const char *lead = lex_leader_verb(heading, n);
    int k = lead ? split_leaders(p->a, heading, (size_t)(lead - heading), p->sec_leader, MAX_SEC_LEADERS) : 0;
    if (!k) return 0;
    p->nsec = k;
    for (int j = 0; j < k; j++) p->sec_leader[j].line = line;
    return 1;
}

/* The next part of kind `kind` of the notice being read from *at on that
 * does not open before token i, or NULL; *at moves to it. */
static const jx_seg *next_part(parser *p, size_t *at, enum jx_segkind kind, size_t i)
{
    const jx_vec *parts = &p->seg->parts;
    while (*at < p->part_hi &&
           (JX_AT(*parts, jx_seg, *at).kind != kind || JX_AT(*parts, jx_seg, *at).lo < i))
        (*at)++;
    return *at < p->part_hi ? &JX_AT(*parts, jx_seg, *at) : NULL;
}

/* The table span that opens at token i (the list reader meets the tables
 * of its notice in their order). */
static const jx_seg *table_at(parser *p, size_t i)
{
    const jx_seg *tb = next_part(p, &p->table_part, SEG_TABLE, i);
    return tb && tb->lo == i ? tb : NULL;
}

/* Reads the table span tb; returns the token after it. */
static size_t parse_table(parser *p, const jx_seg *tb, int year)
{
    jx_tblctx c = {p->a, p->tok, p->d->text.lines, p->file, &p->d->targets, &p->d->warnings,
                   p->notice, year, p->in_list, p->category, &p->section, table_task, table_group, p};
    tbl_read(&c, &tb->rows);
    return tb->hi;
}

/* A list heading wrapped over two lines (政府工作报告“十四五”时期 / 重点工作责任分解):
 * the line above, short and no sentence, belongs to it, and says its kind
 * and year. Returns the token to read the heading from. */
static const jx_tok *wrapped_heading(parser *p, size_t lo, size_t i, jx_tok *joined)
{
    const jx_tok *t = &p->tok[i];
    for (size_t k = i; k-- > lo && k + 3 > i;) {
        const jx_tok *u = &p->tok[k];
        if (u->kind == T_BLANK) continue;
        if (u->kind != T_TEXT || u->blen > 40 * 3 || txt_find(u->body, u->blen, "。") ||
            txt_find(u->body, u->blen, "：") || txt_find(u->body, u->blen, "；"))
            break;
        *joined = *t;
        joined->body = jx_sprintf(p->a, "%.*s%.*s", (int)u->blen, u->body, (int)t->blen, t->body);
        joined->blen = u->blen + t->blen;
        return joined;
    }
    return t;
}

/* A heading that is an item: its text names the project; a paragraph
 * under it describes it and follows after a ：, as a table's 项目名称 and
 * 项目内容 are joined. */
static void heading_item(parser *p, const jx_tok *t, size_t i)
{
    p->in_item = 1;
    p->in_resp = 0;
    p->seq = t->num;
    p->item_line = p->resp_line = line_no(p, i);
    jx_buf_clear(&p->text);
    jx_buf_clear(&p->resp);
    jx_buf_put(&p->text, t->rest, t->blen - (size_t)(t->rest - t->body));
    p->named_item = 1;
}

/* A person a leader field names: name[0..len), and the title printed
 * after it, or NULL. */
typedef struct { const char *name; size_t len; const char *title; } field_name;

/* The persons the leader fields of token t name (as read_leaders reads
 * them; offices with no person left out), into out. */
static void field_names(const jx_tok *t, jx_vec *out)
{
    const char *s = t->body;
    size_t n = t->blen;
    for (const char *c = s; (c = txt_find(c, n - (size_t)(c - s), "：")); c += 3) {
        size_t end = (size_t)(c - s) + 3;
        for (int k = 0; jx_fields[k].key; k++) {
            size_t kl = jx_fields[k].len, at, nkl;
            if (jx_fields[k].role != JX_F_LEADER || end < kl || memcmp(s + end - kl, jx_fields[k].key, kl)) continue;
            const char *q = s + end, *stop = next_field(s, n, end, &at, &nkl) >= 0 ? s + at : s + n;
            while (stop > q && (txt_ends(q, (size_t)(stop - q), "；") || txt_ends(q, (size_t)(stop - q), "，") ||
                                txt_ends(q, (size_t)(stop - q), "。")))
                stop -= 3;
            leader_value(&q, &stop);
            while (q < stop) {
                size_t len = leader_piece(q, stop);
                const char *title = NULL;
                size_t nl = len ? lex_leader(q, len, &title) : 0;
                if (len && !lex_title_only(q, len)) {
                    field_name *f = jx_vec_push(out);
                    f->name = q;
                    f->len = nl ? nl : len;
                    f->title = nl ? title : NULL;
                }
                q += len;
                if (q < stop) q += 3;
            }
            break;
        }
    }
}

static int same_name(const field_name *a, const field_name *b)
{
    return a->len == b->len && !memcmp(a->name, b->name, a->len);
}

/* The title of a section that names one and no person (一、市长牵头重点工作)
 * goes to the person its items' leader fields name when they name exactly
 * one, printed without a title (责任领导：张三): the section says the 市长
 * leads its items, the field says 张三 does. Not when they name two persons
 * or more (the section's leader could be either), when one is printed with
 * a title, or when the notice gives that person another title (a field
 * elsewhere, another such section): then the name stays without a title,
 * and warned. Recorded as the section headings' names are (known_leaders). */
static void section_titles(parser *p, size_t lo, size_t hi)
{
    typedef struct { field_name who; const char *title; long line; int clash; } cand;
    jx_vec cands = JX_VEC(cand), names = JX_VEC(field_name);
    jx_index by_name = {0};     /* cands by the hash of the name */
    for (size_t i = lo; i < hi; i++) {
        const jx_tok *t = &p->tok[i];
        if (t->kind != T_SECTION && t->kind != T_SUBSECTION) continue;
        const char *lead = lex_leader_verb(t->rest, t->blen - (size_t)(t->rest - t->body));
        if (!lead || !lex_title_only(t->rest, (size_t)(lead - t->rest))) continue;
        names.n = 0;
        for (size_t j = i + 1; j < hi; j++) {
            enum jx_tok k = p->tok[j].kind;
            if (k == T_SECTION || k == T_LISTHEAD || (t->kind == T_SUBSECTION && k == T_SUBSECTION)) break;
            field_names(&p->tok[j], &names);
        }
        if (!names.n) continue;
        const field_name *one = &JX_AT(names, field_name, 0);
        int ok = !one->title;
        for (size_t k = 1; k < names.n && ok; k++)
            ok = same_name(one, &JX_AT(names, field_name, k)) && !JX_AT(names, field_name, k).title;
        if (!ok) continue;
        /* one candidate a name: another section giving it another title
         * is a clash, one giving it the same title the same */
        const char *title = jx_strndup(p->a, t->rest, (size_t)(lead - t->rest));
        size_t h = name_hash(one->name, one->len), pos = 0, e;
        while ((e = jx_index_next(&by_name, h, &pos)) != JX_NONE && !same_name(&JX_AT(cands, cand, e).who, one)) {}
        if (e != JX_NONE) {
            if (strcmp(JX_AT(cands, cand, e).title, title)) JX_AT(cands, cand, e).clash = 1;
            continue;
        }
        jx_index_add(&by_name, h, cands.n);
        cand *c = jx_vec_push(&cands);
        c->who = *one;
        c->title = title;
        c->line = line_no(p, i);
        c->clash = 0;
    }
    if (cands.n) {
        /* a field elsewhere printing the person with another title */
        names.n = 0;
        for (size_t i = lo; i < hi; i++) field_names(&p->tok[i], &names);
        for (size_t k = 0; k < names.n; k++) {
            const field_name *f = &JX_AT(names, field_name, k);
            size_t pos = 0;
            for (size_t e; f->title && (e = jx_index_next(&by_name, name_hash(f->name, f->len), &pos)) != JX_NONE;) {
                cand *x = &JX_AT(cands, cand, e);
                if (same_name(&x->who, f) && strcmp(x->title, f->title)) x->clash = 1;
            }
        }
        for (size_t a = 0; a < cands.n; a++) {
            const cand *x = &JX_AT(cands, cand, a);
            if (x->clash) continue;
            jx_leader l = {jx_strndup(p->a, x->who.name, x->who.len), x->title, x->line};
            know_leader(p, &l);
        }
    }
    jx_vec_free(&cands);
    jx_vec_free(&names);
    jx_index_free(&by_name);
}

static void parse_lists(parser *p, const jx_seg *sp, size_t notice)
{
    size_t lo = sp->at, hi = sp->hi;
    jx_notice *no = &JX_AT(p->d->notices, jx_notice, notice);
    p->notice = notice;
    p->list_part = p->table_part = sp->part_lo;
    p->part_hi = sp->part_hi;
    p->in_list = 0;
    p->known_leaders.n = 0;
    jx_index_free(&p->known_at);
    /* Leader titles come from the section headings anywhere in the notice:
     * the livelihood list names leaders without titles. */
    for (size_t i = lo; i < hi; i++) {
        const jx_tok *t = &p->tok[i];
        jx_leader l[MAX_SEC_LEADERS];
        if (t->kind != T_SECTION && t->kind != T_SUBSECTION) continue;
        const char *lead = lex_leader_verb(t->rest, t->blen - (size_t)(t->rest - t->body));
        int k = lead ? split_leaders(p->a, t->rest, (size_t)(lead - t->rest), l, MAX_SEC_LEADERS) : 0;
        for (int j = 0; j < k; j++)
            know_leader(p, &l[j]);
    }
    section_titles(p, lo, hi);
    const jx_seg *list = next_part(p, &p->list_part, SEG_LIST, lo);
    for (size_t i = lo; i < hi; i++) {
        const jx_tok *t = &p->tok[i];
        jx_tok plain;
        p->cur = i;
        /* where lists end and begin, segmentation says */
        if (p->in_list && i == list->hi) {
            end_list(p);
            list = next_part(p, &p->list_part, SEG_LIST, i);
        }
        if (list && i == list->lo) {
            if (list->headless && sp->kind == SEG_NOTICE && no->title) {
                /* a notice that is itself the list its title names: the
                 * title is its heading (its kind, its year) */
                jx_tok head = {0};
                head.body = no->title;
                head.blen = strlen(no->title);
                start_list(p, &head, no->year);
            } else if (list->headless) {
                /* A fragment's list may begin before (or without) its heading: it is
                 * read from the first line, its year unknown until a heading says. */
                jx_tok none = {0};
                none.body = "";
                start_list(p, &none, 0);
                /* the nearest heading above the first item, even one glued into the
                 * page's furniture, gives the year */
                for (size_t j = lo; j < hi && p->tok[j].kind != T_ITEM && p->tok[j].kind != T_LISTHEAD; j++) {
                    jx_span y[2];
                    if (p->tok[j].kind != T_BLANK && lex_match(JX_P_LISTYEAR, p->tok[j].body, p->tok[j].blen, y, 2))
                        p->year = atoi(y[0].n ? y[0].p : y[1].p);
                }
            } else {
                start_list(p, wrapped_heading(p, lo, i, &plain), no->year);
            }
        }
        /* a tab inside prose: the reading segmentation had made */
        if (t->kind == T_TABLE && !t->table) t = lex_prose(p->a, &p->d->text.lines[i], &p->tok[i]);
        switch (t->kind) {
        case T_LISTHEAD:    /* opened above */
            break;
        case T_PROGRESS:
            /* tasks reported on here were assigned (and are loaded) elsewhere */
            if (!p->progress_line) p->progress_line = line_no(p, i);
            break;
        case T_SUBSECTION:
            if (!p->in_list) break;
            finish_item(p);
            if (p->tok[i].item) {       /* （一）地区生产总值增长7% / 责任单位：… */
                heading_item(p, t, i);
                break;
            }
            {
                size_t rn = t->blen - (size_t)(t->rest - t->body);
                const char *lead = lex_leader_verb(t->rest, rn);
                int k = lead ? split_leaders(p->a, t->rest, (size_t)(lead - t->rest), p->sec_leader,
                                             MAX_SEC_LEADERS) : 0;
                if (k) {
                    p->nsec = k;
                    for (int j = 0; j < k; j++) p->sec_leader[j].line = line_no(p, i);
                    break;
                }
                while (rn >= 3 && (txt_ends(t->rest, rn, "。") || txt_ends(t->rest, rn, "；"))) rn -= 3;
                p->category = txt_squash_dup(p->a, t->rest, rn);
            }
            break;
        case T_SECTION:
            if (!p->in_list) break;
            finish_item(p);
            if (p->tok[i].item) {       /* 一、新建幼儿园 / 分管领导：… / 牵头单位：… */
                heading_item(p, t, i);
                break;
            }
            p->section = (int)t->num;
            p->category = NULL;
            {
                size_t rn = t->blen - (size_t)(t->rest - t->body);
                const char *lead = lex_leader_verb(t->rest, rn);
                p->nsec = lead ? split_leaders(p->a, t->rest, (size_t)(lead - t->rest), p->sec_leader,
                                               MAX_SEC_LEADERS) : 0;
                if (!p->nsec) p->category = txt_squash_dup(p->a, t->rest, rn);
                for (int k = 0; k < p->nsec; k++) p->sec_leader[k].line = line_no(p, i);
            }
            break;
        case T_ITEM:
            if (!p->in_list) break;
            if (p->tok[i].item) {       /* a number in sequence (segmentation decides) */
                if (p->in_item && t->num > p->seq + 1) {
                    jx_msg(p->file, line_no(p, i), "warning: item %ld follows item %ld: items %ld to %ld are not in the file",
                           t->num, p->seq, p->seq + 1, t->num - 1);
                    p->d->warnings++;
                }
                finish_item(p);
                p->in_item = 1;
                p->in_resp = 0;
                p->seq = t->num;
                p->item_line = p->resp_line = line_no(p, i);
                p->item_tok = i;
                jx_buf_clear(&p->text);
                jx_buf_clear(&p->resp);
                jx_buf_puts(&p->text, t->rest);
                break;
            }
            /* fall through: continuation text */
            /* FALLTHROUGH */
        case T_TEXT:
            if (!p->in_item) break;
            if (p->in_resp) {
                /* Responsibility clauses wrap (市退役军人事务 / 局); a full
                 * sentence after one ended the list (segment.c). */
                jx_buf_put(&p->resp, t->body, t->blen);
            } else {
                if (p->named_item) jx_buf_puts(&p->text, "：");
                p->named_item = 0;
                jx_buf_put(&p->text, t->body, t->blen);
            }
            break;
        case T_RESP:
            if (!p->in_item) break;
            if (!p->in_resp) p->resp_line = line_no(p, i);
            p->in_resp = 1;
            jx_buf_put(&p->resp, t->body, t->blen);
            break;
        case T_BLANK:
        case T_FOOTER:
        case T_META:    /* page furniture between the lines of a list */
            break;
        case T_TABLE: {
            /* a header: segmentation made every one the list reader meets a table */
            const jx_seg *tb = table_at(p, i);
            if (!tb) break;
            finish_item(p);
            size_t after = parse_table(p, tb, p->in_list ? p->year : no->year);
            i = after - 1;      /* a list the table is in ends with it */
            break;
        }
        default:    /* doc_no, date, title, 【…】, 附件, 抄送, salutation: a list ended here */
            break;
        }
    }
    p->cur = hi;
    end_list(p);
}

/* ---- what the rows carry besides the lists ---- */

const char *prs_government(jx_arena *a, const char *issuer)
{
    const char *g = issuer ? strstr(issuer, "人民政府") : NULL;
    return g && g > issuer ? jx_strndup(a, issuer, (size_t)(g - issuer)) : NULL;
}

static int ends_sentence(const char *s, size_t n)
{
    return txt_ends(s, n, "。") || txt_ends(s, n, "！") || txt_ends(s, n, "？") || txt_ends(s, n, "；") ||
           txt_ends(s, n, "：");
}

/* Ends a paragraph: into the body, and a flag saying whether search indexes
 * it (a list's paragraphs are indexed as its tasks). */
static void flush_para(jx_buf *body, jx_buf *flags, jx_buf *para, int listed)
{
    if (!para->len) return;
    if (body->len) jx_buf_put(body, "\n", 1);
    jx_buf_put(body, para->p, para->len);
    jx_buf_put(flags, listed ? "0" : "1", 1);
    jx_buf_clear(para);
}

/* A line shorter than this that ends no sentence is a line of its own (a
 * name in a list, a signature), not a wrapped one: PDF exports wrap at 24
 * characters or more. */
#define WRAP_MIN_CHARS 20

/* The body of notice k: its lines from the title on, without blank lines
 * and page footers; a line of prose that does not end a sentence, at least
 * WRAP_MIN_CHARS long and followed by plain text is a wrap, joined to it. */
static void build_body(parser *p, size_t k, const jx_seg *sp)
{
    jx_buf body = {0}, para = {0}, flags = {0};
    int listed = 0;
    for (size_t i = sp->lo; i < sp->hi && i < p->n; i++) {
        const jx_tok *t = &p->tok[i];
        if (t->kind == T_BLANK || t->kind == T_FOOTER || !t->blen) continue;
        if (para.len && t->kind != T_TEXT) flush_para(&body, &flags, &para, listed);
        if (!para.len) listed = p->listed[i];
        jx_buf_put(&para, t->body, t->blen);
        if ((t->kind != T_TEXT && t->kind != T_ITEM && t->kind != T_RESP) || ends_sentence(t->body, t->blen) ||
            txt_chars(t->body, t->blen) < WRAP_MIN_CHARS)
            flush_para(&body, &flags, &para, listed);
    }
    flush_para(&body, &flags, &para, listed);
    jx_notice *no = &JX_AT(p->d->notices, jx_notice, k);
    no->body = body.len ? jx_strndup(p->a, body.p, body.len) : NULL;
    no->indexed = flags.len ? jx_strndup(p->a, flags.p, flags.len) : NULL;
    jx_buf_free(&body);
    jx_buf_free(&flags);
    jx_buf_free(&para);
}

/* ---- target items -> the tasks they measure ---- */

static int skipped_cp(uint32_t c)
{
    return (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) ||
           (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

typedef struct { uint32_t *cp; size_t n; uint64_t *bi; size_t nbi; size_t hash; } matchtext;

/* A text reduced to its letters, digits and characters (punctuation and
 * white space dropped), for comparing an item with a task. */
static void mt_init(matchtext *m, const char *s)
{
    size_t len = strlen(s);
    m->cp = jx_xrealloc(NULL, (len + 1) * sizeof *m->cp);
    m->n = 0;
    m->bi = NULL;
    m->nbi = 0;
    for (const char *q = s; *q;) {
        uint32_t c = txt_next(&q);
        if (!skipped_cp(c)) m->cp[m->n++] = c;
    }
    m->hash = jx_hash(m->cp, m->n * sizeof *m->cp, JX_HASH_SEED);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void mt_bigrams(matchtext *m)
{
    if (m->bi || m->n < 2) return;
    m->nbi = m->n - 1;
    m->bi = jx_xrealloc(NULL, m->nbi * sizeof *m->bi);
    for (size_t i = 0; i + 1 < m->n; i++) m->bi[i] = (uint64_t)m->cp[i] << 32 | m->cp[i + 1];
    qsort(m->bi, m->nbi, sizeof *m->bi, cmp_u64);
}

/* Dice coefficient of the two texts' character bigrams, 0..1. */
static double mt_dice(matchtext *a, matchtext *b)
{
    mt_bigrams(a);
    mt_bigrams(b);
    if (!a->nbi || !b->nbi) return 0;
    size_t i = 0, j = 0, common = 0;
    while (i < a->nbi && j < b->nbi) {
        if (a->bi[i] == b->bi[j]) { common++; i++; j++; }
        else if (a->bi[i] < b->bi[j]) i++;
        else j++;
    }
    return 2.0 * (double)common / (double)(a->nbi + b->nbi);
}

static void mt_free(matchtext *m)
{
    free(m->cp);
    free(m->bi);
}

/* An item matches the task of its notice whose text is the same once
 * punctuation and white space are dropped (the first printed, if several);
 * failing that, the one task whose character bigrams it shares most, with a
 * Dice coefficient of at least MATCH_DICE (an annex reprints its list with
 * a word changed: 免托管费 for 免代管费). */
#define MATCH_DICE 0.8

/* The task of tm (through texts) whose text is m's, or -1. */
static long same_text_task(const jx_index *texts, const matchtext *tm, const matchtext *m)
{
    size_t pos = 0;
    for (size_t j; (j = jx_index_next(texts, m->hash, &pos)) != JX_NONE;)
        if (tm[j].n == m->n && !memcmp(tm[j].cp, m->cp, m->n * sizeof *m->cp)) return (long)j;
    return -1;
}

/* Links targets [g0, g1) to the nt tasks from `first` of the same notice. */
static void link_targets(parser *p, size_t first, size_t nt, size_t g0, size_t g1)
{
    jx_doc *d = p->d;
    matchtext *tm = jx_xrealloc(NULL, (nt ? nt : 1) * sizeof *tm);
    jx_index texts = {0};       /* the first task of each text */
    for (size_t j = 0; j < nt; j++) {
        mt_init(&tm[j], JX_AT(d->tasks, jx_task, first + j).text);
        if (same_text_task(&texts, tm, &tm[j]) < 0) jx_index_add(&texts, tm[j].hash, j);
    }
    const jx_target *prev = NULL;
    long link = -1;
    for (size_t i = g0; i < g1; i++) {
        jx_target *t = &JX_AT(d->targets, jx_target, i);
        if (prev && prev->item_seq == t->item_seq && !strcmp(prev->item, t->item)) {
            t->task = link;
            prev = t;
            continue;
        }
        matchtext m;
        mt_init(&m, t->item);
        long same = same_text_task(&texts, tm, &m);
        link = same < 0 ? -1 : (long)first + same;
        if (link < 0) {
            double best = 0;
            int tie = 0;
            for (size_t j = 0; j < nt; j++) {
                double x = mt_dice(&m, &tm[j]);
                if (x > best + 1e-12) { best = x; link = (long)(first + j); tie = 0; }
                else if (x > best - 1e-12 && link >= 0 && strcmp(JX_AT(d->tasks, jx_task, (size_t)link).text,
                                                                 JX_AT(d->tasks, jx_task, first + j).text))
                    tie = 1;
            }
            if (best < MATCH_DICE || tie) link = -1;
        }
        if (link < 0) {
            jx_msg(p->file, t->line, "warning: item %ld %s: no task of this notice matches its text",
                   t->item_seq, t->item);
            d->warnings++;
        }
        mt_free(&m);
        t->task = link;
        prev = t;
    }
    for (size_t j = 0; j < nt; j++) mt_free(&tm[j]);
    free(tm);
    jx_index_free(&texts);
}

/* A line this long with no tab, holding two responsibility fields or more,
 * is a PDF export's run of a list joined with no breaks: a paragraph of
 * prose, however long, names its units once at most. */
#define JX_RUN 1024

static int is_run(const char *s, size_t n)
{
    if (n <= JX_RUN || memchr(s, '\t', n)) return 0;
    int fields = 0;
    for (const char *q = s, *e = s + n; fields < 2 && (q = txt_find(q, (size_t)(e - q), "单位：")); q += 3)
        fields++;
    return fields >= 2;
}

static void push_line(jx_vec *out, const char *s, size_t n, long no, jx_arena *a)
{
    jx_line *l = jx_vec_push(out);
    l->text = jx_strndup(a, s, n);
    l->len = n;
    l->no = no;
}

/* Splits a run at the headings, items and fields inside it. */
static void push_run(jx_vec *out, const jx_line *ln, const char *s, size_t n, long no, jx_arena *a)
{
    if (!is_run(s, n)) {
        if (ln) *(jx_line *)jx_vec_push(out) = *ln;     /* unchanged: no copy */
        else push_line(out, s, n, no, a);
        return;
    }
    size_t start = 0;
    while (start < n) {
        size_t at = lex_run_break(s, n, start + 1);
        push_line(out, s + start, at - start, no, a);
        start = at;
    }
}

/* HTML remnants and PDF runs, made into the lines they were shown as. Each
 * new line keeps the number of the line it came from, a table row joined
 * from several the number of its first; a file with neither keeps its
 * lines as they are. */
static void prepare_lines(jx_arena *a, jx_text *tx)
{
    size_t i;
    for (i = 0; i < tx->nlines; i++) {
        const jx_line *l = &tx->lines[i];
        if (memchr(l->text, '<', l->len) || memchr(l->text, '&', l->len) || is_run(l->text, l->len)) break;
    }
    if (i == tx->nlines) return;
    jx_vec out = JX_VEC(jx_line);
    jx_html st = {0, 0, 0, 0, 0};
    jx_buf row = {0};       /* text of a <tr> not closed yet, from line row_no */
    long row_no = 0;
    for (i = 0; i < tx->nlines; i++) {
        const jx_line *l = &tx->lines[i];
        size_t hn = 0;
        int cont = st.row;
        char *h = txt_html(a, l->text, l->len, &hn, &st);
        if (!h && !cont) { push_run(&out, l, l->text, l->len, l->no, a); continue; }
        const char *src = h ? h : l->text;
        size_t sn = h ? hn : l->len;
        if (!cont) { jx_buf_clear(&row); row_no = l->no; }
        jx_buf_put(&row, src, sn);
        if (st.row && st.cell && st.started && !st.gap) st.gap = 1;   /* the source's line break inside a cell */
        const char *q = row.p, *e = row.p + row.len;
        long no = row_no;
        for (;;) {
            const char *nl = memchr(q, '\n', (size_t)(e - q));
            if (!nl && st.row) break;       /* the row goes on into the next line */
            const char *stop = nl ? nl : e;
            size_t fl;
            char *f = txt_fold(a, q, (size_t)(stop - q), &fl);
            push_run(&out, NULL, f, fl, no, a);
            no = l->no;
            q = nl ? nl + 1 : e;
            if (!nl) break;
        }
        size_t keep = (size_t)(e - q);
        memmove(row.p, q, keep);
        row.len = keep;
        row_no = no;
    }
    if (row.len) {      /* a row the file never closed */
        size_t fl;
        char *f = txt_fold(a, row.p, row.len, &fl);
        push_run(&out, NULL, f, fl, row_no, a);
    }
    jx_buf_free(&row);
    dec_take_lines(a, tx, &out);
}

/* Lines that say who is responsible (责任单位：…, a 责任单位 column): a file
 * with such lines and no task is a list jxgov did not recognise, which must
 * never pass silently. */
static int resp_line(const jx_tok *t, const jx_line *ln)
{
#define FIELD_KEY_(k, r) k,
    static const char *const fields[] = {JX_FIELDS(FIELD_KEY_) NULL};
    if (t->kind == T_RESP) return 1;
    /* short lines are read without their spaces (责 任 单 位); a long one as is */
    char small[640];
    const char *buf = ln->text;
    size_t k = ln->len;
    if (ln->len < sizeof small) {
        k = 0;
        for (size_t i = 0; i < ln->len; i++)
            if (ln->text[i] != ' ') small[k++] = ln->text[i];
        buf = small;
    }
    /* Every place a key stands, not the first only: a run joined from a
     * page names its units in prose (…责任单位负责组织实施…) before the
     * table header glued in after it (…序号内容与要求责任单位1确保…). */
    const char *seq = txt_find(buf, k, "序号");
    for (int f = 0; fields[f]; f++) {
        size_t fl = strlen(fields[f]);
        for (const char *at = buf, *e = buf + k; (at = txt_find(at, (size_t)(e - at), fields[f])); at += fl) {
            size_t rest = (size_t)(e - at) - fl;
            const char *after = at + fl;
            /* a field (责任单位：), a header cell (a tab-separated or one-cell
             * line), a table header glued into a run (序号主要工作任务第一责任单位…) */
            if (txt_starts(after, rest, "：") || t->kind == T_TABLE || (rest == 0 && at - buf <= 12) ||
                (seq && seq < at))
                return 1;
        }
    }
    return 0;
}

void prs_doc(jx_arena *a, jx_doc *d)
{
    parser p = {0};
    p.a = a;
    p.d = d;
    p.file = d->path;
    p.known_leaders.size = sizeof(jx_leader);
    for (int k = 0; k < K_COUNT; k++) d->rows[k].size = jx_kinds[k].size;
    /* HTML remnants and PDF runs become lines of their own (sharing the
     * line number they were printed on); the file's own count is kept. */
    jx_line *orig_lines = d->text.lines;
    size_t orig_n = d->text.nlines;
    prepare_lines(a, &d->text);
    tbl_normalize(a, &d->text);     /* pipe rows, cells per paragraph -> tab forms */
    for (size_t k = 0; k < d->text.nnotes; k++) {   /* the decoder's, then tbl_normalize's */
        jx_msg(p.file, d->text.notes[k].no, "warning: %s", d->text.notes[k].text);
        d->warnings++;
    }
    dec_unwrap(a, &d->text);        /* a PDF's hard wraps, outside the tables */
    p.n = d->text.nlines;
    p.tok = jx_xrealloc(NULL, (p.n ? p.n : 1) * sizeof *p.tok);
    p.listed = jx_xcalloc(p.n ? p.n : 1, 1);
    lex_lines(d->text.lines, p.n, p.tok);
    pg_mark(p.tok, d->text.lines, p.n);
    jx_segs sg;
    seg_doc(a, p.tok, d->text.lines, p.n, &sg);
    p.seg = &sg;
    p.progress_line = sg.progress;

    gz_issues(a, d, p.tok, p.n, &sg);
    jx_vec metas;
    ntc_metas(a, p.tok, p.n, &metas);
    for (size_t k = 0; k < sg.notices.n; k++) ntc_open(a, d, p.tok, &JX_AT(sg.notices, jx_seg, k), &metas);
    /* a notice is a gazette's reprint when the last issue mark before it is
     * a masthead, not the colophon that closes an issue */
    for (size_t k = 0, j = 0, in_issue = 0; k < sg.notices.n; k++) {
        for (; j < sg.issues.n && JX_AT(sg.issues, jx_seg, j).at <= JX_AT(sg.notices, jx_seg, k).lo; j++)
            in_issue = JX_AT(sg.issues, jx_seg, j).kind == SEG_MASTHEAD;
        JX_AT(d->notices, jx_notice, k).reprint = (int)in_issue;
    }
    for (size_t k = 0; k < d->notices.n; k++) {
        jx_notice *no = &JX_AT(d->notices, jx_notice, k);
        const jx_seg *sp = &JX_AT(sg.notices, jx_seg, k);
        ntc_complete(a, d, p.tok, &sg, k, &metas);
        parse_lists(&p, sp, k);
        build_body(&p, k, sp);
        if (!no->government) no->government = prs_government(a, no->issuer);
    }
    /* a notice's tasks, and its targets, are consecutive, in notice order */
    for (size_t k = 0, ti = 0, gi = 0; k < d->notices.n; k++) {
        size_t t0 = ti, g0 = gi;
        while (ti < d->tasks.n && JX_AT(d->tasks, jx_task, ti).notice == k) ti++;
        while (gi < d->targets.n && JX_AT(d->targets, jx_target, gi).notice == k) gi++;
        if (gi > g0) link_targets(&p, t0, ti - t0, g0, gi);
    }
    gz_extract(a, d, p.tok, &sg);
    if (!d->notices.n && !d->gazettes.n && !p.progress_line) {
        jx_msg(p.file, 0, "warning: no document found (no title followed by a salutation)");
        d->warnings++;
    }
    if (!d->tasks.n) {
        size_t nresp = 0;
        long first = 0;
        for (size_t i = 0; i < p.n; i++)
            if (resp_line(&p.tok[i], &d->text.lines[i]) && nresp++ == 0) first = line_no(&p, i);
        if (p.progress_line) {
            jx_msg(p.file, p.progress_line, "warning: a progress report (进展/完成/执行情况) on tasks assigned "
                   "elsewhere: no tasks loaded from it");
            d->warnings++;
        } else if (nresp) {
            jx_msg(p.file, 0, "warning: %zu responsibility line%s but no task list recognised (first at line %ld)",
                   nresp, nresp == 1 ? "" : "s", first);
            d->warnings++;
            d->unrecognised = 1;
        }
    }
    seg_free(&sg);
    jx_vec_free(&metas);
    jx_vec_free(&p.known_leaders);
    jx_index_free(&p.known_at);
    jx_buf_free(&p.text);
    jx_buf_free(&p.resp);
    free(p.tok);
    free(p.listed);
    d->text.lines = orig_lines;
    d->text.nlines = orig_n;
}

void prs_free(jx_doc *d)
{
    for (int k = 0; k < K_COUNT; k++) jx_vec_free(&d->rows[k]);
}
