/* sha256.c: FIPS 180-4 SHA-256, so that file identity needs no crypto library. */
#include "jxgov.h"

#include <stdlib.h>
#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; k = h[7];
    for (int i = 0; i < 64; i++) {
        t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1

/* CPUID: SHA is leaf 7 EBX bit 29, SSE4.1 leaf 1 ECX bit 19 (asked directly:
 * not every compiler's __builtin_cpu_supports knows "sha"). */
static int cpu_has_sha(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19))) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 29) & 1;
}

/* The x86 SHA extensions do the rounds in hardware (Intel's reference
 * sequence): hashing every input file is then a few percent of a run, not
 * a sixth of it. Chosen at run time; the portable code stays the reference. */
__attribute__((target("sha,sse4.1")))
static void blocks_ni(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
    const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i st1 = _mm_loadu_si128((const __m128i *)&h[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xB1);
    st1 = _mm_shuffle_epi32(st1, 0x1B);
    __m128i st0 = _mm_alignr_epi8(tmp, st1, 8);
    st1 = _mm_blend_epi16(st1, tmp, 0xF0);
    while (nblocks--) {
        __m128i save0 = st0, save1 = st1, msg, m0, m1, m2, m3;
#define ROUNDS(mi, k)                                                        \
        msg = _mm_add_epi32(mi, _mm_loadu_si128((const __m128i *)&K[k]));    \
        st1 = _mm_sha256rnds2_epu32(st1, st0, msg);                          \
        msg = _mm_shuffle_epi32(msg, 0x0E);                                  \
        st0 = _mm_sha256rnds2_epu32(st0, st1, msg);
        m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), mask);
        m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), mask);
        m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), mask);
        m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), mask);
        ROUNDS(m0, 0)
        ROUNDS(m1, 4)
        m0 = _mm_sha256msg1_epu32(m0, m1);
        ROUNDS(m2, 8)
        m1 = _mm_sha256msg1_epu32(m1, m2);
        ROUNDS(m3, 12)
        m0 = _mm_add_epi32(m0, _mm_alignr_epi8(m3, m2, 4));
        m0 = _mm_sha256msg2_epu32(m0, m3);
        m2 = _mm_sha256msg1_epu32(m2, m3);
        for (int k = 16; k < 64; k += 16) {
            ROUNDS(m0, k)
            m1 = _mm_add_epi32(m1, _mm_alignr_epi8(m0, m3, 4));
            m1 = _mm_sha256msg2_epu32(m1, m0);
            m3 = _mm_sha256msg1_epu32(m3, m0);
            ROUNDS(m1, k + 4)
            m2 = _mm_add_epi32(m2, _mm_alignr_epi8(m1, m0, 4));
            m2 = _mm_sha256msg2_epu32(m2, m1);
            m0 = _mm_sha256msg1_epu32(m0, m1);
            ROUNDS(m2, k + 8)
            m3 = _mm_add_epi32(m3, _mm_alignr_epi8(m2, m1, 4));
            m3 = _mm_sha256msg2_epu32(m3, m2);
            m1 = _mm_sha256msg1_epu32(m1, m2);
            ROUNDS(m3, k + 12)
            m0 = _mm_add_epi32(m0, _mm_alignr_epi8(m3, m2, 4));
            m0 = _mm_sha256msg2_epu32(m0, m3);
            m2 = _mm_sha256msg1_epu32(m2, m3);
        }
#undef ROUNDS
        st0 = _mm_add_epi32(st0, save0);
        st1 = _mm_add_epi32(st1, save1);
        p += 64;
    }
    tmp = _mm_shuffle_epi32(st0, 0x1B);
    st1 = _mm_shuffle_epi32(st1, 0xB1);
    st0 = _mm_blend_epi16(tmp, st1, 0xF0);
    st1 = _mm_alignr_epi8(st1, tmp, 8);
    _mm_storeu_si128((__m128i *)&h[0], st0);
    _mm_storeu_si128((__m128i *)&h[4], st1);
}
#endif

static void blocks(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
#ifdef HAVE_SHA_NI
    /* Asked once: CPUID traps to the hypervisor in a virtual machine, and
     * asking twice a file cost as much as the hashing. Atomic, as every
     * thread hashes; threads racing to set it set the same value. */
    static _Atomic int use_ni = -1;
    if (use_ni < 0) use_ni = cpu_has_sha() && !getenv("JXGOV_NO_SHA_NI");
    if (use_ni) {
        blocks_ni(h, p, nblocks);
        return;
    }
#endif
    for (size_t i = 0; i < nblocks; i++) block(h, p + 64 * i);
}

void sha256_hex(const unsigned char *p, size_t n, char out[65])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char tail[128];
    size_t full = n & ~(size_t)63, rest = n - full;
    blocks(h, p, full / 64);
    memset(tail, 0, sizeof tail);
    if (rest) memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    size_t tlen = rest < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int i = 0; i < 8; i++) tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
    blocks(h, tail, tlen / 64);
    for (int i = 0; i < 8; i++) snprintf(out + 8 * i, 9, "%08x", h[i]);
}
