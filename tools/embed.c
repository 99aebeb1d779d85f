/* embed.c: turns a file into a NUL-terminated C array, so the jxgov binary
 * carries schema.sql and data/*.tsv and works from any directory. */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: embed NAME FILE\n"); return 2; }
    FILE *f = fopen(argv[2], "rb");
    if (!f) { perror(argv[2]); return 1; }
    printf("const char %s[] = {", argv[1]);
    int c, n = 0;
    while ((c = getc(f)) != EOF) printf("%s%d,", n++ % 24 ? "" : "\n", c);
    printf("0};\n");
    fclose(f);
    return 0;
}
