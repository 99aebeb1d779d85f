/* gen.c: the benchmark corpus. N gazette-like files made from the sample
 * texts, reproducibly: file i joins one or two seeds, moves every year
 * (2024年, 〔2025〕, [2025]) to a year of its own so no notice deduplicates
 * away, and is written as GB18030 (every 5th file), with CRLF ends (every
 * 3rd) or as UTF-8 - so every decoder and table format is exercised.
 *   gen OUTDIR N SEED...   */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)len + 1);
    if (!p || fread(p, 1, (size_t)len, f) != (size_t)len) { perror(path); exit(1); }
    fclose(f);
    p[len] = 0;
    *n = (size_t)len;
    return p;
}

static int is_year(const char *p)
{
    return p[0] == '2' && p[1] == '0' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9';
}

/* Copies src to out, every 20xx followed by 年, 〕 or ] becoming `year`. */
static size_t reyear(const char *src, size_t n, char *out, int year, int crlf)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 4 < n && is_year(src + i) && (i == 0 || src[i - 1] < '0' || src[i - 1] > '9') &&
            (!strncmp(src + i + 4, "年", 3) || !strncmp(src + i + 4, "〕", 3) || src[i + 4] == ']' ||
             !strncmp(src + i + 4, " 年", 4))) {
            o += (size_t)sprintf(out + o, "%04d", year);
            i += 3;
            continue;
        }
        if (crlf && src[i] == '\n') out[o++] = '\r';
        out[o++] = src[i];
    }
    return o;
}

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: gen OUTDIR N SEED...\n"); return 2; }
    const char *dir = argv[1];
    int n = atoi(argv[2]), nseeds = argc - 3;
    char **seed = malloc((size_t)nseeds * sizeof *seed);
    size_t *len = malloc((size_t)nseeds * sizeof *len), maxlen = 0;
    for (int s = 0; s < nseeds; s++) {
        seed[s] = slurp(argv[3 + s], &len[s]);
        if (len[s] > maxlen) maxlen = len[s];
    }
    size_t cap = 4 * maxlen + 64;
    char *buf = malloc(cap), *conv = malloc(2 * cap);
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (!buf || !conv || cd == (iconv_t)-1) { perror("gen"); return 1; }
    for (int i = 0; i < n; i++) {
        /* years 1000..; two files never share one while i < 9000 */
        int year = 1000 + i, crlf = i % 3 == 1;
        size_t o = reyear(seed[i % nseeds], len[i % nseeds], buf, year, crlf);
        if (i % 2 == 0) {
            int s2 = (i / 2 + 1) % nseeds;
            buf[o++] = '\n';
            o += reyear(seed[s2], len[s2], buf + o, year, crlf);
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/g%05d.txt", dir, i);
        FILE *f = fopen(path, "wb");
        if (!f) { perror(path); return 1; }
        if (i % 5 == 4) {
            char *in = buf, *out = conv;
            size_t inleft = o, outleft = 2 * cap;
            iconv(cd, NULL, NULL, NULL, NULL);
            if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) { perror("iconv"); return 1; }
            fwrite(conv, 1, (size_t)(out - conv), f);
        } else {
            fwrite(buf, 1, o, f);
        }
        fclose(f);
    }
    iconv_close(cd);
    return 0;
}
