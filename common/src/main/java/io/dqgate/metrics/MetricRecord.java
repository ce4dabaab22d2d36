package io.dqgate.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the metrics repository. {@code value} is NaN when the metric is undefined for the partition
 * (the mean of an all-null column, say); {@code detail} carries structured extras such as a histogram as JSON.
 */
public record MetricRecord(
    String dataset,
    LocalDate partitionDate,
    String runId,
    Instant computedAt,
    Entity entity,
    String instance,
    String metric,
    double value,
    String detail) {

  public MetricRecord {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(partitionDate, "partitionDate");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(computedAt, "computedAt");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(metric, "metric");
  }

  /** The identity of a metric within one partition. */
  public MetricKey key() {
    return new MetricKey(entity, instance, metric);
  }
}
