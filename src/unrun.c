/* unrun.c: a table that a PDF text export joined into one line, with no
 * break and no separator between its cells
 * (…方案序号主要工作任务第一责任单位主要责任单位一、主要发展指标1地区生产总值…。市发展改革委各县（市、区）政府…),
 * made into the tab-prefixed one-cell-per-line form that the table reader
 * (table.c) reads, before anything else sees the text. It knows nothing of
 * that reader but the form: a line "\tcell" per cell, a blank line between
 * rows, a group row "\t一、…" as a row of its own.
 *
 * The structure is found inside the run by three rules:
 * - the header words found after 序号 give the column set (one text column,
 *   or a 项目名称 column and its content, then one or two unit columns, and
 *   perhaps a leader column before or after the units); any other header is
 *   left alone (district values have no separator between them in a run);
 * - a number that continues the 序号 sequence (or 1 after a group heading;
 *   1* as well, a key item's mark), or the next group ordinal 二、, starts a
 *   row, but only where the text before it ends in a run of unit names: 11
 *   in 新增就业11万人 starts no row;
 * - within a row, the task text ends where a run of unit names begins that
 *   reaches the row's end (after a 。 when one stands there), the names being
 *   those of data/departments.tsv or of a unit's form (市/县/区/各/嘉兴… and
 *   a suffix 局/委/办/院/会/中心/公司/政府 …), joined by 、 ， or nothing.
 *   Cells are separated by nothing (a PDF cell ends a line): with two unit
 *   columns the first ends at the last junction without a separator before
 *   the first separated pair (a narrow 第一责任单位 cell stacks its names one
 *   a line: 市发展改革委市经贸委 then 市规划建设局、市统计局…), or at the
 *   first such junction when a separated pair opens the run.
 * A run that does not read whole by these rules is left as it was (and the
 * parser's warning about responsibility lines with no task stays). */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

/* A table run is long; a shorter line holding 序号 is a header of its own. */
#define RUN_MIN 200
#define MAX_UNITS 64
/* a row (number, text, units) longer than this is no row of a table */
#define MAX_ROW 6000

typedef struct { size_t s, e; int glue; } unit;     /* glue: no separator before it */

typedef struct {
    const char *t;          /* the run, page numbers dropped */
    size_t n;
    long budget;            /* name look-ups left: the cost stays linear in n */
    int leader;             /* a leader column: 0 none, 1 before the units, 2 after them */
    int name;               /* a 项目名称 column before the text */
} run;

enum { H_SEQ, H_TEXT, H_LEAD, H_MEMBER, H_LEADER, H_NAME };
static const struct { const char *w; int role; } header_words[] = {
    {"序号", H_SEQ}, {"编号", H_SEQ},
    {"主要工作任务", H_TEXT}, {"工作任务", H_TEXT}, {"重点工作", H_TEXT}, {"目标任务", H_TEXT},
    {"主要目标任务", H_TEXT}, {"主要任务", H_TEXT}, {"重点任务", H_TEXT}, {"具体任务", H_TEXT},
    {"工作事项", H_TEXT}, {"事项名称", H_TEXT}, {"事项", H_TEXT}, {"专项行动", H_TEXT},
    {"工作内容", H_TEXT}, {"主要内容", H_TEXT}, {"任务内容", H_TEXT},
    {"项目名称", H_NAME}, {"项目内容", H_TEXT}, {"建设内容", H_TEXT},
    {"第一责任单位", H_LEAD}, {"市级牵头单位", H_LEAD}, {"牵头单位", H_LEAD}, {"牵头部门", H_LEAD},
    {"责任单位", H_LEAD}, {"责任部门", H_LEAD}, {"主办单位", H_LEAD},
    {"主要责任单位", H_MEMBER}, {"配合单位", H_MEMBER}, {"协同单位", H_MEMBER},
    {"参与单位", H_MEMBER}, {"协办单位", H_MEMBER}, {"配合部门", H_MEMBER}, {"协同部门", H_MEMBER},
    {"责任领导", H_LEADER}, {"分管领导", H_LEADER}, {"牵头市领导", H_LEADER}, {"联系市领导", H_LEADER},
    {"责任市领导", H_LEADER}, {"分管市领导", H_LEADER}, {"牵头领导", H_LEADER}, {"市领导", H_LEADER},
};
/* The label of the column holding the group headings, printed before 序号
 * (工作重点 | 序号 | …): the group rows carry it. */
static const char *const group_labels[] = {"工作重点", "工作类别", "类别", "分类", NULL};


static int at(run *r, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    return i <= r->n && r->n - i >= k && !memcmp(r->t + i, lit, k);
}

static int is_digit(run *r, size_t i) { return i < r->n && r->t[i] >= '0' && r->t[i] <= '9'; }

/* A header word at i, spaces inside it skipped (主 要 工 作 任 务); its role,
 * *end past it, -1 when none. The longest word wins (主要责任单位, 责任单位). */
static int header_word(run *r, size_t i, size_t *end)
{
    int best = -1;
    size_t best_end = 0, best_len = 0;
    for (size_t w = 0; w < sizeof header_words / sizeof *header_words; w++) {
        const char *p = header_words[w].w;
        size_t j = i;
        while (*p) {
            while (j < r->n && r->t[j] == ' ') j++;
            if (j >= r->n || r->t[j] != *p) break;
            j++;
            p++;
        }
        if (*p || strlen(header_words[w].w) <= best_len) continue;
        best = header_words[w].role;
        best_len = strlen(header_words[w].w);
        best_end = j;
    }
    if (best >= 0) *end = best_end;
    return best;
}

/* ---- unit names ---- */

static const char *const prefixes[] = {"嘉兴", "浙江", "市", "县", "区", "各", "省", NULL};
static const char *const suffixes[] = {
    "局", "委", "办", "院", "会", "中心", "公司", "集团", "政府", "部", "厅", "所", "站", "社", "队",
    "馆", "行", "单位", "小组", "开发区", "港区", "园区", "指挥部", NULL};
/* inside a name of a unit's form, these begin another name */
static const char *const inner_starts[] = {"嘉兴", "市", "县", "省", NULL};

static size_t lit_at(run *r, size_t i, const char *const *lits)
{
    for (int k = 0; lits[k]; k++)
        if (at(r, i, lits[k])) return strlen(lits[k]);
    return 0;
}

static int is_han(run *r, size_t i)
{
    if (i + 3 > r->n) return 0;
    unsigned char b = (unsigned char)r->t[i];
    return b >= 0xE4 && b <= 0xE9;
}

static size_t name_at(run *r, size_t i, size_t e);

/* A name of a unit's form at i: a prefix, then characters (a bracketed
 * alternate inside), ending in a suffix that is followed by e, a separator
 * or another name. The longest such. */
static size_t form_name(run *r, size_t i, size_t e)
{
    size_t p = lit_at(r, i, prefixes);
    if (!p) return 0;
    size_t j = i + p, best = 0;
    int chars = 0;
    while (j < e && chars < 20) {
        if (at(r, j, "（")) {
            const char *close = txt_find(r->t + j, e - j < 40 ? e - j : 40, "）");
            if (!close) break;
            j = (size_t)(close - r->t) + 3;
            chars++;
            continue;
        }
        if (!is_han(r, j) || at(r, j, "、") || at(r, j, "，") || at(r, j, "。") || at(r, j, "；") ||
            at(r, j, "：") || at(r, j, "“") || at(r, j, "”"))
            break;
        if (chars && lit_at(r, j, inner_starts)) break;
        j += 3;
        chars++;
        for (int k = 0; suffixes[k]; k++) {
            size_t sl = strlen(suffixes[k]);
            if (j - i < sl + p || memcmp(r->t + j - sl, suffixes[k], sl)) continue;
            if (j == e || at(r, j, "、") || at(r, j, "，") || lit_at(r, j, prefixes) ||
                dep_name_at(r->t + j, e - j))
                best = j - i;
            break;
        }
    }
    return best;
}

/* Every look-up is paid from the run's budget; a run that spends it all
 * (text built to make the row search backtrack) is left as it was. */
static size_t name_at(run *r, size_t i, size_t e)
{
    if (r->budget-- <= 0 || !is_han(r, i)) return 0;     /* names start with a Han character */
    size_t k = dep_name_at(r->t + i, e - i), f = form_name(r, i, e);
    return f > k ? f : k;
}

/* The run of unit names from i (joined by 、 ， or nothing): its end, the
 * units in u[] (*nu of them); i itself when no name starts there. */
static size_t unit_run(run *r, size_t i, size_t e, unit *u, size_t *nu)
{
    size_t pos = i;
    int glue = 1;
    *nu = 0;
    while (pos < e && *nu < MAX_UNITS) {
        size_t k = name_at(r, pos, e);
        if (!k) break;
        u[*nu].s = pos;
        u[*nu].e = pos + k;
        u[*nu].glue = glue;
        ++*nu;
        pos += k;
        if ((at(r, pos, "、") || at(r, pos, "，")) && pos + 3 < e && name_at(r, pos + 3, e)) {
            pos += 3;
            glue = 0;
        } else {
            glue = 1;
        }
    }
    return *nu ? u[*nu - 1].e : i;
}

/* ---- leaders' names ---- */

static const char *const leader_titles[] = {
    "常务副市长", "副市长", "市长", "常务副县长", "副县长", "县长", "常务副区长", "副区长", "区长", NULL};

/* A leader's name at i: two or three Han characters, perhaps a title after
 * them (李军市长, 董贵波). A name without a title must be followed by a
 * separator, the end e or (units_next) a unit's name: names are not told
 * apart otherwise. Its end, else i. */
static size_t leader_name(run *r, size_t i, size_t e, int units_next)
{
    for (size_t len = 9; len >= 6; len -= 3) {
        size_t j = i + len, c;
        if (j > e) continue;
        for (c = i; c < j; c += 3)
            if (!is_han(r, c) || at(r, c, "、") || at(r, c, "，") || at(r, c, "。") || at(r, c, "；") ||
                (c > i && lit_at(r, c, leader_titles)))
                break;
        if (c < j) continue;
        size_t title = lit_at(r, j, leader_titles);
        j += title;
        if (title || j == e || at(r, j, "、") || at(r, j, "，") || (units_next && name_at(r, j, e))) return j;
    }
    return i;
}

/* The run of leaders' names from i (joined by 、 ， or nothing after a
 * title): its end, i when none. */
static size_t leader_run(run *r, size_t i, size_t e, int units_next)
{
    size_t pos = i;
    for (int k = 0; k < 8 && pos < e; k++) {
        size_t j = leader_name(r, pos, e, units_next);
        if (j == pos) break;
        pos = j;
        if ((at(r, pos, "、") || at(r, pos, "，")) && pos + 3 < e && leader_name(r, pos + 3, e, units_next) > pos + 3)
            pos += 3;
    }
    return pos;
}

/* The cells after a row's text, from p: its leaders (where the table has a
 * leader column) and units, in the header's order; the end reached, the
 * leaders' span in *ls, *le. */
static size_t tail_cells(run *r, size_t p, size_t e, unit *u, size_t *nu, size_t *ls, size_t *le)
{
    *ls = *le = p;
    if (r->leader == 1) {
        *le = leader_run(r, p, e, 1);
        return unit_run(r, *le, e, u, nu);
    }
    size_t end = unit_run(r, p, e, u, nu);
    if (r->leader == 2 && end > p) {
        *ls = end;
        *le = leader_run(r, end, e, 0);
        return *le;
    }
    return end;
}

/* The end of a project's name at i (…项目, …工程: the name a 项目名称 cell
 * prints, its content glued after it), i when none stands within a name's
 * length before any punctuation. */
static size_t project_name(run *r, size_t i, size_t e)
{
    static const char *const ends[] = {"项目", "工程", NULL};
    for (size_t j = i, chars = 0; j < e && chars < 24; j += txt_u8len((unsigned char)r->t[j]), chars++) {
        if (!is_han(r, j) || at(r, j, "，") || at(r, j, "、") || at(r, j, "。") || at(r, j, "；") || at(r, j, "："))
            return i;
        size_t k = lit_at(r, j, ends);
        if (k && chars >= 2) return j + k;
    }
    return i;
}

/* ---- rows ---- */

typedef struct {
    size_t ts, te;          /* the task text; ts == te: a group row */
    long num;               /* 序号, 0 on a follow-on row */
    size_t u0, nu;          /* its units: rowset.units[u0 .. u0 + nu) */
    size_t ls, le;          /* its leaders' names */
    size_t ns, ne;          /* its project's name (a 项目名称 column) */
    long group;             /* a group row's ordinal */
} row;

typedef struct {
    row *rows;
    size_t n, cap;
    jx_vec units;           /* of unit */
} rowset;

/* Keeps u[0..nu) as the units of row w. */
static void keep_units(rowset *rs, row *w, const unit *u, size_t nu)
{
    w->u0 = rs->units.n;
    w->nu = nu;
    for (size_t k = 0; k < nu; k++) *(unit *)jx_vec_push(&rs->units) = u[k];
}

static row *push_row(rowset *rs)
{
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? 2 * rs->cap : 32;
        rs->rows = jx_xrealloc(rs->rows, rs->cap * sizeof *rs->rows);
    }
    memset(&rs->rows[rs->n], 0, sizeof *rs->rows);
    return &rs->rows[rs->n++];
}

static int sentence_end(run *r, size_t i)
{
    return i >= 3 && (at(r, i - 3, "。") || at(r, i - 3, "；") || at(r, i - 3, "！") || at(r, i - 3, "？"));
}

/* Reads [s, e) as a task text and its units (and leaders), then maybe follow-on rows
 * (text and units again, no number). Appends them to rs; 0 when it does not
 * read so (rs then as it was). */
static int split_rows(run *r, size_t s, size_t e, long num, rowset *rs, int depth)
{
    size_t n0 = rs->n;
    unit u[MAX_UNITS];
    size_t nu;
    while (e > s && r->t[e - 1] == ' ') e--;     /* a cell's trailing spaces */
    while (s < e && r->t[s] == ' ') s++;
    if (depth > 16 || s >= e) return 0;
    /* the units after a full stop, as a cell's text ends with one */
    for (size_t p = s + txt_u8len((unsigned char)r->t[s]); p < e; p += txt_u8len((unsigned char)r->t[p])) {
        if (!sentence_end(r, p)) continue;
        size_t ls, le, end = tail_cells(r, p, e, u, &nu, &ls, &le);
        if (end == p || !nu) continue;
        if (end < e && !split_rows(r, end, e, 0, rs, depth + 1)) continue;
        /* this row goes before the follow-on rows just read */
        row *w = push_row(rs);
        w->ts = s;
        w->te = p;
        w->num = num;
        w->ls = ls;
        w->le = le;
        keep_units(rs, w, u, nu);
        row keep = *w;
        memmove(&rs->rows[n0 + 1], &rs->rows[n0], (rs->n - 1 - n0) * sizeof *rs->rows);
        rs->rows[n0] = keep;
        return 1;
    }
    /* else the leftmost run of units that reaches the end */
    for (size_t p = s + txt_u8len((unsigned char)r->t[s]); p < e; p += txt_u8len((unsigned char)r->t[p])) {
        size_t ls, le;
        /* a text with no full stop, where leaders' names may be its end:
         * a leader column needs the 。 */
        if (r->leader || tail_cells(r, p, e, u, &nu, &ls, &le) != e) continue;
        row *w = push_row(rs);
        w->ts = s;
        w->te = p;
        w->num = num;
        w->ls = w->le = p;
        keep_units(rs, w, u, nu);
        return 1;
    }
    return 0;
}

static const char *const ordinals[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", NULL};

/* The group heading ordinal `want` and its 、 at i: the length, else 0. */
static size_t group_at(run *r, size_t i, long want)
{
    if (want <= 0 || want > 20 || !is_han(r, i)) return 0;
    size_t k = strlen(ordinals[want]);
    if (!at(r, i, ordinals[want]) || !at(r, i + k, "、")) return 0;
    /* 十 of 十一、: the ordinal is whole */
    if (i >= 3 && (at(r, i - 3, "十") || at(r, i - 3, "第"))) return 0;
    return k + 3;
}

/* The number `want` standing alone at i (no digit on either side, nor a
 * decimal point or % after it): its length, else 0. */
static size_t number_at(run *r, size_t i, long want)
{
    if (!is_digit(r, i)) return 0;
    char buf[24];
    int k = snprintf(buf, sizeof buf, "%ld", want);
    if (!at(r, i, buf) || (i > 0 && is_digit(r, i - 1)) || is_digit(r, i + (size_t)k)) return 0;
    if (at(r, i + (size_t)k, ".") || at(r, i + (size_t)k, "%") || at(r, i + (size_t)k, "．")) return 0;
    /* 1*: a key item's number, the mark no part of the text */
    if (at(r, i + (size_t)k, "*")) return (size_t)k + 1;
    if (at(r, i + (size_t)k, "＊")) return (size_t)k + 3;
    return (size_t)k;
}

/* ---- output ---- */

static void emit(jx_vec *out, jx_arena *a, long no, const char *s, size_t n)
{
    jx_line *l = jx_vec_push(out);
    l->text = jx_strndup(a, s, n);
    l->len = n;
    l->no = no;
}

static void emit_cell(jx_vec *out, jx_arena *a, long no, const char *s, size_t n)
{
    char *c = jx_alloc(a, n + 2);
    c[0] = '\t';
    memcpy(c + 1, s, n);
    c[n + 1] = 0;
    jx_line *l = jx_vec_push(out);
    l->text = c;
    l->len = n + 1;
    l->no = no;
}

/* Units [from, to) as one cell: printed separators kept, a junction with
 * none (a line end in the PDF) given a 、. */
static void emit_units(jx_vec *out, jx_arena *a, long no, run *r, const unit *u, size_t from,
                       size_t to)
{
    jx_buf b = {0};
    for (size_t k = from; k < to; k++) {
        if (k > from) {
            if (u[k].glue) jx_buf_puts(&b, "、");
            else jx_buf_put(&b, r->t + u[k - 1].e, u[k].s - u[k - 1].e);
        }
        jx_buf_put(&b, r->t + u[k].s, u[k].e - u[k].s);
    }
    emit_cell(out, a, no, b.p ? b.p : "", b.len);
    jx_buf_free(&b);
}

/* Where the first of two unit cells ends (see the head of this file). */
static size_t column_break(const unit *u, size_t nu)
{
    size_t first_sep = 0, last_glue = 0, first_glue = 0;
    for (size_t k = 1; k < nu; k++) {
        if (!u[k].glue && !first_sep) first_sep = k;
        if (u[k].glue && (!first_sep || k < first_sep)) last_glue = k;
        if (u[k].glue && !first_glue) first_glue = k;
    }
    if (last_glue) return last_glue;
    return first_glue ? first_glue : nu;
}

/* Drops page numbers printed inside the run (—2—, －2－). */
static char *drop_pages(jx_arena *a, const char *s, size_t n, size_t *outn)
{
    char *o = jx_alloc(a, n + 1), *w = o;
    for (size_t i = 0; i < n;) {
        const char *dash = NULL;
        if (n - i >= 3 && (!memcmp(s + i, "—", 3) || !memcmp(s + i, "－", 3))) dash = s + i;
        if (dash) {
            size_t j = i + 3, d = 0;
            while (j < n && s[j] == ' ') j++;
            while (j < n && s[j] >= '0' && s[j] <= '9' && d < 4) j++, d++;
            while (j < n && s[j] == ' ') j++;
            if (d && n - j >= 3 && !memcmp(s + j, dash, 3)) { i = j + 3; continue; }
        }
        *w++ = s[i++];
    }
    *w = 0;
    *outn = (size_t)(w - o);
    return o;
}

/* Rewrites one run; 0 (out untouched) when it does not read as a table. */
static int unrun_line(jx_arena *a, const jx_line *ln, jx_vec *out)
{
    const char *seq = txt_find(ln->text, ln->len, "序号");
    if (!seq) return 0;
    run r;
    size_t n;
    r.t = drop_pages(a, ln->text, ln->len, &n);
    r.n = n;
    r.budget = 64 * (long)n + 100000;
    size_t h0 = (size_t)(txt_find(r.t, r.n, "序号") - r.t);
    /* the header: 序号, one text column, one or two unit columns */
    int roles[8], nh = 0;
    size_t pos = h0, end;
    int role;
    while (nh < 8 && (role = header_word(&r, pos, &end)) >= 0) {
        roles[nh++] = role;
        pos = end;
    }
    /* 项目名称 before the text: the name, then its content */
    r.name = nh > 2 && roles[1] == H_NAME && roles[2] == H_TEXT;
    if (r.name) {
        memmove(&roles[1], &roles[2], (size_t)(nh - 2) * sizeof *roles);
        nh--;
    }
    /* and perhaps one leader column, before the units or after them */
    r.leader = 0;
    for (int k = 2; k < nh; k++)
        if (roles[k] == H_LEADER && !r.leader) {
            r.leader = k == 2 ? 1 : 2;
            memmove(&roles[k], &roles[k + 1], (size_t)(nh - k - 1) * sizeof *roles);
            nh--;
            if (r.leader == 2 && k != nh) return 0;     /* after the units: the last column */
        }
    if (nh < 3 || nh > 4 || roles[0] != H_SEQ || roles[1] != H_TEXT || roles[2] != H_LEAD ||
        (nh == 4 && roles[3] != H_MEMBER))
        return 0;
    size_t body = pos;
    /* the text after the table: a 注：… line */
    const char *note = txt_find(r.t + body, r.n - body, "注：");
    size_t stop = note ? (size_t)(note - r.t) : r.n;
    size_t head_end = h0;
    for (int k = 0; group_labels[k]; k++) {
        size_t l = strlen(group_labels[k]);
        if (h0 >= l && !memcmp(r.t + h0 - l, group_labels[k], l)) { head_end = h0 - l; break; }
    }

    rowset rs = {NULL, 0, 0, JX_VEC(unit)};
    long seq_last = 0, group_last = 0;
    int after_group = 0;
    int ok = 1;
    size_t p = body;
    while (p < stop && ok) {
        while (p < stop && r.t[p] == ' ') p++;
        if (p >= stop) break;
        size_t g = group_at(&r, p, group_last + 1);
        if (g) {
            /* a group heading runs up to the number that continues the sequence */
            size_t q = p + g, ne = 0;
            for (; q < stop; q += txt_u8len((unsigned char)r.t[q]))
                if ((ne = number_at(&r, q, seq_last + 1)) || (ne = number_at(&r, q, 1))) break;
            if (q >= stop) { ok = 0; break; }
            row *w = push_row(&rs);
            w->group = ++group_last;
            w->ts = p + g;
            w->te = q;
            after_group = 1;
            p = q;
            continue;
        }
        size_t k = number_at(&r, p, seq_last + 1);
        long num = seq_last + 1;
        if (!k && after_group && (k = number_at(&r, p, 1))) num = 1;
        if (!k) { ok = 0; break; }
        size_t b = p + k, name = b, n0 = rs.n;
        if (r.name) {
            while (b < stop && r.t[b] == ' ') b++;
            name = b;
            b = project_name(&r, b, stop);
            if (b == name) { ok = 0; break; }
        }
        /* the row ends at the next number or group heading where the text
         * before it reads as task text and units */
        size_t q = b + 1, found = 0;
        size_t lim = stop - b > MAX_ROW ? b + MAX_ROW : stop;
        for (; q < lim; q += txt_u8len((unsigned char)r.t[q])) {
            if (!number_at(&r, q, num + 1) && !group_at(&r, q, group_last + 1)) continue;
            if (split_rows(&r, b, q, num, &rs, 0)) { found = 1; break; }
        }
        if (!found) {
            if (stop - b > MAX_ROW) { ok = 0; break; }
            size_t e = stop;
            while (e > b && r.t[e - 1] == ' ') e--;
            if (!split_rows(&r, b, e, num, &rs, 0)) { ok = 0; break; }
            q = stop;
        }
        rs.rows[n0].ns = name;
        rs.rows[n0].ne = b;
        seq_last = num;
        after_group = 0;
        p = q;
    }
    if (!ok || !rs.n || r.budget <= 0) {
        free(rs.rows);
        jx_vec_free(&rs.units);
        return 0;
    }

    long no = ln->no;
    size_t hs = 0;
    while (hs < head_end && r.t[hs] == ' ') hs++;
    if (head_end > hs) {
        emit(out, a, no, r.t + hs, head_end - hs);
        emit(out, a, no, "", 0);
    }
    for (pos = h0; (role = header_word(&r, pos, &end)) >= 0; pos = end) {
        size_t s = pos;
        while (r.t[s] == ' ') s++;
        emit_cell(out, a, no, r.t + s, end - s);
    }
    for (size_t i = 0; i < rs.n; i++) {
        const row *w = &rs.rows[i];
        emit(out, a, no, "", 0);
        if (w->group) {
            char *c = jx_sprintf(a, "%s、%.*s", ordinals[w->group], (int)(w->te - w->ts), r.t + w->ts);
            emit_cell(out, a, no, c, strlen(c));
            continue;
        }
        if (w->num) {
            char *c = jx_sprintf(a, "%ld", w->num);
            emit_cell(out, a, no, c, strlen(c));
        } else {
            emit_cell(out, a, no, "", 0);
        }
        if (r.name) emit_cell(out, a, no, r.t + w->ns, w->ne - w->ns);
        emit_cell(out, a, no, r.t + w->ts, w->te - w->ts);
        const unit *u = &JX_AT(rs.units, unit, w->u0);
        size_t cut = nh == 4 ? column_break(u, w->nu) : w->nu;
        if (r.leader == 1) emit_cell(out, a, no, r.t + w->ls, w->le - w->ls);
        emit_units(out, a, no, &r, u, 0, cut);
        if (nh == 4) emit_units(out, a, no, &r, u, cut, w->nu);
        if (r.leader == 2) emit_cell(out, a, no, r.t + w->ls, w->le - w->ls);
    }
    free(rs.rows);
    jx_vec_free(&rs.units);
    if (stop < r.n) {
        emit(out, a, no, "", 0);
        emit(out, a, no, r.t + stop, r.n - stop);
    }
    return 1;
}

void unrun_text(jx_arena *a, jx_text *t)
{
    size_t i;
    for (i = 0; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (l->len >= RUN_MIN && !memchr(l->text, '\t', l->len) && txt_find(l->text, l->len, "序号")) break;
    }
    if (i == t->nlines) return;
    jx_vec out = JX_VEC(jx_line);
    int changed = 0;
    for (i = 0; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (l->len >= RUN_MIN && !memchr(l->text, '\t', l->len) && unrun_line(a, l, &out)) {
            changed = 1;
            continue;
        }
        *(jx_line *)jx_vec_push(&out) = *l;
    }
    if (changed) {
        t->lines = jx_alloc(a, out.n * sizeof *t->lines);
        memcpy(t->lines, out.p, out.n * sizeof *t->lines);
        t->nlines = out.n;
    }
    jx_vec_free(&out);
}
