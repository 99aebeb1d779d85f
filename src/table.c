/* table.c: Word tables exported as text, rebuilt into rows of cells.
 *
 * Two export styles occur. One cell per line: a line starting with a tab
 * starts a cell, a line without one continues the previous cell (even after
 * a blank line, as page breaks and vertical header text 南/湖/区 do), and a
 * tab line after a blank line starts a new row. One row per line: cells are
 * separated by tabs, leading empty cells being merged ones. Where cell-per-
 * line rows are not separated by blank lines, the header's width decides. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    jx_arena *a;
    jx_vec *rows;
    jx_vec cells;           /* jx_cell of the row being built */
    jx_vec pieces;          /* jx_buf per cell of the row being built */
    long row_line;
} builder;

static void flush(builder *b)
{
    if (!b->cells.n) return;
    jx_row *r = jx_vec_push(b->rows);
    r->n = b->cells.n;
    r->line = b->row_line;
    r->cells = jx_alloc(b->a, r->n * sizeof *r->cells);
    for (size_t i = 0; i < r->n; i++) {
        jx_buf *pb = &JX_AT(b->pieces, jx_buf, i);
        r->cells[i] = JX_AT(b->cells, jx_cell, i);
        r->cells[i].text = txt_squash_dup(b->a, pb->p ? pb->p : "", pb->len);
        jx_buf_free(pb);
    }
    b->cells.n = b->pieces.n = 0;
}

/* Flushes the first k cells as a row and keeps the rest as the open row. */
static void flush_first(builder *b, size_t k)
{
    size_t n = b->cells.n;
    if (k >= n) { flush(b); return; }
    jx_vec rest_cells = JX_VEC(jx_cell), rest_pieces = JX_VEC(jx_buf);
    for (size_t i = k; i < n; i++) {
        *(jx_cell *)jx_vec_push(&rest_cells) = JX_AT(b->cells, jx_cell, i);
        *(jx_buf *)jx_vec_push(&rest_pieces) = JX_AT(b->pieces, jx_buf, i);
    }
    b->cells.n = b->pieces.n = k;
    flush(b);
    for (size_t i = 0; i < rest_cells.n; i++) {
        *(jx_cell *)jx_vec_push(&b->cells) = JX_AT(rest_cells, jx_cell, i);
        *(jx_buf *)jx_vec_push(&b->pieces) = JX_AT(rest_pieces, jx_buf, i);
    }
    b->row_line = JX_AT(b->cells, jx_cell, 0).line;
    jx_vec_free(&rest_cells);
    jx_vec_free(&rest_pieces);
}

/* A line that is one empty cell: a tab, perhaps spaces after it. */
static int empty_cell_line(const jx_line *ln)
{
    if (!ln->len || ln->text[0] != '\t') return 0;
    for (size_t k = 1; k < ln->len; k++)
        if (ln->text[k] != ' ') return 0;
    return 1;
}

/* The row number s[0..n) holds: digits, spaces allowed, and perhaps a `*`
 * after them (1*: a list marks its key items so, and the number is the
 * row's all the same; no view keeps the mark); else -1. */
static long row_number(const char *s, size_t n)
{
    long v = -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ') continue;
        if (v >= 0 && (c == '*' || txt_starts(s + i, n - i, "＊"))) {
            i += c == '*' ? 0 : 2;
            while (i + 1 < n && s[i + 1] == ' ') i++;
            return i + 1 == n ? v : -1;
        }
        if (c < '0' || c > '9' || v > 100000000) return -1;
        v = (v < 0 ? 0 : v * 10) + (c - '0');
    }
    return v;
}

/* The integer a cell holds (its raw text), or -1. */
static long cell_number(const jx_buf *pb)
{
    return row_number(pb->p, pb->len);
}

static void add_cell(builder *b, const char *s, size_t n, long line)
{
    if (!b->cells.n) b->row_line = line;
    jx_cell *c = jx_vec_push(&b->cells);
    c->line = line;
    jx_buf *pb = jx_vec_push(&b->pieces);
    jx_buf_put(pb, s, n);
}

/* 1 when the open row's last cell is empty: a wrap may have cut the line
 * right after a tab, the cell being the one the next line goes on with. */
static size_t cut_at_tab(const builder *b)
{
    return b->pieces.n && !JX_AT(b->pieces, jx_buf, b->pieces.n - 1).len;
}

/* Adds the tab-separated cells of s[0..n); go_on: the first continues the
 * last cell of the row. */
static void add_cells(builder *b, const char *s, size_t n, long line, int go_on)
{
    for (const char *p = s, *e = s + n; p <= e;) {
        const char *q = memchr(p, '\t', (size_t)(e - p));
        if (!q) q = e;
        if (go_on && b->pieces.n) jx_buf_put(&JX_AT(b->pieces, jx_buf, b->pieces.n - 1), p, (size_t)(q - p));
        else add_cell(b, p, (size_t)(q - p), line);
        go_on = 0;
        p = q + 1;
    }
}

static void push_group(builder *b, long ord, const char *text, size_t n, long line)
{
    jx_row *r = jx_vec_push(b->rows);
    r->line = line;
    r->group = ord;
    r->group_text = txt_squash_dup(b->a, text, n);
}

/* A group row printed as a row of cells: its first cell opens with a
 * section number (一、, or 一、 alone with the heading in the next cell),
 * and at most one other cell holds text, the rest empty (a heading has no
 * units). Its heading is put in *out; 0 when the row is no group row. */
static long group_cells(const char *s, size_t len, jx_buf *out)
{
    const char *end = s + len, *p = s, *rest;
    while (p < end && *p == '\t') p++;
    const char *c0 = p;
    while (p < end && *p != '\t') p++;
    long ord = lex_ordinal(c0, (size_t)(p - c0), &rest);
    if (ord <= 0) return 0;
    out->len = 0;
    jx_buf_put(out, rest, (size_t)(p - rest));
    int others = 0;
    while (p < end) {
        const char *c = ++p;
        while (p < end && *p != '\t') p++;
        const char *q = c, *e = p;
        while (q < e && *q == ' ') q++;
        while (e > q && e[-1] == ' ') e--;
        if (q == e) continue;
        if (++others > 1) return 0;
        jx_buf_put(out, q, (size_t)(e - q));
    }
    return ord;
}

/* A subheading between a table's rows that opens a leader's part
 * (（一）王宏副市长牵头重点工作: a title ending in 长, then 牵头, 主抓 or
 * 负责). Any other （一）… line is a cell's wrapped text going on. */
static int leader_heading(const jx_tok *t)
{
    const char *f = lex_leader_verb(t->rest, t->blen - (size_t)(t->rest - t->body));
    return f && f - t->rest >= 9 && f - t->rest <= 30 && txt_ends(t->rest, (size_t)(f - t->rest), "长");
}

static int ends_table(const jx_tok *t)
{
    switch (t->kind) {
    case T_LISTHEAD: case T_END: case T_TITLE: case T_BRACKET: case T_ANNEX:
    case T_DATE: case T_DOCNO: case T_SALUTATION:
        return 1;
    default:
        return t->blen >= 6 && !memcmp(t->body, "注：", 6);
    }
}

/* s[0..n) equals lit once spaces are ignored (序 号, 序号). */
static int eq_nospace(const char *s, size_t n, const char *lit)
{
    size_t k = 0, m = strlen(lit);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') continue;
        if (k >= m || s[i] != lit[k]) return 0;
        k++;
    }
    return k == m;
}

static void note_width(const jx_line *ln, size_t *longest, int *cut)
{
    size_t w = txt_chars(ln->text, ln->len);
    *cut = w >= *longest;
    if (w > *longest) *longest = w;
}

/* The number in the k-th cell after the cell-per-line cell at i (its
 * wrapped lines, blank lines and page furniture are no cells); -1: none
 * (not a number, or a row on one line comes first), -2: the table ends
 * before. */
static long cell_ahead_at(const jx_tok *tok, const jx_line *lines, size_t i, size_t n, size_t k, size_t *at)
{
    for (size_t j = i + 1; j < n; j++) {
        *at = j;
        if (tok[j].kind == T_BLANK || tok[j].kind == T_FOOTER) continue;
        if (tok[j].kind != T_TABLE) {
            if (ends_table(&tok[j])) return -2;
            continue;
        }
        const jx_line *l = &lines[j];
        if (l->text[0] != '\t' || memchr(l->text + 1, '\t', l->len - 1)) return -1;
        if (!--k) return cell_number(&(jx_buf){l->text + 1, l->len - 1, 0});
    }
    return -2;
}

static long cell_ahead(const jx_tok *tok, const jx_line *lines, size_t i, size_t n, size_t k)
{
    size_t at;
    return cell_ahead_at(tok, lines, i, n, k, &at);
}

/* Whether rows numbered num and on, the first opening at line i, go on as
 * wide as rows are (w cells, one less or one more) for `depth` rows: the
 * next number stands there each time, or the table ends. Cells hold
 * numbers often enough for one row to match by chance, hardly two. */
static int row_ahead(const jx_tok *tok, const jx_line *lines, size_t i, size_t n, size_t w, long num, int depth)
{
    if (!depth) return 1;
    for (size_t k = w - 1; k <= w + 1; k++) {
        size_t at;
        long v = cell_ahead_at(tok, lines, i, n, k, &at);
        if (v == -2 || (v == num + 1 && row_ahead(tok, lines, at, n, w, num + 1, depth - 1))) return 1;
    }
    return 0;
}

/* Where a header of two rows run together (no blank line between them) is
 * cut, the first row number `num` standing at line i after it; 0: a header
 * of one row. The second row starts with the empty cells under the labels
 * that span both rows; a label spanning columns may be printed with its
 * empty cells after it (建设任务 and ten empties over eleven districts), so
 * the run of empty cells between the labels of the two rows is cut where
 * the data says: the next row number stands one header width after this
 * one; else where both rows are as wide (the spanning label printed with
 * all its cells, as the tab-row export does); else where the next number
 * stands one cell later (an indicator cell); else at the run's start (a
 * spanning label printed as one cell). */
static size_t header_split(const builder *b, const jx_tok *tok, const jx_line *lines, size_t i, size_t n,
                           long num)
{
    size_t from = 0, to, cells = b->cells.n;
    for (size_t c = 1; c < cells && !from; c++)
        if (!JX_AT(b->pieces, jx_buf, c).len && JX_AT(b->pieces, jx_buf, c - 1).len) from = c;
    if (!from) return 0;
    for (to = from; to < cells && !JX_AT(b->pieces, jx_buf, to).len; to++) {}
    for (size_t h = from; h <= to && h < cells; h++)
        if (cells - h >= h && cell_ahead(tok, lines, i, n, cells - h) == num + 1) return h;
    if (cells % 2 == 0 && cells / 2 >= from && cells / 2 <= to) return cells / 2;
    for (size_t h = from; h <= to && h < cells; h++)
        if (cells - h >= h && cell_ahead(tok, lines, i, n, cells - h + 1) == num + 1) return h;
    return from;
}

/* The number a tab line's first cell holds, or -1. */
static long first_cell_number(const jx_line *l)
{
    const char *tab = memchr(l->text, '\t', l->len);
    return tab && tab > l->text ? cell_number(&(jx_buf){(char *)l->text, (size_t)(tab - l->text), 0}) : -1;
}

/* Where the header line at i (printed a row a line) was cut by a PDF's
 * wrap, the width of the first data row under it (numbered num), looked
 * ahead: the tabs of its lines plus one, whatever the wrap did to them (a
 * PDF cuts lines, never drops a tab), up to the line that opens the next
 * number. 0 when the header line is whole as far as can be told: the wrap
 * cuts every line at one width, so a cut header line is as long as the
 * longest line of that row, and one of the row's lines is that long too
 * (a header no longer than the rows after it is whole). A cut value equal
 * to the next number that opens a line ends the count early: the width
 * then errs small, and the header is rejoined the less. */
static size_t data_width(const jx_tok *tok, const jx_line *lines, size_t i, size_t n, long num)
{
    size_t j = i + 1, w = 0, lim = i + 64 < n ? i + 64 : n, head = txt_chars(lines[i].text, lines[i].len);
    int as_long = 0;
    for (; j < lim; j++) {
        if (tok[j].kind == T_TABLE && first_cell_number(&lines[j]) == num) break;
        if (ends_table(&tok[j]) || tok[j].opens) return 0;
    }
    if (j >= lim) return 0;
    for (w = 1; j < lim; j++) {
        if (ends_table(&tok[j]) || tok[j].opens || tok[j].kind == T_SECTION ||
            (w > 1 && tok[j].kind == T_TABLE && first_cell_number(&lines[j]) == num + 1))
            break;
        /* a wrapped cell's lines without a tab, blank lines, page numbers
         * hold no tab */
        for (size_t c = 0; c < lines[j].len; c++) w += lines[j].text[c] == '\t';
        size_t chars = txt_chars(lines[j].text, lines[j].len);
        if (chars > head) return 0;
        as_long |= chars == head;
    }
    return as_long ? w : 0;
}

size_t tbl_rebuild(jx_arena *a, const jx_tok *tok, const jx_line *lines, size_t lo, size_t n,
                   jx_vec *rows)
{
    builder b = {a, rows, JX_VEC(jx_cell), JX_VEC(jx_buf), 0};
    int blank = 0, first_row = 1, after_footer = 0, last_row_line = 0;
    int paged = 0;          /* a page break since the row's last cell */
    size_t width = 0, maxw = 0, maxw_seen = 0, i;
    size_t rows_w = 0;      /* the header's width, where rows are printed one a line */
    size_t head_w = 0;      /* while the header's first row is open: the data rows' width */
    size_t longest = 0;     /* characters of the longest line so far */
    int last_cut = 0;       /* the last line is that long: a wrap may have cut it */
    long seq = 0;           /* the last row number seen (no-blank tables) */
    size_t lead = 1;        /* empty cells that open a follow-on row */
    jx_buf gtext = {0};     /* a group row's heading */
    for (i = lo; i < n; i++) {
        const jx_tok *t = &tok[i];
        const jx_line *ln = &lines[i];
        if (t->kind != T_BLANK) after_footer = 0;
        for (size_t r = maxw_seen; r < rows->n; r++)
            if (JX_AT(*rows, jx_row, r).n > maxw) maxw = JX_AT(*rows, jx_row, r).n;
        maxw_seen = rows->n;
        if (t->kind == T_TABLE) {
            const char *s = ln->text;
            size_t len = ln->len;
            const char *tab = memchr(s, '\t', len);
            int one_cell = tab == s && !memchr(s + 1, '\t', len - 1);
            const char *rest;
            long ord = one_cell ? lex_ordinal(s + 1, len - 1, &rest) : 0, gord = 0;
            if (!one_cell) gord = group_cells(s, len, &gtext);
            /* Where a PDF wrapped a row printed on one line, the next tab
             * line goes on with it, its first cell the rest of the cell cut:
             * when the line before was cut (as long as the longest line so
             * far: a PDF wraps at one width), the row is narrower than the
             * table (its header, or its widest row: every row of this
             * export is printed in full) and the line would not make it
             * wider than one indicator cell more. Then even a first cell
             * equal to the next row number is a value cut; the box of
             * addressees under the table (抄送, 印发) never goes on. */
            size_t k = 1;
            for (size_t c = 0; c < len; c++) k += s[c] == '\t';
            size_t bound = head_w ? head_w : rows_w;
            if (ord <= 0 && last_row_line && !blank && last_cut && b.cells.n - cut_at_tab(&b) < bound &&
                b.cells.n + k - 1 <= bound + 1 && !txt_find(s, len, "抄送") && !txt_find(s, len, "印发")) {
                add_cells(&b, s, len, ln->no, 1);
                /* the header's first row, cut as a data row is, gives the
                 * table's width once rejoined */
                if (head_w) rows_w = b.cells.n;
                note_width(ln, &longest, &last_cut);
                continue;
            }
            head_w = 0;
            if (gord > 0) {
                /* a group row (一、…) printed as a row of cells */
                if (first_row && !blank && !width) width = b.cells.n;
                flush(&b);
                push_group(&b, gord, gtext.p, gtext.len, ln->no);
                first_row = 0;
            } else if (ord > 0) {
                /* a group row (一、…) exported as a cell of its own */
                if (first_row && !blank && !width) width = b.cells.n;
                flush(&b);
                push_group(&b, ord, rest, (size_t)(s + len - rest), ln->no);
                first_row = 0;
            } else if (one_cell) {
                /* Rows separated by blank lines; where they are not, the
                 * header's width decides, and a row may run one cell past it
                 * (an indicator cell) until a cell opens the next row: an
                 * empty one (a merged 序号) or the next number. */
                long num = cell_number(&(jx_buf){(char *)s + 1, len - 1, 0});
                if (b.cells.n && !first_row && !blank && !last_row_line && eq_nospace(s + 1, len - 1, "序号")) {
                    /* the header printed again over the table's next part
                     * (an annex split into pages): it is read afresh, the
                     * numbering goes on */
                    flush(&b);
                    first_row = 1;
                    width = 0;
                    lead = 1;
                }
                if (b.cells.n && first_row && !blank && num > 0 && num == seq + 1) {
                    /* the first row number (1, or the next one where the
                     * header is printed again) ends the header */
                    size_t h = header_split(&b, tok, lines, i, n, num);
                    if (h) {
                        size_t second = b.cells.n - h;
                        flush_first(&b, h);
                        width = second > h ? second : h;
                        for (lead = 0; lead < b.cells.n && !JX_AT(b.pieces, jx_buf, lead).len; lead++) {}
                    } else {
                        width = b.cells.n;
                    }
                }
                int opens = num > 0 && num == seq + 1;
                if (empty_cell_line(ln) && b.cells.n >= width) {
                    /* Empty cells open a follow-on row, `lead` of them (the
                     * merged cells before its first filled one); one more
                     * means the first closes this row (an empty unit cell). */
                    size_t run = 0, j;
                    for (j = i; j < n && tok[j].kind == T_TABLE && empty_cell_line(&lines[j]); j++) run++;
                    /* empties followed by the next number all close this row */
                    long after = j < n && tok[j].kind == T_TABLE && lines[j].text[0] == '\t'
                                     ? cell_number(&(jx_buf){lines[j].text + 1, lines[j].len - 1, 0}) : -1;
                    opens = run <= lead && !(after > 0 && after == seq + 1);
                }
                /* A web page may print an empty cell as nothing at all: a
                 * numbered row then runs short, and the next row number
                 * opens a row before the header's width where the numbers
                 * after it stand a row's width apart (one cell less or
                 * more) for two rows, or the table ends; a value that
                 * happens to equal it does not. */
                int short_row = width && !first_row && opens && b.cells.n < width && b.cells.n >= 2 &&
                                cell_number(&JX_AT(b.pieces, jx_buf, 0)) == seq && row_ahead(tok, lines, i, n, width, num, 2);
                /* after a page break the next row number opens a row that
                 * lacks at most the one cell a row may run past the others
                 * (where the header's width is unknown: vertical text) */
                int paged_row = paged && opens && !width && b.cells.n + 1 >= maxw;
                if (b.cells.n && (blank || last_row_line || short_row || paged_row ||
                                  (width && b.cells.n >= width && (opens || b.cells.n > width)))) {
                    flush(&b);
                    first_row = 0;
                }
                if (!b.cells.n && num > 0) seq = num;
                add_cell(&b, s + 1, len - 1, ln->no);
                paged = 0;
            } else {
                /* a row on one line, left open: a wrapped last cell goes on
                 * on the next lines */
                if (last_row_line && b.cells.n > rows_w) rows_w = b.cells.n;
                flush(&b);
                long num = cell_number(&(jx_buf){(char *)s, (size_t)(tab - s), 0});
                if (num > 0) seq = num;
                add_cells(&b, s, len, ln->no, 0);
                /* The header: the table's width. A wrap may have cut its
                 * first row too: it is rejoined as a data row is, bounded by
                 * the width of the data rows under it (its own is cut). */
                if (t->table) rows_w = b.cells.n, head_w = data_width(tok, lines, i, n, seq + 1);
                first_row = 0;
            }
            last_row_line = !one_cell && ord <= 0;
            blank = 0;
            note_width(ln, &longest, &last_cut);
        } else if (t->kind == T_BLANK) {
            if (!after_footer) blank = 1;
        } else if (t->kind == T_FOOTER && last_row_line && last_cut && rows_w && b.cells.n <= rows_w + 1 &&
                   cell_number(&(jx_buf){ln->text, ln->len, 0}) >= 0 &&
                   cell_number(&(jx_buf){ln->text, ln->len, 0}) != seq + 1) {
            /* a bare number cut off a row printed on one line (…\t1\t / 3,
             * …\t1 / 8) is the rest of its last cell, no page number */
            jx_buf_put(&JX_AT(b.pieces, jx_buf, b.pieces.n - 1), ln->text, ln->len);
            note_width(ln, &longest, &last_cut);
        } else if (t->kind == T_FOOTER) {
            /* A page break: its blank lines separate nothing. The row goes on
             * unless it is already as wide as the widest row so far; in the
             * header (no numbered row yet) it always goes on, as a two-row
             * header run together is split again at its first merged cell. */
            blank = seq > 0 && b.cells.n >= maxw;
            after_footer = paged = 1;
            continue;
        } else if (t->kind == T_SECTION || (t->kind == T_SUBSECTION && leader_heading(t))) {
            /* a group row (一、…) printed across the table, or a subheading
             * between its rows (（一）王宏副市长牵头重点工作) */
            if (first_row && !blank && !width) width = b.cells.n;
            flush(&b);
            push_group(&b, t->kind == T_SECTION ? t->num : 1, t->rest, t->blen - (size_t)(t->rest - t->body), ln->no);
            JX_AT(*rows, jx_row, rows->n - 1).subgroup = t->kind == T_SUBSECTION;
            first_row = 0;
        } else if (ends_table(t) || t->opens) {
            break;
        } else {
            /* continuation of the last cell; the blank before it was part of
             * the cell (南 / 湖 / 区), not a row break */
            if (blank && last_row_line) break;  /* a one-line row is whole: prose follows */
            blank = 0;
            note_width(ln, &longest, &last_cut);
            if (b.cells.n) jx_buf_put(&JX_AT(b.pieces, jx_buf, b.pieces.n - 1), t->body, t->blen);
            else break;
        }
    }
    flush(&b);
    jx_vec_free(&b.cells);
    jx_vec_free(&b.pieces);
    jx_buf_free(&gtext);
    return i;
}

/* ---- reading a rebuilt table: header -> column roles, merged cells,
 * district alignment ---- */

/* Column roles. R_DEPT units: the first listed leads (all of them where a
 * 牵头 column stands beside a member column); R_MEMBER: 配合单位 and the
 * like; R_LEADER: the city leaders; R_SKIP: a known column that assigns
 * nothing (完成时限, 备注) or a label spanning others (任务分解). */
enum { R_NONE, R_SEQ, R_CATEGORY, R_NAME, R_TEXT, R_UNIT, R_DEPT, R_MEMBER, R_LEADER, R_SKIP, R_DISTRICT };

/* A header cell's role, by its words (spaces are already squashed out:
 * 主 要 工 作 任 务 reads 主要工作任务). *lead_word: the words say 牵头. */
static int role_of(const char *s, int *lead_word)
{
    static const char *const text_words[] = {
        "主要工作任务", "工作任务", "重点工作", "目标任务", "事项", "事项名称", "内容与要求", "项目内容",
        "建设内容", "主要内容", "工作内容", "任务内容", "主要任务", "重点任务", "具体任务", "工作事项",
        "专项行动", "题目", NULL};
    static const char *const skip_words[] = {
        "时限", "完成时间", "时间节点", "进度", "进展", "完成情况", "备注", "任务分解", "建设任务", NULL};
    static const char *const member_words[] = {
        "主要责任单位", "配合单位", "协同单位", "参与单位", "协办单位", "配合部门", "协同部门", NULL};
    size_t n = strlen(s);
    *lead_word = 0;
    if (!strcmp(s, "序号") || !strcmp(s, "编号")) return R_SEQ;
    if (!strcmp(s, "分类") || !strcmp(s, "事项分类") || !strcmp(s, "类别") || !strcmp(s, "项目类别"))
        return R_CATEGORY;
    if (!strcmp(s, "项目名称")) return R_NAME;
    if (!strcmp(s, "单位") || !strcmp(s, "计量单位")) return R_UNIT;
    for (int k = 0; skip_words[k]; k++)
        if (txt_find(s, n, skip_words[k])) return R_SKIP;
    if (txt_find(s, n, "领导")) return R_LEADER;
    for (int k = 0; member_words[k]; k++)
        if (txt_find(s, n, member_words[k])) return R_MEMBER;
    if (txt_find(s, n, "牵头单位") || txt_find(s, n, "第一责任单位") || txt_find(s, n, "牵头部门")) {
        *lead_word = 1;
        return R_DEPT;
    }
    if (txt_find(s, n, "责任单位") || txt_find(s, n, "责任部门")) return R_DEPT;
    for (int k = 0; text_words[k]; k++)
        if (!strcmp(s, text_words[k])) return R_TEXT;
    if (txt_find(s, n, "工作任务") || txt_find(s, n, "重点工作") || txt_ends(s, n, "内容")) return R_TEXT;
    return R_NONE;
}

static int is_number(const char *s, double *v)
{
    char *end;
    size_t n = strlen(s);
    if (!n || !((s[0] >= '0' && s[0] <= '9'))) return 0;
    if (n > 1 && s[n - 1] == '%') n--;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) return 0;
    *v = strtod(s, &end);
    return 1;
}

/* A value-like cell: a number, a percentage, or the "/" of an empty cell. */
static int value_like(const char *s)
{
    double v;
    return !*s || !strcmp(s, "/") || is_number(s, &v);
}

static int is_seq(const char *s, long *seq)
{
    long v = row_number(s, strlen(s));
    if (v < 0) return 0;
    *seq = v;
    return 1;
}

typedef struct {
    size_t ncols;
    int role[64];
    int district[64];       /* district index of a R_DISTRICT column */
    size_t dcol[16];        /* district columns in order */
    size_t nd;
    long col_of[R_DISTRICT];
    int lead_column;        /* the R_DEPT header says 牵头 */
} layout;

static int read_header(jx_tblctx *p, layout *L, const jx_vec *rows, size_t from, size_t to)
{
    memset(L, 0, sizeof *L);
    for (int r = 0; r < R_DISTRICT; r++) L->col_of[r] = -1;
    for (size_t i = from; i < to; i++) {
        const jx_row *r = &JX_AT(*rows, jx_row, i);
        if (r->n > L->ncols) L->ncols = r->n;
    }
    if (L->ncols > 64) return -1;
    for (size_t i = from; i < to; i++) {
        const jx_row *r = &JX_AT(*rows, jx_row, i);
        long span = -1;
        for (size_t j = 0; j < r->n; j++)
            if (!strcmp(r->cells[j].text, "任务分解") || !strcmp(r->cells[j].text, "建设任务")) span = (long)j;
        for (size_t j = 0; j < r->n; j++) {
            const char *c = r->cells[j].text;
            /* cells after a spanning label stand over the last columns */
            size_t col = span >= 0 && (long)j > span ? L->ncols - (r->n - j) : j;
            int d = dist_cell(c);
            if (d >= 0 && L->nd < 16) {
                L->role[col] = R_DISTRICT;
                L->district[col] = d;
                continue;
            }
            int lead_word, role = role_of(c, &lead_word);
            if (role == R_NONE && *c) {
                /* never a guess: a column whose words are not known is named */
                jx_msg(p->file, r->cells[j].line, "warning: table column \"%s\" is not read", c);
                (*p->warnings)++;
            }
            if (role != R_NONE && L->col_of[role] < 0) {
                L->role[col] = role;
                L->col_of[role] = (long)col;
                if (role == R_DEPT) L->lead_column = lead_word;
            }
        }
    }
    for (size_t c = 0; c < L->ncols; c++)
        if (L->role[c] == R_DISTRICT && L->nd < 16) L->dcol[L->nd++] = c;
    return 0;
}

static const char *cell(const jx_row *r, long col)
{
    return col >= 0 && (size_t)col < r->n ? r->cells[col].text : "";
}

static void add_target(jx_tblctx *p, int year, long seq, const char *item, const char *indicator,
                       const char *unit, int d, const jx_cell *c)
{
    if (!*c->text) return;
    jx_target *t = jx_vec_push(p->targets);
    t->notice = p->notice;
    t->year = year;
    t->item_seq = seq;
    t->item = item;
    t->indicator = indicator && *indicator ? indicator : NULL;
    t->unit = unit && *unit ? unit : NULL;
    t->district = dist_name((size_t)d);
    t->district_id = d;
    t->value_text = c->text;
    t->has_num = is_number(c->text, &t->value_num);
    t->line = c->line;
    t->task = -1;
}

static int decimals(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strcspn(dot + 1, "%") : 0;
}

/* Districts (all but 全市) should add up to 全市. Returns 1 when they do,
 * 0 when they do not, -1 when the row is not additive (rates, text). */
static int sums_up(const jx_cell *const *v, size_t k, double *sum, double *total, int *prec)
{
    *sum = 0;
    *prec = 0;
    if (!k || !v[0] || !is_number(v[0]->text, total) || strchr(v[0]->text, '%')) return -1;
    *prec = decimals(v[0]->text);
    for (size_t i = 1; i < k; i++) {
        double x;
        if (!v[i] || !*v[i]->text || !strcmp(v[i]->text, "/")) continue;
        if (!is_number(v[i]->text, &x) || strchr(v[i]->text, '%')) return -1;
        if (decimals(v[i]->text) > *prec) *prec = decimals(v[i]->text);
        *sum += x;
    }
    double diff = *sum - *total;
    return diff < 1e-6 && diff > -1e-6;
}

/* The district cells of one data row, aligned to the header's district
 * columns: by position when the row is as wide as the header and its
 * district cells look like values; otherwise anchored on the run of values
 * at its right end, with the indicator and unit in front of it. */
static void row_targets(jx_tblctx *p, const layout *L, const jx_row *r, int year, long seq,
                        const char *item, int main_row, const char *file)
{
    size_t k = L->nd, n = r->n;
    const jx_cell *vals[16] = {0};
    const char *indicator = NULL, *unit = NULL;
    while (n && !*r->cells[n - 1].text) n--;
    if (!k || !n) return;
    size_t textcol = L->col_of[R_TEXT] >= 0 ? (size_t)L->col_of[R_TEXT] : 0;
    int dept_after = L->col_of[R_DEPT] > (long)L->dcol[0];
    size_t end = n;
    if (dept_after && end && !value_like(r->cells[end - 1].text)) end--;
    /* the value run at the right end */
    size_t f = end;
    while (f > 0 && f > textcol + (main_row ? 1 : 0) && end - f < k && value_like(r->cells[f - 1].text)) f--;
    /* a row of one repeated text (儿童孤独症政策内报销比例不低于60%) holds
     * values too */
    if (end - f < k && f > textcol + 1) {
        const char *rep = r->cells[f - 1].text;
        size_t g = f;
        while (g > textcol + 1 && end - g < k && *rep && !strcmp(r->cells[g - 1].text, rep)) g--;
        if (f - g >= 2) f = g;
    }
    /* A row exactly as wide as the header, with a value where the header
     * puts 全市, is read by position (a text value among numbers, 完成,
     * would otherwise cut the run at the right end). */
    if (r->n == L->ncols && L->dcol[k - 1] < r->n && value_like(r->cells[L->dcol[0]].text) &&
        *r->cells[L->dcol[0]].text) {
        f = L->dcol[0];
        end = L->dcol[k - 1] + 1;
    }
    size_t v = end - f;
    if (!v) return;
    /* cells between the text (or the start of a follow-on row) and the values */
    const char *pre[2];     /* the last two filled cells before the values */
    size_t npre = 0;
    for (size_t j = main_row ? textcol + 1 : 1; j < f; j++)
        if (*r->cells[j].text) {
            if (npre == 2) { pre[0] = pre[1]; npre = 1; }
            pre[npre++] = r->cells[j].text;
        }
    if (L->col_of[R_UNIT] >= 0) {
        if (npre) unit = pre[--npre];
        if (npre) indicator = pre[npre - 1];
    } else if (npre) {
        indicator = pre[npre - 1];
    }
    for (size_t j = 0; j < v && j < k; j++) vals[j] = &r->cells[f + j];
    double sum, total;
    int prec, ok = sums_up(vals, k, &sum, &total, &prec);
    /* A row with fewer values than district columns is read from the left
     * (the cells an export loses are at the right end). If the values still
     * add up, nothing was lost that counted; if not, say so. Where the row
     * is not additive (rates, text) nothing can check it: say that too. */
    if (v < k && ok != 1) {
        jx_msg(file, r->line, "warning: item %ld%s%s: %zu values for %zu district columns, read from the left",
               seq, indicator ? " " : "", indicator ? indicator : "", v, k);
        (*p->warnings)++;
    }
    if (ok == 0) {
        jx_msg(file, r->line, "warning: item %ld%s%s: districts sum to %.*f, 全市 is %.*f", seq,
               indicator ? " " : "", indicator ? indicator : "", prec, sum, prec, total);
        (*p->warnings)++;
    }
    if (v > k) {
        jx_msg(file, r->line, "warning: item %ld: %zu values for %zu district columns", seq, v, k);
        (*p->warnings)++;
    }
    for (size_t j = 0; j < k; j++)
        if (vals[j]) add_target(p, year, seq, item, indicator, unit, L->district[L->dcol[j]], vals[j]);
}

/* A row narrower than its header where the copy leaves merged cells out
 * (a web page's rowspan printed as pipe rows): the missing cells are the
 * merged ones, the 分类 after a 序号 the row has, else those the row opens
 * with (序号, 分类 of a follow-on row). They are put back empty, to inherit. */
static const jx_row *pad_merged(jx_tblctx *p, const layout *L, const jx_row *r, jx_row *out)
{
    size_t missing = L->ncols - r->n, at = 0;
    long seqcol = L->col_of[R_SEQ], catcol = L->col_of[R_CATEGORY], dummy;
    long textcol = L->col_of[R_TEXT] >= 0 ? L->col_of[R_TEXT] : L->col_of[R_NAME];
    if (seqcol >= 0 && (size_t)seqcol < r->n && is_seq(r->cells[seqcol].text, &dummy)) {
        /* numbered: only a 分类 between 序号 and the text can be missing
         * there; cells missing at the right end read as empty anyway */
        if (!(catcol > seqcol && catcol < textcol && (size_t)catcol <= r->n)) return r;
        at = (size_t)catcol;
        missing = 1;
    }
    *out = *r;
    out->n = r->n + missing;
    out->cells = jx_alloc(p->a, out->n * sizeof *out->cells);
    for (size_t i = 0, j = 0; i < out->n; i++) {
        if (i >= at && i < at + missing) out->cells[i] = (jx_cell){"", r->line};
        else out->cells[i] = r->cells[j++];
    }
    return out;
}

void tbl_read(jx_tblctx *p, const jx_vec *table)
{
    int year = p->year;
    const jx_vec rows = *table;
    layout L = {0};   /* rows before any header row are not read */
    long seq = 0;
    int sub = 0;
    /* a table under a section heading (一、未来五年主要工作任务) is in its category */
    const char *category = p->category, *dept = NULL, *item = NULL, *members = NULL, *leaders = NULL;
    long leaders_line = 0;
    for (size_t i = 0; i < rows.n; i++) {
        const jx_row *r = &JX_AT(rows, jx_row, i);
        if (r->group) {
            int leader = p->group && p->group(p->u, r->group_text, r->line);
            /* a leader's subheading keeps the section's category */
            if (!r->subgroup) *p->section = (int)r->group;
            if (!leader) category = r->group_text;
            else if (!r->subgroup) category = NULL;
            continue;
        }
        /* a header row holds a 序号 cell (first, or where its table puts it) */
        size_t seqcol = 0;
        while (seqcol < r->n && strcmp(r->cells[seqcol].text, "序号")) seqcol++;
        if (seqcol < r->n) {
            size_t h = i + 1;
            long dummy;
            while (h < rows.n && !JX_AT(rows, jx_row, h).group &&
                   !(JX_AT(rows, jx_row, h).n > seqcol && is_seq(JX_AT(rows, jx_row, h).cells[seqcol].text, &dummy)))
                h++;
            if (read_header(p, &L, &rows, i, h)) {
                jx_msg(p->file, r->line, "warning: table with more than 64 columns skipped");
                (*p->warnings)++;
                break;
            }
            i = h - 1;
            continue;
        }
        if (!L.ncols) continue;     /* no header yet: not a table we read */
        jx_row padded;
        if (!L.nd && r->n >= 2 && r->n < L.ncols) r = pad_merged(p, &L, r, &padded);
        size_t first = 0;
        while (first < r->n && !*r->cells[first].text) first++;
        if (first < r->n && (txt_starts(r->cells[first].text, strlen(r->cells[first].text), "抄送") ||
                             txt_starts(r->cells[first].text, strlen(r->cells[first].text), "印发")))
            break;                  /* the distribution box under the document */
        long s;
        int main_row = is_seq(cell(r, L.col_of[R_SEQ]), &s);
        /* 项目名称 alone is the text; beside 项目内容 / 建设内容 it names it */
        const char *text = cell(r, L.col_of[R_TEXT] >= 0 ? L.col_of[R_TEXT] : L.col_of[R_NAME]);
        if (main_row) {
            seq = s;
            sub = 0;
            item = text;
        } else if (*text && seq) {
            sub++;
        }
        if (*cell(r, L.col_of[R_CATEGORY])) category = cell(r, L.col_of[R_CATEGORY]);
        if (L.col_of[R_DEPT] >= 0) {
            /* After district columns the unit is the row's last cell: an
             * indicator cell can shift it right of its header column. */
            const char *c = cell(r, L.col_of[R_DEPT]);
            if (L.nd && L.col_of[R_DEPT] > (long)L.dcol[0]) {
                size_t last = r->n;
                while (last && !*r->cells[last - 1].text) last--;
                c = last > L.dcol[L.nd - 1] + 1 ? r->cells[last - 1].text : "";
            }
            /* a merged 配合单位 cell is empty with the 牵头单位 cell beside it */
            if (*c && !value_like(c)) { dept = c; members = NULL; }
        }
        if (*cell(r, L.col_of[R_MEMBER])) members = cell(r, L.col_of[R_MEMBER]);
        if (*cell(r, L.col_of[R_LEADER])) {
            leaders = cell(r, L.col_of[R_LEADER]);
            leaders_line = r->cells[L.col_of[R_LEADER]].line;
        }
        if (p->in_list && *text && seq && (main_row || sub)) {
            const char *name = cell(r, L.col_of[R_NAME]);
            jx_trow t = {seq, sub, text, category, dept, members, L.lead_column, leaders, leaders_line, r->line};
            if (*name && L.col_of[R_TEXT] >= 0 && L.col_of[R_NAME] != L.col_of[R_TEXT] && !L.nd)
                t.text = jx_sprintf(p->a, "%s：%s", name, text);
            p->task(p->u, &t);
        }
        if (L.nd && seq) row_targets(p, &L, r, year, seq, item, main_row, p->file);
    }
}

/* ---- other export forms, rewritten into the tab forms before lexing ----
 *
 * A web page copied as text gives one cell per paragraph, with no tab;
 * mirror sites print pipe rows (`a | b |`, `| a | b |`, `a | b`, a markdown
 * `|---|` row), or one cell per line ending ` |`. Each is rewritten into the
 * form the reader above knows, so one reader serves them all: pipe rows
 * become tab-separated rows, a cell per line a tab-prefixed cell, and a cell
 * per paragraph a tab-prefixed cell per paragraph with the blank lines
 * dropped, so that the header's width and the 序号 sequence cut the rows, as
 * they do for a cell-per-line export without blank lines. Line numbers stay
 * those of the printed lines. */

static int role_of(const char *s, int *lead_word);

/* notes: the warnings of the rewriting (jx_line: line and text), which the
 * parser prints with the decoder's (jx_text.notes) */
typedef struct { jx_arena *a; jx_vec *out; jx_vec *notes; } emitter;

static void emit(emitter *e, long no, const char *s, size_t n)
{
    jx_line *l = jx_vec_push(e->out);
    l->text = jx_strndup(e->a, s, n);
    l->len = n;
    l->no = no;
}

static void trim(const char **s, size_t *n)
{
    while (*n && **s == ' ') { (*s)++; (*n)--; }
    while (*n && (*s)[*n - 1] == ' ') (*n)--;
}

/* The cells of a pipe row. outer: the table's rows open with a pipe;
 * closed: they end with one. Returns the number of cells. */
static size_t pipe_cells(const char *s, size_t n, int outer, int closed, jx_vec *cells)
{
    cells->n = 0;
    trim(&s, &n);
    if (outer && n && *s == '|') { s++; n--; }
    if (closed && n && s[n - 1] == '|') n--;
    for (const char *p = s, *e = s + n;;) {
        const char *q = memchr(p, '|', (size_t)(e - p));
        jx_span *c = jx_vec_push(cells);
        c->p = p;
        c->n = (size_t)((q ? q : e) - p);
        trim(&c->p, &c->n);
        if (!q) break;
        p = q + 1;
    }
    return cells->n;
}

/* A markdown separator row: pipes, dashes, colons (folded to ：). */
static int separator_row(const char *s, size_t n)
{
    int dash = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-') dash = 1;
        else if (txt_starts(s + i, n - i, "：")) i += 2;
        else if (s[i] != '|' && s[i] != ':' && s[i] != ' ') return 0;
    }
    return dash;
}

static int para_role(const jx_line *l);
static int leader_cell(const jx_line *l);

/* The role of a pipe row's cell as a header cell (R_NONE: none). */
static int cell_role(const jx_span *c)
{
    jx_line l = {(char *)c->p, c->n, 0};
    return para_role(&l);
}

/* 1: a pipe-row header (序号 | …), 2: the first line of a cell-per-line
 * pipe table (序号 |), 3: a pipe-row header with no 序号 that opens with a
 * leader column, 0: none. */
static int pipe_header(const jx_line *l, int *outer, int *closed)
{
    const char *s = l->text;
    size_t n = l->len;
    if (!memchr(s, '|', n) || memchr(s, '\t', n)) return 0;
    trim(&s, &n);
    *outer = n && *s == '|';
    *closed = n > 1 && s[n - 1] == '|';
    jx_vec cells = JX_VEC(jx_span);
    size_t k = pipe_cells(s, n, *outer, *closed, &cells);
    int form = 0;
    for (size_t c = 0; c < k && !form; c++)   /* 序号 need not come first */
        if (eq_nospace(JX_AT(cells, jx_span, c).p, JX_AT(cells, jx_span, c).n, "序号"))
            form = k == 1 && *closed && !*outer ? 2 : k > 1 ? 1 : 0;
    if (!form && k >= 3) {
        /* no 序号: a leader column, then the text, then units (牵头领导 |
         * 重点工作 | 牵头单位 | 配合单位 | 备注, 玉环 2021 as pipe rows), the
         * row numbers inside the text */
        int units = 0;
        for (size_t c = 2; c < k; c++) {
            int r = cell_role(&JX_AT(cells, jx_span, c));
            units |= r == R_DEPT || r == R_MEMBER;
        }
        if (units && cell_role(&JX_AT(cells, jx_span, 0)) == R_LEADER && cell_role(&JX_AT(cells, jx_span, 1)) == R_TEXT)
            form = 3;
    }
    jx_vec_free(&cells);
    return form;
}

/* s[0..n) opens with a subheading number, （一） … （十二）. */
static int subheading(const char *s, size_t n)
{
    static const char nums[] = "一二三四五六七八九十";
    if (!txt_starts(s, n, "（")) return 0;
    size_t k = 3, d = 0;
    for (int more = 1; more && k + 3 <= n && d < 3;) {
        more = 0;
        for (size_t c = 0; c + 3 < sizeof nums && !more; c += 3) more = !memcmp(nums + c, s + k, 3);
        if (more) k += 3, d++;
    }
    return d && txt_starts(s + k, n - k, "）");
}

/* The next line after i that is not blank or page furniture is a pipe row. */
static int pipe_row_next(const jx_text *t, size_t i)
{
    for (; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (!l->len || pg_furniture(l->text, l->len)) continue;
        return memchr(l->text, '|', l->len) != NULL;
    }
    return 0;
}

static size_t from_pipe_rows(emitter *e, const jx_text *t, size_t i, int outer, int closed)
{
    jx_vec cells = JX_VEC(jx_span);
    jx_buf b = {0};
    for (; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (!l->len || pg_furniture(l->text, l->len)) { emit(e, l->no, l->text, l->len); continue; }
        if (memchr(l->text, '\t', l->len)) break;
        if (!memchr(l->text, '|', l->len)) {
            /* a group row printed as one cell, without pipes when they are
             * not closed (一、十大专项行动) */
            const char *s = l->text, *rest;
            size_t n = l->len;
            trim(&s, &n);
            /* a heading between two pipe rows (一、… or （一）王宏副市长
             * 牵头重点工作) is the table's group row; after its last row,
             * the list's own */
            int ord = lex_ordinal(s, n, &rest) > 0;
            if (((ord && closed) || subheading(s, n)) && pipe_row_next(t, i + 1)) {
                emit(e, l->no, s, n);
                continue;
            }
            if (closed || !ord) break;
            jx_buf_clear(&b);
            jx_buf_put(&b, "\t", 1);
            jx_buf_put(&b, s, n);
            emit(e, l->no, b.p, b.len);
            continue;
        }
        if (separator_row(l->text, l->len)) continue;
        size_t k = pipe_cells(l->text, l->len, outer, closed, &cells), filled = 0;
        for (size_t c = 0; c < k; c++) filled += JX_AT(cells, jx_span, c).n > 0;
        const jx_span *c0 = &JX_AT(cells, jx_span, 0);
        const char *rest;
        jx_buf_clear(&b);
        if (filled == 1 && c0->n && lex_ordinal(c0->p, c0->n, &rest) > 0) {
            jx_buf_put(&b, "\t", 1);        /* a group row across the table */
            jx_buf_put(&b, c0->p, c0->n);
        } else {
            for (size_t c = 0; c < k; c++) {
                if (c) jx_buf_put(&b, "\t", 1);
                jx_buf_put(&b, JX_AT(cells, jx_span, c).p, JX_AT(cells, jx_span, c).n);
            }
            /* an empty first cell and one more is still a row, not one cell */
            if (k == 2 && !c0->n) jx_buf_put(&b, "\t", 1);
        }
        emit(e, l->no, b.p ? b.p : "", b.len);
    }
    jx_buf_free(&b);
    jx_vec_free(&cells);
    return i;
}

static size_t from_cell_pipes(emitter *e, const jx_text *t, size_t i)
{
    jx_buf b = {0};
    for (; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        if (!l->len || pg_furniture(l->text, l->len)) { emit(e, l->no, l->text, l->len); continue; }
        const char *s = l->text;
        size_t n = l->len;
        trim(&s, &n);
        if (memchr(s, '\t', n) || !n || s[n - 1] != '|' || memchr(s, '|', n - 1)) break;
        n--;
        trim(&s, &n);
        jx_buf_clear(&b);
        jx_buf_put(&b, "\t", 1);
        jx_buf_put(&b, s, n);
        emit(e, l->no, b.p, b.len);
    }
    jx_buf_free(&b);
    return i;
}

/* Pipe rows under a header that opens with a leader column and has no
 * 序号 (pipe_header's form 3): a 序号 column is put in front, each row's
 * number taken from its text cell (1.始终做到…). The leader's cell stands
 * in the first row it leads; the rows under it print that cell empty or
 * leave it out (a web page's rowspan), which the row's shape tells: a row
 * whose first cell is numbered text, not names with titles, has no leader
 * cell. A cell that is empty then inherits, as a merged leader cell does.
 * The cells are the page's own, so the units need no telling apart. */
static size_t from_led_pipe_rows(emitter *e, const jx_text *t, size_t i, int outer, int closed)
{
    jx_vec cells = JX_VEC(jx_span);
    jx_buf b = {0};
    for (int header = 1; i < t->nlines; i++, header = 0) {
        const jx_line *l = &t->lines[i];
        if (!l->len || pg_furniture(l->text, l->len)) { emit(e, l->no, l->text, l->len); continue; }
        if (memchr(l->text, '\t', l->len)) break;
        if (!memchr(l->text, '|', l->len)) {
            /* a group row (一、…) or a leader's subheading between two rows */
            const char *s = l->text, *rest;
            size_t n = l->len;
            trim(&s, &n);
            if ((lex_ordinal(s, n, &rest) > 0 || subheading(s, n)) && pipe_row_next(t, i + 1)) {
                emit(e, l->no, s, n);
                continue;
            }
            break;
        }
        if (separator_row(l->text, l->len)) continue;
        size_t k = pipe_cells(l->text, l->len, outer, closed, &cells), first = 0;
        jx_buf_clear(&b);
        if (header) {
            jx_buf_puts(&b, "序号");
        } else {
            const jx_span *c0 = &JX_AT(cells, jx_span, 0);
            jx_line at = {jx_strndup(e->a, c0->p, c0->n), c0->n, l->no};
            jx_tok tk;
            lex_line(&at, &tk);
            int no_leader = tk.kind == T_ITEM && !leader_cell(&at);
            if (!no_leader && k >= 2) {     /* the text is the second cell */
                const jx_span *c1 = &JX_AT(cells, jx_span, 1);
                jx_line tx = {jx_strndup(e->a, c1->p, c1->n), c1->n, l->no};
                lex_line(&tx, &tk);
                first = 1;
            }
            if (tk.kind == T_ITEM) {
                char *num = jx_sprintf(e->a, "%ld\t", tk.num);
                jx_buf_puts(&b, num);
            } else {
                jx_buf_puts(&b, "\t");       /* a follow-on row */
            }
            if (no_leader) jx_buf_puts(&b, "\t");
            for (size_t c = 0; c < k; c++) {
                const jx_span *sp = &JX_AT(cells, jx_span, c);
                if (c) jx_buf_put(&b, "\t", 1);
                if (c == first && tk.kind == T_ITEM)
                    jx_buf_put(&b, tk.rest, tk.blen - (size_t)(tk.rest - tk.body));
                else
                    jx_buf_put(&b, sp->p, sp->n);
            }
            emit(e, l->no, b.p, b.len);
            continue;
        }
        for (size_t c = 0; c < k; c++) {
            jx_buf_put(&b, "\t", 1);
            jx_buf_put(&b, JX_AT(cells, jx_span, c).p, JX_AT(cells, jx_span, c).n);
        }
        emit(e, l->no, b.p, b.len);
    }
    jx_buf_free(&b);
    jx_vec_free(&cells);
    return i;
}

/* One character of Han script: a line of vertical header text (南 / 湖 / 区). */
static int single_han(const char *s, size_t n)
{
    return n == 3 && (unsigned char)s[0] >= 0xE3 && (unsigned char)s[0] <= 0xE9;
}

/* A cell-per-paragraph table starts at a paragraph 序号 alone. */
static int para_header(const jx_line *l)
{
    return l->len && !memchr(l->text, '\t', l->len) && !memchr(l->text, '|', l->len) &&
           eq_nospace(l->text, l->len, "序号");
}

/* The raw lines of a cell-per-paragraph table are classified here, before
 * the lex pass: the rewriting must know where the table ends (a heading, a
 * title, a 解读 heading wrapped over lines), and the lex pass reads the
 * rewritten lines, each cell a tab line: another text. Each raw line is
 * lexed once here: the lines ahead that a wrapped heading needs are kept
 * in a window, not lexed again for every line. The line that ends the
 * table, and the few ahead of it, are lexed again by the lex pass. */
#define RAW_AHEAD 6
typedef struct { const jx_text *t; jx_tok tok[8]; size_t at[8]; } rawlex;     /* at: index + 1 */

static const jx_tok *raw_tok(rawlex *w, size_t i)
{
    size_t k = i % 8;
    if (w->at[k] != i + 1) {
        lex_line(&w->t->lines[i], &w->tok[k]);
        w->at[k] = i + 1;
    }
    return &w->tok[k];
}

/* Whether line i opens a gazette section (a 解读 heading wraps over a few
 * lines, so a few are looked at). */
static int section_ahead(rawlex *w, size_t i)
{
    jx_tok win[RAW_AHEAD];
    size_t k = 0;
    for (; k < RAW_AHEAD && i + k < w->t->nlines; k++) win[k] = *raw_tok(w, i + k);
    return lex_heading(win, 0, k) > 0;
}

static size_t from_paragraphs(emitter *e, const jx_text *t, size_t i)
{
    jx_buf cell = {0};
    long cell_no = 0, seq = 0;
    size_t blanks = 0, empties_before = 0, last_width = 0, widest = 0;
    int furniture = 0, sep_before = 0, first = 1, header = 1, vertical = 0, open = 0;
    long last_no = t->lines[i].no;
    rawlex w = {.t = t};
    for (; i < t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        /* decoding keeps a run of blank lines as one; the numbers tell its length */
        if (!l->len) continue;
        if (memchr(l->text, '\t', l->len) || memchr(l->text, '|', l->len)) break;
        blanks += (size_t)(l->no - last_no - (l->no > last_no));
        last_no = l->no;
        if (pg_furniture(l->text, l->len)) {
            /* the blank lines before a page number separate at most */
            furniture = 1;
            sep_before |= blanks > 0;
            empties_before += blanks >= 3 ? (blanks - 1) / 2 : 0;
            blanks = 0;
            continue;
        }
        jx_tok tk = *raw_tok(&w, i);
        /* a header cell such as 任务分解 is no list heading */
        if ((ends_table(&tk) && !(tk.kind == T_LISTHEAD && tk.blen <= 12)) ||
            (tk.kind == T_TEXT && section_ahead(&w, i)))
            break;
        if (tk.kind == T_SUBSECTION && leader_heading(&tk)) {
            /* a leader's subheading between the rows (（一）王宏副市长牵头
             * 重点工作) is no cell: on a line of its own it is the rows'
             * group, as between the rows of any table */
            if (open) emit(e, cell_no, cell.p, cell.len);
            emit(e, l->no, l->text, l->len);
            open = vertical = 0;
            first = 0;
            blanks = 0;
            furniture = sep_before = 0;
            empties_before = 0;
            continue;
        }
        const char *s = tk.body;
        size_t n = tk.blen;
        /* the next row's number opens a cell even where a page break took
         * the blank line before it */
        long num = -1;
        if (n && n <= 6 && (tk.kind == T_FOOTER || tk.kind == T_TEXT)) num = row_number(s, n);
        int next_row = !header && num == seq + 1;
        if (next_row) seq = num;
        /* A page number with blank lines around it parts two cells, or
         * splits one: the cell goes on when its last line was cut by a wrap
         * (as long as the longest line of the table so far, no 。 or ； at
         * its end). */
        int sep = blanks > 0 || sep_before;
        if (furniture && sep && blanks < 3 && !empties_before && !next_row && open && last_width >= 10 &&
            last_width >= widest && !txt_ends(cell.p, cell.len, "。") && !txt_ends(cell.p, cell.len, "；"))
            sep = 0;
        if (txt_chars(s, n) > widest) widest = txt_chars(s, n);
        if (first || sep || next_row) {
            /* blank lines separate cells; a longer run holds empty cells
             * (an empty paragraph between two separators) */
            size_t empties = empties_before + (blanks >= 3 ? (blanks - 1) / 2 : 0);
            if (header && vertical && single_han(s, n) && !empties && !dist_named(cell.p + 1, cell.len - 1)) {
                /* 南 / 湖 / 区 printed a paragraph each; where such labels
                 * stand side by side, a district's name ends one */
                jx_buf_put(&cell, s, n);
            } else {
                if (open) emit(e, cell_no, cell.p, cell.len);
                for (size_t k = 0; k < empties; k++) emit(e, l->no, "\t", 1);
                jx_buf_clear(&cell);
                jx_buf_put(&cell, "\t", 1);
                jx_buf_put(&cell, s, n);
                cell_no = l->no;
                open = 1;
                last_width = txt_chars(s, n);
                if (!first && row_number(s, n) == 1) header = 0, seq = 1;
                vertical = single_han(s, n);
            }
        } else {
            jx_buf_put(&cell, s, n);        /* a cell's own wrapped lines */
            vertical = 0;
            last_width = txt_chars(s, n);
        }
        first = 0;
        blanks = 0;
        furniture = sep_before = 0;
        empties_before = 0;
    }
    if (open) emit(e, cell_no, cell.p, cell.len);
    if (i > 0 && !t->lines[i - 1].len) emit(e, t->lines[i - 1].no, "", 0);
    jx_buf_free(&cell);
    return i;
}

/* ---- a cell-per-paragraph table with no 序号 column ----
 * Some lists print the item number inside the text cell (目标任务 / 责任领导
 * / 责任单位, then `1. 生产总值增长7.5%以上。` / 董贵波 / 市发改委、…): the
 * header is a run of paragraphs each a column's words, the text column
 * first; a row is an item paragraph (1. …, continuing the numbering) and
 * the paragraphs after it, one a column; a group row 一、… stands between
 * rows. It is rewritten into the cell-per-line form with a 序号 column put
 * in front, so the reader above reads it as any other. */

/* The role of the paragraph l as a header cell, R_NONE when it is none: a
 * column's label is short and plain (a list heading such as 2024年重点工作
 * 责任分解, or the note （列第一位者为牵头单位）, holds column words too). */
static int para_role(const jx_line *l)
{
    if (!l->len || l->len > 30 || memchr(l->text, '\t', l->len) || memchr(l->text, '|', l->len) ||
        txt_find(l->text, l->len, "（") || txt_find(l->text, l->len, "年") || txt_find(l->text, l->len, "分解"))
        return R_NONE;
    char w[32];             /* the label, spaces out (责 任 领 导) */
    size_t k = 0;
    for (size_t c = 0; c < l->len; c++)
        if (l->text[c] != ' ') w[k++] = l->text[c];
    w[k] = 0;
    int lead;
    return role_of(w, &lead);
}

static int leader_cell(const jx_line *l);

/* Where line i opens such a header: its cells' roles in role[] (up to 8),
 * their number; 0 when it opens none. The text column comes first, or
 * second after a leader column (牵头领导 / 重点工作 / 牵头单位 / 配合单位 / 备注,
 * 玉环 2021), whose cell, printed once over the rows it leads, then
 * stands before item 1. */
static size_t item_header(const jx_text *t, size_t i, int *role, size_t *after)
{
    size_t k = 0, j = i;
    int units = 0, text = 0, r0 = para_role(&t->lines[i]);
    if (r0 != R_TEXT && r0 != R_LEADER) return 0;
    for (; j < t->nlines && k < 8; j++) {
        const jx_line *l = &t->lines[j];
        if (!l->len) continue;
        int r = para_role(l);
        if (r == R_NONE || r == R_SEQ || (text && r == R_TEXT) || (k == 1 && r0 == R_LEADER && r != R_TEXT)) break;
        units |= r == R_DEPT || r == R_MEMBER;
        text |= r == R_TEXT;
        role[k++] = r;
    }
    if (k < 2 || !units || !text) return 0;
    /* then an item 1 (after a group row or two, or the leader's cell,
     * perhaps: the look stays short, so that a file of such headers costs
     * what its lines do) */
    for (int seen = 0; j < t->nlines; j++) {
        const jx_line *l = &t->lines[j];
        if (!l->len) continue;
        if (++seen > 3) return 0;
        jx_tok tk;
        lex_line(l, &tk);
        if (tk.kind == T_SECTION || (r0 == R_LEADER && leader_cell(l))) continue;
        if (tk.kind != T_ITEM || tk.num != 1) return 0;
        break;
    }
    if (j >= t->nlines) return 0;
    *after = j;
    return k;
}

/* A paragraph that names people, not units: short, Han only, no unit's
 * ending (董贵波, 郑敏强; 市发改委 is a unit). */
static int person_like(const jx_line *l)
{
    static const char *const unit_ends[] = {"局", "委", "办", "会", "院", "府", "部", "厅", "司", "团", "处", "心", "队", "社", NULL};
    if (l->len < 6 || l->len > 12 || memchr(l->text, ' ', l->len)) return 0;
    for (size_t k = 0; k < l->len; k += 3)
        if ((unsigned char)l->text[k] < 0xE4 || (unsigned char)l->text[k] > 0xE9) return 0;
    for (int k = 0; unit_ends[k]; k++)
        if (txt_ends(l->text, l->len, unit_ends[k])) return 0;
    return !txt_find(l->text, l->len, "、") && !txt_starts(l->text, l->len, "市");
}

/* A leader's cell: names each followed by a title, 、 between them
 * (周阳市长, 张三常务副市长、李四副市长), nothing else. */
static int leader_cell(const jx_line *l)
{
    const char *s = l->text, *e = s + l->len;
    if (!l->len || l->len > 90 || memchr(s, '\t', l->len) || memchr(s, ' ', l->len)) return 0;
    while (s < e) {
        const char *q = txt_find(s, (size_t)(e - s), "、"), *title;
        size_t n = (size_t)((q ? q : e) - s), nl = lex_leader(s, n, &title);
        if (nl < 6 || nl + strlen(title) != n) return 0;
        for (size_t k = 0; k < nl; k += 3)
            if ((unsigned char)s[k] < 0xE4 || (unsigned char)s[k] > 0xE9) return 0;
        s = q ? q + 3 : e;
    }
    return 1;
}

/* A paragraph that names units only: each name, 、 or ， between them
 * (outside brackets), a body's name a table knows or one with a body's
 * ending (市府办, 市司法局, 各单位, 玉环经济开发区; a bracket after it,
 * 市委组织部（市委人才办）, 各县（市、区）政府, is part of it), no sentence.
 * A 备注 (长期, 年底前完成) is none. */
static const char *const unit_ends[] = {"局", "委", "办", "院", "会", "府", "部", "厅", "司", "团", "处", "心", "队",
                                        "社", "所", "站", "行", "区", "县", "市", "镇", "乡", "街道", "单位", "馆",
                                        "室", "组", "台", "校", "园", "场", NULL};

static void unit_part(void *ctx, const char *s, size_t n)
{
    int *ok = ctx;
    size_t m = n;
    if (txt_ends(s, m, "）")) {             /* the bracket after the name */
        const char *b = txt_rfind(s, m, "（");
        if (b && b > s) m = (size_t)(b - s);
    }
    int named = m >= 6 && m <= 90 && dep_name_at(s, m) == m;
    for (int k = 0; unit_ends[k] && !named; k++) named = m >= 6 && m <= 90 && txt_ends(s, m, unit_ends[k]);
    *ok &= named;
}

static int unit_paragraph(jx_arena *a, const jx_line *l)
{
    static const char *const seps[] = {"、", "，", NULL};
    static const jx_splitter how = {.seps = seps};
    size_t n;
    if (!l->len || l->len > 600 || memchr(l->text, '\t', l->len)) return 0;
    const char *s = txt_fold(a, l->text, l->len, &n);
    if (!n || txt_find(s, n, "。") || txt_find(s, n, "：")) return 0;
    int ok = 1;
    txt_split(s, n, &how, unit_part, &ok);
    return ok;
}

/* A paragraph of spaces only (a page's &nbsp;, U+00A0, or U+3000). */
static int blank_paragraph(const jx_line *l)
{
    for (size_t k = 0; k < l->len;) {
        if (l->text[k] == ' ') k++;
        else if (txt_starts(l->text + k, l->len - k, "\xC2\xA0")) k += 2;
        else if (txt_starts(l->text + k, l->len - k, "\xE3\x80\x80")) k += 3;
        else return 0;
    }
    return 1;
}

static void note(emitter *e, long no, char *text)
{
    jx_line *l = jx_vec_push(e->notes);
    l->text = text;
    l->len = strlen(text);
    l->no = no;
}

static void emit_cell(emitter *e, jx_buf *b, long no, const char *s, size_t n)
{
    jx_buf_clear(b);
    jx_buf_put(b, "\t", 1);
    jx_buf_put(b, s, n);
    emit(e, no, b->p, b->len);
}

/* The cells after the text of a row of a table whose leader column comes
 * first, under a 牵头单位 and a 配合单位 column (unit_cols 2), or one unit
 * column (责任单位, unit_cols 1: every unit paragraph is its cell, the
 * first listed leading), and then
 * 备注 columns (or none), as a web page copied as text prints it: 玉环 2021, whose page
 * prints each unit of a cell a paragraph of its own and an empty cell as
 * nothing at all, a blank line after every paragraph alike. So the blank
 * lines part units, not cells, and a row's paragraphs do not count its
 * cells: row 1 prints 市府办 / 各单位 under three columns, row 2 市府办 /
 * 市司法局 / 市审计局 / 各单位. What tells the columns apart is the lead's
 * width: the list's 牵头单位 is one body a task (the city's 督查室 report on
 * this very list, yuhuan.gov.cn art_1229463086_59051269, names one
 * 责任单位 for each task it cites), so the first paragraph of units is the
 * 牵头单位 cell (several names in it, 、 between them, all lead), the units
 * after it the 配合单位 cell, and the paragraphs after them that name no
 * unit the 备注. A row not of that shape (no unit, a first paragraph that
 * names none, a unit after a 备注, a 备注 where the header has none)
 * cannot be told apart: it is left out, and said. Returns 0 then. */
static int led_units(emitter *e, jx_buf *b, const jx_line *item, long seq, const jx_line *const *cells, size_t nc,
                     size_t unit_cols, size_t skips)
{
    jx_arena *a = e->a;
    size_t k = 1, r;
    const char *why = NULL;
    if (!nc) why = "no unit cell (merged with the row above, or not printed)";
    else if (!unit_paragraph(a, cells[0])) why = "its first cell after the text names no unit";
    else {
        while (k < nc && unit_paragraph(a, cells[k])) k++;
        for (r = k; r < nc && !unit_paragraph(a, cells[r]); r++) {}
        if (r < nc) why = "a unit follows a cell that names none";
        else if (k < nc && !skips) why = "a cell that names no unit stands under no 备注 column";
    }
    if (why) {
        note(e, item->no, jx_sprintf(e->a, "item %ld of a table with a leader column: %s; the row is left out", seq, why));
        return 0;
    }
    /* A name alone where the 备注 stands may be the next rows' leader
     * printed without a title, which no rule tells from a 备注: said, not
     * guessed (the rows after it keep the leader above) */
    static const char *const when[] = {"年", "月", "日", "期", "季", "度", "底", "前", "内", "后", "止", "时", NULL};
    for (size_t j = k; j < nc; j++) {
        int time = 0;       /* 全年, 年底前, 长期: a 备注 of time, not a name */
        for (int w = 0; when[w] && !time; w++) time = txt_find(cells[j]->text, cells[j]->len, when[w]) != NULL;
        if (!time && person_like(cells[j]))
            note(e, cells[j]->no, jx_sprintf(e->a, "item %ld of a table with a leader column: \"%.*s\" after its units"
                                             " reads as a name without a title; kept as its 备注, not as a leader",
                                             seq, (int)cells[j]->len, cells[j]->text));
    }
    jx_buf m = {0};
    if (unit_cols == 2) {
        emit_cell(e, b, cells[0]->no, cells[0]->text, cells[0]->len);
        for (size_t j = 1; j < k; j++) {
            if (j > 1) jx_buf_puts(&m, "、");
            jx_buf_put(&m, cells[j]->text, cells[j]->len);
        }
        emit_cell(e, b, k > 1 ? cells[1]->no : cells[0]->no, m.p ? m.p : "", m.len);
    } else {
        /* one unit column: its units, in printed order */
        for (size_t j = 0; j < k; j++) {
            if (j) jx_buf_puts(&m, "、");
            jx_buf_put(&m, cells[j]->text, cells[j]->len);
        }
        emit_cell(e, b, cells[0]->no, m.p, m.len);
    }
    jx_buf_clear(&m);
    for (size_t j = k; j < nc; j++) jx_buf_put(&m, cells[j]->text, cells[j]->len);
    if (skips) emit_cell(e, b, k < nc ? cells[k]->no : cells[0]->no, m.p ? m.p : "", m.len);
    for (size_t j = 1; j < skips; j++) emit(e, cells[0]->no, "\t", 1);
    jx_buf_free(&m);
    return 1;
}

static size_t from_items(emitter *e, const jx_text *t, size_t i, const int *role, size_t ncols, size_t body)
{
    jx_buf b = {0};
    long seq = 0;
    emit(e, t->lines[i].no, "\t序号", strlen("\t序号"));
    for (; i < body; i++) {
        const jx_line *l = &t->lines[i];
        if (!l->len) continue;
        if (role[0] == R_LEADER && leader_cell(l)) break;      /* the first row's */
        jx_buf_clear(&b);
        jx_buf_put(&b, "\t", 1);
        jx_buf_put(&b, l->text, l->len);
        emit(e, l->no, b.p, b.len);
    }
    size_t leader = ncols, skips = 0;
    for (size_t c = 1; c < ncols; c++)
        if (role[c] == R_LEADER) leader = c;
    /* a leader column first, then the text: the leader's cell stands once
     * above the rows it leads, up to the next such cell (a rowspan); the
     * rows after it get the column empty, which inherits */
    int led = role[0] == R_LEADER;
    const jx_line *leader_at = NULL;
    size_t unit_cols = 0;
    if (led && ncols >= 3 && role[2] == R_DEPT) {
        /* the units read by led_units: 牵头单位 (or 责任单位), perhaps
         * 配合单位, then 备注 columns */
        unit_cols = ncols >= 4 && role[3] == R_MEMBER ? 2 : 1;
        while (2 + unit_cols + skips < ncols && role[2 + unit_cols + skips] == R_SKIP) skips++;
        if (2 + unit_cols + skips != ncols) unit_cols = 0;
    }
    led = unit_cols > 0;        /* others: a paragraph a column */
    while (i < t->nlines) {
        const jx_line *l = &t->lines[i];
        if (!l->len || pg_furniture(l->text, l->len)) { i++; continue; }
        if (role[0] == R_LEADER && leader_cell(l)) {
            leader_at = l;
            i++;
            continue;
        }
        jx_tok tk;
        lex_line(l, &tk);
        if (tk.kind == T_SECTION) {
            emit(e, l->no, "", 0);
            jx_buf_clear(&b);
            jx_buf_put(&b, "\t", 1);
            jx_buf_put(&b, tk.body, tk.blen);
            emit(e, l->no, b.p, b.len);
            i++;
            continue;
        }
        /* under a leader's cell the numbers may start again at 1, as they
         * do in a list's leader sections */
        if (tk.kind != T_ITEM || (tk.num != seq + 1 && !(tk.num == 1 && leader_at))) break;
        seq = tk.num;
        /* the row: the item's number and text, then its paragraphs up to
         * the next item or group row, one a column; a leader's cell may
         * print its names a paragraph each */
        size_t j = i + 1, c = 1;
        /* a leader-column page prints a unit a paragraph: many to a row */
        const jx_line *cells[256];
        size_t nc = 0, cap = role[0] == R_LEADER ? 256 : 16;
        for (; j < t->nlines && nc < cap; j++) {
            const jx_line *m = &t->lines[j];
            if (!m->len || pg_furniture(m->text, m->len)) continue;
            if (role[0] == R_LEADER && leader_cell(m)) break;
            if (role[0] == R_LEADER && blank_paragraph(m)) continue;      /* &nbsp; */
            jx_tok mk;
            lex_line(m, &mk);
            if (mk.kind == T_SECTION || (mk.kind == T_ITEM && mk.num == seq + 1) || ends_table(&mk) ||
                mk.opens || memchr(m->text, '\t', m->len))
                break;
            cells[nc++] = m;
        }
        i = j;
        const char *rest = tk.rest;
        size_t rn = tk.blen - (size_t)(tk.rest - tk.body);
        if (role[0] == R_LEADER) {
            /* the cells emitted go in a buffer of lines first: a row of
             * units that cannot be told apart is left out whole */
            size_t mark = e->out->n;
            emit(e, l->no, "", 0);
            char *num = jx_sprintf(e->a, "\t%ld", seq);
            emit(e, l->no, num, strlen(num));
            if (leader_at) emit_cell(e, &b, leader_at->no, leader_at->text, leader_at->len);
            else emit(e, l->no, "\t", 1);
            emit_cell(e, &b, l->no, rest, rn);
            if (led) {
                if (!led_units(e, &b, l, seq, cells, nc, unit_cols, skips)) {
                    e->out->n = mark;
                    continue;       /* the leader's cell stays for the rows after */
                }
            } else {
                for (size_t k = 0; k < nc; k++) emit_cell(e, &b, cells[k]->no, cells[k]->text, cells[k]->len);
            }
            leader_at = NULL;
            continue;
        }
        emit(e, l->no, "", 0);
        char *num = jx_sprintf(e->a, "\t%ld", seq);
        emit(e, l->no, num, strlen(num));
        emit_cell(e, &b, l->no, rest, rn);
        size_t extra = nc > ncols - 1 ? nc - (ncols - 1) : 0;
        for (size_t k = 0; k < nc; k++, c++) {
            long at = cells[k]->no;     /* a cell's line is the one it begins on */
            jx_buf_clear(&b);
            jx_buf_put(&b, "\t", 1);
            jx_buf_put(&b, cells[k]->text, cells[k]->len);
            /* the names after the first in a leader's cell */
            while (c == leader && extra && k + 1 < nc && person_like(cells[k + 1])) {
                jx_buf_puts(&b, "、");
                k++;
                extra--;
                jx_buf_put(&b, cells[k]->text, cells[k]->len);
            }
            emit(e, at, b.p, b.len);
        }
    }
    if (seq) emit(e, t->lines[i - 1].no, "", 0);
    jx_buf_free(&b);
    return i;
}

/* A line that is a pipe alone (`|`, a scraper's mark between cells). */
static int bar_line(const jx_line *l)
{
    const char *s = l->text;
    size_t n = l->len;
    trim(&s, &n);
    return n == 1 && *s == '|';
}

/* Tables some mirrors print a cell a line with a line `|` after every
 * cell (序号 / | / 重点工作任务 / | / 责任单位 / | / 1 / | / …): the bars
 * part cells as blank lines part paragraphs, and rows are cut by the
 * header's width and the 序号 sequence as a cell-per-paragraph table's
 * are. So from a 序号 line whose next line is a bar, the bars are dropped,
 * each leaving the gap in line numbers that from_paragraphs counts as a
 * blank line; the first line that is neither a bar nor followed by one
 * within a few lines (a cell wrapped over lines) ends that. */
static void drop_bars(jx_arena *a, jx_text *t)
{
    size_t i = 0;
    while (i + 1 < t->nlines && !(para_header(&t->lines[i]) && bar_line(&t->lines[i + 1]))) i++;
    if (i + 1 >= t->nlines) return;
    jx_vec out = JX_VEC(jx_line);
    for (size_t k = 0; k < i; k++) *(jx_line *)jx_vec_push(&out) = t->lines[k];
    while (i < t->nlines) {
        const jx_line *l = &t->lines[i];
        if (!(para_header(l) && i + 1 < t->nlines && bar_line(&t->lines[i + 1]))) {
            *(jx_line *)jx_vec_push(&out) = *l;
            i++;
            continue;
        }
        for (; i < t->nlines; i++) {
            if (bar_line(&t->lines[i])) continue;
            size_t k = i + 1;
            while (k < t->nlines && k <= i + 4 && !bar_line(&t->lines[k])) k++;
            if (k == t->nlines || !bar_line(&t->lines[k])) break;
            for (; i < k; i++) *(jx_line *)jx_vec_push(&out) = t->lines[i];
            i--;
        }
    }
    dec_take_lines(a, t, &out);
}

void tbl_normalize(jx_arena *a, jx_text *t)
{
    /* cheap test first: most files have no table in these forms */
    size_t i, start = t->nlines;
    for (i = 0; i < t->nlines && start == t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        int outer, closed;
        /* para_header stops at the first character that is not 序; a pipe
         * header has a pipe */
        int role[8];
        size_t body;
        if (para_header(l) || (memchr(l->text, '|', l->len) && pipe_header(l, &outer, &closed)) ||
            (l->len <= 30 && l->len >= 6 && item_header(t, i, role, &body)))
            start = i;
    }
    if (start == t->nlines) return;
    drop_bars(a, t);        /* after start: the lines before it stay where they are */
    jx_vec out = JX_VEC(jx_line), notes = JX_VEC(jx_line);
    emitter e = {a, &out, &notes};
    int role[8];
    size_t ncols, body;
    for (i = 0; i < start; i++) *(jx_line *)jx_vec_push(&out) = t->lines[i];
    while (i < t->nlines) {
        const jx_line *l = &t->lines[i];
        int outer = 0, closed = 0, form = memchr(l->text, '|', l->len) ? pipe_header(l, &outer, &closed) : 0;
        if (form == 1) i = from_pipe_rows(&e, t, i, outer, closed);
        else if (form == 2) i = from_cell_pipes(&e, t, i);
        else if (form == 3) i = from_led_pipe_rows(&e, t, i, outer, closed);
        else if (para_header(l) && (!i || !memchr(t->lines[i - 1].text, '\t', t->lines[i - 1].len)))
            i = from_paragraphs(&e, t, i);
        else if (l->len <= 30 && l->len >= 6 && (ncols = item_header(t, i, role, &body)))
            i = from_items(&e, t, i, role, ncols, body);
        else *(jx_line *)jx_vec_push(&out) = t->lines[i++];
    }
    dec_take_lines(a, t, &out);
    if (notes.n) {      /* after the decoder's */
        jx_line *all = jx_alloc(a, (t->nnotes + notes.n) * sizeof *all);
        if (t->nnotes) memcpy(all, t->notes, t->nnotes * sizeof *all);
        memcpy(all + t->nnotes, notes.p, notes.n * sizeof *all);
        t->notes = all;
        t->nnotes += notes.n;
    }
    jx_vec_free(&notes);
}
