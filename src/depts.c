/* depts.c: responsibility strings -> ordered, canonical units.
 *
 * The printed strings mix separators (、 and ，), distribute a suffix over a
 * run of district names (南湖区、秀洲区政府), mark leads in words (A牵头，
 * A、B双牵头), glue two names together (市红十字会市卫生健康委) and carry
 * page-break debris (a repeated 局 after 市司法局). Everything is resolved
 * against data/departments.tsv; what cannot be resolved is kept as printed
 * and reported, never guessed. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

extern const char jx_departments_tsv[];

/* (government, printed name) -> canonical name, found through tab_at.
 * Each government's names are its own: 丽水's 市发改委 is not 嘉兴's. */
typedef struct { const char *gov, *key, *canon; } entry;
static jx_vec tab = JX_VEC(entry);
static jx_index tab_at;
static jx_arena dep_arena;
/* The governments data/departments.tsv has a table for ([平湖市] …); the
 * rows before any such line are the city's. */
#define JX_CITY "嘉兴市"
static const char *govs[64];
static size_t ngovs;

/* The first characters of every name (a bit per code point, folded to 4096):
 * dep_name_at, asked at every position of a PDF run, rejects most at once. */
static unsigned char first_char[512];

static unsigned first_code(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0] < 0x80 ? u[0] : u[0] < 0xE0 ? (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu)
               : u[0] < 0xF0 ? (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu) : u[0];
    return c & 4095;
}

/* The government, a byte no name holds, the name: one key. */
static size_t hash(const char *gov, const char *s, size_t n)
{
    return jx_hash(s, n, jx_hash("\x1F", 1, jx_hash(gov, strlen(gov), JX_HASH_SEED)));
}

/* The table's spelling of gov, or NULL when it has no table for gov. */
static const char *table_of(const char *gov)
{
    for (size_t i = 0; gov && i < ngovs; i++)
        if (!strcmp(govs[i], gov)) return govs[i];
    return NULL;
}

static const char *lookup(const char *gov, const char *s, size_t n)
{
    if (!gov) return NULL;
    size_t pos = 0, h = hash(gov, s, n);
    for (size_t i; (i = jx_index_next(&tab_at, h, &pos)) != JX_NONE;) {
        const entry *e = &JX_AT(tab, entry, i);
        if (e->gov == gov && strlen(e->key) == n && !memcmp(e->key, s, n)) return e->canon;
    }
    return NULL;
}

static void insert(const char *gov, const char *key, const char *canon)
{
    size_t n = strlen(key);
    if (n) first_char[first_code(key) >> 3] |= (unsigned char)(1u << (first_code(key) & 7));
    if (lookup(gov, key, n)) return;
    *(entry *)jx_vec_push(&tab) = (entry){gov, key, canon};
    jx_index_add(&tab_at, hash(gov, key, n), tab.n - 1);
}

int dep_init(char *err, size_t errsz)
{
    if (dist_init(err, errsz)) return -1;
    char *copy = jx_strdup(&dep_arena, jx_departments_tsv);
    govs[0] = JX_CITY;
    ngovs = 1;
    const char *gov = govs[0];
    for (char *line = copy, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (*line == '#' || !*line) continue;
        size_t ll = strlen(line);
        if (*line == '[' && line[ll - 1] == ']') {     /* [平湖市]: that government's table */
            line[ll - 1] = 0;
            gov = table_of(line + 1);
            if (!gov) {
                if (ngovs == sizeof govs / sizeof *govs) {
                    snprintf(err, errsz, "internal: departments.tsv has more than %zu governments", ngovs);
                    return -1;
                }
                gov = govs[ngovs++] = line + 1;
            }
            continue;
        }
        char *canon = line, *tabp = strchr(line, '\t');
        if (tabp) *tabp = 0;
        insert(gov, canon, canon);
        /* the kind and successor columns are the loader's (dept_catalog) */
        for (int skip = 0; skip < 2 && tabp; skip++) tabp = strchr(tabp + 1, '\t');
        while (tabp) {
            char *alias = tabp + 1;
            tabp = strchr(alias, '\t');
            if (tabp) *tabp = 0;
            if (*alias) insert(gov, alias, canon);
        }
    }
    return 0;
}

void dep_done(void)
{
    dist_done();
    memset(first_char, 0, sizeof first_char);
    jx_vec_free(&tab);
    jx_index_free(&tab_at);
    ngovs = 0;
    jx_arena_free(&dep_arena);
}

/* The city's county-level governments are data/districts.tsv's; another
 * government's places are read by their form: two to six characters ending
 * in 区, 县 or 市. */
static size_t place_end(const char *s, size_t n)
{
    for (size_t i = 6; i + 3 <= n && i <= 15; i += 3)
        if (!memcmp(s + i, "区", 3) || !memcmp(s + i, "县", 3) || !memcmp(s + i, "市", 3)) return i + 3;
    return 0;
}

static int is_district(const char *gov, const char *s, size_t n)
{
    if (gov && !strcmp(gov, JX_CITY)) {
        for (const char *const *d = dist_counties(); *d; d++)
            if (strlen(*d) == n && !memcmp(*d, s, n)) return 1;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x80) return 0;
    return place_end(s, n) == n;
}

static int district_prefix(const char *gov, const char *s, size_t n)
{
    if (gov && !strcmp(gov, JX_CITY)) {
        for (const char *const *d = dist_counties(); *d; d++) {
            size_t k = strlen(*d);
            if (n > k && !memcmp(*d, s, k)) return (int)k;
        }
        return 0;
    }
    size_t k = place_end(s, n);
    return k && k < n ? (int)k : 0;
}

typedef struct { const char *s; size_t n; int star; } seg;

typedef struct {
    jx_vec *segs;           /* seg */
    long member_from;       /* the first seg after a member label, or -1 */
} split_ctx;

static void push_seg(split_ctx *c, const char *s, size_t n)
{
    seg *g = jx_vec_push(c->segs);
    g->s = s;
    g->n = n;
}

/* The length of a level of government at s (区, 县（市）, 乡镇, 街道 …,
 * with a bracketed level after it), 0 if none. */
static size_t level_at(const char *s, size_t n)
{
    static const char *const levels[] = {"乡镇", "街道", "区", "县", "市", "镇", "乡", NULL};
    for (int k = 0; levels[k]; k++) {
        size_t l = strlen(levels[k]);
        if (!txt_starts(s, n, levels[k])) continue;
        if (txt_starts(s + l, n - l, "（")) {
            const char *close = txt_find(s + l, n - l, "）");
            if (close && close - (s + l) <= 24) l = (size_t)(close - s) + strlen("）");
        }
        return l;
    }
    return 0;
}

/* Whether s opens with the body a level of government has (政府, 人民政府,
 * 管委会, 党委, 街道办事处 …), not a department's name. */
static int government_body(const char *s, size_t n)
{
    static const char *const bodies[] = {"人民政府", "政府", "管委会", "党委", "办事处", NULL};
    for (int k = 0; bodies[k]; k++)
        if (txt_starts(s, n, bodies[k])) return 1;
    return 0;
}

/* A list that is not exhaustive: 市经信局等 and 市经信局等7个部门 are
 * 市经信局; 市经信局等市级有关部门 is 市经信局 and the group it stands
 * for. 等 anywhere else (高等) is part of a name. */
static void add_seg(void *ctx, const char *s, size_t n)
{
    static const char *const groups[] = {"市级", "县级", "区级", "有关", "相关", "各", "其他", NULL};
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "多",
                                           "几", NULL};
    const char *d = txt_rfind(s, n, "等");
    if (d && d > s) {
        const char *t = d + strlen("等");
        size_t k = (size_t)(d - s), r = n - k - strlen("等");
        int count = r && *t >= '0' && *t <= '9', group = 0;
        for (int i = 0; numerals[i] && !count; i++) count = txt_starts(t, r, numerals[i]);
        for (int i = 0; groups[i] && !group; i++) group = txt_starts(t, r, groups[i]);
        if (!r || count) {
            n = k;
        } else if (group) {
            push_seg(ctx, s, k);
            s = t;
            n = r;
        }
    }
    push_seg(ctx, s, n);
}

/* The fields of members (jx_fields), and 责任单位 after a 牵头单位 field
 * (牵头单位：A；责任单位：B, the parser's join of the two) */
#define LABEL_MEMBER(k) k "：",
#define LABEL_LEADER(k)
#define LABEL_LEAD(k)
#define LABEL_UNIT(k)
#define LABEL_(k, r) LABEL_##r(k)
static const char *const member_labels[] = {JX_FIELDS(LABEL_) "责任单位：", NULL};

/* The first unit after a member label is the first member. */
static void member_label(void *ctx, int k, int pending)
{
    split_ctx *c = ctx;
    (void)k;
    if (c->member_from < 0) c->member_from = (long)c->segs->n + pending;
}

/* Whether lit stands at s[i] within s[0..n). */
static int at(const char *s, size_t n, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    return i <= n && n - i >= k && !memcmp(s + i, lit, k);
}

/* Splits a glued name into known names (市红十字会市卫生健康委). Returns
 * the number of parts written to cut[] (ends), 0 if no exact cover. */
static size_t cover(const char *gov, const char *s, size_t n, size_t *cut, size_t maxcut)
{
    /* Longest known prefix first, then recurse: the names are few and short. */
    if (n == 0) return 0;
    for (size_t k = n; k > 0; k--) {
        if (k < n && (s[k] & 0xC0) == 0x80) continue;   /* not a character boundary */
        if (!lookup(gov, s, k)) continue;
        if (k == n) { cut[0] = n; return 1; }
        if (maxcut < 2) return 0;
        size_t m = cover(gov, s + k, n - k, cut + 1, maxcut - 1);
        if (m) {
            cut[0] = k;
            for (size_t i = 1; i <= m; i++) cut[i] += k;
            return m + 1;
        }
    }
    return 0;
}

size_t dep_split(jx_arena *a, const char *s, jx_unit **out, const char *file, long line,
                 int *warnings)
{
    return dep_split_gov(a, JX_CITY, s, out, file, line, warnings);
}

size_t dep_split_gov(jx_arena *a, const char *government, const char *s, jx_unit **out,
                     const char *file, long line, int *warnings)
{
    /* Names are folded only against their own government's table; one
     * without a table keeps every name as printed, and says nothing of it. */
    const char *gov = table_of(government);
    jx_buf clean = {0};
    jx_vec segs = JX_VEC(seg);
    size_t n = strlen(s);

    /* Drop the standing annotation and any white space. */
    for (size_t i = 0; i < n;) {
        if (at(s, n, i, "（")) {
            /* the annotation is short: look for it within its own brackets only */
            size_t lim = n - i < 120 ? n - i : 120;
            const char *close = txt_find(s + i, lim, "）");
            if (close && txt_find(s + i, (size_t)(close - (s + i)), "列第一位")) {
                i = (size_t)(close - s) + 3;
                continue;
            }
        }
        if (s[i] == ' ' || s[i] == '\t') { i++; continue; }
        size_t run = i + 1;     /* up to the next byte the cases above look at */
        while (run < n && s[run] != ' ' && s[run] != '\t' && (unsigned char)s[run] != 0xEF) run++;
        jx_buf_put(&clean, s + i, run - i);
        i = run;
    }
    /* the group 各县（市、区）, printed with its brackets as 、 */
    if (clean.p && txt_find(clean.p, clean.len, "各县、市、区")) {
        jx_buf b = {0};
        const char *q = clean.p, *e = clean.p + clean.len, *g;
        for (; (g = txt_find(q, (size_t)(e - q), "各县、市、区")); q = g + strlen("各县、市、区")) {
            jx_buf_put(&b, q, (size_t)(g - q));
            jx_buf_puts(&b, "各县（市、区）");
        }
        jx_buf_put(&b, q, (size_t)(e - q));
        jx_buf_free(&clean);
        clean = b;
    }
    /* A trailing unbalanced ）or 。 belongs to the clause around the list. */
    const char *c = clean.p ? clean.p : "";
    size_t cn = clean.len;
    /* A label inside the string (牵头单位：A；配合单位：B, or the two lines
     * joined) separates too: the units after it are members. */
    split_ctx sc = {&segs, -1};
    static const char *const seps[] = {"、", "，", "；", "。", NULL};
    /* the bracket that closes a clause [牵头单位：…；责任单位：…] ends the string */
    static const char *const ends[] = {"]", "】", "］", NULL};
    static const jx_splitter how = {seps, member_labels, member_label, ends, 0, 1};
    txt_split(c, cn, &how, add_seg, &sc);
    long member_from = sc.member_from;

    /* Lead marks, strongest first: a `*` before units (those lead); a
     * label 配合单位： / 协同单位： … (the units before it lead, those after
     * are members); 牵头 / 双牵头 / 分别牵头 / （牵头） after units (every unit
     * up to the last one so marked leads); else the first listed leads. 分别
     * is never part of a name, and the note 列第一位的为牵头（或汇总）单位
     * is dropped wherever it stands. */
    static const char *const lead_marks[] = {"（牵头）", "双牵头", "分别牵头", "牵头", NULL};
    long last_lead = -1;
    int starred = 0;
    for (size_t i = 0; i < segs.n; i++) {
        seg *g = &JX_AT(segs, seg, i);
        if (txt_find(g->s, g->n, "列第一位")) { g->n = 0; continue; }
        if (txt_starts(g->s, g->n, "注：")) { g->s += strlen("注："); g->n -= strlen("注："); }
        for (int k = 0; member_labels[k]; k++)     /* a label opening the string */
            if (txt_starts(g->s, g->n, member_labels[k])) {
                g->s += strlen(member_labels[k]);
                g->n -= strlen(member_labels[k]);
            }
        if (txt_starts(g->s, g->n, "牵头单位：")) { g->s += strlen("牵头单位："); g->n -= strlen("牵头单位："); }
        while (g->n && *g->s == '*') { g->s++; g->n--; g->star = starred = 1; }
        if (txt_starts(g->s, g->n, "分别")) { g->s += strlen("分别"); g->n -= strlen("分别"); }
        for (int k = 0; lead_marks[k]; k++)
            if (txt_ends(g->s, g->n, lead_marks[k]) && g->n > strlen(lead_marks[k])) {
                g->n -= strlen(lead_marks[k]);
                last_lead = (long)i;
                break;
            }
        if (txt_ends(g->s, g->n, "分别")) g->n -= strlen("分别");
        /* 团市委配合落实: the unit, marked as one that assists (a member
         * where it stands, after the first) */
        static const char *const assists[] = {"配合落实", "协助落实", "配合", NULL};
        for (int k = 0; assists[k]; k++)
            if (i > 0 && txt_ends(g->s, g->n, assists[k]) && g->n > strlen(assists[k])) {
                g->n -= strlen(assists[k]);
                break;
            }
    }

    jx_vec units = JX_VEC(jx_unit);
    for (size_t i = 0; i < segs.n; i++) {
        seg *g = &JX_AT(segs, seg, i);
        int lead = starred ? g->star
                 : member_from >= 0 ? (long)i < member_from
                 : last_lead >= 0 ? (long)i <= last_lead : i == 0;
        if (!g->n) continue;
        /* 各区、县（市）政府: a bare 各 and a level takes the suffix of the
         * unit after it, whose level then takes the 各 (各区政府, 各县（市）
         * 政府): the distributive list of the governments of each level. */
        size_t lv;
        if (i + 1 < segs.n && txt_starts(g->s, g->n, "各") && level_at(g->s + 3, g->n - 3) == g->n - 3 &&
            (lv = level_at(JX_AT(segs, seg, i + 1).s, JX_AT(segs, seg, i + 1).n)) &&
            government_body(JX_AT(segs, seg, i + 1).s + lv, JX_AT(segs, seg, i + 1).n - lv)) {
            seg *h = &JX_AT(segs, seg, i + 1);
            for (int k = 0; k < 2; k++) {
                jx_unit *u = jx_vec_push(&units);
                u->raw = k ? jx_strndup(a, h->s, h->n) : jx_strndup(a, g->s, g->n);
                u->department = k ? jx_sprintf(a, "各%.*s", (int)h->n, h->s)
                                  : jx_sprintf(a, "%.*s%.*s", (int)g->n, g->s, (int)(h->n - lv), h->s + lv);
                long at = (long)i + k;
                u->lead = starred ? (k ? h->star : g->star)
                        : member_from >= 0 ? at < member_from
                        : last_lead >= 0 ? at <= last_lead : at == 0;
            }
            i++;
            continue;
        }
        /* 南湖区、秀洲区、嘉善县政府: a bare district takes the suffix of the
         * run's last member. */
        if (is_district(government, g->s, g->n)) {
            const char *suffix = NULL;
            size_t slen = 0;
            for (size_t j = i + 1; j < segs.n; j++) {
                seg *h = &JX_AT(segs, seg, j);
                if (is_district(government, h->s, h->n)) continue;
                int k = district_prefix(government, h->s, h->n);
                if (k) { suffix = h->s + k; slen = h->n - (size_t)k; }
                break;
            }
            if (suffix) {
                jx_unit *u = jx_vec_push(&units);
                char *full = jx_sprintf(a, "%.*s%.*s", (int)g->n, g->s, (int)slen, suffix);
                u->raw = jx_strndup(a, g->s, g->n);
                u->department = full;
                u->lead = lead;
                continue;
            }
        }
        const char *name = g->s;
        size_t nlen = g->n;
        /* Glued names and page-break debris are short; a long unknown string
         * is kept as printed rather than searched (quadratic otherwise). */
        if (gov && !lookup(gov, name, nlen) && nlen <= 96) {
            size_t cut[8];
            size_t m = cover(gov, name, nlen, cut, 8);
            if (m >= 2) {
                size_t from = 0;
                for (size_t k = 0; k < m; k++) {
                    jx_unit *u = jx_vec_push(&units);
                    u->raw = u->department = jx_strndup(a, name + from, cut[k] - from);
                    u->lead = starred || member_from >= 0 || last_lead >= 0 ? lead : lead && k == 0;
                    from = cut[k];
                }
                continue;
            }
            /* Page-break debris: 市司法局局, 团市委委 - a known name followed
             * by a repeat of its own tail. */
            for (size_t k = nlen; k > 0; k--) {
                if (k < nlen && (name[k] & 0xC0) == 0x80) continue;
                if (k == nlen || !lookup(gov, name, k)) continue;
                if (nlen - k < k && !memcmp(name + k, name + k - (nlen - k), nlen - k)) nlen = k;
                break;
            }
        }
        jx_unit *u = jx_vec_push(&units);
        u->raw = jx_strndup(a, name, nlen);
        u->department = u->raw;
        u->lead = lead;
    }
    /* Canonical names last, so the rules above see the printed forms. */
    for (size_t i = 0; i < units.n; i++) {
        jx_unit *u = &JX_AT(units, jx_unit, i);
        const char *canon = lookup(gov, u->department, strlen(u->department));
        if (canon) u->department = canon;
        else if (gov) {
            jx_msg(file, line, "warning: unknown department \"%s\"", u->department);
            if (warnings) ++*warnings;
        }
    }
    *out = jx_alloc(a, (units.n ? units.n : 1) * sizeof **out);
    if (units.n) memcpy(*out, units.p, units.n * sizeof **out);
    size_t count = units.n;
    jx_vec_free(&units);
    jx_vec_free(&segs);
    jx_buf_free(&clean);
    return count;
}

size_t dep_name_at(const char *s, size_t n)
{
    if (!n || !tab.n) return 0;
    unsigned c = first_code(s);
    int known = first_char[c >> 3] >> (c & 7) & 1;
    /* the longest name of any government's table; names are short */
    size_t lim = !known ? 0 : n < 96 ? n : 96;
    for (size_t k = lim; k >= 6; k--) {
        if (k < n && (s[k] & 0xC0) == 0x80) continue;
        for (size_t g = 0; g < ngovs; g++)
            if (lookup(govs[g], s, k)) return k;
    }
    /* the city's districts, bare (南湖区、秀洲区政府) or with their 政府 */
    for (const char *const *d = dist_counties(); *d; d++) {
        size_t k = strlen(*d);
        if (n < k || memcmp(s, *d, k)) continue;
        if (n - k >= 12 && !memcmp(s + k, "人民政府", 12)) return k + 12;
        if (n - k >= 6 && !memcmp(s + k, "政府", 6)) return k + 6;
        return k;
    }
    return 0;
}
