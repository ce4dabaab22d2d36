package io.dqgate.deequ;

import com.amazon.deequ.anomalydetection.seasonal.HoltWinters;
import io.dqgate.config.SeriesStrategySpec;
import java.util.Optional;

/**
 * Deequ's additive Holt-Winters ({@code new HoltWinters(MetricInterval.Daily, SeriesSeasonality.Weekly)},
 * period 7): fits level, trend and weekly season on the history by L-BFGS-B, forecasts today, and flags
 * {@code |today − forecast| > 1.96 · sd(|residuals|)}.
 *
 * <p>Deequ requires two full cycles before the searched point ({@code "Need at least two full cycles of data
 * to estimate model"}, i.e. 14 daily points); that failure is reported as not enough history. Deequ exposes
 * neither the fitted parameters nor the residual deviation, so the expected interval is NaN; the forecast is
 * in Deequ's detail ({@code "Forecasted f for observed value v"}) when today is flagged. The season is
 * anchored on the first history point, as in Deequ.
 */
final class DeequSeriesHoltWinters extends DeequSeriesStrategy {
  static final int PERIOD = 7;
  private static final String TWO_CYCLES = "Need at least two full cycles";

  private DeequSeriesHoltWinters(String name, int minHistory) {
    super(
        name,
        new HoltWinters(
            HoltWinters.MetricInterval$.MODULE$.Daily(), HoltWinters.SeriesSeasonality$.MODULE$.Weekly()),
        1,
        minHistory);
  }

  static DeequSeriesHoltWinters from(String name, SeriesStrategySpec parameters, int minHistory) {
    return new DeequSeriesHoltWinters(name, minHistory);
  }

  @Override
  double[] expectedInterval(double[] history, double today, Optional<String> anomaly) {
    return unknownInterval();
  }

  @Override
  Optional<String> insufficientHistory(IllegalArgumentException failure, int historyLength) {
    String message = String.valueOf(failure.getMessage());
    if (!message.contains(TWO_CYCLES)) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%s: not enough history to judge, %d points but Deequ needs two full weekly cycles (%d daily"
                + " points): %s",
            name(), historyLength, 2 * PERIOD, message));
  }

  @Override
  String withinExplanation(double today, double low, double high) {
    return String.format(
        "%s: value %s is within Deequ's forecast band (one-step forecast ± 1.96 · sd of |residuals|)",
        name(), today);
  }
}
