package io.dqgate.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.Provenance;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Each owner of a day in its own file: writes that leave other owners alone, concurrency, leftovers, old days. */
class OwnedRecordsTest extends RepositoryTestBase {
  private static MetricRecord profile(String run, double rows) {
    return record(ORDERS, MAR_1, run, AT, Entity.DATASET, "*", MetricNames.ROW_COUNT, rows, null);
  }

  private static MetricRecord label(String run, double value) {
    return record(ORDERS, MAR_1, run, AT, Entity.DATASET, "*", MetricNames.LABEL, value, "accepted");
  }

  private static MetricRecord verdict(String run, double status) {
    return record(ORDERS, MAR_1, run, AT, Entity.DATASET, "*", MetricNames.VERDICT_STATUS, status, "{}");
  }

  private static MetricRecord files(String run, double count) {
    return record(ORDERS, MAR_1, run, AT, Entity.DATASET, "*", MetricNames.FILE_COUNT, count, null);
  }

  @Test
  void eachOwnerHasItsOwnFileAndAWriteReplacesOnlyItsOwner() throws Exception {
    repo.replaceOwned(RecordOwner.FILES, ORDERS, MAR_1, List.of(files("f1", 3)));
    repo.replaceOwned(RecordOwner.PROFILE, ORDERS, MAR_1, List.of(profile("p1", 100)));
    repo.replaceOwned(RecordOwner.VERDICT, ORDERS, MAR_1, List.of(verdict("v1", MetricNames.STATUS_BLOCK)));
    repo.replaceOwned(RecordOwner.LABEL, ORDERS, MAR_1, List.of(label("l1", MetricNames.LABEL_ACCEPTED)));

    repo.replaceOwned(RecordOwner.PROFILE, ORDERS, MAR_1, List.of(profile("p2", 120)));

    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly("files.parquet", "label.parquet", "profile.parquet",
        "verdict.parquet");
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactly(files("f1", 3), profile("p2", 120),
        verdict("v1", MetricNames.STATUS_BLOCK), label("l1", MetricNames.LABEL_ACCEPTED));
    // An empty write leaves the owner with nothing that day; the others stay.
    repo.replaceOwned(RecordOwner.VERDICT, ORDERS, MAR_1, List.of());
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactly(files("f1", 3), profile("p2", 120),
        label("l1", MetricNames.LABEL_ACCEPTED));
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
  }

  @Test
  void aRecordOfAnotherOwnerIsRejectedAndNothingIsWritten() {
    assertThatThrownBy(() -> repo.replaceOwned(RecordOwner.LABEL, ORDERS, MAR_1, List.of(profile("p", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record row_count of * belongs to profile, not to label");
    assertThat(repo.days(ORDERS)).isEmpty();
  }

  @Test
  void twoOwnersOfOneDayWrittenFromParallelThreadsLoseNothing() throws Exception {
    int rounds = 40;
    CyclicBarrier start = new CyclicBarrier(2);
    ParquetMetricsRepository other = new ParquetMetricsRepository(root.toString(), new Configuration());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        int r = round;
        Future<?> profiling = pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          repo.replaceOwned(RecordOwner.PROFILE, ORDERS, MAR_1, List.of(profile("p" + r, r)));
          return null;
        });
        Future<?> labelling = pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          other.replaceOwned(RecordOwner.LABEL, ORDERS, MAR_1, List.of(label("l" + r, r)));
          return null;
        });
        profiling.get(60, TimeUnit.SECONDS);
        labelling.get(60, TimeUnit.SECONDS);
        assertThat(repo.loadDay(ORDERS, MAR_1)).as("round %d", r)
            .containsExactly(profile("p" + r, r), label("l" + r, r));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING))).isEmpty();
  }

  @Test
  void stagedFilesAKilledWriterLeftAreDeletedByTheNextWriteOfTheSameDayAndOwner() throws Exception {
    Path staging = Files.createDirectories(root.resolve(ParquetMetricsRepository.STAGING));
    FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
    List<String> leftovers = List.of("orders.2024-03-01.profile.dead1.parquet",
        "orders.2024-03-01.profile.dead2.parquet", "orders.2024-03-01.label.dead.parquet",
        "orders.2024-03-02.profile.dead.parquet", "customers.2024-03-01.profile.dead.parquet");
    for (String name : leftovers) {
      Files.writeString(staging.resolve(name), "half a file");
      Files.setLastModifiedTime(staging.resolve(name), anHourAgo);
    }

    repo.replaceOwned(RecordOwner.PROFILE, ORDERS, MAR_1, List.of(profile("p", 5)));

    assertThat(list(staging)).containsExactly("customers.2024-03-01.profile.dead.parquet",
        "orders.2024-03-01.label.dead.parquet", "orders.2024-03-02.profile.dead.parquet");
    repo.replaceOwned(RecordOwner.LABEL, ORDERS, MAR_1, List.of(label("l", MetricNames.LABEL_REJECTED)));
    assertThat(list(staging)).containsExactly("customers.2024-03-01.profile.dead.parquet",
        "orders.2024-03-02.profile.dead.parquet");
  }

  @Test
  void anOldSingleFileDayIsReadSplitByOwnerShadowedByOwnerFilesAndRemovedOnceEveryOwnerHasItsFile(
      SparkSession spark) throws Exception {
    Path dayDir = Files.createDirectories(dayFile(ORDERS, MAR_1).getParent());
    writeLegacy(dayDir.resolve(ParquetMetricsRepository.LEGACY_DAY_FILE), List.of(files("old", 2),
        profile("old", 50), verdict("old", MetricNames.STATUS_BLOCK)));

    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactly(files("old", 2), profile("old", 50),
        verdict("old", MetricNames.STATUS_BLOCK));

    repo.replaceOwned(RecordOwner.PROFILE, ORDERS, MAR_1, List.of(profile("new", 60)));
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactly(files("old", 2), profile("new", 60),
        verdict("old", MetricNames.STATUS_BLOCK));
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly("metrics.parquet", "profile.parquet");

    repo.replaceOwned(RecordOwner.FILES, ORDERS, MAR_1, List.of(files("new", 4)));
    repo.replaceOwned(RecordOwner.VERDICT, ORDERS, MAR_1, List.of(verdict("new", MetricNames.STATUS_PASS)));
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly("files.parquet", "profile.parquet", "verdict.parquet");
    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactly(files("new", 4), profile("new", 60),
        verdict("new", MetricNames.STATUS_PASS));
    List<Row> rows = spark.read().parquet(root.toString()).orderBy("metric").collectAsList();
    assertThat(rows).extracting(r -> r.<String>getAs("metric") + "/" + r.<String>getAs("run_id"))
        .containsExactly("file_count/new", "row_count/new", "verdict_status/new");
  }

  @Test
  void everyOwnerFileRecordsTheProvenanceOfItsWriter() {
    Provenance run1 = new Provenance("run-1", "0.1.0", "abc123", "f00d");
    Provenance run2 = new Provenance("run-2", "0.1.0", "abc123", "beef");
    new ParquetMetricsRepository(root.toString(), new Configuration(), run1)
        .replaceOwned(RecordOwner.PROFILE, ORDERS, MAR_1, List.of(profile("run-1", 7)));
    new ParquetMetricsRepository(root.toString(), new Configuration(), run2)
        .replaceOwned(RecordOwner.VERDICT, ORDERS, MAR_1, List.of(verdict("run-2", MetricNames.STATUS_PASS)));
    repo.replaceOwned(RecordOwner.LABEL, ORDERS, MAR_1, List.of(label("person", MetricNames.LABEL_ACCEPTED)));

    assertThat(repo.provenance(ORDERS, MAR_1)).containsExactly(
        Map.entry(RecordOwner.PROFILE, run1),
        Map.entry(RecordOwner.VERDICT, run2),
        Map.entry(RecordOwner.LABEL, new Provenance("unknown", "unknown", "unknown", "unknown")));
    assertThat(repo.provenance(ORDERS, MAR_2)).isEmpty();
  }

  private void writeLegacy(Path file, List<MetricRecord> records) throws Exception {
    SimpleGroupFactory groups = new SimpleGroupFactory(ParquetMetricsRepository.SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
        .withType(ParquetMetricsRepository.SCHEMA).build()) {
      for (MetricRecord r : records) {
        Group g = groups.newGroup().append("run_id", r.runId())
            .append("computed_at", ParquetMetricsRepository.epochMicros(r.computedAt()))
            .append("entity", r.entity().label()).append("instance", r.instance()).append("metric", r.metric())
            .append("value", r.value());
        if (r.detail() != null) {
          g.append("detail", r.detail());
        }
        writer.write(g);
      }
    }
    List<String> crcs = new ArrayList<>();
    try (var entries = Files.list(file.getParent())) {
      entries.filter(p -> p.getFileName().toString().endsWith(".crc")).forEach(p -> crcs.add(p.toString()));
    }
    for (String crc : crcs) {
      Files.delete(Path.of(crc));
    }
  }
}
