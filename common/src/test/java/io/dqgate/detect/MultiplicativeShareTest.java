package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An orders feed where customers leave the rating empty on a share of orders that moves by factors from day
 * to day (Student-t levels on the log scale): a day with several times the usual share is that column's
 * nature, and warns while the history is too short to show its tail; the quantity column, never empty on a
 * clean day, blocks when a third of it is emptied, and so does a rating column that lost most of its values.
 */
class MultiplicativeShareTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final int ROWS = 1000;

  private static MetricRecord record(LocalDate day, String instance, String metric, double value) {
    Entity entity = instance.equals(MetricKey.WHOLE_DATASET) ? Entity.DATASET : Entity.COLUMN;
    return new MetricRecord(SignatureDays.DATASET, day, "r", Instant.EPOCH, entity, instance, metric, value, null);
  }

  /** {@code days} clean days of unrated shares around 4 %, then a day with these null shares. */
  private static List<Finding> judge(int days, double rating, double quantity) {
    return judge(days, rating, quantity, false);
  }

  /** As above; with {@code warnedTail}, the tenth day left 45 % unrated and warned on it. */
  private static List<Finding> judge(int days, double rating, double quantity, boolean warnedTail) {
    List<MetricRecord> all = days(days, rating, quantity, warnedTail);
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    return new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(days), today, SignatureDays.before(all));
  }

  private static List<MetricRecord> days(int days, double rating, double quantity, boolean warnedTail) {
    Random random = new Random(11);
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= days; i++) {
      LocalDate day = START.plusDays(i);
      double level = Math.max(-2.5, Math.min(2.0, CalibratedBacktestTest.studentT3(random)));
      double unrated = Math.min(0.6, 0.04 * Math.exp(0.5 * level));
      int empty = 0;
      for (int r = 0; r < ROWS; r++) {
        empty += random.nextDouble() < unrated ? 1 : 0;
      }
      boolean last = i == days;
      boolean tail = warnedTail && i == 10;
      all.add(record(day, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, ROWS));
      all.add(record(day, "rating", MetricNames.NULL_FRACTION, last ? rating : tail ? 0.45 : empty / (double) ROWS));
      if (tail) {
        Finding warned = new Finding(SignatureJudge.DETECTOR, MetricNames.NULL_FRACTION, "rating", null, 0.45, 0.02,
            0.1, 2, Severity.WARN, "rating.null_fraction: 45.0% nulls", Cause.NULL_SPIKE, null);
        all.add(new MetricRecord(SignatureDays.DATASET, day, "r", Instant.EPOCH, Entity.DATASET,
            MetricKey.WHOLE_DATASET, MetricNames.VERDICT_STATUS, MetricNames.STATUS_WARN,
            Verdict.of(SignatureDays.DATASET, day, List.of(warned)).toJson()));
      }
      all.add(record(day, "quantity", MetricNames.NULL_FRACTION, last ? quantity : 0));
    }
    return all;
  }

  private static double[] rows(int days) {
    double[] out = new double[days];
    java.util.Arrays.fill(out, ROWS);
    return out;
  }

  private static Severity severityOn(List<Finding> findings, String column) {
    return findings.stream().filter(f -> column.equals(f.column())).map(Finding::severity).findFirst()
        .orElse(Severity.OFF);
  }

  @Test
  void aShareThatMovesBySamplingNoiseAloneIsJudgedByItsEnvelope() {
    Random random = new Random(5);
    double[] steady = new double[30];
    for (int i = 0; i < steady.length; i++) {
      int empty = 0;
      for (int r = 0; r < ROWS; r++) {
        empty += random.nextDouble() < 0.04 ? 1 : 0;
      }
      steady[i] = empty / (double) ROWS;
    }
    assertThat(MultiplicativeShare.of(steady, rows(steady.length), ROWS)).isNull();
    double[] moving = {0.02, 0.04, 0.03, 0.08, 0.05, 0.025, 0.06, 0.04, 0.035, 0.07};
    MultiplicativeShare share = MultiplicativeShare.of(moving, rows(moving.length), ROWS);
    assertThat(share).isNotNull();
    assertThat(share.score(share.top())).isZero();
    assertThat(share.score(share.bound())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(share.score(0.5)).isGreaterThan(share.score(0.2)).isGreaterThan(0);
    // a day that missed no value at all among days that move by factors: the share moves, and that one day does
    // not stretch the step its log takes from day to day
    MultiplicativeShare withEmptyDay = MultiplicativeShare.of(new double[] {0, 0.04, 0.03, 0.08, 0.05, 0.025, 0.06},
        rows(7), ROWS);
    assertThat(withEmptyDay).isNotNull();
    assertThat(withEmptyDay.low()).isZero();
    assertThat(withEmptyDay.step()).isLessThan(2);
    assertThat(withEmptyDay.score(0.2)).isGreaterThan(1);
    // a robust spread 1.7 times the binomial one (0.0104 against 0.0062): a share that moves, if by little
    double[] little = {0.03, 0.05, 0.04, 0.045, 0.035, 0.052, 0.028, 0.04, 0.033, 0.047};
    assertThat(MultiplicativeShare.of(little, rows(little.length), ROWS)).isNotNull();
    // a quiet share of days with many rows moves beyond their noise, judged on a day with few rows
    double[] manyRows = new double[7];
    java.util.Arrays.fill(manyRows, 20_000);
    assertThat(MultiplicativeShare.of(new double[] {0.03, 0.05, 0.04, 0.045, 0.035, 0.05, 0.03}, manyRows, 400))
        .isNotNull();
    // a holiday with a fifth of the usual rows: fewer missing values than a log can level today, judged by the
    // factors its usual days move by, one step no smaller than its own noise
    double[] usual = new double[moving.length];
    java.util.Arrays.fill(usual, 900);
    MultiplicativeShare holiday = MultiplicativeShare.of(moving, usual, 180);
    assertThat(holiday).isNotNull();
    assertThat(Math.log(holiday.step())).isGreaterThanOrEqualTo(Math.sqrt((1 - 0.04) / (0.04 * 180)));
    java.util.Arrays.fill(usual, 200);
    assertThat(MultiplicativeShare.of(moving, usual, 200)).as("a share too rare on its usual days").isNull();
  }

  @Test
  void aMovingShareSeveralTimesItsUsualLevelWarnsWhileTheHistoryIsShort() {
    List<Finding> findings = judge(19, 0.3, 0);
    assertThat(severityOn(findings, "rating")).isEqualTo(Severity.WARN);
    assertThat(findings.stream().filter(f -> "rating".equals(f.column())).findFirst().orElseThrow().message())
        .contains("calibration days").contains("so it warns");
  }

  @Test
  void aDayThatMissedNoRatingLeavesTheShareMovingAndAHolidaysShareWarns() {
    List<MetricRecord> all = new ArrayList<>();
    for (MetricRecord m : days(24, 0.3, 0, false)) {
      boolean empty = m.partitionDate().equals(START.plusDays(12)) && m.instance().equals("rating");
      all.add(empty ? record(m.partitionDate(), "rating", MetricNames.NULL_FRACTION, 0) : m);
    }
    List<Finding> findings = new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(24),
        SignatureDays.lastDay(all), SignatureDays.before(all));
    assertThat(severityOn(findings, "rating")).isEqualTo(Severity.WARN);
    assertThat(findings.stream().filter(f -> "rating".equals(f.column())).findFirst().orElseThrow().message())
        .contains("calibration days");
  }

  @Test
  void aColumnNeverEmptyOnACleanDayBlocksWhenAThirdIsEmptied() {
    List<Finding> findings = judge(19, 0.04, 0.35);
    assertThat(severityOn(findings, "quantity")).isEqualTo(Severity.BLOCK);
    assertThat(severityOn(findings, "rating")).isEqualTo(Severity.OFF);
  }

  @Test
  void aMovingShareThatLostMostOfItsValuesBlocksEvenEarly() {
    assertThat(severityOn(judge(19, 0.9, 0), "rating")).isEqualTo(Severity.BLOCK);
  }

  @Test
  void afterFourWeeksAFarCrossingOfAMovingShareBlocks() {
    assertThat(severityOn(judge(40, 0.7, 0), "rating")).isEqualTo(Severity.BLOCK);
  }

  @Test
  void aDayPastTheCleanEnvelopeButInsideTheTailOfTheCalibrationDaysIsInformation() {
    List<Finding> findings = judge(40, 0.25, 0, true);
    Finding rating = findings.stream().filter(f -> "rating".equals(f.column())).findFirst().orElseThrow();
    assertThat(rating.severity()).isEqualTo(Severity.INFO);
    assertThat(rating.message()).contains("within the reach of a share that moves by factors");
  }

  @Test
  void aSeriesRiseWithinTheReachOfAMovingShareIsInformation() {
    List<MetricRecord> all = days(40, 0.09, 0, false);
    Finding rise = new Finding("series", MetricNames.NULL_FRACTION, "rating", null, 0.09, 0.01, 0.07, 4.5,
        Severity.WARN, "rating.null_fraction = 0.09, expected 0.01 .. 0.07", Cause.NULL_SPIKE, null);
    Finding steady = new Finding("series", MetricNames.NULL_FRACTION, "quantity", null, 0.02, 0, 0.001, 9,
        Severity.WARN, "quantity.null_fraction = 0.02, expected 0 .. 0.001", Cause.NULL_SPIKE, null);
    List<Finding> out = FractionSignatures.withinReach(List.of(rise, steady), SignatureDays.lastDay(all),
        SignatureDays.before(all));
    assertThat(out.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(0).message()).endsWith("within the reach of a share that moves by factors");
    assertThat(out.get(1)).isEqualTo(steady);
    List<MetricRecord> far = days(40, 0.7, 0, false);
    Finding spike = new Finding("series", MetricNames.NULL_FRACTION, "rating", null, 0.7, 0.01, 0.07, 40,
        Severity.WARN, "rating.null_fraction = 0.7, expected 0.01 .. 0.07", Cause.NULL_SPIKE, null);
    assertThat(FractionSignatures.withinReach(List.of(spike), SignatureDays.lastDay(far), SignatureDays.before(far)))
        .containsExactly(spike);
  }
}
