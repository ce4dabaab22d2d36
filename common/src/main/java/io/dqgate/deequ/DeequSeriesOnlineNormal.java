package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.intPair;
import static io.dqgate.deequ.ScalaInterop.scalaVector;
import static io.dqgate.deequ.ScalaInterop.someDouble;

import com.amazon.deequ.anomalydetection.OnlineNormalStrategy;
import io.dqgate.config.SeriesStrategySpec;
import java.util.Optional;

/**
 * Deequ's {@code OnlineNormalStrategy}: today is anomalous outside {@code mean ± factor · stdDev} of the
 * running (population) statistics — which, in Deequ, already include today's value.
 *
 * <p>The expected interval is read from Deequ itself: {@code computeStatsAndAnomalies} over the same vector
 * and search interval that {@code detect} uses, taking today's {@code mean} and {@code stdDev} and applying the
 * factors — exactly the numbers Deequ prints in its detail. Note Deequ's quirk when today is an anomaly
 * (with {@code ignoreAnomalies}, its default and the value used here): the reported mean falls back to the
 * history's, while the standard deviation still includes today. {@code ignoreAnomalies} otherwise cannot
 * matter, since only today is searched.
 *
 * <p>Two properties of Deequ's test set a minimum history, reported as not enough history rather than as a
 * silent pass: {@code ignore-start-percentage} p makes Deequ skip today (index n of n + 1 values) while
 * {@code n < (n + 1) · p}; and since today is part of its own statistics, Samuelson's inequality keeps it
 * within {@code √n} population standard deviations of the mean, so with factor f nothing can be flagged until
 * {@code n > f²} (10 history points at the default 3).
 */
final class DeequSeriesOnlineNormal extends DeequSeriesStrategy {
  static final String LOWER_DEVIATION_FACTOR = SeriesStrategySpec.LOWER_DEVIATION_FACTOR;
  static final String UPPER_DEVIATION_FACTOR = SeriesStrategySpec.UPPER_DEVIATION_FACTOR;
  static final String IGNORE_START_PERCENTAGE = SeriesStrategySpec.IGNORE_START_PERCENTAGE;

  private final OnlineNormalStrategy online;
  private final double lowerFactor;
  private final double upperFactor;

  private DeequSeriesOnlineNormal(
      String name, OnlineNormalStrategy online, int deequMinimum, int minHistory) {
    super(name, online, deequMinimum, minHistory);
    this.online = online;
    this.lowerFactor = (Double) online.lowerDeviationFactor().get();
    this.upperFactor = (Double) online.upperDeviationFactor().get();
  }

  static DeequSeriesOnlineNormal from(String name, SeriesStrategySpec parameters, int minHistory) {
    double lower = parameters.orDefault(LOWER_DEVIATION_FACTOR, 3.0);
    double upper = parameters.orDefault(UPPER_DEVIATION_FACTOR, 3.0);
    double ignoreStart = parameters.orDefault(IGNORE_START_PERCENTAGE, 0.1);
    OnlineNormalStrategy online =
        new OnlineNormalStrategy(someDouble(lower), someDouble(upper), ignoreStart, true);
    int deequMinimum = Math.max(judgedFrom(ignoreStart), canFlagFrom(Math.min(lower, upper)));
    return new DeequSeriesOnlineNormal(name, online, deequMinimum, minHistory);
  }

  /** The fewest history points n with √n > factor, below which Deequ cannot flag any value. */
  static int canFlagFrom(double factor) {
    return (int) Math.floor(factor * factor) + 1;
  }

  /** The fewest history points n for which Deequ does not skip today, at index n of n + 1 values. */
  static int judgedFrom(double ignoreStartPercentage) {
    int n = Math.max(1, (int) Math.floor(ignoreStartPercentage / (1 - ignoreStartPercentage)) - 1);
    while (n < (n + 1) * ignoreStartPercentage) { // Deequ's own test, in its own arithmetic
      n++;
    }
    return n;
  }

  @Override
  double[] expectedInterval(double[] history, double today, Optional<String> anomaly) {
    int n = history.length;
    OnlineNormalStrategy.OnlineCalculationResult stats =
        online
            .computeStatsAndAnomalies(scalaVector(withToday(history, today)), intPair(n, n + 1))
            .last();
    return new double[] {
      stats.mean() - lowerFactor * stats.stdDev(), stats.mean() + upperFactor * stats.stdDev()
    };
  }
}
