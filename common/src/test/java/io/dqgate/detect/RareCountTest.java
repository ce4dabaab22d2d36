package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** A counter's rows on a day against the rate its clean days held together, where their counts hold to one rate. */
class RareCountTest {
  @Test
  void theChanceIsPoissonsTailAtThePooledRateWithOneRowAdded() {
    // 3 rows in 1500, one added: 4 / 1500 of 88 rows is 0.235 expected; 6 or more by chance ~2.4e-7
    double[] shares = new double[15];
    double[] rows = new double[15];
    java.util.Arrays.fill(rows, 100);
    shares[3] = 0.02;
    shares[9] = 0.01;
    RareCount six = RareCount.of(6 / 88.0, 88, shares, rows);
    assertThat(six.count()).isEqualTo(6);
    assertThat(six.cleanCount()).isCloseTo(3, within(1e-9));
    double lambda = 4 / 1500.0 * 88;
    double tail = 1 - new org.apache.commons.math3.distribution.PoissonDistribution(lambda).cumulativeProbability(5);
    assertThat(six.chance()).isCloseTo(tail, within(tail * 1e-6));
    assertThat(RareCount.of(2 / 88.0, 88, shares, rows).chance()).isGreaterThan(0.01);
    assertThat(RareCount.of(0, 88, shares, rows).chance()).isEqualTo(1);
  }

  @Test
  void aFewRowsOnAFewOfManyDaysAreNoSignOfScatter() {
    // one day of two and one of one among thirty: laid at random, two rows share a day about one time in ten
    double[] shares = new double[30];
    double[] rows = new double[30];
    java.util.Arrays.fill(rows, 80);
    shares[12] = 2 / 80.0;
    shares[25] = 1 / 80.0;
    assertThat(RareCount.of(6 / 88.0, 88, shares, rows).scattered()).isFalse();
    double[] counts = java.util.Arrays.stream(shares).map(v -> v * 80).toArray();
    double statistic = RareCount.chiSquare(counts, rows, 3, 2400);
    assertThat(statistic).isCloseTo(47, within(0.01));
    assertThat(RareCount.scatterChance(counts, rows, statistic)).isBetween(0.05, 0.2);
  }

  @Test
  void countsThatSwingFromNoneToManyHaveNoChanceTaken() {
    // days of 0, 0, 12, 0, 6, 0, 30 of 200 rows: far more scattered than Poisson sampling at their rate
    double[] shares = {0, 0, 0.06, 0, 0.03, 0, 0.15};
    double[] rows = {200, 200, 200, 200, 200, 200, 200};
    RareCount scattered = RareCount.of(0.5, 200, shares, rows);
    assertThat(scattered.scattered()).isTrue();
    assertThat(scattered.chance()).as("Poisson's, at their rate").isLessThan(1e-12);
    assertThat(scattered.pastChance(1e-6)).isFalse();
    RareCount steady = RareCount.of(0.1, 100, new double[] {0.005, 0.005, 0.005}, new double[] {200, 200, 200});
    assertThat(steady.scattered()).as("exactly the rate every day").isFalse();
    assertThat(steady.pastChance(1e-6)).isTrue();
  }

  @Test
  void aDayLargerThanAnyCleanDayThatExpectsARowOrMoreIsLeftToTheMargin() {
    // a hotel's days of about thirty rooms, one copied row in thirty, then a day of groups: 22 of 79
    double[] shares = new double[40];
    double[] rows = new double[40];
    java.util.Arrays.fill(rows, 30);
    for (int i = 0; i < shares.length; i++) {
      shares[i] = (i % 3) / 30.0;
    }
    RareCount groups = RareCount.of(22 / 79.0, 79, shares, rows);
    assertThat(groups.scattered()).isFalse();
    assertThat(groups.expected()).isGreaterThan(1);
    assertThat(groups.chance()).isLessThan(1e-6);
    assertThat(groups.pastChance(1e-6)).isFalse();
  }

  @Test
  void aDayOfTheCleanDaysSizeIsPastChanceThoughItExpectsSeveralRows() {
    // a pizzeria's days of 100 to 175 orders, two or three copied in each, then 12 of 145
    double[] shares = new double[30];
    double[] rows = new double[30];
    for (int i = 0; i < shares.length; i++) {
      rows[i] = 100 + (i * 37) % 76;
      shares[i] = (1 + i % 4) / rows[i];
    }
    RareCount copies = RareCount.of(12 / 145.0, 145, shares, rows);
    assertThat(copies.scattered()).isFalse();
    assertThat(copies.expected()).isGreaterThan(2);
    assertThat(copies.pastChance(1e-4)).isTrue();
    // three times the day's expectation is still chance
    assertThat(RareCount.of(7 / 145.0, 145, shares, rows).pastChance(1e-4)).isFalse();
  }

  /** A day's counted records, from its date, its index (30 for the day judged) and its rows. */
  private interface DayRecords {
    List<MetricRecord> of(LocalDate day, int index, int rows);
  }

  /**
   * Thirty clean weeks of {@code low} to {@code low + spread} rows, then a week of {@code todayRows}, each with its
   * row count and the records {@code counted} gives: the scores of the last.
   */
  private static List<Scored> weeks(int seed, int low, int spread, int todayRows, DayRecords counted) {
    Random random = new Random(seed);
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      int n = i == 30 ? todayRows : low + random.nextInt(spread);
      all.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, n, null));
      all.addAll(counted.of(day, i, n));
    }
    return FractionSignatures.score(SignatureDays.lastDay(all), SignatureDays.before(all),
        new Signal.Factory(Severity.BLOCK), 365);
  }

  /** Thirty clean weeks of 60 to 100 rows, {@code copies} of them copied rows, then a week of 88 rows. */
  private static List<Scored> week(IntUnaryOperator copies, int todayCopies) {
    return weeks(17, 60, 40, 88, (day, i, n) -> List.of(SignatureDays.record(day, Entity.DATASET,
        MetricKey.WHOLE_DATASET, MetricNames.DUPLICATE_ROW_FRACTION,
        (double) (i == 30 ? todayCopies : copies.applyAsInt(i)) / n, null)));
  }

  @Test
  void aHandfulOfCopiedRowsPastTheWeeksThatHeldOneOrTwoIsPastChance() {
    IntUnaryOperator now = i -> i == 12 ? 2 : i % 7 == 3 ? 1 : 0;
    List<Scored> six = week(now, 6);
    // the envelope, widened by a small week's two copies, does not reach
    assertThat(six.get(0).fixedAlarm()).isFalse();
    assertThat(six).hasSize(2);
    Scored rare = six.get(1);
    assertThat(rare.key()).as("outside calibration").isNull();
    assertThat(rare.finding().severity()).isEqualTo(Severity.BLOCK);
    assertThat(rare.finding().cause()).isEqualTo("duplicates");
    assertThat(rare.finding().message()).startsWith("duplicate_row_fraction: 6.8% duplicate rows, 6 of 88 rows, "
        + "where the clean days held 6 in ").contains("as many by chance about once in ");
    assertThat(rare.finding().score()).isGreaterThanOrEqualTo(Calibration.UNCALIBRATED_SIGNATURE_BLOCK);
    assertThat(week(now, 2)).as("two copies").hasSize(1);
  }

  @Test
  void copiesThatComeInBatchesOnCleanWeeksAreNotRare() {
    assertThat(week(i -> i % 5 == 0 ? 8 : 0, 6)).hasSize(1);
  }

  /** Thirty clean weeks of 20 to 80 rows with {@code nulls} of them empty in one column, then a week of 8 rows. */
  private static List<Scored> nullWeek(IntUnaryOperator nulls, int todayNulls) {
    return nullWeek(nulls, todayNulls, 0);
  }

  /**
   * As {@link #nullWeek(IntUnaryOperator, int)}, beside a column of a few nulls a week with {@code alsoEmptied} of
   * the last week's rows empty.
   */
  private static List<Scored> nullWeek(IntUnaryOperator nulls, int todayNulls, int alsoEmptied) {
    return weeks(23, 20, 60, 8, (day, i, n) -> List.of(
        SignatureDays.record(day, Entity.COLUMN, "offense", MetricNames.NULL_FRACTION,
            (double) (i == 30 ? todayNulls : nulls.applyAsInt(i)) / n, null),
        SignatureDays.record(day, Entity.COLUMN, "race", MetricNames.NULL_FRACTION,
            (i == 30 ? alsoEmptied : i % 3) / (double) n, null)));
  }

  /** The finding past chance at the pooled rate among a day's scores, if any. */
  private static java.util.Optional<Scored> pastChance(List<Scored> scores) {
    return scores.stream().filter(s -> s.key() == null && s.finding().message().contains(" rows, where the clean "))
        .findFirst();
  }

  @Test
  void halfOfASmallWeekEmptiedWhereNoCleanWeekHadANullIsPastChance() {
    Scored rare = pastChance(nullWeek(i -> 0, 4)).orElseThrow();
    assertThat(rare.finding().cause()).isEqualTo("null-spike");
    assertThat(rare.finding().score()).isGreaterThanOrEqualTo(Calibration.UNCALIBRATED_SIGNATURE_BLOCK);
    assertThat(rare.finding().message()).startsWith("offense.null_fraction: 50.0% nulls, 4 of 8 rows, where the "
        + "clean days held 0 in ");
    assertThat(pastChance(nullWeek(i -> 0, 1))).as("one empty value in a small week").isEmpty();
    assertThat(pastChance(nullWeek(i -> 0, 4, 5))).as("a week whose people went unrecorded in two fields at once")
        .isEmpty();
    assertThat(pastChance(nullWeek(i -> 0, 4, 2))).as("the other field's 2 of 8 rows: within a small week's noise")
        .isPresent();
    assertThat(pastChance(nullWeek(i -> i % 6 == 0 ? 15 : 0, 4))).as("weeks that empty the column in batches")
        .isEmpty();
  }
}
