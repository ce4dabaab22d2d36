package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Which factors the scale signature reads as units: a factor between common units past the clean days'
 * level shifts, a factor between none only well past them, whole minutes rescaled by one that keeps a few
 * of them whole, and one segment of a column that crosses zero, seen only at the sketch's ends.
 */
class UnitFactorTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final int DAYS = 28;
  private static final Signal.Factory BLOCK = new Signal.Factory(Severity.BLOCK);

  /** A day's stored quantile sketch (the 5 % grid) of a column's values. */
  private static MetricRecord sketch(LocalDate date, String column, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    var detail = SignatureDays.grid(k -> k * 0.05, k -> sorted[(int) Math.round(k * 0.05 * (sorted.length - 1))]);
    detail.put("count", sorted.length);
    return SignatureDays.record(date, Entity.COLUMN, column, MetricNames.QUANTILES, sorted.length,
        detail.toString());
  }

  /** A day of 5,000 unit prices, lognormal about a level, each bent. */
  private static MetricRecord prices(Random random, LocalDate date, double level, DoubleUnaryOperator bend) {
    double[] values = new double[5000];
    for (int i = 0; i < values.length; i++) {
      values[i] = bend.applyAsDouble(Math.rint(100 * level * Math.exp(3.2 + 0.42 * random.nextGaussian())) / 100);
    }
    return sketch(date, "unit_price", values);
  }

  /** Prices whose clean days' levels move by up to ×1.09 (a heavy-tailed price level), then a bent day. */
  private static Optional<Finding> priceDay(double level, DoubleUnaryOperator bend) {
    Random random = new Random(5);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(prices(random, START.plusDays(d), Math.exp(0.08 * Math.sin(d * 1.7)), x -> x));
    }
    MetricRecord today = prices(random, START.plusDays(DAYS), level, bend);
    return ScaleSignature.judgeColumn(today, baseline, BLOCK);
  }

  @Test
  void aPriceLevelOfTimesOnePointThreeFiveIsNoUnitButAMilesFactorIs() {
    // ×1.36 is more than three times the clean days' largest level (×1.09), and less than four times it
    assertThat(ScaleSignature.knownUnit(1.35)).isFalse();
    assertThat(priceDay(1.36, x -> x)).as("a factor between no units, within four clean levels").isEmpty();
    assertThat(priceDay(1.8, x -> x).orElseThrow().cause()).as("well past them").isEqualTo("unit-change");

    assertThat(ScaleSignature.knownUnit(1.61)).isTrue();
    Finding miles = priceDay(1, x -> Math.rint(100 * x * 1.61) / 100).orElseThrow();
    assertThat(miles.cause()).isEqualTo("unit-change");
    assertThat(miles.message()).startsWith("unit change in unit_price, ×1.61");
  }

  /** A stored sketch of the given 21 points. */
  private static NumericDistribution points(double... values) {
    var detail = SignatureDays.grid(k -> k * 0.05, k -> values[k]);
    detail.put("count", 240);
    return NumericDistribution.fromJson(detail.toString());
  }

  @Test
  void wholeMinutesTimesAMilesFactorKeepTheirLatticeThoughOneOfThemStaysWhole() {
    List<NumericDistribution> clean = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      int shift = d % 5;
      clean.add(points(39 + shift, 44, 62, 71, 81, 95 + shift, 100, 111, 117, 133, 171, 181, 215, 228, 237 + shift,
          251, 263, 282, 319, 352, 384));
    }
    double[] minutes = {37, 42, 57, 66, 76, 93, 100, 106, 116, 145, 161, 170, 197, 211, 223, 234, 247, 275, 299, 322,
        362};
    double[] day = Arrays.stream(minutes).map(x -> Math.rint(100 * x * 1.61) / 100).toArray();
    assertThat(day[6]).as("100 minutes ×1.61: a whole number").isEqualTo(161);

    Finding f = ScaleSignature.offWholeNumbers("air_time", clean, day, BLOCK).orElseThrow();

    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.observed()).isCloseTo(1.61, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.message()).startsWith("unit change in air_time, ×1.61: each of the day's 19 non-zero quantiles is "
        + "a whole multiple of 1.61 and 18 of them are no whole number");
    double[] halves = minutes.clone();
    for (int k = 1; k <= 19; k += 4) {
      halves[k] += 0.5;
    }
    assertThat(ScaleSignature.offWholeNumbers("air_time", clean, halves, BLOCK))
        .as("a few half minutes among whole ones: no unit").isEmpty();
  }

  /** A day of arrival delays in whole minutes: a few early, most a little late, a long tail, each bent by row. */
  private static MetricRecord delays(Random random, LocalDate date, int rows, java.util.function.IntToDoubleFunction
      bend) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      double delay = Math.rint(-20 + 25 * random.nextDouble() + Math.floor(-Math.log(1 - random.nextDouble()) * 18));
      values[i] = delay * bend.applyAsDouble(i);
    }
    return sketch(date, "arr_delay", values);
  }

  private static Optional<Finding> delayDay(java.util.function.IntToDoubleFunction bend) {
    Random random = new Random(3);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(delays(random, START.plusDays(d), 300, i -> 1));
    }
    return ScaleSignature.judgeColumn(delays(random, START.plusDays(DAYS), 350, bend), baseline, BLOCK);
  }

  @Test
  void oneCarriersDelaysTimesAHundredAreAUnitChangeInOneSegment() {
    // every twelfth flight (one carrier) in hundredths of a minute: its early ones fall far below, its late far above
    Finding f = delayDay(i -> i % 12 == 0 ? 100 : 1).orElseThrow();

    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).startsWith("unit change in one segment of arr_delay, ×100: ");
    assertThat(delayDay(i -> 1)).as("a clean day").isEmpty();
    assertThat(delayDay(i -> i == 7 ? 9999 : 1)).as("one far row: a sentinel's place, not a segment").isEmpty();
  }
}
