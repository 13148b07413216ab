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

/* Whether this CPU converts half-precision floats in hardware (F16C), asked once. */
static inline int camxuc_has_f16c(void) {
    static int answer = -1;
    if (answer < 0) {
        __builtin_cpu_init();
        answer = __builtin_cpu_supports("avx") && __builtin_cpu_supports("f16c");
    }
    return answer;
}

/* count half-precision floats (their bits, little-endian, unaligned) at src as floats at dst. The conversion is exact,
 * as the software one (__extendhfsf2) the compiler calls otherwise, which made loading the models' float16 weights
 * a fifth of a model's load time. Needs F16C (camxuc_has_f16c). */
__attribute__((target("avx,f16c"))) static inline void camxuc_f16_to_f32(const void *src, float *dst, long count) {
    const unsigned char *bytes = (const unsigned char *)src;
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m128i half = _mm_loadu_si128((const __m128i *)(bytes + 2 * i));
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(half));
    }
    for (; i < count; i++) {
        unsigned short bits = (unsigned short)(bytes[2 * i] | (bytes[2 * i + 1] << 8));
        dst[i] = _cvtsh_ss(bits);
    }
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
