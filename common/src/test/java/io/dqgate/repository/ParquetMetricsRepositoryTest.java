package io.dqgate.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ParquetMetricsRepositoryTest {
  private static final String ORDERS = "orders";
  private static final String CUSTOMERS = "customers";
  private static final LocalDate MAR_1 = LocalDate.parse("2024-03-01");
  private static final LocalDate MAR_2 = LocalDate.parse("2024-03-02");
  private static final LocalDate MAR_3 = LocalDate.parse("2024-03-03");
  private static final LocalDate MAR_5 = LocalDate.parse("2024-03-05");
  private static final Instant AT = Instant.parse("2024-03-02T06:15:30.123456Z");

  @TempDir
  Path dir;

  private Path root;
  private ParquetMetricsRepository repo;

  @BeforeEach
  void open() {
    root = dir.resolve("metrics");
    repo = new ParquetMetricsRepository(root.toString(), new Configuration());
  }

  // ---------------------------------------------------------------------------------------------- round trip

  @Test
  void roundTripKeepsEveryFieldIncludingNanNullDetailUnicodeAndAllEntities() {
    String json = longUnicodeJson();
    List<MetricRecord> written = List.of(
        record(ORDERS, MAR_1, "run-1", AT, Entity.DATASET, "*", MetricNames.ROW_COUNT, 1234.0, null),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN, "amount", MetricNames.MEAN, Double.NaN, null),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN, "city", MetricNames.VALUE_PROPORTIONS, 0.25, json),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN, "say \"hi\", 'there'", MetricNames.NULL_FRACTION,
            -0.0, ""),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN_PAIR, "amount,target", MetricNames.TARGET_CORRELATION,
            -0.987654321, "{\"method\":\"pearson\"}"),
        record(ORDERS, MAR_1, "run-1", AT, Entity.DATASET, "*", MetricNames.RULE_PREFIX + "amount_positive",
            Double.POSITIVE_INFINITY, "Ünïcödé ✓ 中文 🚀"));

    repo.replaceDay(ORDERS, MAR_1, written);

    List<MetricRecord> read = repo.loadDay(ORDERS, MAR_1);
    // Records compare doubles with Double.compare: NaN equals NaN, -0.0 differs from 0.0.
    assertThat(read).containsExactlyElementsOf(written);
    assertThat(read.get(1).value()).isNaN();
    assertThat(read.get(0).detail()).isNull();
    assertThat(read.get(1).detail()).isNull();
    assertThat(read.get(2).detail()).isEqualTo(json).hasSizeGreaterThan(20_000);
    assertThat(read.get(3).instance()).isEqualTo("say \"hi\", 'there'");
    assertThat(read.get(3).detail()).isEmpty();
    assertThat(read.get(4).instance()).isEqualTo("amount,target");
    assertThat(read.get(5).detail()).isEqualTo("Ünïcödé ✓ 中文 🚀");
    assertThat(read).extracting(MetricRecord::entity)
        .containsExactly(Entity.DATASET, Entity.COLUMN, Entity.COLUMN, Entity.COLUMN, Entity.COLUMN_PAIR,
            Entity.DATASET);
    // A second repository on the same location reads the same thing.
    assertThat(ParquetMetricsRepository.open(root.toString()).loadDay(ORDERS, MAR_1))
        .containsExactlyElementsOf(written);
    assertThat(repo.loadDay(ORDERS, MAR_2)).isEmpty();
    assertThat(repo.loadDay("never-written", MAR_1)).isEmpty();
  }

  @Test
  void computedAtKeepsMicrosecondsAndTruncatesNanos() {
    Instant micros = Instant.parse("2024-03-01T23:59:59.999999Z");
    Instant nanos = Instant.parse("2024-03-01T12:00:00.123456789Z");
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.000001Z");
    repo.replaceDay(ORDERS, MAR_1, List.of(
        record(ORDERS, MAR_1, "r", micros, Entity.DATASET, "*", "a", 1.0, null),
        record(ORDERS, MAR_1, "r", nanos, Entity.DATASET, "*", "b", 2.0, null),
        record(ORDERS, MAR_1, "r", beforeEpoch, Entity.DATASET, "*", "c", 3.0, null)));

    assertThat(repo.loadDay(ORDERS, MAR_1)).extracting(MetricRecord::computedAt).containsExactly(
        Instant.parse("2024-03-01T23:59:59.999999Z"),
        Instant.parse("2024-03-01T12:00:00.123456Z"),
        Instant.parse("1969-12-31T23:59:59.000001Z"));
  }

  // ---------------------------------------------------------------------------------------------- reruns

  @Test
  void rerunWithSameRecordsIsIdempotent() throws IOException {
    List<MetricRecord> day = sampleDay(ORDERS, MAR_1, "run-1", 5);
    repo.replaceDay(ORDERS, MAR_1, day);
    repo.replaceDay(ORDERS, MAR_1, day);
    repo.replaceDay(ORDERS, MAR_1, day);

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(day).hasSize(5);
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly(ParquetMetricsRepository.DAY_FILE);
  }

  @Test
  void rerunWithFewerRecordsDropsTheOldRowsAndLeavesOtherDaysAndDatasetsAlone() {
    List<MetricRecord> ordersMar1 = sampleDay(ORDERS, MAR_1, "run-1", 6);
    List<MetricRecord> ordersMar2 = sampleDay(ORDERS, MAR_2, "run-1", 4);
    List<MetricRecord> customersMar1 = sampleDay(CUSTOMERS, MAR_1, "run-1", 3);
    repo.replaceDay(ORDERS, MAR_1, ordersMar1);
    repo.replaceDay(ORDERS, MAR_2, ordersMar2);
    repo.replaceDay(CUSTOMERS, MAR_1, customersMar1);

    List<MetricRecord> rerun = sampleDay(ORDERS, MAR_1, "run-2", 2);
    repo.replaceDay(ORDERS, MAR_1, rerun);

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(rerun)
        .extracting(MetricRecord::runId).containsOnly("run-2");
    assertThat(repo.loadDay(ORDERS, MAR_2)).containsExactlyElementsOf(ordersMar2);
    assertThat(repo.loadDay(CUSTOMERS, MAR_1)).containsExactlyElementsOf(customersMar1);
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1, MAR_2);
    assertThat(repo.days(CUSTOMERS)).containsExactly(MAR_1);

    // An empty rerun keeps the day, now with no rows.
    repo.replaceDay(ORDERS, MAR_1, List.of());
    assertThat(repo.loadDay(ORDERS, MAR_1)).isEmpty();
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1, MAR_2);
    assertThat(repo.loadDay(ORDERS, MAR_2)).containsExactlyElementsOf(ordersMar2);
  }

  // ---------------------------------------------------------------------------------------------- failures

  @Test
  void failureBetweenStagingAndCommitKeepsThePreviousDayWholeAndLeavesNoStagedFile() throws IOException {
    List<MetricRecord> before = sampleDay(ORDERS, MAR_1, "run-1", 5);
    repo.replaceDay(ORDERS, MAR_1, before);
    Path dayFile = dayFile(ORDERS, MAR_1);
    byte[] bytesBefore = Files.readAllBytes(dayFile);

    AtomicReference<org.apache.hadoop.fs.Path> stagedSeen = new AtomicReference<>();
    AtomicReference<Boolean> stagedExisted = new AtomicReference<>(false);
    ParquetMetricsRepository failing = new ParquetMetricsRepository(root.toString(), new Configuration(),
        (staged, target) -> {
          stagedSeen.set(staged);
          stagedExisted.set(Files.isRegularFile(Path.of(staged.toUri())));
          throw new IOException("disk on fire");
        });

    assertThatThrownBy(() -> failing.replaceDay(ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-2", 2)))
        .isInstanceOf(DqgateException.class)
        .hasMessageContaining("orders@2024-03-01")
        .hasMessageContaining("disk on fire")
        .hasCauseInstanceOf(IOException.class);

    // The hook really ran between staging and commit, on a file under _staging.
    assertThat(stagedExisted.get()).isTrue();
    Path staged = Path.of(stagedSeen.get().toUri());
    assertThat(staged.getParent()).isEqualTo(root.resolve(ParquetMetricsRepository.STAGING));
    // The previous day is still there, byte for byte and record for record.
    assertThat(Files.readAllBytes(dayFile)).isEqualTo(bytesBefore);
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(before);
    assertThat(failing.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(before);
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
    // Nothing staged is left behind: the failed write removed its file (and its checksum).
    assertThat(staged).doesNotExist();
    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING))).isEmpty();
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly(ParquetMetricsRepository.DAY_FILE);
  }

  @Test
  void successfulWritesLeaveNothingInStaging() throws IOException {
    repo.replaceDay(ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-1", 3));
    repo.replaceDay(ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-2", 2));
    repo.replaceDay(ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 1));

    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING))).isEmpty();
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly(ParquetMetricsRepository.DAY_FILE);
    assertThat(dayFiles(ORDERS, MAR_2)).containsExactly(ParquetMetricsRepository.DAY_FILE);
  }

  @Test
  void firstWriteOfADayFailingAtTheHookLeavesNoDay() throws IOException {
    repo.replaceDay(ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-1", 2));
    ParquetMetricsRepository failing = new ParquetMetricsRepository(root.toString(), new Configuration(),
        (staged, target) -> {
          throw new IOException("no commit for you");
        });

    assertThatThrownBy(() -> failing.replaceDay(ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 3)))
        .isInstanceOf(DqgateException.class)
        .hasMessageContaining("orders@2024-03-02")
        .hasMessageContaining("no commit for you");
    assertThatThrownBy(() -> failing.replaceDay(CUSTOMERS, MAR_1, sampleDay(CUSTOMERS, MAR_1, "run-1", 3)))
        .isInstanceOf(DqgateException.class)
        .hasMessageContaining("customers@2024-03-01");

    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
    assertThat(repo.loadDay(ORDERS, MAR_2)).isEmpty();
    assertThat(repo.days(CUSTOMERS)).isEmpty();
    assertThat(repo.loadDay(CUSTOMERS, MAR_1)).isEmpty();
    assertThat(repo.loadRange(ORDERS, MAR_1, MAR_5)).hasSize(2);
    assertThat(root.resolve("dataset=orders").resolve("partition_date=2024-03-02")).doesNotExist();
    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING))).isEmpty();
  }

  @Test
  void recordsOfAnotherDatasetOrDateAreRejectedAndNothingIsWritten() {
    List<MetricRecord> before = sampleDay(ORDERS, MAR_1, "run-1", 2);
    repo.replaceDay(ORDERS, MAR_1, before);

    List<MetricRecord> otherDate = new ArrayList<>(sampleDay(ORDERS, MAR_1, "run-2", 2));
    otherDate.add(record(ORDERS, MAR_2, "run-2", AT, Entity.DATASET, "*", "x", 1.0, null));
    assertThatThrownBy(() -> repo.replaceDay(ORDERS, MAR_1, otherDate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record for orders@2024-03-02 in a write of orders@2024-03-01");

    List<MetricRecord> otherDataset = List.of(
        record(CUSTOMERS, MAR_1, "run-2", AT, Entity.DATASET, "*", "x", 1.0, null));
    assertThatThrownBy(() -> repo.replaceDay(ORDERS, MAR_1, otherDataset))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record for customers@2024-03-01 in a write of orders@2024-03-01");

    assertThatThrownBy(() -> repo.replaceDay(ORDERS, MAR_3, sampleDay(ORDERS, MAR_1, "run-2", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders@2024-03-03");

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(before);
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
    assertThat(repo.days(CUSTOMERS)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------- listing

  @Test
  void daysAreAscendingAndForeignFoldersAndFilesAreIgnored() throws IOException {
    List<LocalDate> written = List.of(MAR_5, LocalDate.parse("2023-12-31"), MAR_1,
        LocalDate.parse("2024-02-29"), MAR_3);
    for (LocalDate day : written) {
      repo.replaceDay(ORDERS, day, sampleDay(ORDERS, day, "run-1", 1));
    }
    Path datasetDir = root.resolve("dataset=orders");
    byte[] realFile = Files.readAllBytes(dayFile(ORDERS, MAR_1));
    // A foreign folder with a perfectly good Parquet file inside.
    Files.createDirectories(datasetDir.resolve("partition_date=garbage"));
    Files.write(datasetDir.resolve("partition_date=garbage").resolve(ParquetMetricsRepository.DAY_FILE), realFile);
    // Impossible date, a day folder without its file, a day that is a file, other folders and stray files.
    Files.createDirectories(datasetDir.resolve("partition_date=2024-02-30"));
    Files.write(datasetDir.resolve("partition_date=2024-02-30").resolve(ParquetMetricsRepository.DAY_FILE),
        realFile);
    Files.createDirectories(datasetDir.resolve("partition_date=2024-04-01"));
    Files.writeString(datasetDir.resolve("partition_date=2024-05-01"), "not a folder");
    Files.createDirectories(datasetDir.resolve("date=2024-06-01"));
    Files.write(datasetDir.resolve("date=2024-06-01").resolve(ParquetMetricsRepository.DAY_FILE), realFile);
    Files.writeString(datasetDir.resolve("README.txt"), "stray");
    Files.writeString(datasetDir.resolve("_SUCCESS"), "");
    Files.writeString(root.resolve("stray.txt"), "stray");

    assertThat(repo.days(ORDERS)).containsExactly(
        LocalDate.parse("2023-12-31"), LocalDate.parse("2024-02-29"), MAR_1, MAR_3, MAR_5);
    assertThat(repo.loadRange(ORDERS, LocalDate.MIN, LocalDate.MAX)).extracting(MetricRecord::partitionDate)
        .containsExactly(LocalDate.parse("2023-12-31"), LocalDate.parse("2024-02-29"), MAR_1, MAR_3, MAR_5);
    assertThat(repo.days("unknown")).isEmpty();
    assertThat(repo.loadRange("unknown", LocalDate.MIN, LocalDate.MAX)).isEmpty();
  }

  @Test
  void loadRangeIsFromInclusiveToExclusiveInDateOrder() {
    for (LocalDate day : List.of(MAR_5, MAR_3, MAR_2, MAR_1)) {
      repo.replaceDay(ORDERS, day, sampleDay(ORDERS, day, "run-" + day.getDayOfMonth(), 2));
    }
    repo.replaceDay(CUSTOMERS, MAR_2, sampleDay(CUSTOMERS, MAR_2, "run-c", 3));

    assertThat(repo.loadRange(ORDERS, MAR_2, MAR_5))
        .containsExactlyElementsOf(concat(sampleDay(ORDERS, MAR_2, "run-2", 2), sampleDay(ORDERS, MAR_3, "run-3", 2)));
    assertThat(repo.loadRange(ORDERS, MAR_2, MAR_2)).isEmpty();
    assertThat(repo.loadRange(ORDERS, MAR_3, MAR_2)).isEmpty();
    assertThat(repo.loadRange(ORDERS, MAR_5, MAR_5.plusDays(1)))
        .containsExactlyElementsOf(sampleDay(ORDERS, MAR_5, "run-5", 2));
    assertThat(repo.loadRange(ORDERS, MAR_3.plusDays(1), MAR_5)).isEmpty();
    assertThat(repo.loadRange(ORDERS, MAR_1.minusDays(10), MAR_1)).isEmpty();
    assertThat(repo.loadRange(ORDERS, MAR_1, MAR_5.plusDays(1))).extracting(MetricRecord::partitionDate)
        .containsExactly(MAR_1, MAR_1, MAR_2, MAR_2, MAR_3, MAR_3, MAR_5, MAR_5);
    assertThat(repo.loadRange(CUSTOMERS, MAR_1, MAR_5))
        .containsExactlyElementsOf(sampleDay(CUSTOMERS, MAR_2, "run-c", 3));
  }

  // ---------------------------------------------------------------------------------------------- Spark

  @Test
  void plainSparkSqlReadsTheTableAndNotTheStagingFolder(SparkSession spark) throws IOException {
    List<MetricRecord> ordersMar1 = List.of(
        record(ORDERS, MAR_1, "run-1", AT, Entity.DATASET, "*", MetricNames.ROW_COUNT, 1000.0, null),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN, "amount", MetricNames.MEAN, Double.NaN, null),
        record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN_PAIR, "a,\"b\"", MetricNames.TARGET_CORRELATION, 0.5,
            "{\"k\":\"日本\"}"));
    repo.replaceDay(ORDERS, MAR_1, ordersMar1);
    repo.replaceDay(ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 4));
    repo.replaceDay(CUSTOMERS, MAR_1, sampleDay(CUSTOMERS, MAR_1, "run-1", 2));
    // A crashed writer's leftover: a valid Parquet file with other rows in _staging.
    ParquetMetricsRepository leaving = new ParquetMetricsRepository(root.toString(), new Configuration(),
        (staged, target) -> Files.copy(Path.of(staged.toUri()),
            root.resolve(ParquetMetricsRepository.STAGING).resolve("orders-2024-03-01-leftover.parquet")));
    leaving.replaceDay(ORDERS, MAR_1, ordersMar1);
    // The copy exists now: the hook fails and nothing changes.
    assertThatThrownBy(() -> leaving.replaceDay(ORDERS, MAR_1, ordersMar1)).isInstanceOf(DqgateException.class);
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
    Path crc = dayFile(ORDERS, MAR_1).resolveSibling("." + ParquetMetricsRepository.DAY_FILE + ".crc");
    assertThat(crc).exists();
    assertThat(repo.loadDay(ORDERS, MAR_1)).hasSize(50);

    List<MetricRecord> replacement = sampleDay(ORDERS, MAR_1, "run-2", 3);
    repo.replaceDay(ORDERS, MAR_1, replacement);

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(replacement);
    assertThat(ParquetMetricsRepository.open(root.toString()).loadDay(ORDERS, MAR_1))
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
    repo.replaceDay(ORDERS, MAR_1, oldDay);
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path dayDir = new org.apache.hadoop.fs.Path(dayFile(ORDERS, MAR_1).getParent().toUri());
    FileSystem fs = dayDir.getFileSystem(conf);

    // Reader 1 lists the day, the day is replaced, then reader 1 reads what it listed: the new rows, whole.
    FileStatus[] listed = fs.listStatus(dayDir, p -> !p.getName().startsWith("."));
    assertThat(listed).extracting(s -> s.getPath().getName()).containsExactly(ParquetMetricsRepository.DAY_FILE);
    // Reader 2 has already opened the file and read one row when the replace happens.
    List<String> reader2 = new ArrayList<>();
    try (ParquetReader<Group> open = ParquetReader.builder(new GroupReadSupport(), listed[0].getPath())
        .withConf(conf).build()) {
      reader2.add(runAndMetric(open.read()));

      repo.replaceDay(ORDERS, MAR_1, newDay);

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
      r.replaceDay(ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "old", sizes[0]));
      Dataset<Row> listed = spark.read().parquet(location.toString()).select("run_id", "metric", "value");

      List<MetricRecord> newDay = sampleDay(ORDERS, MAR_1, "new", sizes[1]);
      r.replaceDay(ORDERS, MAR_1, newDay);

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
          repo.replaceDay(ORDERS, day, sampleDay(ORDERS, day, "even", 5));
        }
        return null;
      });
      Future<?> odd = pool.submit(() -> {
        start.await();
        for (int i = 0; i < daysPerThread; i++) {
          LocalDate day = MAR_1.plusDays(2L * i + 1);
          other.replaceDay(ORDERS, day, sampleDay(ORDERS, day, "odd", 3));
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

  // ---------------------------------------------------------------------------------------------- helpers

  private static MetricRecord record(String dataset, LocalDate date, String runId, Instant at, Entity entity,
      String instance, String metric, double value, String detail) {
    return new MetricRecord(dataset, date, runId, at, entity, instance, metric, value, detail);
  }

  /** {@code n} distinct records m0..m(n-1) whose values depend on the day and run. */
  private static List<MetricRecord> sampleDay(String dataset, LocalDate date, String runId, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> record(dataset, date, runId, AT.plusSeconds(date.getDayOfYear()), Entity.COLUMN, "c" + i,
            "m" + i, date.getDayOfMonth() * 100.0 + i + runId.length() / 10.0, i % 2 == 0 ? null : "{\"i\":" + i + "}"))
        .toList();
  }

  private static String longUnicodeJson() {
    return IntStream.range(0, 1000)
        .mapToObj(i -> "{\"value\":\"Zürich-東京-" + i + "-😀 \\\"q\\\", c\",\"p\":" + (i / 1000.0) + "}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @SafeVarargs
  private static List<MetricRecord> concat(List<MetricRecord>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  private Path dayFile(String dataset, LocalDate date) {
    return root.resolve("dataset=" + dataset).resolve("partition_date=" + date)
        .resolve(ParquetMetricsRepository.DAY_FILE);
  }

  /** Every entry of the day's folder, hidden ones included. */
  private List<String> dayFiles(String dataset, LocalDate date) throws IOException {
    return list(dayFile(dataset, date).getParent());
  }

  private static List<String> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String runAndMetric(Group g) {
    return g.getString("run_id", 0) + "/" + g.getString("metric", 0);
  }

  private static List<String> runAndMetric(List<MetricRecord> records) {
    return records.stream().map(r -> r.runId() + "/" + r.metric()).toList();
  }

  private static List<Object> values(Row row) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      out.add(v instanceof Timestamp t ? t.toInstant() : v);
    }
    return out;
  }
}
