/*
 * How fast can one step of the music LSTM's matrix-vector products go on this machine?
 *
 * A batch-1 step of the shipped 2×256 model multiplies four matrices by a vector: the first layer's recurrent
 * weights (1024×256), the second layer's input and recurrent weights (1024×512 side by side) and the output
 * projection (239×256) — 3.3 MB of float32 per step, read from L3. This program times them with OpenBLAS and with
 * hand-written AVX2 kernels over float32, float16 (F16C) and int8 weights (a scale per row), on one thread and split
 * by rows over two threads that meet at spinning barriers. It prints figures; docs/DECISIONS.md records them.
 *
 *   cc -O2 -mavx2 -mfma -mf16c -I/usr/include/x86_64-linux-gnu/openblas-pthread Benchmarks/matvec.c \
 *      -o /tmp/matvec -lopenblas -lpthread -lm && /tmp/matvec
 */
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cblas.h>

typedef struct {
    int rows, columns;
    float *f32, *scale;
    uint16_t *f16;
    int8_t *i8;
} Matrix;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static Matrix matrix(int rows, int columns) {
    Matrix m = {rows, columns, aligned_alloc(64, (size_t)rows * columns * 4), malloc(rows * 4),
                aligned_alloc(64, (size_t)rows * columns * 2), aligned_alloc(64, (size_t)rows * columns)};
    for (int r = 0; r < rows; r++) {
        float largest = 1e-9f;
        float *row = m.f32 + (size_t)r * columns;
        for (int c = 0; c < columns; c++) {
            row[c] = ((rand() % 2001) - 1000) / 10000.0f;
            largest = fmaxf(largest, fabsf(row[c]));
        }
        m.scale[r] = largest / 127;
        for (int c = 0; c < columns; c++) m.i8[(size_t)r * columns + c] = (int8_t)lrintf(row[c] / m.scale[r]);
        for (int c = 0; c < columns; c += 8)
            _mm_storeu_si128((__m128i *)(m.f16 + (size_t)r * columns + c), _mm256_cvtps_ph(_mm256_loadu_ps(row + c), 0));
    }
    return m;
}

static inline float sum8(__m256 v) {
    __m128 a = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_hadd_ps(a, a);
    a = _mm_hadd_ps(a, a);
    return _mm_cvtss_f32(a);
}

/* Four rows at a time; each kernel differs only in how it turns eight stored weights into eight floats. The rows
 * past `last` in the final group repeat row `r` and are not stored. */
#define KERNEL(name, TYPE, FIELD, LOAD, SCALE)                                                          \
    static void name(const Matrix *m, const float *x, float *y, int first, int last) {                 \
        int n = m->columns;                                                                            \
        for (int r = first; r < last; r += 4) {                                                        \
            const TYPE *w0 = m->FIELD + (size_t)r * n;                                                 \
            const TYPE *w1 = r + 1 < last ? w0 + n : w0, *w2 = r + 2 < last ? w0 + 2 * n : w0;         \
            const TYPE *w3 = r + 3 < last ? w0 + 3 * n : w0;                                           \
            __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;                                \
            for (int c = 0; c < n; c += 8) {                                                           \
                __m256 v = _mm256_loadu_ps(x + c);                                                     \
                a0 = _mm256_fmadd_ps(LOAD(w0 + c), v, a0);                                             \
                a1 = _mm256_fmadd_ps(LOAD(w1 + c), v, a1);                                             \
                a2 = _mm256_fmadd_ps(LOAD(w2 + c), v, a2);                                             \
                a3 = _mm256_fmadd_ps(LOAD(w3 + c), v, a3);                                             \
            }                                                                                          \
            float sums[4] = {sum8(a0), sum8(a1), sum8(a2), sum8(a3)};                                  \
            for (int k = 0; k < 4 && r + k < last; k++) y[r + k] = sums[k] * SCALE;                   \
        }                                                                                              \
    }
#define LOAD_F32(p) _mm256_loadu_ps(p)
#define LOAD_F16(p) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(p)))
#define LOAD_I8(p) _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(p))))
KERNEL(kernel_f32, float, f32, LOAD_F32, 1.0f)
KERNEL(kernel_f16, uint16_t, f16, LOAD_F16, 1.0f)
KERNEL(kernel_i8, int8_t, i8, LOAD_I8, m->scale[r + k])

typedef void (*Kernel)(const Matrix *, const float *, float *, int, int);

static Matrix recurrent1, layer2, projection;
static float h1[256], h12[512], gates1[1024], gates2[1024], logits[239];

/* Stage s of a step, rows [part/parts, (part+1)/parts) of its matrix. */
static void stage(Kernel kernel, int s, int part, int parts) {
    const Matrix *m = s == 0 ? &recurrent1 : s == 1 ? &layer2 : &projection;
    const float *x = s == 1 ? h12 : h1;
    float *y = s == 0 ? gates1 : s == 1 ? gates2 : logits;
    int first = m->rows * part / parts / 4 * 4, last = part + 1 == parts ? m->rows : m->rows * (part + 1) / parts / 4 * 4;
    kernel(m, x, y, first, last);
}

static atomic_int posted, finished, quit;
static Kernel shared_kernel;

static void *helper(void *unused) {
    (void)unused;
    int seen = 0;
    for (;;) {
        int ticket;
        while ((ticket = atomic_load_explicit(&posted, memory_order_acquire)) == seen)
            if (atomic_load(&quit)) return NULL; else _mm_pause();
        stage(shared_kernel, ticket % 3, 1, 2);
        seen = ticket;
        atomic_store_explicit(&finished, ticket, memory_order_release);
    }
}

int main(void) {
    srand(1);
    openblas_set_num_threads(1);
    recurrent1 = matrix(1024, 256);
    layer2 = matrix(1024, 512);
    projection = matrix(239, 256);
    for (int i = 0; i < 512; i++) h12[i] = (i % 7) / 7.0f - 0.5f;
    for (int i = 0; i < 256; i++) h1[i] = h12[i];
    const int steps = 20000;
    Kernel kernels[3] = {kernel_f32, kernel_f16, kernel_i8};
    const char *names[3] = {"float32", "float16", "int8"};
    double best[7];
    for (int i = 0; i < 7; i++) best[i] = 1e9;
    pthread_t thread;
    pthread_create(&thread, NULL, helper, NULL);
    int ticket = 0;
    for (int round = 0; round < 5; round++) {
        double start = now();
        for (int n = 0; n < steps; n++) {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, 1024, 256, 1, recurrent1.f32, 256, h1, 1, 0, gates1, 1);
            cblas_sgemv(CblasRowMajor, CblasNoTrans, 1024, 512, 1, layer2.f32, 512, h12, 1, 0, gates2, 1);
            cblas_sgemv(CblasRowMajor, CblasNoTrans, 239, 256, 1, projection.f32, 256, h1, 1, 0, logits, 1);
        }
        best[0] = fmin(best[0], (now() - start) * 1e3 / steps);
        for (int k = 0; k < 3; k++) {
            start = now();
            for (int n = 0; n < steps; n++)
                for (int s = 0; s < 3; s++) stage(kernels[k], s, 0, 1);
            best[1 + k] = fmin(best[1 + k], (now() - start) * 1e3 / steps);
        }
        for (int k = 0; k < 3; k++) {
            shared_kernel = kernels[k];
            start = now();
            for (int n = 0; n < steps; n++)
                for (int s = 0; s < 3; s++) {
                    do ticket++; while (ticket % 3 != s);
                    atomic_store_explicit(&posted, ticket, memory_order_release);
                    stage(kernels[k], s, 0, 2);
                    while (atomic_load_explicit(&finished, memory_order_acquire) != ticket) _mm_pause();
                }
            best[4 + k] = fmin(best[4 + k], (now() - start) * 1e3 / steps);
        }
    }
    atomic_store(&quit, 1);
    pthread_join(thread, NULL);
    printf("one step's matrix-vector products (fastest of 5 rounds of %d):\n", steps);
    printf("  OpenBLAS sgemv, float32, one thread  %.4f ms\n", best[0]);
    for (int k = 0; k < 3; k++) printf("  AVX2 kernel, %-8s one thread     %.4f ms\n", names[k], best[1 + k]);
    for (int k = 0; k < 3; k++) printf("  AVX2 kernel, %-8s two threads    %.4f ms\n", names[k], best[4 + k]);
    return 0;
}
