#include "poisson_weights.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static inline uint64_t splitmix64(uint64_t x) {
    uint64_t z = x + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// Replicate b's weight: how many thresholds its 53 bits reach (at most 20).
static inline uint32_t weight_of(uint64_t row_hash, int b, const uint64_t *thresholds) {
    const uint64_t bits = splitmix64(row_hash + (uint64_t)b) >> 11;
    // The first four thresholds without a branch (they rise); the rest, 1.9 % of draws, one by one.
    uint32_t weight = (uint32_t)(bits >= thresholds[0]) + (uint32_t)(bits >= thresholds[1])
        + (uint32_t)(bits >= thresholds[2]) + (uint32_t)(bits >= thresholds[3]);
    if (__builtin_expect(weight == 4, 0)) {
        while (weight < 20 && bits >= thresholds[weight]) weight += 1;
    }
    return weight;
}

static void draw_scalar(
    uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *kept, uint32_t *first, uint32_t *second) {
    for (int b = 0; b < count; b++) {
        const uint32_t weight = weight_of(row_hash, b, thresholds);
        if (kept) kept[b] = weight;
        if (first) first[b] += weight;
        if (second) second[b] += weight;
    }
}

#if defined(__x86_64__)
/// What sixteen draws at once need: the thresholds' top halves and splitmix64's constants.
struct wide_draw {
    __m512i tops, nextTops, undecidedUpTo, fourth, one, two, four, mix1, mix2, highHalves;
};

/// Replicates b ..< b + 16's weights (`low` and `high`: splitmix64's first sum, row_hash + golden
/// + b + 0 ..< 8 and + 8 ..< 16); lanes outside `lanes` are drawn but not checked.
///
/// A weight below 7 is decided by the top 32 of its 53 bits: with t_k = thresholds[k] >> 21,
/// bits >= thresholds[k] when top > t_k and not when top < t_k; so the weight w is how many of
/// t_0 ..< t_7 the top bits reach (a branch-free binary search), unless they equal t_(w-1), the
/// last reached (about 2^-32 of draws), or reach all seven (about 10^-4): one unsigned compare
/// with undecidedUpTo[w] (t_(w-1), 0 for w = 0, all ones for w = 7) finds those lanes, drawn
/// again one by one.
__attribute__((target("avx512f,avx512dq"), always_inline))
static inline __m512i draw_sixteen(
    const struct wide_draw *c, __m512i low, __m512i high, uint64_t row_hash, int b, __mmask16 lanes,
    const uint64_t *thresholds) {
    __m512i z0 = _mm512_mullo_epi64(_mm512_xor_si512(low, _mm512_srli_epi64(low, 30)), c->mix1);
    __m512i z1 = _mm512_mullo_epi64(_mm512_xor_si512(high, _mm512_srli_epi64(high, 30)), c->mix1);
    z0 = _mm512_mullo_epi64(_mm512_xor_si512(z0, _mm512_srli_epi64(z0, 27)), c->mix2);
    z1 = _mm512_mullo_epi64(_mm512_xor_si512(z1, _mm512_srli_epi64(z1, 27)), c->mix2);
    // The top 32 of the 53 bits, (z ^ (z >> 31)) >> 32: z's high half xor its top bit.
    __m512i bits = _mm512_permutex2var_epi32(z0, c->highHalves, z1);
    bits = _mm512_xor_si512(bits, _mm512_srli_epi32(bits, 31));
    __m512i weight = _mm512_maskz_mov_epi32(_mm512_cmpge_epu32_mask(bits, c->fourth), c->four);
    weight = _mm512_mask_add_epi32(weight, _mm512_cmpge_epu32_mask(bits, _mm512_permutexvar_epi32(weight, c->nextTops)), weight, c->two);
    weight = _mm512_mask_add_epi32(
        weight, _mm512_cmpge_epu32_mask(bits, _mm512_permutexvar_epi32(weight, c->tops)), weight, c->one);
    const __mmask16 undecided = lanes & _mm512_cmple_epu32_mask(bits, _mm512_permutexvar_epi32(weight, c->undecidedUpTo));
    if (__builtin_expect(undecided != 0, 0)) {
        uint32_t drawn[16];
        _mm512_storeu_si512((void *)drawn, weight);
        for (int lane = 0; lane < 16; lane++) {
            if (undecided & (1u << lane)) drawn[lane] = weight_of(row_hash, b + lane, thresholds);
        }
        weight = _mm512_loadu_si512((const void *)drawn);
    }
    return weight;
}

/// Sixteen draws a round, then the last few under a mask.
__attribute__((target("avx512f,avx512dq")))
static void draw_avx512(
    uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *kept, uint32_t *first, uint32_t *second) {
    uint32_t top[16], nextTop[16], undecidedUpTo[16];
    for (int k = 0; k < 16; k++) {
        top[k] = (uint32_t)(thresholds[k < 7 ? k : 6] >> 21);
        nextTop[k] = (uint32_t)(thresholds[k + 1 < 7 ? k + 1 : 6] >> 21);
    }
    undecidedUpTo[0] = 0;
    for (int w = 1; w < 7; w++) undecidedUpTo[w] = top[w - 1];
    for (int w = 7; w < 16; w++) undecidedUpTo[w] = UINT32_MAX;
    const struct wide_draw c = {
        .tops = _mm512_loadu_si512(top),
        .nextTops = _mm512_loadu_si512(nextTop),
        .undecidedUpTo = _mm512_loadu_si512(undecidedUpTo),
        .fourth = _mm512_set1_epi32((int)top[3]),
        .one = _mm512_set1_epi32(1),
        .two = _mm512_set1_epi32(2),
        .four = _mm512_set1_epi32(4),
        .mix1 = _mm512_set1_epi64((long long)0xBF58476D1CE4E5B9ULL),
        .mix2 = _mm512_set1_epi64((long long)0x94D049BB133111EBULL),
        // The high halves of two vectors of eight 64-bit lanes, in replicate order.
        .highHalves = _mm512_set_epi32(31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1),
    };
    const __m512i step = _mm512_set1_epi64(16);
    const uint64_t first_sum = row_hash + 0x9E3779B97F4A7C15ULL;
    __m512i low = _mm512_add_epi64(_mm512_set1_epi64((long long)first_sum), _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0));
    __m512i high = _mm512_add_epi64(low, _mm512_set1_epi64(8));
    int b = 0;
    for (; b + 16 <= count; b += 16) {
        const __m512i weight = draw_sixteen(&c, low, high, row_hash, b, (__mmask16)0xFFFF, thresholds);
        if (kept) _mm512_storeu_si512((void *)(kept + b), weight);
        if (first) _mm512_storeu_si512((void *)(first + b), _mm512_add_epi32(_mm512_loadu_si512((const void *)(first + b)), weight));
        if (second) {
            _mm512_storeu_si512((void *)(second + b), _mm512_add_epi32(_mm512_loadu_si512((const void *)(second + b)), weight));
        }
        low = _mm512_add_epi64(low, step);
        high = _mm512_add_epi64(high, step);
    }
    if (b == count) return;
    // The lanes past `count` are drawn but neither kept nor added.
    const __mmask16 lanes = (__mmask16)((1u << (count - b)) - 1);
    const __m512i weight = draw_sixteen(&c, low, high, row_hash, b, lanes, thresholds);
    if (kept) _mm512_mask_storeu_epi32((void *)(kept + b), lanes, weight);
    if (first) {
        _mm512_mask_storeu_epi32(
            (void *)(first + b), lanes, _mm512_add_epi32(_mm512_maskz_loadu_epi32(lanes, (const void *)(first + b)), weight));
    }
    if (second) {
        _mm512_mask_storeu_epi32(
            (void *)(second + b), lanes, _mm512_add_epi32(_mm512_maskz_loadu_epi32(lanes, (const void *)(second + b)), weight));
    }
}
#endif

void predeval_poisson_draw(
    uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *kept, uint32_t *first, uint32_t *second) {
#if defined(__x86_64__)
    // The CPU's features, read by the runtime's constructor before main: one load each.
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
        draw_avx512(row_hash, count, thresholds, kept, first, second);
        return;
    }
#endif
    draw_scalar(row_hash, count, thresholds, kept, first, second);
}

void predeval_poisson_draw_portable(
    uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *kept, uint32_t *first, uint32_t *second) {
    draw_scalar(row_hash, count, thresholds, kept, first, second);
}
