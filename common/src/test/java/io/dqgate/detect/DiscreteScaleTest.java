package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A count of whole days (a delivery time: the floor of an exponential, a dozen levels) against the scale
 * signature: rescaled, its values keep the clean days' levels times the factor, which is a unit change;
 * grown longer (a holiday's deliveries), they spread onto the levels in between, which is not.
 */
class DiscreteScaleTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final int DAYS = 28;
  private static final int ROWS = 450;

  /** A day of one column, its values bent. */
  private interface DayOf {
    MetricRecord day(Random random, LocalDate date, DoubleUnaryOperator bend);
  }

  /** {@link #DAYS} clean days of the column, from {@link #START}. */
  private static List<MetricRecord> cleanDays(Random random, DayOf column) {
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(column.day(random, START.plusDays(d), x -> x));
    }
    return baseline;
  }

  /** One day's stored quantile sketch of {@code rows} delivery times of mean {@code scale}, each bent. */
  private static MetricRecord day(Random random, LocalDate date, int rows, double scale, DoubleUnaryOperator bend) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = bend.applyAsDouble(Math.min(30, Math.floor(-Math.log(1 - random.nextDouble()) * scale)));
    }
    return SignatureDays.sketch(date, "delivery_days", values);
  }

  private static Optional<Finding> judge(int rows, double scale, DoubleUnaryOperator bend) {
    Random random = new Random(7);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(day(random, START.plusDays(d), ROWS, 2.5, x -> x));
    }
    MetricRecord today = day(random, START.plusDays(DAYS), rows, scale, bend);
    return ScaleSignature.judgeColumn(today, baseline, new Signal.Factory(Severity.BLOCK));
  }

  @Test
  void aCountOfDaysInAnotherUnitIsAUnitChange() {
    Finding inches = judge(ROWS, 2.5, x -> x * 2.54).orElseThrow();
    assertThat(inches.cause()).isEqualTo("unit-change");
    assertThat(inches.message()).startsWith("unit change in delivery_days, ×2.54: all its quantiles moved by ×2.54");
    assertThat(judge(ROWS, 2.5, x -> x * 1.61).orElseThrow().message())
        .startsWith("unit change in delivery_days, ×1.61: all its quantiles moved by ×1.61");
  }

  /**
   * A day's stored sketch of departure delays in whole minutes, each bent: most flights up to eight minutes
   * early, a quarter of them late by an exponential tail.
   */
  private static MetricRecord delays(Random random, LocalDate date, DoubleUnaryOperator bend) {
    double[] values = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double late = random.nextDouble() < 0.25 ? Math.floor(-Math.log(1 - random.nextDouble()) * 20) : 0;
      values[i] = bend.applyAsDouble(-8 + Math.floor(8 * random.nextDouble()) + late);
    }
    return SignatureDays.sketch(date, "dep_delay", values);
  }

  @Test
  void delaysInWholeMinutesTimesAHundredAreAUnitChangeNotASentinel() {
    Random random = new Random(11);
    List<MetricRecord> baseline = cleanDays(random, DiscreteScaleTest::delays);
    MetricRecord today = delays(random, START.plusDays(DAYS), x -> x * 100);

    Finding f = ScaleSignature.judgeColumn(today, baseline, new Signal.Factory(Severity.BLOCK)).orElseThrow();

    assertThat(f.message()).startsWith("unit change in dep_delay, ×100: all its quantiles moved by ×100");
    assertThat(ScaleSignature.pointMassBeyond(new double[] {0, 1, 2, 50, 50, 60}, 0, 10))
        .as("one repeated value past the range: a sentinel").isTrue();
    assertThat(ScaleSignature.pointMassBeyond(new double[] {0, -700, -700, -300, -300, 60}, -8, 30))
        .as("several: levels moved together").isFalse();
  }

  /**
   * A day's stored sketch of turnaround hours to one decimal, each bent: most within a few hours, an eighth
   * of them in the fast lane's 0.2 hours.
   */
  private static MetricRecord hours(Random random, LocalDate date, DoubleUnaryOperator bend) {
    double[] values = new double[200];
    for (int i = 0; i < values.length; i++) {
      double hours = random.nextDouble() < 0.125 ? 0.2
          : Math.rint(10 * Math.exp(0.6 + 0.9 * random.nextGaussian())) / 10;
      values[i] = bend.applyAsDouble(hours);
    }
    return SignatureDays.sketch(date, "turnaround", values);
  }

  @Test
  void hoursToOneDecimalTimesAThousandAreAUnitChangeThoughTwoQuantilesTie() {
    Random random = new Random(17);
    List<MetricRecord> baseline = cleanDays(random, DiscreteScaleTest::hours);
    MetricRecord today = hours(random, START.plusDays(DAYS), x -> x * 1000);
    double[] v = io.dqgate.drift.NumericDistribution.fromJson(today.detail()).values();
    assertThat(java.util.stream.IntStream.range(1, v.length - 2).anyMatch(k -> v[k] == v[k + 1]))
        .as("a tenth of an hour times a thousand: neighbouring quantiles of the day share a value").isTrue();

    Finding f = ScaleSignature.judgeColumn(today, baseline, new Signal.Factory(Severity.BLOCK)).orElseThrow();

    assertThat(f.message()).startsWith("unit change in turnaround, ×1000: all its quantiles moved by ×1000");
    assertThat(ScaleSignature.pointMassBeyond(new double[] {0, 300, 300, 400, 700, 900, 2000}, 0, 60))
        .as("one tie among many values past the range: the column moved, no sentinel").isFalse();
  }

  /**
   * Delays in whole minutes whose days move with the weather (each clean day's delays times a level that
   * varies by ×1.35 in one standard deviation, rounded to the minute), then a day whose delays are bent.
   */
  private static Optional<Finding> weatherDelays(DoubleUnaryOperator today) {
    Random random = new Random(13);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      double level = Math.exp(0.3 * random.nextGaussian());
      baseline.add(delays(random, START.plusDays(d), x -> Math.rint(x * level)));
    }
    MetricRecord day = delays(random, START.plusDays(DAYS), today);
    return ScaleSignature.judgeColumn(day, baseline, new Signal.Factory(Severity.BLOCK));
  }

  @Test
  void wholeMinutesTimesAFactorWithinTheWeathersReachAreAUnitChange() {
    // ×1.61 is a level the weather reaches; the values, no longer whole minutes, are whole multiples of it
    Finding f = weatherDelays(x -> x * 1.61).orElseThrow();
    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).startsWith("unit change in dep_delay, ×1.61: each of the day's ");
    // a windy day of whole minutes at the same level, and a repricing by a tenth, are no unit change
    assertThat(weatherDelays(x -> Math.rint(x * 1.61)).map(Finding::message)).isEmpty();
    assertThat(weatherDelays(x -> x * 1.1).map(Finding::message)).isEmpty();
  }

  @Test
  void deliveriesTakingTwiceAsLongAreNoUnitChange() {
    assertThat(judge(ROWS / 4, 5, x -> x).map(Finding::message)).isEmpty();
    assertThat(judge(ROWS / 4, 7.5, x -> x).map(Finding::message)).isEmpty();
  }

  @Test
  void aSegmentOfACountInAnotherUnitIsAUnitChange() {
    int[] row = {0};
    Finding f = judge(ROWS, 2.5, x -> row[0]++ % 5 == 0 ? x * 100 : x).orElseThrow();
    assertThat(f.message()).startsWith("unit change in one segment of delivery_days, ×100: about 20% of its rows");
  }

  /** Seven ordinary days of a delivery time as a feed stored them (their 21-point sketches) and their rows. */
  private static final double[][] ORDINARY = {
      {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 7, 16},
      {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5, 7, 19},
      {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 7, 23},
      {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 4, 4, 5, 7, 14},
      {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 17},
      {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 8, 21},
      {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 15}};
  private static final int[] ORDINARY_ROWS = {1075, 997, 982, 676, 640, 996, 920};

  private static Optional<Finding> againstOrdinaryDays(int scale, double[] today, int rows) {
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(stored(START.plusDays(d), ORDINARY[d % ORDINARY.length], scale * ORDINARY_ROWS[d % 7]));
    }
    return ScaleSignature.judgeColumn(stored(START.plusDays(DAYS), today, rows), baseline,
        new Signal.Factory(Severity.BLOCK));
  }

  /**
   * A holiday as a feed stored it: 278 rows whose deliveries took about twice as long, against a month of
   * ordinary days. Fitted freely, about 70 % of its rows look ×3.28 (feet) larger; but every value is still
   * a whole number of days, none of them a level times 3.28.
   */
  @Test
  void aHolidaysLongerDeliveriesFittedAsASegmentAreNoUnitChange() {
    assertThat(againstOrdinaryDays(1, new double[] {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 9, 11, 14, 27},
        278).map(Finding::message)).isEmpty();
  }

  /**
   * A feed of twenty thousand rows a day: its sketches are its levels exactly, so a level times 1000 must land
   * on the level's point mass, not a rounding error beside it.
   */
  @Test
  void aLargeFeedsCountTimesAThousandIsAUnitChange() {
    Finding f = againstOrdinaryDays(20, new double[] {0, 0, 0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 2000, 2000, 2000,
        3000, 3000, 4000, 4000, 5000, 7000, 23000}, 19_897).orElseThrow();
    assertThat(f.message()).startsWith("unit change in delivery_days, ×1000: all its quantiles moved by ×1000");
  }

  /**
   * Four weeks of the adults on each day's hotel bookings as the feed stored them: of each 21-point sketch, how
   * many points are none, one, two and three adults, and the day's bookings. The share of single guests moves
   * between a tenth and a half.
   */
  private static final int[][] GUESTS = {
      {0, 8, 13, 0, 33}, {0, 11, 9, 1, 21}, {0, 8, 12, 1, 23}, {0, 9, 12, 0, 38}, {0, 5, 16, 0, 42},
      {0, 6, 14, 1, 48}, {0, 2, 17, 2, 19}, {0, 3, 17, 1, 28}, {1, 7, 12, 1, 28}, {0, 5, 16, 0, 25},
      {0, 4, 17, 0, 26}, {0, 3, 17, 1, 88}, {0, 3, 16, 2, 23}, {0, 2, 17, 2, 13}, {0, 4, 17, 0, 42},
      {0, 7, 13, 1, 22}, {0, 4, 17, 0, 24}, {0, 5, 15, 1, 29}, {0, 1, 18, 2, 37}, {0, 3, 18, 0, 31},
      {0, 6, 15, 0, 24}, {0, 8, 13, 0, 26}, {0, 10, 11, 0, 33}, {0, 11, 10, 0, 16}, {0, 9, 12, 0, 37},
      {0, 5, 16, 0, 18}, {0, 6, 15, 0, 57}, {0, 8, 13, 0, 16}};

  /** A sketch of {@code counts[k]} points at each {@code levels[k]}, in order. */
  private static double[] points(int[] counts, double... levels) {
    double[] out = new double[21];
    int at = 0;
    for (int k = 0; k < levels.length; k++) {
      for (int n = 0; n < counts[k]; n++) {
        out[at++] = levels[k];
      }
    }
    return out;
  }

  private static Optional<Finding> againstBookingDays(double[] today, int rows) {
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < GUESTS.length; d++) {
      baseline.add(stored(START.plusDays(d), "adults", points(GUESTS[d], 0, 1, 2, 3), GUESTS[d][4]));
    }
    return ScaleSignature.judgeColumn(stored(START.plusDays(GUESTS.length), "adults", today, rows), baseline,
        new Signal.Factory(Severity.BLOCK));
  }

  /**
   * A day of 114 bookings, 104 of them single guests (a conference): every value is a number of adults the
   * clean days had, in a new mix, and the quantiles halved. Halved, the clean days' values would fall between
   * those (0.5, 1.5), a quarter of them at 0.5 where the day has none: no unit fits the day within its
   * sampling noise. The same column halved does fit.
   */
  @Test
  void aDayOfSingleGuestsIsNoUnitChangeThoughItsQuantilesHalved() {
    assertThat(againstBookingDays(points(new int[] {19, 2}, 1, 2), 114).map(Finding::message)).isEmpty();
    assertThat(againstBookingDays(points(new int[] {7, 13, 1}, 0.5, 1, 1.5), 114).orElseThrow().message())
        .startsWith("unit change in adults, ×0.5: all its quantiles moved by ×0.5");
  }

  private static MetricRecord stored(LocalDate date, double[] values, int rows) {
    return stored(date, "delivery_days", values, rows);
  }

  private static MetricRecord stored(LocalDate date, String column, double[] values, int rows) {
    var detail = SignatureDays.grid(k -> k * 0.05, k -> values[k]);
    detail.put("count", rows);
    return SignatureDays.record(date, Entity.COLUMN, column, MetricNames.QUANTILES, rows, detail.toString());
  }
}
