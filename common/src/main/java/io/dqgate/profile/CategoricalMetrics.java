package io.dqgate.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.config.ColumnKind;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricSink;
import io.dqgate.metrics.MetricRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Histogram metrics of categorical columns: the top values with counts and proportions (the rest as one
 * bucket) in {@code detail}, the exact distinct count, and how many of today's values no earlier day saw.
 */
final class CategoricalMetrics {
  static final String OTHER = "__other__";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CategoricalMetrics() {}

  /**
   * Emits the histogram metrics of one day. {@code seen} holds, per column, the values stored for the
   * look-back window before the day (absent: no history, so no new_value_count); {@code today} receives
   * the day's top values, for later days of the same batch.
   */
  static void emit(List<ResolvedColumn> columns, GroupingPass.Result grouped, MetricSink sink,
      Map<String, Set<String>> seen, Map<String, Set<String>> today) {
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      if (c.kind() != ColumnKind.CATEGORICAL) {
        continue;
      }
      GroupingPass.Histogram h = grouped.histogram(i);
      sink.column(c.name(), MetricNames.DISTINCT_COUNT_APPROX, h.distinct());
      ObjectNode detail = JSON.createObjectNode();
      detail.put("total", h.total());
      detail.put("distinct", h.distinct());
      ArrayNode values = detail.putArray("values");
      long covered = 0;
      Set<String> todays = new HashSet<>();
      for (GroupingPass.ValueCount v : h.top()) {
        values.addObject()
            .put("value", v.value())
            .put("count", v.count())
            .put("proportion", Profiler.ratio(v.count(), h.total()));
        covered += v.count();
        todays.add(v.value());
      }
      today.put(c.name(), todays);
      detail.putObject("other")
          .put("count", h.total() - covered)
          .put("proportion", h.total() == 0 ? 0.0 : Profiler.ratio(h.total() - covered, h.total()));
      double topShare = h.top().isEmpty() ? Double.NaN : Profiler.ratio(h.top().get(0).count(), h.total());
      sink.add(Entity.COLUMN, c.name(), MetricNames.VALUE_PROPORTIONS, topShare, detail.toString());
      Set<String> before = seen.get(c.name());
      if (before != null) {
        long fresh = h.top().stream().filter(v -> !before.contains(v.value())).count();
        sink.column(c.name(), MetricNames.NEW_VALUE_COUNT, fresh);
      }
    }
  }

  /** Values of each categorical column in stored {@code value_proportions} records. */
  static void collectSeen(List<MetricRecord> records, Map<java.time.LocalDate, Map<String, Set<String>>> byDay) {
    for (MetricRecord m : records) {
      if (m.metric().equals(MetricNames.VALUE_PROPORTIONS) && m.detail() != null) {
        byDay.computeIfAbsent(m.partitionDate(), d -> new HashMap<>())
            .computeIfAbsent(m.instance(), k -> new HashSet<>())
            .addAll(valuesOf(m.detail()));
      }
    }
  }

  static Set<String> valuesOf(String detail) {
    Set<String> out = new HashSet<>();
    try {
      JsonNode root = JSON.readTree(detail);
      for (JsonNode v : root.path("values")) {
        out.add(v.path("value").asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable value_proportions detail: " + detail, e);
    }
    return out;
  }
}
