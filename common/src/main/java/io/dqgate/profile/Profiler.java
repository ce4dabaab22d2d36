package io.dqgate.profile;


import io.dqgate.config.ColumnKind;
import io.dqgate.config.ColumnSpec;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DateFormats;
import io.dqgate.config.SourceFormat;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.metrics.MetricsReader;
import io.dqgate.metrics.MetricSink;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Profiles partitions in a few column-pruned scans, every aggregate grouped by the partition day:
 * <ol>
 *   <li>the scalar metrics ({@link ScalarPass}): declarative aggregates (counts, nulls, ranges, moments,
 *       correlations, format checks) in codegen'd chunks, then the quantile and distinct-count sketches;</li>
 *   <li>the grouping pass ({@link GroupingPass}): categorical histograms (with exact distinct counts) from
 *       one small shuffle, and the exact duplicate-key and duplicate-row counts from the key's GROUP BY.</li>
 * </ol>
 * Nothing is written here; the caller stores the returned metrics.
 */
public final class Profiler {
  /** The partition day of each row (yyyy-MM-dd), added by the profiler; every aggregate groups by it. */
  public static final String DAY_COLUMN = "__dqgate_day";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Profiler.class);
  private final MetricsReader history;

  public Profiler(MetricsReader history) {
    this.history = history;
  }

  public PartitionProfile profile(SourcePartition partition, DatasetSpec dataset, SourceFormat format,
      LocalDate date, String runId, Instant computedAt) {
    return profileDays(java.util.Map.of(date, partition), dataset, runId, computedAt).get(date);
  }

  /**
   * Profiles many partitions in one pass over all of them (backfill): every aggregate is grouped by the
   * partition's day, so the result equals single-day runs at the cost of one scan per distinct schema
   * (see {@code PartitionReader.readDaysGroupedBySchema}), not per day.
   */
  public java.util.SortedMap<LocalDate, PartitionProfile> profileDays(Map<LocalDate, SourcePartition> partitions,
      DatasetSpec dataset, String runId, Instant computedAt) {
    return profileDays(partitions, Optional.empty(), dataset, runId, computedAt);
  }

  /**
   * As above; {@code oneScan}, when present, holds the rows of all the partitions with their day in
   * {@link #DAY_COLUMN} (see {@code PartitionReader.readDaysInOneScan}); when absent, the days are read
   * in one scan per distinct schema.
   */
  public java.util.SortedMap<LocalDate, PartitionProfile> profileDays(Map<LocalDate, SourcePartition> partitions,
      Optional<Dataset<Row>> oneScan, DatasetSpec dataset, String runId, Instant computedAt) {
    java.util.TreeMap<LocalDate, SourcePartition> ordered = new java.util.TreeMap<>(partitions);
    LocalDate first = ordered.firstKey();
    int lookback = dataset.profile().newValueLookbackDays();
    // the look-back's stored days are read while Spark scans
    java.util.concurrent.CompletableFuture<List<MetricRecord>> lookbackDays = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> history.loadRange(dataset.name(), first.minusDays(lookback), first));
    List<PartitionReader.DayScan> scans;
    if (oneScan.isPresent()) {
      scans = List.of(new PartitionReader.DayScan(ordered, oneScan.get()));
    } else if (ordered.size() == 1) {
      scans = List.of(new PartitionReader.DayScan(ordered,
          ordered.firstEntry().getValue().rows().withColumn(DAY_COLUMN, functions.lit(first.toString()))));
    } else {
      scans = new PartitionReader(SparkSession.active()).readDaysGroupedBySchema(dataset.source(), ordered, DAY_COLUMN);
    }
    Map<String, ColumnResolver.KnownKind> known = knownKinds(dataset.name(), first);
    Map<LocalDate, ScannedDay> scanned = new java.util.TreeMap<>();
    for (PartitionReader.DayScan scan : scans) {
      Set<String> inOtherScans = new java.util.HashSet<>();
      scans.stream().filter(other -> other != scan)
          .forEach(other -> inOtherScans.addAll(java.util.Arrays.asList(other.rows().schema().fieldNames())));
      scanned.putAll(scan(scan, dataset, known, inOtherScans));
    }

    Map<LocalDate, Map<String, Set<String>>> seenByDay = new java.util.HashMap<>();
    CategoricalMetrics.collectSeen(lookbackDays.join(), seenByDay);
    java.util.SortedMap<LocalDate, PartitionProfile> out = new java.util.TreeMap<>();
    for (LocalDate date : ordered.keySet()) {
      ScannedDay day = scanned.get(date);
      List<ResolvedColumn> columns = day.columns();
      Map<String, Object> values = day.values();
      GroupingPass.Result groups = day.groups();
      MetricSink sink = new MetricSink(dataset.name(), date, runId, computedAt);
      Object rowsValue = values.get(ScalarPass.ROWS);
      long rowCount = rowsValue == null ? 0 : ((Number) rowsValue).longValue();
      sink.dataset(MetricNames.ROW_COUNT, rowCount);
      sink.dataset(MetricNames.COLUMN_COUNT, columns.size());
      sink.dataset(MetricNames.DUPLICATE_ROW_FRACTION, ratio(groups.duplicateRows(), rowCount));
      if (!dataset.primaryKey().isEmpty()) {
        String pk = String.join(",", dataset.primaryKey());
        sink.add(Entity.DATASET, pk, MetricNames.DUPLICATE_KEY_COUNT, groups.duplicateKeys(),
            keyCountDetail(groups));
        sink.add(Entity.DATASET, pk, MetricNames.KEY_UNIQUENESS, ratio(groups.uniqueKeys(), rowCount), null);
        sink.add(Entity.DATASET, pk, MetricNames.NULL_KEY_FRACTION, ratio(groups.nullKeyRows(), rowCount), null);
      }
      day.emitter().emit(values, rowCount, sink);
      Map<String, Set<String>> seen = seenWithin(seenByDay, date.minusDays(lookback), date);
      Map<String, Set<String>> today = new java.util.HashMap<>();
      CategoricalMetrics.emit(columns, groups, sink, seen, today);
      seenByDay.put(date, today);
      for (ResolvedColumn c : columns) {
        sink.add(Entity.COLUMN, c.name(), MetricNames.COLUMN_KIND, c.inferred() ? 1.0 : 0.0, kindDetail(c));
      }
      out.put(date, new PartitionProfile(columns, sink.records()));
    }
    return out;
  }

  /** One day's scan results, with the columns (and emitter) of the scan it came from. */
  private record ScannedDay(List<ResolvedColumn> columns, ScalarPass emitter, Map<String, Object> values,
      GroupingPass.Result groups) {}

  /**
   * Resolves the columns of one scan (on its first day; kinds resolved by earlier scans of the batch are
   * known to later ones) and runs the configured engine over it.
   */
  private Map<LocalDate, ScannedDay> scan(PartitionReader.DayScan scan, DatasetSpec dataset,
      Map<String, ColumnResolver.KnownKind> known, Set<String> inOtherScans) {
    long t0 = System.nanoTime();
    Map.Entry<LocalDate, SourcePartition> first = scan.days().entrySet().iterator().next();
    // the scan's schema less the day is the days' schema: the first day is planned only to be sampled
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType(
        java.util.Arrays.stream(scan.rows().schema().fields()).filter(f -> !f.name().equals(DAY_COLUMN))
            .toArray(org.apache.spark.sql.types.StructField[]::new));
    List<ResolvedColumn> columns = ColumnResolver.resolve(schema, () -> first.getValue().rows(),
        scan.days().size() > 1 ? scan::rows : null, dataset, first.getValue().location(), known, inOtherScans);
    for (ResolvedColumn c : columns) {
      if (!c.unseen()) {
        known.put(c.name(), new ColumnResolver.KnownKind(c.kind(), c.format(), c.sourceType().typeName()));
      }
    }
    long t1 = System.nanoTime();
    ScalarPass scalar = new ScalarPass(columns, dataset);
    Map<String, Map<String, Object>> scalars;
    Map<String, GroupingPass.Result> grouped;
    if (dataset.profile().scan() == io.dqgate.config.ProfileSpec.Scan.KERNEL) {
      Optional<String> onlyDay = scan.days().size() == 1 ? Optional.of(first.getKey().toString()) : Optional.empty();
      ScanKernel.Results results = new ScanKernel(columns, dataset).run(scan.rows(), onlyDay);
      scalars = results.scalars();
      grouped = results.grouped();
    } else {
      scalars = scalar.run(scan.rows());
      grouped = new GroupingPass(columns, dataset).run(scan.rows());
    }
    if (scalars.containsKey("?")) {
      throw new IllegalStateException("rows from files outside every partition folder of " + dataset.name());
    }
    LOG.debug("{} {} day(s) from {}: resolve {} ms, {} scan {} ms", dataset.name(), scan.days().size(),
        first.getKey(), (t1 - t0) / 1_000_000, dataset.profile().scan().label(), (System.nanoTime() - t1) / 1_000_000);
    Map<LocalDate, ScannedDay> out = new HashMap<>();
    for (LocalDate date : scan.days().keySet()) {
      String key = date.toString();
      out.put(date, new ScannedDay(columns, scalar, scalars.getOrDefault(key, Map.of()),
          grouped.getOrDefault(key, GroupingPass.Result.EMPTY)));
    }
    return out;
  }

  /**
   * How the duplicate keys were counted: from 64-bit key hashes, with the expected number of distinct keys
   * a collision merged (a bound on the count's error); null when the typed keys were grouped.
   */
  private static String keyCountDetail(GroupingPass.Result groups) {
    if (Double.isNaN(groups.keyCollisionBound())) {
      return null;
    }
    return JSON.createObjectNode().put("method", "xxhash64 of the typed key, 63 bits")
        .put("expected_collisions", groups.keyCollisionBound()).toString();
  }

  /** Union of the values seen on days in [from, to), per column; a column absent on all of them is absent. */
  private static Map<String, Set<String>> seenWithin(Map<LocalDate, Map<String, Set<String>>> byDay,
      LocalDate from, LocalDate to) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    byDay.forEach((day, columns) -> {
      if (!day.isBefore(from) && day.isBefore(to)) {
        columns.forEach((column, values) -> out.computeIfAbsent(column, k -> new java.util.HashSet<>()).addAll(values));
      }
    });
    return out;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static String kindDetail(ResolvedColumn c) {
    var node = JSON.createObjectNode()
        .put("kind", c.kind().label())
        .put("source_type", c.sourceType().typeName());
    c.format().ifPresent(f -> node.put("format", f));
    if (c.unseen()) {
      node.put("unseen", true);
    }
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
          if (node.path("unseen").asBoolean(false)) {
            continue; // a column empty that day: the next day with values decides its kind
          }
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

  /** Value expressions shared by both passes. */
  static Column numericValue(ResolvedColumn c) {
    return c.isString() ? Sql.tryDouble(c.name()) : Sql.column(c.name()).cast("double");
  }

  static Column categoricalValue(ResolvedColumn c) {
    return Sql.column(c.name()).cast("string");
  }

  static Optional<String> swappedFormat(ResolvedColumn c) {
    return c.format().map(DateFormats::swapDayMonth);
  }

  static LocalDate floor(ColumnSpec spec, DatasetSpec dataset) {
    return spec.floor().orElse(dataset.profile().dateFloor());
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

}
