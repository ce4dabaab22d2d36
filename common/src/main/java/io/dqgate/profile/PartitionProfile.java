package io.dqgate.profile;

import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metrics of one partition and the columns as they were profiled. */
public record PartitionProfile(List<ResolvedColumn> columns, List<MetricRecord> metrics) {

  public PartitionProfile {
    columns = List.copyOf(columns);
    metrics = List.copyOf(metrics);
  }

  public Map<MetricKey, MetricRecord> byKey() {
    Map<MetricKey, MetricRecord> out = new LinkedHashMap<>();
    for (MetricRecord m : metrics) {
      out.put(m.key(), m);
    }
    return out;
  }

  public Optional<Double> value(MetricKey key) {
    MetricRecord m = byKey().get(key);
    return m == null ? Optional.empty() : Optional.of(m.value());
  }
}
