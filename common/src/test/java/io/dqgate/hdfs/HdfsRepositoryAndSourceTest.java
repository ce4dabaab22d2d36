package io.dqgate.hdfs;

import io.dqgate.testing.StoredDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.PartitionProfile;
import io.dqgate.profile.Profiler;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import io.dqgate.testing.HdfsExtension;
import io.dqgate.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dqgate against a real HDFS (MiniDFSCluster): the metrics repository's staged write and rename-with-
 * OVERWRITE commit, Spark reading that table, and a CSV partition read and profiled from HDFS. Every path
 * is a full {@code hdfs://127.0.0.1:<port>/...} URI; nothing relies on fs.defaultFS.
 */
@ExtendWith({SparkExtension.class, HdfsExtension.class})
class HdfsRepositoryAndSourceTest {
  private static final String ORDERS = "orders";
  private static final LocalDate AUG_5 = LocalDate.of(2026, 8, 5);
  private static final LocalDate AUG_6 = LocalDate.of(2026, 8, 6);
  private static final Instant AT = Instant.parse("2026-08-06T03:00:00.123456Z");

  private FileSystem fs;
  private Path base;

  @BeforeEach
  void setUp(FileSystem fs) {
    this.fs = fs;
    base = HdfsExtension.freshDir("test");
  }

  // ---------------------------------------------------------------------------------------------- repository

  @Test
  void replacingADayTwiceLeavesExactlyTheSecondRecordsInOneFileAndNothingStaged() throws IOException {
    Path root = new Path(base, "metrics");
    assertThat(root.toString()).startsWith("hdfs://127.0.0.1:");
    ParquetMetricsRepository repo = new ParquetMetricsRepository(root.toString(), new Configuration());
    List<MetricRecord> first = day(AUG_5, "run-1", 5);
    List<MetricRecord> second = day(AUG_5, "run-2", 3);

    StoredDays.write(repo, ORDERS, AUG_5, first);
    assertThat(repo.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(first);
    StoredDays.write(repo, ORDERS, AUG_5, second);

    assertThat(repo.location()).isEqualTo(root.toString());
    assertThat(repo.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(second)
        .extracting(MetricRecord::runId).containsOnly("run-2");
    assertThat(repo.days(ORDERS)).containsExactly(AUG_5);
    assertThat(repo.days("never-written")).isEmpty();
    assertThat(repo.loadDay(ORDERS, AUG_6)).isEmpty();
    assertThat(names(dayDir(root, AUG_5))).containsExactly("profile.parquet");
    assertThat(names(new Path(root, "_staging"))).isEmpty();
    // A second repository on the same URI reads the same day; so does one given a bare path and the
    // cluster as the default file system.
    assertThat(new ParquetMetricsRepository(root.toString(), new Configuration()).loadDay(ORDERS, AUG_5))
        .containsExactlyElementsOf(second);
    ParquetMetricsRepository byDefaultFs =
        new ParquetMetricsRepository(root.toUri().getPath(), HdfsExtension.configuration());
    assertThat(byDefaultFs.location()).isEqualTo(root.toString());
    assertThat(byDefaultFs.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(second);
  }

  @Test
  void aCommitHookThatThrowsLeavesThePreviousDayReadableAndWhole() throws IOException {
    Path root = new Path(base, "metrics");
    ParquetMetricsRepository repo = new ParquetMetricsRepository(root.toString(), new Configuration());
    List<MetricRecord> before = day(AUG_5, "run-1", 4);
    StoredDays.write(repo, ORDERS, AUG_5, before);
    Path dayFile = new Path(dayDir(root, AUG_5), "profile.parquet");
    byte[] bytesBefore = read(dayFile);

    AtomicReference<org.apache.hadoop.fs.Path> stagedSeen = new AtomicReference<>();
    AtomicBoolean stagedExisted = new AtomicBoolean();
    ParquetMetricsRepository failing = new ParquetMetricsRepository(root.toString(), new Configuration(),
        (staged, target) -> {
          stagedSeen.set(staged);
          stagedExisted.set(fs.exists(staged) && fs.getFileStatus(staged).getLen() > 0);
          throw new IOException("namenode says no");
        });

    assertThatThrownBy(() -> StoredDays.write(failing, ORDERS, AUG_5, day(AUG_5, "run-2", 2)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("repository " + root + ": cannot write profile of orders@2026-08-05: namenode says no")
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> StoredDays.write(failing, ORDERS, AUG_6, day(AUG_6, "run-2", 2)))
        .isInstanceOf(DqgateException.class)
        .hasMessageContaining("orders@2026-08-06");

    // The hook ran between staging and commit, on a written file under <root>/_staging.
    assertThat(stagedExisted).isTrue();
    assertThat(stagedSeen.get().getParent()).isEqualTo(new Path(root, "_staging"));
    assertThat(read(dayFile)).isEqualTo(bytesBefore);
    assertThat(repo.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(before);
    assertThat(failing.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(before);
    assertThat(repo.days(ORDERS)).containsExactly(AUG_5);
    assertThat(fs.exists(dayDir(root, AUG_6))).isFalse();
    assertThat(names(dayDir(root, AUG_5))).containsExactly("profile.parquet");
    assertThat(names(new Path(root, "_staging"))).isEmpty();
  }

  @Test
  void sparkReadsTheRepositoryTableFromHdfs(SparkSession spark) {
    Path root = new Path(base, "metrics");
    ParquetMetricsRepository repo = new ParquetMetricsRepository(root.toString(),
        spark.sparkContext().hadoopConfiguration());
    StoredDays.write(repo, ORDERS, AUG_5, day(AUG_5, "run-1", 4));
    StoredDays.write(repo, ORDERS, AUG_5, day(AUG_5, "run-2", 3));
    StoredDays.write(repo, ORDERS, AUG_6, day(AUG_6, "run-1", 2));
    StoredDays.write(repo, "customers", AUG_5, day("customers", AUG_5, "run-1", 1));

    List<Row> rows = spark.read().parquet(root.toString())
        .where("dataset = 'orders'")
        .selectExpr("cast(partition_date as string) as day", "run_id", "instance", "metric", "value", "detail")
        .orderBy("day", "metric")
        .collectAsList();

    assertThat(rows).extracting(Row::toString).containsExactly(
        "[2026-08-05,run-2,c0,m0,500.0,null]",
        "[2026-08-05,run-2,c1,m1,501.0,{\"i\":1}]",
        "[2026-08-05,run-2,c2,m2,502.0,null]",
        "[2026-08-06,run-1,c0,m0,600.0,null]",
        "[2026-08-06,run-1,c1,m1,601.0,{\"i\":1}]");
    assertThat(spark.read().parquet(root.toString()).columns()).containsExactly(
        "run_id", "computed_at", "entity", "instance", "metric", "value", "detail", "dataset", "partition_date");
    assertThat(spark.read().parquet(root.toString()).where("dataset = 'customers'").count()).isEqualTo(1);
  }

  @Test
  void aSparkQueryPlannedBeforeAReplaceReadsOnlyTheNewDay(SparkSession spark) {
    // Spark lists the files (lengths, block locations) when the DataFrame is made and opens them later.
    for (int[] sizes : new int[][] {{40, 7}, {7, 40}}) {
      Path root = new Path(base, "listed-" + sizes[0] + "-" + sizes[1]);
      ParquetMetricsRepository repo = new ParquetMetricsRepository(root.toString(), new Configuration());
      StoredDays.write(repo, ORDERS, AUG_5, day(AUG_5, "old", sizes[0]));
      Dataset<Row> listed = spark.read().parquet(root.toString()).select("run_id", "metric", "value");

      List<MetricRecord> newDay = day(AUG_5, "new", sizes[1]);
      StoredDays.write(repo, ORDERS, AUG_5, newDay);

      assertThat(listed.orderBy("value").collectAsList())
          .extracting(row -> row.getString(0) + "/" + row.getString(1) + "/" + row.getDouble(2))
          .containsExactlyElementsOf(newDay.stream().map(r -> r.runId() + "/" + r.metric() + "/" + r.value())
              .toList());
    }
  }

  /**
   * loadDay takes the file's length and then opens it by name; a replace in between used to fail the read
   * ("Cannot seek after EOF") within a few of these replaces on HDFS.
   */
  @Test
  void readersDuringReplacesSeeAWholeDayEveryTime() throws Exception {
    Path root = new Path(base, "metrics");
    ParquetMetricsRepository writer = new ParquetMetricsRepository(root.toString(), new Configuration());
    ParquetMetricsRepository reader = new ParquetMetricsRepository(root.toString(), new Configuration());
    List<MetricRecord> big = day(AUG_5, "big", 40);
    List<MetricRecord> small = day(AUG_5, "small", 7);
    StoredDays.write(writer, ORDERS, AUG_5, big);

    ExecutorService pool = Executors.newSingleThreadExecutor();
    AtomicBoolean done = new AtomicBoolean();
    try {
      Future<Integer> reads = pool.submit(() -> {
        int n = 0;
        while (!done.get()) {
          List<MetricRecord> seen = reader.loadDay(ORDERS, AUG_5);
          assertThat(seen.equals(big) || seen.equals(small))
              .as("read %s rows of runs %s", seen.size(), seen.stream().map(MetricRecord::runId).distinct().toList())
              .isTrue();
          n++;
        }
        return n;
      });
      for (int i = 0; i < 30; i++) {
        StoredDays.write(writer, ORDERS, AUG_5, i % 2 == 0 ? small : big);
      }
      done.set(true);
      assertThat(reads.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    assertThat(writer.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(big);
    assertThat(names(new Path(root, "_staging"))).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------- source

  @Test
  void aCsvPartitionOnHdfsIsReadAndProfiled(SparkSession spark) throws IOException {
    Path feed = new Path(base, "feed/orders");
    write(new Path(feed, "dt=2026-08-05/part-0.csv"), """
        order_id,amount,city
        1,10.5,Oslo
        2,,Oslo
        3,7,Bergen
        4,,Bergen
        5,3.25,Oslo
        6,8,Tromsø
        7,1,Oslo
        8,2,Bergen
        """);
    DatasetSpec orders = DqgateConfig.load(null, Map.of("datasets.orders.source.path", feed.toString()))
        .dataset(ORDERS);
    ParquetMetricsRepository repository = new ParquetMetricsRepository(new Path(base, "metrics").toString(),
        spark.sparkContext().hadoopConfiguration());

    SourcePartition partition = new PartitionReader(spark).read(orders.source(), AUG_5);
    assertThat(partition.location()).isEqualTo(feed + "/dt=2026-08-05");
    assertThat(partition.rows().count()).isEqualTo(8);
    PartitionProfile profile = new Profiler(repository)
        .profile(partition, orders, orders.source().format(), AUG_5, "run-1", AT);

    assertThat(profile.value(MetricKey.dataset(MetricNames.ROW_COUNT))).contains(8.0);
    assertThat(profile.value(MetricKey.column("amount", MetricNames.NULL_FRACTION))).contains(0.25);
    assertThat(profile.value(MetricKey.column("city", MetricNames.NULL_FRACTION))).contains(0.0);
    assertThat(profile.value(MetricKey.column("amount", MetricNames.MAX))).contains(10.5);
    // The profile round-trips through the repository on HDFS.
    StoredDays.write(repository, ORDERS, AUG_5, profile.metrics());
    assertThat(repository.loadDay(ORDERS, AUG_5)).containsExactlyElementsOf(profile.metrics());
  }

  @Test
  void aMissingPartitionOnHdfsIsAOneLineError(SparkSession spark) throws IOException {
    Path feed = new Path(base, "feed/orders");
    write(new Path(feed, "dt=2026-08-05/part-0.csv"), "order_id,amount\n1,2\n");
    DatasetSpec orders = DqgateConfig.load(null, Map.of("datasets.orders.source.path", feed.toString()))
        .dataset(ORDERS);

    assertThatThrownBy(() -> new PartitionReader(spark).read(orders.source(), AUG_6))
        .isInstanceOf(DqgateException.class)
        .hasMessage("no partition for 2026-08-06: " + feed + "/dt=2026-08-06 not found");
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static Path dayDir(Path root, LocalDate date) {
    return new Path(root, "dataset=" + ORDERS + "/partition_date=" + date);
  }

  private List<String> names(Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    return Arrays.stream(fs.listStatus(dir)).map(FileStatus::getPath).map(Path::getName).sorted().toList();
  }

  private byte[] read(Path file) throws IOException {
    try (InputStream in = fs.open(file); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private void write(Path file, String text) throws IOException {
    try (FSDataOutputStream out = fs.create(file, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<MetricRecord> day(LocalDate date, String runId, int n) {
    return day(ORDERS, date, runId, n);
  }

  /** {@code n} records m0..m(n-1), values {@code day-of-month * 100 + i}. */
  private static List<MetricRecord> day(String dataset, LocalDate date, String runId, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new MetricRecord(dataset, date, runId, AT, Entity.COLUMN, "c" + i, "m" + i,
            date.getDayOfMonth() * 100.0 + i, i % 2 == 0 ? null : "{\"i\":" + i + "}"))
        .toList();
  }
}
