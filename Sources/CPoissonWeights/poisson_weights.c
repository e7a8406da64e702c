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

/// The weight of a draw of 53 bits: how many thresholds it reaches, from `known` on (at most 20).
static inline uint32_t poisson_from(uint64_t bits, uint32_t known, const uint64_t *thresholds) {
    uint32_t weight = known;
    while (weight < 20 && bits >= thresholds[weight]) weight += 1;
    return weight;
}

static void weights_scalar(uint64_t row_hash, int from, int count, const uint64_t *thresholds, uint32_t *weights) {
    const uint64_t first = thresholds[0], second = thresholds[1], third = thresholds[2], fourth = thresholds[3];
    for (int b = from; b < count; b++) {
        const uint64_t bits = splitmix64(row_hash + (uint64_t)b) >> 11;
        // The first four thresholds without a branch (they rise); the rest, 1.9 % of draws, one by one.
        uint32_t weight = (uint32_t)(bits >= first) + (uint32_t)(bits >= second) + (uint32_t)(bits >= third)
            + (uint32_t)(bits >= fourth);
        if (__builtin_expect(weight == 4, 0)) weight = poisson_from(bits, 4, thresholds);
        weights[b] = weight;
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq")))
static void weights_avx512(uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *weights) {
    const __m512i one = _mm512_set1_epi64(1);
    const __m512i step = _mm512_set1_epi64(8);
    __m512i reached[8];
    for (int k = 0; k < 8; k++) reached[k] = _mm512_set1_epi64((long long)thresholds[k]);
    const __m512i golden = _mm512_set1_epi64((long long)0x9E3779B97F4A7C15ULL);
    const __m512i mix1 = _mm512_set1_epi64((long long)0xBF58476D1CE4E5B9ULL);
    const __m512i mix2 = _mm512_set1_epi64((long long)0x94D049BB133111EBULL);
    // splitmix64(row_hash + b) for b = 0 ..< 8, then 8 more each round.
    __m512i input = _mm512_add_epi64(_mm512_set1_epi64((long long)row_hash), _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0));
    int b = 0;
    for (; b + 8 <= count; b += 8) {
        __m512i z = _mm512_add_epi64(input, golden);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), mix1);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), mix2);
        const __m512i bits = _mm512_srli_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 31)), 11);
        // The thresholds rise, so each lane's weight is how many of the first eight it reaches,
        // without a branch; one draw in about 10^5 reaches the eighth.
        __m512i weight = _mm512_maskz_mov_epi64(_mm512_cmpge_epu64_mask(bits, reached[0]), one);
        for (int k = 1; k < 8; k++) {
            weight = _mm512_mask_add_epi64(weight, _mm512_cmpge_epu64_mask(bits, reached[k]), weight, one);
        }
        _mm256_storeu_si256((__m256i *)(weights + b), _mm512_cvtepi64_epi32(weight));
        const __mmask8 past = _mm512_cmpge_epu64_mask(bits, reached[7]);
        if (__builtin_expect(past != 0, 0)) {
            uint64_t lanes[8];
            _mm512_storeu_si512((void *)lanes, bits);
            for (int lane = 0; lane < 8; lane++) {
                if (past & (1u << lane)) weights[b + lane] = poisson_from(lanes[lane], 8, thresholds);
            }
        }
        input = _mm512_add_epi64(input, step);
    }
    weights_scalar(row_hash, b, count, thresholds, weights);
}
#endif

void predeval_poisson_weights(uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *weights) {
#if defined(__x86_64__)
    // The CPU's features, read by the runtime's constructor before main: one load each.
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
        weights_avx512(row_hash, count, thresholds, weights);
        return;
    }
#endif
    weights_scalar(row_hash, 0, count, thresholds, weights);
}

void predeval_poisson_weights_portable(uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *weights) {
    weights_scalar(row_hash, 0, count, thresholds, weights);
}
