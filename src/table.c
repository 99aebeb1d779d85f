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
             * unless it is already as wide as the widest row so far; in the
             * header (no numbered row yet) it always goes on, as a two-row
             * header run together is split again at its first merged cell. */
            blank = seq > 0 && b.cells.n >= maxw;
            after_footer = 1;
            continue;
        } else if (t->kind == T_SECTION) {
            /* a group row (一、…) printed across the table */
            if (first_row && !blank && !width) width = b.cells.n;
            flush(&b);
            push_group(&b, t->num, t->rest, t->blen - (size_t)(t->rest - t->body), ln->no);
            first_row = 0;
        } else if (ends_table(t) || t->opens) {
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

typedef struct { jx_arena *a; jx_vec *out; } emitter;

static void emit(emitter *e, long no, const char *s, size_t n)
{
    jx_line *l = jx_vec_push(e->out);
    l->text = jx_strndup(e->a, s, n);
    l->len = n;
    l->no = no;
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

/* 1: a pipe-row header (序号 | …), 2: the first line of a cell-per-line
 * pipe table (序号 |), 0: neither. */
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
    jx_vec_free(&cells);
    return form;
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
            if (closed || lex_ordinal(s, n, &rest) <= 0) break;
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

/* One character of Han script: a line of vertical header text (南 / 湖 / 区). */
static int single_han(const char *s, size_t n)
{
    return n == 3 && (unsigned char)s[0] >= 0xE3 && (unsigned char)s[0] <= 0xE9;
}

/* Characters (not bytes) in s[0..n). */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* A cell-per-paragraph table starts at a paragraph 序号 alone. */
static int para_header(const jx_line *l)
{
    return l->len && !memchr(l->text, '\t', l->len) && !memchr(l->text, '|', l->len) &&
           eq_nospace(l->text, l->len, "序号");
}

/* Whether line i opens a gazette section (a 解读 heading wraps over a few
 * lines, so a few are lexed). */
static int section_ahead(const jx_text *t, size_t i)
{
    jx_tok win[6];
    size_t k = 0;
    for (; k < 6 && i + k < t->nlines; k++) lex_line(&t->lines[i + k], &win[k]);
    return seg_heading(win, 0, k) > 0;
}

static size_t from_paragraphs(emitter *e, const jx_text *t, size_t i)
{
    jx_buf cell = {0};
    long cell_no = 0, seq = 0;
    size_t blanks = 0, empties_before = 0, last_width = 0, widest = 0;
    int furniture = 0, sep_before = 0, first = 1, header = 1, vertical = 0, open = 0;
    long last_no = t->lines[i].no;
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
        jx_tok tk;
        lex_line(l, &tk);
        /* a header cell such as 任务分解 is no list heading */
        if ((ends_table(&tk) && !(tk.kind == T_LISTHEAD && tk.blen <= 12)) ||
            (tk.kind == T_TEXT && section_ahead(t, i)))
            break;
        const char *s = tk.body;
        size_t n = tk.blen;
        /* the next row's number opens a cell even where a page break took
         * the blank line before it */
        long num = -1;
        if (n && n <= 4 && tk.kind == T_FOOTER) num = atol(s);
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
        if (chars(s, n) > widest) widest = chars(s, n);
        if (first || sep || next_row) {
            /* blank lines separate cells; a longer run holds empty cells
             * (an empty paragraph between two separators) */
            size_t empties = empties_before + (blanks >= 3 ? (blanks - 1) / 2 : 0);
            if (header && vertical && single_han(s, n) && !empties) {
                jx_buf_put(&cell, s, n);    /* 南 / 湖 / 区 printed a paragraph each */
            } else {
                if (open) emit(e, cell_no, cell.p, cell.len);
                for (size_t k = 0; k < empties; k++) emit(e, l->no, "\t", 1);
                jx_buf_clear(&cell);
                jx_buf_put(&cell, "\t", 1);
                jx_buf_put(&cell, s, n);
                cell_no = l->no;
                open = 1;
                last_width = chars(s, n);
                if (!first && n == 1 && *s == '1') header = 0, seq = 1;
                vertical = single_han(s, n);
            }
        } else {
            jx_buf_put(&cell, s, n);        /* a cell's own wrapped lines */
            vertical = 0;
            last_width = chars(s, n);
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

void tbl_normalize(jx_arena *a, jx_text *t)
{
    /* cheap test first: most files have no table in these forms */
    size_t i, start = t->nlines;
    for (i = 0; i < t->nlines && start == t->nlines; i++) {
        const jx_line *l = &t->lines[i];
        int outer, closed;
        /* para_header stops at the first character that is not 序; a pipe
         * header has a pipe */
        if (para_header(l) || (memchr(l->text, '|', l->len) && pipe_header(l, &outer, &closed))) start = i;
    }
    if (start == t->nlines) return;
    jx_vec out = JX_VEC(jx_line);
    emitter e = {a, &out};
    for (i = 0; i < start; i++) *(jx_line *)jx_vec_push(&out) = t->lines[i];
    while (i < t->nlines) {
        const jx_line *l = &t->lines[i];
        int outer = 0, closed = 0, form = memchr(l->text, '|', l->len) ? pipe_header(l, &outer, &closed) : 0;
        if (form == 1) i = from_pipe_rows(&e, t, i, outer, closed);
        else if (form == 2) i = from_cell_pipes(&e, t, i);
        else if (para_header(l) && (!i || !memchr(t->lines[i - 1].text, '\t', t->lines[i - 1].len)))
            i = from_paragraphs(&e, t, i);
        else *(jx_line *)jx_vec_push(&out) = t->lines[i++];
    }
    t->lines = jx_alloc(a, (out.n ? out.n : 1) * sizeof *t->lines);
    if (out.n) memcpy(t->lines, out.p, out.n * sizeof *t->lines);
    t->nlines = out.n;
    jx_vec_free(&out);
}
