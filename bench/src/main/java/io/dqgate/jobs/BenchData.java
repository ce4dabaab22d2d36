package io.dqgate.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import io.trino.tpch.GenerateUtils;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The profiling benchmark's data, generated once per size and kept on disk (a folder per size, complete when
 * it holds {@code _BENCH_DONE}):
 * <ul>
 *   <li>TPC-H {@code lineitem} (io.trino.tpch, generated in Spark tasks), as Parquet partitioned by a
 *       synthetic {@code day}: {@code days} days, an order's lines on day {@code orderkey mod days}
 *       (the backfill data), and the same rows again as one partition {@code day=}{@link #DAY} (the
 *       single-partition data);</li>
 *   <li>a wide table (Deequ #534's shape): numeric, categorical and date-string columns with 5 % nulls
 *       and a unique {@code row_id}, one partition {@code day=}{@link #DAY}.</li>
 * </ul>
 */
final class BenchData {
  static final LocalDate DAY = LocalDate.of(2026, 1, 1);
  static final String MARKER = "_BENCH_DONE";

  /** Where one generated table lives: its root (partitioned by day) and its row count. */
  record Table(String name, Path root, long rows, int columns, long bytes) {
    String partition(LocalDate day) {
      return root.resolve("day=" + day).toString();
    }
  }

  private BenchData() {}

  static StructType lineitemSchema() {
    return new StructType()
        .add("l_orderkey", DataTypes.LongType).add("l_partkey", DataTypes.LongType)
        .add("l_suppkey", DataTypes.LongType).add("l_linenumber", DataTypes.IntegerType)
        .add("l_quantity", DataTypes.DoubleType).add("l_extendedprice", DataTypes.DoubleType)
        .add("l_discount", DataTypes.DoubleType).add("l_tax", DataTypes.DoubleType)
        .add("l_returnflag", DataTypes.StringType).add("l_linestatus", DataTypes.StringType)
        .add("l_shipdate", DataTypes.DateType).add("l_commitdate", DataTypes.DateType)
        .add("l_receiptdate", DataTypes.DateType).add("l_shipinstruct", DataTypes.StringType)
        .add("l_shipmode", DataTypes.StringType).add("l_comment", DataTypes.StringType)
        .add("day", DataTypes.StringType);
  }

  /** Lineitem at scale factor {@code sf}: returns {single partition, days partitions}. */
  static Table[] lineitem(SparkSession spark, Path dir, double sf, int days) {
    String tag = String.format(Locale.ROOT, "lineitem-sf%s-d%d", trim(sf), days);
    Path daily = dir.resolve(tag).resolve("daily");
    Path single = dir.resolve(tag).resolve("single");
    Path marker = dir.resolve(tag).resolve(MARKER);
    if (!Files.exists(marker)) {
      int parts = Math.max(2, (int) Math.ceil(sf * 8));
      final int dayCount = days;
      final String start = DAY.toString();
      StructType schema = lineitemSchema();
      Dataset<Row> rows = spark.range(0, parts, 1, parts)
          .flatMap((FlatMapFunction<Long, Row>) p -> lineitemRows(sf, p.intValue() + 1, parts, start, dayCount),
              Encoders.row(schema));
      rows.write().mode("overwrite").partitionBy("day").parquet(daily.toString());
      spark.read().parquet(daily.toString()).drop("day").repartition(8)
          .write().mode("overwrite").parquet(single.resolve("day=" + DAY).toString());
      touch(marker);
    }
    return new Table[] {describe(spark, "lineitem", single), describe(spark, "lineitem-daily", daily)};
  }

  private static Iterator<Row> lineitemRows(double sf, int part, int parts, String start, int days) {
    Iterator<LineItem> items = new LineItemGenerator(sf, part, parts).iterator();
    LocalDate first = LocalDate.parse(start);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Row next() {
        LineItem l = items.next();
        return RowFactory.create(l.getOrderKey(), l.getPartKey(), l.getSupplierKey(), l.getLineNumber(),
            (double) l.getQuantity(), l.getExtendedPrice(), l.getDiscount(), l.getTax(), l.getReturnFlag(),
            l.getStatus(), date(l.getShipDate()), date(l.getCommitDate()), date(l.getReceiptDate()),
            l.getShipInstructions(), l.getShipMode(), l.getComment(),
            first.plusDays(l.getOrderKey() % days).toString());
      }
    };
  }

  private static Date date(int generated) {
    return Date.valueOf(LocalDate.ofEpochDay(GenerateUtils.toEpochDate(generated)));
  }

  /**
   * The wide table: {@code columns} columns of which 40 % numeric (doubles and ints), 30 % categorical
   * strings (3 to 60 values), 20 % date strings (yyyy-MM-dd) and 10 % high-cardinality text, plus
   * {@code row_id}; every column but the key 5 % null.
   */
  static Table wide(SparkSession spark, Path dir, long rows, int columns) {
    Path root = dir.resolve("wide-r" + rows + "-c" + columns);
    Path marker = root.resolve(MARKER);
    if (!Files.exists(marker)) {
      List<Column> cols = new ArrayList<>();
      cols.add(col("id").cast("string").as("row_id"));
      int numeric = columns * 4 / 10;
      int categorical = columns * 3 / 10;
      int dates = columns * 2 / 10;
      int text = columns - 1 - numeric - categorical - dates;
      int k = 0;
      for (int i = 0; i < numeric; i++, k++) {
        Column v = i % 2 == 0 ? randn(k).multiply(10 + i).plus(100 * i) : floor(rand(k).multiply(1000)).cast("int");
        cols.add(nulled(v, k).as(String.format(Locale.ROOT, "num_%03d", i)));
      }
      for (int i = 0; i < categorical; i++, k++) {
        int cardinality = 3 + (i * 7) % 58;
        Column v = concat(lit("v"), floor(rand(k).multiply(rand(k + 10_000).multiply(cardinality))).cast("string"));
        cols.add(nulled(v, k).as(String.format(Locale.ROOT, "cat_%03d", i)));
      }
      for (int i = 0; i < dates; i++, k++) {
        Column v = date_format(date_add(lit(Date.valueOf("2020-01-01")), floor(rand(k).multiply(1500)).cast("int")),
            "yyyy-MM-dd");
        cols.add(nulled(v, k).as(String.format(Locale.ROOT, "date_%03d", i)));
      }
      for (int i = 0; i < text; i++, k++) {
        Column v = concat(lit("t-"), floor(rand(k).multiply(rows)).cast("long").cast("string"));
        cols.add(nulled(v, k).as(String.format(Locale.ROOT, "text_%03d", i)));
      }
      spark.range(0, rows, 1, 8).select(cols.toArray(Column[]::new))
          .write().mode("overwrite").parquet(root.resolve("day=" + DAY).toString());
      touch(marker);
    }
    return describe(spark, "wide", root);
  }

  /**
   * The days of {@code daily} with the given days rewritten with {@code l_comment} renamed to
   * {@code l_remark} (another schema); the other days' files are hard links to the originals.
   */
  static Table withOtherSchema(SparkSession spark, Table daily, List<LocalDate> changed) {
    Path root = daily.root().resolveSibling("daily-" + changed.size() + "-renamed");
    Path marker = root.resolve(MARKER);
    if (!Files.exists(marker)) {
      try (var days = Files.list(daily.root())) {
        for (Path day : days.filter(Files::isDirectory).toList()) {
          Path target = root.resolve(day.getFileName());
          LocalDate date = LocalDate.parse(day.getFileName().toString().substring("day=".length()));
          if (changed.contains(date)) {
            spark.read().parquet(day.toString()).withColumnRenamed("l_comment", "l_remark")
                .write().mode("overwrite").parquet(target.toString());
            continue;
          }
          Files.createDirectories(target);
          try (var files = Files.list(day)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
              Files.deleteIfExists(target.resolve(f.getFileName()));
              Files.createLink(target.resolve(f.getFileName()), f);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      touch(marker);
    }
    return new Table("lineitem-daily", root, daily.rows(), daily.columns(), daily.bytes());
  }

  static final LocalDate FEED_START = LocalDate.of(2025, 1, 1);

  /**
   * {@code days} days of the sample feed from {@link #FEED_START} ({@code rowsPerWeekday} rows a weekday,
   * clean), two of them (a third and two thirds in) with the header's {@code income} renamed
   * {@code income_eur}, as a feed whose header changed would have.
   */
  static Path sampleFeed(Path dir, int days, int rowsPerWeekday) {
    Path root = dir.resolve("feed-d" + days + "-r" + rowsPerWeekday).resolve("applications");
    Path marker = root.getParent().resolve(MARKER);
    if (!Files.exists(marker)) {
      io.dqgate.sample.SampleFeedGenerator.builder().start(FEED_START).days(days).rowsPerWeekday(rowsPerWeekday)
          .noContamination().build().write(root);
      for (LocalDate day : List.of(FEED_START.plusDays(days / 3), FEED_START.plusDays(2L * days / 3))) {
        Path csv = root.resolve(io.dqgate.sample.SampleFeedGenerator.partitionFolder(day))
            .resolve(io.dqgate.sample.SampleFeedGenerator.DATA_FILE);
        try {
          String text = Files.readString(csv);
          int eol = text.indexOf('\n');
          Files.writeString(csv, text.substring(0, eol).replace("income", "income_eur") + text.substring(eol));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      touch(marker);
    }
    return root;
  }

  private static Column nulled(Column value, int seed) {
    return when(rand(seed + 50_000).lt(lit(0.05)), lit(null)).otherwise(value);
  }

  private static Table describe(SparkSession spark, String name, Path root) {
    Dataset<Row> rows = spark.read().parquet(root.toString());
    long bytes;
    try (var files = Files.walk(root)) {
      bytes = files.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Table(name, root, rows.count(), rows.columns().length - 1, bytes);
  }

  private static void touch(Path marker) {
    try {
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
