package io.dqgate.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.dqgate.config.ColumnKind;
import io.dqgate.config.ColumnSpec;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DateFormats;
import io.dqgate.config.SourceFormat;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.source.SourcePartition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Profiles one partition in two scans of the data:
 * <ol>
 *   <li>a global aggregate for every scalar metric (counts, nulls, ranges, moments, correlations, format
 *       checks, quantile and distinct-count sketches), and</li>
 *   <li>one grouping pass that serves all categorical histograms (with exact distinct counts), the exact
 *       duplicate-key count and the duplicate-row count from a single shuffle.</li>
 * </ol>
 * Nothing is written here; the caller stores the returned metrics.
 */
public final class Profiler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Profiler.class);
  private final MetricsRepository history;

  public Profiler(MetricsRepository history) {
    this.history = history;
  }

  public PartitionProfile profile(SourcePartition partition, DatasetSpec dataset, SourceFormat format,
      LocalDate date, String runId, Instant computedAt) {
    Dataset<Row> rows = partition.rows();
    long t0 = System.nanoTime();
    List<ResolvedColumn> columns = ColumnResolver.resolve(rows, dataset, partition.location(),
        knownKinds(dataset.name(), date));
    long t1 = System.nanoTime();
    ScalarPass scalar = new ScalarPass(columns, dataset, date);
    Map<String, Object> scalars = scalar.run(rows);
    long t2 = System.nanoTime();
    GroupingPass.Result grouped = new GroupingPass(columns, dataset).run(rows);
    long t3 = System.nanoTime();
    LOG.debug("{} {}: resolve {} ms, scalar pass {} ms, grouping pass {} ms", dataset.name(), date,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);

    MetricSink sink = new MetricSink(dataset.name(), date, runId, computedAt);
    long rowCount = ((Number) scalars.get(ScalarPass.ROWS)).longValue();
    sink.dataset(MetricNames.ROW_COUNT, rowCount);
    sink.dataset(MetricNames.COLUMN_COUNT, columns.size());
    sink.dataset(MetricNames.DUPLICATE_ROW_FRACTION, ratio(grouped.duplicateRows(), rowCount));
    if (!dataset.primaryKey().isEmpty()) {
      String key = String.join(",", dataset.primaryKey());
      sink.add(Entity.DATASET, key, MetricNames.DUPLICATE_KEY_COUNT, grouped.duplicateKeys(), null);
      sink.add(Entity.DATASET, key, MetricNames.KEY_UNIQUENESS, ratio(grouped.uniqueKeys(), rowCount), null);
      sink.add(Entity.DATASET, key, MetricNames.NULL_KEY_FRACTION, ratio(grouped.nullKeyRows(), rowCount), null);
    }
    scalar.emit(scalars, rowCount, sink);
    for (ResolvedColumn c : columns) {
      sink.add(Entity.COLUMN, c.name(), MetricNames.COLUMN_KIND, c.inferred() ? 1.0 : 0.0, kindDetail(c));
    }
    new CategoricalMetrics(dataset, date, history).emit(columns, grouped, sink);
    return new PartitionProfile(columns, sink.records());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static String kindDetail(ResolvedColumn c) {
    var node = JSON.createObjectNode()
        .put("kind", c.kind().label())
        .put("source_type", c.sourceType().typeName());
    c.format().ifPresent(f -> node.put("format", f));
    return node.toString();
  }

  /** Column kinds stored with the latest day before {@code date}. */
  private Map<String, ColumnResolver.KnownKind> knownKinds(String dataset, LocalDate date) {
    List<LocalDate> earlier = history.days(dataset).stream().filter(d -> d.isBefore(date)).toList();
    Map<String, ColumnResolver.KnownKind> out = new java.util.HashMap<>();
    if (earlier.isEmpty()) {
      return out;
    }
    for (MetricRecord m : history.loadDay(dataset, earlier.get(earlier.size() - 1))) {
      if (m.metric().equals(MetricNames.COLUMN_KIND) && m.detail() != null) {
        try {
          var node = JSON.readTree(m.detail());
          ColumnKind kind = ColumnKind.valueOf(node.path("kind").asText().toUpperCase(java.util.Locale.ROOT));
          Optional<String> format = node.hasNonNull("format") ? Optional.of(node.get("format").asText())
              : Optional.empty();
          out.put(m.instance(), new ColumnResolver.KnownKind(kind, format, node.path("source_type").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
          LOG.warn("ignoring unreadable column_kind of {} in {}: {}", m.instance(), dataset, m.detail());
        }
      }
    }
    return out;
  }

  static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : part / (double) whole;
  }

  /** Collects metric records for one partition. */
  static final class MetricSink {
    private final String dataset;
    private final LocalDate date;
    private final String runId;
    private final Instant computedAt;
    private final List<MetricRecord> records = new ArrayList<>();

    MetricSink(String dataset, LocalDate date, String runId, Instant computedAt) {
      this.dataset = dataset;
      this.date = date;
      this.runId = runId;
      this.computedAt = computedAt;
    }

    void dataset(String metric, double value) {
      add(Entity.DATASET, MetricKey.WHOLE_DATASET, metric, value, null);
    }

    void column(String column, String metric, double value) {
      add(Entity.COLUMN, column, metric, value, null);
    }

    void add(Entity entity, String instance, String metric, double value, String detail) {
      records.add(new MetricRecord(dataset, date, runId, computedAt, entity, instance, metric, value, detail));
    }

    List<MetricRecord> records() {
      return records;
    }
  }

  /** Value expressions shared by both passes. */
  static Column numericValue(ResolvedColumn c) {
    return c.isString() ? Sql.tryDouble(c.name()) : col(c.name()).cast("double");
  }

  static Column categoricalValue(ResolvedColumn c) {
    return col(c.name()).cast("string");
  }

  static Column countWhen(Column condition) {
    return count(when(condition, lit(1)));
  }

  static Optional<String> swappedFormat(ResolvedColumn c) {
    return c.format().map(DateFormats::swapDayMonth);
  }

  static LocalDate floor(ColumnSpec spec, DatasetSpec dataset) {
    return spec.floor().orElse(dataset.profile().dateFloor());
  }

  static boolean isKind(ResolvedColumn c, ColumnKind kind) {
    return c.kind() == kind;
  }

  static Map<String, Object> toMap(Row row) {
    Map<String, Object> out = new HashMap<>();
    String[] names = row.schema().fieldNames();
    for (int i = 0; i < names.length; i++) {
      boolean array = row.schema().fields()[i].dataType() instanceof org.apache.spark.sql.types.ArrayType;
      out.put(names[i], array && !row.isNullAt(i) ? row.getList(i) : row.get(i));
    }
    return out;
  }

  static Column datediffEpoch(Column date) {
    return functions.datediff(date, functions.to_date(lit("1970-01-01")));
  }
}
