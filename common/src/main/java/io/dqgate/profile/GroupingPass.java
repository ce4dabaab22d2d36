package io.dqgate.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;

/**
 * Everything that needs GROUP BY, collected in one Spark job: each row is exploded into one fact per
 * categorical column (its value), counted by (day, column, value) — top-N histograms and exact distinct
 * counts from one small shuffle; the exact duplicate-key count and duplicate rows from one GROUP BY on the
 * key columns ({@link #keyDuplicates}). Without a key, and for a day whose repeated keys hold different
 * rows, duplicate rows come from a GROUP BY on a 128-bit row hash instead ({@link #duplicateRows}).
 */
final class GroupingPass {
  private static final int CATEGORY = 0;
  private static final int KEY = 1;
  private static final int ROW = 2;

  private final List<ResolvedColumn> columns;
  private final DatasetSpec dataset;

  GroupingPass(List<ResolvedColumn> columns, DatasetSpec dataset) {
    this.columns = columns;
    this.dataset = dataset;
  }

  /** One categorical value and its count, in descending count order. */
  record ValueCount(String value, long count) {}

  record Histogram(List<ValueCount> top, long distinct, long total) {}

  /**
   * {@code keyCollisionBound}: the expected number of keys a hashed count merged wrongly (NaN when the
   * keys themselves were grouped).
   */
  record Result(Map<Integer, Histogram> histograms, long duplicateKeys, long uniqueKeys, long nullKeyRows,
      long duplicateRows, double keyCollisionBound) {
    static final Result EMPTY = new Result(Map.of(), 0, 0, 0, 0, Double.NaN);

    Result(Map<Integer, Histogram> histograms, long duplicateKeys, long uniqueKeys, long nullKeyRows,
        long duplicateRows) {
      this(histograms, duplicateKeys, uniqueKeys, nullKeyRows, duplicateRows, Double.NaN);
    }

    /** The same counts with these columns' histograms replaced. */
    Result withHistograms(Map<Integer, Histogram> replaced) {
      Map<Integer, Histogram> merged = new HashMap<>(histograms);
      merged.putAll(replaced);
      return new Result(merged, duplicateKeys, uniqueKeys, nullKeyRows, duplicateRows, keyCollisionBound);
    }

    Histogram histogram(int columnIndex) {
      return histograms.getOrDefault(columnIndex, new Histogram(List.of(), 0, 0));
    }
  }

  /** One result per partition day, keyed by the day (yyyy-MM-dd). */
  Map<String, Result> run(Dataset<Row> rows) {
    List<String> key = dataset.primaryKey();
    // With a key, duplicate rows come from the key's GROUP BY (equal rows have equal keys) and need no
    // shuffle of their own; without one, from a GROUP BY on the row hash.
    Dataset<Row> all = key.isEmpty() ? duplicateRows(rows) : keyDuplicates(rows, key);
    String day = Profiler.DAY_COLUMN;
    java.util.Set<Integer> categorical = new java.util.HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).kind() == ColumnKind.CATEGORICAL) {
        categorical.add(i);
      }
    }
    if (!categorical.isEmpty()) {
      all = categoryHistograms(rows, categorical).unionByName(all, true);
    }
    Map<String, Accumulator> byDay = new HashMap<>();
    List<String> mixed = new ArrayList<>();
    for (Row r : all.collectAsList()) {
      String d = r.getString(r.fieldIndex(day));
      Accumulator acc = byDay.computeIfAbsent(d, k -> new Accumulator());
      int tag = r.getInt(r.fieldIndex("tag"));
      if (tag == CATEGORY) {
        add(acc, r);
      } else if (tag == KEY) {
        acc.dupKeys = longOrZero(r, "dups");
        acc.uniqueKeys = longOrZero(r, "singles");
        acc.nullKeyRows = longOrZero(r, "null_rows");
        acc.dupRows = longOrZero(r, "row_dups");
        if (longOrZero(r, "mixed") > 0) {
          mixed.add(d);
        }
      } else {
        acc.dupRows = longOrZero(r, "dups");
      }
    }
    if (!mixed.isEmpty()) {
      // Some key holds rows that differ: count those days' duplicate rows exactly from the row hash.
      Dataset<Row> thoseDays = rows.where(col(day).isin(mixed.toArray()));
      for (Row r : duplicateRows(thoseDays).collectAsList()) {
        byDay.get(r.getString(r.fieldIndex(day))).dupRows = longOrZero(r, "dups");
      }
    }
    Map<String, Result> out = new HashMap<>();
    byDay.forEach((d, acc) -> out.put(d, acc.result()));
    return out;
  }

  /**
   * Each row exploded into one fact per categorical column in {@code indexes} (its value), counted by
   * (day, column, value): few distinct triples, so the map side's partial aggregate shrinks the shuffle
   * to them; ranked for the top values, with the exact distinct count and total per column.
   */
  private Dataset<Row> categoryHistograms(Dataset<Row> rows, java.util.Set<Integer> indexes) {
    String day = Profiler.DAY_COLUMN;
    List<Column> facts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (indexes.contains(i)) {
        facts.add(functions.struct(lit(i).as("idx"), Profiler.categoricalValue(columns.get(i)).as("value")));
      }
    }
    Dataset<Row> counted = rows
        .select(col(day), functions.explode(functions.array(facts.toArray(Column[]::new))).as("f"))
        .select(col(day), col("f.idx").as("idx"), col("f.value").as("value"))
        .where(col("value").isNotNull())
        .groupBy(day, "idx", "value")
        .agg(functions.count(lit(1)).as("cnt"));
    WindowSpec byColumn = Window.partitionBy(day, "idx");
    WindowSpec ranked = byColumn.orderBy(col("cnt").desc(), col("value").asc());
    return counted
        .withColumn("rank", functions.row_number().over(ranked))
        .withColumn("distinct", functions.count(lit(1)).over(byColumn))
        .withColumn("total", functions.sum("cnt").over(byColumn))
        .where(col("rank").leq(lit(dataset.profile().topValues())))
        .select(col(day), lit(CATEGORY).as("tag"), col("idx"), col("value"), col("cnt"), col("distinct"),
            col("total"));
  }

  private static void add(Accumulator acc, Row r) {
    int idx = r.getInt(r.fieldIndex("idx"));
    acc.tops.computeIfAbsent(idx, k -> new ArrayList<>())
        .add(new ValueCount(r.getString(r.fieldIndex("value")), r.getLong(r.fieldIndex("cnt"))));
    acc.sizes.put(idx, new long[] {r.getLong(r.fieldIndex("distinct")), r.getLong(r.fieldIndex("total"))});
  }

  /** The exact histograms of the given categorical columns, per day, from one shuffle. */
  Map<String, Map<Integer, Histogram>> histograms(Dataset<Row> rows, java.util.Set<Integer> indexes) {
    Dataset<Row> counted = categoryHistograms(rows, indexes);
    Map<String, Accumulator> byDay = new HashMap<>();
    for (Row r : counted.collectAsList()) {
      add(byDay.computeIfAbsent(r.getString(r.fieldIndex(Profiler.DAY_COLUMN)), k -> new Accumulator()), r);
    }
    Map<String, Map<Integer, Histogram>> out = new HashMap<>();
    byDay.forEach((d, acc) -> out.put(d, acc.result().histograms()));
    return out;
  }

  /** Two independent 64-bit hashes of the whole row, with the null mask (see {@link #nullMasks}). */
  static Column[] rowHash(List<ResolvedColumn> columns) {
    List<Column> hashed = new ArrayList<>();
    for (ResolvedColumn c : columns) {
      if (!(c.sourceType() instanceof MapType)) {
        hashed.add(Sql.column(c.name()));
      }
    }
    hashed.addAll(nullMasks(hashed));
    List<Column> salted = new ArrayList<>(hashed);
    salted.add(0, lit("dqgate-row-hash"));
    return new Column[] {functions.xxhash64(hashed.toArray(Column[]::new)).as("__dqgate_h1"),
        functions.xxhash64(salted.toArray(Column[]::new)).as("__dqgate_h2")};
  }

  /**
   * Rows equal to an earlier row of the same day, counted exactly up to 128-bit hash collisions: a GROUP BY
   * on the row hash ({@link #rowHash}). The shuffle carries the day and 16 bytes per row, never the row
   * itself. Kept apart from the categorical facts: in one GROUP BY with them, the row hashes (one group
   * per row) defeated the map side's partial aggregation for the categorical values too.
   */
  private Dataset<Row> duplicateRows(Dataset<Row> rows) {
    String day = Profiler.DAY_COLUMN;
    Column[] hash = rowHash(columns);
    return rows.groupBy(col(day), hash[0], hash[1])
        .agg(functions.count(lit(1)).as("cnt"))
        .groupBy(day)
        .agg(functions.sum(col("cnt").minus(lit(1))).as("dups"))
        .select(col(day), lit(ROW).as("tag"), col("dups"));
  }

  /**
   * The exact duplicate-key count from a GROUP BY on the typed key columns (no per-row key text: a JSON
   * key of two longs cost more than the rest of this pass). Nulls group together, and a key with a null
   * component is not unique. The same GROUP BY counts duplicate rows: equal rows share a key, so a key
   * whose rows all have one row hash (min = max of both hashes) holds cnt - 1 duplicates and a key seen
   * once holds none; only a key whose rows differ ("mixed": a duplicated key with conflicting values)
   * needs the exact row-hash count, which {@link #run} then does for that day alone.
   */
  private Dataset<Row> keyDuplicates(Dataset<Row> rows, List<String> key) {
    String day = Profiler.DAY_COLUMN;
    Column nullKey = lit(false);
    for (String k : key) {
      nullKey = nullKey.or(Sql.column(k).isNull());
    }
    List<Column> groups = new ArrayList<>();
    groups.add(col(day));
    key.forEach(k -> groups.add(Sql.column(k)));
    Column[] hash = rowHash(columns);
    Column repeated = col("cnt").gt(lit(1));
    Column uniform = col("h1_min").equalTo(col("h1_max")).and(col("h2_min").equalTo(col("h2_max")));
    return rows.select(col("*"), hash[0], hash[1])
        .groupBy(groups.toArray(Column[]::new))
        .agg(functions.count(lit(1)).as("cnt"), functions.max(nullKey).as("null_key"),
            functions.min("__dqgate_h1").as("h1_min"), functions.max("__dqgate_h1").as("h1_max"),
            functions.min("__dqgate_h2").as("h2_min"), functions.max("__dqgate_h2").as("h2_max"))
        .groupBy(day)
        .agg(functions.sum(col("cnt").minus(lit(1))).as("dups"),
            functions.count(when(col("cnt").equalTo(lit(1)).and(functions.not(col("null_key"))), lit(1)))
                .as("singles"),
            functions.sum(when(col("null_key"), col("cnt")).otherwise(lit(0L))).as("null_rows"),
            functions.sum(when(repeated.and(uniform), col("cnt").minus(lit(1))).otherwise(lit(0L))).as("row_dups"),
            functions.count(when(repeated.and(functions.not(uniform)), lit(1))).as("mixed"))
        .select(col(day), lit(KEY).as("tag"), col("dups"), col("singles"), col("null_rows"), col("row_dups"),
            col("mixed"));
  }

  private static final class Accumulator {
    final Map<Integer, List<ValueCount>> tops = new HashMap<>();
    final Map<Integer, long[]> sizes = new HashMap<>();
    long dupKeys;
    long uniqueKeys;
    long nullKeyRows;
    long dupRows;

    Result result() {
      Map<Integer, Histogram> histograms = new HashMap<>();
      for (Map.Entry<Integer, List<ValueCount>> e : tops.entrySet()) {
        List<ValueCount> top = new ArrayList<>(e.getValue());
        top.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
            : a.value().compareTo(b.value()));
        long[] size = sizes.get(e.getKey());
        histograms.put(e.getKey(), new Histogram(List.copyOf(top), size[0], size[1]));
      }
      return new Result(histograms, dupKeys, uniqueKeys, nullKeyRows, dupRows);
    }
  }

  private static long longOrZero(Row r, String field) {
    int i = r.fieldIndex(field);
    return r.isNullAt(i) ? 0L : r.getLong(i);
  }

  /**
   * Spark's hash skips nulls, so (null, "a") and ("a", null) would hash alike; a bit per column for
   * "is null" (62 columns per long) keeps such rows apart.
   */
  static List<Column> nullMasks(List<Column> hashed) {
    List<Column> masks = new ArrayList<>();
    for (int start = 0; start < hashed.size(); start += 62) {
      Column mask = lit(0L);
      for (int j = start; j < Math.min(hashed.size(), start + 62); j++) {
        mask = mask.plus(when(hashed.get(j).isNull(), lit(1L << (j - start))).otherwise(lit(0L)));
      }
      masks.add(mask);
    }
    return masks;
  }
}
