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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * Everything that needs GROUP BY: each row is exploded into one fact per categorical column (its value)
 * and one for the whole row (a 128-bit hash), and the facts are counted by (tag, column, value) in one
 * scan and one shuffle. The categorical part then yields top-N histograms and exact distinct counts, the
 * row part duplicate rows (Spark reuses the single exchange for both branches). The exact duplicate-key
 * count is a GROUP BY of its own on the key columns (see {@link #keyDuplicates}).
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

  record Result(Map<Integer, Histogram> histograms, long duplicateKeys, long uniqueKeys, long nullKeyRows,
      long duplicateRows) {
    static final Result EMPTY = new Result(Map.of(), 0, 0, 0, 0);

    Histogram histogram(int columnIndex) {
      return histograms.getOrDefault(columnIndex, new Histogram(List.of(), 0, 0));
    }
  }

  /** One result per partition day, keyed by the day (yyyy-MM-dd). */
  Map<String, Result> run(Dataset<Row> rows) {
    List<Column> facts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ResolvedColumn c = columns.get(i);
      if (c.kind() == ColumnKind.CATEGORICAL) {
        facts.add(fact(CATEGORY, i, Profiler.categoricalValue(c), nullLong(), nullLong()));
      }
    }
    List<Column> hashed = new ArrayList<>();
    for (ResolvedColumn c : columns) {
      if (!(c.sourceType() instanceof MapType)) {
        hashed.add(col(c.name()));
      }
    }
    hashed.addAll(nullMasks(hashed));
    Column h1 = functions.xxhash64(hashed.toArray(Column[]::new));
    List<Column> salted = new ArrayList<>(hashed);
    salted.add(0, lit("dqgate-row-hash"));
    Column h2 = functions.xxhash64(salted.toArray(Column[]::new));
    facts.add(fact(ROW, -1, lit(null).cast("string"), h1, h2));

    String day = Profiler.DAY_COLUMN;
    Dataset<Row> counted = rows
        .select(col(day), functions.explode(functions.array(facts.toArray(Column[]::new))).as("f"))
        .select(col(day), col("f.tag").as("tag"), col("f.idx").as("idx"), col("f.value").as("value"),
            col("f.h1").as("h1"), col("f.h2").as("h2"))
        .where(col("tag").notEqual(lit(CATEGORY)).or(col("value").isNotNull()))
        .groupBy(day, "tag", "idx", "value", "h1", "h2")
        .agg(functions.count(lit(1)).as("cnt"));

    WindowSpec byColumn = Window.partitionBy(day, "idx");
    WindowSpec ranked = byColumn.orderBy(col("cnt").desc(), col("value").asc());
    Dataset<Row> histograms = counted.where(col("tag").equalTo(lit(CATEGORY)))
        .withColumn("rank", functions.row_number().over(ranked))
        .withColumn("distinct", functions.count(lit(1)).over(byColumn))
        .withColumn("total", functions.sum("cnt").over(byColumn))
        .where(col("rank").leq(lit(dataset.profile().topValues())))
        .select(col(day), col("tag"), col("idx"), col("value"), col("cnt"), col("distinct"), col("total"),
            lit(null).cast("long").as("dups"), lit(null).cast("long").as("singles"),
            lit(null).cast("long").as("null_rows"));
    Dataset<Row> duplicates = counted.where(col("tag").equalTo(lit(ROW)))
        .groupBy(day, "tag")
        .agg(functions.sum(col("cnt").minus(lit(1))).as("dups"))
        .select(col(day), col("tag"), lit(-1).as("idx"), lit(null).cast("string").as("value"),
            lit(null).cast("long").as("cnt"), lit(null).cast("long").as("distinct"),
            lit(null).cast("long").as("total"), col("dups"), lit(null).cast("long").as("singles"),
            lit(null).cast("long").as("null_rows"));

    Dataset<Row> all = histograms.unionByName(duplicates);
    List<String> key = dataset.primaryKey();
    if (!key.isEmpty()) {
      all = all.unionByName(keyDuplicates(rows, key));
    }
    Map<String, Accumulator> byDay = new HashMap<>();
    for (Row r : all.collectAsList()) {
      Accumulator acc = byDay.computeIfAbsent(r.getString(r.fieldIndex(day)), k -> new Accumulator());
      int tag = r.getInt(r.fieldIndex("tag"));
      if (tag == CATEGORY) {
        int idx = r.getInt(r.fieldIndex("idx"));
        acc.tops.computeIfAbsent(idx, k -> new ArrayList<>())
            .add(new ValueCount(r.getString(r.fieldIndex("value")), r.getLong(r.fieldIndex("cnt"))));
        acc.sizes.put(idx, new long[] {r.getLong(r.fieldIndex("distinct")), r.getLong(r.fieldIndex("total"))});
      } else if (tag == KEY) {
        acc.dupKeys = longOrZero(r, "dups");
        acc.uniqueKeys = longOrZero(r, "singles");
        acc.nullKeyRows = longOrZero(r, "null_rows");
      } else {
        acc.dupRows = longOrZero(r, "dups");
      }
    }
    Map<String, Result> out = new HashMap<>();
    byDay.forEach((d, acc) -> out.put(d, acc.result()));
    return out;
  }

  /**
   * The exact duplicate-key count from a GROUP BY on the typed key columns alone: a scan of those columns
   * only, and no per-row key text (a JSON key of two longs cost more than the rest of this pass). Nulls
   * group together, as they did as text, and a key with a null component is not unique.
   */
  private static Dataset<Row> keyDuplicates(Dataset<Row> rows, List<String> key) {
    String day = Profiler.DAY_COLUMN;
    Column nullKey = lit(false);
    for (String k : key) {
      nullKey = nullKey.or(col(k).isNull());
    }
    List<Column> groups = new ArrayList<>();
    groups.add(col(day));
    key.forEach(k -> groups.add(col(k)));
    return rows.groupBy(groups.toArray(Column[]::new))
        .agg(functions.count(lit(1)).as("cnt"), functions.max(nullKey).as("null_key"))
        .groupBy(day)
        .agg(functions.sum(col("cnt").minus(lit(1))).as("dups"),
            functions.count(when(col("cnt").equalTo(lit(1)).and(functions.not(col("null_key"))), lit(1)))
                .as("singles"),
            functions.sum(when(col("null_key"), col("cnt")).otherwise(lit(0L))).as("null_rows"))
        .select(col(day), lit(KEY).as("tag"), lit(-1).as("idx"), lit(null).cast("string").as("value"),
            lit(null).cast("long").as("cnt"), lit(null).cast("long").as("distinct"),
            lit(null).cast("long").as("total"), col("dups"), col("singles"), col("null_rows"));
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

  private static Column nullLong() {
    return lit(null).cast(DataTypes.LongType);
  }

  private static Column fact(int tag, int idx, Column value, Column h1, Column h2) {
    return functions.struct(lit(tag).as("tag"), lit(idx).as("idx"), value.as("value"), h1.as("h1"), h2.as("h2"));
  }

  /**
   * Spark's hash skips nulls, so (null, "a") and ("a", null) would hash alike; a bit per column for
   * "is null" (62 columns per long) keeps such rows apart.
   */
  private static List<Column> nullMasks(List<Column> hashed) {
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
