// @jepa-lab/blas: single-precision GEMM/GEMV from the system's CBLAS (OpenBLAS on
// Linux, Accelerate on macOS), and the exact GELU and LayerNorm's normalisation with
// their gradients, on float32 data that lives in a JavaScript-owned buffer — in
// practice the WebAssembly.Memory heap of tfjs-backend-wasm, so nothing is copied.
// Every call re-reads the view it is given (a grown wasm memory replaces its
// buffer) and checks every range against it.
#define _GNU_SOURCE
#ifndef _WIN32
#include <dlfcn.h>
#endif
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __APPLE__
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

// glibc's libmvec (x86-64, glibc 2.35 and later) has 4-, 8- and 16-wide erff and expf: declared callable
// from vectorized loops, the GELU loops below vectorize (-fopenmp-simd), several times faster than
// scalar erff and as accurate (docs/bench/blas.md, "Memory"). Elsewhere: scalar calls.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
float erff(float) __attribute__((simd("notinbranch")));
float expf(float) __attribute__((simd("notinbranch")));
#define VECTOR_LOOP _Pragma("omp simd")
#else
#define VECTOR_LOOP
#endif

// The elementwise loops below are compiled for AVX-512, AVX2 and the baseline, picked at load
// time (GCC's target_clones, through glibc's ifunc), so that one build runs everywhere and uses
// the widest vectors the machine has. Elsewhere: the baseline only.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__)
#define WIDEST __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define WIDEST
#endif

#define CHECK(call)                                                         \
  do {                                                                      \
    if ((call) != napi_ok) {                                                \
      napi_throw_error(env, NULL, "@jepa-lab/blas: N-API call failed: " #call); \
      return NULL;                                                          \
    }                                                                       \
  } while (0)

static napi_value throw_range(napi_env env, const char* msg) {
  napi_throw_range_error(env, "ERR_JEPA_BLAS_RANGE", msg);
  return NULL;
}

/** The bytes behind a TypedArray, DataView or ArrayBuffer (SharedArrayBuffer views included). */
static int buffer_of(napi_env env, napi_value v, uint8_t** data, size_t* len) {
  bool is;
  if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
    napi_typedarray_type type;
    size_t length, offset;
    napi_value ab;
    void* p;
    if (napi_get_typedarray_info(env, v, &type, &length, &p, &ab, &offset) != napi_ok) return 0;
    size_t elem = 1;
    switch (type) {
      case napi_int16_array: case napi_uint16_array: elem = 2; break;
      case napi_int32_array: case napi_uint32_array: case napi_float32_array: elem = 4; break;
      case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: elem = 8; break;
      default: elem = 1;
    }
    *data = (uint8_t*)p;
    *len = length * elem;
    return p != NULL || length == 0;
  }
  if (napi_is_arraybuffer(env, v, &is) == napi_ok && is) {
    void* p;
    if (napi_get_arraybuffer_info(env, v, &p, len) != napi_ok) return 0;
    *data = (uint8_t*)p;
    return 1;
  }
  return 0;
}

/** A non-negative integer argument below 2^53 (byte offsets into heaps of several GB). */
static int get_index(napi_env env, napi_value v, int64_t* out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) return 0;
  if (!(d >= 0 && d <= 9007199254740991.0) || d != floor(d)) return 0;
  *out = (int64_t)d;
  return 1;
}

/** [off, off + 4·count) lies inside a buffer of len bytes, off 4-aligned. */
static int in_bounds(int64_t off, int64_t count, size_t len) {
  if (off % 4 != 0) return 0;
  if ((uint64_t)off > len) return 0;
  return (uint64_t)count <= (len - (uint64_t)off) / 4;
}

static int overlaps(int64_t a, int64_t an, int64_t b, int64_t bn) {
  return an > 0 && bn > 0 && a < b + 4 * bn && b < a + 4 * an;
}

enum { ACT_LINEAR = 0, ACT_RELU = 1, ACT_RELU6 = 2, ACT_LEAKYRELU = 3, ACT_SIGMOID = 4, ACT_ELU = 5 };

/** C[rows×n] += bias (one value, or one per column): one vector loop per row. */
WIDEST static void add_bias(float* C, int64_t rows, int64_t n, const float* bias, int64_t biasLen) {
  if (biasLen == 1) {
    const float b = bias[0];
    _Pragma("omp simd") for (int64_t i = 0; i < rows * n; i++) C[i] += b;
    return;
  }
  for (int64_t r = 0; r < rows; r++) {
    float* row = C + r * n;
    _Pragma("omp simd") for (int64_t j = 0; j < n; j++) row[j] += bias[j];
  }
}

/** The fused activation over count values, one loop per kind (a switch per value keeps the loop scalar). */
WIDEST static void activate(float* x, int64_t count, int act, float alpha) {
  switch (act) {
    case ACT_RELU: _Pragma("omp simd") for (int64_t i = 0; i < count; i++) x[i] = x[i] > 0 ? x[i] : 0; break;
    case ACT_RELU6: _Pragma("omp simd") for (int64_t i = 0; i < count; i++) x[i] = x[i] < 0 ? 0 : (x[i] > 6 ? 6 : x[i]); break;
    case ACT_LEAKYRELU: _Pragma("omp simd") for (int64_t i = 0; i < count; i++) x[i] = x[i] < 0 ? alpha * x[i] : x[i]; break;
    case ACT_SIGMOID: VECTOR_LOOP for (int64_t i = 0; i < count; i++) x[i] = 1.0f / (1.0f + expf(-x[i])); break;
    case ACT_ELU: VECTOR_LOOP for (int64_t i = 0; i < count; i++) x[i] = x[i] >= 0 ? x[i] : expf(x[i]) - 1.0f; break;
    default: break;
  }
}

/**
 * sgemm(heap, transA, transB, m, n, k, batch, aOff, aStride, bOff, bStride, cOff, biasOff, biasLen, act, alpha)
 *
 * For i < batch: C_i[m×n] = op(A_i)·op(B_i), row-major, with A_i at byte aOff + 4·i·aStride
 * (aStride 0 broadcasts one A over the batch; likewise B), C_i at cOff + 4·i·m·n. Then, when
 * biasOff ≥ 0, adds bias (biasLen 1: a scalar, or n: one value per column) and applies the
 * activation act (0 linear, 1 relu, 2 relu6, 3 leaky relu with slope alpha, 4 sigmoid, 5 elu).
 */
static napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 16;
  napi_value argv[16];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 16) return throw_range(env, "sgemm takes 16 arguments (heap, transA, transB, m, n, k, batch, aOff, aStride, bOff, bStride, cOff, biasOff, biasLen, act, alpha)");
  uint8_t* heap;
  size_t len;
  if (!buffer_of(env, argv[0], &heap, &len)) return throw_range(env, "sgemm: the heap must be a TypedArray or ArrayBuffer that is not detached");
  int64_t v[13];
  static const char* names[13] = {"transA", "transB", "m", "n", "k", "batch", "aOff", "aStride", "bOff", "bStride", "cOff", "biasLen", "act"};
  const int idx[13] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14};
  for (int i = 0; i < 13; i++) {
    if (!get_index(env, argv[idx[i]], &v[i])) {
      char msg[160];
      snprintf(msg, sizeof msg, "sgemm: %s must be a non-negative integer", names[i]);
      return throw_range(env, msg);
    }
  }
  int64_t transA = v[0], transB = v[1], m = v[2], n = v[3], k = v[4], batch = v[5];
  int64_t aOff = v[6], aStride = v[7], bOff = v[8], bStride = v[9], cOff = v[10], biasLen = v[11], act = v[12];
  double biasD, alphaD;
  CHECK(napi_get_value_double(env, argv[12], &biasD));
  CHECK(napi_get_value_double(env, argv[15], &alphaD));
  const int64_t limit = 0x7fffffff; // CBLAS dimensions are 32-bit ints here
  if (m < 1 || n < 1 || k < 1 || batch < 1 || m > limit || n > limit || k > limit || batch > limit)
    return throw_range(env, "sgemm: m, n, k and batch must be in [1, 2^31)");
  if (act > ACT_ELU) return throw_range(env, "sgemm: act must be 0..5 (linear, relu, relu6, leakyrelu, sigmoid, elu)");
  // element counts in double first: no int64 overflow for any argument below 2^53
  const double big = 4503599627370496.0; // 2^52
  double aCountD = (double)(batch - 1) * (double)aStride + (double)m * (double)k;
  double bCountD = (double)(batch - 1) * (double)bStride + (double)k * (double)n;
  double cCountD = (double)batch * (double)m * (double)n;
  if (aCountD > big || bCountD > big || cCountD > big) return throw_range(env, "sgemm: the matrices are larger than any heap");
  int64_t aCount = (int64_t)aCountD, bCount = (int64_t)bCountD, cCount = (int64_t)cCountD;
  if (!in_bounds(aOff, aCount, len)) return throw_range(env, "sgemm: A is outside the heap (or not 4-byte aligned)");
  if (!in_bounds(bOff, bCount, len)) return throw_range(env, "sgemm: B is outside the heap (or not 4-byte aligned)");
  if (!in_bounds(cOff, cCount, len)) return throw_range(env, "sgemm: C is outside the heap (or not 4-byte aligned)");
  if (overlaps(cOff, cCount, aOff, aCount) || overlaps(cOff, cCount, bOff, bCount)) return throw_range(env, "sgemm: C overlaps A or B");
  const float* bias = NULL;
  if (biasD >= 0) {
    if (biasD != floor(biasD) || (biasLen != 1 && biasLen != n)) return throw_range(env, "sgemm: the bias must hold 1 or n values");
    if (!in_bounds((int64_t)biasD, biasLen, len)) return throw_range(env, "sgemm: the bias is outside the heap (or not 4-byte aligned)");
    if (overlaps(cOff, cCount, (int64_t)biasD, biasLen)) return throw_range(env, "sgemm: C overlaps the bias");
    bias = (const float*)(heap + (int64_t)biasD);
  }
  const float* A = (const float*)(heap + aOff);
  const float* B = (const float*)(heap + bOff);
  float* C = (float*)(heap + cOff);
  const int lda = (int)(transA ? m : k), ldb = (int)(transB ? k : n);
  for (int64_t i = 0; i < batch; i++)
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k, 1.0f,
                A + i * aStride, lda, B + i * bStride, ldb, 0.0f, C + i * m * n, (int)n);
  if (bias != NULL) add_bias(C, batch * m, n, bias, biasLen);
  if (act != ACT_LINEAR) activate(C, batch * m * n, (int)act, (float)alphaD);
  return NULL;
}

/** sgemv(heap, rows, cols, aOff, xOff, yOff): y[rows] = A[rows×cols]·x[cols], row-major, float32. */
static napi_value Sgemv(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 6) return throw_range(env, "sgemv takes 6 arguments (heap, rows, cols, aOff, xOff, yOff)");
  uint8_t* heap;
  size_t len;
  if (!buffer_of(env, argv[0], &heap, &len)) return throw_range(env, "sgemv: the heap must be a TypedArray or ArrayBuffer that is not detached");
  int64_t v[5];
  for (int i = 0; i < 5; i++)
    if (!get_index(env, argv[i + 1], &v[i])) return throw_range(env, "sgemv: rows, cols and the offsets must be non-negative integers");
  int64_t rows = v[0], cols = v[1], aOff = v[2], xOff = v[3], yOff = v[4];
  if (rows < 1 || cols < 1 || rows > 0x7fffffff || cols > 0x7fffffff || (double)rows * (double)cols > 4503599627370496.0) return throw_range(env, "sgemv: rows and cols must be in [1, 2^31)");
  if (!in_bounds(aOff, rows * cols, len) || !in_bounds(xOff, cols, len) || !in_bounds(yOff, rows, len))
    return throw_range(env, "sgemv: A, x or y is outside the heap (or not 4-byte aligned)");
  if (overlaps(yOff, rows, aOff, rows * cols) || overlaps(yOff, rows, xOff, cols)) return throw_range(env, "sgemv: y overlaps A or x");
  cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)rows, (int)cols, 1.0f, (const float*)(heap + aOff), (int)cols,
              (const float*)(heap + xOff), 1, 0.0f, (float*)(heap + yOff), 1);
  return NULL;
}

/** Reads n-element float32 ranges of a call's arguments 1.. (byte offsets) into ptrs, checked against the heap. */
static int float_ranges(napi_env env, napi_value* argv, int first, int count, uint8_t* heap, size_t len, int64_t n, float** ptrs, const char* name) {
  for (int i = 0; i < count; i++) {
    int64_t off;
    if (!get_index(env, argv[first + i], &off) || !in_bounds(off, n, len)) {
      char msg[160];
      snprintf(msg, sizeof msg, "%s: argument %d is outside the heap (or not 4-byte aligned)", name, first + i);
      throw_range(env, msg);
      return 0;
    }
    ptrs[i] = (float*)(heap + off);
  }
  return 1;
}

WIDEST static void gelu_loop(const float* x, float* y, float* cdf, int64_t n) {
  VECTOR_LOOP
  for (int64_t i = 0; i < n; i++) {
    float c = 0.5f + 0.5f * erff(x[i] * (float)M_SQRT1_2);
    cdf[i] = c;
    y[i] = x[i] * c;
  }
}

WIDEST static void gelu_grad_loop(const float* x, const float* cdf, const float* dy, float* dx, int64_t n) {
  const float inv_sqrt_2pi = 0.3989422804014327f;
  VECTOR_LOOP
  for (int64_t i = 0; i < n; i++) {
    float v = x[i];
    dx[i] = dy[i] * (cdf[i] + v * inv_sqrt_2pi * expf(-0.5f * v * v));
  }
}

/**
 * gelu(heap, n, xOff, yOff, cdfOff): cdf = Φ(x) = ½(1 + erf(x/√2)) and y = x·Φ(x), the exact GELU
 * in one pass (the wasm backend's Erf is a scalar loop, and the composite takes five kernels).
 */
static napi_value Gelu(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t* heap;
  size_t len;
  int64_t n;
  if (argc != 5 || !buffer_of(env, argv[0], &heap, &len) || !get_index(env, argv[1], &n)) return throw_range(env, "gelu takes (heap, n, xOff, yOff, cdfOff)");
  float* p[3];
  if (!float_ranges(env, argv, 2, 3, heap, len, n, p, "gelu")) return NULL;
  gelu_loop(p[0], p[1], p[2], n);
  return NULL;
}

/** geluGrad(heap, n, xOff, cdfOff, dyOff, dxOff): dx = dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π). */
static napi_value GeluGrad(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t* heap;
  size_t len;
  int64_t n;
  if (argc != 6 || !buffer_of(env, argv[0], &heap, &len) || !get_index(env, argv[1], &n)) return throw_range(env, "geluGrad takes (heap, n, xOff, cdfOff, dyOff, dxOff)");
  float* p[4];
  if (!float_ranges(env, argv, 2, 4, heap, len, n, p, "geluGrad")) return NULL;
  gelu_grad_loop(p[0], p[1], p[2], p[3], n);
  return NULL;
}

WIDEST static void layer_norm_rows(const float* x0, float* xh0, float* rstd, int64_t rows, int64_t cols, double eps) {
  for (int64_t i = 0; i < rows; i++) {
    const float* x = x0 + i * cols;
    float* xh = xh0 + i * cols;
    double s = 0;
    _Pragma("omp simd reduction(+ : s)") for (int64_t j = 0; j < cols; j++) s += x[j];
    const double mean = s / (double)cols;
    double ss = 0;
    _Pragma("omp simd reduction(+ : ss)") for (int64_t j = 0; j < cols; j++) {
      const double c = x[j] - mean;
      ss += c * c;
    }
    const float r = (float)(1.0 / sqrt(ss / (double)cols + eps));
    rstd[i] = r;
    _Pragma("omp simd") for (int64_t j = 0; j < cols; j++) xh[j] = (float)(x[j] - mean) * r;
  }
}

WIDEST static void layer_norm_grad_rows(const float* xh0, const float* rstd, const float* dy0, float* dx0, int64_t rows, int64_t cols) {
  for (int64_t i = 0; i < rows; i++) {
    const float* xh = xh0 + i * cols;
    const float* dy = dy0 + i * cols;
    float* dx = dx0 + i * cols;
    double a = 0, b = 0;
    _Pragma("omp simd reduction(+ : a, b)") for (int64_t j = 0; j < cols; j++) {
      a += dy[j];
      b += (double)dy[j] * xh[j];
    }
    const float ma = (float)(a / (double)cols), mb = (float)(b / (double)cols), rs = rstd[i];
    _Pragma("omp simd") for (int64_t j = 0; j < cols; j++) dx[j] = (dy[j] - ma - xh[j] * mb) * rs;
  }
}

/**
 * layerNorm(heap, rows, cols, eps, xOff, xhatOff, rstdOff): per row of x [rows×cols],
 * rstd = 1/√(var + eps) (biased variance, as PyTorch) and xhat = (x − mean)·rstd; sums in double.
 */
static napi_value LayerNorm(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t* heap;
  size_t len;
  int64_t rows, cols;
  double eps;
  if (argc != 7 || !buffer_of(env, argv[0], &heap, &len) || !get_index(env, argv[1], &rows) || !get_index(env, argv[2], &cols) || cols < 1 ||
      napi_get_value_double(env, argv[3], &eps) != napi_ok || !(eps >= 0))
    return throw_range(env, "layerNorm takes (heap, rows, cols ≥ 1, eps ≥ 0, xOff, xhatOff, rstdOff)");
  if ((double)rows * (double)cols > 4503599627370496.0) return throw_range(env, "layerNorm: too many values");
  float* p[2];
  if (!float_ranges(env, argv, 4, 2, heap, len, rows * cols, p, "layerNorm")) return NULL;
  float* r[1];
  if (!float_ranges(env, argv, 6, 1, heap, len, rows, r, "layerNorm")) return NULL;
  layer_norm_rows(p[0], p[1], r[0], rows, cols, eps);
  return NULL;
}

/** layerNormGrad(heap, rows, cols, xhatOff, rstdOff, dyOff, dxOff): dx = rstd·(dy − mean(dy) − xhat·mean(dy·xhat)) per row. */
static napi_value LayerNormGrad(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t* heap;
  size_t len;
  int64_t rows, cols;
  if (argc != 7 || !buffer_of(env, argv[0], &heap, &len) || !get_index(env, argv[1], &rows) || !get_index(env, argv[2], &cols) || cols < 1)
    return throw_range(env, "layerNormGrad takes (heap, rows, cols ≥ 1, xhatOff, rstdOff, dyOff, dxOff)");
  if ((double)rows * (double)cols > 4503599627370496.0) return throw_range(env, "layerNormGrad: too many values");
  float* xh0[1];
  float* r[1];
  float* d[2];
  if (!float_ranges(env, argv, 3, 1, heap, len, rows * cols, xh0, "layerNormGrad") || !float_ranges(env, argv, 4, 1, heap, len, rows, r, "layerNormGrad") ||
      !float_ranges(env, argv, 5, 2, heap, len, rows * cols, d, "layerNormGrad"))
    return NULL;
  layer_norm_grad_rows(xh0[0], r[0], d[0], d[1], rows, cols);
  return NULL;
}

/**
 * rowSum(heap, rows, width, srcOff, dstOff): dst[j] = Σ_r src[r·width + j] (a sum over leading
 * axes: a bias's gradient). Rows are added four at a time in double and each partial sum rounded
 * to float32, in the order worker/backend/wasm-kernels.ts adds them, so that both give the same bits.
 */
WIDEST static void row_sum(const float* src, float* dst, int64_t rows, int64_t width) {
  for (int64_t j = 0; j < width; j++) dst[j] = 0;
  int64_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float *s0 = src + r * width, *s1 = s0 + width, *s2 = s1 + width, *s3 = s2 + width;
    _Pragma("omp simd") for (int64_t j = 0; j < width; j++)
      dst[j] = (float)((double)dst[j] + ((((double)s0[j] + (double)s1[j]) + (double)s2[j]) + (double)s3[j]));
  }
  for (; r < rows; r++) {
    const float* s0 = src + r * width;
    _Pragma("omp simd") for (int64_t j = 0; j < width; j++) dst[j] = (float)((double)dst[j] + (double)s0[j]);
  }
}

static napi_value RowSum(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t* heap;
  size_t len;
  int64_t rows, width;
  if (argc != 5 || !buffer_of(env, argv[0], &heap, &len) || !get_index(env, argv[1], &rows) || !get_index(env, argv[2], &width))
    return throw_range(env, "rowSum takes (heap, rows, width, srcOff, dstOff)");
  if ((double)rows * (double)width > 4503599627370496.0) return throw_range(env, "rowSum: too many values");
  float* src[1];
  float* dst[1];
  if (!float_ranges(env, argv, 3, 1, heap, len, rows * width, src, "rowSum") || !float_ranges(env, argv, 4, 1, heap, len, width, dst, "rowSum")) return NULL;
  if (overlaps((uint8_t*)src[0] - heap, rows * width, (uint8_t*)dst[0] - heap, width)) return throw_range(env, "rowSum: dst overlaps src");
  row_sum(src[0], dst[0], rows, width);
  return NULL;
}

/**
 * c[r·m + j] = a op b for r < rows, j < m, where each operand is either full (rows·m values) or
 * one row of m values repeated (a broadcast over leading axes). op: 0 add, 1 multiply, 2 subtract.
 * Each value is one float32 operation, as tfjs's kernels give it.
 */
// c[i] = A op B for i < n, one vector loop per op (A, B: expressions of i)
#define BINARY_LOOP(c, n, A, B)                                                          \
  switch (op) {                                                                        \
    case 0: _Pragma("omp simd") for (int64_t i = 0; i < (n); i++) (c)[i] = (A) + (B); break; \
    case 1: _Pragma("omp simd") for (int64_t i = 0; i < (n); i++) (c)[i] = (A) * (B); break; \
    default: _Pragma("omp simd") for (int64_t i = 0; i < (n); i++) (c)[i] = (A) - (B); break; \
  }

WIDEST static void binary_rows(int op, const float* a, int aFull, const float* b, int bFull, float* c, int64_t rows, int64_t m) {
  if (m == 1 && !bFull) {  // b a scalar: one loop over all values
    const float y = b[0];
    BINARY_LOOP(c, rows, a[i], y)
  } else if (m == 1 && !aFull) {
    const float x = a[0];
    BINARY_LOOP(c, rows, x, b[i])
  } else {
    for (int64_t r = 0; r < rows; r++) {
      const float* ar = aFull ? a + r * m : a;
      const float* br = bFull ? b + r * m : b;
      BINARY_LOOP(c + r * m, m, ar[i], br[i])
    }
  }
}

/** binary(heap, op, rows, m, aOff, aFull, bOff, bFull, cOff): see binary_rows (offsets in bytes). */
static napi_value Binary(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t* heap;
  size_t len;
  int64_t v[8];
  if (argc != 9 || !buffer_of(env, argv[0], &heap, &len)) return throw_range(env, "binary takes (heap, op, rows, m, aOff, aFull, bOff, bFull, cOff)");
  for (int i = 0; i < 8; i++)
    if (!get_index(env, argv[i + 1], &v[i])) return throw_range(env, "binary: op, rows, m, the offsets and the full flags must be non-negative integers");
  const int64_t op = v[0], rows = v[1], m = v[2], aOff = v[3], aFull = v[4], bOff = v[5], bFull = v[6], cOff = v[7];
  if (op > 2) return throw_range(env, "binary: op must be 0 (add), 1 (multiply) or 2 (subtract)");
  if ((double)rows * (double)m > 4503599627370496.0) return throw_range(env, "binary: too many values");
  const int64_t n = rows * m, an = aFull ? n : m, bn = bFull ? n : m;
  if (!in_bounds(aOff, an, len) || !in_bounds(bOff, bn, len) || !in_bounds(cOff, n, len)) return throw_range(env, "binary: an operand is outside the heap (or not 4-byte aligned)");
  if ((overlaps(cOff, n, aOff, an) && cOff != aOff) || (overlaps(cOff, n, bOff, bn) && cOff != bOff)) return throw_range(env, "binary: c overlaps a or b");
  binary_rows((int)op, (const float*)(heap + aOff), aFull != 0, (const float*)(heap + bOff), bFull != 0, (float*)(heap + cOff), rows, m);
  return NULL;
}

/** Softmax of each row of x [rows×n] in place (max subtracted; sums in double). */
WIDEST static void softmax_rows(float* x, int64_t rows, int64_t n) {
  for (int64_t i = 0; i < rows; i++) {
    float* r = x + i * n;
    float mx = r[0];
    for (int64_t j = 1; j < n; j++) mx = r[j] > mx ? r[j] : mx;
    VECTOR_LOOP for (int64_t j = 0; j < n; j++) r[j] = expf(r[j] - mx);
    double sum = 0;
    _Pragma("omp simd reduction(+ : sum)") for (int64_t j = 0; j < n; j++) sum += r[j];
    const float inv = (float)(1.0 / sum);
    _Pragma("omp simd") for (int64_t j = 0; j < n; j++) r[j] *= inv;
  }
}

/** dS = scale · P ⊙ (dP − rowsum(dP ⊙ P)), in place over dP, rows of n: softmax's backward, then the scores' scale. */
WIDEST static void softmax_grad_rows(const float* p, float* dp, int64_t rows, int64_t n, float scale) {
  for (int64_t i = 0; i < rows; i++) {
    const float* pr = p + i * n;
    float* d = dp + i * n;
    double s = 0;
    _Pragma("omp simd reduction(+ : s)") for (int64_t j = 0; j < n; j++) s += (double)d[j] * pr[j];
    const float sf = (float)s;
    _Pragma("omp simd") for (int64_t j = 0; j < n; j++) d[j] = scale * (pr[j] * (d[j] - sf));
  }
}

/** The attention call's sizes and ranges, read and checked (see Attention). */
typedef struct {
  int64_t B, K, H, hd, D;
  float scale;
  float* p[4];
} AttentionArgs;

static int attention_args(napi_env env, napi_callback_info info, int outputs, AttentionArgs* a, const char* name) {
  size_t argc = 10;
  napi_value argv[10];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  uint8_t* heap;
  size_t len;
  int64_t v[4];
  double scale;
  char msg[200];
  if (argc != (size_t)(6 + outputs) || !buffer_of(env, argv[0], &heap, &len) || napi_get_value_double(env, argv[5], &scale) != napi_ok) {
    snprintf(msg, sizeof msg, "%s takes (heap, batch, tokens, heads, headDim, scale, %s)", name, outputs == 3 ? "qkvOff, yOff, probsOff" : "qkvOff, probsOff, dyOff, dqkvOff");
    throw_range(env, msg);
    return 0;
  }
  for (int i = 0; i < 4; i++)
    if (!get_index(env, argv[1 + i], &v[i]) || v[i] < 1 || v[i] > 0x7fffffff) {
      snprintf(msg, sizeof msg, "%s: batch, tokens, heads and headDim must be integers in [1, 2^31)", name);
      throw_range(env, msg);
      return 0;
    }
  a->B = v[0], a->K = v[1], a->H = v[2], a->hd = v[3], a->D = v[2] * v[3], a->scale = (float)scale;
  if ((double)a->B * (double)a->H * (double)a->K * (double)a->K > 4503599627370496.0 || (double)a->B * (double)a->K * 3.0 * (double)a->D > 4503599627370496.0) {
    snprintf(msg, sizeof msg, "%s: too many values", name);
    throw_range(env, msg);
    return 0;
  }
  const int64_t qkv = a->B * a->K * 3 * a->D, y = a->B * a->K * a->D, probs = a->B * a->H * a->K * a->K;
  // forward: qkv, y, probs; backward: qkv, probs, dy, dqkv
  const int64_t counts[2][4] = {{qkv, y, probs, 0}, {qkv, probs, y, qkv}};
  const int64_t* c = counts[outputs == 3 ? 0 : 1];
  const int n = outputs == 3 ? 3 : 4;
  int64_t off[4];
  for (int i = 0; i < n; i++) {
    if (!get_index(env, argv[6 + i], &off[i]) || !in_bounds(off[i], c[i], len)) {
      snprintf(msg, sizeof msg, "%s: argument %d is outside the heap (or not 4-byte aligned)", name, 6 + i);
      throw_range(env, msg);
      return 0;
    }
    a->p[i] = (float*)(heap + off[i]);
  }
  // the outputs (forward: y and probs; backward: dqkv) overlap nothing else
  for (int i = n == 3 ? 1 : 3; i < n; i++)
    for (int j = 0; j < n; j++)
      if (j != i && overlaps(off[i], c[i], off[j], c[j])) {
        snprintf(msg, sizeof msg, "%s: an output overlaps another argument", name);
        throw_range(env, msg);
        return 0;
      }
  return 1;
}

/**
 * attention(heap, B, K, H, hd, scale, qkvOff, yOff, probsOff): multi-head self-attention read straight from
 * the qkv projection [B·K, 3D] (columns q|k|v, head, hd, as PyTorch's), without splitting or transposing it:
 * per image and head, P = softmax(scale · Q·Kᵀ) [K×K] (kept for the gradient) and y's head columns = P·V.
 */
static napi_value Attention(napi_env env, napi_callback_info info) {
  AttentionArgs a;
  if (!attention_args(env, info, 3, &a, "attention")) return NULL;
  const int64_t K = a.K, D = a.D, hd = a.hd, row = 3 * D;
  for (int64_t b = 0; b < a.B; b++)
    for (int64_t h = 0; h < a.H; h++) {
      const float* q = a.p[0] + b * K * row + h * hd;
      float* P = a.p[2] + (b * a.H + h) * K * K;
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)K, (int)K, (int)hd, a.scale, q, (int)row, q + D, (int)row, 0.0f, P, (int)K);
      softmax_rows(P, K, K);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)K, (int)hd, (int)K, 1.0f, P, (int)K, q + 2 * D, (int)row, 0.0f, a.p[1] + b * K * D + h * hd, (int)D);
    }
  return NULL;
}

/**
 * attentionGrad(heap, B, K, H, hd, scale, qkvOff, probsOff, dyOff, dqkvOff): the gradient of attention with
 * respect to qkv, every value of dqkv written: dV = Pᵀ·dY, dS = scale · softmax'(P, dY·Vᵀ), dQ = dS·K, dK = dSᵀ·Q.
 */
static napi_value AttentionGrad(napi_env env, napi_callback_info info) {
  AttentionArgs a;
  if (!attention_args(env, info, 4, &a, "attentionGrad")) return NULL;
  const int64_t K = a.K, D = a.D, hd = a.hd, row = 3 * D;
  float* dS = (float*)malloc(sizeof(float) * (size_t)(K * K));
  if (!dS) return throw_range(env, "attentionGrad: out of memory");
  for (int64_t b = 0; b < a.B; b++)
    for (int64_t h = 0; h < a.H; h++) {
      const float* q = a.p[0] + b * K * row + h * hd;
      const float* P = a.p[1] + (b * a.H + h) * K * K;
      const float* dy = a.p[2] + b * K * D + h * hd;
      float* dq = a.p[3] + b * K * row + h * hd;
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)K, (int)hd, (int)K, 1.0f, P, (int)K, dy, (int)D, 0.0f, dq + 2 * D, (int)row);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)K, (int)K, (int)hd, 1.0f, dy, (int)D, q + 2 * D, (int)row, 0.0f, dS, (int)K);
      softmax_grad_rows(P, dS, K, K, a.scale);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)K, (int)hd, (int)K, 1.0f, dS, (int)K, q + D, (int)row, 0.0f, dq, (int)row);
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)K, (int)hd, (int)K, 1.0f, dS, (int)K, q, (int)row, 0.0f, dq + D, (int)row);
    }
  free(dS);
  return NULL;
}

/** A Float32Array argument (a view into any buffer, the wasm heap's included). */
static int float32_array(napi_env env, napi_value v, float** data, size_t* n) {
  bool is;
  napi_typedarray_type type;
  napi_value ab;
  size_t offset;
  void* p;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  if (napi_get_typedarray_info(env, v, &type, n, &p, &ab, &offset) != napi_ok || type != napi_float32_array) return 0;
  *data = (float*)p;
  return p != NULL || *n == 0;
}

/**
 * Reads a call of `arrays` Float32Arrays of one length (into *n) followed by `numbers` numbers;
 * throws a RangeError naming `usage` or the bad argument.
 */
static int arrays_then_numbers(napi_env env, napi_callback_info info, int arrays, int numbers, float** out, size_t* n, double* nums, const char* name, const char* usage) {
  size_t argc = 16;
  napi_value argv[16];
  char msg[200];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != (size_t)(arrays + numbers)) {
    snprintf(msg, sizeof msg, "%s takes %s", name, usage);
    throw_range(env, msg);
    return 0;
  }
  for (int i = 0; i < arrays; i++) {
    size_t len;
    if (!float32_array(env, argv[i], &out[i], &len) || (i > 0 && len != *n)) {
      snprintf(msg, sizeof msg, "%s: argument %d must be a Float32Array (not detached) as long as the first", name, i);
      throw_range(env, msg);
      return 0;
    }
    *n = len;
  }
  for (int i = 0; i < numbers; i++)
    if (napi_get_value_double(env, argv[arrays + i], &nums[i]) != napi_ok) {
      snprintf(msg, sizeof msg, "%s: argument %d must be a number", name, arrays + i);
      throw_range(env, msg);
      return 0;
    }
  return 1;
}

/**
 * One AdamW update (torch.optim.AdamW) of n values, in double and rounded to float32 where
 * worker/train/optim.ts's loop rounds, so that the two give the same bits: m and v in place,
 * out = x·decay − stepSize·m / (√v / sqrtBc2 + eps) (out may be x).
 */
WIDEST static void adamw_update(const float* x, const float* g, float* m, float* v, float* out, int64_t n,
                                double beta1, double beta2, double decay, double stepSize, double sqrtBc2, double eps) {
  const double ob1 = 1 - beta1, ob2 = 1 - beta2;
  _Pragma("omp simd") for (int64_t j = 0; j < n; j++) {
    const double gj = g[j];
    const float mj = (float)(beta1 * (double)m[j] + ob1 * gj);
    const float vj = (float)(beta2 * (double)v[j] + ob2 * gj * gj);
    m[j] = mj;
    v[j] = vj;
    out[j] = (float)((double)x[j] * decay - (stepSize * (double)mj) / (sqrt((double)vj) / sqrtBc2 + eps));
  }
}

/** adamw(x, g, m, v, out, beta1, beta2, decay, stepSize, sqrtBc2, eps): Float32Arrays of one length, then numbers. */
static napi_value AdamW(napi_env env, napi_callback_info info) {
  float* a[5];
  size_t n = 0;
  double k[6];
  if (!arrays_then_numbers(env, info, 5, 6, a, &n, k, "adamw", "(x, g, m, v, out, beta1, beta2, decay, stepSize, sqrtBc2, eps)")) return NULL;
  adamw_update(a[0], a[1], a[2], a[3], a[4], (int64_t)n, k[0], k[1], k[2], k[3], k[4], k[5]);
  return NULL;
}

/** out = target·keep + online·take in float32, each product rounded, as three tfjs ops give it. */
WIDEST static void ema_update(const float* target, const float* online, float* out, int64_t n, float keep, float take) {
  _Pragma("omp simd") for (int64_t j = 0; j < n; j++) {
    const float a = target[j] * keep;
    const float b = online[j] * take;
    out[j] = a + b;
  }
}

/** ema(target, online, out, keep, take): Float32Arrays of one length (out may be target), then keep = m and take = 1 − m. */
static napi_value Ema(napi_env env, napi_callback_info info) {
  float* a[3];
  size_t n = 0;
  double k[2];
  if (!arrays_then_numbers(env, info, 3, 2, a, &n, k, "ema", "(target, online, out, keep, take)")) return NULL;
  ema_update(a[0], a[1], a[2], (int64_t)n, (float)k[0], (float)k[1]);
  return NULL;
}

#if defined(OPENBLAS_VERSION)
int openblas_get_parallel(void);
#endif

/** setThreads(n): BLAS threads for calls made from this thread on (OpenBLAS); returns the count in effect, or 0 where it cannot be set. */
static napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int64_t n;
  if (argc != 1 || !get_index(env, argv[0], &n) || n < 1 || n > 1024) return throw_range(env, "setThreads(n): n must be an integer in [1, 1024]");
  int now = 0;
#if defined(OPENBLAS_VERSION)
  openblas_set_num_threads((int)n);
  now = openblas_get_num_threads();
#endif
  napi_value out;
  CHECK(napi_create_int32(env, now, &out));
  return out;
}

static void set_str(napi_env env, napi_value obj, const char* key, const char* val) {
  napi_value s;
  if (val && napi_create_string_utf8(env, val, NAPI_AUTO_LENGTH, &s) == napi_ok) napi_set_named_property(env, obj, key, s);
}

/** info(): which library served cblas_sgemm, where it was loaded from, its threading. */
static napi_value Info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value obj, num;
  CHECK(napi_create_object(env, &obj));
#ifndef _WIN32
  Dl_info dl;
  char real[4096];
  if (dladdr((void*)&cblas_sgemm, &dl) && dl.dli_fname) {
    set_str(env, obj, "path", dl.dli_fname);
    if (realpath(dl.dli_fname, real)) set_str(env, obj, "realPath", real);
  }
#endif
#if defined(__APPLE__)
  set_str(env, obj, "library", "Accelerate");
  set_str(env, obj, "parallel", "accelerate");
#elif defined(OPENBLAS_VERSION)
  set_str(env, obj, "library", "OpenBLAS");
  set_str(env, obj, "config", openblas_get_config());
  set_str(env, obj, "corename", openblas_get_corename());
  int p = openblas_get_parallel();
  set_str(env, obj, "parallel", p == 0 ? "sequential" : p == 1 ? "pthread" : p == 2 ? "openmp" : "unknown");
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &num));
  napi_set_named_property(env, obj, "threads", num);
  CHECK(napi_create_int32(env, openblas_get_num_procs(), &num));
  napi_set_named_property(env, obj, "procs", num);
#else
  set_str(env, obj, "library", "CBLAS");
  set_str(env, obj, "parallel", "unknown");
#endif
  return obj;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_property_descriptor props[] = {
      {"sgemm", NULL, Sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sgemv", NULL, Sgemv, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gelu", NULL, Gelu, NULL, NULL, NULL, napi_enumerable, NULL},
      {"geluGrad", NULL, GeluGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"layerNorm", NULL, LayerNorm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"layerNormGrad", NULL, LayerNormGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"attention", NULL, Attention, NULL, NULL, NULL, napi_enumerable, NULL},
      {"attentionGrad", NULL, AttentionGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"binary", NULL, Binary, NULL, NULL, NULL, napi_enumerable, NULL},
      {"rowSum", NULL, RowSum, NULL, NULL, NULL, napi_enumerable, NULL},
      {"adamw", NULL, AdamW, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ema", NULL, Ema, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, Info, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
