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

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: perturb wrap N|pdf N FORM|halfwidth|fullwidth|noblank FILE\n"); return 2; }
    const char *mode = argv[1];
    int width = 0;
    const char *path = argv[2];
    if (!strcmp(mode, "wrap")) {
        if (argc < 4) return 2;
        width = atoi(argv[2]);
        path = argv[3];
    } else if (!strcmp(mode, "pdf")) {
        if (argc < 5) return 2;
        width = atoi(argv[2]);
        form = argv[3];
        path = argv[4];
        always_blank = 0;
        mode = "wrap";
    }
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
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
                /* Tables stay whole: a PDF export keeps their cells apart. */
                if (col == width && !memchr(line, '\t', (size_t)n)) {
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
