package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

  /** A day of 5,000 unit prices, lognormal about a level, each bent. */
  private static MetricRecord prices(Random random, LocalDate date, double level, DoubleUnaryOperator bend) {
    double[] values = new double[5000];
    for (int i = 0; i < values.length; i++) {
      values[i] = bend.applyAsDouble(Math.rint(100 * level * Math.exp(3.2 + 0.42 * random.nextGaussian())) / 100);
    }
    return SignatureDays.sketch(date, "unit_price", values);
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
    assertThat(Units.known(1.35)).isFalse();
    assertThat(priceDay(1.36, x -> x)).as("a factor between no units, within four clean levels").isEmpty();
    assertThat(priceDay(1.8, x -> x).orElseThrow().cause()).as("well past them").isEqualTo("unit-change");

    assertThat(Units.known(1.61)).isTrue();
    Finding miles = priceDay(1, x -> Math.rint(100 * x * 1.61) / 100).orElseThrow();
    assertThat(miles.cause()).isEqualTo("unit-change");
    assertThat(miles.message()).startsWith("unit change in unit_price, ×1.61");
  }

  /**
   * The stored sketches of order amounts of a synthetic feed (lognormal prices spread over four orders of
   * magnitude, times quantities and discounts): 28 clean days, then a day on which one city's amounts, about
   * a sixth of the rows, came ×100 and reach into the others' tail.
   */
  private static final double[][] AMOUNTS = {
      {0.55, 4.1, 6.11, 7.9, 9.7, 11.67, 13.78, 16.08, 18.72, 21.57, 25.07,
          29.01, 33.44, 39.06, 45.92, 54.74, 66.24, 83.22, 111.79, 173.56, 5370.16},
      {0.38, 4.11, 6.06, 7.93, 9.81, 11.73, 13.82, 16.16, 18.76, 21.71, 25.18,
          29.35, 33.7, 39.24, 46.11, 54.91, 66.68, 83.29, 111.22, 170.89, 1873.98},
      {0.4, 4.13, 6.14, 7.94, 9.81, 11.86, 14.07, 16.51, 19.14, 22.2, 25.4,
          29.31, 34.22, 39.67, 46.49, 55.06, 66.77, 83.17, 110.44, 168.14, 1690.03},
      {0.43, 4.17, 6.04, 7.73, 9.49, 11.46, 13.52, 15.73, 18.25, 21.27, 24.49,
          28.06, 32.42, 38.11, 44.54, 52.97, 64.36, 81.06, 109.64, 169.59, 2465.81},
      {0.39, 4.33, 6.43, 8.3, 10.2, 12.19, 14.44, 16.75, 19.5, 22.54, 25.87,
          29.79, 34.55, 40.18, 47.03, 55.94, 68.41, 85.23, 113.36, 175.24, 2194.18},
      {0.21, 4.08, 6, 7.88, 9.71, 11.73, 13.92, 16.29, 18.89, 21.74, 25,
          29, 33.52, 38.99, 45.82, 54.87, 67.02, 83.82, 111.9, 168.14, 2330.31},
      {0.35, 4.24, 6.32, 8.2, 10.22, 12.28, 14.5, 16.84, 19.43, 22.3, 25.72,
          29.6, 34.28, 40.08, 47.19, 56.26, 67.96, 86.06, 115.01, 174.55, 2811.21},
      {0.36, 4.21, 6.26, 8.07, 9.95, 11.92, 14.15, 16.52, 18.99, 21.83, 25.21,
          28.96, 33.59, 39.01, 45.61, 54.36, 65.67, 83.38, 111.27, 169.95, 3996.66},
      {0.5, 4.05, 6, 7.77, 9.71, 11.63, 13.73, 15.9, 18.44, 21.33, 24.69,
          28.69, 33.16, 38.85, 45.68, 54.35, 66.16, 82.91, 109.65, 168.16, 3757.53},
      {0.36, 4.5, 6.62, 8.85, 10.96, 13.04, 15.15, 17.68, 20.58, 23.49, 27.28,
          31.7, 37.04, 43.04, 50.41, 59.92, 72.67, 91.44, 120.85, 189.8, 2448.98},
      {0.28, 4.1, 6.16, 7.94, 9.87, 11.9, 14.16, 16.55, 19.18, 21.97, 25.36,
          29.54, 33.9, 39.4, 46.97, 56.17, 69.01, 86.23, 112.32, 172.16, 1282.56},
      {0.39, 4.08, 5.97, 7.87, 9.73, 11.78, 13.97, 16.43, 18.91, 21.65, 24.74,
          28.63, 33.04, 38.49, 44.98, 53.89, 64.94, 81.75, 109.1, 167.46, 2459.09},
      {0.39, 4.14, 6.06, 7.86, 9.74, 11.75, 13.89, 16.18, 18.77, 21.73, 24.93,
          28.94, 33.53, 39.16, 46.3, 55.28, 66.49, 82.85, 110.73, 168.52, 2264.09},
      {0.49, 4.02, 5.91, 7.73, 9.69, 11.72, 13.83, 16.15, 18.6, 21.58, 24.89,
          28.87, 33.65, 39.37, 46.46, 54.61, 67.38, 84.78, 111.55, 167.82, 2318.33},
      {0.52, 4.24, 6.21, 8.14, 9.99, 11.91, 14.11, 16.45, 19.11, 21.98, 25.22,
          28.97, 33.29, 38.62, 45.47, 54.85, 66.48, 82.62, 110.3, 168.59, 1882.89},
      {0.17, 4.16, 6.03, 7.86, 9.72, 11.74, 13.86, 16.14, 18.91, 21.78, 25.12,
          28.9, 33.41, 39.03, 45.7, 54.38, 65.82, 82.48, 109.95, 170.48, 1830.61},
      {0.51, 3.97, 5.93, 7.73, 9.5, 11.51, 13.58, 15.75, 18.14, 20.96, 24.51,
          28.45, 32.71, 38.08, 44.68, 53.09, 63.63, 79.52, 105.4, 161.42, 2453.05},
      {0.39, 4.06, 5.96, 8.01, 9.78, 11.76, 13.77, 16.09, 18.65, 21.64, 24.67,
          28.69, 33.25, 38.77, 45.24, 54.05, 65.68, 82.49, 109.8, 166.82, 2710.41},
      {0.72, 4.13, 6.11, 7.83, 9.71, 11.92, 14.01, 16.38, 19.06, 22.09, 25.46,
          29.49, 33.61, 39.13, 46.45, 54.36, 65.73, 81.72, 108.46, 167.56, 2053.06},
      {0.4, 4.2, 6.16, 7.96, 9.81, 11.84, 13.97, 16.33, 18.96, 21.76, 25.12,
          28.55, 33.02, 38.58, 45.32, 53.84, 65.86, 82.38, 109.75, 170.27, 3862.09},
      {0.25, 3.76, 5.61, 7.37, 9.07, 10.92, 12.88, 15.1, 17.5, 20.2, 23.35,
          27.04, 31.3, 36.04, 42.39, 50.36, 61.09, 75.71, 100.34, 155.37, 2273.25},
      {0.33, 3.98, 5.88, 7.68, 9.51, 11.43, 13.5, 15.82, 18.39, 21.23, 24.51,
          28.02, 32.53, 37.83, 44.6, 53.45, 64.9, 81.58, 108.19, 164.89, 2498.04},
      {0.35, 4, 5.97, 7.83, 9.65, 11.71, 13.8, 16.08, 18.63, 21.61, 24.9,
          28.54, 32.92, 38.2, 44.91, 53.5, 65, 81.47, 108.59, 170.97, 2283.23},
      {0.5, 4.23, 6.27, 8.04, 9.9, 11.82, 14.03, 16.29, 18.91, 22.02, 25.57,
          29.3, 33.94, 39.47, 46.23, 54.9, 66.03, 83.28, 112.66, 173.03, 1598.01},
      {0.61, 4.18, 6.14, 7.9, 9.96, 11.74, 13.83, 16.22, 18.88, 21.87, 25.24,
          29, 33.32, 38.96, 45.64, 53.66, 64.64, 80.62, 107.81, 164.27, 2030.17},
      {0.33, 4.28, 6.28, 8.07, 10.04, 11.92, 13.97, 16.32, 18.9, 21.9, 25.43,
          29.34, 33.82, 39.27, 46.24, 54.94, 66.89, 84.08, 111.63, 174.38, 4293.67},
      {0.41, 3.98, 5.82, 7.66, 9.64, 11.61, 13.77, 16, 18.44, 21.33, 24.49,
          28.11, 33.08, 38.57, 45.64, 53.87, 65, 81.42, 109.42, 169.03, 2717.05},
      {0.32, 4.16, 6.04, 7.73, 9.56, 11.58, 13.57, 15.93, 18.53, 21.51, 24.81,
          28.94, 33.59, 38.96, 45.98, 55.75, 67.7, 86.22, 112.88, 172.6, 1693.95},
  };
  private static final int[] AMOUNT_ROWS = {
    18444, 20012, 12245, 11431, 18802, 18691, 19727, 20073, 20126, 11278, 11741, 20157, 19700, 18689,
    17712, 20074, 11638, 11660, 4897, 19486, 20864, 19817, 21233, 9898, 12414, 18815, 18497, 12291};
  private static final double[] AMOUNTS_ONE_CITY_TIMES_100 = {
    0.28, 4.22, 6.43, 8.5, 10.66, 12.85, 15.43, 18.55, 22.17, 26.4, 31.67,
    38.04, 46.6, 58.46, 76.9, 109.35, 192.75, 675, 1837, 4406, 236771};
  private static final int AMOUNTS_DAY_ROWS = 11113;

  /** A stored sketch of the given 21 points and rows. */
  private static MetricRecord stored(LocalDate date, double[] values, int rows) {
    var detail = SignatureDays.grid(k -> k * 0.05, k -> values[k]);
    detail.put("count", rows);
    return SignatureDays.record(date, Entity.COLUMN, "amount", MetricNames.QUANTILES, rows, detail.toString());
  }

  @Test
  void oneCitysAmountsTimesAHundredAreAUnitChangeInOneSegmentThoughTheirTailsOverlap() {
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < AMOUNTS.length; d++) {
      baseline.add(stored(START.plusDays(d), AMOUNTS[d], AMOUNT_ROWS[d]));
    }
    MetricRecord today = stored(START.plusDays(AMOUNTS.length), AMOUNTS_ONE_CITY_TIMES_100, AMOUNTS_DAY_ROWS);

    Finding f = ScaleSignature.judgeColumn(today, baseline, BLOCK).orElseThrow();

    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).startsWith("unit change in one segment of amount, ×100: about 15% of its rows moved by "
        + "×100");
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

    Finding f = UnitLattice.offWholeNumbers("air_time", clean, day, BLOCK).orElseThrow();

    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.observed()).isCloseTo(1.61, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.message()).startsWith("unit change in air_time, ×1.61: each of the day's 19 non-zero quantiles is "
        + "a whole multiple of 1.61 and 18 of them are no whole number");
    double[] halves = minutes.clone();
    for (int k = 1; k <= 19; k += 4) {
      halves[k] += 0.5;
    }
    assertThat(UnitLattice.offWholeNumbers("air_time", clean, halves, BLOCK))
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
    return SignatureDays.sketch(date, "arr_delay", values);
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

    Random random = new Random(3);
    List<NumericDistribution> clean = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      clean.add(NumericDistribution.fromJson(delays(random, START.plusDays(d), 300, i -> 1).detail()));
    }
    double[] seconds = NumericDistribution.fromJson(delays(random, START.plusDays(DAYS), 300, i -> 60).detail())
        .values();
    Finding f60 = UnitOffRange.beyondOnUnit("arr_delay", io.dqgate.drift.Baselines.mergeNumeric(clean), clean,
        seconds, BLOCK).orElseThrow();
    assertThat(f60.message()).as("whole minutes come back whole at ×60, where ×100 brings them inside the range too")
        .startsWith("unit change in arr_delay, ×60: ");
    assertThat(delayDay(i -> i == 7 ? 9999 : 1)).as("one far row: a sentinel's place, not a segment").isEmpty();
  }

  @Test
  void aSentinelAtTheSketchsTopIsOnePointMass() {
    double[] clock = new double[21];
    for (int k = 0; k < 19; k++) {
      clock[k] = 100 + 120 * k;
    }
    clock[19] = 9999999;
    clock[20] = 9999999;
    assertThat(ScaleSignature.pointMassBeyond(clock, 0, 2359)).as("3 % of rows at 9999999: the 95 % point and the top")
        .isTrue();
    clock[19] = 99990;
    assertThat(ScaleSignature.pointMassBeyond(clock, 0, 2359)).as("two values past the range").isFalse();
  }

  /** A day of strike heights in round feet: a third on the ground, the rest in hundreds up to a few thousand. */
  private static MetricRecord heights(Random random, LocalDate date, int rows, double climbFactor) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      boolean climb = i % 8 == 0;
      double feet = random.nextDouble() < 0.35 && !climb ? 0
          : 100 * Math.floor(-Math.log(1 - random.nextDouble()) * (climb ? 10 : 12));
      values[i] = climb ? Math.max(100, feet) * climbFactor : feet;
    }
    return SignatureDays.sketch(date, "height", values);
  }

  @Test
  void roundValuesThatEveryPowerOfTenBringsBackAreStillAPowerOfTenSlip() {
    Random random = new Random(11);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(heights(random, START.plusDays(d), 60, 1));
    }
    Finding f = ScaleSignature.judgeColumn(heights(random, START.plusDays(DAYS), 60, 100), baseline, BLOCK)
        .orElseThrow();

    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).as("÷100, ÷1000 and ÷10000 each bring the climbing rows back whole and inside")
        .startsWith("unit change in one segment of height, ×100 or another power of ten: ");
    assertThat(ScaleSignature.judgeColumn(heights(random, START.plusDays(DAYS), 60, 1), baseline, BLOCK))
        .as("a clean day").isEmpty();
  }

  /** A day of room prices, lognormal about a level that climbs 1.5 % a day into the season, times {@code factor}. */
  private static MetricRecord prices(Random random, int day, int rows, double factor) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = Math.rint(100 * Math.exp(0.015 * day + 0.3 * random.nextGaussian()) * factor * 100) / 100;
    }
    return SignatureDays.sketch(START.plusDays(day), "price", values);
  }

  @Test
  void aColumnOnATrendIsMeasuredFromWhereTheTrendStandsToday() {
    Random random = new Random(5);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(prices(random, d, 40, 1));
    }
    Finding f = ScaleSignature.judgeColumn(prices(random, DAYS, 40, 1.609344), baseline, BLOCK).orElseThrow();

    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).as("the season's climb over the window is no day's stray").startsWith(
        "unit change in price, ×").contains("off the column's trend");
    assertThat(f.observed()).as("the factor off the trend").isBetween(1.5, 1.8);
    assertThat(ScaleSignature.judgeColumn(prices(random, DAYS, 40, 1), baseline, BLOCK)).as("a day on the trend")
        .isEmpty();
    assertThat(ScaleSignature.judgeColumn(prices(random, DAYS, 40, 1.3), baseline, BLOCK))
        .as("a day 30 % above it, no unit apart").isEmpty();
  }

  @Test
  void levelsWithoutALineThroughThemKeepTheirFullSpread() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
    LevelTrend flat = LevelTrend.of(x, new double[] {0.1, -0.1, 0.05, -0.2, 0.15, -0.05, 0.1, -0.1}, 8);
    assertThat(flat.trending()).isFalse();
    assertThat(flat.expected()).isZero();
    assertThat(flat.spread()).isEqualTo(0.2);
    LevelTrend rising = LevelTrend.of(x, new double[] {-0.35, -0.24, -0.16, -0.05, 0.05, 0.16, 0.24, 0.35}, 8);
    assertThat(rising.trending()).isTrue();
    assertThat(rising.expected()).isCloseTo(0.45, within(0.02));
    assertThat(rising.spread()).isLessThan(0.02);
  }

  @Test
  void aStormsDayOfLongRoutesOnlyCrowdsTheRangesEndWithoutPassingIt() {
    // a feed's clean air times, short business routes and long ones, against a storm's Saturday on which the
    // short ones were cancelled: 49 flights, their longest 386 minutes where the clean days reached 381
    double[][] clean = {
        {36, 41, 42, 45, 50, 55, 64, 69, 78, 83, 91, 101, 114, 130, 168, 174, 222, 233, 255, 308, 369},
        {40, 43, 44, 51, 61, 69, 79, 90, 99, 114, 144, 169, 175, 187, 216, 238, 248, 263, 289, 332, 375},
        {37, 39, 41, 44, 47, 53, 61, 67, 75, 80, 87, 95, 111, 125, 161, 171, 213, 228, 243, 297, 348},
        {42, 45, 50, 58, 67, 75, 86, 95, 104, 121, 141, 177, 186, 194, 224, 240, 256, 265, 287, 329, 381},
        {35, 38, 40, 42, 46, 52, 59, 64, 74, 78, 86, 95, 106, 118, 157, 169, 204, 217, 237, 279, 323},
        {38, 42, 43, 46, 50, 54, 62, 69, 78, 85, 93, 101, 113, 138, 172, 182, 224, 236, 253, 290, 381}};
    double[] p = new double[21];
    for (int k = 0; k < 21; k++) {
      p[k] = k * 0.05;
    }
    List<NumericDistribution> days = new ArrayList<>();
    for (double[] day : clean) {
      days.add(NumericDistribution.of(p, day, 290, 0));
    }
    NumericDistribution merged = io.dqgate.drift.Baselines.mergeNumeric(days);
    double[] storm = {43, 46, 49, 63, 80, 103, 109, 127, 135, 177, 192, 201, 238, 246, 255, 259, 268, 303, 369, 380,
        386};
    ScaledMixture.Fit fit = new ScaledMixture.Fit(3.28, 0.35, 0.1);
    assertThat(ScaleSignature.segmentSeen(merged, days, storm, fit)).isFalse();
    double[] feet = storm.clone();
    feet[18] = 200 * 3.28;
    feet[19] = 250 * 3.28;
    feet[20] = 300 * 3.28;
    assertThat(ScaleSignature.segmentSeen(merged, days, feet, fit)).as("its long routes in another unit").isTrue();
  }

  @Test
  void rowsCrowdingAZeroTheCleanDaysReachedLeaveNoRange() {
    // film budgets: most clean days' smallest budget a few thousand, some days a zero; a year of micro-budget
    // films puts a third of the day near zero, which a fit reads as a segment divided by a thousand
    double[] minima = {0, 2000, 8000, 12000, 5000, 0, 3000, 1000};
    double[] p = new double[21];
    for (int k = 0; k < 21; k++) {
      p[k] = k * 0.05;
    }
    List<NumericDistribution> days = new ArrayList<>();
    for (double min : minima) {
      double[] v = new double[21];
      v[0] = min;
      for (int k = 1; k < 21; k++) {
        v[k] = 40_000 * Math.pow(1.35, k) + min;
      }
      days.add(NumericDistribution.of(p, v, 60, 0));
    }
    NumericDistribution merged = io.dqgate.drift.Baselines.mergeNumeric(days);
    double[] microBudgets = {0, 0, 0, 500, 1000, 1500, 2500, 60_000, 100_000, 200_000, 300_000, 400_000, 600_000,
        900_000, 1_200_000, 1_500_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 20_000_000};
    ScaledMixture.Fit fit = new ScaledMixture.Fit(0.001, 0.3, 0.05);
    assertThat(ScaleSignature.segmentSeen(merged, days, microBudgets, fit))
        .as("rows on the zero the clean days reached have not left their range").isFalse();
    List<NumericDistribution> floored = new ArrayList<>();
    for (NumericDistribution d : days) {
      double[] v = d.values().clone();
      v[0] = Math.max(v[0], 1000);
      floored.add(NumericDistribution.of(p, v, 60, 0));
    }
    NumericDistribution flooredMerged = io.dqgate.drift.Baselines.mergeNumeric(floored);
    double[] thousands = microBudgets.clone();
    thousands[0] = 120;
    thousands[1] = 300;
    thousands[2] = 500;
    assertThat(ScaleSignature.segmentSeen(flooredMerged, floored, thousands, fit))
        .as("budgets written in thousands, below the least budget any clean day held").isTrue();
  }

  @Test
  void aRescaleOnADayOfMoreThanTwiceTheValuesOfEveryCleanDayWarns() {
    Random random = new Random(5);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      baseline.add(prices(random, START.plusDays(d), 1, x -> x));
    }
    double[] values = new double[12000];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.rint(100 * 0.3 * Math.exp(3.2 + 0.42 * random.nextGaussian())) / 100;
    }
    MetricRecord crowded = SignatureDays.sketch(START.plusDays(DAYS), "unit_price", values);
    Finding blocked = ScaleSignature.judgeColumn(crowded, baseline, BLOCK).orElseThrow();
    assertThat(blocked.severity()).isEqualTo(Severity.BLOCK);
    Finding warned = ScaleSignature.ofItsOwnPopulation(blocked, crowded, baseline);
    assertThat(warned.severity()).isEqualTo(Severity.WARN);
    assertThat(warned.message()).endsWith("; the day counts 12000 values, more than 2 times any of its " + DAYS
        + " clean days (at most 5000): a population of its own, whose magnitudes a new mix explains as well as a "
        + "unit");

    MetricRecord like = prices(random, START.plusDays(DAYS), 0.3, x -> x);
    Finding same = ScaleSignature.judgeColumn(like, baseline, BLOCK).orElseThrow();
    assertThat(ScaleSignature.ofItsOwnPopulation(same, like, baseline)).as("a day like the others").isSameAs(same);
  }
}
