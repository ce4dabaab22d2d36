package io.dqgate.drift;

import java.util.Arrays;

/**
 * A cumulative distribution function that is linear between knots and may jump at a knot (a point mass).
 * Each knot {@code x[i]} carries the left limit {@code below[i] = F(x[i]-)} and the value {@code at[i] = F(x[i])};
 * between knots F runs straight from {@code at[i-1]} to {@code below[i]}. Below the first knot F is 0, from the
 * last knot on it is 1.
 *
 * <p>This one shape serves both a stored quantile sketch and a count-weighted mixture of sketches: a mixture
 * of functions that are linear between their own knots is linear between the union of the knots, so mixing
 * is exact on this representation and only the final re-sampling to a quantile grid loses detail.
 */
final class PiecewiseLinearCdf {
  private final double[] x;
  private final double[] below;
  private final double[] at;

  private PiecewiseLinearCdf(double[] x, double[] below, double[] at) {
    this.x = x;
    this.below = below;
    this.at = at;
  }

  /**
   * The CDF through the sketch's points {@code (values[k], probabilities[k])}. Repeated values form a point
   * mass: F(v-) is the first probability of the run (reached by the line from the previous value) and F(v) the
   * last. The last knot is forced to F = 1 so a sketch whose grid stops short of 1 still has total mass 1.
   */
  static PiecewiseLinearCdf throughQuantiles(double[] probabilities, double[] values) {
    int n = values.length;
    double[] xs = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    int m = 0;
    int k = 0;
    while (k < n) {
      int j = k;
      while (k + 1 < n && values[k + 1] == values[j]) {
        k++;
      }
      xs[m] = values[j];
      // Nothing lies below the smallest value, so its left limit is 0 even when the grid starts above 0.
      lo[m] = m == 0 ? 0.0 : probabilities[j];
      hi[m] = probabilities[k];
      m++;
      k++;
    }
    hi[m - 1] = 1.0;
    return new PiecewiseLinearCdf(Arrays.copyOf(xs, m), Arrays.copyOf(lo, m), Arrays.copyOf(hi, m));
  }

  /** The mixture {@code sum weights[i] * parts[i]}, with weights that sum to 1. */
  static PiecewiseLinearCdf mixture(PiecewiseLinearCdf[] parts, double[] weights) {
    double[] knots = unionKnots(parts);
    double[] lo = new double[knots.length];
    double[] hi = new double[knots.length];
    for (int i = 0; i < knots.length; i++) {
      for (int p = 0; p < parts.length; p++) {
        lo[i] += weights[p] * parts[p].before(knots[i]);
        hi[i] += weights[p] * parts[p].cdf(knots[i]);
      }
      lo[i] = clamp(lo[i]);
      hi[i] = clamp(hi[i]);
    }
    // Rounding in the weighted sum must not leave mass above the largest value.
    hi[knots.length - 1] = 1.0;
    return new PiecewiseLinearCdf(knots, lo, hi);
  }

  /** The sorted distinct knots of all the given functions. */
  static double[] unionKnots(PiecewiseLinearCdf... parts) {
    int size = 0;
    for (PiecewiseLinearCdf p : parts) {
      size += p.x.length;
    }
    double[] all = new double[size];
    int at = 0;
    for (PiecewiseLinearCdf p : parts) {
      System.arraycopy(p.x, 0, all, at, p.x.length);
      at += p.x.length;
    }
    Arrays.sort(all);
    int m = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[m - 1]) {
        all[m++] = all[i];
      }
    }
    return Arrays.copyOf(all, m);
  }

  /** F(v) = P(X <= v). */
  double cdf(double v) {
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    int i = Arrays.binarySearch(x, v);
    return i >= 0 ? at[i] : between(-i - 1, v);
  }

  /** F(v-) = P(X < v). */
  double before(double v) {
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    int i = Arrays.binarySearch(x, v);
    return i >= 0 ? below[i] : between(-i - 1, v);
  }

  private double between(int insertion, double v) {
    if (insertion == 0) {
      return 0.0;
    }
    if (insertion == x.length) {
      return 1.0;
    }
    double x0 = x[insertion - 1];
    double f0 = at[insertion - 1];
    return f0 + (v - x0) / (x[insertion] - x0) * (below[insertion] - f0);
  }

  /**
   * The generalised inverse {@code inf {v : F(v) >= p}}. For p <= 0 that infimum is -infinity; the smallest
   * knot is returned instead, as a quantile sketch stores its minimum at probability 0.
   */
  double quantile(double p) {
    if (Double.isNaN(p)) {
      return Double.NaN;
    }
    if (p <= at[0]) {
      return x[0];
    }
    for (int i = 1; i < x.length; i++) {
      if (below[i] >= p) {
        double f0 = at[i - 1];
        return x[i - 1] + (p - f0) / (below[i] - f0) * (x[i] - x[i - 1]);
      }
      if (at[i] >= p) {
        return x[i];
      }
    }
    return x[x.length - 1];
  }

  double[] knots() {
    return x.clone();
  }

  private static double clamp(double f) {
    return Math.max(0.0, Math.min(1.0, f));
  }
}
