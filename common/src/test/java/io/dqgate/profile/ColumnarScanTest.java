package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan kernel on Parquet's (and ORC's) column batches against the same kernel on projected rows:
 * typed columns (longs, ints, doubles, floats, decimals, booleans, dates, timestamps) and text read as
 * numbers, dates in a format (valid, swapped, malformed) and categories, all with nulls, several batches
 * per file and several files (tasks), repeated keys and rows across tasks, one day and many days in one
 * scan, and a scan wider than the codegen limit. Every value of every metric is equal.
 */
@ExtendWith(SparkExtension.class)
class ColumnarScanTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 5);
  /** Three files of 9,000 rows: three batches of Parquet's 4,096 rows each. */
  static final int ROWS = 27_000;

  @TempDir
  Path dir;

  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType)
      .add("qty", DataTypes.IntegerType)
      .add("price", DataTypes.DoubleType)
      .add("weight", DataTypes.FloatType)
      .add("amount", DataTypes.createDecimalType(12, 2))
      .add("flag", DataTypes.BooleanType)
      .add("shipped", DataTypes.DateType)
      .add("seen_at", DataTypes.TimestampType)
      .add("mode", DataTypes.StringType)
      .add("code", DataTypes.IntegerType)
      .add("born", DataTypes.StringType)
      .add("score", DataTypes.StringType)
      .add("note", DataTypes.StringType);

  @Test
  void columnBatchesAndRowsGiveEqualResultsOnOneDay(SparkSession spark) throws IOException {
    DatasetSpec spec = write(spark, List.of(DAY));
    SourcePartition partition = new PartitionReader(spark).read(spec.source(), DAY);
    Dataset<Row> rows = partition.rows().withColumn(Profiler.DAY_COLUMN, functions.lit(DAY.toString()));
    List<ResolvedColumn> columns = ColumnResolver.resolve(partition.rows(), spec, "fixture");
    assertThat(columns.stream().map(ResolvedColumn::describe).toList()).containsExactly("id:id", "qty:numeric",
        "price:numeric", "weight:numeric", "amount:numeric", "flag:categorical", "shipped:date",
        "seen_at:timestamp", "mode:categorical", "code:categorical", "born:date(yyyy-MM-dd)", "score:numeric",
        "note:text");
    assertThat(partition.rows().rdd().getNumPartitions()).as("tasks").isGreaterThan(1);

    assertEqualResults(columns, spec, rows, Optional.of(DAY.toString()), List.of(DAY.toString()));
  }

  @Test
  void orcColumnBatchesAndRowsGiveEqualResults(SparkSession spark) throws IOException {
    DatasetSpec spec = write(spark, List.of(DAY), "orc");
    SourcePartition partition = new PartitionReader(spark).read(spec.source(), DAY);
    Dataset<Row> rows = partition.rows().withColumn(Profiler.DAY_COLUMN, functions.lit(DAY.toString()));
    List<ResolvedColumn> columns = ColumnResolver.resolve(partition.rows(), spec, "fixture");

    assertEqualResults(columns, spec, rows, Optional.of(DAY.toString()), List.of(DAY.toString()));
  }

  @Test
  void columnBatchesAndRowsGiveEqualResultsOnManyDaysInOneScan(SparkSession spark) throws IOException {
    List<LocalDate> days = List.of(DAY, DAY.plusDays(1), DAY.plusDays(2));
    DatasetSpec spec = write(spark, days);
    PartitionReader reader = new PartitionReader(spark);
    Map<LocalDate, SourcePartition> partitions = new TreeMap<>();
    days.forEach(d -> partitions.put(d, reader.read(spec.source(), d)));
    Dataset<Row> rows = reader.readDaysInOneScan(spec.source(), partitions, Profiler.DAY_COLUMN).orElseThrow();
    List<ResolvedColumn> columns = ColumnResolver.resolve(partitions.get(DAY).rows(), spec, "fixture");

    assertEqualResults(columns, spec, rows, Optional.empty(), days.stream().map(LocalDate::toString).toList());
  }

  /** A scan wider than spark.sql.codegen.maxFields is read from its batches too, and the limit is put back. */
  @Test
  void aScanWiderThanTheCodegenLimitIsReadFromItsBatches(SparkSession spark) throws IOException {
    List<org.apache.spark.sql.Column> wide = new ArrayList<>();
    wide.add(functions.col("id"));
    for (int k = 0; k < 120; k++) {
      org.apache.spark.sql.Column value = functions.col("id").multiply(k + 7).mod(k + 3);
      wide.add((k % 2 == 0 ? value : functions.concat(functions.lit("v"), value.cast("string")))
          .as(String.format("c%03d", k)));
    }
    Path feed = dir.resolve("wide");
    spark.range(0, ROWS, 1, 2).select(wide.toArray(org.apache.spark.sql.Column[]::new))
        .write().parquet(feed.resolve("dt=" + DAY).toString());
    Path conf = dir.resolve("wide.conf");
    Files.writeString(conf, "datasets.wide { source { path = \"" + feed + "\", format = parquet }\n"
        + "primary-key = [id]\n}\n");
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("wide");
    SourcePartition partition = new PartitionReader(spark).read(spec.source(), DAY);
    Dataset<Row> rows = partition.rows().withColumn(Profiler.DAY_COLUMN, functions.lit(DAY.toString()));
    List<ResolvedColumn> columns = ColumnResolver.resolve(partition.rows(), spec, "wide");
    String limit = spark.conf().get("spark.sql.codegen.maxFields");

    assertThat(columnar(columns, spec, rows, Optional.of(DAY.toString()))).isTrue();
    assertThat(spark.conf().get("spark.sql.codegen.maxFields")).isEqualTo(limit);
    ScanKernel.Results fromBatches = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, true)
        .run(rows, Optional.of(DAY.toString()));
    ScanKernel.Results fromRows = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, false)
        .run(rows, Optional.of(DAY.toString()));
    assertThat(fromBatches.scalars().get(DAY.toString())).hasSize(fromRows.scalars().get(DAY.toString()).size())
        .containsExactlyInAnyOrderEntriesOf(fromRows.scalars().get(DAY.toString()));
    assertThat(fromBatches.grouped()).isEqualTo(fromRows.grouped());
  }

  /**
   * Batches without a null: numbers' moments and correlations summed a batch at a time, a long and an int
   * key component, a key repeated across files; every value equal to the row path's (the numbers have few
   * enough values to be counted exactly: a KLL sketch's compactions are random).
   */
  @Test
  void batchesWithoutNullsAndRowsGiveEqualResults(SparkSession spark) throws IOException {
    Path feed = dir.resolve("dense");
    spark.range(0, ROWS, 1, 3).selectExpr("id div 4 as order_key", "cast(id % 4 + 1 as int) as line",
            "(id * 7) % 50 as qty", "cast((id * 31) % 9000 as int) as part",
            "cast((id * 13) % 1000 as double) / 4 as price", "cast(id % 3 as double) * 1e15 + id % 4000 as big")
        .union(spark.range(0, 40, 1, 1).selectExpr("id div 4 as order_key", "cast(id % 4 + 1 as int) as line",
            "id as qty", "cast(id as int) as part", "cast(id as double) as price", "cast(id as double) as big"))
        .write().parquet(feed.resolve("dt=" + DAY).toString());
    Path conf = dir.resolve("dense.conf");
    Files.writeString(conf, "datasets.dense { source { path = \"" + feed + "\", format = parquet }\n"
        + "primary-key = [order_key, line]\n}\n");
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("dense");
    SourcePartition partition = new PartitionReader(spark).read(spec.source(), DAY);
    Dataset<Row> rows = partition.rows().withColumn(Profiler.DAY_COLUMN, functions.lit(DAY.toString()));
    List<ResolvedColumn> columns = ColumnResolver.resolve(partition.rows(), spec, "dense");
    assertThat(columns.stream().map(ResolvedColumn::describe).toList()).containsExactly("order_key:id*",
        "line:id*", "qty:numeric*", "part:numeric*", "price:numeric*", "big:numeric*");

    assertThat(columnar(columns, spec, rows, Optional.of(DAY.toString()))).isTrue();
    ScanKernel.Results fromBatches = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, true)
        .run(rows, Optional.of(DAY.toString()));
    ScanKernel.Results fromRows = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, false)
        .run(rows, Optional.of(DAY.toString()));
    Map<String, Object> expected = fromRows.scalars().get(DAY.toString());
    assertThat(expected.get(ScalarPass.ROWS)).isEqualTo((long) ROWS + 40);
    assertThat(fromBatches.scalars().get(DAY.toString())).hasSize(expected.size())
        .containsExactlyInAnyOrderEntriesOf(expected);
    GroupingPass.Result grouped = fromRows.grouped().get(DAY.toString());
    assertThat(grouped.duplicateKeys()).as("duplicate keys").isEqualTo(40);
    assertThat(fromBatches.grouped()).isEqualTo(fromRows.grouped());
  }

  private static void assertEqualResults(List<ResolvedColumn> columns, DatasetSpec spec, Dataset<Row> rows,
      Optional<String> onlyDay, List<String> days) {
    ScanKernel.Results fromBatches = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, true).run(rows, onlyDay);
    ScanKernel.Results fromRows = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, false).run(rows, onlyDay);
    assertThat(columnar(columns, spec, rows, onlyDay)).as("the scan is read from its column batches").isTrue();

    assertThat(fromBatches.scalars().keySet()).containsExactlyInAnyOrderElementsOf(days);
    for (String day : days) {
      Map<String, Object> expected = fromRows.scalars().get(day);
      assertThat(expected.get(ScalarPass.ROWS)).isEqualTo((long) ROWS);
      assertThat(fromBatches.scalars().get(day)).as(day).containsExactlyInAnyOrderEntriesOf(expected);
      GroupingPass.Result grouped = fromRows.grouped().get(day);
      List<Row> written = rows(LocalDate.parse(day).toEpochDay());
      assertThat(grouped.duplicateRows()).as("duplicate rows")
          .isEqualTo(ROWS - new java.util.HashSet<>(written).size());
      assertThat(grouped.duplicateKeys()).as("duplicate keys")
          .isEqualTo(ROWS - written.stream().map(row -> row.get(0)).distinct().count());
      assertThat(fromBatches.grouped().get(day)).as(day).isEqualTo(grouped);
    }
  }

  /** Whether the kernel would read these rows from their column batches. */
  private static boolean columnar(List<ResolvedColumn> columns, DatasetSpec spec, Dataset<Row> rows,
      Optional<String> onlyDay) {
    ScanKernel kernel = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, true);
    return kernel.columnarScan(rows, onlyDay).isPresent();
  }

  private DatasetSpec write(SparkSession spark, List<LocalDate> days) throws IOException {
    return write(spark, days, "parquet");
  }

  private DatasetSpec write(SparkSession spark, List<LocalDate> days, String format) throws IOException {
    Path feed = dir.resolve("feed");
    for (LocalDate day : days) {
      spark.createDataFrame(rows(day.toEpochDay()), SCHEMA).repartition(3)
          .write().format(format).save(feed.resolve("dt=" + day).toString());
    }
    Path conf = dir.resolve("columnar.conf");
    Files.writeString(conf, "datasets.typed { source { path = \"" + feed + "\", format = " + format + " }\n"
        + "primary-key = [id]\n"
        + "columns { id.kind = id, qty.kind = numeric, price { kind = numeric, min = -50, max = 50 },"
        + " weight.kind = numeric, amount.kind = numeric, flag.kind = categorical, shipped.kind = date,"
        + " seen_at.kind = timestamp, mode { kind = categorical, domain = [m0, m1, m2, m3, m4] },"
        + " code.kind = categorical, born { kind = date, format = \"yyyy-MM-dd\" }, score.kind = numeric,"
        + " note.kind = text }\n}\n");
    return DqgateConfig.load(conf.toFile(), Map.of()).dataset("typed");
  }

  /**
   * One day's rows: every ninth row repeats the row before it (a duplicate row and key), every tenth
   * key repeats with other values (a duplicate key, not row); the rows are dealt round-robin to three
   * files, so repeats fall in other files (tasks) than the rows they repeat.
   */
  private static List<Row> rows(long seed) {
    Random random = new Random(seed);
    List<Row> out = new ArrayList<>();
    Instant firstSeen = Instant.parse("2026-08-01T00:00:00Z");
    String[] malformed = {"", "  ", "2026-13-01", "2026-02-30", "31-12-2025", "2026/01/02", "0999-01-01",
        "next week"};
    String[] scores = {"1.5", " 2 ", "-0", "NaN", "1e3", "", "  ", "abc", "Infinity", "0x10"};
    for (int r = 0; out.size() < ROWS; r++) {
      if (r % 9 == 8) {
        out.add(out.get(out.size() - 1));
        continue;
      }
      long id = r % 10 == 9 ? r - 4 : r;
      LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(25_000));
      String bornText = switch (r % 23) {
        case 0 -> null;
        case 1 -> malformed[random.nextInt(malformed.length)];
        case 2 -> born.getDayOfMonth() <= 12 ? String.format("%d-%02d-%02d", born.getYear(), born.getDayOfMonth(),
            born.getMonthValue()) : born.toString();
        default -> born.toString();
      };
      out.add(RowFactory.create(id,
          r % 31 == 0 ? null : random.nextInt(40),
          r % 29 == 0 ? null : r % 97 == 0 ? -0.0 : (random.nextInt(120) - 60) / 2.0,
          r % 37 == 0 ? null : (float) random.nextInt(30) / 4,
          r % 41 == 0 ? null : BigDecimal.valueOf(random.nextInt(200) - 100, 2),
          r % 43 == 0 ? null : random.nextBoolean(),
          r % 47 == 0 ? null : Date.valueOf(DAY.minusDays(random.nextInt(900) - 3)),
          r % 53 == 0 ? null : Timestamp.from(firstSeen.plusSeconds(random.nextInt(900_000))),
          r % 59 == 0 ? null : "m" + random.nextInt(7),
          r % 61 == 0 ? null : random.nextInt(12),
          bornText,
          r % 67 == 0 ? null
              : r % 5 == 0 ? scores[random.nextInt(scores.length)] : Integer.toString(random.nextInt(90)),
          r % 71 == 0 ? null : "note " + random.nextInt(5000)));
    }
    return out;
  }
}
