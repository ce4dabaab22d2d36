package io.dqgate.deequ;

import com.amazon.deequ.anomalydetection.SimpleThresholdStrategy;
import io.dqgate.config.SeriesStrategySpec;
import java.util.Optional;

/**
 * Deequ's {@code SimpleThresholdStrategy}: today must lie in {@code [lower-bound, upper-bound]}. It needs no
 * history. A missing bound is an open side, reported as ±∞ (Deequ is given ±Double.MAX_VALUE).
 */
final class DeequSeriesThreshold extends DeequSeriesStrategy {
  static final String LOWER_BOUND = SeriesStrategySpec.LOWER_BOUND;
  static final String UPPER_BOUND = SeriesStrategySpec.UPPER_BOUND;

  private final double lower;
  private final double upper;

  private DeequSeriesThreshold(String name, double lower, double upper, int minHistory) {
    super(
        name,
        new SimpleThresholdStrategy(
            Double.isInfinite(lower) ? -Double.MAX_VALUE : lower,
            Double.isInfinite(upper) ? Double.MAX_VALUE : upper),
        0,
        minHistory);
    this.lower = lower;
    this.upper = upper;
  }

  static DeequSeriesThreshold from(String name, SeriesStrategySpec parameters, int minHistory) {
    return new DeequSeriesThreshold(
        name,
        parameters.orDefault(LOWER_BOUND, Double.NEGATIVE_INFINITY),
        parameters.orDefault(UPPER_BOUND, Double.POSITIVE_INFINITY),
        minHistory);
  }

  @Override
  double[] expectedInterval(double[] history, double today, Optional<String> anomaly) {
    return new double[] {lower, upper};
  }
}
