/* notice.c: what a notice says of itself: its title, 文号, issuer, 成文
 * date and government, from its span (segment.c), the metadata block of its
 * web page (索引号：…, 发文机关：…) and its signature. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

/* One key of a page's metadata block (索引号：…, 发文文号：…, 成文日期：…,
 * 发布机关：…; several may share a line). Keys that do not describe the
 * document (浏览次数, 公开方式) are read so that their values end the one
 * before, and are otherwise ignored. */
typedef struct { size_t at; const char *key, *val; } meta;

static const char *const meta_keys[] = {
    "索引号", "发文文号", "发文字号", "文件编号", "文号", "发布机关", "发文机关", "发布机构",
    "发文机构", "发文单位", "成文日期", "发文日期", "发文时间", "公开方式", "公开范围", "公开时限",
    "发布日期", "发布时间", "信息来源", "浏览次数", "主题分类", "组配分类", "有效性", "时间",
    "来源", "日期", "字体", "统一编号", "信息名称", "名称", "标题", NULL};

/* The key (with its ：, unless the block prints none) standing at s, or NULL. */
static const char *meta_key_at(const char *s, size_t n, size_t *klen, int colon)
{
    for (int k = 0; meta_keys[k]; k++) {
        size_t l = strlen(meta_keys[k]);
        if (n >= l + 3 * colon && !memcmp(s, meta_keys[k], l) && (!colon || !memcmp(s + l, "：", 3))) {
            *klen = l + 3 * colon;
            return meta_keys[k];
        }
    }
    return NULL;
}

/* Splits one squashed metadata line into key/value pairs. */
static void read_meta(jx_arena *a, jx_vec *out, size_t at, const char *s)
{
    size_t n = strlen(s);
    const char *key = NULL;
    size_t vstart = 0;
    /* a block laid out as a table prints its keys spaced and without ：
     * (索 引 号 MB… 发文日期 2023-01-03) */
    int colon = txt_find(s, n, "：") != NULL;
    for (size_t i = 0; i <= n;) {
        size_t kl = 0;
        const char *k = i < n ? meta_key_at(s + i, n - i, &kl, colon) : NULL;
        if (k || i == n) {
            if (key) {
                meta *m = jx_vec_push(out);
                m->at = at;
                m->key = key;
                m->val = jx_strndup(a, s + vstart, i - vstart);
            }
            if (i == n) break;
            key = k;
            i += kl;
            vstart = i;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        i += txt_u8len(c);
    }
}

/* The keys a title runs on into when a page's furniture follows it on the
 * same line (…的通知发布日期：2022-05-13 14:19信息来源：…). */
static const char *const title_stops[] = {"发布日期：", "发布时间：", "信息来源：", "浏览次数：", "索引号：", NULL};

/* 平湖市人民政府办公室 -> issuer 平湖市人民政府办公室, government 平湖市. */
static int issuer_of(jx_arena *a, const char *s, const char **issuer, const char **government)
{
    jx_span g[2];
    if (!s || !lex_match(JX_P_ISSUER, s, strlen(s), g, 2)) return 0;
    if (issuer) *issuer = jx_strndup(a, g[0].p, g[0].n);
    if (government) *government = jx_strndup(a, g[1].p, g[1].n);
    return 1;
}

/* 2024-04-06 16:40 / 2024年04月06日16:40 -> the date alone. */
static const char *date_part(jx_arena *a, const char *v)
{
    size_t n = strlen(v), k = n;
    const char *ri = txt_find(v, n, "日");
    if (ri) k = (size_t)(ri - v) + 3;
    else
        for (size_t i = 0; i < n; i++)
            if (v[i] == ' ' || (i >= 10 && v[i] >= '0' && v[i] <= '9' && i + 2 < n && v[i + 2] == ':')) { k = i; break; }
    return jx_strndup(a, v, k);
}

/* Fills what the body left empty from the metadata of notice k. Body values
 * win: the metadata block is the site's record of the document, the body
 * the document itself. */
static void apply_meta(jx_arena *a, jx_notice *no, const jx_vec *metas, size_t lo, size_t hi,
                       const char **weak_issuer)
{
    const char *source_gov = NULL;
    for (size_t i = 0; i < metas->n; i++) {
        const meta *m = &JX_AT(*metas, meta, i);
        if (m->at < lo || m->at >= hi || !*m->val) continue;
        jx_tok t;
        if (!strcmp(m->key, "发文文号") || !strcmp(m->key, "文号") || !strcmp(m->key, "发文字号") ||
            !strcmp(m->key, "文件编号")) {
            if (lex_docno(m->val, strlen(m->val), &t) && !no->doc_no) {
                no->doc_no = txt_docno(a, t.prefix, t.plen, t.year, t.num);
                if (!no->year) no->year = t.year;
            }
        } else if (!strcmp(m->key, "成文日期") || !strcmp(m->key, "发文日期") || !strcmp(m->key, "发文时间")) {
            const char *v = date_part(a, m->val);
            if (lex_date(v, strlen(v), &t) && !no->issued_on) {
                no->issued_on = jx_sprintf(a, "%04d-%02d-%02d", t.year, t.month, t.day);
                if (!no->year) no->year = t.year;
            }
        } else if (!strcmp(m->key, "发布机关") || !strcmp(m->key, "发文机关") || !strcmp(m->key, "发布机构") ||
                   !strcmp(m->key, "发文机构") || !strcmp(m->key, "发文单位")) {
            /* 市政府办公室 names no government: the signature may, so it
             * is kept only as the last resort */
            const char *gov = NULL;
            if (issuer_of(a, m->val, NULL, &gov)) {
                if (!no->issuer) no->issuer = m->val;
                if (!no->government) no->government = gov;
            } else if (weak_issuer && !*weak_issuer) {
                *weak_issuer = m->val;
            }
        } else if (!strcmp(m->key, "信息来源") || !strcmp(m->key, "来源")) {
            if (!source_gov) issuer_of(a, m->val, NULL, &source_gov);
        }
    }
    if (!no->government) no->government = source_gov;
}


/* A notice whose title does not name its government (区人民政府办公室关于…)
 * or a fragment whose page lost its title but kept the signature (桐乡市人民政府办公室
 * / 2020年5月22日): the signature is the issuer, the date under it the 成文
 * date when the body gave none. */
static void signed_by(jx_arena *a, const jx_tok *tok, jx_notice *no, size_t lo, size_t hi)
{
    for (size_t i = lo; i < hi; i++) {
        const jx_tok *t = &tok[i];
        if (t->kind != T_END) continue;
        char *sig = txt_squash_dup(a, t->body, t->blen);
        if (!issuer_of(a, sig, &no->issuer, &no->government) || strcmp(no->issuer, sig)) {
            no->issuer = no->government = NULL;
            continue;
        }
        for (size_t j = i + 1, seen = 0; j < hi && seen < 2 && !no->issued_on; j++) {
            if (tok[j].kind == T_BLANK) continue;
            if (tok[j].kind == T_DATE) {
                no->issued_on = jx_sprintf(a, "%04d-%02d-%02d", tok[j].year, tok[j].month, tok[j].day);
                if (!no->year) no->year = tok[j].year;
                break;
            }
            seen++;
        }
        return;
    }
}


void ntc_metas(jx_arena *a, const jx_tok *tok, size_t n, jx_vec *metas)
{
    *metas = (jx_vec)JX_VEC(meta);
    for (size_t i = 0; i < n; i++) {
        if (tok[i].kind != T_META) continue;
        size_t had = metas->n;
        read_meta(a, metas, i, txt_squash_dup(a, tok[i].body, tok[i].blen));
        /* A block of bullets prints each key on a line and its value on the
         * next (• 文号： / 嵊政办发〔2021〕5号): a key left empty at its line's
         * end takes the next line, unless that is a key (• 文件登记号：) */
        meta *last = metas->n > had ? &JX_AT(*metas, meta, metas->n - 1) : NULL;
        size_t j = i + 1;
        while (j < n && tok[j].kind == T_BLANK) j++;
        /* 来源： opens body sentences too, so the lexer takes it only beside
         * a date; on its own line right under a metadata line (时间：2025-02-07
         * 10:04 / 来源：宁波市政府办公厅) it is the block's next key */
        if (j < n && tok[j].kind == T_TEXT && txt_starts(tok[j].body, tok[j].blen, "来源：") && tok[j].blen < 120 &&
            !txt_find(tok[j].body, tok[j].blen, "。"))
            read_meta(a, metas, j, txt_squash_dup(a, tok[j].body, tok[j].blen));
        if (!last || *last->val || !txt_ends(tok[i].body, tok[i].blen, "：")) continue;
        if (j < n && tok[j].kind != T_META && tok[j].kind != T_TABLE && tok[j].blen &&
            !txt_ends(tok[j].body, tok[j].blen, "：") && !txt_find(tok[j].body, tok[j].blen, "。"))
            last->val = txt_squash_dup(a, tok[j].body, tok[j].blen);
    }
}

/* Whether s is an issuer's name alone, naming its government or not
 * (区人民政府办公室, 嘉兴市人民政府, 桐乡市政府办公室): a government's name of at
 * most eight characters, no punctuation, then its body. */
static int bare_issuer(const char *s)
{
    static const char *const bodies[] = {"人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "人民政府", NULL};
    size_t n = strlen(s);
    for (int k = 0; bodies[k]; k++) {
        size_t l = strlen(bodies[k]);
        if (n < l || memcmp(s + n - l, bodies[k], l)) continue;
        int chars = 0;
        for (const char *q = s; q < s + n - l; chars++) {
            uint32_t c = txt_next(&q);
            if (c < 0x4E00 || c > 0x9FFF) return 0;     /* a CJK ideograph, nothing else */
        }
        return chars <= 8;
    }
    return 0;
}

void ntc_open(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_seg *sp, jx_vec *metas)
{
    jx_notice *no = jx_vec_push(&d->notices);
    no->line = sp->first;
    if (sp->kind != SEG_NOTICE) return;     /* a fragment: untitled */
    if (sp->bad_docno >= 0) {
        /* shown up to 40 characters: the line may be 5 000 digits long */
        const jx_tok *t = &tok[sp->bad_docno];
        size_t cut = 0;
        for (int c = 0; cut < t->blen && c < 40; c++)
            do cut++; while (cut < t->blen && ((unsigned char)t->body[cut] & 0xC0) == 0x80);
        jx_msg(d->path, d->text.lines[sp->bad_docno].no,
               "warning: doc_no line not understood, notice kept without a doc_no: \"%.*s%s\"", (int)cut, t->body,
               cut < t->blen ? "…" : "");
        d->warnings++;
    }
    jx_buf title = {0};
    /* A page that prints its issuer on a line of its own right above the
     * 关于… line (区人民政府办公室 / 关于印发…的 / 通 知): the title as printed
     * starts with it. The line must touch the title: a signature above a
     * title stands a date and a blank line away from it. */
    if (sp->lo > 0 && txt_starts(tok[sp->lo].body, tok[sp->lo].blen, "关于")) {
        const jx_tok *up = &tok[sp->lo - 1];
        char *name = txt_squash_dup(a, up->body, up->blen);
        if (up->kind != T_BLANK && bare_issuer(name)) jx_buf_puts(&title, name);
    }
    for (size_t j = sp->lo; j < sp->title_end; j++)
        if (j == sp->lo || ((tok[j].kind == T_TEXT || tok[j].kind == T_LISTHEAD) && (long)j != sp->title_skip))
            jx_buf_put(&title, tok[j].body, tok[j].blen);
    char *tt = txt_squash_dup(a, title.p, title.len);
    jx_buf_free(&title);
    const char *stop = NULL;
    for (int k = 0; title_stops[k]; k++) {
        const char *f = txt_find(tt, strlen(tt), title_stops[k]);
        if (f && (!stop || f < stop)) stop = f;
    }
    if (stop) {     /* the furniture is metadata, never part of the title */
        read_meta(a, metas, sp->lo, stop);
        tt[stop - tt] = 0;
    }
    no->title = tt;
    issuer_of(a, no->title, &no->issuer, &no->government);
    if (sp->docno >= 0) {
        const jx_tok *t = &tok[sp->docno];
        no->doc_no = txt_docno(a, t->prefix, t->plen, t->year, t->num);
        no->year = t->year;
    }
}

void ntc_complete(jx_arena *a, jx_doc *d, const jx_tok *tok, const jx_segs *sg, size_t k, const jx_vec *metas)
{
    jx_notice *no = &JX_AT(d->notices, jx_notice, k);
    const jx_seg *sp = &JX_AT(sg->notices, jx_seg, k);
    size_t lo = sp->at, hi = sp->hi;
    for (size_t i = lo; i < hi && no->title; i++) {
        if (tok[i].kind != T_DATE) continue;
        no->issued_on = jx_sprintf(a, "%04d-%02d-%02d", tok[i].year, tok[i].month, tok[i].day);
        if (!no->year) no->year = tok[i].year;
        break;
    }
    /* the metadata above a notice's salutation is its page's */
    const char *weak_issuer = NULL;
    apply_meta(a, no, metas, k ? JX_AT(sg->notices, jx_seg, k - 1).at + 1 : 0, no->title ? lo + 1 : (size_t)-1,
               &weak_issuer);
    if (!no->issuer) signed_by(a, tok, no, lo, hi);
    if (!no->issuer) no->issuer = weak_issuer;
    if (!no->issued_on && no->title) {
        jx_msg(d->path, no->line, "warning: notice without a 成文 date");
        d->warnings++;
    }
}
