/* table.c: Word tables exported as text, rebuilt into rows of cells.
 *
 * Two export styles occur. One cell per line: a line starting with a tab
 * starts a cell, a line without one continues the previous cell (even after
 * a blank line, as page breaks and vertical header text 南/湖/区 do), and a
 * tab line after a blank line starts a new row. One row per line: cells are
 * separated by tabs, leading empty cells being merged ones. Where cell-per-
 * line rows are not separated by blank lines, the header's width decides. */
#include "jxgov.h"

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

/* The integer a cell holds (its raw text, spaces allowed), or -1. */
static long cell_number(const jx_buf *pb)
{
    long v = -1;
    for (size_t i = 0; i < pb->len; i++) {
        char c = pb->p[i];
        if (c == ' ') continue;
        if (c < '0' || c > '9' || v > 100000000) return -1;
        v = (v < 0 ? 0 : v * 10) + (c - '0');
    }
    return v;
}

static void add_cell(builder *b, const char *s, size_t n, long line)
{
    if (!b->cells.n) b->row_line = line;
    jx_cell *c = jx_vec_push(&b->cells);
    c->line = line;
    jx_buf *pb = jx_vec_push(&b->pieces);
    jx_buf_put(pb, s, n);
}

static void push_group(builder *b, long ord, const char *text, size_t n, long line)
{
    jx_row *r = jx_vec_push(b->rows);
    r->line = line;
    r->group = ord;
    r->group_text = txt_squash_dup(b->a, text, n);
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

size_t tbl_rebuild(jx_arena *a, const jx_tok *tok, const jx_line *lines, size_t lo, size_t n,
                   jx_vec *rows)
{
    builder b = {a, rows, JX_VEC(jx_cell), JX_VEC(jx_buf), 0};
    int blank = 0, first_row = 1, after_footer = 0, last_row_line = 0;
    size_t width = 0, maxw = 0, maxw_seen = 0, i;
    long seq = 0;           /* the last row number seen (no-blank tables) */
    size_t lead = 1;        /* empty cells that open a follow-on row */
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
            long ord = one_cell ? lex_ordinal(s + 1, len - 1, &rest) : 0;
            if (ord > 0) {
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
                int is_seq1 = len == 2 && s[1] == '1';
                if (b.cells.n && first_row && !blank && is_seq1) {
                    /* a header of two rows: the second starts with the empty
                     * cells under the labels that span both */
                    size_t h = 0;
                    for (size_t c = 1; c < b.cells.n && !h; c++)
                        if (!JX_AT(b.pieces, jx_buf, c).len && JX_AT(b.pieces, jx_buf, c - 1).len) h = c;
                    if (h) {
                        size_t second = b.cells.n - h;
                        flush_first(&b, h);
                        width = second > h ? second : h;
                        for (lead = 0; lead < b.cells.n && !JX_AT(b.pieces, jx_buf, lead).len; lead++) {}
                    } else {
                        width = b.cells.n;
                    }
                }
                long num = cell_number(&(jx_buf){(char *)s + 1, len - 1, 0});
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
                if (b.cells.n && (blank || last_row_line ||
                                  (width && b.cells.n >= width && (opens || b.cells.n > width)))) {
                    flush(&b);
                    first_row = 0;
                }
                if (!b.cells.n && num > 0) seq = num;
                add_cell(&b, s + 1, len - 1, ln->no);
            } else {
                flush(&b);
                for (const char *p = s, *e = s + len; p <= e;) {
                    const char *q = memchr(p, '\t', (size_t)(e - p));
                    if (!q) q = e;
                    add_cell(&b, p, (size_t)(q - p), ln->no);
                    p = q + 1;
                }
                /* left open: a wrapped last cell continues on the next lines */
                first_row = 0;
            }
            last_row_line = !one_cell && ord <= 0;
            blank = 0;
        } else if (t->kind == T_BLANK) {
            if (!after_footer) blank = 1;
        } else if (t->kind == T_FOOTER) {
            /* A page break: its blank lines separate nothing. The row goes on
             * unless it is already as wide as the widest row so far. */
            blank = b.cells.n >= maxw;
            after_footer = 1;
            continue;
        } else if (t->kind == T_SECTION) {
            /* a group row (一、…) printed across the table */
            if (first_row && !blank && !width) width = b.cells.n;
            flush(&b);
            push_group(&b, t->num, t->rest, t->blen - (size_t)(t->rest - t->body), ln->no);
            first_row = 0;
        } else if (ends_table(t) || gz_section_start(tok, i, n)) {
            break;
        } else {
            /* continuation of the last cell; the blank before it was part of
             * the cell (南 / 湖 / 区), not a row break */
            if (blank && last_row_line) break;  /* a one-line row is whole: prose follows */
            blank = 0;
            if (b.cells.n) jx_buf_put(&JX_AT(b.pieces, jx_buf, b.pieces.n - 1), t->body, t->blen);
            else break;
        }
    }
    flush(&b);
    jx_vec_free(&b.cells);
    jx_vec_free(&b.pieces);
    return i;
}
