/* unit.c: unit tests of decode, text folding, the lexer and the department
 * splitter. Prints "N passed, M failed"; exit status 1 on any failure. */
#include "jxgov.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include <string.h>

static int passed, failed;

#define CHECK(cond, ...) do { \
    if (cond) passed++; \
    else { failed++; fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
           fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static void fold_is(const char *in, const char *want)
{
    jx_arena a = {0};
    size_t n;
    char *got = txt_fold(&a, in, strlen(in), &n);
    CHECK(!strcmp(got, want) && n == strlen(want), "fold(%s) = %s, want %s", in, got, want);
    jx_arena_free(&a);
}


/* ---- the first, code-point-at-a-time txt_fold, kept as the reference the
 * byte-scanning one is checked against ---- */
#include <stdlib.h>
static int ref_is_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
static size_t ref_put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (char)(0x80 | (c >> 6 & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F)); return 4;
}
static uint32_t ref_fold_cp(uint32_t c)
{
    if (c >= 0xFF10 && c <= 0xFF19) return c - 0xFF10 + '0';
    if (c >= 0xFF21 && c <= 0xFF3A) return c - 0xFF21 + 'A';
    if (c >= 0xFF41 && c <= 0xFF5A) return c - 0xFF41 + 'a';
    switch (c) {
    case 0xFF05: return '%';
    case 0xFF0E: return '.';
    case 0xFF03: return '#';
    case 0xFF0B: return '+';
    case 0xFF0D: return '-';
    case 0xFF0F: return '/';
    case 0xFF1C: return '<';
    case 0xFF1D: return '=';
    case 0xFF1E: return '>';
    case 0xFF3B: return '[';
    case 0xFF3D: return ']';
    case 0xFF5E: return '~';
    case 0xFF06: return '&';
    case 0xFF0A: return '*';
    case 0xFE5D: return 0x3014;     /* ﹝ -> 〔 */
    case 0xFE5E: return 0x3015;     /* ﹞ -> 〕 */
    case 0x3000: case 0x00A0: case 0x2002: case 0x2003: case 0x2009: return ' ';
    case 0x200B: case 0xFEFF: return 0;     /* dropped */
    }
    return c;
}

static char *ref_fold(jx_arena *a, const char *s, size_t n, size_t *outlen)
{
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    size_t m = 0;
    for (const char *p = s, *e = s + n; p < e;) {
        uint32_t c = ref_fold_cp(txt_next(&p));
        if (c) cp[m++] = c;
    }
    char *out = jx_alloc(a, m * 4 + 1), *o = out;
    for (size_t i = 0; i < m; i++) {
        uint32_t c = cp[i];
        if (c == '(') c = 0xFF08;
        else if (c == ')') c = 0xFF09;
        else if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
            size_t l = i, r = i + 1;
            while (l > 0 && cp[l - 1] == ' ') l--;
            while (r < m && cp[r] == ' ') r++;
            int ascii_both = l > 0 && r < m && ref_is_alnum(cp[l - 1]) && ref_is_alnum(cp[r]);
            if (c == ':' && i + 1 < m && cp[i + 1] == '/') ascii_both = 1;
            if (!ascii_both)
                c = c == ',' ? 0xFF0C : c == ';' ? 0xFF1B : c == ':' ? 0xFF1A : c == '!' ? 0xFF01 : 0xFF1F;
        }
        o += ref_put_utf8(o, c);
    }
    *o = 0;
    free(cp);
    *outlen = (size_t)(o - out);
    return out;
}

static int fold_mismatches;

static void fold_matches_reference(const char *s, size_t n)
{
    jx_arena a = {0};
    size_t n1, n2;
    char *x = txt_fold(&a, s, n, &n1), *y = ref_fold(&a, s, n, &n2);
    if (!(n1 == n2 && !memcmp(x, y, n1)) && fold_mismatches++ < 5)
        fprintf(stderr, "fold differs from the reference on '%.*s': '%s' vs '%s'\n", (int)n, s, x, y);
    jx_arena_free(&a);
}

static void test_fold_differential(void)
{
    /* every line of the samples, then random strings over the characters
     * folding treats specially */
    static const char *const files[] = {"data/samples/000_579fc0f89e3fdae6.txt",
        "data/samples/001_7cb9772be1b5a87c.txt", "data/samples/002_0205caf75a6fd2f6.txt",
        "data/samples/003_9685d99865090974.txt", "data/samples/004_2195f0a6b08d477e.txt"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        FILE *fp = fopen(files[f], "rb");
        if (!fp) { CHECK(0, "cannot open %s", files[f]); continue; }
        char line[65536];
        while (fgets(line, sizeof line, fp)) fold_matches_reference(line, strcspn(line, "\n"));
        fclose(fp);
    }
    static const char *const alphabet[] = {"(", ")", ",", ";", ":", "!", "?", "/", " ", "a", "Z", "7",
        "嘉", "，", "（", "１", "Ａ", "％", "／", "\xe3\x80\x80", "\xc2\xa0", "\xe2\x80\x8b",
        "\xef\xbb\xbf", "\xef\xb9\x9d", "：", ".", "~", "～"};
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        char buf[256];
        size_t len = 0;
        int k = 1 + (int)(seed % 12);
        for (int j = 0; j < k; j++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = alphabet[(seed >> 16) % (sizeof alphabet / sizeof *alphabet)];
            memcpy(buf + len, piece, strlen(piece));
            len += strlen(piece);
        }
        fold_matches_reference(buf, len);
    }
    CHECK(fold_mismatches == 0, "txt_fold differs from the reference on %d inputs", fold_mismatches);
}

static void squash_is(const char *in, const char *want)
{
    jx_arena a = {0};
    char *got = txt_squash_dup(&a, in, strlen(in));
    CHECK(!strcmp(got, want), "squash(%s) = %s, want %s", in, got, want);
    jx_arena_free(&a);
}

static void join_part(void *ctx, const char *p, size_t n)
{
    jx_buf *b = ctx;
    if (b->len) jx_buf_puts(b, "|");
    jx_buf_put(b, p, n);
}

/* txt_split: the pieces of in, joined by |; titles and stray as jx_splitter's */
static void pieces_are(const char *in, int titles, int stray, const char *want)
{
    static const char *const seps[] = {"、", "；", NULL};
    jx_splitter how = {seps, NULL, NULL, NULL, titles, stray};
    jx_buf b = {0};
    txt_split(in, strlen(in), &how, join_part, &b);
    CHECK(!strcmp(b.p ? b.p : "", want), "split(%s) = %s, want %s", in, b.p ? b.p : "", want);
    jx_buf_free(&b);
}

static void test_text(void)
{
    pieces_are("市司法局（市行政复议局、市法制办）、市公安局；", 0, 0, "市司法局（市行政复议局、市法制办）|市公安局");
    pieces_are("《关于甲、乙的通知》、丙", 0, 0, "《关于甲|乙的通知》|丙");
    pieces_are("《关于甲、乙的通知》、丙", 1, 0, "《关于甲、乙的通知》|丙");
    pieces_are("甲、乙）丙、丁", 0, 0, "甲|乙）丙|丁");
    pieces_are("甲、乙）丙、丁", 0, 1, "甲|乙|丙|丁");
    pieces_are("、、甲（（乙、丙）、丁", 0, 0, "甲（（乙、丙）、丁");
    fold_is("（责任单位: 团市委、市教育局)", "（责任单位： 团市委、市教育局）");
    fold_is("１２３４５６７８９０％ＡＢｃ", "1234567890%ABc");
    fold_is("1,700个;http://x.cn", "1,700个；http://x.cn");
    fold_is("GDP,推动", "GDP，推动");
    fold_is("嘉政办发﹝2025﹞3号", "嘉政办发〔2025〕3号");
    fold_is("\xe3\x80\x80缩进", " 缩进");
    squash_is("民营经济 32 条政策", "民营经济32条政策");
    squash_is("5G A 网络", "5G A网络");
    squash_is("  二价 HPV 疫苗 ", "二价HPV疫苗");
}

static void decode_is(const char *bytes, size_t n, const char *enc, const char *first_line,
                      size_t nlines)
{
    jx_arena a = {0};
    jx_text t;
    char err[256];
    int rc = dec_bytes(&a, (const unsigned char *)bytes, n, &t, err, sizeof err);
    CHECK(rc == 0, "decode %s: %s", enc, rc ? err : "");
    if (!rc) {
        CHECK(!strcmp(t.encoding, enc), "encoding %s, want %s", t.encoding, enc);
        CHECK(t.nlines == nlines, "%s: %zu lines, want %zu", enc, t.nlines, nlines);
        CHECK(t.nlines && !strcmp(t.lines[0].text, first_line), "%s: first line '%s'", enc,
              t.nlines ? t.lines[0].text : "");
    }
    jx_arena_free(&a);
}

static void decode_fails(const char *bytes, size_t n, const char *want)
{
    jx_arena a = {0};
    jx_text t;
    char err[256] = "";
    int rc = dec_bytes(&a, (const unsigned char *)bytes, n, &t, err, sizeof err);
    CHECK(rc == -1 && !strcmp(err, want), "decode error '%s', want '%s'", err, want);
    jx_arena_free(&a);
}

/* A text hard-wrapped at 12 characters, as a PDF export gives it: full
 * lines that stop mid-sentence are joined to the next line of text, across
 * a page number; a full line ending a sentence, a line opening an item or a
 * field, and a paragraph break are not crossed. */
static void test_unwrap(void)
{
    const char *in =
        "市咨询委二〇二五年度咨询研究课\n题计划\n\n"      /* 1-2: joined */
        "各地各部门要认真贯彻落实，确保各\n\n— 3 —\n\n项工作落到实处\n\n"   /* 4-8: across the page */
        "一二三四五六七八九十一二\n1. 推进工作。\n"      /* 10: full, but 11 opens an item */
        "一二三四五六七八九十一。\n接着说\n"              /* 12: full and stopped */
        "一二三四五六七八九十一二\n责任单位：市财政局\n"  /* 14: full, 15 a field */
        "二二三四五六七八九十一二\n\n三段\n"             /* 16: a paragraph break */
        "四二三四五六七八九十一二\n五二三四五六七八九十一二\n六二三四五六七八九十一二\n"
        "七二三四五六七八九十一二\n八二三四五六七八九十一二\n九二三四五六七八九十一二\n十\n";
    static const char *const want[] = {
        "市咨询委二〇二五年度咨询研究课题计划", "", "各地各部门要认真贯彻落实，确保各项工作落到实处", "— 3 —", "",
        "一二三四五六七八九十一二", "1. 推进工作。", "一二三四五六七八九十一。", "接着说",
        "一二三四五六七八九十一二", "责任单位：市财政局", "二二三四五六七八九十一二", "", "三段",
        "四二三四五六七八九十一二五二三四五六七八九十一二六二三四五六七八九十一二七二三四五六七八九十一二"
        "八二三四五六七八九十一二九二三四五六七八九十一二十", NULL};
    static const long want_no[] = {1, 3, 4, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    jx_arena a = {0};
    jx_text t;
    char err[200];
    memset(&t, 0, sizeof t);
    int rc = dec_bytes(&a, (const unsigned char *)in, strlen(in), &t, err, sizeof err);
    if (rc == 0) dec_unwrap(&a, &t);
    size_t k = 0;
    for (; rc == 0 && want[k] && k < t.nlines; k++)
        CHECK(!strcmp(t.lines[k].text, want[k]) && t.lines[k].no == want_no[k], "unwrap: line %zu (%ld) '%s', want (%ld) '%s'",
              k, t.lines[k].no, t.lines[k].text, want_no[k], want[k]);
    CHECK(rc == 0 && !want[k] && k == t.nlines, "unwrap: %zu lines, want %zu", t.nlines, k);
    jx_arena_free(&a);
}

static void test_decode(void)
{
    decode_is("\xe5\x98\x89\xe5\x85\xb4\n2\n", 8, "UTF-8", "嘉兴", 2);
    decode_is("\xef\xbb\xbf\xe5\x98\x89\r\nx\r\n", 10, "UTF-8-BOM", "嘉", 2);
    decode_is("\xbc\xce\xd0\xcb\r\r", 6, "GB18030", "嘉兴", 2);      /* 嘉兴 in GBK, CR ends */
    decode_is("\xff\xfe\x09\x56\x74\x51\x0a\x00", 8, "UTF-16LE", "嘉兴", 1);
    decode_is("\xfe\xff\x56\x09\x51\x74", 6, "UTF-16BE", "嘉兴", 1);
    decode_is("a\n\nb", 4, "UTF-8", "a", 3);
    decode_fails("", 0, "empty file");
    decode_fails("a\0b", 3, "binary file: NUL byte at byte 1");
    decode_fails("a\xff", 2, "not valid UTF-8 (byte 1) nor GB18030 (byte 1)");
    /* An overlong UTF-8 '/' is not UTF-8, but is a valid GB18030 character:
     * the file is taken as GB18030, as the detection order says. */
    decode_is("\xc0\xaf", 2, "GB18030", "蜡", 1);
    decode_fails("\xff\xfe\x00\xd8\x41\x00", 6, "invalid UTF-16LE sequence at byte 2"); /* lone surrogate */
    decode_fails("\xfe\xff\x00", 3, "truncated UTF-16BE: odd byte count at byte 2");
    /* UTF-16 without a BOM: the byte order whose reading has a line break */
    decode_is("\x09\x56\x74\x51\x0a\x00\x00\x4e", 8, "UTF-16LE", "嘉兴", 2);  /* 一 is 00 4E */
    decode_is("\x56\x09\x51\x74\x00\x0a\x4e\x00", 8, "UTF-16BE", "嘉兴", 2);
    decode_fails("\x09\x56\x00\x51", 4, "binary file: NUL byte at byte 2");     /* no line break in either order */
    decode_fails("a\0\n\0\x01\0", 6, "binary file: NUL byte at byte 1");       /* a control character */
    decode_fails("\xff\xfe\0\0\x0a\0\0\0", 8, "UTF-32 text (byte-order mark FF FE 00 00) is not read: convert it to UTF-8");
    decode_fails("\0\0\xfe\xff\0\0\0\x0a", 8, "UTF-32 text (byte-order mark 00 00 FE FF) is not read: convert it to UTF-8");
    test_unwrap();
    char sha[65];
    sha256_hex((const unsigned char *)"abc", 3, sha);
    CHECK(!strcmp(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "sha256(abc) %s", sha);
    sha256_hex((const unsigned char *)"", 0, sha);
    CHECK(!strcmp(sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "sha256('') %s", sha);
    /* FIPS 180-2 vectors: two padding blocks, and a million bytes */
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex((const unsigned char *)two, strlen(two), sha);
    CHECK(!strcmp(sha, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"), "sha256(56 bytes) %s", sha);
    static unsigned char million[1000000];
    memset(million, 'a', sizeof million);
    sha256_hex(million, sizeof million, sha);
    CHECK(!strcmp(sha, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"), "sha256(a x 1e6) %s", sha);
}

static void lex_is(const char *line, enum jx_tok kind, long num)
{
    jx_arena a = {0};
    jx_line ln;
    jx_tok t;
    ln.text = txt_fold(&a, line, strlen(line), &ln.len);
    ln.no = 1;
    lex_line(&ln, &t);
    CHECK(t.kind == kind && (num < 0 || t.num == num), "lex(%s) = kind %d num %ld, want %d %ld",
          line, t.kind, t.num, kind, num);
    jx_arena_free(&a);
}

static void test_lex(void)
{
    lex_is("嘉政办发〔2025〕3号", T_DOCNO, 3);
    lex_is("  嘉政发[2025]20号 ", T_DOCNO, 20);
    lex_is("(嘉政发[2025]1号) (2)", T_TEXT, -1);
    lex_is("2025年2月14日", T_DATE, -1);
    lex_is("2025 年政府工作报告重点工作责任分解", T_LISTHEAD, -1);
    lex_is("## 政府工作报告“十五五”时期重点工作责任分解", T_LISTHEAD, -1);
    lex_is("《2025年政府工作报告重点工作责任分解》和", T_TEXT, -1);
    lex_is("### 十、除险保安", T_SECTION, 10);
    lex_is("二十一、其他", T_SECTION, 21);
    lex_is("#### 12. 完善科技创新大投入体系。", T_ITEM, 12);
    lex_is("１．全市", T_ITEM, 1);
    lex_is("3、开展", T_ITEM, 3);
    lex_is("3.5万亩以上。", T_TEXT, -1);
    lex_is("9223372036854775808. 溢出", T_TEXT, -1);
    lex_is("责任单位:市财政局", T_RESP, -1);
    lex_is("牵头市领导：戴锋，责任单位：市教育局", T_RESP, -1);
    lex_is("各县(市、区)人民政府,市级有关部门(单位):", T_SALUTATION, -1);
    lex_is("# 嘉兴市人民政府关于 调整部分市政府领导分工的通知", T_TITLE, -1);
    lex_is("- 12 -", T_FOOTER, -1);
    lex_is("第 3 页 共 20 页", T_FOOTER, -1);
    lex_is("\t1", T_TABLE, -1);
    lex_is("【市政府人事任免】(2025年2月份)", T_BRACKET, -1);
    lex_is("  ", T_BLANK, -1);
    /* addressees that do not open with 各; a field is not a salutation */
    lex_is("立山经济开发区,各街道办事处,各区直部门,各有关单位:", T_SALUTATION, -1);
    lex_is("市交通运输局：", T_SALUTATION, -1);
    lex_is("责任单位：", T_RESP, -1);
    lex_is("主要任务：", T_TEXT, -1);
    lex_is("【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知", T_TITLE, -1);
    lex_is("【字体：打印", T_META, -1);
    lex_is("任务分解和责任分工方案", T_LISTHEAD, -1);
    lex_is("市政府领导工作分工", T_TEXT, -1);
    lex_is("牵头负责领导：金力。", T_RESP, -1);
    lex_is("协同责任单位：市经信局", T_RESP, -1);
    /* the clause reader takes the first key that fits: one that ends
     * another (责任单位, in 协同责任单位) must come after it */
    for (int i = 0; jx_fields[i].key; i++)
        for (int j = i + 1; jx_fields[j].key; j++)
            CHECK(!txt_ends(jx_fields[j].key, jx_fields[j].len, jx_fields[i].key),
                  "field %s comes before %s, which it ends", jx_fields[i].key, jx_fields[j].key);
    CHECK(lex_field("协同责任单位：市经信局", strlen("协同责任单位：市经信局")) >= 0 &&
          jx_fields[lex_field("协同责任单位：市经信局", strlen("协同责任单位：市经信局"))].role == JX_F_MEMBER,
          "协同责任单位 is a field of members");
}

static void split_gov_is(const char *gov, const char *in, const char *want);

/* want: "+A|B|C" in canonical names, leads marked +; the city's own table */
static void split_is(const char *in, const char *want) { split_gov_is("嘉兴市", in, want); }

static void test_depts(void)
{
    split_is("市财政局、市经信局、市科技局（列第一位的为牵头或汇总单位，下同）", "+市财政局|市经信局|市科技局");
    split_is("市发展改革委、嘉兴经济技术开发区，南湖区、秀洲区、嘉善县政府",
             "+市发展改革委|嘉兴经济技术开发区|南湖区政府|秀洲区政府|嘉善县政府");
    split_is("市政府办公室、市政府直属各单位，各县（市、区）政府", "+市政府办公室|市政府直属各单位|各县（市、区）政府");
    split_is("市科技局牵头，市委组织部（市委人才办）、市人社局", "+市科技局|市委组织部|市人力社保局");
    split_is("市发展改革委、市建设局双牵头，市经信局", "+市发展改革委|+市建设局|市经信局");
    split_is("市红十字会市卫生健康委", "+市红十字会|市卫生健康委");
    split_is("市委改革办、市司法局局", "+市委改革办|市司法局");
    split_is("市人力资源社会保障局）", "+市人力社保局");
    split_is("市火星局、市财政局", "+市火星局|市财政局");
    /* a list that is not exhaustive; 等 inside a name stays */
    split_is("市财政局、市经信局等市级有关部门", "+市财政局|市经信局|市级有关部门");
    split_is("市财政局、市经信局等，各县（市、区）政府", "+市财政局|市经信局|各县（市、区）政府");
    split_is("市财政局等7个部门", "+市财政局");
    split_is("市财政局、嘉兴高等教育研究院", "+市财政局|嘉兴高等教育研究院");
    /* 各县、市、区政府 (brackets printed as 、) is the group */
    split_is("市发展改革委，各县、市、区政府", "+市发展改革委|各县（市、区）政府");
    split_is("", "");
}

/* text decoded into *t and lexed, its tokens in a; NULL (a check failed)
 * when it does not decode. */
static jx_tok *lexed(jx_arena *a, const char *text, jx_text *t)
{
    char err[256];
    if (dec_bytes(a, (const unsigned char *)text, strlen(text), t, err, sizeof err)) {
        CHECK(0, "decode: %s", err);
        jx_arena_free(a);
        return NULL;
    }
    jx_tok *tok = jx_alloc(a, t->nlines * sizeof *tok);
    lex_lines(t->lines, t->nlines, tok);
    return tok;
}

/* Rebuilds text (lines separated by \n) as a table; want: rows joined by
 * " / ", cells by "|", group rows as "#N text"; end_line: the first line
 * after the table (nlines + 1 at the end of the text). */
static void table_is(const char *text, const char *want, long end_line)
{
    jx_arena a = {0};
    jx_text t;
    jx_vec rows = JX_VEC(jx_row);
    jx_buf b = {0};
    jx_tok *tok = lexed(&a, text, &t);
    if (!tok) return;
    jx_segs sg;     /* a section heading ends a table */
    seg_doc(&a, tok, t.lines, t.nlines, &sg);
    size_t end = tbl_rebuild(&a, tok, t.lines, 0, t.nlines, &rows);
    for (size_t i = 0; i < rows.n; i++) {
        jx_row *r = &JX_AT(rows, jx_row, i);
        if (i) jx_buf_puts(&b, " / ");
        if (r->group) {
            char num[32];
            snprintf(num, sizeof num, "#%ld ", r->group);
            jx_buf_puts(&b, num);
            jx_buf_puts(&b, r->group_text);
            continue;
        }
        for (size_t j = 0; j < r->n; j++) {
            if (j) jx_buf_puts(&b, "|");
            jx_buf_puts(&b, r->cells[j].text);
        }
    }
    const char *got = b.p ? b.p : "";
    CHECK(!strcmp(got, want), "table:\n  got  %s\n  want %s", got, want);
    long got_line = end < t.nlines ? t.lines[end].no : t.lines[t.nlines - 1].no + 1;
    CHECK(got_line == end_line, "table ends before line %ld, want %ld", got_line, end_line);
    jx_buf_free(&b);
    jx_vec_free(&rows);
    seg_free(&sg);
    jx_arena_free(&a);
}

static void test_tables(void)
{
    /* one cell per line; a cell continued after a blank line; a follow-on row */
    table_is("\t序号\n\t主要工作任务\n\t责任单位\n\n\t1\n\t第一项。\n"
             "\t市科技局、南湖区政府、\n\n秀洲区政府\n\n\t\n\t跟随行。\n\t市财政局\n\n\n"
             "注：列第一位的为牵头单位。\n",
             "序号|主要工作任务|责任单位 / 1|第一项。|市科技局、南湖区政府、秀洲区政府 / |跟随行。|市财政局", 16);
    /* vertical header text 南/湖/区, then a row after a blank line */
    table_is("\t全市\n\t南\n\n湖\n\n区\n\t秀\n\n洲\n\n区\n\n\t1\n\t2\n\t3\n",
             "全市|南湖区|秀洲区 / 1|2|3", 16);
    /* rows not separated: the header's width decides; a group row as a cell */
    table_is("\t序号\n\t专项行动\n\t牵头单位\n\t一、第一组\n\t1\n\t甲\n\t市科技局\n\t2\n\t乙\n\t市经信局\n",
             "序号|专项行动|牵头单位 / #1 第一组 / 1|甲|市科技局 / 2|乙|市经信局", 11);
    /* no blank lines and a header of two rows: split at its first merged
     * cell; an indicator row runs one cell past the width; empties before
     * the next number close a row */
    table_is("\t序号\n\t名称\n\t任务\n\t\n\t\n\t全市\n\t南湖区\n\t1\n\t甲\n\t10\n\t10\n"
             "\t2\n\t乙\n\t指标A\n\t5\n\t5\n\t\n\t\n\t指标B\n\t7\n\t7\n"
             "\t3\n\t丙\n\t1\n\t1\n\t\n\t4\n\t丁\n\t2\n\t2\n",
             "序号|名称|任务 / ||全市|南湖区 / 1|甲|10|10 / 2|乙|指标A|5|5 / ||指标B|7|7 / "
             "3|丙|1|1| / 4|丁|2|2", 31);
    /* (Known ambiguity, documented: in a table without blank lines, a value
     * equal to the next row number standing exactly at the header's width
     * is taken as that row's start.) */
    /* tab-separated rows; leading empty cells are merged ones; a page footer
     * inside a row does not break it */
    table_is("序号\t项目\t单位\n1\t甲\t家\n\t\t人\n抄送：市委\n",
             "序号|项目|单位 / 1|甲|家 / ||人", 4);
    table_is("\t序号\n\t内容\n\t单位\n\n\t1\n\t甲\n\n- 3 -\n\n\t市财政局\n\n\t2\n\t乙\n\t市科技局\n",
             "序号|内容|单位 / 1|甲|市财政局 / 2|乙|市科技局", 15);
}

/* A file that fails in mid-load, then another on the same connection: the
 * department ids the writer remembered from the failed file were rolled
 * back with it and must not be used again. */
static void test_load_after_rollback(void)
{
    char err[512], path[] = "/tmp/jxgov-unit-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { CHECK(0, "mkstemp"); return; }
    close(fd);
    unlink(path);
    jx_db *db = ld_open(path, 1000, err, sizeof err);
    CHECK(db != NULL, "ld_open: %s", err);
    if (!db) return;
    jx_arena a = {0};
    jx_doc d;
    memset(&d, 0, sizeof d);
    d.path = "data/samples/002_0205caf75a6fd2f6.txt";
    CHECK(dec_file(&a, d.path, &d.text, NULL, err, sizeof err) == 0, "dec_file: %s", err);
    prs_doc(&a, &d);
    CHECK(d.tasks.n == 158, "002 has %zu tasks", d.tasks.n);
    /* the 100th unit fails: many new department names are in by then */
    sqlite3 *h;
    CHECK(sqlite3_open(path, &h) == SQLITE_OK, "open");
    CHECK(sqlite3_exec(h, "CREATE TABLE n (k); CREATE TRIGGER boom BEFORE INSERT ON task_units"
                          " WHEN (SELECT count(*) FROM n) = 0 AND (SELECT count(*) FROM task_units) >= 99"
                          " BEGIN SELECT RAISE(ABORT, 'boom'); END;", NULL, NULL, NULL) == SQLITE_OK,
          "trigger: %s", sqlite3_errmsg(h));
    int rc = ld_doc(db, &d, err, sizeof err);
    CHECK(rc < 0 && strstr(err, "boom"), "the failing load: %d %s", rc, err);
    CHECK(sqlite3_exec(h, "INSERT INTO n VALUES (1)", NULL, NULL, NULL) == SQLITE_OK, "disarm");
    rc = ld_doc(db, &d, err, sizeof err);
    CHECK(rc == 0, "the second load: %d %s", rc, err);
    sqlite3_stmt *st;
    const char *q = "SELECT (SELECT count(*) FROM task_units),"
                    " (SELECT count(*) FROM v_task_departments),"
                    " (SELECT count(*) FROM task_units WHERE dept_id NOT IN (SELECT dept_id FROM departments))";
    CHECK(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK, "query");
    CHECK(sqlite3_step(st) == SQLITE_ROW, "step");
    long long units = sqlite3_column_int64(st, 0), shown = sqlite3_column_int64(st, 1),
              dangling = sqlite3_column_int64(st, 2);
    CHECK(units > 300 && shown == units && dangling == 0,
          "after a rollback: %lld units, %lld in the view, %lld without a department", units, shown, dangling);
    sqlite3_finalize(st);
    sqlite3_close(h);
    ld_close(db);
    prs_free(&d);
    jx_arena_free(&a);
    char side[64];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* ---- documents of any government (issue 13) ---- */

static void split_gov_is(const char *gov, const char *in, const char *want)
{
    jx_arena a = {0};
    jx_unit *u;
    jx_buf b = {0};
    int warnings = 0;
    jx_quiet_warnings = 1;
    size_t n = dep_split_gov(&a, gov, in, &u, "unit", 1, &warnings);
    jx_quiet_warnings = 0;
    for (size_t i = 0; i < n; i++) {
        if (i) jx_buf_puts(&b, "|");
        if (u[i].lead) jx_buf_puts(&b, "+");
        jx_buf_puts(&b, u[i].department);
    }
    const char *got = b.p ? b.p : "";
    CHECK(!strcmp(got, want), "split(%s, %s) = %s, want %s", gov ? gov : "NULL", in, got, want);
    jx_buf_free(&b);
    jx_arena_free(&a);
}

/* Parses text as a file; want: "doc_no|issuer|government|title|issued_on" of
 * each notice, joined by " / " (NULL for a missing value). */
static void notices_are(const char *text, const char *want)
{
    char err[256];
    jx_arena a = {0};
    jx_doc d;
    jx_buf b = {0};
    memset(&d, 0, sizeof d);
    d.path = "unit";
    if (dec_bytes(&a, (const unsigned char *)text, strlen(text), &d.text, err, sizeof err)) {
        CHECK(0, "decode: %s", err);
        return;
    }
    jx_quiet_warnings = 1;
    prs_doc(&a, &d);
    jx_quiet_warnings = 0;
    for (size_t k = 0; k < d.notices.n; k++) {
        jx_notice *no = &JX_AT(d.notices, jx_notice, k);
        const char *f[] = {no->doc_no, no->issuer, no->government, no->title, no->issued_on};
        if (k) jx_buf_puts(&b, " / ");
        for (int i = 0; i < 5; i++) {
            if (i) jx_buf_puts(&b, "|");
            jx_buf_puts(&b, f[i] ? f[i] : "NULL");
        }
    }
    const char *got = b.p ? b.p : "";
    CHECK(!strcmp(got, want), "notices of\n%s\n= %s\nwant %s", text, got, want);
    jx_buf_free(&b);
    prs_free(&d);
    jx_arena_free(&a);
}

/* The lines of text lexed, pages marked and segmented into *sg (NULL: not
 * lexed, a failure counted). */
static jx_tok *segmented(jx_arena *a, const char *text, jx_text *t, jx_segs *sg)
{
    jx_tok *tok = lexed(a, text, t);
    if (!tok) return NULL;
    pg_mark(tok, t->lines, t->nlines);
    seg_doc(a, tok, t->lines, t->nlines, sg);
    return tok;
}

/* Appends "LABEL N" to a ", "-joined list. */
static void put_at(jx_buf *b, const char *label, long no)
{
    char one[40];
    snprintf(one, sizeof one, "%s%s %ld", b->len ? ", " : "", label, no);
    jx_buf_puts(b, one);
}

/* The ", "-joined list b against want (what: the name of the reading), then
 * everything freed. */
static void segs_check(const char *what, const char *text, jx_buf *b, const char *want, jx_segs *sg, jx_arena *a)
{
    const char *got = b->p ? b->p : "";
    CHECK(!strcmp(got, want), "%s of\n%s\n= %s\nwant %s", what, text, got, want);
    jx_buf_free(b);
    seg_free(sg);
    jx_arena_free(a);
}

/* Segments text; want: each span as "kind first-last" (source lines), the
 * issues, then the notices, then the sections, joined by ", ". A 解读's
 * title follows its range as "(title)"; "prose L" names a tab line read
 * as prose (line L). */
static void segments_are(const char *text, const char *want)
{
    static const char *const kinds[] = {"masthead", "colophon", "notice", "fragment", "appoint", "catalog", "jiedu"};
    jx_arena a = {0};
    jx_text t;
    jx_buf b = {0};
    jx_segs sg;
    jx_tok *tok = segmented(&a, text, &t, &sg);
    if (!tok) return;
    const jx_vec *vs[] = {&sg.issues, &sg.notices, &sg.sections};
    for (int v = 0; v < 3; v++)
        for (size_t k = 0; k < vs[v]->n; k++) {
            const jx_seg *s = &JX_AT(*vs[v], jx_seg, k);
            char one[160];
            snprintf(one, sizeof one, "%s%s %ld-%ld%s%s%s", b.len ? ", " : "", kinds[s->kind], s->first, s->last,
                     s->title ? " (" : "", s->title ? s->title : "", s->title ? ")" : "");
            jx_buf_puts(&b, one);
        }
    for (size_t i = 0; i < t.nlines; i++)
        if (tok[i].kind == T_TABLE && !tok[i].table) put_at(&b, "prose", t.lines[i].no);
    segs_check("segments", text, &b, want, &sg, &a);
}

/* Segments text; want: the notices' parts as "kind first-last" (source
 * lines) in order, then "item L" for each line segmentation marks as
 * opening a list item, joined by ", ". */
static void parts_are(const char *text, const char *want)
{
    static const char *const kinds[] = {[SEG_LIST] = "list", [SEG_TABLE] = "table", [SEG_ANNEX] = "annex"};
    jx_arena a = {0};
    jx_text t;
    jx_buf b = {0};
    jx_segs sg;
    jx_tok *tok = segmented(&a, text, &t, &sg);
    if (!tok) return;
    for (size_t k = 0; k < sg.parts.n; k++) {
        const jx_seg *s = &JX_AT(sg.parts, jx_seg, k);
        char one[80];
        snprintf(one, sizeof one, "%s%s %ld-%ld", b.len ? ", " : "",
                 s->kind >= SEG_LIST && s->kind <= SEG_ANNEX ? kinds[s->kind] : "?", s->first, s->last);
        jx_buf_puts(&b, one);
    }
    for (size_t i = 0; i < t.nlines; i++)
        if (tok[i].item) put_at(&b, "item", t.lines[i].no);
    segs_check("parts", text, &b, want, &sg, &a);
}

static void test_parts(void)
{
    /* a list from its heading to the sentence after a clause (a number out
     * of sequence, 4., goes on with the item above), an attachment up to
     * the signature */
    parts_are("嘉兴市人民政府办公室关于印发某某责任分解的通知\n各县（市、区）人民政府，市政府各部门：\n"
              "现将《某某责任分解》印发给你们，请认真贯彻执行。\n某某重点工作责任分解\n一、经济发展\n"
              "1.做好第一件事。\n责任单位：市发展改革委\n2.做好第二件事，\n4.类重点项目\n责任单位：市经信局\n"
              "以上任务请认真落实。\n附件：1.某某清单\n嘉兴市人民政府办公室\n2025年3月1日\n",
              "list 4-10, annex 12-12, item 6, item 8");
    /* a table ends at a 注： line and the list it is in with it; a tab line
     * after it is prose, and outside a list opens no item */
    parts_are("嘉兴市人民政府关于印发某某任务分解的通知\n各县（市、区）人民政府：\n某某任务分解\n"
              "\t序号\t工作任务\t责任单位\n\t1\t做某事。\t市发展改革委\n\t2\t做另一事。\t市经信局\n"
              "注：以上为示意。\n1.\t建设幼儿园。\n",
              "list 3-6, table 4-6");
    /* a fragment's list from its first line; a leader's section numbers
     * afresh (2. opens an item under it), a category does not (2. again
     * opens none) */
    parts_are("1.做第一件事。\n责任单位：市发展改革委\n2.做第二件事。\n责任单位：市经信局\n"
              "二、王宏副市长牵头重点工作\n2.做第三件事。\n责任单位：市商务局\n三、其他工作\n"
              "2.做第四件事。\n责任单位：市商务局\n",
              "list 1-10, item 1, item 3, item 6");
    /* a heading that is an item (分管领导 / 牵头单位 under it); a new heading
     * ends the list above */
    parts_are("某某民生实事项目\n一、新建幼儿园\n分管领导：王宏\n牵头单位：市教育局\n"
              "某某重点工作责任分解\n1.做某事。\n责任单位：市发展改革委\n",
              "list 1-4, list 5-7, item 2, item 6");
}

/* Metadata values read as a 文号 or a date, as the same text on a line of
 * its own would be */
static void test_values(void)
{
    jx_tok t;
    CHECK(lex_docno(" 平政办发〔2024〕12号 ", strlen(" 平政办发〔2024〕12号 "), &t) && t.kind == T_DOCNO &&
              t.year == 2024 && t.num == 12 && t.plen == strlen("平政办发"), "a 文号 value");
    CHECK(!lex_docno("按平政办发〔2024〕12号文件", strlen("按平政办发〔2024〕12号文件"), &t), "a sentence is no 文号");
    CHECK(lex_date("2022-05-10", 10, &t) && t.year == 2022 && t.month == 5 && t.day == 10, "an ISO date value");
    CHECK(lex_date("二〇二二年五月十日", strlen("二〇二二年五月十日"), &t) && t.month == 5 && t.day == 10,
          "a date in Chinese numerals");
    CHECK(!lex_date("2022-13-40", 10, &t) && !lex_date("2022510", 7, &t), "no date the calendar lacks");
    CHECK(!lex_date("平政办发〔2024〕12号", strlen("平政办发〔2024〕12号"), &t), "a 文号 is no date");
}

static void test_segments(void)
{
    /* an issue: masthead and contents (whose 人事任免 entry carries a page
     * number: no section), a notice up to the first section, 人事任免 up
     * to the 发文目录, its table (a tab line with no 序号 cell: its prose
     * reading is there too), a 解读 whose title wraps, up to the colophon */
    segments_are("嘉兴市人民政府公报\n2025\n第 03 期（总第 261 期）\n\n目录\n"
                 "嘉兴市人民政府关于印发某某办法的通知……（1）\n【市政府人事任免】……（5）\n\n"
                 "嘉兴市人民政府关于印发某某办法的通知\n嘉政发〔2025〕3号\n各县（市、区）人民政府，市政府各部门：\n"
                 "现将《某某办法》印发给你们，请认真贯彻执行。\n嘉兴市人民政府\n2025年3月1日\n\n"
                 "【市政府人事任免】\n任命：\n张三为嘉兴市商务局副局长；\n\n"
                 "嘉兴市人民政府2025年发文目录\n\t嘉政发〔2025〕3号\t嘉兴市人民政府关于印发某某办法的通知\n\n"
                 "《嘉兴市某某\n办法》解读\n一、起草背景。\n2025年第03期（总第261期）\n",
                 "masthead 1-8, colophon 26-26, notice 9-15, appoint 16-19, catalog 20-22, jiedu 23-26 (嘉兴市某某办法), "
                 "prose 21");
    /* a list page with no title: a fragment from its table's header on; a
     * tab inside prose is no table */
    segments_are("工作任务清单\n\t序号\t工作任务\t责任单位\n\t1\t做某事。\t市发展改革委\n",
                 "fragment 2-3, prose 3");
    segments_are("某某通知\n1.\t建设幼儿园。\n", "prose 2");
}

/* data/districts.tsv read as the table reader and the splitter read it */
static void test_districts(void)
{
    static const struct { const char *cell; int id; } cells[] = {
        {"全市", 0}, {"全市目标任务", 0}, {"全市经济社会发展主要预期目标", -1}, {"全市年度总目标", -1}, {"南湖区", 1},
        {"桐乡市", 7}, {"经开区", 8}, {"嘉兴经济技术开发区", 8}, {"浙江乍浦经济开发区（嘉兴港区）", 9},
        {"市级", 10}, {"其他", 11}, {"南湖", -1}, {"海宁市目标", -1}};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
        CHECK(dist_cell(cells[i].cell) == cells[i].id, "district of cell %s: %d, want %d", cells[i].cell,
              dist_cell(cells[i].cell), cells[i].id);
    CHECK(dist_count() == 12 && !strcmp(dist_name(9), "嘉兴港区") && !dist_name(12), "districts: %zu", dist_count());
    const char *const *c = dist_counties();
    CHECK(c[0] && !strcmp(c[0], "南湖区") && c[6] && !strcmp(c[6], "桐乡市") && !c[7], "the county names");
}

static void test_docs(void)
{
    lex_is("平湖市人民政府办公室关于印发2024年政府工作报告重点工作责任分解的通知", T_TITLE, -1);
    lex_is("景宁畲族自治县人民政府关于印发某某方案的通知", T_TITLE, -1);
    lex_is("嘉兴市人民政府办公室转发市发展改革委关于某某的通知", T_TITLE, -1);
    lex_is("区人民政府办公室关于印发某某方案的通知", T_TITLE, -1);
    lex_is("《嘉兴市人民政府关于印发某某的通知》解读", T_TEXT, -1);
    lex_is("浙江省人民政府", T_END, -1);
    lex_is("平湖市人民政府办公室", T_END, -1);
    lex_is("海宁市政府", T_TEXT, -1);      /* a unit list's wrap, not a signature */
    lex_is("平政办发〔2024〕12号", T_DOCNO, 12);
    lex_is("杭政办函〔2021〕3号", T_DOCNO, 3);
    lex_is("2022-05-10", T_DATE, -1);
    lex_is("2022.5.10", T_DATE, -1);
    lex_is("二○一○年六月三十日", T_DATE, -1);
    lex_is("二〇二二年五月十日", T_DATE, -1);
    lex_is("2022510", T_TEXT, -1);
    lex_is("2022-13-40", T_TEXT, -1);
    lex_is("首页 > 政务公开 > 法规文件", T_META, -1);
    lex_is("> 政务公开 > 工作报告", T_META, -1);
    lex_is("索引号: 002546445/2022-427178 公开方式: 主动公开", T_META, -1);
    lex_is("  • 发布时间: 2024-04-02 10:08", T_META, -1);
    lex_is("时间:2023-07-11 17:01 浏览次数: 信息来源: 丽水市政府", T_META, -1);
    lex_is("时间：上午九点", T_TEXT, -1);
    lex_is("市政府工作报告重点工作责任分解(2023年)", T_LISTHEAD, -1);
    lex_is("《政府工作报告》确定的重点工作任务分解", T_LISTHEAD, -1);
    lex_is("《嘉兴市国民经济和社会发展第十一个五年规划纲要》主要目标任务分解落实方案", T_LISTHEAD, -1);
    lex_is("2024年政府工作报告重点工作完成情况(前三季度)", T_PROGRESS, -1);
    lex_is("(一)全力以赴拼经济稳增长促发展。", T_SUBSECTION, 1);
    lex_is("责任领导:张三;责任单位:市财政局;配合单位:市住建局", T_RESP, -1);
    lex_is("分管领导:张仁贵", T_RESP, -1);
    lex_is("12*.生产总值增长6%", T_ITEM, 12);

    /* the canonical table is 嘉兴's; other governments keep names as printed */
    split_gov_is("嘉兴市", "市发改委、市财政局", "+市发展改革委|市财政局");
    split_gov_is("丽水市", "市发改委、市财政局", "+市发改委|市财政局");
    split_gov_is(NULL, "市发改委", "+市发改委");
    split_gov_is("桐乡市", "财政局、发改局（列第一位者为牵头或汇总单位，下同）", "+财政局|发改局");
    split_gov_is("丽水市", "莲都区、青田县政府，市建设局", "+莲都区政府|青田县政府|市建设局");

    /* issuer and government from the title, the metadata or the signature */
    notices_are("平湖市人民政府办公室关于印发某某的通知\n  • 发布时间: 2024-04-02 10:08\n"
                "各镇人民政府、街道办事处:\n正文。\n平湖市人民政府办公室\n2024年2月19日\n",
                "NULL|平湖市人民政府办公室|平湖市|平湖市人民政府办公室关于印发某某的通知|2024-02-19");
    notices_are("发文文号: 杭政办函〔2021〕3号 发布机关: 杭州市人民政府办公厅\n成文日期: 2021-01-05\n"
                "杭州市人民政府办公厅关于某某的通知发布日期:2021-01-08 09:00信息来源:市政府办公厅\n"
                "各区、县(市)人民政府:\n正文。\n杭州市人民政府办公厅\n2021105\n",
                "杭政办函〔2021〕3号|杭州市人民政府办公厅|杭州市|杭州市人民政府办公厅关于某某的通知|2021-01-05");
    notices_are("莲都区人民政府关于某某的批复\n各乡镇人民政府:\n正文。\n莲都区人民政府\n二〇二二年五月十日\n",
                "NULL|莲都区人民政府|莲都区|莲都区人民政府关于某某的批复|2022-05-10");
    notices_are("2020年政府工作报告主要工作责任分解\n1.某某。\n责任单位:财政局\n",
                "NULL|NULL|NULL|NULL|NULL");
    /* HTML remnants: entities decoded, tags dropped, <p> a line break */
    notices_are("<p>长兴县人民政府关于&ldquo;某某&rdquo;的通知</p><p>各乡镇人民政府:</p><p>正文。</p>"
                "<p>长兴县人民政府</p><p>2023年2月24日</p>\n",
                "NULL|长兴县人民政府|长兴县|长兴县人民政府关于“某某”的通知|2023-02-24");
}

/* The one hash (FNV-1a, 64 bits) and the one index: every row stored is
 * found under its hash, however many share it, across growth. */
static void test_index(void)
{
    CHECK(jx_hash("a", 1, JX_HASH_SEED) == (size_t)0xaf63dc4c8601ec8cull, "FNV-1a of \"a\"");
    CHECK(jx_hash("bc", 2, jx_hash("a", 1, JX_HASH_SEED)) == jx_hash("abc", 3, JX_HASH_SEED), "hash continues");
    jx_index x = {0};
    size_t pos = 0;
    CHECK(jx_index_next(&x, 5, &pos) == JX_NONE, "an empty index finds nothing");
    enum { N = 1000 };
    for (size_t i = 0; i < N; i++) jx_index_add(&x, i % 7 ? i : 7, i);   /* rows 0, 7, 14 ... share hash 7 */
    int bad = 0;
    for (size_t i = 0; i < N; i++) {
        size_t h = i % 7 ? i : 7, found = 0;
        pos = 0;
        for (size_t at; (at = jx_index_next(&x, h, &pos)) != JX_NONE;) {
            if (at == i) found++;
            if ((at % 7 ? at : 7) != h) bad++;
        }
        if (found != 1) bad++;
    }
    CHECK(!bad && x.n == N, "index: %d rows lost or misfiled", bad);
    pos = 0;
    CHECK(jx_index_next(&x, 1001, &pos) == JX_NONE, "a hash never stored");
    jx_index_free(&x);
}

/* The table of record kinds against the schema it writes to: every list of
 * jx_doc is its kind's row (size and place), every statement prepares, and
 * each insert binds one field per parameter, each within its row. */
extern const char jx_schema_sql[];
static void test_kinds(void)
{
    jx_doc d;
#define KIND_IS_LIST(kind, list, type)                                                    \
    CHECK(&d.list == &d.rows[kind] && jx_kinds[kind].size == sizeof(type),               \
          "kind %s: not the list " #list " of " #type, jx_kinds[kind].table);
    JX_KINDS(KIND_IS_LIST)
#undef KIND_IS_LIST
    sqlite3 *h = NULL;
    CHECK(sqlite3_open(":memory:", &h) == SQLITE_OK && sqlite3_exec(h, jx_schema_sql, NULL, NULL, NULL) == SQLITE_OK,
          "schema: %s", h ? sqlite3_errmsg(h) : "no memory");
    for (int k = 0; k < K_COUNT; k++) {
        const jx_kind *kd = &jx_kinds[k];
        sqlite3_stmt *st = NULL;
        char q[200];
        snprintf(q, sizeof q, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '%s'", kd->table);
        CHECK(sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW,
              "kind %d: no table %s", k, kd->table);
        sqlite3_finalize(st);
        CHECK(kd->notice < 0 || (size_t)kd->notice + sizeof(size_t) <= kd->size, "kind %s: notice offset", kd->table);
        CHECK(!kd->insert == !kd->bind, "kind %s: an insert and its bind letters go together", kd->table);
        if (kd->insert) {
            st = NULL;
            int ok = sqlite3_prepare_v2(h, kd->insert, -1, &st, NULL) == SQLITE_OK;
            CHECK(ok && sqlite3_bind_parameter_count(st) == (int)strlen(kd->bind),
                  "kind %s: insert has %d parameters, bind %s", kd->table, ok ? sqlite3_bind_parameter_count(st) : -1,
                  kd->bind);
            sqlite3_finalize(st);
            for (size_t c = 0; kd->bind[c]; c++) {
                const char *known = strchr("NPStinl", kd->bind[c]);
                size_t w = kd->bind[c] == 't' ? sizeof(char *) : kd->bind[c] == 'l' ? sizeof(long) : sizeof(int);
                CHECK(known && (strchr("NPS", kd->bind[c]) || kd->at[c] + w <= kd->size),
                      "kind %s: bind letter %zu (%c) outside its row", kd->table, c, kd->bind[c]);
            }
        }
        for (int j = 0; j < 4 && kd->del[j]; j++) {
            st = NULL;
            CHECK(sqlite3_prepare_v2(h, kd->del[j], -1, &st, NULL) == SQLITE_OK && sqlite3_bind_parameter_count(st) == 1,
                  "kind %s: delete %d: %s", kd->table, j, sqlite3_errmsg(h));
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(h);
}

int main(void)
{
    char err[256];
    if (lex_init(err, sizeof err) || dep_init(err, sizeof err)) {
        fprintf(stderr, "init: %s\n", err);
        return 1;
    }
    test_text();
    test_fold_differential();
    test_decode();
    test_lex();
    test_depts();
    test_tables();
    test_segments();
    test_parts();
    test_values();
    test_districts();
    test_load_after_rollback();
    test_docs();
    test_kinds();
    test_index();
    lex_done();
    dep_done();
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
