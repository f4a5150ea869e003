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

// glibc's libmvec (x86-64, glibc 2.35 and later) has 4-wide erff and expf: declared callable from
// vectorized loops, the GELU loops below vectorize (-fopenmp-simd), several times faster than
// scalar erff and as accurate (docs/bench/blas.md, "Memory"). Elsewhere: scalar calls.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
float erff(float) __attribute__((simd("notinbranch")));
float expf(float) __attribute__((simd("notinbranch")));
#define VECTOR_LOOP _Pragma("omp simd")
#else
#define VECTOR_LOOP
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
    bias = (const float*)(heap + (int64_t)biasD);
  }
  const float* A = (const float*)(heap + aOff);
  const float* B = (const float*)(heap + bOff);
  float* C = (float*)(heap + cOff);
  const int lda = (int)(transA ? m : k), ldb = (int)(transB ? k : n);
  for (int64_t i = 0; i < batch; i++)
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k, 1.0f,
                A + i * aStride, lda, B + i * bStride, ldb, 0.0f, C + i * m * n, (int)n);
  if (bias != NULL || act != ACT_LINEAR) {
    const float alpha = (float)alphaD;
    for (int64_t r = 0; r < batch * m; r++) {
      float* row = C + r * n;
      for (int64_t j = 0; j < n; j++) {
        float x = row[j];
        if (bias) x += bias[biasLen == 1 ? 0 : j];
        switch (act) {
          case ACT_RELU: x = x > 0 ? x : 0; break;
          case ACT_RELU6: x = x < 0 ? 0 : (x > 6 ? 6 : x); break;
          case ACT_LEAKYRELU: x = x < 0 ? alpha * x : x; break;
          case ACT_SIGMOID: x = 1.0f / (1.0f + expf(-x)); break;
          case ACT_ELU: x = x >= 0 ? x : expf(x) - 1.0f; break;
          default: break;
        }
        row[j] = x;
      }
    }
  }
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
  const float* x = p[0];
  float *y = p[1], *cdf = p[2];
  VECTOR_LOOP
  for (int64_t i = 0; i < n; i++) {
    float c = 0.5f + 0.5f * erff(x[i] * (float)M_SQRT1_2);
    cdf[i] = c;
    y[i] = x[i] * c;
  }
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
  const float *x = p[0], *cdf = p[1], *dy = p[2];
  float* dx = p[3];
  const float inv_sqrt_2pi = 0.3989422804014327f;
  VECTOR_LOOP
  for (int64_t i = 0; i < n; i++) {
    float v = x[i];
    dx[i] = dy[i] * (cdf[i] + v * inv_sqrt_2pi * expf(-0.5f * v * v));
  }
  return NULL;
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
  for (int64_t i = 0; i < rows; i++) {
    const float* x = p[0] + i * cols;
    float* xh = p[1] + i * cols;
    double s = 0;
    for (int64_t j = 0; j < cols; j++) s += x[j];
    const double mean = s / (double)cols;
    double ss = 0;
    for (int64_t j = 0; j < cols; j++) {
      const double c = x[j] - mean;
      ss += c * c;
    }
    const float rstd = (float)(1.0 / sqrt(ss / (double)cols + eps));
    r[0][i] = rstd;
    for (int64_t j = 0; j < cols; j++) xh[j] = (float)(x[j] - mean) * rstd;
  }
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
  for (int64_t i = 0; i < rows; i++) {
    const float* xh = xh0[0] + i * cols;
    const float* dy = d[0] + i * cols;
    float* dx = d[1] + i * cols;
    double a = 0, b = 0;
    for (int64_t j = 0; j < cols; j++) {
      a += dy[j];
      b += (double)dy[j] * xh[j];
    }
    const float ma = (float)(a / (double)cols), mb = (float)(b / (double)cols), rs = r[0][i];
    for (int64_t j = 0; j < cols; j++) dx[j] = (dy[j] - ma - xh[j] * mb) * rs;
  }
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
      {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, Info, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}
