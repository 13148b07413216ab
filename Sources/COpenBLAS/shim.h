#ifndef CAMXUC_COPENBLAS_SHIM_H
#define CAMXUC_COPENBLAS_SHIM_H

#include <cblas.h>
#include <immintrin.h>

/* Batch-1 inference is fastest on one thread; set it explicitly rather than trusting the environment. */
static inline void camxuc_blas_set_threads(int n) { openblas_set_num_threads(n); }

/* Whether this CPU has AVX2 and FMA (the kernel below), asked once. */
static inline int camxuc_has_avx2_fma(void) {
    static int answer = -1;
    if (answer < 0) {
        __builtin_cpu_init();
        answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return answer;
}

/* The sum of the eight lanes of a. */
__attribute__((target("avx2,fma"))) static inline float camxuc_sum8(__m256 a) {
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    h = _mm_hadd_ps(h, h);
    h = _mm_hadd_ps(h, h);
    return _mm_cvtss_f32(h);
}

/*
 * y[b][r] (+)= W[r] · x[b] for b < batch (1–4), W row-major [rows, columns]: each weight row is read once for all
 * the inputs, which is what makes the guided stream's two rows cheap (the step is bound by reading the weights).
 * Each input's sum is formed in the same order whatever the batch, so a row's result does not depend on the others.
 * Needs AVX2 and FMA (camxuc_has_avx2_fma).
 */
__attribute__((target("avx2,fma"))) static inline void camxuc_matvec_avx2(
    const float *w, int rows, int columns, const float *x, int xstride, int batch, float *y, int ystride,
    int accumulate) {
    for (int r = 0; r < rows; r++) {
        const float *row = w + (size_t)r * columns;
        __m256 lo[4], hi[4];
        for (int b = 0; b < 4; b++) { lo[b] = _mm256_setzero_ps(); hi[b] = _mm256_setzero_ps(); }
        int c = 0;
        for (; c + 16 <= columns; c += 16) {
            __m256 w0 = _mm256_loadu_ps(row + c), w1 = _mm256_loadu_ps(row + c + 8);
            for (int b = 0; b < batch; b++) {
                const float *xb = x + (size_t)b * xstride;
                lo[b] = _mm256_fmadd_ps(w0, _mm256_loadu_ps(xb + c), lo[b]);
                hi[b] = _mm256_fmadd_ps(w1, _mm256_loadu_ps(xb + c + 8), hi[b]);
            }
        }
        for (int b = 0; b < batch; b++) {
            const float *xb = x + (size_t)b * xstride;
            float sum = camxuc_sum8(_mm256_add_ps(lo[b], hi[b]));
            for (int k = c; k < columns; k++) sum += row[k] * xb[k];
            float *out = y + (size_t)b * ystride + r;
            *out = accumulate ? *out + sum : sum;
        }
    }
}

#endif
