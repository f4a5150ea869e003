// The spectrum of a feature matrix: RankMe (Garrido et al. 2023: exp of the
// entropy of the normalised singular values of the uncentred n×d matrix), the
// per-dimension spread (featureStd), and the top-2 principal components for the
// embedding map. Float64 Gram matrices and symmetric eigen-solvers.
import { Rng } from '../../main/common/rng.ts';


/**
 * Gram matrix G[a][b] = v_a · v_b of m vectors of length len stored
 * contiguously in v (row a at a·len). Float64, 1×4 register blocking.
 */
function gram(v: Float64Array, m: number, len: number): Float64Array {
  const G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const oa = a * len;
    let b = a;
    for (; b + 3 < m; b += 4) {
      const o0 = b * len;
      const o1 = o0 + len;
      const o2 = o1 + len;
      const o3 = o2 + len;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < len; i++) {
        const x = v[oa + i];
        s0 += x * v[o0 + i];
        s1 += x * v[o1 + i];
        s2 += x * v[o2 + i];
        s3 += x * v[o3 + i];
      }
      G[a * m + b] = G[b * m + a] = s0;
      G[a * m + b + 1] = G[(b + 1) * m + a] = s1;
      G[a * m + b + 2] = G[(b + 2) * m + a] = s2;
      G[a * m + b + 3] = G[(b + 3) * m + a] = s3;
    }
    for (; b < m; b++) {
      const ob = b * len;
      let s = 0;
      for (let i = 0; i < len; i++) s += v[oa + i] * v[ob + i];
      G[a * m + b] = G[b * m + a] = s;
    }
  }
  return G;
}

/** Columns of the row-major [n, d] matrix x as contiguous float64 vectors (minus `mean` if given). */
function columns(x: Float32Array, n: number, d: number, mean?: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[j * n + i] = x[i * d + j] - (mean ? mean[j] : 0);
  }
  return out;
}

/**
 * All eigenvalues of a symmetric m×m matrix (destroyed), by Householder
 * reduction to tridiagonal form (~m³ flops) and the implicit QL algorithm
 * with Wilkinson-style shifts (O(m²)). Unsorted.
 */
export function symmetricEigenvalues(A: Float64Array, m: number): Float64Array {
  const diag = new Float64Array(m);
  const off = new Float64Array(m); // off[k] couples k and k+1; off[m-1] = 0
  const v = new Float64Array(m);
  const p = new Float64Array(m);
  for (let k = 0; k < m - 2; k++) {
    const s = k + 1; // the trailing block is [s, m)
    let rest = 0;
    for (let i = s + 1; i < m; i++) rest += A[i * m + k] * A[i * m + k];
    const x0 = A[s * m + k];
    const alpha2 = rest + x0 * x0;
    if (rest === 0) {
      off[k] = x0; // already tridiagonal in this column
      continue;
    }
    const alpha = x0 > 0 ? -Math.sqrt(alpha2) : Math.sqrt(alpha2);
    const vn = Math.sqrt(2 * alpha2 - 2 * alpha * x0);
    for (let i = s; i < m; i++) v[i] = A[i * m + k] / vn;
    v[s] = (x0 - alpha) / vn;
    // p = 2 A' v, K = vᵀp, w = p - K v; A' -= v wᵀ + w vᵀ
    let K = 0;
    for (let i = s; i < m; i++) {
      let acc = 0;
      const o = i * m;
      for (let j = s; j < m; j++) acc += A[o + j] * v[j];
      p[i] = 2 * acc;
      K += v[i] * p[i];
    }
    for (let i = s; i < m; i++) p[i] -= K * v[i];
    for (let i = s; i < m; i++) {
      const o = i * m;
      const vi = v[i];
      const wi = p[i];
      for (let j = s; j < m; j++) A[o + j] -= vi * p[j] + wi * v[j];
    }
    off[k] = alpha;
  }
  if (m >= 2) off[m - 2] = A[(m - 1) * m + (m - 2)];
  for (let k = 0; k < m; k++) diag[k] = A[k * m + k];

  // implicit QL (Numerical Recipes' tqli, eigenvalues only)
  const d = diag;
  const e = off;
  const EPS = Number.EPSILON;
  for (let l = 0; l < m; l++) {
    let iter = 0;
    let mm: number;
    do {
      for (mm = l; mm < m - 1; mm++) {
        const dd = Math.abs(d[mm]) + Math.abs(d[mm + 1]);
        if (Math.abs(e[mm]) <= EPS * dd) break;
      }
      if (mm !== l) {
        if (iter++ === 100) break; // give up on this one; keep what we have
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[mm] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let pp = 0;
        let i: number;
        for (i = mm - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          e[i + 1] = r = Math.hypot(f, g);
          if (r === 0) {
            d[i + 1] -= pp;
            e[mm] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - pp;
          r = (d[i] - g) * s + 2 * c * b;
          pp = s * r;
          d[i + 1] = g + pp;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= pp;
        e[l] = g;
        e[mm] = 0;
      }
    } while (mm !== l);
  }
  return d;
}

/**
 * RankMe (Garrido et al. 2023): exp(−Σ p_k log p_k) with
 * p_k = σ_k / Σσ + 1e-7 over the singular values σ of the (uncentred) n×d
 * matrix. σ² are the eigenvalues of the smaller Gram matrix (XᵀX, d×d, or
 * XXᵀ, n×n), computed in float64. Ranges from ~1 (one direction) to
 * min(n, d) (all singular values equal). Returns 0 for an all-zero or empty
 * matrix. Cost ~ n·m²/2 + m³ for m = min(n, d).
 */
export function rankMe(x: Float32Array, n: number, d: number): number {
  if (n === 0 || d === 0) return 0;
  let G: Float64Array;
  let m: number;
  if (n >= d) {
    G = gram(columns(x, n, d), d, n);
    m = d;
  } else {
    const rows = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) rows[i] = x[i];
    G = gram(rows, n, d);
    m = n;
  }
  const lambda = symmetricEigenvalues(G, m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    lambda[i] = Math.sqrt(Math.max(0, lambda[i]));
    total += lambda[i];
  }
  if (!(total > 0)) return total === 0 ? 0 : NaN;
  const eps = 1e-7;
  let h = 0;
  for (let i = 0; i < m; i++) {
    const pk = lambda[i] / total + eps;
    h -= pk * Math.log(pk);
  }
  return Math.exp(h);
}

/** Mean over dimensions of the per-dimension (population) std; 0 for constant features or n < 2. */
export function featureStd(x: Float32Array, n: number, d: number): number {
  if (n < 2 || d === 0) return 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] - mean[j];
      ss[j] += v * v;
    }
  }
  let sum = 0;
  for (let j = 0; j < d; j++) sum += Math.sqrt(ss[j] / n);
  return sum / d;
}


/**
 * Projection of the centred rows on the top-2 principal components, [n, 2]
 * row-major. The components come from block power iteration (subspace
 * iteration, 8 vectors, with a Rayleigh–Ritz step each iteration) on the d×d
 * covariance: it stops when the top-2 Ritz pairs' residuals fall under 1e-6
 * of the top eigenvalue, or after a work budget (when the leading
 * eigenvalues are nearly equal, any plane they span is as good for a map).
 * The start is seeded and each component's largest entry is made positive,
 * so the map is deterministic and does not flip between calls. A column is
 * zero where the data has no variance in that direction.
 */
export function pca2d(x: Float32Array, n: number, d: number): Float32Array {
  return pca2dExplained(x, n, d).xy;
}

/**
 * pca2d's projection with each component's share of the total variance
 * (eigenvalue / trace of the covariance), which the map shows beside its axes.
 */
export function pca2dExplained(x: Float32Array, n: number, d: number): { xy: Float32Array; explained: [number, number] } {
  const out = new Float32Array(n * 2);
  const explained: [number, number] = [0, 0];
  if (n === 0 || d === 0) return { xy: out, explained };
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const C = gram(columns(x, n, d, mean), d, n); // n·covariance; the scale is irrelevant
  let trace = 0;
  for (let j = 0; j < d; j++) trace += C[j * d + j];
  if (!(trace > 0)) return { xy: out, explained };

  const b = Math.min(d, 8);
  const rng = new Rng(0x9ca2d);
  let V = new Float64Array(b * d); // b vectors of length d
  let Y = new Float64Array(b * d);
  for (let i = 0; i < V.length; i++) V[i] = rng.normal();
  orthonormaliseRows(V, b, d);
  const H = new Float64Array(b * b);
  const maxIter = Math.min(300, Math.max(20, Math.floor(3e8 / (b * d * d))));
  const top: { u: Float64Array; theta: number }[] = [];
  for (let iter = 0; ; iter++) {
    // Y = C V (C is symmetric: row i of C times v)
    for (let k = 0; k < b; k++) {
      const vo = k * d;
      for (let i = 0; i < d; i++) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += C[o + j] * V[vo + j];
        Y[vo + i] = s;
      }
    }
    // Rayleigh–Ritz: H = Vᵀ C V, H = S Θ Sᵀ, Ritz vectors u = V s, C u = Y s
    for (let p = 0; p < b; p++) {
      for (let q = p; q < b; q++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += V[p * d + j] * Y[q * d + j];
        H[p * b + q] = H[q * b + p] = s;
      }
    }
    const { values, vectors } = jacobiEigen(H.slice(), b);
    const order = Array.from(values.keys()).sort((i, j) => values[j] - values[i]);
    top.length = 0;
    let converged = true;
    for (let r = 0; r < Math.min(2, b); r++) {
      const col = order[r];
      const u = new Float64Array(d);
      const cu = new Float64Array(d);
      for (let k = 0; k < b; k++) {
        const sk = vectors[k * b + col];
        for (let j = 0; j < d; j++) {
          u[j] += sk * V[k * d + j];
          cu[j] += sk * Y[k * d + j];
        }
      }
      const theta = values[col];
      let res = 0;
      for (let j = 0; j < d; j++) res += (cu[j] - theta * u[j]) ** 2;
      if (Math.sqrt(res) > 1e-6 * values[order[0]]) converged = false;
      top.push({ u, theta });
    }
    if (converged || iter + 1 >= maxIter) break;
    [V, Y] = [Y, V];
    orthonormaliseRows(V, b, d);
  }

  for (let c = 0; c < top.length; c++) {
    const { u, theta } = top[c];
    if (!(theta > trace * 1e-12)) continue; // no variance in this direction
    explained[c] = theta / trace;
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(u[j]) > Math.abs(u[big])) big = j;
    const sign = u[big] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * u[j];
      out[i * 2 + c] = sign * s;
    }
  }
  return { xy: out, explained };
}

/** Modified Gram–Schmidt on m row vectors of length d; a dependent row becomes a fresh unit vector. */
function orthonormaliseRows(V: Float64Array, m: number, d: number): void {
  for (let a = 0; a < m; a++) {
    const oa = a * d;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        const ob = b * d;
        let dot = 0;
        for (let j = 0; j < d; j++) dot += V[oa + j] * V[ob + j];
        for (let j = 0; j < d; j++) V[oa + j] -= dot * V[ob + j];
      }
      let nn = 0;
      for (let j = 0; j < d; j++) nn += V[oa + j] * V[oa + j];
      nn = Math.sqrt(nn);
      if (nn > 1e-150) {
        for (let j = 0; j < d; j++) V[oa + j] /= nn;
        if (pass === 0) continue;
        break;
      }
      // dependent: restart from a unit axis not yet spanned (tried in order)
      for (let j = 0; j < d; j++) V[oa + j] = j === (a + pass) % d ? 1 : 0;
    }
  }
}

/** Cyclic Jacobi for a small symmetric m×m matrix (destroyed): eigenvalues and eigenvectors (column k of `vectors`). */
function jacobiEigen(A: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  let norm = 0;
  for (let i = 0; i < m * m; i++) norm += A[i] * A[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += A[p * m + q] * A[p * m + q];
    if (off <= 1e-30 * norm || off === 0) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = A[p * m + q];
        if (apq === 0) continue;
        const theta = (A[q * m + q] - A[p * m + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = A[k * m + p];
          const akq = A[k * m + q];
          A[k * m + p] = c * akp - s * akq;
          A[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = A[p * m + k];
          const aqk = A[q * m + k];
          A[p * m + k] = c * apk - s * aqk;
          A[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = V[k * m + p];
          const vkq = V[k * m + q];
          V[k * m + p] = c * vkp - s * vkq;
          V[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = A[i * m + i];
  return { values, vectors: V };
}
