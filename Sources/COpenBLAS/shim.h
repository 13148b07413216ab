#ifndef CAMXUC_COPENBLAS_SHIM_H
#define CAMXUC_COPENBLAS_SHIM_H

#include <cblas.h>

/* Batch-1 inference is fastest on one thread; set it explicitly rather than trusting the environment. */
static inline void camxuc_blas_set_threads(int n) { openblas_set_num_threads(n); }

#endif
