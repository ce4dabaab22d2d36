package io.dqgate.jobs;

import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The cost of judging one day on a long history, through the whole of detection (history and baselines,
 * series, PCA, drift, signatures, the calibration of the alarm budget): a year of profiled days is judged
 * one after the other first, as a backtest leaves the repository, then the last day is judged again and
 * again. The metrics are synthetic (eight per column: null share, mean, stddev, median, IQR, min, max, share
 * not numeric, with weekly volume and heavy-tailed day-to-day variation) and held in memory, so the figure is
 * detection's own, without repository reads.
 */
final class DetectionCost {
  private static final String DATASET = "bench";
  private static final LocalDate START = LocalDate.of(2025, 1, 1);

  private final Random random = new Random(2024);
  private final int columns;

  private DetectionCost(int columns) {
    this.columns = columns;
  }

  /** {@code days} days of about {@code metrics} metrics; the last day is the one measured. */
  static BenchMeter.Result measure(BenchMeter meter, int days, int metrics) {
    DetectionCost cost = new DetectionCost(Math.max(1, (metrics - 1) / 8));
    MemoryMetrics repository = new MemoryMetrics();
    DatasetSpec dataset = DqgateConfig.load(null, Map.of("datasets." + DATASET + ".source.path", "/unused",
        "datasets." + DATASET + ".detect.lookback-days", String.valueOf(days - 1))).dataset(DATASET);
    Detection detection = new Detection(repository);
    for (int i = 0; i < days - 1; i++) {
      LocalDate day = START.plusDays(i);
      repository.put(day, cost.day(day));
      detection.record(detection.judge(dataset, day), "bench");
    }
    LocalDate today = START.plusDays(days - 1L);
    List<MetricRecord> todays = cost.day(today);
    repository.put(today, todays);
    return meter.measure("metrics", "detection of one day: " + (days - 1) + " days x " + todays.size()
        + " metrics of history", () -> (long) detection.judge(dataset, today).findings().size());
  }

  private double studentT3() {
    double chi2 = 0;
    for (int i = 0; i < 3; i++) {
      double g = random.nextGaussian();
      chi2 += g * g;
    }
    return Math.max(-3.7, Math.min(3.7, random.nextGaussian() / Math.sqrt(chi2 / 3)));
  }

  private List<MetricRecord> day(LocalDate day) {
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    double rows = Math.round((weekend ? 1800 : 5000) * Math.exp(0.04 * studentT3()));
    List<MetricRecord> out = new ArrayList<>();
    out.add(record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, rows));
    for (int c = 0; c < columns; c++) {
      String column = "c" + c;
      double level = 50 + 10 * c;
      double sd = 5 + c;
      double drift = 0.5 * sd * studentT3() / Math.sqrt(rows / 1000);
      out.add(record(day, Entity.COLUMN, column, MetricNames.NULL_FRACTION, 0.02 * Math.exp(0.3 * studentT3())));
      out.add(record(day, Entity.COLUMN, column, MetricNames.MEAN, level + drift));
      out.add(record(day, Entity.COLUMN, column, MetricNames.STDDEV, sd * (1 + 0.02 * random.nextGaussian())));
      out.add(record(day, Entity.COLUMN, column, MetricNames.MEDIAN, level + drift * 0.9));
      out.add(record(day, Entity.COLUMN, column, MetricNames.IQR, 1.35 * sd));
      out.add(record(day, Entity.COLUMN, column, MetricNames.MIN, level - 4 * sd + sd * random.nextGaussian()));
      out.add(record(day, Entity.COLUMN, column, MetricNames.MAX,
          level + 4 * sd * Math.exp(0.3 * Math.abs(studentT3()))));
      out.add(record(day, Entity.COLUMN, column, MetricNames.NOT_NUMERIC_FRACTION, 0));
    }
    return out;
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return new MetricRecord(DATASET, day, "bench", Instant.EPOCH, entity, instance, metric, value, null);
  }

  /** A metrics repository in memory: each day's records by owner. */
  private static final class MemoryMetrics implements MetricsRepository {
    private final TreeMap<LocalDate, Map<RecordOwner, List<MetricRecord>>> days = new TreeMap<>();

    void put(LocalDate date, List<MetricRecord> profile) {
      days.computeIfAbsent(date, d -> new EnumMap<>(RecordOwner.class)).put(RecordOwner.PROFILE,
          List.copyOf(profile));
    }

    @Override
    public void replaceOwned(RecordOwner owner, String dataset, LocalDate date, List<MetricRecord> records) {
      days.computeIfAbsent(date, d -> new EnumMap<>(RecordOwner.class)).put(owner, List.copyOf(records));
    }

    @Override
    public List<MetricRecord> loadDay(String dataset, LocalDate date) {
      List<MetricRecord> out = new ArrayList<>();
      days.getOrDefault(date, Map.of()).values().forEach(out::addAll);
      return out;
    }

    @Override
    public List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive) {
      List<MetricRecord> out = new ArrayList<>();
      if (fromInclusive.isBefore(toExclusive)) {
        days.subMap(fromInclusive, toExclusive).values().forEach(owners -> owners.values().forEach(out::addAll));
      }
      return out;
    }

    @Override
    public List<LocalDate> days(String dataset) {
      return new ArrayList<>(days.keySet());
    }

    @Override
    public Map<RecordOwner, Provenance> provenance(String dataset, LocalDate date) {
      return Map.of();
    }

    @Override
    public String location() {
      return "memory";
    }
  }
}
