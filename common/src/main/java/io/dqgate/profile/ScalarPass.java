package io.dqgate.profile;

import static io.dqgate.profile.Profiler.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.ColumnSpec;
import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricSink;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Every scalar metric of a partition, grouped by the partition day, in two aggregates: the declarative
 * ones (counts, min/max, moments, correlations, format and range counts) that whole-stage codegen fuses
 * into one tight loop, and the sketches (DataSketches HLL distinct counts, quantile summaries) that run
 * as an object aggregate. One imperative aggregate in an {@code agg} turns codegen off for all of them,
 * so the two are separate scans of the projected columns (see BENCHMARKS.md for what that bought).
 * Fractions are finished on the driver from the raw counts, so that no metric divides inside Spark.
 */
final class ScalarPass {
  static final String ROWS = "rows";
  static final double[] QUANTILES = {0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55,
      0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.0};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScalarPass.class);

  private final List<ResolvedColumn> columns;
  private final DatasetSpec dataset;
  /** Every metric's aggregate, in plan order. */
  private final List<Measure> measures = new ArrayList<>();
  private final int hllLgK;
  /** Parsed values computed once per row, before the aggregate, so no parse is repeated per metric. */
  private final List<Column> derived = new ArrayList<>();

  ScalarPass(List<ResolvedColumn> columns, DatasetSpec dataset) {
    this.columns = columns;
    this.dataset = dataset;
    this.hllLgK = hllLgK(dataset.profile().distinctRelativeError());
    plan();
  }

  static String alias(int index, String what) {
    return "c" + index + "_" + what;
  }

  /** How a measure aggregates its input; the sketches are object aggregates, the rest declarative. */
  enum Agg {
    COUNT, MIN, MAX, MIN_DATE, MAX_DATE, MEAN, STDDEV, CORR, QUANTILES, DISTINCT, MIN_NEXT, MAX_NEXT;

    boolean sketch() {
      return this == QUANTILES || this == DISTINCT || this == MIN_NEXT || this == MAX_NEXT;
    }
  }

  /**
   * One metric of one column: {@code what} names it ({@code c<index>_<what>} in the result), {@code input}
   * is its value per row (for COUNT: counted where not null), {@code second} the target for CORR.
   */
  record Measure(int index, String what, Agg agg, Column input, Column second) {}

  private void add(int index, String what, Agg agg, Column input) {
    measures.add(new Measure(index, what, agg, input, null));
  }

  private void countWhere(int index, String what, Column condition) {
    add(index, what, Agg.COUNT, functions.when(condition, lit(1)));
  }

  /**
   * The smallest DataSketches HLL size (log2 of its buckets) whose relative standard error, about
   * 1.04 / sqrt(2^lgK), is within {@code rsd}: 0.02 gives lgK 12 (4096 buckets, 1.6 %).
   */
  static int hllLgK(double rsd) {
    int lgK = (int) Math.ceil(Math.log(Math.pow(1.04 / rsd, 2)) / Math.log(2));
    return Math.max(4, Math.min(21, lgK));
  }

  /**
   * Approximate distinct count of non-null values, sketched through their 64-bit xxhash (the sketch takes
   * only integers, strings and bytes; a second hash adds no error worth naming at 2^64). Spark's own
   * HyperLogLog++ keeps its registers as aggregation-buffer words and cost about twice DataSketches' HLL on
   * lineitem (7.4 s against 3.3 s for 12 columns of 1.2 M rows, side by side on a loaded machine).
   */
  private void distinct(int index, Column value) {
    // Spark's hash functions refuse maps; their JSON text stands in for them (to_json keeps the map's key
    // order, so equal maps with their keys in different orders count as two)
    Column hashable = columns.get(index).sourceType() instanceof org.apache.spark.sql.types.MapType
        ? functions.to_json(value) : value;
    add(index, "distinct", Agg.DISTINCT, functions.when(value.isNotNull(), functions.xxhash64(hashable)));
  }

  private Column aggregate(Agg agg, Column input, Column second) {
    return switch (agg) {
      case COUNT -> count(input);
      case MIN, MIN_DATE -> functions.min(input);
      case MAX, MAX_DATE -> functions.max(input);
      case MEAN -> functions.avg(input);
      case STDDEV -> functions.stddev_samp(input);
      case CORR -> functions.corr(input, second);
      case QUANTILES -> functions.percentile_approx(input, functions.lit(QUANTILES), lit(quantileAccuracy()));
      case DISTINCT -> functions.hll_sketch_estimate(functions.hll_sketch_agg(input, hllLgK));
      case MIN_NEXT, MAX_NEXT -> functions.udaf(RunnerUps.aggregate(agg == Agg.MAX_NEXT), Encoders.DOUBLE())
          .apply(input);
    };
  }

  /** percentile_approx's accuracy for the configured rank error: its rank error is 1/accuracy. */
  private int quantileAccuracy() {
    return (int) Math.ceil(1.0 / dataset.profile().quantileRankError());
  }

  private Column derive(String alias, Column expression) {
    derived.add(expression.as(alias));
    return col(alias);
  }

  private Optional<Column> targetValue;

  private Optional<Column> targetValue() {
    if (targetValue == null) {
      targetValue = dataset.target()
          .flatMap(t -> columns.stream().filter(c -> c.name().equals(t)).findFirst())
          .map(c -> derive("__target", Profiler.numericValue(c)));
    }
    return targetValue;
  }

  /** The numeric value expression of each numeric column, for the correlation pairs. */
  private final Map<Integer, Column> numericValues = new java.util.HashMap<>();

  private void plan() {
    planColumns();
    for (CorrelationPairs.Pair p : CorrelationPairs.of(columns, dataset)) {
      Column second = p.metric().equals(MetricNames.TARGET_CORRELATION) ? targetValue().orElseThrow()
          : numericValues.get(p.second());
      String what = p.alias().substring(alias(p.first(), "").length());
      measures.add(new Measure(p.first(), what, Agg.CORR, numericValues.get(p.first()), second));
    }
    // chunks keep a column's measures together: each column's correlations next to its other measures
    List<Measure> ordered = new ArrayList<>(measures);
    ordered.sort(java.util.Comparator.comparingInt(Measure::index));
    measures.clear();
    measures.addAll(ordered);
  }

  private void planColumns() {
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      Column raw = Sql.column(c.name());
      ColumnSpec spec = c.spec();
      add(i, "nonnull", Agg.COUNT, functions.when(raw.isNotNull(), lit(1)));
      if (c.isString()) {
        countWhere(i, "empty", trim(raw).equalTo(lit("")));
      }
      switch (c.kind()) {
        case NUMERIC -> {
          Column v = derive("__v" + i, Profiler.numericValue(c));
          add(i, "n", Agg.COUNT, v);
          add(i, "min", Agg.MIN, v);
          add(i, "max", Agg.MAX, v);
          add(i, "min2", Agg.MIN_NEXT, v);
          add(i, "max2", Agg.MAX_NEXT, v);
          add(i, "mean", Agg.MEAN, v);
          add(i, "stddev", Agg.STDDEV, v);
          add(i, "q", Agg.QUANTILES, v);
          distinct(i, v);
          if (c.isString()) {
            countWhere(i, "notnum", raw.isNotNull().and(trim(raw).notEqual(lit(""))).and(v.isNull()));
          }
          if (spec.hasRange()) {
            Column out = lit(false);
            if (spec.min().isPresent()) {
              out = out.or(v.lt(lit(spec.min().get())));
            }
            if (spec.max().isPresent()) {
              out = out.or(v.gt(lit(spec.max().get())));
            }
            countWhere(i, "oor", out);
          }
          numericValues.put(i, v);
        }
        case CATEGORICAL -> {
          if (!spec.domain().isEmpty()) {
            Column value = Profiler.categoricalValue(c);
            countWhere(i, "ood", value.isNotNull().and(functions.not(value.isin(spec.domain().toArray()))));
          }
        }
        case DATE, TIMESTAMP -> {
          Column parsed;
          if (c.isTemporalText()) {
            parsed = derive("__p" + i, Sql.tryTimestamp(c.name(), c.format().get()));
            add(i, "match", Agg.COUNT, functions.when(parsed.isNotNull(), lit(1)));
            Optional<String> swapped = Profiler.swappedFormat(c);
            if (swapped.isPresent()) {
              Column swappedOnly = derive("__s" + i,
                  parsed.isNull().and(Sql.tryTimestamp(c.name(), swapped.get()).isNotNull()));
              countWhere(i, "swapped", swappedOnly);
            }
          } else if (c.isString()) {
            parsed = null; // a text column with no recognisable format: nulls and distincts only
          } else {
            parsed = raw.cast("timestamp");
          }
          if (parsed != null) {
            Column day = derive("__d" + i, functions.to_date(parsed));
            add(i, "mind", Agg.MIN_DATE, day);
            add(i, "maxd", Agg.MAX_DATE, day);
            // The partition's own day is a column, so one plan serves one day or many (backfill).
            countWhere(i, "future", day.gt(functions.to_date(col(Profiler.DAY_COLUMN))));
            countWhere(i, "before", day.lt(lit(Date.valueOf(Profiler.floor(spec, dataset)))));
            add(i, "parsed", Agg.COUNT, day);
          }
          distinct(i, raw);
        }
        case ID, TEXT -> distinct(i, raw);
        default -> throw new IllegalStateException("unhandled kind " + c.kind());
      }
    }
  }

  /**
   * At most this many aggregates in one Spark aggregate: Spark's whole-stage codegen stops at 100 output
   * fields ({@code spark.sql.codegen.maxFields}), and past it runs one generated update of every aggregate
   * per row, which was 2x slower here than the same aggregates in codegen'd chunks (a 200-column table:
   * 1,001 declarative aggregates). Each chunk is its own scan, of its own columns only, so a columnar
   * source reads about the bytes of one scan.
   */
  static final int MAX_AGGREGATES_PER_SCAN = 90;

  /** One aggregate row per partition day, keyed by the day (yyyy-MM-dd). */
  Map<String, Map<String, Object>> run(Dataset<Row> rows) {
    return run(rows, MAX_AGGREGATES_PER_SCAN);
  }

  Map<String, Map<String, Object>> run(Dataset<Row> rows, int perScan) {
    List<Measure> plain = measures.stream().filter(m -> !m.agg().sketch()).toList();
    List<Measure> sketches = measures.stream().filter(m -> m.agg().sketch()).toList();
    Dataset<Row> input = withDerived(rows);
    Map<String, Map<String, Object>> byDay = new java.util.HashMap<>();
    long t0 = System.nanoTime();
    List<List<Measure>> plainChunks = chunks(plain, perScan);
    for (int k = 0; k < plainChunks.size(); k++) {
      collect(input, plainChunks.get(k), k == 0, byDay);
    }
    if (plainChunks.isEmpty()) {
      collect(input, List.of(), true, byDay);
    }
    long t1 = System.nanoTime();
    List<List<Measure>> sketchChunks = chunks(sketches, perScan);
    // The sketches run as an ObjectHashAggregate, which whole-stage codegen cannot fuse anyway.
    withoutWholeStageCodegen(rows.sparkSession(), () -> {
      sketchChunks.forEach(chunk -> collect(input, chunk, false, byDay));
      return null;
    });
    LOG.debug("scalar pass: {} declarative aggregates in {} scan(s) {} ms, {} sketches in {} scan(s) {} ms",
        plain.size(), Math.max(1, plainChunks.size()), (t1 - t0) / 1_000_000, sketches.size(), sketchChunks.size(),
        (System.nanoTime() - t1) / 1_000_000);
    return byDay;
  }

  /** Consecutive measures, a column's measures never split, at most {@code size} per chunk when possible. */
  private static List<List<Measure>> chunks(List<Measure> of, int size) {
    List<List<Measure>> out = new ArrayList<>();
    List<Measure> current = new ArrayList<>();
    int i = 0;
    while (i < of.size()) {
      int j = i;
      while (j < of.size() && of.get(j).index() == of.get(i).index()) {
        j++;
      }
      if (!current.isEmpty() && current.size() + (j - i) > size) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.addAll(of.subList(i, j));
      i = j;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private Dataset<Row> withDerived(Dataset<Row> rows) {
    List<Column> projected = new ArrayList<>();
    projected.add(col("*"));
    projected.addAll(derived);
    return rows.select(projected.toArray(Column[]::new));
  }

  /** One aggregate per measure, one output column each, grouped by day; merged into {@code byDay}. */
  private void collect(Dataset<Row> input, List<Measure> of, boolean withRows,
      Map<String, Map<String, Object>> byDay) {
    List<Column> aggregates = new ArrayList<>();
    if (withRows) {
      aggregates.add(count(lit(1)).as(ROWS));
    }
    for (Measure m : of) {
      aggregates.add(aggregate(m.agg(), m.input(), m.second()).as(alias(m.index(), m.what())));
    }
    List<Row> result = input.groupBy(col(Profiler.DAY_COLUMN))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .collectAsList();
    for (Row r : result) {
      Map<String, Object> values = Profiler.toMap(r);
      byDay.computeIfAbsent((String) values.get(Profiler.DAY_COLUMN), k -> new java.util.HashMap<>()).putAll(values);
    }
  }

  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";

  /**
   * Runs {@code body} with whole-stage codegen off, then restores the session's setting. The sketch
   * aggregate runs as an ObjectHashAggregate, which whole-stage codegen cannot fuse anyway; with it on, the
   * old one-aggregate pass took 154 s instead of 40 s cold on 60 k lineitem rows on a loaded machine (see
   * BENCHMARKS.md), most of it compiling the projection. Expression-level codegen stays on.
   */
  static <T> T withoutWholeStageCodegen(org.apache.spark.sql.SparkSession spark, java.util.function.Supplier<T> body) {
    String before = spark.conf().get(WHOLE_STAGE, "true");
    spark.conf().set(WHOLE_STAGE, "false");
    try {
      return body.get();
    } finally {
      spark.conf().set(WHOLE_STAGE, before);
    }
  }


  void emit(Map<String, Object> r, long rowCount, MetricSink sink) {
    emitColumns(r, rowCount, sink);
    for (CorrelationPairs.Pair p : CorrelationPairs.of(columns, dataset)) {
      sink.add(Entity.COLUMN_PAIR, columns.get(p.first()).name() + "," + columns.get(p.second()).name(), p.metric(),
          asDouble(r.get(p.alias())), null);
    }
  }

  private void emitColumns(Map<String, Object> r, long rowCount, MetricSink sink) {
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      String name = c.name();
      long nonNull = asLong(r.get(alias(i, "nonnull")));
      sink.column(name, MetricNames.NULL_FRACTION, ratio(rowCount - nonNull, rowCount));
      if (c.isString()) {
        sink.column(name, MetricNames.EMPTY_STRING_FRACTION, ratio(asLong(r.get(alias(i, "empty"))), rowCount));
      }
      if (r.containsKey(alias(i, "distinct"))) {
        sink.column(name, MetricNames.DISTINCT_COUNT_APPROX, asLong(r.get(alias(i, "distinct"))));
      }
      if (c.kind() == ColumnKind.NUMERIC) {
        emitNumeric(r, i, c, nonNull, sink);
      } else if (c.kind() == ColumnKind.CATEGORICAL && r.containsKey(alias(i, "ood"))) {
        sink.column(name, MetricNames.OUT_OF_DOMAIN_FRACTION, ratio(asLong(r.get(alias(i, "ood"))), nonNull));
      } else if (c.kind().isTemporal()) {
        emitTemporal(r, i, c, nonNull, sink);
      }
    }
  }

  private void emitNumeric(Map<String, Object> r, int i, ResolvedColumn c, long nonNull, MetricSink sink) {
    String name = c.name();
    long n = asLong(r.get(alias(i, "n")));
    sink.add(Entity.COLUMN, name, MetricNames.MIN, asDouble(r.get(alias(i, "min"))), runnerUp(r.get(alias(i, "min2"))));
    sink.add(Entity.COLUMN, name, MetricNames.MAX, asDouble(r.get(alias(i, "max"))), runnerUp(r.get(alias(i, "max2"))));
    sink.column(name, MetricNames.MEAN, asDouble(r.get(alias(i, "mean"))));
    sink.column(name, MetricNames.STDDEV, asDouble(r.get(alias(i, "stddev"))));
    double[] q = quantiles(r.get(alias(i, "q")));
    double p25 = q == null ? Double.NaN : q[5];
    double p50 = q == null ? Double.NaN : q[10];
    double p75 = q == null ? Double.NaN : q[15];
    sink.column(name, MetricNames.P25, p25);
    sink.column(name, MetricNames.MEDIAN, p50);
    sink.column(name, MetricNames.P75, p75);
    sink.column(name, MetricNames.IQR, p75 - p25);
    if (q != null) {
      ObjectNode detail = JSON.createObjectNode();
      ArrayNode probabilities = detail.putArray("probabilities");
      ArrayNode values = detail.putArray("values");
      for (int k = 0; k < QUANTILES.length; k++) {
        probabilities.add(QUANTILES[k]);
        values.add(q[k]);
      }
      detail.put("count", n);
      Object bound = r.get(alias(i, "qerr"));
      detail.put("rank_error", bound == null ? 1.0 / quantileAccuracy() : asDouble(bound));
      sink.add(Entity.COLUMN, name, MetricNames.QUANTILES, n, detail.toString());
    }
    if (r.containsKey(alias(i, "notnum"))) {
      sink.column(name, MetricNames.NOT_NUMERIC_FRACTION, ratio(asLong(r.get(alias(i, "notnum"))), nonNull));
    }
    if (r.containsKey(alias(i, "oor"))) {
      sink.column(name, MetricNames.OUT_OF_RANGE_FRACTION, ratio(asLong(r.get(alias(i, "oor"))), n));
    }
  }

  /**
   * An extreme's detail: the runner-up, the value next to it ({@code {"next": 2.5}}); null with fewer than two
   * values or a runner-up that is no finite number.
   */
  private static String runnerUp(Object next) {
    double v = asDouble(next);
    return Double.isFinite(v) ? JSON.createObjectNode().put(MetricNames.NEXT, v).toString() : null;
  }

  private void emitTemporal(Map<String, Object> r, int i, ResolvedColumn c, long nonNull, MetricSink sink) {
    String name = c.name();
    if (r.containsKey(alias(i, "match"))) {
      sink.column(name, MetricNames.FORMAT_MATCH_FRACTION, ratio(asLong(r.get(alias(i, "match"))), nonNull));
    }
    if (r.containsKey(alias(i, "swapped"))) {
      sink.column(name, MetricNames.SWAPPED_DAY_MONTH_FRACTION,
          ratio(asLong(r.get(alias(i, "swapped"))), nonNull));
    }
    if (r.containsKey(alias(i, "parsed"))) {
      long parsed = asLong(r.get(alias(i, "parsed")));
      sink.column(name, MetricNames.MIN_DATE, epochDay(r.get(alias(i, "mind"))));
      sink.column(name, MetricNames.MAX_DATE, epochDay(r.get(alias(i, "maxd"))));
      sink.column(name, MetricNames.FUTURE_FRACTION, ratio(asLong(r.get(alias(i, "future"))), parsed));
      sink.column(name, MetricNames.BEFORE_FLOOR_FRACTION, ratio(asLong(r.get(alias(i, "before"))), parsed));
    }
  }

  static double epochDay(Object o) {
    if (o instanceof Date d) {
      return d.toLocalDate().toEpochDay();
    }
    if (o instanceof LocalDate d) {
      return d.toEpochDay();
    }
    return Double.NaN;
  }

  static long asLong(Object o) {
    return o == null ? 0L : ((Number) o).longValue();
  }

  static double asDouble(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static double[] quantiles(Object o) {
    if (o == null) {
      return null;
    }
    List<Object> list = (List<Object>) o;
    double[] out = new double[list.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = asDouble(list.get(k));
    }
    return out;
  }
}
