package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.none;
import static io.dqgate.deequ.ScalaInterop.someDouble;

import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import io.dqgate.config.SeriesStrategySpec;
import java.util.Optional;
import java.util.OptionalDouble;
import scala.Option;

/**
 * Deequ's {@code RelativeRateOfChangeStrategy} (today / the value {@code order} points back must lie in
 * {@code [max-rate-decrease, max-rate-increase]}) and {@code AbsoluteChangeStrategy} (the {@code order}-th
 * difference ending today must lie in {@code [max-rate-decrease, max-rate-increase]}).
 *
 * <p>The expected interval solves Deequ's test for today's value: relative, {@code previous × rate} for each
 * limit (swapped when the previous value is negative; NaN when it is 0, where every ratio is ±∞ or NaN);
 * absolute, {@code limit − Σ_{j=1..k} (−1)^j C(k, j) x[n−j]}, which is {@code previous + limit} for order 1
 * and the limit itself for order 0. A missing limit is an open side (±∞; Deequ uses ±Double.MAX_VALUE).
 */
final class DeequSeriesChange extends DeequSeriesStrategy {
  static final String MAX_RATE_DECREASE = SeriesStrategySpec.MAX_RATE_DECREASE;
  static final String MAX_RATE_INCREASE = SeriesStrategySpec.MAX_RATE_INCREASE;
  static final String ORDER = SeriesStrategySpec.ORDER;

  private final boolean relative;
  private final double decrease;
  private final double increase;
  private final int order;

  private DeequSeriesChange(
      String name,
      AnomalyDetectionStrategy deequ,
      boolean relative,
      OptionalDouble decrease,
      OptionalDouble increase,
      int order,
      int minHistory) {
    // Deequ silently skips today when fewer than `order` points precede it, and AnomalyDetector needs one.
    super(name, deequ, Math.max(order, 1), minHistory);
    this.relative = relative;
    this.decrease = decrease.orElse(Double.NEGATIVE_INFINITY);
    this.increase = increase.orElse(Double.POSITIVE_INFINITY);
    this.order = order;
  }

  static DeequSeriesChange relative(String name, SeriesStrategySpec parameters, int minHistory) {
    int order = parameters.wholeNumber(ORDER, 1);
    OptionalDouble decrease = parameters.optional(MAX_RATE_DECREASE);
    OptionalDouble increase = parameters.optional(MAX_RATE_INCREASE);
    RelativeRateOfChangeStrategy deequ =
        new RelativeRateOfChangeStrategy(scalaOption(decrease), scalaOption(increase), order);
    return new DeequSeriesChange(name, deequ, true, decrease, increase, order, minHistory);
  }

  static DeequSeriesChange absolute(String name, SeriesStrategySpec parameters, int minHistory) {
    int order = parameters.wholeNumber(ORDER, 1);
    OptionalDouble decrease = parameters.optional(MAX_RATE_DECREASE);
    OptionalDouble increase = parameters.optional(MAX_RATE_INCREASE);
    AbsoluteChangeStrategy deequ =
        new AbsoluteChangeStrategy(scalaOption(decrease), scalaOption(increase), order);
    return new DeequSeriesChange(name, deequ, false, decrease, increase, order, minHistory);
  }

  private static Option<Object> scalaOption(OptionalDouble value) {
    return value.isPresent() ? someDouble(value.getAsDouble()) : none();
  }

  @Override
  double[] expectedInterval(double[] history, double today, Optional<String> anomaly) {
    int n = history.length;
    if (relative) {
      double previous = history[n - order];
      if (previous == 0 || !Double.isFinite(previous)) {
        return unknownInterval();
      }
      double low = previous * decrease;
      double high = previous * increase;
      return previous > 0 ? new double[] {low, high} : new double[] {high, low};
    }
    // The order-th difference is today + rest, rest = sum over j = 1..order of (-1)^j C(order, j) x[n - j].
    double rest = 0;
    double binomial = 1;
    for (int j = 1; j <= order; j++) {
      binomial = binomial * (order - j + 1) / j;
      rest += (j % 2 == 0 ? binomial : -binomial) * history[n - j];
    }
    return new double[] {decrease - rest, increase - rest};
  }
}
