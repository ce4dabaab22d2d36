package io.dqgate.drift;

import java.util.Arrays;
import java.util.Random;

/** Quantile sketches for tests, built the way the profiler's are but exactly. */
final class Sketches {
  private Sketches() {}

  /** Quantiles of the sample on the standard 21-point grid, interpolating between order statistics. */
  static NumericDistribution of(double[] sample) {
    double[] sorted = sample.clone();
    Arrays.sort(sorted);
    double[] grid = NumericDistribution.STANDARD_PROBABILITIES;
    double[] values = new double[grid.length];
    for (int k = 0; k < grid.length; k++) {
      double h = grid[k] * (sorted.length - 1);
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, sorted.length - 1);
      values[k] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
    return NumericDistribution.of(grid, values, sorted.length, 0.0);
  }

  static NumericDistribution normal(double mean, int n, long seed) {
    Random random = new Random(seed);
    double[] sample = new double[n];
    for (int i = 0; i < n; i++) {
      sample[i] = mean + random.nextGaussian();
    }
    return of(sample);
  }

  /** The exact sketch of the uniform distribution on [from, to]: quantile p is from + p (to - from). */
  static NumericDistribution uniform(double from, double to, long count) {
    double[] grid = NumericDistribution.STANDARD_PROBABILITIES;
    double[] values = new double[grid.length];
    for (int k = 0; k < grid.length; k++) {
      values[k] = from + grid[k] * (to - from);
    }
    return NumericDistribution.of(grid, values, count, 0.0);
  }

  static NumericDistribution constant(double value, long count) {
    double[] values = new double[21];
    Arrays.fill(values, value);
    return NumericDistribution.of(NumericDistribution.STANDARD_PROBABILITIES, values, count, 0.0);
  }
}
