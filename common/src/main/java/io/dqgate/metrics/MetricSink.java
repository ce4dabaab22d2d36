package io.dqgate.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Collects the metric rows one job writes for one partition (same dataset, day, run and time). */
public final class MetricSink {
  private final String dataset;
  private final LocalDate date;
  private final String runId;
  private final Instant computedAt;
  private final List<MetricRecord> records = new ArrayList<>();

  public MetricSink(String dataset, LocalDate date, String runId, Instant computedAt) {
    this.dataset = dataset;
    this.date = date;
    this.runId = runId;
    this.computedAt = computedAt;
  }

  /** A metric of the whole partition (instance "*"). */
  public void dataset(String metric, double value) {
    add(Entity.DATASET, MetricKey.WHOLE_DATASET, metric, value, null);
  }

  public void column(String column, String metric, double value) {
    add(Entity.COLUMN, column, metric, value, null);
  }

  public void add(Entity entity, String instance, String metric, double value, String detail) {
    records.add(new MetricRecord(dataset, date, runId, computedAt, entity, instance, metric, value, detail));
  }

  public List<MetricRecord> records() {
    return records;
  }
}
