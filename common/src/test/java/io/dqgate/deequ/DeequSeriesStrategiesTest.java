package io.dqgate.deequ;

import static io.dqgate.deequ.DeequSeriesStrategies.ABSOLUTE_CHANGE;
import static io.dqgate.deequ.DeequSeriesStrategies.BATCH_NORMAL;
import static io.dqgate.deequ.DeequSeriesStrategies.HOLT_WINTERS;
import static io.dqgate.deequ.DeequSeriesStrategies.ONLINE_NORMAL;
import static io.dqgate.deequ.DeequSeriesStrategies.RELATIVE_RATE_OF_CHANGE;
import static io.dqgate.deequ.DeequSeriesStrategies.SIMPLE_THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.DqgateException;
import io.dqgate.deequ.DeequSeriesStrategies.Result;
import io.dqgate.deequ.DeequSeriesStrategies.Strategy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeequSeriesStrategiesTest {
  private static final String KEY = "datasets.applications.detect.series.row-count";
  private static final double[] FLAT = {100, 100, 100, 100, 100, 100, 100};
  private static final double[] NEAR_FLAT = {10, 10.5, 9.5, 10, 10.2, 9.8, 10, 10.1, 9.9, 10, 10.3, 9.7, 10, 10.1};

  private static Strategy strategy(String name, Map<String, Double> parameters) {
    return DeequSeriesStrategies.create(name, parameters, KEY);
  }

  @Test
  void namesAreTheSixStrategiesInConfigOrder() {
    assertThat(DeequSeriesStrategies.names())
        .containsExactly(
            "deequ-relative-rate-of-change",
            "deequ-absolute-change",
            "deequ-simple-threshold",
            "deequ-online-normal",
            "deequ-batch-normal",
            "deequ-holt-winters");
    assertThat(strategy(HOLT_WINTERS, Map.of()).name()).isEqualTo("deequ-holt-winters");
  }

  @Test
  void relativeRateOfChangeFlagsASpikeAgainstPreviousTimesTheRates() {
    Strategy relative =
        strategy(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-decrease", 0.5, "max-rate-increase", 2.0));

    Result spike = relative.judge(FLAT, 250);
    assertThat(spike).isEqualTo(new Result(true, true, 50, 200,
        "[AbsoluteChangeStrategy]: Change of 2.5 is not in bounds [0.5, 2.0]. Order=1"));

    Result normal = relative.judge(FLAT, 120);
    assertThat(normal).isEqualTo(new Result(false, true, 50, 200,
        "deequ-relative-rate-of-change: value 120.0 is within [50.0, 200.0]"));
  }

  @Test
  void relativeRateOfChangeIntervalFollowsOrderSignAndOpenSides() {
    Strategy secondOrder = strategy(RELATIVE_RATE_OF_CHANGE,
        Map.of("max-rate-decrease", 0.5, "max-rate-increase", 2.0, "order", 2.0));
    Result result = secondOrder.judge(new double[] {100, 80, 90}, 170);
    assertThat(new double[] {result.expectedLow(), result.expectedHigh()}).containsExactly(40, 160);
    assertThat(result.anomalous()).isTrue();

    Strategy rates = strategy(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-decrease", 0.5, "max-rate-increase", 2.0));
    Result negative = rates.judge(new double[] {-100}, -150);
    assertThat(negative).isEqualTo(new Result(false, true, -200, -50,
        "deequ-relative-rate-of-change: value -150.0 is within [-200.0, -50.0]"));

    Result upOnly = strategy(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-increase", 1.5)).judge(FLAT, 1);
    assertThat(upOnly.anomalous()).isFalse();
    assertThat(upOnly.expectedLow()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(upOnly.expectedHigh()).isEqualTo(150);

    Result fromZero = rates.judge(new double[] {0}, 5);
    assertThat(fromZero.expectedLow()).isNaN();
    assertThat(fromZero.expectedHigh()).isNaN();
  }

  @Test
  void absoluteChangeFlagsASpikeOutsidePreviousPlusTheLimits() {
    Strategy absolute =
        strategy(ABSOLUTE_CHANGE, Map.of("max-rate-decrease", -10.0, "max-rate-increase", 10.0));

    assertThat(absolute.judge(FLAT, 150)).isEqualTo(new Result(true, true, 90, 110,
        "[AbsoluteChangeStrategy]: Change of 50.0 is not in bounds [-10.0, 10.0]. Order=1"));
    assertThat(absolute.judge(FLAT, 95)).isEqualTo(new Result(false, true, 90, 110,
        "deequ-absolute-change: value 95.0 is within [90.0, 110.0]"));
  }

  @Test
  void absoluteChangeOfSecondOrderBoundsTheSecondDifference() {
    Strategy secondOrder = strategy(ABSOLUTE_CHANGE,
        Map.of("max-rate-decrease", -10.0, "max-rate-increase", 10.0, "order", 2.0));
    double[] accelerating = {100, 110, 130};

    // today - 2·130 + 110 must lie in [-10, 10]
    assertThat(secondOrder.judge(accelerating, 200)).isEqualTo(new Result(true, true, 140, 160,
        "[AbsoluteChangeStrategy]: Change of 50.0 is not in bounds [-10.0, 10.0]. Order=2"));
    assertThat(secondOrder.judge(accelerating, 155).anomalous()).isFalse();
  }

  @Test
  void simpleThresholdJudgesTheValueAloneEvenWithoutHistory() {
    Strategy threshold = strategy(SIMPLE_THRESHOLD, Map.of("lower-bound", 0.0, "upper-bound", 1.0));

    assertThat(threshold.judge(new double[] {0.2, 0.3}, 1.5)).isEqualTo(new Result(true, true, 0, 1,
        "[SimpleThresholdStrategy]: Value 1.5 is not in bounds [0.0, 1.0]"));
    assertThat(threshold.judge(new double[] {0.2, 0.3}, 0.25)).isEqualTo(new Result(false, true, 0, 1,
        "deequ-simple-threshold: value 0.25 is within [0.0, 1.0]"));
    assertThat(threshold.judge(new double[0], -0.5)).isEqualTo(new Result(true, true, 0, 1,
        "[SimpleThresholdStrategy]: Value -0.5 is not in bounds [0.0, 1.0]"));

    Result upperOnly = strategy(SIMPLE_THRESHOLD, Map.of("upper-bound", 1.0)).judge(new double[0], -5);
    assertThat(upperOnly.anomalous()).isFalse();
    assertThat(upperOnly.expectedLow()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void onlineNormalFlagsASpikeOnANearlyFlatSeries() {
    Strategy online = strategy(ONLINE_NORMAL, Map.of());

    Result spike = online.judge(NEAR_FLAT, 30);
    assertThat(spike.anomalous()).isTrue();
    assertThat(spike.explanation()).startsWith("[OnlineNormalStrategy]: Value 30.0 is not in bounds [");

    Result normal = online.judge(NEAR_FLAT, 10.3);
    assertThat(normal.anomalous()).isFalse();
    assertThat(normal.expectedLow()).isLessThan(10.3);
    assertThat(normal.expectedHigh()).isGreaterThan(10.3);
  }

  @Test
  void onlineNormalUsesRunningMeanAndPopulationStddevThatIncludeToday() {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, population stddev 2, so with factors 1 Deequ tests 9 against [3, 7].
    double[] history = {2, 4, 4, 4, 5, 5, 7};
    Strategy online = strategy(ONLINE_NORMAL,
        Map.of("lower-deviation-factor", 1.0, "upper-deviation-factor", 1.0, "ignore-start-percentage", 0.0));

    Result flagged = online.judge(history, 9);
    assertThat(flagged.anomalous()).isTrue();
    // As Deequ reports it: the anomaly is taken out of the mean (31 / 7) but not out of the stddev (2).
    assertThat(flagged.expectedLow()).isCloseTo(31.0 / 7 - 2, within(1e-12));
    assertThat(flagged.expectedHigh()).isCloseTo(31.0 / 7 + 2, within(1e-12));
    assertThat(flagged.explanation()).isEqualTo("[OnlineNormalStrategy]: Value 9.0 is not in bounds ["
        + flagged.expectedLow() + ", " + flagged.expectedHigh() + "].");

    // {2, 4, 4, 4, 5, 5, 7, 6}: mean 4.625, population variance 15.875 / 8; 6 lies within one stddev.
    Result inBounds = online.judge(history, 6);
    double stddev = Math.sqrt(15.875 / 8);
    assertThat(inBounds.anomalous()).isFalse();
    assertThat(inBounds.expectedLow()).isCloseTo(4.625 - stddev, within(1e-12));
    assertThat(inBounds.expectedHigh()).isCloseTo(4.625 + stddev, within(1e-12));
  }

  @Test
  void batchNormalUsesTheHistorysSampleMeanAndStddev() {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, sample variance 32 / 7.
    double[] history = {2, 4, 4, 4, 5, 5, 7, 9};
    Strategy batch = strategy(BATCH_NORMAL,
        Map.of("lower-deviation-factor", 1.0, "upper-deviation-factor", 1.0));
    double stddev = Math.sqrt(32.0 / 7);

    Result flagged = batch.judge(history, 8);
    assertThat(flagged.anomalous()).isTrue();
    assertThat(flagged.expectedLow()).isCloseTo(5 - stddev, within(1e-12));
    assertThat(flagged.expectedHigh()).isCloseTo(5 + stddev, within(1e-12));
    assertThat(flagged.explanation()).isEqualTo("[BatchNormalStrategy]: Value 8.0 is not in bounds ["
        + flagged.expectedLow() + ", " + flagged.expectedHigh() + "].");

    Result normal = batch.judge(history, 6);
    assertThat(normal.anomalous()).isFalse();
    assertThat(normal.expectedLow()).isEqualTo(flagged.expectedLow());
    assertThat(normal.expectedHigh()).isEqualTo(flagged.expectedHigh());
  }

  @Test
  void batchNormalFlagsASpikeOnANearlyFlatSeries() {
    Strategy batch = strategy(BATCH_NORMAL, Map.of());
    assertThat(batch.judge(NEAR_FLAT, 30).anomalous()).isTrue();
    assertThat(batch.judge(NEAR_FLAT, 10.3).anomalous()).isFalse();
    assertThat(batch.judge(NEAR_FLAT, 2).anomalous()).isTrue();
  }

  /** Weekdays near 100, weekends near 60, with noise that does not repeat weekly. */
  private static double[] weeklySeries(int days) {
    double[] series = new double[days];
    for (int day = 0; day < days; day++) {
      series[day] = (day % 7 >= 5 ? 60 : 100) + ((day * 5) % 11 - 5) * 0.6;
    }
    return series;
  }

  @Test
  void holtWintersKeepsAnInSeasonWeekendDipButFlagsAPointOffItsSeason() {
    Strategy holtWinters = strategy(HOLT_WINTERS, Map.of());

    // Three weeks and five days: today is the first weekend day of the fourth week.
    Result weekendDip = holtWinters.judge(weeklySeries(26), 61);
    assertThat(weekendDip).isEqualTo(new Result(false, true, Double.NaN, Double.NaN,
        "deequ-holt-winters: value 61.0 is within Deequ's forecast band"
            + " (one-step forecast ± 1.96 · sd of |residuals|)"));

    // Four full weeks: today is a weekday, at the weekend's level.
    Result offSeason = holtWinters.judge(weeklySeries(28), 60);
    assertThat(offSeason.anomalous()).isTrue();
    assertThat(offSeason.enoughHistory()).isTrue();
    assertThat(offSeason.explanation()).matches("Forecasted 9\\d\\.\\d+ for observed value 60\\.0");
    assertThat(offSeason.expectedLow()).isNaN();
  }

  @Test
  void aSeriesDeequsHoltWintersCannotFitIsReportedNotThrown() {
    // Loan medians of the contamination benchmark: breeze's L-BFGS-B asserts (stepBound > 0) on this one.
    double[] medians = {17700, 19500, 17800, 17550, 17600, 17600, 21700, 17350, 17300, 17600, 17400, 17500, 18000,
        22100};
    Result result = strategy(HOLT_WINTERS, Map.of()).judge(medians, 18050);

    assertThat(result.anomalous()).isFalse();
    assertThat(result.enoughHistory()).isFalse();
    assertThat(result.explanation())
        .startsWith("deequ-holt-winters: Deequ could not judge this series (14 points): ");
  }

  @Test
  void holtWintersWithoutTwoFullWeeksHasNotEnoughHistory() {
    Strategy holtWinters = strategy(HOLT_WINTERS, Map.of());

    assertThat(holtWinters.judge(weeklySeries(13), 100)).isEqualTo(new Result(false, false, Double.NaN,
        Double.NaN, "deequ-holt-winters: not enough history to judge, 13 points but Deequ needs two full"
            + " weekly cycles (14 daily points): requirement failed: Need at least two full cycles of data"
            + " to estimate model"));
    assertThat(holtWinters.judge(weeklySeries(14), 100).enoughHistory()).isTrue();
  }

  @Test
  void tooShortHistoryIsReportedNotJudged() {
    assertThat(strategy(ONLINE_NORMAL, Map.of()).judge(new double[0], 5)).isEqualTo(new Result(false, false,
        Double.NaN, Double.NaN, "deequ-online-normal: not enough history to judge, 0 of 10 points needed"));
    assertThat(strategy(BATCH_NORMAL, Map.of()).judge(new double[0], 5).enoughHistory()).isFalse();
    assertThat(strategy(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-increase", 2.0, "order", 2.0))
            .judge(new double[] {100}, 500).explanation())
        .isEqualTo("deequ-relative-rate-of-change: not enough history to judge, 1 of 2 points needed");
    assertThat(strategy(ABSOLUTE_CHANGE, Map.of("max-rate-increase", 2.0, "order", 0.0))
            .judge(new double[0], 500).enoughHistory())
        .isFalse();
    // Deequ skips index i while i < (n + 1) · 0.9, so it first judges today after 9 points.
    Strategy lateStart = strategy(ONLINE_NORMAL,
        Map.of("ignore-start-percentage", 0.9, "lower-deviation-factor", 1.0, "upper-deviation-factor", 1.0));
    assertThat(lateStart.judge(Arrays.copyOf(NEAR_FLAT, 8), 50).explanation())
        .isEqualTo("deequ-online-normal: not enough history to judge, 8 of 9 points needed");
    assertThat(lateStart.judge(Arrays.copyOf(NEAR_FLAT, 9), 50).anomalous()).isTrue();
    // Today is in its own statistics, so over n points it lies within √n stddevs: 3 stddevs need 10 points.
    Strategy online = strategy(ONLINE_NORMAL, Map.of());
    assertThat(online.judge(Arrays.copyOf(NEAR_FLAT, 9), 1e9).explanation())
        .isEqualTo("deequ-online-normal: not enough history to judge, 9 of 10 points needed");
    assertThat(online.judge(Arrays.copyOf(NEAR_FLAT, 10), 1e9).anomalous()).isTrue();

    Strategy patient = strategy(SIMPLE_THRESHOLD, Map.of("upper-bound", 1.0, "min-history", 7.0));
    assertThat(patient.judge(new double[6], 5).explanation())
        .isEqualTo("deequ-simple-threshold: not enough history to judge, 6 of 7 points needed");
    assertThat(patient.judge(new double[7], 5).anomalous()).isTrue();
  }

  @Test
  void nanInHistoryIsAMissingDayAndNanTodayIsRefused() {
    Strategy relative =
        strategy(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-decrease", 0.5, "max-rate-increase", 2.0));

    Result result = relative.judge(new double[] {100, Double.NaN}, 150);
    assertThat(result).isEqualTo(new Result(false, true, 50, 200,
        "deequ-relative-rate-of-change: value 150.0 is within [50.0, 200.0]"));
    assertThat(relative.judge(new double[] {Double.NaN}, 150).enoughHistory()).isFalse();
    assertThatThrownBy(() -> relative.judge(FLAT, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deequ-relative-rate-of-change: today's value must be a number, was NaN");
  }

  @Test
  void unknownStrategyNameIsRejectedWithTheAcceptedNames() {
    assertThatThrownBy(() -> DeequSeriesStrategies.create("deequ-arima", Map.of(), KEY))
        .isInstanceOf(DqgateException.class)
        .hasMessage(KEY + ": unknown Deequ strategy, must be one of [deequ-relative-rate-of-change,"
            + " deequ-absolute-change, deequ-simple-threshold, deequ-online-normal, deequ-batch-normal,"
            + " deequ-holt-winters], was deequ-arima");
  }

  @Test
  void badParametersNameTheKeyAndTheValue() {
    assertRejected(ONLINE_NORMAL, Map.of("max-rate-increase", 2.0),
        KEY + ".max-rate-increase: not a parameter of deequ-online-normal, must be one of"
            + " [ignore-start-percentage, lower-deviation-factor, min-history, upper-deviation-factor], was 2.0");
    assertRejected(ONLINE_NORMAL, Map.of("lower-deviation-factor", -1.0),
        KEY + ".lower-deviation-factor: must be >= 0, was -1.0");
    assertRejected(ONLINE_NORMAL, Map.of("ignore-start-percentage", 1.5),
        KEY + ".ignore-start-percentage: must be in [0, 1], was 1.5");
    assertRejected(ONLINE_NORMAL, Map.of("ignore-start-percentage", 1.0),
        KEY + ".ignore-start-percentage: must be below 1 (at 1 Deequ never judges the newest point), was 1.0");
    assertRejected(BATCH_NORMAL, Map.of("upper-deviation-factor", -0.5),
        KEY + ".upper-deviation-factor: must be >= 0, was -0.5");
    assertRejected(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-increase", 1.1, "order", 1.5),
        KEY + ".order: must be a whole number >= 1, was 1.5");
    assertRejected(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-increase", 1.1, "order", 0.0),
        KEY + ".order: must be a whole number >= 1, was 0.0");
    assertRejected(ABSOLUTE_CHANGE, Map.of("max-rate-increase", 1.0, "order", -1.0),
        KEY + ".order: must be a whole number >= 0, was -1.0");
    assertRejected(RELATIVE_RATE_OF_CHANGE, Map.of("max-rate-decrease", 1.1, "max-rate-increase", 0.9),
        KEY + ".max-rate-increase: must be >= max-rate-decrease (1.1), was 0.9");
    assertRejected(RELATIVE_RATE_OF_CHANGE, Map.of("order", 1.0),
        KEY + ": deequ-relative-rate-of-change needs max-rate-decrease or max-rate-increase (or both),"
            + " was {order=1.0}");
    assertRejected(SIMPLE_THRESHOLD, Map.of("lower-bound", 5.0, "upper-bound", 1.0),
        KEY + ".upper-bound: must be >= lower-bound (5.0), was 1.0");
    assertRejected(SIMPLE_THRESHOLD, Map.of("upper-bound", Double.NaN),
        KEY + ".upper-bound: must be a finite number, was NaN");
    assertRejected(HOLT_WINTERS, Map.of("min-history", -3.0),
        KEY + ".min-history: must be a whole number >= 0, was -3.0");
    Map<String, Double> withNull = new HashMap<>();
    withNull.put("lower-bound", null);
    assertRejected(SIMPLE_THRESHOLD, withNull, KEY + ".lower-bound: must be a finite number, was null");
  }

  private static void assertRejected(String name, Map<String, Double> parameters, String message) {
    assertThatThrownBy(() -> DeequSeriesStrategies.create(name, parameters, KEY))
        .isInstanceOf(DqgateException.class)
        .hasMessage(message);
  }
}
