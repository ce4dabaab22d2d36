package io.dqgate.drift;

import org.apache.commons.math3.special.Gamma;

/**
 * Distances between two discrete distributions given as non-negative weights on the same cells (counts or
 * proportions; each side is normalised to sum 1 first). Pure functions: a side whose weights sum to 0, or that
 * holds a NaN, makes every distance NaN; arrays of different lengths are a programming error.
 */
public final class Distances {
  /** The floor PSI puts under empty cells; see {@link #psi}. */
  public static final double DEFAULT_EPSILON = 1e-4;
  /** Below this expected count a χ² cell is pooled; the usual rule of thumb. */
  public static final double DEFAULT_MIN_EXPECTED = 5.0;

  private static final double LN2 = Math.log(2.0);

  private Distances() {}

  /**
   * Population stability index {@code sum (a_i - e_i) * ln(a_i / e_i)}, natural log, e = expected (baseline), a =
   * actual (current): the symmetrised Kullback–Leibler divergence, 0 for equal distributions, unbounded above.
   *
   * <p>An empty cell would make it infinite, so after normalising, every proportion below {@code epsilon} is
   * raised to {@code epsilon} and the side is normalised again. Cells with no empty side are then off by a
   * factor {@code 1 / (1 + k*epsilon)} at most, and a cell going from 0 to x adds about
   * {@code x * ln(x / epsilon)} (0 → 12% with epsilon 1e-4: 0.85), which keeps brand-new values loud.
   *
   * @return PSI >= 0, or NaN when a side is empty
   */
  public static double psi(double[] expected, double[] actual, double epsilon) {
    requireSameLength(expected, actual);
    if (!(epsilon > 0 && epsilon < 1)) {
      throw new IllegalArgumentException("psi epsilon must be in (0, 1), was " + epsilon);
    }
    double[] e = floored(normalised(expected), epsilon);
    double[] a = floored(normalised(actual), epsilon);
    if (e == null || a == null) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int i = 0; i < e.length; i++) {
      sum += (a[i] - e[i]) * Math.log(a[i] / e[i]);
    }
    return Math.max(0.0, sum);
  }

  /** {@link #psi(double[], double[], double)} with {@link #DEFAULT_EPSILON}. */
  public static double psi(double[] expected, double[] actual) {
    return psi(expected, actual, DEFAULT_EPSILON);
  }

  /**
   * Jensen–Shannon divergence with log base 2: {@code H(M) - (H(P) + H(Q)) / 2}, M = (P + Q) / 2, with 0 log 0 =
   * 0 so empty cells need no smoothing. It lies in [0, 1]: 0 for equal distributions, 1 for disjoint supports;
   * rounding is clipped to that range. This is the divergence, not its square root; see {@link #jsDistance}.
   */
  public static double jsDivergence(double[] p, double[] q) {
    requireSameLength(p, q);
    double[] a = normalised(p);
    double[] b = normalised(q);
    if (a == null || b == null) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      double m = 0.5 * (a[i] + b[i]);
      // Per cell 0.5*a*log(a/m) + 0.5*b*log(b/m): each term is finite because m >= a/2 and m >= b/2.
      if (a[i] > 0) {
        sum += 0.5 * a[i] * Math.log(a[i] / m);
      }
      if (b[i] > 0) {
        sum += 0.5 * b[i] * Math.log(b[i] / m);
      }
    }
    return Math.min(1.0, Math.max(0.0, sum / LN2));
  }

  /** Jensen–Shannon distance, the square root of {@link #jsDivergence}: a metric, also in [0, 1]. */
  public static double jsDistance(double[] p, double[] q) {
    return Math.sqrt(jsDivergence(p, q));
  }

  /** L∞ = max over cells of |p_i - q_i| after normalising, in [0, 1]. */
  public static double lInfinity(double[] p, double[] q) {
    requireSameLength(p, q);
    double[] a = normalised(p);
    double[] b = normalised(q);
    if (a == null || b == null) {
      return Double.NaN;
    }
    double max = 0.0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /**
   * Pearson's χ² goodness-of-fit test of {@code observed} counts against the proportions of
   * {@code expectedWeights} (the baseline, taken as known): expected counts E_i = N * pi_i with N the
   * observed total; statistic {@code sum (O_i - E_i)^2 / E_i}, degrees of freedom cells - 1, p-value the upper
   * tail of χ²(df) (regularised gamma Q(df/2, x/2), precise for tiny p).
   *
   * <p>Cells with E_i below {@code minExpected} are pooled into the cell {@code poolIndex} (the other bucket; -1
   * pools them with each other); while the pooled cell is still below it, the smallest remaining cell joins it.
   * A value the baseline never had (E = 0) is thus judged together with its pool instead of giving an infinite
   * statistic. Fewer than two cells left: statistic 0, df 0, p-value 1 (nothing to test).
   *
   * <p>With large N any difference is significant, so the result also carries an effect size.
   */
  public static ChiSquareResult chiSquare(double[] observed, double[] expectedWeights, int poolIndex,
      double minExpected) {
    requireSameLength(observed, expectedWeights);
    double[] pi = normalised(expectedWeights);
    double n = 0.0;
    for (double o : observed) {
      n += o;
    }
    if (pi == null || !(n > 0)) {
      return ChiSquareResult.NOT_APPLICABLE;
    }
    int k = observed.length;
    double[] o = observed.clone();
    double[] e = new double[k];
    boolean[] alive = new boolean[k];
    for (int i = 0; i < k; i++) {
      e[i] = n * pi[i];
      alive[i] = true;
    }
    // A cell the baseline never had (E = 0) is always pooled, even with minExpected 0.
    double small = Math.max(minExpected, Double.MIN_VALUE);
    int pool = poolIndex >= 0 && poolIndex < k ? poolIndex : -1;
    for (int i = 0; i < k; i++) {
      if (e[i] < small && i != pool) {
        if (pool < 0) {
          pool = i;
        } else {
          mergeInto(pool, i, o, e, alive);
        }
      }
    }
    while (pool >= 0 && e[pool] < small) {
      int smallest = -1;
      for (int i = 0; i < k; i++) {
        if (alive[i] && i != pool && (smallest < 0 || e[i] < e[smallest])) {
          smallest = i;
        }
      }
      if (smallest < 0) {
        break;
      }
      mergeInto(pool, smallest, o, e, alive);
    }
    int cells = 0;
    double statistic = 0.0;
    for (int i = 0; i < k; i++) {
      if (alive[i] && (e[i] > 0 || o[i] > 0)) {
        cells++;
        statistic += (o[i] - e[i]) * (o[i] - e[i]) / e[i];
      }
    }
    if (cells < 2) {
      return new ChiSquareResult(0.0, 0, 1.0, 0.0, cells, (long) n);
    }
    int df = cells - 1;
    double pValue = Gamma.regularizedGammaQ(df / 2.0, statistic / 2.0);
    double cramersV = Math.sqrt(statistic / (n * df));
    return new ChiSquareResult(statistic, df, pValue, cramersV, cells, (long) n);
  }

  /** {@link #chiSquare(double[], double[], int, double)} pooling into no particular cell, minimum 5. */
  public static ChiSquareResult chiSquare(double[] observed, double[] expectedWeights) {
    return chiSquare(observed, expectedWeights, -1, DEFAULT_MIN_EXPECTED);
  }

  private static void mergeInto(int target, int source, double[] o, double[] e, boolean[] alive) {
    o[target] += o[source];
    e[target] += e[source];
    o[source] = 0;
    e[source] = 0;
    alive[source] = false;
  }

  /** Weights scaled to sum 1; null when they sum to 0 or hold a negative or non-finite weight. */
  static double[] normalised(double[] weights) {
    double sum = 0.0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        return null;
      }
      sum += w;
    }
    if (!(sum > 0)) {
      return null;
    }
    double[] out = new double[weights.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weights[i] / sum;
    }
    return out;
  }

  private static double[] floored(double[] p, double epsilon) {
    if (p == null) {
      return null;
    }
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Math.max(p[i], epsilon);
    }
    return normalised(out);
  }

  private static void requireSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("distributions need the same cells, had " + a.length + " and "
          + b.length);
    }
  }
}
