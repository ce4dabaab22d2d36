package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An extreme past one end of the clean range is measured in that end's own width: twice its distance from the
 * clean days' median, at most the whole range. A skewed column's short end is not widened by its long one.
 */
class RangeSignatureTest {
  static final LocalDate START = LocalDate.of(2025, 1, 6);

  private static MetricRecord column(LocalDate day, String metric, double value) {
    return SignatureDays.record(day, Entity.COLUMN, "arr_delay", metric, value, null);
  }

  /**
   * Twenty clean days of arrival delays: the earliest 30 to 49 minutes early, the median 4 minutes early, the
   * longest 100 to 400 minutes late, and on two storm days 600.
   */
  private static MetricHistory delays() {
    Random random = new Random(3);
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      LocalDate day = START.plusDays(i);
      records.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, 500,
          null));
      records.add(column(day, MetricNames.MIN, i == 2 ? -49 : -30 - random.nextInt(19)));
      records.add(column(day, MetricNames.MEDIAN, -4 + random.nextInt(3) - 1));
      records.add(column(day, MetricNames.MAX, i == 6 || i == 13 ? 600 : 100 + random.nextInt(300)));
    }
    return new MetricHistory(records);
  }

  private static Scored scored(double min, double max) {
    LocalDate today = START.plusDays(20);
    Map<MetricKey, MetricRecord> day = Map.of(
        MetricKey.column("arr_delay", MetricNames.MIN), column(today, MetricNames.MIN, min),
        MetricKey.column("arr_delay", MetricNames.MAX), column(today, MetricNames.MAX, max));
    List<Scored> out = RangeSignature.score(day, delays(), new Signal.Factory(Severity.BLOCK), 365);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void anExtremePastTheShortEndIsMeasuredInThatEndsWidth() {
    // 90 minutes wide below (twice 45 from the median to the earliest), 649 for the whole range
    Scored segment = scored(-800, 300);
    assertThat(segment.finding().metric()).isEqualTo(MetricNames.MIN);
    assertThat(segment.score()).isBetween(8.3, 8.4);
    assertThat(segment.fixedAlarm()).isTrue();
    assertThat(segment.finding().message()).contains("8.3 widths of 90, that end's own (the clean median is -4)");

    Scored both = scored(-800, 2500);
    assertThat(both.finding().metric()).as("the longest delay past its record too, by fewer of that end's widths")
        .isEqualTo(MetricNames.MIN);
    assertThat(both.score()).isEqualTo(segment.score());

    Scored early = scored(-60, 300);
    assertThat(early.score()).as("11 minutes earlier than the earliest clean day").isLessThan(0.2);
    assertThat(early.fixedAlarm()).isFalse();
  }

  @Test
  void theLongEndKeepsTheWholeRange() {
    Scored storm = scored(-40, 1200);
    assertThat(storm.finding().metric()).isEqualTo(MetricNames.MAX);
    assertThat(storm.finding().message()).contains("widths of that range");
    assertThat(storm.fixedAlarm()).as("twice the storms' longest: short of three times the record the first storm "
        + "broke it by").isFalse();
  }

  /** A day of 400 arrival delays: about 4 minutes early, spread 12 minutes, one flight in ten late by hours. */
  private static double[] delayRows(Random random) {
    double[] rows = new double[400];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Math.rint(-4 + 12 * random.nextGaussian()
          + (random.nextDouble() < 0.1 ? -40 * Math.log(1 - random.nextDouble()) : 0));
    }
    return rows;
  }

  /** The day's extremes, median and 21-point quantile sketch, as profiling stores them. */
  private static List<MetricRecord> profiled(LocalDate day, double[] rows) {
    double[] sorted = rows.clone();
    java.util.Arrays.sort(sorted);
    com.fasterxml.jackson.databind.node.ObjectNode detail = SignatureDays.grid(k -> k * 0.05,
        k -> sorted[(int) Math.round(k * 0.05 * (sorted.length - 1))]);
    detail.put("count", sorted.length);
    return List.of(
        SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, rows.length, null),
        column(day, MetricNames.MIN, sorted[0]), column(day, MetricNames.MAX, sorted[sorted.length - 1]),
        column(day, MetricNames.MEDIAN, sorted[sorted.length / 2]),
        SignatureDays.record(day, Entity.COLUMN, "arr_delay", MetricNames.QUANTILES, rows.length,
            detail.toString()));
  }

  @Test
  void aDayPastBothEndsIsNoTailOfItsOwnThoughItKeptItsShape() {
    Random random = new Random(11);
    List<MetricRecord> clean = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clean.addAll(profiled(START.plusDays(i), delayRows(random)));
    }
    MetricHistory history = new MetricHistory(clean);
    LocalDate today = START.plusDays(20);
    double[] rows = delayRows(random);

    double[] storm = java.util.Arrays.stream(rows).map(x -> x + 600).toArray();
    Scored late = RangeSignature.score(SignatureDays.lastDay(profiled(today, storm)), history,
        new Signal.Factory(Severity.BLOCK), 365).get(0);
    assertThat(late.finding().metric()).isEqualTo(MetricNames.MAX);
    assertThat(late.finding().message()).as("every flight ten hours later: the late end alone moved out")
        .contains("the day's own quartiles moved out with it");
    assertThat(late.fixedAlarm()).isFalse();

    double[] thousandfold = java.util.Arrays.stream(rows).map(x -> x * 1000).toArray();
    Scored unit = RangeSignature.score(SignatureDays.lastDay(profiled(today, thousandfold)), history,
        new Signal.Factory(Severity.BLOCK), 365).get(0);
    assertThat(unit.fixedAlarm()).as("the same shape, a thousand times as wide: past the earliest and the latest")
        .isTrue();
    assertThat(unit.finding().message()).doesNotContain("own quartiles");
  }
  /** {@code days} clean days of turnaround times in hours: the shortest 0.6 to 3, the median 5, the longest 10–18. */
  private static MetricHistory turnarounds(int days) {
    Random random = new Random(5);
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate day = START.plusDays(i);
      records.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, 100,
          null));
      records.add(column(day, MetricNames.MIN, 0.6 + 2.4 * random.nextDouble()));
      records.add(column(day, MetricNames.MEDIAN, 5));
      records.add(column(day, MetricNames.MAX, 10 + 8 * random.nextDouble()));
    }
    return new MetricHistory(records);
  }

  private static Scored turnaround(int days, double max) {
    LocalDate today = START.plusDays(days);
    Map<MetricKey, MetricRecord> day = Map.of(
        MetricKey.column("arr_delay", MetricNames.MIN), column(today, MetricNames.MIN, 2),
        MetricKey.column("arr_delay", MetricNames.MAX), column(today, MetricNames.MAX, max));
    return RangeSignature.score(day, turnarounds(days), new Signal.Factory(Severity.BLOCK), 365).get(0);
  }

  @Test
  void aRangeOfAFewDaysWarnsOnAStragglerAndBlocksASentinelOrManyRowsPastIt() {
    // a week: a clean day breaks its record once in 8, and by 8 widths once in 9 of those (a Pareto tail of index 1)
    assertThat(RangeSignature.heavyTailExcess(7, 365)).isEqualTo(44.625);
    assertThat(RangeSignature.heavyTailChance(7, 8)).isEqualTo(1.0 / 72);
    Scored straggler = turnaround(7, 155);
    assertThat(straggler.fixedAlarm()).isTrue();
    assertThat(straggler.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(straggler.finding().message()).contains("[a range of 7 clean days: a column with a heavy tail breaks "
        + "it this far about once in").contains("it blocks from 44.6 widths, once in 365]");
    assertThat(turnaround(7, 9_999_999).finding().severity()).as("a sentinel").isEqualTo(Severity.BLOCK);
    // a tenth of the day's rows past the record: ages in months, no straggler
    LocalDate today = START.plusDays(7);
    double[] rows = new double[100];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i < 10 ? 12 * (20 + i) : 2 + i % 9;
    }
    Scored months = RangeSignature.score(SignatureDays.lastDay(profiled(today, rows)), turnarounds(7),
        new Signal.Factory(Severity.BLOCK), 365).get(0);
    assertThat(months.fixedAlarm()).isTrue();
    assertThat(months.finding().severity()).isEqualTo(Severity.BLOCK);
    // two weeks: the range's own record excesses decide
    assertThat(turnaround(RangeSignature.YOUNG_DAYS, 155).finding().severity()).isEqualTo(Severity.BLOCK);
  }

  /** A day's extremes with their runner-ups, as profiling stores them. */
  private static Map<MetricKey, MetricRecord> extremes(LocalDate day, double min, double minNext, double max,
      double maxNext) {
    return Map.of(
        MetricKey.column("arr_delay", MetricNames.MIN), SignatureDays.record(day, Entity.COLUMN, "arr_delay",
            MetricNames.MIN, min, "{\"" + MetricNames.NEXT + "\": " + minNext + "}"),
        MetricKey.column("arr_delay", MetricNames.MAX), SignatureDays.record(day, Entity.COLUMN, "arr_delay",
            MetricNames.MAX, max, "{\"" + MetricNames.NEXT + "\": " + maxNext + "}"));
  }

  private static Scored scoredWithRunnerUps(double max, double maxNext) {
    List<Scored> out = RangeSignature.score(extremes(START.plusDays(20), -35, -30, max, maxNext), delays(),
        new Signal.Factory(Severity.BLOCK), 365);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void oneRowAlonePastTheRangeWarnsWhereRowsPastItOrASentinelBlock() {
    Scored typo = scoredWithRunnerUps(61_370, 350);
    assertThat(typo.fixedAlarm()).isTrue();
    assertThat(typo.key()).isEqualTo("signature:arr_delay" + RangeSignature.KEY_SUFFIX);
    assertThat(typo.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(RangeSignature.warnsAtMost(typo)).isTrue();
    assertThat(RangeSignature.loneColumn("arr_delay", extremes(START.plusDays(20), -35, -30, 61_370, 350),
        delays())).isTrue();
    assertThat(typo.finding().message()).contains("one row alone (the next value is 350)");

    Scored rows = scoredWithRunnerUps(61_370, 40_000);
    assertThat(rows.finding().severity()).as("a second row past the range").isEqualTo(Severity.BLOCK);
    assertThat(RangeSignature.loneColumn("arr_delay", extremes(START.plusDays(20), -35, -30, 61_370, 40_000),
        delays())).isFalse();

    Scored sentinel = scoredWithRunnerUps(9_999_999, 350);
    assertThat(sentinel.finding().severity()).as("a placeholder, however lone").isEqualTo(Severity.BLOCK);

    assertThat(RangeSignature.placeholder(-1)).isTrue();
    assertThat(RangeSignature.placeholder(-999)).isTrue();
    assertThat(RangeSignature.placeholder(99_999)).isTrue();
    assertThat(RangeSignature.placeholder(9)).isFalse();
    assertThat(RangeSignature.placeholder(9811)).isFalse();
    assertThat(RangeSignature.placeholder(999.5)).isFalse();
  }

  @Test
  void oneNegativeRowInAColumnNeverNegativeWarnsAndManyBlock() {
    LocalDate today = START.plusDays(20);
    java.util.function.BiFunction<Double, Double, Severity> judged = (min, next) -> RangeSignature.judge(today,
        extremes(today, min, next, 12, 11), turnarounds(20), new Signal.Factory(Severity.BLOCK)).get(0).severity();
    assertThat(judged.apply(-18.6, 0.5)).as("one negative turnaround").isEqualTo(Severity.WARN);
    assertThat(judged.apply(-18.6, -2.0)).as("two negative rows").isEqualTo(Severity.BLOCK);
    assertThat(judged.apply(-1.0, 0.5)).as("the placeholder -1").isEqualTo(Severity.BLOCK);
  }
}
