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
 *   perhaps a leader column before or after the units; the text column may
 *   be any label the table reader takes for one, 具体工作内容); a header with
 *   district columns is read by the rules of "district tables" below; any
 *   other header is left alone; a first group heading printed just before
 *   序号 is the first group row, and the header printed again under a later
 *   group heading is no part of any row;
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

#include <limits.h>
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
    long split_budget;      /* steps left to split glued digits (district tables) */
    struct dscratch *scratch;   /* their working tables, one allocation a run */
    int leader;             /* a leader column: 0 none, 1 before the units, 2 after them */
    int name;               /* a 项目名称 column before the text */
} run;

enum { H_SEQ, H_TEXT, H_LEAD, H_MEMBER, H_LEADER, H_NAME };
static const struct { const char *w; int role; } header_words[] = {
    {"序号", H_SEQ}, {"编号", H_SEQ},
    {"主要工作任务", H_TEXT}, {"工作任务", H_TEXT}, {"重点工作", H_TEXT}, {"目标任务", H_TEXT},
    {"主要目标任务", H_TEXT}, {"主要任务", H_TEXT}, {"重点任务", H_TEXT}, {"具体任务", H_TEXT},
    {"工作事项", H_TEXT}, {"事项名称", H_TEXT}, {"事项", H_TEXT}, {"专项行动", H_TEXT},
    {"工作内容", H_TEXT}, {"主要内容", H_TEXT}, {"任务内容", H_TEXT}, {"内容与要求", H_TEXT},
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

static int is_han(run *r, size_t i);

/* A text column's label that no list above names (具体工作内容, 重点工作任务:
 * every government words it its own way), by the rule the table reader
 * (table.c) reads a header cell as the text by: words ending in 内容 or
 * holding 工作任务 or 重点工作. Up to ten Han characters right after 序号
 * (or 项目名称), followed at once by a unit or leader column's word. *end
 * past it; 0 when none. */
static int text_label(run *r, size_t i, size_t *end)
{
    size_t j = i;
    for (int chars = 0; chars < 10; chars++) {
        if (!is_han(r, j)) return 0;
        j += 3;
        size_t x;
        int role = header_word(r, j, &x);
        if (chars < 1 || (role != H_LEAD && role != H_MEMBER && role != H_LEADER)) continue;
        if ((j - i >= 6 && !memcmp(r->t + j - 6, "内容", 6)) || txt_find(r->t + i, j - i, "工作任务") ||
            txt_find(r->t + i, j - i, "重点工作")) {
            *end = j;
            return 1;
        }
        return 0;       /* the first unit word ends the label */
    }
    return 0;
}

/* The header column at i after a column of role prev (-1 at 序号 itself):
 * its role and *end, -1 when none. */
static int column_at(run *r, size_t i, int prev, size_t *end)
{
    int role = header_word(r, i, end);
    size_t x, e;
    if ((prev == H_SEQ || prev == H_NAME) && (role < 0 || (role == H_TEXT && header_word(r, *end, &x) < 0)) &&
        text_label(r, i, &e)) {
        *end = e;
        return H_TEXT;
    }
    return role;
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

/* ---- the items of the notice's own list ----
 *
 * A per-district annex restates the items its notice lists
 * (5. 为 2 万名以上 3~5 年级学生开展游泳公益培训。(责任单位: 市体育局)), and
 * where a run glues a cell to an item's text (a grouping cell before it, a
 * first indicator after it), the list is what tells where the text begins
 * and ends. The items are the file's lines numbered 1. 1、 1．, up to their
 * 责任单位 / 牵头单位 note and their 。; compared folded (spaces dropped, the
 * halfwidth , ( ) : ; ~ as their fullwidth forms), as an export prints
 * them either way. An item inside another run is not one. */
typedef struct { size_t off, len; } kspan;
typedef struct {
    const jx_text *t;
    int built;
    jx_buf b;               /* the folded items, one after another */
    jx_vec spans;           /* kspan: where each is in b */
    jx_index at;            /* by jx_hash of its folded bytes */
} known;

static int at_lit(const char *s, size_t n, size_t j, const char *lit)
{
    size_t k = strlen(lit);
    return j <= n && n - j >= k && !memcmp(s + j, lit, k);
}

/* The character at j of [.., e) folded: its bytes (*out, *n; n 0 for a
 * space); returns how many bytes of s it takes. */
static size_t fold_char(const char *s, size_t j, size_t e, const char **out, size_t *n)
{
    static const char half[] = ",():;~";
    static const char *const full[] = {"，", "（", "）", "：", "；", "～"};
    unsigned char c = (unsigned char)s[j];
    const char *h = c ? strchr(half, c) : NULL;
    if (c == ' ') { *n = 0; return 1; }
    if (e - j >= 3 && !memcmp(s + j, "　", 3)) { *n = 0; return 3; }
    if (h) { *out = full[h - half]; *n = 3; return 1; }
    size_t l = txt_u8len(c);
    if (l > e - j) l = e - j;
    *out = s + j;
    *n = l;
    return l;
}

static void fold_into(jx_buf *b, const char *s, size_t i, size_t e)
{
    while (i < e) {
        const char *o;
        size_t n;
        i += fold_char(s, i, e, &o, &n);
        if (n) jx_buf_put(b, o, n);
    }
}

static const char *const notes_of[] = {"(责任单位", "（责任单位", "(牵头单位", "（牵头单位", NULL};

/* An item's number at j of s (1. 1、 1．, not 1.5 nor 12、3): past it, else 0. */
static size_t item_number(const char *s, size_t n, size_t j)
{
    size_t d = j;
    if (j && ((s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == '.')) return 0;
    while (d < n && d - j < 4 && s[d] >= '0' && s[d] <= '9') d++;
    if (d == j || d - j > 3) return 0;
    while (d < n && s[d] == ' ') d++;
    if (d < n && s[d] == '.') d++;
    else if (n - d >= 3 && (!memcmp(s + d, "、", 3) || !memcmp(s + d, "．", 3))) d += 3;
    else return 0;
    while (d < n && s[d] == ' ') d++;
    return d < n && !(s[d] >= '0' && s[d] <= '9') ? d : 0;
}

static void known_add(known *K, const char *s, size_t j, size_t e)
{
    for (;;) {
        while (e > j && s[e - 1] == ' ') e--;
        if (e - j >= 3 && !memcmp(s + e - 3, "。", 3)) e -= 3;
        else break;
    }
    size_t off = K->b.len;
    fold_into(&K->b, s, j, e);
    if (K->b.len - off < 12) { K->b.len = off; return; }    /* four characters at least */
    kspan *sp = jx_vec_push(&K->spans);
    sp->off = off;
    sp->len = K->b.len - off;
    jx_index_add(&K->at, jx_hash(K->b.p + off, sp->len, JX_HASH_SEED), K->spans.n - 1);
}

/* The items: a line that opens with a number, up to its note; and, in a
 * line that a PDF export joined (a list run), each numbered text that its
 * note ends (…2. 在 100 个以上居民小区实施生命通道畅通示范工程。(责任单位: …)3. …). */
static void known_build(known *K)
{
    if (K->built) return;
    K->built = 1;
    for (size_t i = 0; i < K->t->nlines; i++) {
        const jx_line *l = &K->t->lines[i];
        const char *s = l->text;
        size_t n = l->len, j = 0, start = 0;
        while (j < n && s[j] == ' ') j++;
        if (n <= MAX_ROW && (start = item_number(s, n, j))) {
            size_t e = n;
            for (int k = 0; notes_of[k]; k++) {
                const char *f = txt_find(s + start, e - start, notes_of[k]);
                if (f) e = (size_t)(f - s);
            }
            known_add(K, s, start, e);
        }
        if (n < RUN_MIN) continue;
        start = 0;
        for (j = 0; j < n;) {
            size_t k = 0, b;
            if (s[j] >= '0' && s[j] <= '9' && (b = item_number(s, n, j))) {
                start = j = b;
                continue;
            }
            if (s[j] == '(' || (unsigned char)s[j] == 0xEF)     /* ( or （ */
                while (notes_of[k] && !at_lit(s, n, j, notes_of[k])) k++;
            if ((s[j] == '(' || (unsigned char)s[j] == 0xEF) && notes_of[k]) {
                if (start && j - start <= MAX_ROW) known_add(K, s, start, j);
                start = 0;
            }
            j += txt_u8len((unsigned char)s[j]);
        }
    }
}

static void known_free(known *K)
{
    jx_buf_free(&K->b);
    jx_vec_free(&K->spans);
    jx_index_free(&K->at);
}

/* Whether [s, e) of the run, folded to flen bytes hashing to h, is an item. */
static int known_has(known *K, run *r, size_t s, size_t e, size_t h, size_t flen)
{
    size_t pos = 0, k;
    jx_buf f = {0};
    int found = 0;
    while (!found && (k = jx_index_next(&K->at, h, &pos)) != JX_NONE) {
        const kspan *sp = &JX_AT(K->spans, kspan, k);
        if (sp->len != flen) continue;
        r->budget -= (long)(e - s);     /* paid as the look-ups are */
        if (!f.p) fold_into(&f, r->t, s, e);
        found = f.len == flen && !memcmp(f.p, K->b.p + sp->off, flen);
    }
    jx_buf_free(&f);
    return found;
}

/* [j, e) may be an indicator: a short text, no sentence's punctuation. */
static int indicator_like(run *r, size_t j, size_t e)
{
    int chars = 0;
    for (; j < e; j += txt_u8len((unsigned char)r->t[j]), chars++)
        if (chars >= 30 || at(r, j, "。") || at(r, j, "，") || at(r, j, "、") || at(r, j, "；") || r->t[j] == ',')
            return 0;
    return chars > 0;
}

/* The item's text in [ts, te) as the list prints it: after a grouping cell
 * (group: up to 12 Han characters, no punctuation, or none) and up to te,
 * or (glued) up to a first indicator that runs to te (*end: where that
 * begins, past the text's 。 if one ends it). 1, *start and *end when
 * exactly one such reading; 0 when none or several. */
static int known_text(run *r, known *K, size_t ts, size_t te, int group, int glued, size_t *start, size_t *end)
{
    int found = 0;
    size_t s = ts;
    for (int g = 0; g <= (group ? 12 : 0); g++) {
        if (g) {
            if (s + 3 > te || !is_han(r, s)) break;
            s += 3;
        }
        size_t h = JX_HASH_SEED, flen = 0;
        for (size_t j = s; j < te;) {
            const char *o;
            size_t n;
            if (--r->budget <= 0) return 0;
            j += fold_char(r->t, j, te, &o, &n);
            if (!n) continue;
            h = jx_hash(o, n, h);
            flen += n;
            /* glued: the indicator follows, after the text's 。 if it has one */
            size_t ind = glued && at(r, j, "。") ? j + 3 : j;
            if (glued ? ind < te && te - ind <= 120 && indicator_like(r, ind, te) : j == te)
                if (flen >= 12 && known_has(K, r, s, j, h, flen)) {
                    if (found++) return 0;
                    *start = s;
                    *end = ind;
                }
        }
    }
    return found;
}

/* ---- district tables ----
 *
 * A per-district target table (序号, its item, perhaps 单位, then a 全市 column
 * and one column per district, perhaps a 牵头单位 column after them) joined
 * into a run: 1为60岁以上老年人免费接种流感疫苗。436000540003500051000…12000//市卫生健康委2…
 * Cells that carry their own ends are told apart as printed: a / or — , a
 * 100% , a text value repeated along the row (儿童孤独症政策内报销比例不低于60%,
 * as table.c reads one), a unit word, unit names. Digits glued to digits are
 * split only where exactly one split gives the header's number of values
 * under the family's rules: no number starts with 0 but 0 and 0.x, a
 * decimal point stands between digits, and where the row is additive (a
 * number under 全市, the others numbers or /: the rule of jxgov check's
 * "districts sum to" warning) 全市 is the sum of the others, tried only
 * where the count leaves several readings. Nothing is guessed: a target
 * line with no reading or several loses its values, each said in t->notes.
 * A cell glued to an item's text (a grouping column's before it, with a 单位
 * column a first indicator after it) is told by the text as the notice's
 * own list prints it (tell_glued), an item it does not tell left out; a
 * grouping column none of whose cells is told, or an item whose cells are
 * not found, leaves the whole run as it was, and says so. */

#define DMAX 16             /* district columns */

enum { D_TEXT = 1, D_UNIT, D_LEAD, D_SPAN, D_CAT };
static const struct { const char *w; int role; } dheader_words[] = {
    {"事项名称", D_TEXT}, {"主要内容", D_TEXT}, {"项目内容", D_TEXT}, {"建设内容", D_TEXT},
    {"工作任务", D_TEXT}, {"主要工作任务", D_TEXT}, {"目标任务", D_TEXT}, {"事项", D_TEXT},
    {"项目名称", D_TEXT}, {"单位", D_UNIT}, {"计量单位", D_UNIT},
    {"市级牵头单位", D_LEAD}, {"牵头单位", D_LEAD}, {"责任单位", D_LEAD}, {"第一责任单位", D_LEAD},
    {"任务分解", D_SPAN}, {"建设任务", D_SPAN}, {"目标任务分解", D_SPAN},
    {"事项分类", D_CAT}, {"分类", D_CAT}, {"类别", D_CAT},
};

/* measure words a 单位 cell prints (the longest at a place wins: 万人, 人) */
static const char *const measures[] = {
    "覆盖率", "公里", "万人", "人次", "万元", "亿元", "平方米", "万平方米", "亩", "千米", "米", "吨",
    "个", "家", "条", "张", "人", "名", "处", "台", "场", "支", "所", "间", "户", "座", "辆", "项",
    "次", "套", "部", "批", "件", "只", "元", "比例", "率", "千瓦", "兆瓦", NULL};

typedef struct {
    int text, unit, lead;           /* the columns the header has */
    size_t nd;                      /* district columns */
    int additive;                   /* the first is 全市: the others add up to it */
    /* a grouping column: 0 none; 1 a 事项分类 whose cell the rows under it
     * take (the task's category), 2 a 项目名称 beside the content, naming
     * its own row only */
    int group;
    size_t gws, gwe;                /* its header word */
} dlayout;

/* A header word of a district table at i, *end past it; its role, 0 when none. */
static int dheader_word(run *r, size_t i, size_t *end)
{
    int best = 0;
    size_t best_len = 0;
    for (size_t w = 0; w < sizeof dheader_words / sizeof *dheader_words; w++) {
        size_t l = strlen(dheader_words[w].w);
        if (l > best_len && at(r, i, dheader_words[w].w)) { best = dheader_words[w].role; best_len = l; }
    }
    *end = i + best_len;
    return best;
}

/* The district whose cell is [i, j), -1 when none. */
static int dist_span(run *r, size_t i, size_t j)
{
    char buf[128];
    if (j - i >= sizeof buf) return -1;
    memcpy(buf, r->t + i, j - i);
    buf[j - i] = 0;
    return dist_cell(buf);
}

/* A district's header cell at i: the shortest [i, *end) that names one and
 * is followed by another's cell or by `stop` (the first row's 1). */
static int district_at(run *r, size_t i, size_t *end, int depth)
{
    if (i >= r->n || is_digit(r, i)) return -1;
    for (size_t j = i + txt_u8len((unsigned char)r->t[i]), chars = 1; j <= r->n && chars <= 20;
         j += j < r->n ? txt_u8len((unsigned char)r->t[j]) : 1, chars++) {
        if (is_digit(r, j - 1)) break;
        int d = dist_span(r, i, j);
        if (d < 0) continue;
        size_t e2;
        if (depth || is_digit(r, j) || j == r->n || dheader_word(r, j, &e2) == D_LEAD || district_at(r, j, &e2, 1) >= 0) {
            *end = j;
            return d;
        }
    }
    return -1;
}

/* One value to split: [s, e) digits and points, pct when a % ends it; or a
 * cell that carries its own ends (a /, —, a repeated text): fixed. */
typedef struct { size_t s, e; int pct, fixed; } vtok;

/* [s, e) as a number scaled by 10^4, -1 when not one the family prints. */
static long long part_value(run *r, size_t s, size_t e)
{
    if (s >= e || e - s > 13) return -1;   /* 12 digits and a point: no overflow below */
    if (r->t[s] == '0' && e - s > 1 && r->t[s + 1] != '.') return -1;     /* 05 */
    long long v = 0;
    int dec = -1;
    for (size_t k = s; k < e; k++) {
        if (r->t[k] == '.') {
            if (dec >= 0 || k == s || k + 1 == e) return -1;
            dec = 0;
            continue;
        }
        if (dec >= 0 && ++dec > 4) return -1;
        v = v * 10 + (r->t[k] - '0');
    }
    for (int k = dec < 0 ? 0 : dec; k < 4; k++) v *= 10;
    return v;
}

/* 全市 as the sum of the others, over a region of digits, points and /
 * (nothing else is added): mn[o][m] and mx[o][m] are the least and the
 * most that region[o..] read as m values sums to (NONE: no reading), and
 * the readings from (o, m, what is left of 全市) are counted once each
 * (memo): the search costs the states it meets, at most MEMO_SIZE / 2. */
#define REGION_MAX 512
#define TOKMAX 256
#define NONE LLONG_MAX
#define MEMO_SIZE (1 << 17)
typedef struct { long long rest; unsigned key, gen; unsigned char count; } memo_slot;
typedef struct {
    run *r;
    size_t base, len, nd, nmemo;
    unsigned gen;               /* this search's slots: no clearing between rows */
    int full;                   /* the memo ran out: too many states to tell */
    long long mn[REGION_MAX + 1][DMAX + 1], mx[REGION_MAX + 1][DMAX + 1];
    memo_slot memo[MEMO_SIZE];
} adder;

static memo_slot *memo_at(adder *A, size_t o, size_t m, long long rest)
{
    unsigned key = (unsigned)(o * (DMAX + 1) + m) + 1;
    unsigned long long h = (unsigned long long)rest * 0x9E3779B97F4A7C15ull ^ key * 0xC2B2AE3D27D4EB4Full;
    for (size_t i = (size_t)(h >> 40) & (MEMO_SIZE - 1);; i = (i + 1) & (MEMO_SIZE - 1)) {
        memo_slot *s = &A->memo[i];
        if (s->gen != A->gen || (s->key == key && s->rest == rest)) return s;
    }
}

/* The readings of region[o..] as m values summing to rest: 0, 1, 2 (or more). */
static int add_count(adder *A, size_t o, size_t m, long long rest)
{
    if (A->mn[o][m] == NONE || rest < A->mn[o][m] || rest > A->mx[o][m]) return 0;
    if (o == A->len) return 1;      /* m and rest 0: mn says so */
    memo_slot *s = memo_at(A, o, m, rest);
    if (s->gen == A->gen) return s->count;
    if (A->full || A->nmemo >= MEMO_SIZE / 2 || --A->r->split_budget <= 0) { A->full = 1; return 2; }
    const char *t = A->r->t + A->base;
    int c = 0;
    if (t[o] == '/') {
        c = add_count(A, o + 1, m - 1, rest);
    } else {
        for (size_t e = o + 1; e <= A->len && e <= o + 13 && t[e - 1] != '/' && c < 2; e++) {
            long long v = part_value(A->r, A->base + o, A->base + e);
            if (v < 0) continue;
            if (v > rest) break;
            c += add_count(A, e, m - 1, rest - v);
        }
    }
    if (c > 2) c = 2;
    s = memo_at(A, o, m, rest);     /* the table only grows: the slot is still free */
    s->gen = A->gen;
    s->key = (unsigned)(o * (DMAX + 1) + m) + 1;
    s->rest = rest;
    s->count = (unsigned char)c;
    A->nmemo++;
    return c;
}

/* The readings of [base, base + len) as nd values whose first is the sum
 * of the others: 0, 1 (in out), 2 (two or more, or too many to tell). */
static adder *scratch_adder(run *r);

static int additive_readings(run *r, size_t base, size_t len, size_t nd, size_t out[][2])
{
    adder *A = scratch_adder(r);
    if (len > REGION_MAX || !nd) return 2;
    A->r = r;
    A->base = base;
    A->len = len;
    A->nd = nd;
    A->full = 0;
    A->nmemo = 0;
    if (++A->gen == 0) {         /* wrapped: every slot's generation is stale but 0 */
        memset(A->memo, 0, sizeof A->memo);
        A->gen = 1;
    }
    const char *s = r->t + base;
    for (size_t o = len + 1; o-- > 0;)
        for (size_t m = 0; m <= nd; m++) {
            long long lo = NONE, hi = -1;
            if (o == len) {
                if (!m) lo = hi = 0;
            } else if (m && s[o] == '/') {
                lo = A->mn[o + 1][m - 1];
                hi = A->mx[o + 1][m - 1];
            } else if (m) {
                for (size_t e = o + 1; e <= len && e <= o + 13 && s[e - 1] != '/'; e++) {
                    long long v = part_value(r, base + o, base + e);
                    if (v < 0 || A->mn[e][m - 1] == NONE) continue;
                    if (v + A->mn[e][m - 1] < lo) lo = v + A->mn[e][m - 1];
                    if (v + A->mx[e][m - 1] > hi) hi = v + A->mx[e][m - 1];
                }
            }
            A->mn[o][m] = lo;
            A->mx[o][m] = lo == NONE ? -1 : hi;
        }
    /* the first value is 全市: the rest reads as nd - 1 values summing to it */
    int total = 0;
    size_t first = 0;
    for (size_t e = 1; e <= len && e <= 13 && s[e - 1] != '/' && total < 2; e++) {
        long long v = part_value(r, base, base + e);
        if (v < 0) continue;
        int c = add_count(A, e, nd - 1, v);
        if (c && !total) first = e;
        total += c;
    }
    if (A->full || total != 1) return A->full || total > 1 ? 2 : 0;
    /* the one reading: at each step the one way on that still reads */
    out[0][0] = base;
    out[0][1] = base + first;
    long long rest = part_value(r, base, base + first);
    size_t o = first;
    for (size_t m = nd - 1; m > 0; m--) {
        size_t e = o + 1;
        long long v = 0;
        if (s[o] != '/')
            for (; e <= len && e <= o + 13 && s[e - 1] != '/'; e++) {
                v = part_value(r, base + o, base + e);
                if (v >= 0 && v <= rest && add_count(A, e, m - 1, rest - v) == 1) break;
            }
        out[nd - m][0] = base + o;
        out[nd - m][1] = base + e;
        rest -= s[o] == '/' ? 0 : v;
        o = e;
    }
    return 1;
}

/* A text value at i that the row repeats (儿童孤独症政策内报销比例不低于60% ×8):
 * its length, 0 when none. It runs to its first %, holds no 。 or ，. */
static size_t repeated_text(run *r, size_t i, size_t e)
{
    if (!is_han(r, i)) return 0;
    size_t j = i;
    while (j < e && r->t[j] != '%' && j - i < 120) {
        if (at(r, j, "。") || at(r, j, "，") || at(r, j, "/")) return 0;
        j += txt_u8len((unsigned char)r->t[j]);
    }
    if (j >= e || r->t[j] != '%') return 0;
    size_t l = j + 1 - i;
    if (e - (i + l) < l || memcmp(r->t + i, r->t + i + l, l)) return 0;
    return l;
}

static int value_start(run *r, size_t i)
{
    return is_digit(r, i) || at(r, i, "/") || at(r, i, "—") || at(r, i, "－");
}

/* A district run's working tables, too large for the stack: allocated
 * once a run (calloc: untouched pages cost nothing). */
struct dscratch {
    adder add;
    unsigned char ways[DMAX * 2][TOKMAX + 1][DMAX + 1];
};
static adder *scratch_adder(run *r) { return &r->scratch->add; }
static unsigned char (*scratch_ways(run *r))[TOKMAX + 1][DMAX + 1] { return r->scratch->ways; }

/* The ways to split token k into c numbers (c = 0 .. DMAX), each 0 1 or 2
 * (2: two or more); f[j][c] for its first j characters, kept for the
 * reading. Linear in the token's length times its length bound (16). */
static void token_ways(run *r, const vtok *k, unsigned char f[][DMAX + 1])
{
    size_t n = k->e - k->s - (k->pct ? 1 : 0);
    memset(f, 0, (n + 1) * sizeof *f);
    f[0][0] = 1;
    for (size_t j = 1; j <= n; j++)
        for (size_t i = j > 16 ? j - 16 : 0; i < j; i++) {
            if (part_value(r, k->s + i, k->s + j) < 0) continue;
            for (size_t c = 1; c <= DMAX; c++) {
                unsigned w = f[j][c] + f[i][c - 1];
                f[j][c] = (unsigned char)(w > 2 ? 2 : w);
            }
        }
}

/* How many ways the tokens read as nd values (0, 1, 2: two or more); the
 * one reading in out when there is one. */
static int count_readings(run *r, const vtok *tok, size_t nt, size_t nd, size_t out[][2])
{
    unsigned char (*f)[TOKMAX + 1][DMAX + 1] = scratch_ways(r);
    unsigned char g[DMAX * 2 + 1][DMAX + 1];    /* tokens before t give n values */
    memset(g, 0, sizeof g);
    g[0][0] = 1;
    for (size_t t = 0; t < nt; t++) {
        size_t n = tok[t].e - tok[t].s - (tok[t].pct ? 1 : 0);
        if (!tok[t].fixed) {
            if (n > TOKMAX) return 0;
            token_ways(r, &tok[t], f[t]);
        }
        for (size_t a = 0; a <= nd; a++) {
            if (!g[t][a]) continue;
            for (size_t c = 1; a + c <= nd; c++) {
                unsigned w = tok[t].fixed ? (c == 1) : f[t][n][c];
                if (!w) continue;
                w = g[t + 1][a + c] + g[t][a] * w;
                g[t + 1][a + c] = (unsigned char)(w > 2 ? 2 : w);
            }
        }
    }
    if (g[nt][nd] != 1) return g[nt][nd];
    /* the one reading, from the last token back */
    size_t left = nd, v = nd;
    for (size_t t = nt; t-- > 0;) {
        size_t n = tok[t].e - tok[t].s - (tok[t].pct ? 1 : 0), c;
        for (c = 1; c <= left; c++)
            if (g[t][left - c] && (tok[t].fixed ? c == 1 : f[t][n][c])) break;
        left -= c;
        if (tok[t].fixed) {
            v--;
            out[v][0] = tok[t].s;
            out[v][1] = tok[t].e;
            continue;
        }
        for (size_t j = n; c; c--) {
            size_t i = j > 16 ? j - 16 : 0;
            while (i < j && !(f[t][i][c - 1] && part_value(r, tok[t].s + i, tok[t].s + j) >= 0)) i++;
            v--;
            out[v][0] = tok[t].s + i;
            out[v][1] = j == n ? tok[t].e : tok[t].s + j;
            j = i;
        }
    }
    return 1;
}

/* The values of one row line from i (tokens up to the first character that
 * ends them: a Han character not opening a repeated text); read as nd values.
 * 1 and the cells in out[][2] when exactly one reading, 0 when none, -1 when
 * several (or too many to tell). *end past the values. */
static int read_values(run *r, size_t i, size_t e, const dlayout *L, size_t out[][2], size_t *end)
{
    vtok tok[DMAX * 2];
    size_t nt = 0, p = i, rep = 0;
    int additive = L->additive;
    while (p < e && nt < DMAX * 2) {
        size_t l;
        if (is_digit(r, p)) {
            size_t s = p;
            while (p < e && (is_digit(r, p) || r->t[p] == '.')) p++;
            int pct = p < e && r->t[p] == '%';
            if (pct) { p++; additive = 0; }
            tok[nt++] = (vtok){s, p, pct, 0};
        } else if (at(r, p, "/")) {
            tok[nt++] = (vtok){p, p + 1, 0, 1};
            p++;
        } else if (at(r, p, "—") || at(r, p, "－")) {
            tok[nt++] = (vtok){p, p + 3, 0, 1};
            p += 3;
            additive = 0;
        } else if ((rep && p + rep <= e && !memcmp(r->t + p, r->t + p - rep, rep) && (l = rep)) ||
                   (l = repeated_text(r, p, e))) {
            tok[nt++] = (vtok){p, p + l, 0, 1};
            rep = l;
            p += l;
            additive = 0;
        } else {
            break;
        }
    }
    /* sums_up's rule: a number under 全市 */
    if (!nt || tok[0].fixed) additive = 0;
    *end = p;
    /* the count alone first; 全市 as the sum of the others only to choose
     * between readings (a row that does not add up, as two of the seeds'
     * do, still reads where its cells allow one reading) */
    int found = count_readings(r, tok, nt, L->nd, out);
    if (found != 1 && additive) found = additive_readings(r, i, p - i, L->nd, out);
    return found == 1 ? 1 : found == 0 ? 0 : -1;
}

/* The measure word ending exactly at e, from s on: its start, e when none. */
static size_t measure_before(run *r, size_t s, size_t e)
{
    size_t best = e;
    for (int k = 0; measures[k]; k++) {
        size_t l = strlen(measures[k]);
        if (e - s >= l && !memcmp(r->t + e - l, measures[k], l) && e - l < best) best = e - l;
    }
    return best;
}

typedef struct {
    size_t ts, te;          /* the item's text (line 1), the indicator (others) */
    size_t is, ie;          /* line 1's indicator (a table without a 单位 column) */
    size_t us, ue;          /* the 单位 cell */
    size_t v[DMAX][2];      /* the values */
    size_t vs, ve;          /* what they were printed as */
    int unread;             /* 0, or the values read in no way (1) or several (2) */
    size_t u0, nu;          /* its units: dset.units[u0 .. u0 + nu) */
    long num;               /* 序号, 0 on an indicator line */
    int glued;              /* line 1 of an item whose indicator is glued to its text */
    size_t gs, ge;          /* line 1's grouping cell (empty: merged with the cell above) */
    int lost;               /* line 1 of an item left out: 1 its cells not told, 2 its group */
} dline;

typedef struct { dline *l; size_t n, cap; jx_vec units; } dset;

static dline *push_dline(dset *d)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 32;
        d->l = jx_xrealloc(d->l, d->cap * sizeof *d->l);
    }
    memset(&d->l[d->n], 0, sizeof *d->l);
    return &d->l[d->n++];
}

static void dset_free(dset *d)
{
    free(d->l);
    jx_vec_free(&d->units);
}

/* The lines of one item after its text, [p, e): values, units, then the
 * indicator lines. 1 when its cells are found (lines appended; a line whose
 * values do not read one way is marked unread), 0 when not. *all: every
 * line's values read. */
/* [s, e) holds no value: no digit, no /. */
static int last_item(run *r, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (value_start(r, k)) return 0;
    return 1;
}

static int read_tail(run *r, size_t p, size_t e, const dlayout *L, dset *d, dline *first, int *all, size_t *rest)
{
    size_t n0 = d->n;
    dline cur = *first;
    *all = 1;
    if (rest) *rest = e;
    for (int line = 0;; line++) {
        if (line) {
            /* an indicator line: its indicator (no 。 in it), its unit, values */
            memset(&cur, 0, sizeof cur);
            size_t s = p;
            while (p < e && !value_start(r, p) && !repeated_text(r, p, e) && !at(r, p, "。"))
                p += txt_u8len((unsigned char)r->t[p]);
            /* after the last item, text that holds no values follows the table
             * (抄送：… joined on) */
            if (rest != NULL && (p >= e || at(r, p, "。")) && s > first->ts && last_item(r, s, e)) {
                *rest = s;
                break;
            }
            if (p == s || p >= e || at(r, p, "。")) { d->n = n0; return 0; }
            cur.ts = s;
            cur.te = p;
            if (L->unit) {
                cur.us = measure_before(r, s, p);
                cur.ue = p;
                if (cur.us == p || cur.us == s) { d->n = n0; return 0; }
                cur.te = cur.us;
            }
        }
        size_t end;
        int rc = read_values(r, p, e, L, cur.v, &end);
        if (end == p) { d->n = n0; return 0; }
        cur.vs = p;
        cur.ve = end;
        cur.unread = rc == 1 ? 0 : rc == 0 ? 1 : 2;
        if (cur.unread) *all = 0;
        p = end;
        unit u[MAX_UNITS];
        size_t nu = 0;
        if (L->lead && p < e) p = unit_run(r, p, e, u, &nu);
        dline *w = push_dline(d);
        *w = cur;
        w->u0 = d->units.n;
        w->nu = nu;
        for (size_t k = 0; k < nu; k++) *(unit *)jx_vec_push(&d->units) = u[k];
        if (p >= e) break;
    }
    /* an item split over indicators prints one beside its text too: in a
     * table with a 单位 column it is glued to the text, not to be told apart */
    if (L->unit && d->n - n0 > 1) d->l[n0].glued = 1;
    return 1;
}

/* Item [b, e) of number num: its text, then its tail. The places the text
 * may end (a 。 where the table has no 单位 column, else a measure word right
 * before the values) are tried in order: the first whose values all read,
 * else the first whose cells are found (its unread values then marked). A
 * later place would take a whole target line into the text (…校外暑托名
 * 1025125125100125100225225///校内暑托名…). 1 when so (lines appended). */
static int read_item(run *r, size_t b, size_t e, long num, const dlayout *L, dset *d, int last, size_t *rest)
{
    int found = 0;
    dset best = {NULL, 0, 0, JX_VEC(unit)};
    *rest = e;
    for (size_t p = b + 3; p < e && !found; p += txt_u8len((unsigned char)r->t[p])) {
        dline first = {0};
        first.num = num;
        first.ts = b;
        size_t tail;
        if (L->unit) {
            if (!value_start(r, p) || !is_han(r, p - 3)) continue;
            first.us = measure_before(r, b, p);
            if (first.us == p || first.us == b) continue;
            first.ue = p;
            first.te = first.us;
            tail = p;
        } else {
            if (!sentence_end(r, p)) continue;
            first.te = p;
            first.is = first.ie = p;
            while (first.ie < e && !value_start(r, first.ie) && !repeated_text(r, first.ie, e) &&
                   !at(r, first.ie, "。"))
                first.ie += txt_u8len((unsigned char)r->t[first.ie]);
            if (first.ie >= e || at(r, first.ie, "。")) continue;
            tail = first.ie;
        }
        if (--r->budget <= 0) break;
        int all;
        if (read_tail(r, tail, e, L, &best, &first, &all, last ? rest : NULL)) found = 1;
    }
    for (size_t k = 0; k < best.n; k++) {
        dline *w = push_dline(d);
        *w = best.l[k];
        w->u0 = d->units.n;
        for (size_t j = 0; j < w->nu; j++) *(unit *)jx_vec_push(&d->units) = JX_AT(best.units, unit, best.l[k].u0 + j);
    }
    dset_free(&best);
    return found;
}

/* The number num at i, glued to what stands before it, followed by an
 * item's text (a character that opens no value): its length, else 0. */
static size_t seq_at(run *r, size_t i, long num)
{
    char buf[24];
    int k = snprintf(buf, sizeof buf, "%ld", num);
    if (!at(r, i, buf)) return 0;
    size_t j = i + (size_t)k;
    if (j >= r->n || is_digit(r, j) || r->t[j] == '.' || r->t[j] == '%' || value_start(r, j)) return 0;
    return (size_t)k;
}

/* The header of a district table at h (序号 …): 1 and the layout, *end past
 * it; 0 when it is none. With a grouping column, *why says what leaves the
 * run as printed when no row's grouping cell can be told. */
static int district_header(run *r, size_t h, dlayout *L, size_t *end, int *dist, size_t *ndist,
                           const char **why)
{
    size_t pos = h + strlen("序号"), e;
    int role, span = 0;
    memset(L, 0, sizeof *L);
    while ((role = dheader_word(r, pos, &e))) {
        if ((role == D_TEXT && L->text) || (role == D_UNIT && L->unit)) return 0;
        if (role == D_CAT) {
            if (L->group || L->text) return 0;
            *why = "its grouping column (事项分类) cannot be told from the items' text";
            L->group = 1;
            L->gws = pos;
            L->gwe = e;
        }
        if (role == D_TEXT && at(r, pos, "项目名称") && dheader_word(r, e, &e) == D_TEXT) {
            /* 项目名称 beside the content: a grouping column (000's annex) */
            if (L->group) return 0;
            *why = "its 项目名称 column cannot be told from the items' text";
            L->group = 2;
            L->gws = pos;
            L->gwe = pos + strlen("项目名称");
            L->text = 1;
            pos = e;
            continue;
        }
        if (role == D_TEXT) L->text = 1;
        if (role == D_UNIT) L->unit = 1;
        if (role == D_SPAN) span = 1;
        if (role == D_LEAD) {
            if (!span || L->lead) return 0;        /* a unit column before the values: not read here */
            L->lead = 1;
        }
        pos = e;
    }
    if (!L->text) return 0;
    int d;
    *ndist = 0;
    while (*ndist < DMAX && (d = district_at(r, pos, &e, 0)) >= 0) {
        dist[(*ndist)++] = d;
        pos = e;
    }
    if (*ndist < 2) return 0;
    if (!L->lead && dheader_word(r, pos, &e) == D_LEAD) {
        L->lead = 1;
        pos = e;
    }
    L->nd = *ndist;
    L->additive = dist[0] == 0;
    *end = pos;
    return 1;
}

static void note(jx_vec *notes, long no, char *text)
{
    jx_line *l = jx_vec_push(notes);
    l->text = text;
    l->len = strlen(text);
    l->no = no;
}

/* Where the run glued a cell to an item's text (a grouping cell before
 * it; with a 单位 column, the first indicator after it), the text as the
 * notice's list prints it tells them apart; an item it does not tell is
 * left out, and, a 事项分类 cell being its rows' category, so are the rows
 * under it up to the next grouping cell told. How many items are told. */
static size_t tell_glued(run *r, const dlayout *L, dset *d, known *K)
{
    size_t told = 0, stops = 0, others = 0;
    int group_known = 1;
    /* a table whose every other item's text ends in 。 ends a glued one's
     * there too: its first indicator is what follows its last 。 */
    for (size_t i = 0; i < d->n; i++) {
        const dline *w = &d->l[i];
        if (!w->num || w->glued) continue;
        others++;
        size_t te = w->te;
        while (te > w->ts && r->t[te - 1] == ' ') te--;
        if (te >= w->ts + 3 && at(r, te - 3, "。")) stops++;
    }
    int stop_ends = !L->group && others >= 2 && stops == others;
    for (size_t i = 0; i < d->n; i++) {
        dline *w = &d->l[i];
        if (!w->num) continue;
        w->gs = w->ge = w->ts;
        if (!L->group && !w->glued) continue;
        known_build(K);
        size_t te = w->te, st, en;
        while (te > w->ts && r->t[te - 1] == ' ') te--;
        if (!w->glued && te >= w->ts + 3 && at(r, te - 3, "。")) te -= 3;
        int told_here = known_text(r, K, w->ts, te, L->group != 0, w->glued, &st, &en);
        if (!told_here && w->glued && stop_ends) {
            const char *last = NULL, *f;
            for (size_t q = w->ts; (f = txt_find(r->t + q, te - q, "。")); q = (size_t)(f - r->t) + 3) last = f;
            if (last && indicator_like(r, (size_t)(last - r->t) + 3, te)) {
                st = w->ts;
                en = (size_t)(last - r->t) + 3;
                told_here = 1;
            }
        }
        if (!told_here) {
            w->lost = 1;
            if (L->group == 1) group_known = 0;
            continue;
        }
        w->ge = w->ts = st;
        if (w->glued) {
            /* line 1's indicator, then its 单位 cell */
            w->is = en;
            w->ie = w->te;
            w->te = en;
            w->glued = 0;
        }
        if (L->group == 1 && w->ge > w->gs) group_known = 1;
        if (!group_known) w->lost = 2;
        else told++;
    }
    return told;
}

static int unrun_districts(jx_arena *a, const jx_line *ln, run *r, size_t h0, size_t head_end, jx_vec *out,
                           jx_vec *notes, known *K)
{
    dlayout L;
    int dist[DMAX];
    size_t nd, body;
    const char *why = NULL;
    if (!district_header(r, h0, &L, &body, dist, &nd, &why)) return 0;
    long no = ln->no;
    const char *left = "a per-district table joined into one line is left as printed: ";
    r->scratch = jx_xcalloc(1, sizeof *r->scratch);
    const char *tail_note = txt_find(r->t + body, r->n - body, "注：");
    size_t stop = tail_note ? (size_t)(tail_note - r->t) : r->n;
    dset d = {NULL, 0, 0, JX_VEC(unit)};
    size_t hlen = body - h0, p = body;
    long num = 0;
    int ok = 1;
    while (p < stop && ok) {
        /* the header again, after a page break */
        if (stop - p >= hlen && !memcmp(r->t + p, r->t + h0, hlen)) { p += hlen; continue; }
        size_t k = seq_at(r, p, num + 1);
        if (!k) { ok = 0; break; }
        size_t b = p + k, q, lim = stop - b > MAX_ROW ? b + MAX_ROW : stop;
        int found = 0;
        for (q = b + 1; q <= lim && !found; q++) {
            if (q < lim && !seq_at(r, q, num + 2) && !(stop - q >= hlen && !memcmp(r->t + q, r->t + h0, hlen)))
                continue;
            size_t rest;
            found = read_item(r, b, q, num + 1, &L, &d, q == stop, &rest);
            if (found && q == stop && rest < stop) stop = q = rest;
            if (found) break;
        }
        if (!found || r->budget <= 0 || r->split_budget <= 0) { ok = 0; break; }
        num++;
        p = q;
    }
    free(r->scratch);
    r->scratch = NULL;
    if (!ok || !d.n) {
        note(notes, no, L.group ? jx_sprintf(a, "%s%s", left, why)
                                : jx_sprintf(a, "%sitem %ld does not read", left, num + 1));
        dset_free(&d);
        return 0;
    }
    if (!tell_glued(r, &L, &d, K) && L.group) {
        note(notes, no, jx_sprintf(a, "%s%s", left, why));
        dset_free(&d);
        return 0;
    }
    size_t hs = 0;
    while (hs < head_end && r->t[hs] == ' ') hs++;
    if (head_end > hs) {
        emit(out, a, no, r->t + hs, head_end - hs);
        emit(out, a, no, "", 0);
    }
    /* the header as one row: 序号, the item, 单位, the districts, the units */
    size_t pos = h0 + strlen("序号"), e;
    int role;
    char *cell;
    emit_cell(out, a, no, "序号", strlen("序号"));
    const char *lead_word = NULL;
    size_t lead_len = 0;
    while ((role = dheader_word(r, pos, &e))) {
        if (role == D_TEXT || role == D_UNIT || role == D_CAT) emit_cell(out, a, no, r->t + pos, e - pos);
        if (role == D_LEAD) { lead_word = r->t + pos; lead_len = e - pos; }
        pos = e;
    }
    for (size_t k = 0; k < nd; k++) {
        district_at(r, pos, &e, 0);
        emit_cell(out, a, no, r->t + pos, e - pos);
        pos = e;
    }
    if (!lead_word && L.lead) {
        dheader_word(r, pos, &e);
        lead_word = r->t + pos;
        lead_len = e - pos;
    }
    if (lead_word) emit_cell(out, a, no, lead_word, lead_len);
    long item = 0;
    int skip = 0;
    for (size_t i = 0; i < d.n; i++) {
        const dline *w = &d.l[i];
        if (w->num) {
            int gw = (int)(L.gwe - L.gws);
            const char *g = r->t + L.gws;
            item = w->num;
            skip = w->glued || w->lost;
            if (w->lost == 2)
                note(notes, no, jx_sprintf(a, "item %ld: its %.*s is that of an item above it whose %.*s cell "
                                              "cannot be told; the item is left out", item, gw, g, gw, g));
            else if (skip && L.group)
                note(notes, no, jx_sprintf(a, "item %ld: its %.*s cell%s cannot be told from its text%s; the item "
                                              "is left out", item, gw, g, w->glued ? " and its first indicator" : "",
                                              w->glued ? " (a 单位 column)" : ""));
            else if (skip)
                note(notes, no, jx_sprintf(a, "item %ld: its first indicator cannot be told from its text "
                                              "(a 单位 column); the item is left out", item));
        }
        if (skip) continue;
        if (w->unread) {
            const char *ind = w->num ? (w->ie > w->is ? r->t + w->is : NULL) : r->t + w->ts;
            size_t il = w->num ? w->ie - w->is : w->te - w->ts;
            note(notes, no, jx_sprintf(a, "item %ld%s%.*s: %.*s reads as %zu values in %s; its values are left out",
                                          item, ind ? " " : "", ind ? (int)il : 0, ind ? ind : "",
                                          (int)(w->ve - w->vs), r->t + w->vs, nd,
                                          w->unread == 1 ? "no way" : "more than one way"));
            /* an indicator line is nothing but its values */
            if (!w->num) continue;
        }
        emit(out, a, no, "", 0);
        if (w->num) {
            cell = jx_sprintf(a, "%ld", w->num);
            emit_cell(out, a, no, cell, strlen(cell));
        } else {
            emit_cell(out, a, no, "", 0);
        }
        if (L.group) emit_cell(out, a, no, r->t + w->gs, w->ge - w->gs);
        /* an indicator line: no text, its indicator where line 1 has one */
        if (!w->num) emit_cell(out, a, no, "", 0);
        emit_cell(out, a, no, r->t + w->ts, w->te - w->ts);
        if (w->ie > w->is) emit_cell(out, a, no, r->t + w->is, w->ie - w->is);
        if (L.unit) emit_cell(out, a, no, r->t + w->us, w->ue - w->us);
        if (!w->unread)
            for (size_t k = 0; k < nd; k++) emit_cell(out, a, no, r->t + w->v[k][0], w->v[k][1] - w->v[k][0]);
        /* (no units: the vector may hold none, and NULL + 0 is undefined) */
        if (L.lead) emit_units(out, a, no, r, w->nu ? &JX_AT(d.units, unit, w->u0) : NULL, 0, w->nu);
    }
    dset_free(&d);
    if (stop < r->n) {
        emit(out, a, no, "", 0);
        emit(out, a, no, r->t + stop, r->n - stop);
    }
    return 1;
}

/* Rewrites one run; 0 (out untouched) when it does not read as a table. */
/* The table's header printed again at q (a section of the table under
 * each leader, 二、…重点工作序号内容与要求责任单位1…): the same columns as
 * roles[0..nh); its end, else 0. */
static size_t header_again(run *r, size_t q, const int *roles, int nh)
{
    if (!at(r, q, "序号")) return 0;
    size_t pos = q, end;
    int k = 0, role;
    for (int prev = -1; k < nh && (role = column_at(r, pos, prev, &end)) >= 0; prev = role, pos = end)
        if (role != roles[k++]) return 0;
    return k == nh ? pos : 0;
}

/* A first group heading printed just before the header, not under it
 * (…责任分工一、徐国龙副市长重点工作序号…): where its 一、 starts, e when
 * none. Its text is a heading's: Han characters only, 30 at most. */
static size_t group_before(run *r, size_t s, size_t e)
{
    size_t q = e;
    for (int chars = 0; chars <= 30 && q >= s + 6; chars++) {
        if (q < e && at(r, q - 3, "、") && at(r, q - 6, "一") &&
            !(q >= s + 9 && (at(r, q - 9, "十") || at(r, q - 9, "第"))))
            return q - 6;
        if (!is_han(r, q - 3) || at(r, q - 3, "，") || at(r, q - 3, "。") || at(r, q - 3, "；") ||
            at(r, q - 3, "：") || at(r, q - 3, "、"))
            break;
        q -= 3;
    }
    return e;
}

static void emit_trimmed(jx_vec *out, jx_arena *a, long no, const char *t, size_t s, size_t e)
{
    while (s < e && t[s] == ' ') s++;
    while (e > s && t[e - 1] == ' ') e--;
    if (e > s) emit(out, a, no, t + s, e - s);
}

/* The text before the table, [s, e): a page that copied the whole notice
 * onto one line holds its sign-off there, the issuer's name and the date
 * with a space on each side, as the two lines they were joined
 * (…投资项目责任分工 绍兴市人民政府办公室 2021年2月5日 市政府2021年重点工作
 * 责任分工): they are given those lines back, so that the date is read as
 * the notice's 成文 date and the list heading after it as a heading. Only
 * the last such pair, and only a full signature and a whole date. */
static void emit_head(jx_vec *out, jx_arena *a, long no, run *r, size_t s, size_t e)
{
    size_t ps[2] = {0, 0}, pe[2] = {0, 0}, got = 0;     /* the last two pieces between spaces */
    size_t sig_s = 0, sig_e = 0, date_s = 0, date_e = 0;
    for (size_t i = s; i < e;) {
        while (i < e && r->t[i] == ' ') i++;
        if (i >= e) break;
        size_t j = i;
        while (j < e && r->t[j] != ' ') j++;
        ps[0] = ps[1];
        pe[0] = pe[1];
        ps[1] = i;
        pe[1] = j;
        jx_tok t;
        if (++got >= 2 && lex_signature(r->t + ps[0], pe[0] - ps[0]) && lex_date(r->t + ps[1], pe[1] - ps[1], &t)) {
            sig_s = ps[0];
            sig_e = pe[0];
            date_s = ps[1];
            date_e = pe[1];
        }
        i = j;
    }
    if (!date_e) {
        emit_trimmed(out, a, no, r->t, s, e);
        return;
    }
    emit_trimmed(out, a, no, r->t, s, sig_s);
    emit(out, a, no, r->t + sig_s, sig_e - sig_s);
    emit(out, a, no, r->t + date_s, date_e - date_s);
    emit_trimmed(out, a, no, r->t, date_e, e);
}

static int unrun_line(jx_arena *a, const jx_line *ln, jx_vec *out, jx_vec *notes, known *K)
{
    const char *seq = txt_find(ln->text, ln->len, "序号");
    if (!seq) return 0;
    run r;
    size_t n;
    r.t = drop_pages(a, ln->text, ln->len, &n);
    r.n = n;
    r.budget = 64 * (long)n + 100000;
    r.split_budget = 16 * (long)n + 1000000;
    size_t h0 = (size_t)(txt_find(r.t, r.n, "序号") - r.t);
    /* the header: 序号, one text column, one or two unit columns */
    int roles[8], nh = 0, printed[8], np;
    size_t pos = h0, end;
    int role;
    while (nh < 8 && (role = column_at(&r, pos, nh ? roles[nh - 1] : -1, &end)) >= 0) {
        roles[nh++] = role;
        pos = end;
    }
    np = nh;
    memcpy(printed, roles, sizeof roles);
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
    size_t head_end = h0;
    for (int k = 0; group_labels[k]; k++) {
        size_t l = strlen(group_labels[k]);
        if (h0 >= l && !memcmp(r.t + h0 - l, group_labels[k], l)) { head_end = h0 - l; break; }
    }
    if (nh < 3 || nh > 4 || roles[0] != H_SEQ || roles[1] != H_TEXT || roles[2] != H_LEAD ||
        (nh == 4 && roles[3] != H_MEMBER))
        return unrun_districts(a, ln, &r, h0, h0, out, notes, K);
    size_t body = pos;
    /* the text after the table: a 注：… line */
    const char *note = txt_find(r.t + body, r.n - body, "注：");
    size_t stop = note ? (size_t)(note - r.t) : r.n;

    rowset rs = {NULL, 0, 0, JX_VEC(unit)};
    long seq_last = 0, group_last = 0;
    int after_group = 0;
    int ok = 1;
    size_t p = body, hg = group_before(&r, 0, head_end), again;
    if (hg < head_end) {
        /* the first group's heading, printed above the header: its group row */
        row *w = push_row(&rs);
        w->group = group_last = 1;
        w->ts = hg + strlen("一、");
        w->te = head_end;
        after_group = 1;
        head_end = hg;
    }
    while (p < stop && ok) {
        while (p < stop && r.t[p] == ' ') p++;
        if (p >= stop) break;
        if ((again = header_again(&r, p, printed, np))) {
            p = again;      /* the header printed again under a group heading */
            continue;
        }
        size_t g = group_at(&r, p, group_last + 1);
        if (g) {
            /* a group heading runs up to the number that continues the
             * sequence, or to the header printed again under it */
            size_t q = p + g, ne = 0;
            for (; q < stop; q += txt_u8len((unsigned char)r.t[q]))
                if ((ne = number_at(&r, q, seq_last + 1)) || (ne = number_at(&r, q, 1)) ||
                    header_again(&r, q, printed, np))
                    break;
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
            if (!number_at(&r, q, num + 1) && !group_at(&r, q, group_last + 1) &&
                !header_again(&r, q, printed, np))
                continue;
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
        emit_head(out, a, no, &r, hs, head_end);
        emit(out, a, no, "", 0);
    }
    pos = h0;
    for (int prev = -1; (role = column_at(&r, pos, prev, &end)) >= 0; prev = role, pos = end) {
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
    jx_vec out = JX_VEC(jx_line), notes = JX_VEC(jx_line);
    known K = {t, 0, {0}, JX_VEC(kspan), {0}};
    int changed = 0;
    for (i = 0; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (l->len >= RUN_MIN && !memchr(l->text, '\t', l->len) && unrun_line(a, l, &out, &notes, &K)) {
            changed = 1;
            continue;
        }
        *(jx_line *)jx_vec_push(&out) = *l;
    }
    known_free(&K);
    if (changed) {
        t->lines = jx_alloc(a, out.n * sizeof *t->lines);
        memcpy(t->lines, out.p, out.n * sizeof *t->lines);
        t->nlines = out.n;
    }
    jx_vec_free(&out);
    if (notes.n) {
        t->notes = jx_alloc(a, notes.n * sizeof *t->notes);
        memcpy(t->notes, notes.p, notes.n * sizeof *t->notes);
        t->nnotes = notes.n;
    }
    jx_vec_free(&notes);
}
