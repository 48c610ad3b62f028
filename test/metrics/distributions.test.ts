import { describe, expect, it } from 'vitest';
import {
  normalCdf, normalQuantile, twoSidedP, tCdf, tQuantile, tTwoSidedP, chi2Sf, chi2Cdf, chi2Quantile, fSf, fCdf,
  logGamma, betaInc,
} from '../../src/metrics/distributions.js';

const close = (a: number, b: number, tol = 1e-10) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('normal', () => {
  it('matches published table values (R pnorm/qnorm)', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-12);
    close(normalQuantile(0.995), 2.5758293035489004, 1e-12);
    close(normalQuantile(0.5), 0, 1e-15);
    close(normalQuantile(0.025), -1.959963984540054, 1e-12);
    close(normalCdf(1), 0.8413447460685429, 1e-13);
    close(normalCdf(1.96), 0.9750021048517795, 1e-13);
    close(normalCdf(-3), 0.0013498980316300946, 1e-15);
    // erf(1) = 0.8427007929497149, and Φ(√2) = (1 + erf(1)) / 2
    close(normalCdf(Math.SQRT2), (1 + 0.8427007929497149) / 2, 1e-13);
    close(twoSidedP(1.959963984540054), 0.05, 1e-13);
  });
  it('inverts in the far tails', () => {
    for (const p of [1e-12, 1e-8, 1e-4, 0.01, 0.3, 0.7, 0.99, 1 - 1e-8]) {
      const z = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(z) : 1 - normalCdf(-z);
      expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('gamma/beta', () => {
  it('logGamma of integers and halves', () => {
    close(logGamma(10), Math.log(362880), 1e-12);
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
  });
  it('betaInc with a = 1 is 1 − (1 − x)^b', () => {
    close(betaInc(0.3, 1, 4), 1 - Math.pow(0.7, 4), 1e-14);
  });
});

describe('Student t', () => {
  it('df = 1 is Cauchy and df = 2 has a closed form', () => {
    for (const t of [-5, -1, 0.3, 2, 10]) {
      close(tCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13);
      close(tCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13);
    }
  });
  it('matches table values (R pt/qt)', () => {
    // pt(2, 10): R prints 0.963306; the closed form for even df (Abramowitz & Stegun 26.7.3),
    // θ = atan(2/√10), ½ + ½·sinθ·(1 + ½cos²θ + ⅜cos⁴θ + 5/16cos⁶θ + 35/128cos⁸θ) = 0.9633059826146299.
    close(tCdf(2, 10), 0.9633059826146299, 1e-13);
    close(tQuantile(0.975, 10), 2.228138851986274, 1e-10);
    close(tQuantile(0.975, 1), 12.70620473617471, 1e-9);
    close(tQuantile(0.975, 30), 2.042272456301238, 1e-10);
    // qt(0.95, 5) = 2.015048373333024; check by the odd-df closed form (A&S 26.7.3):
    // θ = atan(q/√5), F = ½ + (θ + sinθ·cosθ·(1 + ⅔cos²θ))/π must be 0.95.
    const q5 = tQuantile(0.95, 5);
    close(q5, 2.015048373333024, 1e-10);
    const th = Math.atan(q5 / Math.sqrt(5));
    close(0.5 + (th + Math.sin(th) * Math.cos(th) * (1 + (2 / 3) * Math.cos(th) ** 2)) / Math.PI, 0.95, 1e-13);
    close(tQuantile(0.025, 10), -2.228138851986274, 1e-10);
    close(tTwoSidedP(2.228138851986274, 10), 0.05, 1e-12);
    close(tQuantile(0.975, Infinity), 1.959963984540054, 1e-12);
  });
});

describe('chi-square and F', () => {
  it('χ² with 2 df is exponential, with 1 df is a squared normal', () => {
    for (const x of [0.1, 1, 5.991464547107979, 20]) close(chi2Sf(x, 2), Math.exp(-x / 2), 1e-14);
    for (const x of [0.5, 3.841458820694124, 9]) close(chi2Sf(x, 1), twoSidedP(Math.sqrt(x)), 1e-13);
    close(chi2Sf(3.841458820694124, 1), 0.05, 1e-12);
  });
  it('χ² quantiles (R qchisq)', () => {
    close(chi2Quantile(0.95, 1), 3.841458820694124, 1e-9);
    close(chi2Quantile(0.95, 2), -2 * Math.log(0.05), 1e-9);
    close(chi2Quantile(0.95, 10), 18.30703805327515, 1e-9);
    close(chi2Cdf(18.30703805327515, 10), 0.95, 1e-12);
  });
  it('F(1, d) is t² and F(2, d) has a closed form', () => {
    close(fSf(2.228138851986274 ** 2, 1, 10), 0.05, 1e-12);
    for (const f of [0.5, 1, 3, 8]) {
      close(fSf(f, 1, 7), tTwoSidedP(Math.sqrt(f), 7), 1e-13);
      close(fSf(f, 2, 9), Math.pow(9 / (9 + 2 * f), 4.5), 1e-13);
      close(fCdf(f, 3, 11) + fSf(f, 3, 11), 1, 1e-14);
    }
  });
});
