package io.dqgate.profile;

import static io.dqgate.profile.Profiler.countWhen;
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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Every scalar metric of a partition as one global aggregate, hence one scan. Fractions are finished on
 * the driver from the raw counts, so that no metric divides inside Spark.
 */
final class ScalarPass {
  static final String ROWS = "rows";
  static final double[] QUANTILES = {0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55,
      0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.0};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ResolvedColumn> columns;
  private final DatasetSpec dataset;
  private final List<Column> aggregates = new ArrayList<>();
  /** Parsed values computed once per row, before the aggregate, so no parse is repeated per metric. */
  private final List<Column> derived = new ArrayList<>();

  ScalarPass(List<ResolvedColumn> columns, DatasetSpec dataset) {
    this.columns = columns;
    this.dataset = dataset;
    plan();
  }

  private static String alias(int index, String what) {
    return "c" + index + "_" + what;
  }

  private void add(int index, String what, Column aggregate) {
    aggregates.add(aggregate.as(alias(index, what)));
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

  private void plan() {
    aggregates.add(count(lit(1)).as(ROWS));
    double rsd = dataset.profile().distinctRelativeError();
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      Column raw = col(c.name());
      ColumnSpec spec = c.spec();
      add(i, "nonnull", count(raw));
      if (c.isString()) {
        add(i, "empty", countWhen(trim(raw).equalTo(lit(""))));
      }
      switch (c.kind()) {
        case NUMERIC -> {
          Column v = derive("__v" + i, Profiler.numericValue(c));
          add(i, "n", count(v));
          add(i, "min", functions.min(v));
          add(i, "max", functions.max(v));
          add(i, "mean", functions.avg(v));
          add(i, "stddev", functions.stddev_samp(v));
          add(i, "q", functions.percentile_approx(v, functions.lit(QUANTILES),
              lit(dataset.profile().quantileAccuracy())));
          add(i, "distinct", functions.approx_count_distinct(v, rsd));
          if (c.isString()) {
            add(i, "notnum", countWhen(raw.isNotNull().and(trim(raw).notEqual(lit(""))).and(v.isNull())));
          }
          if (spec.hasRange()) {
            Column out = lit(false);
            if (spec.min().isPresent()) {
              out = out.or(v.lt(lit(spec.min().get())));
            }
            if (spec.max().isPresent()) {
              out = out.or(v.gt(lit(spec.max().get())));
            }
            add(i, "oor", countWhen(out));
          }
          Optional<Column> target = targetValue();
          if (target.isPresent() && !dataset.target().get().equals(c.name())) {
            add(i, "corr", functions.corr(v, target.get()));
          }
        }
        case CATEGORICAL -> {
          if (!spec.domain().isEmpty()) {
            Column value = Profiler.categoricalValue(c);
            add(i, "ood", countWhen(value.isNotNull().and(functions.not(value.isin(spec.domain().toArray())))));
          }
        }
        case DATE, TIMESTAMP -> {
          Column parsed;
          if (c.isTemporalText()) {
            parsed = derive("__p" + i, Sql.tryTimestamp(c.name(), c.format().get()));
            add(i, "match", count(parsed));
            Optional<String> swapped = Profiler.swappedFormat(c);
            if (swapped.isPresent()) {
              Column swappedOnly = derive("__s" + i,
                  parsed.isNull().and(Sql.tryTimestamp(c.name(), swapped.get()).isNotNull()));
              add(i, "swapped", countWhen(swappedOnly));
            }
          } else if (c.isString()) {
            parsed = null; // a text column with no recognisable format: nulls and distincts only
          } else {
            parsed = raw.cast("timestamp");
          }
          if (parsed != null) {
            Column day = derive("__d" + i, functions.to_date(parsed));
            add(i, "mind", functions.min(day));
            add(i, "maxd", functions.max(day));
            // The partition's own day is a column, so one plan serves one day or many (backfill).
            add(i, "future", countWhen(day.gt(functions.to_date(col(Profiler.DAY_COLUMN)))));
            add(i, "before", countWhen(day.lt(lit(Date.valueOf(Profiler.floor(spec, dataset))))));
            add(i, "parsed", count(day));
          }
          add(i, "distinct", functions.approx_count_distinct(raw, rsd));
        }
        case ID, TEXT -> add(i, "distinct", functions.approx_count_distinct(raw, rsd));
        default -> throw new IllegalStateException("unhandled kind " + c.kind());
      }
    }
  }

  /** One aggregate row per partition day, keyed by the day (yyyy-MM-dd). */
  Map<String, Map<String, Object>> run(Dataset<Row> rows) {
    List<Row> result = withoutWholeStageCodegen(rows.sparkSession(), () -> query(rows).collectAsList());
    Map<String, Map<String, Object>> byDay = new java.util.HashMap<>();
    for (Row r : result) {
      Map<String, Object> values = Profiler.toMap(r);
      byDay.put((String) values.get(Profiler.DAY_COLUMN), values);
    }
    return byDay;
  }

  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";

  /**
   * Runs {@code body} with whole-stage codegen off, then restores the session's setting. The aggregate holds
   * HLL++ and percentile sketches, which whole-stage codegen cannot fuse anyway (it runs as an
   * ObjectHashAggregate); on 60 k lineitem rows on the loaded bench machine the pass took 40 s instead of
   * 154 s cold and 33 s instead of 53 s warm (see BENCHMARKS.md). Not the whole story: one generated class
   * of this plan still took 19 s to compile there with whole-stage codegen off. Expression-level codegen
   * stays on.
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

  Dataset<Row> query(Dataset<Row> rows) {
    List<Column> projected = new ArrayList<>();
    projected.add(col("*"));
    projected.addAll(derived);
    return rows.select(projected.toArray(Column[]::new))
        .groupBy(col(Profiler.DAY_COLUMN))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
  }

  void emit(Map<String, Object> r, long rowCount, MetricSink sink) {
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
    sink.column(name, MetricNames.MIN, asDouble(r.get(alias(i, "min"))));
    sink.column(name, MetricNames.MAX, asDouble(r.get(alias(i, "max"))));
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
      detail.put("rank_error", 1.0 / dataset.profile().quantileAccuracy());
      sink.add(Entity.COLUMN, name, MetricNames.QUANTILES, n, detail.toString());
    }
    if (r.containsKey(alias(i, "notnum"))) {
      sink.column(name, MetricNames.NOT_NUMERIC_FRACTION, ratio(asLong(r.get(alias(i, "notnum"))), nonNull));
    }
    if (r.containsKey(alias(i, "oor"))) {
      sink.column(name, MetricNames.OUT_OF_RANGE_FRACTION, ratio(asLong(r.get(alias(i, "oor"))), n));
    }
    if (r.containsKey(alias(i, "corr"))) {
      sink.add(Entity.COLUMN_PAIR, name + "," + dataset.target().get(), MetricNames.TARGET_CORRELATION,
          asDouble(r.get(alias(i, "corr"))), null);
    }
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
