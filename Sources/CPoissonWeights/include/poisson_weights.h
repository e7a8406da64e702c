#ifndef PREDEVAL_POISSON_WEIGHTS_H
#define PREDEVAL_POISSON_WEIGHTS_H

#include <stdint.h>

/// Design §6's bootstrap weights of one row, for replicates 0 ..< count: the weight w_b is the
/// least k (at most 20) with u_b < P(X <= k), X ~ Poisson(1), where u_b's 53 bits are
/// splitmix64(row_hash + b) >> 11 and thresholds[k] (k = 0 ..< 20) is the least 53-bit integer n
/// with n * 2^-53 >= P(X <= k).
///
/// Each pointer may be NULL: kept[b] = w_b, first[b] += w_b, second[b] += w_b (counts of
/// `count` replicates), so that a row's weights go straight into the counts they add to. On a
/// CPU with AVX-512 (F and DQ) sixteen replicates are drawn at once; elsewhere one by one. Both
/// give the same weights, bit for bit.
void predeval_poisson_draw(
    uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *kept, uint32_t *first, uint32_t *second);

/// The same as predeval_poisson_draw one replicate at a time, whatever the CPU (what CPUs without
/// AVX-512 run): for tests that both paths agree.
void predeval_poisson_draw_portable(
    uint64_t row_hash, int count, const uint64_t *thresholds, uint32_t *kept, uint32_t *first, uint32_t *second);

#endif
