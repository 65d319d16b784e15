// Honest comparisons of shares of respondents, pure: the 95 % Wilson score interval of a share,
// and the two-proportion z-test that says whether a change between two groups is beyond chance.
// Only for samples of people (a survey's respondents): a share of schools is a census, it has no
// sampling error, and none of this applies to it.

/** z for a two-sided 95 % level: the 97.5th percentile of the standard normal distribution. */
const z95 = 1.959963984540054;

/**
 * The Wilson score interval of `successes` out of `n` (Wilson 1927; Newcombe 1998, method 3), as
 * percentages: centre (p + z²/2n) / (1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * Null when n is 0.
 */
export function wilsonInterval(successes: number, n: number, z = z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

/** The standard normal distribution's upper tail, via erfc (Numerical Recipes' erfcc, |error| < 1.2e-7). */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const upper = erfc / 2;
  return z >= 0 ? upper : 1 - upper;
}

export interface ChangeTest {
  /** The test's statistic: (p₁ − p₀) / √(p̄(1−p̄)(1/n₁ + 1/n₀)), p̄ the pooled share. */
  z: number;
  /** Two-sided p-value. */
  p: number;
  /** Beyond chance at the 5 % level (|z| > 1.96). */
  real: boolean;
}

/**
 * The two-proportion z-test (pooled variance) of a change from x0/n0 to x1/n1. Null when either
 * group is empty or every answer is the same in both (no variance: nothing to test).
 */
export function twoProportionTest(x1: number, n1: number, x0: number, n0: number): ChangeTest | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const pooled = (x1 + x0) / (n1 + n0);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n0);
  if (variance <= 0) return null;
  const z = (x1 / n1 - x0 / n0) / Math.sqrt(variance);
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))), real: Math.abs(z) > z95 };
}
