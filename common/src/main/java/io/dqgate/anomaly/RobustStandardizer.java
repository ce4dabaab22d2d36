package io.dqgate.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits baseline metrics into those PCA can use, constants and unusable ones, and puts the usable ones on
 * one scale: (x − median) / spread, spread = 1.4826·MAD with the {@link SpreadFloor}. Robust, so that a
 * day the upstream checks let through cannot stretch a metric's scale and hide the next incident.
 */
final class RobustStandardizer {
  /** A metric whose baseline range is below this share of its level counts as constant. */
  static final double CONSTANT_TOLERANCE = 1e-9;

  final int[] variable;
  final double[] center;
  final double[] scale;
  final int[] constant;
  final double[] constantValue;
  /** Metrics with fewer than two baseline values: neither modelled nor checked. */
  final int[] unusable;

  private RobustStandardizer(int[] variable, double[] center, double[] scale, int[] constant,
      double[] constantValue, int[] unusable) {
    this.variable = variable;
    this.center = center;
    this.scale = scale;
    this.constant = constant;
    this.constantValue = constantValue;
    this.unusable = unusable;
  }

  /** @param resolution each metric's step; its spread is at least half of it (0: no such floor) */
  static RobustStandardizer fit(double[][] baseline, int width, SpreadFloor floor, double[] resolution) {
    int n = baseline.length;
    List<Integer> variable = new ArrayList<>();
    List<double[]> centerScale = new ArrayList<>();
    List<Integer> constant = new ArrayList<>();
    List<Double> constantValue = new ArrayList<>();
    List<Integer> unusable = new ArrayList<>();
    double[] column = new double[n];
    double[] scratch = new double[n];
    for (int j = 0; j < width; j++) {
      int count = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double[] row : baseline) {
        double value = row[j];
        if (!Double.isNaN(value)) {
          column[count++] = value;
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      }
      if (count < 2) {
        unusable.add(j);
        continue;
      }
      double median = RobustStats.medianInPlace(column, count);
      if (max - min <= CONSTANT_TOLERANCE * Math.max(1, Math.abs(median))) {
        constant.add(j);
        constantValue.add(median);
        continue;
      }
      double mad = RobustStats.mad(column, count, median, scratch);
      double sigma = mad * RobustStats.MAD_TO_SIGMA;
      if (sigma == 0) {
        // over half the days share one value, the rest differ (a count that is usually 0): the MAD sees
        // no spread at all, the mean absolute deviation does, and is a normal σ times √(2/π)
        double sum = 0;
        for (int i = 0; i < count; i++) {
          sum += Math.abs(column[i] - median);
        }
        sigma = sum / count * Math.sqrt(Math.PI / 2);
      }
      variable.add(j);
      centerScale.add(new double[] {median, Math.max(floor.apply(sigma, median), resolution[j] / 2)});
    }
    double[] center = new double[variable.size()];
    double[] scale = new double[variable.size()];
    for (int i = 0; i < center.length; i++) {
      center[i] = centerScale.get(i)[0];
      scale[i] = centerScale.get(i)[1];
    }
    return new RobustStandardizer(toArray(variable), center, scale, toArray(constant),
        constantValue.stream().mapToDouble(Double::doubleValue).toArray(), toArray(unusable));
  }

  /**
   * Standardised value of each variable metric; a missing value (NaN) becomes 0 — the metric's median —
   * so it adds no evidence either way. Values beyond ±{@code clip} are clipped.
   */
  double[] standardize(double[] row, double clip) {
    double[] z = new double[variable.length];
    for (int i = 0; i < variable.length; i++) {
      double value = row[variable[i]];
      if (!Double.isNaN(value)) {
        z[i] = Math.max(-clip, Math.min(clip, (value - center[i]) / scale[i]));
      }
    }
    return z;
  }

  private static int[] toArray(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
