package io.dqgate.anomaly;

import io.dqgate.Median;

/** Median and MAD on primitive arrays, allocation-free, since they run per metric per day. */
final class RobustStats {
  /** MAD of a normal sample times this estimates its standard deviation. */
  static final double MAD_TO_SIGMA = 1.4826;

  private RobustStats() {}

  /** Median of {@code values[0..n)}; reorders that range. */
  static double medianInPlace(double[] values, int n) {
    return Median.inPlace(values, n);
  }

  static double median(double[] values) {
    return Median.of(values);
  }

  /** Median absolute deviation of {@code values[0..n)} around {@code center}, using {@code scratch}. */
  static double mad(double[] values, int n, double center, double[] scratch) {
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(values[i] - center);
    }
    return medianInPlace(scratch, n);
  }

  /**
   * A robust standard deviation for predicting one new value from {@code n} points whose median is the
   * prediction: MAD·1.4826 with the small-sample correction n/(n−0.8) (the MAD underestimates below ~30
   * points), widened by the median's own uncertainty (variance π/2·σ²/n).
   */
  static double predictiveSigma(double mad, int n) {
    double sigma = mad * MAD_TO_SIGMA * n / (n - 0.8);
    return sigma * Math.sqrt(1 + Math.PI / (2.0 * n));
  }
}
