// Correlation-matrix regression, Johnson's relative weights and LMG/Shapley values (METHODS.md §4).
// Works on a (p+1)×(p+1) correlation matrix whose last row/column is the outcome. Pure; uses ml-matrix.
import { EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';

/** Weighted correlation matrix of the columns (weights may be omitted). Zero-variance columns give NaN. */
export function correlationMatrix(cols: number[][], w?: number[]): number[][] {
  const k = cols.length;
  const n = k ? cols[0]!.length : 0;
  const wt = w ?? new Array<number>(n).fill(1);
  const sw = wt.reduce((s, x) => s + x, 0);
  const means = cols.map((c) => c.reduce((s, x, i) => s + wt[i]! * x, 0) / sw);
  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      let s = 0;
      const ca = cols[a]!;
      const cb = cols[b]!;
      for (let i = 0; i < n; i++) s += wt[i]! * (ca[i]! - means[a]!) * (cb[i]! - means[b]!);
      cov[a]![b] = cov[b]![a] = s;
    }
  return cov.map((row, a) => row.map((v, b) => (a === b ? 1 : v / Math.sqrt(cov[a]![a]! * cov[b]![b]!))));
}

/** Indices of predictors involved in an exact (or near-exact) linear dependency, or [] when Rxx is regular. */
export function collinearSets(rxx: number[][], tol = 1e-10): number[][] {
  const eig = new EigenvalueDecomposition(new Matrix(rxx), { assumeSymmetric: true });
  const vals = eig.realEigenvalues;
  const vecs = eig.eigenvectorMatrix;
  const sets: number[][] = [];
  vals.forEach((v, j) => {
    if (v < tol) {
      const set: number[] = [];
      for (let i = 0; i < rxx.length; i++) if (Math.abs(vecs.get(i, j)) > 1e-6) set.push(i);
      sets.push(set);
    }
  });
  return sets;
}

/** R² of the outcome on the predictor subset `idx` (from correlations). */
export function r2Subset(rxx: number[][], rxy: number[], idx: number[]): number {
  if (idx.length === 0) return 0;
  if (idx.length === 1) return rxy[idx[0]!]! ** 2;
  const sub = new Matrix(idx.map((a) => idx.map((b) => rxx[a]![b]!)));
  const r = Matrix.columnVector(idx.map((a) => rxy[a]!));
  const beta = inverse(sub).mmul(r);
  let s = 0;
  for (let i = 0; i < idx.length; i++) s += r.get(i, 0) * beta.get(i, 0);
  return s;
}

export interface RegressionCore {
  beta: number[];
  vif: number[];
  r2: number;
  /** Diagonal of Rxx⁻¹ (= VIF), kept for standard errors. */
  invDiag: number[];
}

export function standardizedRegression(rxx: number[][], rxy: number[]): RegressionCore {
  const inv = inverse(new Matrix(rxx));
  const beta = inv.mmul(Matrix.columnVector(rxy)).getColumn(0);
  const r2 = beta.reduce((s, b, j) => s + b * rxy[j]!, 0);
  const invDiag = rxx.map((_, j) => inv.get(j, j));
  return { beta, vif: invDiag, r2, invDiag };
}

/** Johnson (2000) relative weights: raw ε_j (summing to R²). */
export function relativeWeights(rxx: number[][], rxy: number[]): number[] {
  const p = rxx.length;
  const eig = new EigenvalueDecomposition(new Matrix(rxx), { assumeSymmetric: true });
  const V = eig.eigenvectorMatrix;
  const d = eig.realEigenvalues.map((x) => Math.sqrt(Math.max(x, 0)));
  const lambda = V.mmul(Matrix.diag(d)).mmul(V.transpose());
  const bz = inverse(lambda).mmul(Matrix.columnVector(rxy)).getColumn(0);
  const eps = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) eps[j]! += lambda.get(j, k) ** 2 * bz[k]! ** 2;
  return eps;
}

/** Maximum number of drivers for the exact LMG/Shapley decomposition (2^p subset regressions). */
export const SHAPLEY_MAX = 12;

/** LMG / Shapley value decomposition of R² (Lindeman, Merenda & Gold 1980; Grömping 2006). */
export function shapleyR2(rxx: number[][], rxy: number[]): number[] {
  const p = rxx.length;
  const total = 1 << p;
  const r2 = new Float64Array(total);
  for (let mask = 1; mask < total; mask++) {
    const idx: number[] = [];
    for (let j = 0; j < p; j++) if (mask & (1 << j)) idx.push(j);
    r2[mask] = r2Subset(rxx, rxy, idx);
  }
  const fact = [1];
  for (let i = 1; i <= p; i++) fact.push(fact[i - 1]! * i);
  const out = new Array<number>(p).fill(0);
  for (let mask = 0; mask < total; mask++) {
    let size = 0;
    for (let j = 0; j < p; j++) if (mask & (1 << j)) size++;
    const w = (fact[size]! * fact[p - size - 1]!) / fact[p]!;
    for (let j = 0; j < p; j++) {
      if (mask & (1 << j)) continue;
      out[j]! += w * (r2[mask | (1 << j)]! - r2[mask]!);
    }
  }
  return out;
}
