package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A backtest of detection, day by day as {@code backtest} runs it, on a synthetic feed of a shape the
 * defaults were not tuned on: weekly volume with a trend and holidays, heavy-tailed day-to-day variation,
 * a discrete median, a minimum that jumps between two modes, small null fractions. Asserts rates over
 * about 200 clean days and 8 incidents, not single days.
 */
class CalibratedBacktestTest {
  static final LocalDate START = LocalDate.of(2026, 1, 5);
  static final int DAYS = 240;
  static final int COLUMNS = 10;

  enum Incident { NULL_SPIKE, ALL_NULL, UNIT_CHANGE, VOLUME_LOSS, COLUMN_GONE, ALL_TEXT, DUPLICATES, NEW_COLUMN }

  final Random random = new Random(42);

  @Test
  void cleanDaysStayWithinTheBudgetAndIncidentsBlock() {
    MemoryRepository repository = new MemoryRepository();
    DatasetSpec dataset = DqgateConfig.load(null, Map.of("datasets.orders.source.path", "/unused")).dataset("orders");
    Map<LocalDate, Incident> incidents = new TreeMap<>();
    Incident[] kinds = Incident.values();
    for (int k = 0; k < kinds.length; k++) {
      incidents.put(START.plusDays(120 + 13L * k), kinds[k]);
    }
    Detection detection = new Detection(repository);
    Map<Status, Integer> clean = new EnumMap<>(Status.class);
    List<String> missed = new ArrayList<>();
    int cleanDays = 0;
    for (int i = 0; i < DAYS; i++) {
      LocalDate day = START.plusDays(i);
      repository.replaceDay("orders", day, day(day, i, incidents.get(day)));
      Verdict verdict = detection.judge(dataset, day);
      detection.record(verdict, "test");
      if (incidents.containsKey(day)) {
        if (verdict.status() != Status.BLOCK) {
          missed.add(incidents.get(day) + " " + verdict.status());
        }
      } else if (i >= 35) {
        cleanDays++;
        clean.merge(verdict.status(), 1, Integer::sum);
      }
    }
    int warned = clean.getOrDefault(Status.WARN, 0);
    int blocked = clean.getOrDefault(Status.BLOCK, 0);
    // budget: WARN once in 60 clean days, BLOCK once in 365; within a factor of two
    assertThat(cleanDays).isEqualTo(197);
    assertThat(warned + blocked).as("clean days not passed").isLessThanOrEqualTo(2 * cleanDays / 60);
    assertThat(blocked).as("clean days blocked").isLessThanOrEqualTo(1);
    // the one miss allowed: a 70 % volume loss on a Saturday, which weekly Holt-Winters on this feed (holidays
    // at 60 % volume in the history) bands from -423 to 3,895 rows
    assertThat(missed).as("incidents not blocked").hasSizeLessThanOrEqualTo(1);
  }

  /** Every finding of a judged day past calibration carries its rarity, or is a signature with a cause. */
  @Test
  void findingsSayHowRareTheyAre() {
    MemoryRepository repository = new MemoryRepository();
    DatasetSpec dataset = DqgateConfig.load(null, Map.of("datasets.orders.source.path", "/unused")).dataset("orders");
    Detection detection = new Detection(repository);
    Verdict last = null;
    for (int i = 0; i < 60; i++) {
      LocalDate day = START.plusDays(i);
      repository.replaceDay("orders", day, day(day, i, i == 59 ? Incident.UNIT_CHANGE : null));
      last = detection.judge(dataset, day);
      detection.record(last, "test");
    }
    assertThat(last.status()).isEqualTo(Status.BLOCK);
    for (Finding f : last.findings()) {
      if (f.severity().compareTo(Severity.WARN) >= 0) {
        assertThat(f.rarity() != null || f.cause() != null).as(f.message()).isTrue();
      }
    }
    Finding top = last.findings().get(0);
    assertThat(top.column()).isEqualTo("c3");
    assertThat(top.rarity().asHigh()).isZero();
    assertThat(top.rarity().cleanDays()).isBetween(40, 52);
    assertThat(top.message()).contains("a score this high on 0 of " + top.rarity().cleanDays() + " clean days");
  }

  static double studentT3(Random r) {
    double chi2 = 0;
    for (int i = 0; i < 3; i++) {
      double g = r.nextGaussian();
      chi2 += g * g;
    }
    return r.nextGaussian() / Math.sqrt(chi2 / 3);
  }

  /** One day's profile; {@code incident} (or null) spoils it. */
  private List<MetricRecord> day(LocalDate day, int index, Incident incident) {
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    boolean holiday = index % 45 == 17;
    double rows = Math.round((weekend ? 1800 : 5000) * (1 + 0.001 * index) * (holiday ? 0.6 : 1)
        * Math.exp(0.04 * studentT3(random)));
    if (incident == Incident.VOLUME_LOSS) {
      rows = Math.round(rows * 0.3);
    }
    List<MetricRecord> out = new ArrayList<>();
    out.add(record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, rows));
    out.add(record(day, Entity.DATASET, "id", MetricNames.DUPLICATE_KEY_COUNT,
        incident == Incident.DUPLICATES ? 400 : 0));
    for (int c = 0; c < COLUMNS; c++) {
      String column = "c" + c;
      if (incident == Incident.COLUMN_GONE && c == 4) {
        continue;
      }
      double level = 50 + 10 * c;
      double sd = 5 + c;
      double unit = incident == Incident.UNIT_CHANGE && c == 3 ? 100 : 1;
      // day-level variation of the null rate is heavy-tailed (a bad hour upstream), on top of sampling
      double nullRate = 0.01 * (1 + c % 3) * Math.exp(0.3 * Math.max(-3.7, Math.min(3.7, studentT3(random))));
      double nulls = Math.min(1, Math.max(0, nullRate + Math.sqrt(nullRate / rows) * random.nextGaussian()));
      if (incident == Incident.NULL_SPIKE && c == 1) {
        nulls = 0.35;
      }
      boolean allNull = incident == Incident.ALL_NULL && c == 2;
      out.add(record(day, Entity.COLUMN, column, MetricNames.NULL_FRACTION, allNull ? 1.0 : nulls));
      out.add(record(day, Entity.COLUMN, column, MetricNames.NOT_NUMERIC_FRACTION,
          incident == Incident.ALL_TEXT && c == 5 ? 1.0 : 0));
      if (allNull) {
        continue;
      }
      double drift = 0.5 * sd * studentT3(random) / Math.sqrt(rows / 1000);
      out.add(record(day, Entity.COLUMN, column, MetricNames.MEAN, unit * (level + drift)));
      out.add(record(day, Entity.COLUMN, column, MetricNames.STDDEV, unit * sd * (1 + 0.02 * random.nextGaussian())));
      // c0's median takes one of four values; other medians are continuous
      double median = c == 0 ? 1 + random.nextInt(2) + (random.nextDouble() < 0.1 ? 2 : 0) : level + drift * 0.9;
      out.add(record(day, Entity.COLUMN, column, MetricNames.MEDIAN, unit * median));
      out.add(record(day, Entity.COLUMN, column, MetricNames.IQR, unit * 1.35 * sd));
      // the minimum sits at 0 on most days, at 18 on some (a second population)
      double min = c == 1 ? (random.nextDouble() < 0.7 ? 0 : 18) : level - 4 * sd + sd * random.nextGaussian();
      out.add(record(day, Entity.COLUMN, column, MetricNames.MIN, unit * min));
      out.add(record(day, Entity.COLUMN, column, MetricNames.MAX,
          unit * (level + 4 * sd * Math.exp(0.3 * Math.abs(studentT3(random))))));
    }
    if (incident == Incident.NEW_COLUMN) {
      out.add(record(day, Entity.COLUMN, "c_new", MetricNames.NULL_FRACTION, 0));
    }
    return out;
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return new MetricRecord("orders", day, "run", Instant.EPOCH, entity, instance, metric, value, null);
  }
}
