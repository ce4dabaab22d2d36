package io.dqgate.detect;

import io.dqgate.repository.RecordOwner;
import io.dqgate.testing.StoredDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection over a repository of synthetic days: no Spark, the judged metrics written directly. */
class DetectionTest {
  static final LocalDate START = LocalDate.of(2026, 6, 1);

  @TempDir
  Path dir;
  ParquetMetricsRepository repository;
  DatasetSpec dataset;
  final Random random = new Random(7);

  @BeforeEach
  void setUp() {
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(), new Configuration());
    dataset = DqgateConfig.load(null, Map.of("datasets.orders.source.path", dir.resolve("feed").toString()))
        .dataset("orders");
  }

  /** A clean day: weekly volume, a steady 3 % of null incomes, a steady mean, an intact rule. */
  private void writeDay(LocalDate day, double incomeNulls, double amountMean) {
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    double rows = (weekend ? 400 : 1000) + random.nextInt(41) - 20;
    List<MetricRecord> records = new ArrayList<>();
    records.add(record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, rows));
    records.add(record(day, Entity.COLUMN, "income", MetricNames.NULL_FRACTION,
        incomeNulls + (random.nextDouble() - 0.5) * 0.004));
    records.add(record(day, Entity.COLUMN, "amount", MetricNames.MEAN, amountMean + random.nextGaussian()));
    records.add(record(day, Entity.COLUMN, "amount", MetricNames.RULE_PREFIX + "range", 1));
    StoredDays.write(repository, "orders", day, records);
  }

  /**
   * A clean day with two counters the PCA vector holds constant at 0 on clean days: the count of a categorical
   * column's values no clean day listed, and the share of a date column's values after the day they arrived.
   */
  private void writeCountedDay(LocalDate day, double newCities, double future) {
    writeDay(day, 0.03, 100);
    List<MetricRecord> profile = new ArrayList<>(repository.loadDay("orders", day).stream()
        .filter(m -> RecordOwner.of(m) == RecordOwner.PROFILE).toList());
    profile.add(record(day, Entity.COLUMN, "city", MetricNames.NEW_VALUE_COUNT, newCities));
    profile.add(record(day, Entity.COLUMN, "ordered_at", MetricNames.FUTURE_FRACTION, future));
    repository.replaceOwned(RecordOwner.PROFILE, "orders", day, profile);
  }

  /** The verdict of a day with these counters after 28 clean days that held both at 0. */
  private Verdict judgeCountedDay(double newCities, double future) {
    for (int i = 0; i < 28; i++) {
      writeCountedDay(START.plusDays(i), 0, 0);
    }
    LocalDate day = START.plusDays(28);
    writeCountedDay(day, newCities, future);
    return new Detection(repository).judge(dataset, day);
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return new MetricRecord("orders", day, "run", Instant.EPOCH, entity, instance, metric, value, null);
  }

  private void history(int days) {
    for (int i = 0; i < days; i++) {
      writeDay(START.plusDays(i), 0.03, 100);
    }
  }

  @Test
  void cleanDayPasses() {
    history(29);
    Verdict verdict = new Detection(repository).judge(dataset, START.plusDays(28));
    assertThat(verdict.status()).as(verdict.toJson()).isEqualTo(Status.PASS);
  }

  @Test
  void quietSundayIsNotAVolumeDrop() {
    history(28);
    LocalDate sunday = START.plusDays(28);
    while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY) {
      sunday = sunday.plusDays(1);
    }
    for (LocalDate d = START.plusDays(28); d.isBefore(sunday); d = d.plusDays(1)) {
      writeDay(d, 0.03, 100);
    }
    writeDay(sunday, 0.03, 100);
    Verdict verdict = new Detection(repository).judge(dataset, sunday);
    // Under the alarm budget a clean day may warn (about one in 30); what must not happen is a Sunday's
    // volume read as a drop against the weekdays.
    assertThat(verdict.status()).as(verdict.toJson()).isNotEqualTo(Status.BLOCK);
    assertThat(verdict.findings()).as(verdict.toJson())
        .noneMatch(f -> f.metric().equals(MetricNames.ROW_COUNT) && f.observed() < f.expectedLow());
  }

  @Test
  void nullSpikeBlocksAndNamesTheColumn() {
    history(28);
    LocalDate day = START.plusDays(28);
    writeDay(day, 0.40, 100);
    Verdict verdict = new Detection(repository).judge(dataset, day);
    assertThat(verdict.status()).isEqualTo(Status.BLOCK);
    Finding top = verdict.findings().get(0);
    assertThat(top.column()).isEqualTo("income");
    assertThat(top.severity()).isEqualTo(Severity.BLOCK);
    // PCA and the series agree; one finding stands for the column and names the other.
    assertThat(top.message()).contains("income.null_fraction");
  }

  @Test
  void unitChangeBlocksAndTheSummaryLeadsWithItsCause() {
    List<MetricRecord> all = new SignatureDays(11).days(36, r -> {
      r.price = java.util.Arrays.stream(r.price).map(v -> v * 1.61).toArray();
      return r;
    });
    all.stream().collect(java.util.stream.Collectors.groupingBy(MetricRecord::partitionDate))
        .forEach((day, records) -> StoredDays.write(repository, "orders", day, records));
    LocalDate day = SignatureDays.START.plusDays(35);
    Verdict verdict = new Detection(repository).judge(dataset, day);
    assertThat(verdict.status()).isEqualTo(Status.BLOCK);
    assertThat(verdict.findings().get(0).cause()).isEqualTo("unit-change");
    assertThat(verdict.summary()).startsWith("BLOCK orders 2026-04-06: unit change in price, ×1.61");
    assertThat(verdict.findings()).filteredOn(f -> f.severity() == Severity.BLOCK)
        .allSatisfy(f -> assertThat(f.cause()).isNotNull());
  }

  @Test
  void aNewValueIsLeftToTheCategoricalSignatureNotToTheMetricVectorsConstant() {
    Verdict verdict = judgeCountedDay(1, 0);
    assertThat(verdict.findings()).as(verdict.toJson())
        .noneMatch(f -> f.detector().equals("pca") && f.severity() != Severity.INFO);
  }

  @Test
  void aBadDataCounterLeavingItsConstantStillBreaksTheMetricVector() {
    Verdict verdict = judgeCountedDay(0, 0.05);
    // the column's strongest finding stands for it and names the vector's
    assertThat(verdict.findings()).as(verdict.toJson())
        .anyMatch(f -> "ordered_at".equals(f.column()) && f.severity() == Severity.BLOCK
            && f.message().endsWith("(+1 more on this column: pca:t2_spe)"));
  }

  @Test
  void brokenRuleBlocks() {
    history(10);
    LocalDate day = START.plusDays(10);
    writeDay(day, 0.03, 100);
    List<MetricRecord> profile = new java.util.ArrayList<>(repository.loadDay("orders", day).stream()
        .filter(m -> RecordOwner.of(m) == RecordOwner.PROFILE && !m.metric().equals("rule.range")).toList());
    profile.add(record(day, Entity.COLUMN, "amount", "rule.range", 0));
    repository.replaceOwned(RecordOwner.PROFILE, "orders", day, profile);
    Verdict verdict = new Detection(repository).judge(dataset, day);
    assertThat(verdict.status()).isEqualTo(Status.BLOCK);
    assertThat(verdict.findings().get(0).detector()).isEqualTo("rules");
    assertThat(verdict.findings().get(0).column()).isEqualTo("amount");
  }

  @Test
  void coldStartWarnsOnlyAndSaysSo() {
    history(3);
    LocalDate day = START.plusDays(3);
    writeDay(day, 0.40, 100);
    Verdict verdict = new Detection(repository).judge(dataset, day);
    assertThat(verdict.status()).isEqualTo(Status.WARN);
    assertThat(verdict.findings()).anyMatch(f -> f.detector().equals("cold-start")
        && f.message().equals("only 3 day(s) of history (7 needed; blocked and rejected days do not count): "
            + "history-based findings are at most WARN"));
  }

  @Test
  void rejectedAndBlockedDaysLeaveTheBaseline() {
    history(20);
    Detection detection = new Detection(repository);
    // Days 20..26 are bad; the first is blocked and recorded, the others rejected by a person.
    for (int i = 20; i < 27; i++) {
      LocalDate day = START.plusDays(i);
      writeDay(day, 0.40, 100);
      if (i == 20) {
        Verdict blocked = detection.judge(dataset, day);
        assertThat(blocked.status()).isEqualTo(Status.BLOCK);
        detection.record(blocked, "run");
      } else {
        repository.replaceOwned(RecordOwner.LABEL, "orders", day, List.of(record(day, Entity.DATASET, "*",
            MetricNames.LABEL, MetricNames.LABEL_REJECTED)));
      }
    }
    LocalDate repaired = START.plusDays(27);
    writeDay(repaired, 0.40, 100);
    // Seven bad days in a row would look normal if they were in the baseline.
    assertThat(detection.judge(dataset, repaired).status()).isEqualTo(Status.BLOCK);
    assertThat(repository.loadDay("orders", START.plusDays(20))).anyMatch(m ->
        m.key().equals(MetricKey.dataset(MetricNames.VERDICT_STATUS)) && m.value() == MetricNames.STATUS_BLOCK);
  }

  @Test
  void aDayNeverProfiledIsAnError() {
    history(5);
    assertThatThrownBy(() -> new Detection(repository).judge(dataset, START.plusDays(30)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("no profile of orders on " + START.plusDays(30) + " in " + repository.location()
            + ": run profile first");
  }
}
