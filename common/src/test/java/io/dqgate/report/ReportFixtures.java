package io.dqgate.report;

import io.dqgate.testing.StoredDays;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.vocabulary.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/**
 * A repository of synthetic "orders" days written directly (no Spark): 28 clean days, then a bad day with
 * income mostly null (a broken rule), a new gender spelling and a malformed row in its one file. Every
 * day judged and its verdict stored, as a daily schedule would.
 */
final class ReportFixtures {
  static final String DATASET = "orders";
  static final LocalDate START = LocalDate.of(2026, 6, 1);
  static final int CLEAN_DAYS = 28;
  static final LocalDate BAD_DAY = START.plusDays(CLEAN_DAYS);
  static final String FILE = "part-0.csv";

  final ParquetMetricsRepository repository;
  final DatasetSpec dataset;
  private final Random random = new Random(11);

  ReportFixtures(Path dir) {
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(), new Configuration());
    dataset = DqgateConfig.load(null, Map.of("datasets.orders.source.path", dir.resolve("feed").toString()))
        .dataset(DATASET);
  }

  /** Writes and judges the clean days and the bad day; returns the bad day's verdict as detect stored it. */
  /**
   * Clean days that passed, or only warned that history was short: the baseline days (a day that warned on a
   * column stays out until later days confirm it).
   */
  int passedCleanDays;

  Verdict writeAndJudgeAll() {
    Detection detection = new Detection(repository);
    Verdict last = null;
    for (int i = 0; i <= CLEAN_DAYS; i++) {
      LocalDate day = START.plusDays(i);
      writeDay(day, day.equals(BAD_DAY));
      last = detection.judge(dataset, day);
      detection.record(last, "run-" + i);
      if (!day.equals(BAD_DAY) && (last.status() == io.dqgate.vocabulary.Status.PASS
          || last.findings().stream().allMatch(f -> f.detector().equals("cold-start")))) {
        passedCleanDays++;
      }
    }
    return last;
  }

  void writeDay(LocalDate day, boolean bad) {
    // Flat volume: a weekly pattern would block the first weekends (cold start), which is detection's
    // business, not the report's.
    double rows = 1000 + random.nextInt(41) - 20;
    double incomeNulls = bad ? 0.40 : 0.03 + (random.nextDouble() - 0.5) * 0.004;
    List<MetricRecord> records = new ArrayList<>();
    records.add(record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, rows, null));
    records.add(record(day, Entity.COLUMN, "income", MetricNames.NULL_FRACTION, incomeNulls, null));
    records.add(record(day, Entity.COLUMN, "income", MetricNames.MEAN, 2000 + 30 * random.nextGaussian(), null));
    records.add(record(day, Entity.COLUMN, "amount", MetricNames.MEAN, 100 + random.nextGaussian(), null));
    records.add(record(day, Entity.COLUMN, "amount", MetricNames.STDDEV, 20 + random.nextGaussian(), null));
    records.add(record(day, Entity.COLUMN, "income", MetricNames.RULE_PREFIX + "max_null_fraction", bad ? 0 : 1,
        bad ? "40.00% nulls (allowed 10.00%)" : "held"));
    long male = Math.round(rows * (0.48 + 0.02 * random.nextDouble()));
    long odd = bad ? Math.round(rows * 0.15) : 0;
    records.add(record(day, Entity.COLUMN, "gender", MetricNames.VALUE_PROPORTIONS, male / rows,
        String.format(Locale.ROOT, "{\"total\": %d, \"values\": [{\"value\": \"Male\", \"count\": %d}, "
            + "{\"value\": \"Female\", \"count\": %d}%s]}", (long) rows, male - odd, (long) rows - male,
            bad ? ", {\"value\": \"M\", \"count\": " + odd + "}" : "")));
    records.add(record(day, Entity.DATASET, "*", MetricNames.MALFORMED_ROW_COUNT, bad ? 3 : 0, null));
    records.add(record(day, Entity.FILE, FILE, MetricNames.FILE_BYTES, 64_000 + rows,
        "{\"path\": \"/feed/" + FILE + "\", \"sha256\": \"0123456789abcdef0123456789abcdef\", \"rows\": "
            + (long) rows + ", \"findings\": [" + (bad ? "\"malformed-rows\"" : "") + "]}"));
    StoredDays.write(repository, DATASET, day, records);
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value,
      String detail) {
    return new MetricRecord(DATASET, day, "run", Instant.EPOCH, entity, instance, metric, value, detail);
  }
}
