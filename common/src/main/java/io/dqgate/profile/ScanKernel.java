package io.dqgate.profile;

import static io.dqgate.profile.ScalarPass.alias;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.dqgate.config.ColumnSpec;
import io.dqgate.config.DatasetSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.datasketches.kll.KllSketch;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Every per-column metric, the categorical histograms and the duplicate counts of a partition in one
 * Spark job: the scan's rows, projected to the parsed values the metrics need (numbers, days, hashes: a
 * whole-stage-codegen'd projection, so parsing stays Spark's), go through one {@code mapPartitions} that
 * updates a {@link DayAccumulator} per partition day; the tasks' accumulators are merged on the driver.
 * Where Spark's scan is columnar (Parquet, ORC), the same accumulators are fed from the scan's column
 * batches instead, with no projection ({@link ColumnarScan}); the rows are the way for the rest.
 *
 * <p>The results have the shape of the declarative plan's ({@link ScalarPass} aliases per day, and a
 * {@link GroupingPass.Result}), so both feed the same emitters. Only a categorical column with more than
 * {@link #CATEGORY_LIMIT} distinct values in one task needs a second job: its histogram then comes from
 * {@link GroupingPass}'s shuffle, so that top values stay exact.
 */
final class ScanKernel {
  /** Distinct values of one categorical column kept per task before its counting moves to a shuffle. */
  static final int CATEGORY_LIMIT = 100_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScanKernel.class);

  private final List<ResolvedColumn> columns;
  private final DatasetSpec dataset;
  private final List<CorrelationPairs.Pair> pairs;
  private final KernelLayout layout = new KernelLayout();
  private final List<Column> slots = new ArrayList<>();
  /** Parsed timestamps of text columns, computed once per row before the slots that use them. */
  private final List<Column> parsed = new ArrayList<>();
  private final boolean columnar;

  ScanKernel(List<ResolvedColumn> columns, DatasetSpec dataset) {
    this(columns, dataset, CATEGORY_LIMIT, true);
  }

  /**
   * {@code categoryLimit}: distinct values of a categorical column per task before the shuffle takes over;
   * {@code columnar}: whether a columnar scan is read from its column batches ({@link ColumnarScan}) rather
   * than from projected rows.
   */
  ScanKernel(List<ResolvedColumn> columns, DatasetSpec dataset, int categoryLimit, boolean columnar) {
    this.columnar = columnar;
    this.columns = columns;
    this.dataset = dataset;
    this.pairs = CorrelationPairs.of(columns, dataset);
    layout.hllLgK = ScalarPass.hllLgK(dataset.profile().distinctRelativeError());
    layout.kllK = kllK(dataset.profile().quantileRankError());
    layout.sampledKllK = kllK(dataset.profile().quantileRankError() / 2);
    layout.categoryLimit = categoryLimit;
    plan();
  }

  /** The smallest KLL size whose normalised rank error (99 % confidence) is within {@code rankError}. */
  static int kllK(double rankError) {
    int k = KllSketch.getKFromEpsilon(rankError, false);
    while (KllSketch.getNormalizedRankError(k, false) > rankError && k < KllSketch.MAX_K) {
      k++;
    }
    return Math.max(8, k);
  }

  private int slot(Column expression) {
    slots.add(expression.as("s" + slots.size()));
    return slots.size() - 1;
  }

  private Column parsedTimestamp(int index, String pattern) {
    String name = "__p" + index + "_" + parsed.size();
    parsed.add(Sql.tryTimestamp(columns.get(index).name(), pattern).as(name));
    return functions.col(name);
  }

  private void plan() {
    layout.columns = new KernelLayout.Column[columns.size()];
    int numeric = 0;
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      ColumnSpec spec = c.spec();
      KernelLayout.Column k = new KernelLayout.Column();
      layout.columns[i] = k;
      Column raw = Sql.column(c.name());
      if (c.isString()) {
        k.text = slot(raw);
        k.countEmpty = true;
      }
      switch (c.kind()) {
        case NUMERIC -> {
          k.numeric = true;
          k.distinct = true;
          k.number = slot(Profiler.numericValue(c));
          k.numberIndex = numeric++;
          k.countNotNumeric = c.isString();
          k.min = spec.min().orElse(null);
          k.max = spec.max().orElse(null);
        }
        case CATEGORICAL -> {
          k.categorical = true;
          if (!c.isString()) {
            k.category = slot(Profiler.categoricalValue(c));
          }
          if (!spec.domain().isEmpty()) {
            k.domain = spec.domain().toArray(String[]::new);
          }
        }
        case DATE, TIMESTAMP -> {
          k.temporal = true;
          k.distinct = true;
          k.floorEpochDay = (int) Profiler.floor(spec, dataset).toEpochDay();
          if (c.isTemporalText()) {
            Column ts = parsedTimestamp(i, c.format().get());
            k.countFormat = true;
            k.day = slot(functions.to_date(ts));
            Optional<String> swapped = Profiler.swappedFormat(c);
            if (swapped.isPresent()) {
              k.countSwapped = true;
              // inline, not a parsed column: AND skips the second parse of every value the format reads
              k.swapped = slot(ts.isNull().and(Sql.tryTimestamp(c.name(), swapped.get()).isNotNull()));
            }
          } else if (c.sourceType() instanceof DateType) {
            // a date is its epoch day; its hash is xxhash64's of that int, taken in the loop
            k.day = slot(raw);
            k.hashDay = true;
          } else if (!c.isString()) {
            k.hash = slot(hashOf(c, raw));
            k.day = slot(functions.to_date(raw.cast("timestamp")));
          }
        }
        case ID, TEXT -> {
          k.distinct = true;
          if (!c.isString()) {
            k.hash = slot(hashOf(c, raw));
          }
        }
        default -> throw new IllegalStateException("unhandled kind " + c.kind());
      }
    }
    Optional<Integer> target = dataset.target().flatMap(t -> java.util.stream.IntStream.range(0, columns.size())
        .boxed().filter(i -> columns.get(i).name().equals(t)).findFirst());
    if (target.isPresent() && layout.columns[target.get()].numberIndex < 0
        && pairs.stream().anyMatch(p -> p.second() == target.get())) {
      layout.extraNumber = slot(Profiler.numericValue(columns.get(target.get())));
      layout.extraNumberIndex = numeric;
      layout.columns[target.get()].numberIndex = numeric++;
    }
    layout.numericValues = numeric;
    layout.pairFirst = pairs.stream().mapToInt(p -> layout.columns[p.first()].numberIndex).toArray();
    layout.pairSecond = pairs.stream().mapToInt(p -> layout.columns[p.second()].numberIndex).toArray();
    List<String> key = dataset.primaryKey();
    Column[] rowHash = GroupingPass.rowHash(columns);
    if (!key.isEmpty()) {
      List<Column> keyColumns = key.stream().map(Sql::column).toList();
      List<Column> hashed = new ArrayList<>(keyColumns);
      hashed.addAll(GroupingPass.nullMasks(keyColumns));
      Column nullKey = lit(false);
      for (Column k : keyColumns) {
        nullKey = nullKey.or(k.isNull());
      }
      layout.keyHash = slot(functions.xxhash64(hashed.toArray(Column[]::new)));
      layout.keyNull = slot(nullKey);
      layout.rowHash2 = slot(rowHash[0]);
      layout.rowHash1 = layout.rowHash2;
    } else {
      layout.rowHash1 = slot(rowHash[0]);
      layout.rowHash2 = slot(rowHash[1]);
    }
  }

  /** A non-null value's 64-bit hash, as the declarative plan's distinct count takes it. */
  private static Column hashOf(ResolvedColumn c, Column raw) {
    // Spark's hash functions refuse maps; their JSON text stands in for them
    Column hashable = c.sourceType() instanceof MapType ? functions.to_json(raw) : raw;
    return when(raw.isNotNull(), functions.xxhash64(hashable));
  }

  /** The kernel's results for each partition day (yyyy-MM-dd). */
  record Results(Map<String, Map<String, Object>> scalars, Map<String, GroupingPass.Result> grouped) {}

  Results run(Dataset<Row> rows) {
    return run(rows, Optional.empty());
  }

  /** As above; {@code onlyDay}, when present, is the day (yyyy-MM-dd) of every row. */
  Results run(Dataset<Row> rows, Optional<String> onlyDay) {
    long t0 = System.nanoTime();
    Optional<ColumnarScan> batches = columnarScan(rows, onlyDay);
    // The tasks run outside a Dataset action, so the session's SQL settings (time zone, date parser policy)
    // reach them only when propagated; without it they parse and convert with Spark's defaults.
    List<Map<String, DayAccumulator>> parts = SQLExecution.withSQLConfPropagated(rows.sparkSession(),
        () -> batches.isPresent() ? batches.get().run(layout) : rowScan(rows));
    long t1 = System.nanoTime();
    Map<String, DayAccumulator> byDay = new HashMap<>();
    for (Map<String, DayAccumulator> part : parts) {
      part.forEach((day, acc) -> byDay.merge(day, acc, (a, b) -> {
        a.merge(b);
        return a;
      }));
    }
    Map<String, Map<String, Object>> scalars = new HashMap<>();
    Map<String, GroupingPass.Result> grouped = new HashMap<>();
    Set<Integer> overflowing = new HashSet<>();
    byDay.forEach((day, acc) -> {
      scalars.put(day, values(acc));
      grouped.put(day, groupedOf(acc));
      for (int i = 0; i < acc.categoryOverflow.length; i++) {
        if (acc.categoryOverflow[i]) {
          overflowing.add(i);
        }
      }
    });
    if (!overflowing.isEmpty()) {
      // A column past the per-task limit somewhere: its histograms, every day, from the shuffle.
      Map<String, Map<Integer, GroupingPass.Histogram>> exact =
          new GroupingPass(columns, dataset).histograms(rows, overflowing);
      grouped.replaceAll((day, g) -> g.withHistograms(exact.getOrDefault(day, Map.of())));
    }
    LOG.debug("scan kernel ({}): {} slots, {} task(s), {} day(s), {} correlation pair(s): scan {} ms, merge {} ms{}",
        batches.isPresent() ? "column batches" : "rows", slots.size(), parts.size(), byDay.size(), pairs.size(),
        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000,
        overflowing.isEmpty() ? "" : ", histograms by shuffle for " + overflowing.size() + " column(s)");
    return new Results(scalars, grouped);
  }

  /** Each task's accumulators of the rows read as rows: the parsed columns and the slots projected by Spark. */
  private List<Map<String, DayAccumulator>> rowScan(Dataset<Row> rows) {
    List<Column> withParsed = new ArrayList<>();
    withParsed.add(functions.col("*"));
    withParsed.addAll(parsed);
    Dataset<Row> projected = (parsed.isEmpty() ? rows : rows.select(withParsed.toArray(Column[]::new)))
        .select(slots.toArray(Column[]::new));
    KernelLayout shipped = layout;
    JavaRDD<InternalRow> internal = projected.queryExecution().toRdd().toJavaRDD();
    return internal.mapPartitions(it -> scan(shipped, it)).collect();
  }

  /**
   * The rows' column batches, when the scan is columnar and the kernel reads them ({@link ColumnarScan});
   * empty for the row path. Plans where a row's day comes from first: from the folder of the file being
   * read when the scan says where each day's files are (not from a per-row CASE), else from the day column.
   */
  Optional<ColumnarScan> columnarScan(Dataset<Row> rows, Optional<String> onlyDay) {
    if (layout.daySlot < 0 && layout.folderPrefixes == null) {
      if (!layout.readFolderDays(rows.schema().apply(Profiler.DAY_COLUMN).metadata())) {
        layout.daySlot = slot(functions.col(Profiler.DAY_COLUMN));
      }
    }
    return columnar ? ColumnarScan.of(rows, columns, dataset, layout, onlyDay) : Optional.empty();
  }

  /** One task: every row into its day's accumulator. Static, so the closure ships only the layout. */
  private static Iterator<Map<String, DayAccumulator>> scan(KernelLayout layout, Iterator<InternalRow> rows) {
    Map<String, DayAccumulator> byDay = new HashMap<>();
    double[] values = new double[layout.numericValues];
    boolean[] present = new boolean[layout.numericValues];
    double[] scratch = new double[layout.numericValues];
    UTF8String lastDay = null;
    UTF8String lastFile = null;
    DayAccumulator acc = null;
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      if (layout.daySlot >= 0) {
        UTF8String day = row.getUTF8String(layout.daySlot);
        if (lastDay == null || !lastDay.equals(day)) {
          lastDay = day.clone();
          acc = byDay.computeIfAbsent(lastDay.toString(), d -> new DayAccumulator(layout, d));
        }
      } else {
        // the holder keeps one string per file: a new reference means the next file
        UTF8String file = org.apache.spark.rdd.InputFileBlockHolder.getInputFilePath();
        if (acc == null || file != lastFile) {
          lastFile = file;
          acc = byDay.computeIfAbsent(layout.dayOfFile(file.toString()),
              d -> new DayAccumulator(layout, d));
        }
      }
      acc.add(layout, row, values, present, scratch);
    }
    byDay.values().forEach(DayAccumulator::finish);
    return List.of(byDay).iterator();
  }

  static long epochDayOf(String day) {
    try {
      return LocalDate.parse(day).toEpochDay();
    } catch (java.time.format.DateTimeParseException e) {
      return Long.MAX_VALUE; // rows outside every partition folder: rejected by the caller
    }
  }

  /** The accumulator as the declarative plan's result row of the day. */
  private Map<String, Object> values(DayAccumulator a) {
    Map<String, Object> out = new HashMap<>();
    out.put(ScalarPass.ROWS, a.rows);
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      KernelLayout.Column k = layout.columns[i];
      out.put(alias(i, "nonnull"), a.nonNull[i]);
      if (k.countEmpty) {
        out.put(alias(i, "empty"), a.empty[i]);
      }
      if (k.distinct) {
        out.put(alias(i, "distinct"), Math.round(a.distinct[i].getEstimate()));
      }
      if (k.numeric) {
        long n = a.numbers[i];
        out.put(alias(i, "n"), n);
        out.put(alias(i, "min"), n == 0 ? null : a.min[i]);
        out.put(alias(i, "max"), n == 0 ? null : a.max[i]);
        out.put(alias(i, "min2"), n < 2 ? null : a.minNext[i]);
        out.put(alias(i, "max2"), n < 2 ? null : a.maxNext[i]);
        out.put(alias(i, "mean"), n == 0 ? null : a.mean(i));
        out.put(alias(i, "stddev"), n < 2 ? null : a.sampleStddev(i));
        NumberQuantiles q = a.quantiles[i];
        out.put(alias(i, "q"), q.isEmpty() ? null : q.quantiles(ScalarPass.QUANTILES, a.min[i], a.max[i]));
        out.put(alias(i, "qerr"), q.rankError());
        if (k.countNotNumeric) {
          out.put(alias(i, "notnum"), a.notNumeric[i]);
        }
        if (k.min != null || k.max != null) {
          out.put(alias(i, "oor"), a.outOfRange[i]);
        }
      } else if (k.categorical && k.domain != null) {
        out.put(alias(i, "ood"), a.outOfDomain[i]);
      } else if (k.temporal && k.day >= 0) {
        if (k.countFormat) {
          out.put(alias(i, "match"), a.parsed[i]);
        }
        if (k.countSwapped) {
          out.put(alias(i, "swapped"), a.swapped[i]);
        }
        boolean any = a.parsed[i] > 0;
        out.put(alias(i, "mind"), any ? LocalDate.ofEpochDay(a.minDay[i]) : null);
        out.put(alias(i, "maxd"), any ? LocalDate.ofEpochDay(a.maxDay[i]) : null);
        out.put(alias(i, "future"), a.future[i]);
        out.put(alias(i, "before"), a.beforeFloor[i]);
        out.put(alias(i, "parsed"), a.parsed[i]);
      }
    }
    for (int p = 0; p < pairs.size(); p++) {
      out.put(pairs.get(p).alias(), a.pairs.correlation(p));
    }
    return out;
  }

  private GroupingPass.Result groupedOf(DayAccumulator a) {
    Map<Integer, GroupingPass.Histogram> histograms = new HashMap<>();
    int top = dataset.profile().topValues();
    for (int i = 0; i < columns.size(); i++) {
      Map<UTF8String, long[]> counts = a.categories[i];
      if (counts == null || a.categoryOverflow[i]) {
        continue;
      }
      List<Map.Entry<UTF8String, long[]>> entries = new ArrayList<>(counts.entrySet());
      entries.sort((x, y) -> x.getValue()[0] != y.getValue()[0] ? Long.compare(y.getValue()[0], x.getValue()[0])
          : x.getKey().compareTo(y.getKey()));
      long total = 0;
      for (Map.Entry<UTF8String, long[]> e : entries) {
        total += e.getValue()[0];
      }
      List<GroupingPass.ValueCount> topValues = new ArrayList<>();
      for (int k = 0; k < Math.min(top, entries.size()); k++) {
        topValues.add(new GroupingPass.ValueCount(entries.get(k).getKey().toString(), entries.get(k).getValue()[0]));
      }
      histograms.put(i, new GroupingPass.Histogram(List.copyOf(topValues), entries.size(), total));
    }
    if (a.keys == null) {
      return new GroupingPass.Result(histograms, 0, 0, 0, 0);
    }
    KeyHashes.Counts counts = a.keys.count();
    long duplicateRows = counts.rows() - counts.distinctRows();
    if (dataset.primaryKey().isEmpty()) {
      return new GroupingPass.Result(histograms, 0, 0, 0, duplicateRows);
    }
    return new GroupingPass.Result(histograms, counts.rows() - counts.distinctGroups(),
        counts.singleCompleteGroups(), a.nullKeyRows, duplicateRows, keyCollisionBound(counts.distinctGroups()));
  }

  /** The expected number of distinct keys wrongly merged by the 64-bit key hash: n(n-1)/2 over 2^63. */
  static double keyCollisionBound(long distinctKeys) {
    return distinctKeys * (double) (distinctKeys - 1) / 2 / Math.pow(2, 63);
  }
}
