// The addon's GELU loop with glibc's erff, scalar and vectorized through libmvec
// (docs/bench/blas.md, "Memory"): ns per element and the largest error of Φ(x) against
// double-precision erf over x in [-10, 10).
//   gcc -O2 -std=c11 docs/bench/erf-simd.c -o /tmp/erf-scalar -lm && /tmp/erf-scalar
//   gcc -O3 -fopenmp-simd -std=c11 -DVECTOR docs/bench/erf-simd.c -o /tmp/erf-vector -lm && /tmp/erf-vector
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef VECTOR
float erff(float) __attribute__((simd("notinbranch")));
#endif

__attribute__((noinline)) static void gelu(const float* x, float* y, float* c, long n) {
#pragma omp simd
  for (long i = 0; i < n; i++) {
    float cc = 0.5f + 0.5f * erff(x[i] * (float)M_SQRT1_2);
    c[i] = cc;
    y[i] = x[i] * cc;
  }
}

int main(void) {
  long n = 1 << 22;
  float *x = malloc(4 * n), *y = malloc(4 * n), *c = malloc(4 * n);
  for (long i = 0; i < n; i++) x[i] = (float)((i % 20000) - 10000) / 1000.0f;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int r = 0; r < 10; r++) gelu(x, y, c, n);
  clock_gettime(CLOCK_MONOTONIC, &b);
  double worst = 0;
  for (long i = 0; i < n; i++) {
    double e = fabs(c[i] - (0.5 + 0.5 * erf(x[i] * M_SQRT1_2)));
    if (e > worst) worst = e;
  }
  printf("%.2f ns an element, largest |error| of Phi %.3g\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / (10.0 * n), worst);
  return 0;
}
