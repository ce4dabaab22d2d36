package io.dqgate.metrics;

/** Identifies a metric within a partition: entity, instance (column name(s) or "*"), metric name. */
public record MetricKey(Entity entity, String instance, String metric) {

  public static final String WHOLE_DATASET = "*";

  public static MetricKey dataset(String metric) {
    return new MetricKey(Entity.DATASET, WHOLE_DATASET, metric);
  }

  public static MetricKey column(String column, String metric) {
    return new MetricKey(Entity.COLUMN, column, metric);
  }

  @Override
  public String toString() {
    return entity.label() + ":" + instance + ":" + metric;
  }
}
