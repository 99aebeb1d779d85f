/* perturb.c: makes the layout variants real inputs arrive in, from a seed.
 *   perturb wrap N FILE      hard-wrap lines at N characters (as a PDF
 *                            export does) and put a page footer "- k -"
 *                            with blank lines around it every 40 lines
 *   perturb pdf N FORM FILE  the same hard wraps, with a page number in
 *                            FORM every 40 lines: emdash (— k —), tight
 *                            (—k—), fullwidth (－k－), ascii (- k -), dash
 *                            (-k-), page (第k页), pageof (第 k 页 共 N 页),
 *                            slash (k/N), header (— k — and a running
 *                            header 嘉兴市人民政府公报 2025年第3期); odd pages
 *                            with blank lines around it, even ones without
 *   perturb pdfcells N FORM FILE  the same, and a cell printed on a line of
 *                            its own wraps too
 *   perturb pdfrows N FORM FILE   the same, and a table row printed on one
 *                            line (tab-separated cells) wraps too, a tab
 *                            counting as a character
 *   perturb para|paranone|paravert|pipe|pipeouter|pipebare|pipemd|cellpipe FILE
 *                            every table headed 序号 in another export
 *                            form: one cell per paragraph without tabs (an
 *                            empty cell a space, or nothing: an empty
 *                            paragraph; paravert: as para, and vertical
 *                            text 南 / 湖 / 区 a paragraph a character); pipe rows `a | b |`, `| a | b |`,
 *                            `a | b`, or markdown with a `|---|` row; one
 *                            cell per line ending ` |`
 *   perturb html|htmlcells FILE   every table headed 序号 as a page's
 *                            source gives it: <table>, a row a line
 *                            (<tr><td>a</td><td>b<br>c</td></tr>), or
 *                            indented with each tag and each line of a
 *                            cell on a line of its own
 *   perturb csv FILE         every table headed 序号 saved as CSV: fields
 *                            apart by commas, quoted where they hold a
 *                            comma, a quote or a line break (a cell's lines)
 *   perturb run FILE         every table headed 序号 with one text column (or
 *                            a 项目名称 and a content column) and one or two
 *                            unit columns joined into one line, no
 *                            break and no separator between its cells (a PDF
 *                            text export); other tables as they were
 *   perturb rundist FILE     every table whose header names a district
 *                            (南湖区 …) joined so, header and rows
 *   perturb rundistflat FILE the same, its grouping column (事项分类, or a
 *                            项目名称 beside a content column) left out of
 *                            its numbered rows: a district table without one
 *   perturb halfwidth FILE   full-width CJK punctuation -> ASCII ， ： （ ） ；
 *   perturb fullwidth FILE   ASCII digits -> full-width digits
 *   perturb noblank FILE     blank lines dropped (table rows no longer
 *                            separated; the header width must decide)
 * Output on stdout. Input must be UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int clen(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static const char *form = "ascii";
static int always_blank = 1;    /* wrap: blank lines around every footer */
static int wrap_cells;          /* pdfcells: cell-per-line cells wrap too */
static int wrap_rows;           /* pdfrows: tab-separated rows wrap too */

static void footer(long page)
{
    const char *blank = always_blank || page % 2 ? "\n" : "";
    printf("%s", blank);
    if (!strcmp(form, "emdash")) printf("— %ld —\n", page);
    else if (!strcmp(form, "tight")) printf("—%ld—\n", page);
    else if (!strcmp(form, "fullwidth")) printf("－%ld－\n", page);
    else if (!strcmp(form, "dash")) printf("-%ld-\n", page);
    else if (!strcmp(form, "page")) printf("第%ld页\n", page);
    else if (!strcmp(form, "pageof")) printf("第 %ld 页 共 99 页\n", page);
    else if (!strcmp(form, "slash")) printf("%ld/99\n", page);
    else if (!strcmp(form, "header")) printf("— %ld —\n%s嘉兴市人民政府公报  2025年第3期\n", page, blank);
    else printf("- %ld -\n", page);
    printf("%s", blank);
}

/* ---- tables in other export forms ---- */
typedef struct { char **line; int n; } cell;          /* its printed lines */
typedef struct { cell *c; int n; int group; } row;

static int blank(const char *s) { return !*s; }
static int has_tab(const char *s) { return strchr(s, '\t') != NULL; }

static int header_line(const char *line)
{
    const char *s = line;
    while (*s == '\t' || *s == ' ') s++;
    return !strncmp(s, "序号", 6) && (s[6] == '\t' || !s[6]) && has_tab(line);
}

static void add_cell(row *r, const char *text, int len)
{
    r->c = realloc(r->c, (size_t)(r->n + 1) * sizeof *r->c);
    cell *c = &r->c[r->n++];
    c->line = malloc(sizeof *c->line);
    c->line[0] = strndup(text, (size_t)len);
    c->n = 1;
}

static void add_line(row *r, const char *text)
{
    cell *c = &r->c[r->n - 1];
    c->line = realloc(c->line, (size_t)(c->n + 1) * sizeof *c->line);
    c->line[c->n++] = strdup(text);
}

static int ordinal_cell(const char *s)
{
    static const char *const d[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", NULL};
    for (int k = 0; d[k]; k++) if (!strncmp(s, d[k], strlen(d[k]))) return 1;
    return 0;
}

/* One cell's text on one line: its printed lines joined. */
static void put_joined(const cell *c)
{
    for (int k = 0; k < c->n; k++) fputs(c->line[k], stdout);
}

static int only_spaces(const char *s) { return strspn(s, " ") == strlen(s); }

/* A cell of vertical text: one Han character a line (南 / 湖 / 区). */
static int vertical_cell(const cell *c)
{
    int chars = 0;
    for (int j = 0; j < c->n; j++) {
        const unsigned char *s = (const unsigned char *)c->line[j];
        if (blank(c->line[j])) continue;
        if (strlen(c->line[j]) != 3 || s[0] < 0xE3 || s[0] > 0xE9) return 0;
        chars++;
    }
    return chars > 1;
}

static int run_mode(const char *mode) { return !strncmp(mode, "run", 3); }

/* The header's grouping column (rundistflat leaves it out), -1 when none. */
static int group_column(const row *h)
{
    for (int k = 0; k + 1 < h->n; k++) {
        const char *s = h->c[k].n ? h->c[k].line[0] : "";
        const char *next = h->c[k + 1].n ? h->c[k + 1].line[0] : "";
        if (!strcmp(s, "事项分类") || !strcmp(s, "分类") ||
            (!strcmp(s, "项目名称") && (strstr(next, "内容") || strstr(next, "名称"))))
            return k;
    }
    return -1;
}

static void emit_table(const char *mode, row *rows, int nrows)
{
    int outer = !strcmp(mode, "pipeouter") || !strcmp(mode, "pipemd");
    int html = !strncmp(mode, "html", 4);
    if (html) puts("<table>");
    if (run_mode(mode)) {
        int drop = !strcmp(mode, "rundistflat") && nrows ? group_column(&rows[0]) : -1;
        for (int r = 0; r < nrows; r++)
            for (int k = 0; k < rows[r].n; k++) {
                /* an unnumbered row's cell there is its indicator (000's annex
                 * prints them so), not the grouping column's */
                const cell *c0 = &rows[r].c[0], *ck = &rows[r].c[k];
                int numbered = c0->n && *c0->line[0], empty = !ck->n || !*ck->line[0];
                if (k != drop || (!numbered && !empty)) put_joined(ck);
            }
        putchar('\n');
    }
    for (int r = 0; r < nrows && !run_mode(mode); r++) {
        row *w = &rows[r];
        if (!strcmp(mode, "para") || !strcmp(mode, "paranone") || !strcmp(mode, "paravert")) {
            for (int k = 0; k < w->n; k++) {
                cell *c = &w->c[k];
                if (c->n == 1 && only_spaces(c->line[0])) printf("%s\n\n", !strcmp(mode, "paranone") ? "" : " ");
                else if (!strcmp(mode, "paravert") && vertical_cell(c))
                    for (int j = 0; j < c->n; j++) { if (!blank(c->line[j])) printf("%s\n\n", c->line[j]); }
                else {
                    for (int j = 0; j < c->n; j++) if (!blank(c->line[j])) printf("%s\n", c->line[j]);
                    putchar('\n');
                }
            }
        } else if (!strcmp(mode, "html")) {
            fputs("<tr>", stdout);
            for (int k = 0; k < w->n; k++) {
                fputs(r ? "<td>" : "<th>", stdout);
                for (int j = 0; j < w->c[k].n; j++) printf("%s%s", j ? "<br>" : "", w->c[k].line[j]);
                fputs(r ? "</td>" : "</th>", stdout);
            }
            puts("</tr>");
        } else if (!strcmp(mode, "htmlcells")) {
            puts("  <tr>");
            for (int k = 0; k < w->n; k++) {
                puts("    <td>");
                for (int j = 0; j < w->c[k].n; j++) printf("      <p>%s</p>\n", w->c[k].line[j]);
                puts("    </td>");
            }
            puts("  </tr>");
        } else if (!strcmp(mode, "csv")) {
            for (int k = 0; k < w->n; k++) {
                const cell *c = &w->c[k];
                int quote = c->n > 1;
                for (int j = 0; j < c->n; j++) quote |= strchr(c->line[j], ',') || strchr(c->line[j], '"');
                if (k) putchar(',');
                if (quote) putchar('"');
                for (int j = 0; j < c->n; j++) {
                    if (j) putchar('\n');
                    for (const char *q = c->line[j]; *q; q++) {
                        if (*q == '"') putchar('"');
                        putchar(*q);
                    }
                }
                if (quote) putchar('"');
            }
            putchar('\n');
        } else if (!strcmp(mode, "cellpipe")) {
            for (int k = 0; k < w->n; k++) { put_joined(&w->c[k]); fputs(" |\n", stdout); }
            putchar('\n');
        } else {
            if (outer) fputs("| ", stdout);
            for (int k = 0; k < w->n; k++) {
                put_joined(&w->c[k]);
                if (k + 1 < w->n || strcmp(mode, "pipebare")) fputs(k + 1 < w->n ? " | " : " |", stdout);
            }
            putchar('\n');
            if (r == 0 && !strcmp(mode, "pipemd")) {
                for (int k = 0; k < w->n; k++) fputs("|---", stdout);
                puts("|");
            }
        }
    }
    if (html) puts("</table>");
    putchar('\n');
}

/* Reads the table starting at line i as the reader does (a tab line after a
 * blank starts a row, a line without a tab continues the cell above), and
 * prints it in mode; returns the line after it. */
static int table_in(const char *mode, char **L, int n, int i)
{
    row *rows = NULL;
    int nrows = 0, after_blank = 1, j;
    for (j = i; j < n; j++) {
        const char *s = L[j];
        if (blank(s)) { after_blank = 1; continue; }
        if (!has_tab(s)) {
            int k = j + 1;
            while (k < n && blank(L[k])) k++;
            int next_tab = k < n && has_tab(L[k]);
            size_t sl = strlen(s);
            const char *prev = L[j - 1];
            for (k = j - 1; k > i && blank(L[k]); k--) prev = L[k - 1];
            size_t pl = strlen(prev);
            int wrapped_list = pl >= 3 && !strcmp(prev + pl - 3, "、");
            /* as the reader does: text continues the cell above until a line
             * that ends the table */
            (void)next_tab;
            (void)wrapped_list;
            int one_line_row = nrows && rows[nrows - 1].n > 1 && rows[nrows - 1].group;
            if (!nrows || (one_line_row && after_blank) || *s == '#' || !strncmp(s, "注", 3) || !strncmp(s, "抄送", 6) || !strncmp(s, "附件", 6) ||
                !strncmp(s, "【", 3) || (sl >= 12 && !strcmp(s + sl - 12, "责任分解")))
                break;
            add_line(&rows[nrows - 1], s);
            after_blank = 0;
            continue;
        }
        int one = s[0] == '\t' && !strchr(s + 1, '\t');
        row *last = nrows ? &rows[nrows - 1] : NULL;
        if (!one || !last || after_blank || last->group || !last->c || ordinal_cell(s + 1) ||
            (last && last->n && last->c[0].n && has_tab(last->c[0].line[0]))) {
            rows = realloc(rows, (size_t)(nrows + 1) * sizeof *rows);
            rows[nrows++] = (row){NULL, 0, 0};
            last = &rows[nrows - 1];
        }
        if (one) {
            add_cell(last, s + 1, (int)strlen(s + 1));
            last->group = ordinal_cell(s + 1);
        } else {
            for (const char *p = s;;) {
                const char *q = strchr(p, '\t');
                add_cell(last, p, q ? (int)(q - p) : (int)strlen(p));
                if (!q) break;
                p = q + 1;
            }
            last->group = 1;    /* a one-line row is whole */
        }
        after_blank = 0;
    }
    emit_table(mode, rows, nrows);
    for (int r = 0; r < nrows; r++) {
        for (int k = 0; k < rows[r].n; k++) {
            for (int m = 0; m < rows[r].c[k].n; m++) free(rows[r].c[k].line[m]);
            free(rows[r].c[k].line);
        }
        free(rows[r].c);
    }
    free(rows);
    return j;
}

/* run: a header of three or four cells, one one-cell line each (a name
 * column, 项目名称, and its content are joined too) */
static int run_table(char **L, int n, int i)
{
    int w = 0;
    for (; i < n && L[i][0] == '\t' && !strchr(L[i] + 1, '\t'); i++, w++) {}
    return w >= 3 && w <= 4;
}

/* rundist: a header with a district's cell (南湖区, or 南 of its vertical
 * text) among its first lines */
static int district_table(char **L, int n, int i)
{
    for (int j = i; j < n && j < i + 40; j++)
        if (strstr(L[j], "\t南湖区\t") || !strcmp(L[j], "\t南湖区") || !strcmp(L[j], "\t南")) return 1;
    return 0;
}

static int tables(const char *mode, FILE *f)
{
    char **L = NULL, *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n') line[--len] = 0;
        L = realloc(L, (size_t)(n + 1) * sizeof *L);
        L[n++] = strdup(line);
    }
    free(line);
    for (int i = 0; i < n;) {
        if (header_line(L[i]) && (!run_mode(mode) || (!strcmp(mode, "run") ? run_table(L, n, i) : district_table(L, n, i)))) {
            i = table_in(mode, L, n, i);
            continue;
        }
        printf("%s\n", L[i++]);
    }
    for (int i = 0; i < n; i++) free(L[i]);
    free(L);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: perturb wrap N|pdf N FORM|pdfcells N FORM|pdfrows N FORM|halfwidth|fullwidth|noblank FILE\n"); return 2; }
    const char *mode = argv[1];
    int width = 0;
    const char *path = argv[2];
    if (!strcmp(mode, "wrap")) {
        if (argc < 4) return 2;
        width = atoi(argv[2]);
        path = argv[3];
    } else if (!strcmp(mode, "pdf") || !strcmp(mode, "pdfcells") || !strcmp(mode, "pdfrows")) {
        wrap_cells = !strcmp(mode, "pdfcells");
        wrap_rows = !strcmp(mode, "pdfrows");
        if (argc < 5) return 2;
        width = atoi(argv[2]);
        form = argv[3];
        path = argv[4];
        always_blank = 0;
        mode = "wrap";
    }
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
    if (!strncmp(mode, "para", 4) || !strncmp(mode, "pipe", 4) || !strcmp(mode, "cellpipe") || !strncmp(mode, "html", 4) || !strcmp(mode, "csv") ||
        run_mode(mode)) {
        int rc = tables(mode, f);
        fclose(f);
        return rc;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long out_lines = 0, page = 1;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        if (!strcmp(mode, "wrap")) {
            int col = 0;
            for (ssize_t i = 0; i < n;) {
                int k = clen((unsigned char)line[i]);
                /* Tables stay whole: a PDF export keeps their cells apart
                 * (pdfcells: a cell's own text wraps, a row on one line not;
                 * pdfrows: a row on one line wraps too). */
                if (col == width && (!memchr(line, '\t', (size_t)n) || wrap_rows ||
                                     (wrap_cells && line[0] == '\t' && !memchr(line + 1, '\t', (size_t)n - 1)))) {
                    putchar('\n');
                    col = 0;
                    if (++out_lines % 40 == 0) footer(page++);
                }
                fwrite(line + i, 1, (size_t)k, stdout);
                i += k;
                col++;
            }
            putchar('\n');
            if (++out_lines % 40 == 0) footer(page++);
        } else if (!strcmp(mode, "halfwidth")) {
            static const char *const from[] = {"，", "：", "（", "）", "；", NULL};
            static const char *const to[] = {",", ":", "(", ")", ";"};
            for (ssize_t i = 0; i < n;) {
                int done = 0;
                for (int k = 0; from[k]; k++)
                    if (!strncmp(line + i, from[k], 3)) { fputs(to[k], stdout); i += 3; done = 1; break; }
                if (!done) putchar(line[i++]);
            }
            putchar('\n');
        } else if (!strcmp(mode, "noblank")) {
            if (strspn(line, " ") < (size_t)n) printf("%s\n", line);   /* a lone tab is an empty cell */
        } else if (!strcmp(mode, "fullwidth")) {
            for (ssize_t i = 0; i < n; i++) {
                if (line[i] >= '0' && line[i] <= '9') printf("\xEF\xBC%c", (char)(0x90 + line[i] - '0'));
                else putchar(line[i]);
            }
            putchar('\n');
        } else {
            fprintf(stderr, "perturb: unknown mode %s\n", mode);
            return 2;
        }
    }
    free(line);
    fclose(f);
    return 0;
}
