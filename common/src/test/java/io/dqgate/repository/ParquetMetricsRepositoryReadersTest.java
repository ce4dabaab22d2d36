package io.dqgate.repository;

import io.dqgate.testing.StoredDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Readers of the repository while it is written: plain Spark SQL, stale checksums, concurrent replaces. */
class ParquetMetricsRepositoryReadersTest extends RepositoryTestBase {
  @Test
  void plainSparkSqlReadsTheTableAndNotTheStagingFolder(SparkSession spark) throws IOException {
    List<MetricRecord> ordersMar1 = List.of(
        record(ORDERS, MAR_1, "run-1", AT, Entity.DATASET, "*", MetricNames.ROW_COUNT, 1000.0, null),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN, "amount", MetricNames.MEAN, Double.NaN, null),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN_PAIR, "a,\"b\"", MetricNames.TARGET_CORRELATION, 0.5,
            "{\"k\":\"日本\"}"));
    StoredDays.write(repo, ORDERS, MAR_1, ordersMar1);
    StoredDays.write(repo, ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 4));
    StoredDays.write(repo, CUSTOMERS, MAR_1, sampleDay(CUSTOMERS, MAR_1, "run-1", 2));
    // A crashed writer's leftover: a valid Parquet file with other rows in _staging.
    ParquetMetricsRepository leaving = new ParquetMetricsRepository(root.toString(), new Configuration(),
        (staged, target) -> Files.copy(Path.of(staged.toUri()),
            root.resolve(ParquetMetricsRepository.STAGING).resolve("orders-2024-03-01-leftover.parquet")));
    StoredDays.write(leaving, ORDERS, MAR_1, ordersMar1);
    // The copy exists now: the hook fails and nothing changes.
    assertThatThrownBy(() -> StoredDays.write(leaving, ORDERS, MAR_1, ordersMar1)).isInstanceOf(DqgateException.class);
    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING)))
        .containsExactly("orders-2024-03-01-leftover.parquet");

    Dataset<Row> table = spark.read().parquet(root.toString());

    StructType schema = table.schema();
    assertThat(schema.fieldNames()).containsExactlyInAnyOrder(
        "dataset", "partition_date", "run_id", "computed_at", "entity", "instance", "metric", "value", "detail");
    assertThat(schema.apply("dataset").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(schema.apply("partition_date").dataType()).isEqualTo(DataTypes.DateType);
    assertThat(schema.apply("computed_at").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(schema.apply("value").dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(schema.apply("detail").dataType()).isEqualTo(DataTypes.StringType);
    assertThat(table.count()).isEqualTo(3 + 4 + 2);
    assertThat(table.inputFiles()).hasSize(3).noneMatch(f -> f.contains(ParquetMetricsRepository.STAGING));

    table.createOrReplaceTempView("dqgate_metrics_spark_test");
    List<Row> rows = spark.sql("select dataset, cast(partition_date as string) as d, run_id, computed_at, entity, "
        + "instance, metric, value, detail from dqgate_metrics_spark_test "
        + "where dataset = 'orders' and partition_date = '2024-03-01' order by metric").collectAsList();
    assertThat(rows).extracting(ParquetMetricsRepositoryTest::values).containsExactly(
        Arrays.asList(ORDERS, "2024-03-01", "run-1", AT, "column", "amount", "mean", null, null),
        Arrays.asList(ORDERS, "2024-03-01", "run-1", AT, "dataset", "*", "row_count", 1000.0, null),
        Arrays.asList(ORDERS, "2024-03-01", "run-1", AT, "column-pair", "a,\"b\"", "target_correlation", 0.5,
            "{\"k\":\"日本\"}"));
    assertThat(spark.sql("select count(*) from dqgate_metrics_spark_test where value is null").first().getLong(0))
        .isEqualTo(1L);
    assertThat(spark.sql("select count(*) from dqgate_metrics_spark_test where dataset = 'customers'")
        .first().getLong(0)).isEqualTo(2L);
  }

  @Test
  void aStaleChecksumFileNextToTheDayDoesNotBreakReadingAfterAReplace(SparkSession spark) throws IOException {
    // An older writer wrote the day through Hadoop's checksummed local file system, leaving a .crc behind.
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dayFile(ORDERS, MAR_1).toUri());
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(target, conf))
        .withType(ParquetMetricsRepository.SCHEMA).withConf(conf).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(ParquetMetricsRepository.SCHEMA);
      for (int i = 0; i < 50; i++) {
        writer.write(groups.newGroup().append("run_id", "old").append("computed_at", 0L).append("entity", "dataset")
            .append("instance", "*").append("metric", "old_" + i).append("value", (double) i));
      }
    }
    Path crc = dayFile(ORDERS, MAR_1).resolveSibling("." + PROFILE_FILE + ".crc");
    assertThat(crc).exists();
    assertThat(repo.loadDay(ORDERS, MAR_1)).hasSize(50);

    List<MetricRecord> replacement = sampleDay(ORDERS, MAR_1, "run-2", 3);
    StoredDays.write(repo, ORDERS, MAR_1, replacement);

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(replacement);
    assertThat(new ParquetMetricsRepository(root.toString(), new Configuration()).loadDay(ORDERS, MAR_1))
        .containsExactlyElementsOf(replacement);
    List<Row> rows = spark.read().parquet(root.toString())
        .where("dataset = 'orders' and partition_date = '2024-03-01'").orderBy("metric").collectAsList();
    assertThat(rows).extracting(r -> r.<String>getAs("metric")).containsExactly("m0", "m1", "m2");
    assertThat(rows).extracting(r -> r.<String>getAs("run_id")).containsOnly("run-2");
  }

  // ---------------------------------------------------------------------------------------------- concurrency

  @Test
  void aReaderThatListedTheDayBeforeAReplaceSeesOnlyOldOrOnlyNewRows() throws Exception {
    List<MetricRecord> oldDay = sampleDay(ORDERS, MAR_1, "old", 40);
    List<MetricRecord> newDay = sampleDay(ORDERS, MAR_1, "new", 7);
    StoredDays.write(repo, ORDERS, MAR_1, oldDay);
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path dayDir = new org.apache.hadoop.fs.Path(dayFile(ORDERS, MAR_1).getParent().toUri());
    FileSystem fs = dayDir.getFileSystem(conf);

    // Reader 1 lists the day, the day is replaced, then reader 1 reads what it listed: the new rows, whole.
    FileStatus[] listed = fs.listStatus(dayDir, p -> !p.getName().startsWith("."));
    assertThat(listed).extracting(s -> s.getPath().getName()).containsExactly(PROFILE_FILE);
    // Reader 2 has already opened the file and read one row when the replace happens.
    List<String> reader2 = new ArrayList<>();
    try (ParquetReader<Group> open = ParquetReader.builder(new GroupReadSupport(), listed[0].getPath())
        .withConf(conf).build()) {
      reader2.add(runAndMetric(open.read()));

      StoredDays.write(repo, ORDERS, MAR_1, newDay);

      Group g;
      while ((g = open.read()) != null) {
        reader2.add(runAndMetric(g));
      }
    }
    List<String> reader1 = new ArrayList<>();
    for (FileStatus status : listed) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), status.getPath())
          .withConf(conf).build()) {
        Group g;
        while ((g = reader.read()) != null) {
          reader1.add(runAndMetric(g));
        }
      }
    }

    assertThat(reader1).containsExactlyElementsOf(runAndMetric(newDay));
    assertThat(reader2).containsExactlyElementsOf(runAndMetric(oldDay));
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(newDay);
  }

  @Test
  void aSparkQueryPlannedBeforeAReplaceReadsOnlyTheNewDay(SparkSession spark) {
    // Spark lists the files (and their lengths) when the DataFrame is created, and reads them later.
    for (int[] sizes : new int[][] {{40, 7}, {7, 40}}) {
      Path location = dir.resolve("listed-" + sizes[0] + "-" + sizes[1]);
      ParquetMetricsRepository r = new ParquetMetricsRepository(location.toString(), new Configuration());
      StoredDays.write(r, ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "old", sizes[0]));
      Dataset<Row> listed = spark.read().parquet(location.toString()).select("run_id", "metric", "value");

      List<MetricRecord> newDay = sampleDay(ORDERS, MAR_1, "new", sizes[1]);
      StoredDays.write(r, ORDERS, MAR_1, newDay);

      List<Row> rows = listed.orderBy("value").collectAsList();
      assertThat(rows).extracting(row -> row.getString(0) + "/" + row.getString(1))
          .containsExactlyElementsOf(runAndMetric(newDay));
      assertThat(rows).extracting(row -> row.getDouble(2))
          .containsExactlyElementsOf(newDay.stream().map(MetricRecord::value).toList());
    }
  }

  @Test
  void concurrentReplacesOfDifferentDaysBothLand() throws Exception {
    int daysPerThread = 15;
    ParquetMetricsRepository other = new ParquetMetricsRepository(root.toString(), new Configuration());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> even = pool.submit(() -> {
        start.await();
        for (int i = 0; i < daysPerThread; i++) {
          LocalDate day = MAR_1.plusDays(2L * i);
          StoredDays.write(repo, ORDERS, day, sampleDay(ORDERS, day, "even", 5));
        }
        return null;
      });
      Future<?> odd = pool.submit(() -> {
        start.await();
        for (int i = 0; i < daysPerThread; i++) {
          LocalDate day = MAR_1.plusDays(2L * i + 1);
          StoredDays.write(other, ORDERS, day, sampleDay(ORDERS, day, "odd", 3));
        }
        return null;
      });
      start.countDown();
      even.get(60, TimeUnit.SECONDS);
      odd.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    List<LocalDate> expectedDays = IntStream.range(0, 2 * daysPerThread).mapToObj(MAR_1::plusDays).toList();
    assertThat(repo.days(ORDERS)).containsExactlyElementsOf(expectedDays);
    for (int i = 0; i < 2 * daysPerThread; i++) {
      LocalDate day = MAR_1.plusDays(i);
      assertThat(repo.loadDay(ORDERS, day)).containsExactlyElementsOf(
          i % 2 == 0 ? sampleDay(ORDERS, day, "even", 5) : sampleDay(ORDERS, day, "odd", 3));
    }
    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING))).isEmpty();
  }
}
