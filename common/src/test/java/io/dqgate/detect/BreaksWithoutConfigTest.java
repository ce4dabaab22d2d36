package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Breaks detection sees with no config, from the stored profile alone: a fraction at exactly its bad end
 * where history never was, a column that vanished, appeared or was renamed; and the baseline policy for
 * warned days.
 */
class BreaksWithoutConfigTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  final Random random = new Random(3);
  final MemoryRepository repository = new MemoryRepository();
  final DatasetSpec dataset =
      DqgateConfig.load(null, Map.of("datasets.feed.source.path", "/unused")).dataset("feed");

  private List<MetricRecord> day(LocalDate day, double scoreNulls, List<String> columns) {
    List<MetricRecord> out = new ArrayList<>();
    out.add(record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, 1000 + random.nextInt(21)));
    for (String c : columns) {
      double nulls = c.equals("credit_score") ? scoreNulls : 0.01 + 0.002 * random.nextGaussian();
      out.add(record(day, Entity.COLUMN, c, MetricNames.NULL_FRACTION, nulls));
      out.add(record(day, Entity.COLUMN, c, MetricNames.MEAN, 600 + random.nextGaussian()));
    }
    return out;
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return new MetricRecord("feed", day, "run", Instant.EPOCH, entity, instance, metric, value, null);
  }

  private Verdict judgeHistoryThen(List<MetricRecord> today, LocalDate date) {
    Detection detection = new Detection(repository);
    for (LocalDate d = START; d.isBefore(date); d = d.plusDays(1)) {
      repository.replaceDay("feed", d, day(d, 0, List.of("income", "credit_score")));
      detection.record(detection.judge(dataset, d), "test");
    }
    repository.replaceDay("feed", date, today);
    return detection.judge(dataset, date);
  }

  @Test
  void aColumnBlankOnEveryRowBlocksAsANullSpike() {
    LocalDate date = START.plusDays(30);
    Verdict verdict = judgeHistoryThen(day(date, 1.0, List.of("income", "credit_score")), date);
    assertThat(verdict.status()).isEqualTo(Status.BLOCK);
    Finding top = verdict.findings().get(0);
    assertThat(top.column()).isEqualTo("credit_score");
    assertThat(top.cause()).isEqualTo("null-spike");
    assertThat(top.detector()).isEqualTo("signature");
    assertThat(top.message()).startsWith("credit_score.null_fraction: 100.0% nulls, past every one of 30 clean days"
        + " (0.0% .. 0.0%) by more than 1.0% [a score this high on 0 of ")
        .endsWith(" (+1 more on this column: series:null_fraction)");
  }

  @Test
  void aVanishedColumnBlocksAsASchemaChange() {
    LocalDate date = START.plusDays(20);
    Verdict verdict = judgeHistoryThen(day(date, 0, List.of("income")), date);
    assertThat(verdict.status()).isEqualTo(Status.BLOCK);
    Finding schema = verdict.findings().stream().filter(f -> f.detector().equals("schema")).findFirst().orElseThrow();
    assertThat(schema.column()).isEqualTo("credit_score");
    assertThat(schema.cause()).isEqualTo("schema-change");
    assertThat(schema.message()).isEqualTo("column credit_score is missing: each of the last 3 clean days had it");
  }

  @Test
  void aRenamedColumnIsOneFinding() {
    LocalDate date = START.plusDays(20);
    Verdict verdict = judgeHistoryThen(day(date, 0, List.of("income", "creditscore")), date);
    assertThat(verdict.status()).isEqualTo(Status.BLOCK);
    List<Finding> schema = verdict.findings().stream().filter(f -> f.detector().equals("schema")).toList();
    assertThat(schema).hasSize(1);
    assertThat(schema.get(0).message())
        .isEqualTo("column credit_score is gone and creditscore is new: renamed credit_score -> creditscore?"
            + " (20 clean days had credit_score)");
    assertThat(schema.get(0).severity()).isEqualTo(Severity.BLOCK);
  }

  @Test
  void aWarnedDayJoinsBaselinesOnlyOnceTheNextDaysConfirmItsLevel() {
    Map<LocalDate, List<MetricRecord>> days = new java.util.TreeMap<>();
    LocalDate d0 = START;
    days.put(d0, List.of(status(d0, MetricNames.STATUS_WARN, "income")));
    days.put(d0.plusDays(1), List.of(status(d0.plusDays(1), MetricNames.STATUS_PASS, null)));
    LocalDate d2 = d0.plusDays(2);
    days.put(d2, List.of(status(d2, MetricNames.STATUS_WARN, "amount")));
    for (int i = 3; i <= 5; i++) {
      days.put(d0.plusDays(i), List.of(status(d0.plusDays(i), MetricNames.STATUS_WARN, "amount")));
    }
    days.put(d0.plusDays(6), List.of(status(d0.plusDays(6), MetricNames.STATUS_BLOCK, "amount")));
    BaselinePolicy policy = new BaselinePolicy(days, 3);
    // a one-day blip: the next day passed
    assertThat(policy.standing(d0)).isEqualTo(BaselinePolicy.Standing.PENDING);
    assertThat(policy.standing(d0.plusDays(1))).isEqualTo(BaselinePolicy.Standing.BASELINE);
    // a shift in amount held for three more days: the new normal
    assertThat(policy.standing(d2)).isEqualTo(BaselinePolicy.Standing.BASELINE);
    assertThat(policy.confirmed()).containsExactly(
        new BaselinePolicy.Confirmed(d2, java.util.Set.of("amount"), d0.plusDays(5)));
    // the next day's confirmation ran into a blocked day
    assertThat(policy.standing(d0.plusDays(3))).isEqualTo(BaselinePolicy.Standing.PENDING);
    assertThat(policy.standing(d0.plusDays(6))).isEqualTo(BaselinePolicy.Standing.EXCLUDED);
  }

  @Test
  void aDayBlockedOnAnotherColumnNeitherConfirmsNorEndsAShift() {
    Map<LocalDate, List<MetricRecord>> days = new java.util.TreeMap<>();
    for (int i = 0; i <= 5; i++) {
      LocalDate d = START.plusDays(i);
      days.put(d, List.of(i % 2 == 1 && i < 5 ? status(d, MetricNames.STATUS_BLOCK, "income")
          : status(d, MetricNames.STATUS_WARN, "diameter")));
    }
    BaselinePolicy policy = new BaselinePolicy(days, 3);
    assertThat(policy.standing(START)).isEqualTo(BaselinePolicy.Standing.BASELINE);
    assertThat(policy.confirmed()).containsExactly(
        new BaselinePolicy.Confirmed(START, java.util.Set.of("diameter"), START.plusDays(5)));
    assertThat(policy.standing(START.plusDays(1))).isEqualTo(BaselinePolicy.Standing.EXCLUDED);

    days.put(START.plusDays(3), List.of(status(START.plusDays(3), MetricNames.STATUS_BLOCK, "diameter")));
    assertThat(new BaselinePolicy(days, 3).standing(START)).as("a block on the shifted column ends the run")
        .isEqualTo(BaselinePolicy.Standing.PENDING);
  }

  @Test
  void aBlockThatLastsBecomesTheNewNormalWhileItsDayStaysBlocked() {
    Map<LocalDate, List<MetricRecord>> days = new java.util.TreeMap<>();
    days.put(START, List.of(status(START, MetricNames.STATUS_PASS, null)));
    // a one-day incident on amount, then a lasting change of season
    days.put(START.plusDays(1), List.of(status(START.plusDays(1), MetricNames.STATUS_BLOCK, "amount")));
    for (int i = 2; i <= 6; i++) {
      LocalDate d = START.plusDays(i);
      days.put(d, List.of(status(d, MetricNames.STATUS_BLOCK, i == 4 ? "season,amount" : "season")));
    }
    days.put(START.plusDays(7), List.of(status(START.plusDays(7), MetricNames.STATUS_PASS, null)));
    BaselinePolicy policy = new BaselinePolicy(days, 3);
    assertThat(policy.standing(START.plusDays(1))).as("the next day did not block on amount")
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);
    assertThat(policy.standing(START.plusDays(2))).isEqualTo(BaselinePolicy.Standing.ADOPTED);
    assertThat(policy.standing(START.plusDays(3))).isEqualTo(BaselinePolicy.Standing.ADOPTED);
    assertThat(policy.standing(START.plusDays(4))).as("amount did not block again")
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);
    assertThat(policy.standing(START.plusDays(5))).as("the day after it passed")
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);
    assertThat(policy.adopted()).containsExactly(
        new BaselinePolicy.Adopted(START.plusDays(2), java.util.Set.of("season"), START.plusDays(5)),
        new BaselinePolicy.Adopted(START.plusDays(3), java.util.Set.of("season"), START.plusDays(6)));

    MetricHistory history = new MetricHistory(days.values().stream().flatMap(List::stream).toList(), 3);
    assertThat(history.days()).as("in the baselines").contains(START.plusDays(2), START.plusDays(3))
        .doesNotContain(START.plusDays(1), START.plusDays(4));
    assertThat(history.calibrationDays()).as("not in the calibration")
        .containsExactly(START, START.plusDays(7));

    days.put(START.plusDays(3), List.of(label(START.plusDays(3), MetricNames.LABEL_REJECTED)));
    assertThat(new BaselinePolicy(days, 3).standing(START.plusDays(2))).as("a rejected day ends the run")
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);
  }

  @Test
  void aDefectStaysBlockedHoweverLongItLasts() {
    Map<LocalDate, List<MetricRecord>> days = new java.util.TreeMap<>();
    for (int i = 0; i <= 5; i++) {
      LocalDate d = START.plusDays(i);
      days.put(d, List.of(status(d, MetricNames.STATUS_BLOCK, "season", MetricNames.NULL_FRACTION)));
    }
    BaselinePolicy policy = new BaselinePolicy(days, 3);
    assertThat(policy.standing(START)).isEqualTo(BaselinePolicy.Standing.EXCLUDED);
    assertThat(policy.adopted()).isEmpty();

    // a new season whose later days are blocked for an emptied column too is still the new season
    days.put(START, List.of(status(START, MetricNames.STATUS_BLOCK, "season", MetricNames.NEW_VALUE_COUNT)));
    assertThat(new BaselinePolicy(days, 3).standing(START)).as("each later day blocked on season for nulls")
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);
    for (int i = 1; i <= 3; i++) {
      LocalDate d = START.plusDays(i);
      days.put(d, List.of(status(d, MetricNames.STATUS_BLOCK, "season,income", MetricNames.NEW_VALUE_COUNT)));
    }
    assertThat(new BaselinePolicy(days, 3).standing(START)).isEqualTo(BaselinePolicy.Standing.ADOPTED);
  }

  @Test
  void aLastingChangeRestartsTheSeriesOfWhatItChanged() {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      LocalDate d = START.plusDays(i);
      boolean after = i >= 10;
      records.add(rows(d, MetricNames.ROW_COUNT, after ? 102 : 255));
      records.add(new MetricRecord("feed", d, "run", Instant.EPOCH, Entity.COLUMN, "income", MetricNames.MEAN,
          40 + i, null));
      Verdict verdict = Verdict.of("feed", d, after ? List.of(new Finding("series", MetricNames.ROW_COUNT, null,
          null, 102, 200, 300, 12, Severity.BLOCK, "fewer rows")) : List.of());
      records.add(new MetricRecord("feed", d, "run", Instant.EPOCH, Entity.DATASET, "*", MetricNames.VERDICT_STATUS,
          after ? MetricNames.STATUS_BLOCK : MetricNames.STATUS_PASS, verdict.toJson()));
    }
    MetricHistory history = new MetricHistory(records, 3);
    assertThat(history.policy().adopted()).extracting(BaselinePolicy.Adopted::day).containsExactly(START.plusDays(10));
    assertThat(history.series(MetricKey.dataset(MetricNames.ROW_COUNT), false))
        .as("the row count since the day it changed").extracting(p -> p.value()).containsExactly(102.0);
    assertThat(history.series(MetricKey.column("income", MetricNames.MEAN), false)).as("a column it did not change")
        .hasSize(11);
  }

  private static MetricRecord rows(LocalDate day, String metric, double value) {
    return new MetricRecord("feed", day, "run", Instant.EPOCH, Entity.DATASET, "*", metric, value, null);
  }

  private static MetricRecord label(LocalDate day, double label) {
    return new MetricRecord("feed", day, "run", Instant.EPOCH, Entity.DATASET, "*", MetricNames.LABEL, label, null);
  }

  private static MetricRecord status(LocalDate day, double status, String column) {
    return status(day, status, column, MetricNames.MEAN);
  }

  /** A stored verdict whose findings are on {@code columns} (comma-separated), by the series of {@code metric}. */
  private static MetricRecord status(LocalDate day, double status, String columns, String metric) {
    Verdict verdict = Verdict.of("feed", day, columns == null ? List.of()
        : java.util.Arrays.stream(columns.split(",")).map(c -> new Finding("series", metric, c, null, 1,
            0, 0, 5, status == MetricNames.STATUS_BLOCK ? Severity.BLOCK : Severity.WARN, "moved")).toList());
    return new MetricRecord("feed", day, "run", Instant.EPOCH, Entity.DATASET, "*", MetricNames.VERDICT_STATUS,
        status, verdict.toJson());
  }
}
