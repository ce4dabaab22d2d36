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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Round trip, reruns, failed commits and listing of the Parquet metrics repository. */
class ParquetMetricsRepositoryTest extends RepositoryTestBase {
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

    StoredDays.write(repo, ORDERS, MAR_1, written);

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
    assertThat(new ParquetMetricsRepository(root.toString(), new Configuration()).loadDay(ORDERS, MAR_1))
        .containsExactlyElementsOf(written);
    assertThat(repo.loadDay(ORDERS, MAR_2)).isEmpty();
    assertThat(repo.loadDay("never-written", MAR_1)).isEmpty();
  }

  @Test
  void computedAtKeepsMicrosecondsAndTruncatesNanos() {
    Instant micros = Instant.parse("2024-03-01T23:59:59.999999Z");
    Instant nanos = Instant.parse("2024-03-01T12:00:00.123456789Z");
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.000001Z");
    StoredDays.write(repo, ORDERS, MAR_1, List.of(
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
    StoredDays.write(repo, ORDERS, MAR_1, day);
    StoredDays.write(repo, ORDERS, MAR_1, day);
    StoredDays.write(repo, ORDERS, MAR_1, day);

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(day).hasSize(5);
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1);
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly(PROFILE_FILE);
  }

  @Test
  void rerunWithFewerRecordsDropsTheOldRowsAndLeavesOtherDaysAndDatasetsAlone() {
    List<MetricRecord> ordersMar1 = sampleDay(ORDERS, MAR_1, "run-1", 6);
    List<MetricRecord> ordersMar2 = sampleDay(ORDERS, MAR_2, "run-1", 4);
    List<MetricRecord> customersMar1 = sampleDay(CUSTOMERS, MAR_1, "run-1", 3);
    StoredDays.write(repo, ORDERS, MAR_1, ordersMar1);
    StoredDays.write(repo, ORDERS, MAR_2, ordersMar2);
    StoredDays.write(repo, CUSTOMERS, MAR_1, customersMar1);

    List<MetricRecord> rerun = sampleDay(ORDERS, MAR_1, "run-2", 2);
    StoredDays.write(repo, ORDERS, MAR_1, rerun);

    assertThat(repo.loadDay(ORDERS, MAR_1)).containsExactlyElementsOf(rerun)
        .extracting(MetricRecord::runId).containsOnly("run-2");
    assertThat(repo.loadDay(ORDERS, MAR_2)).containsExactlyElementsOf(ordersMar2);
    assertThat(repo.loadDay(CUSTOMERS, MAR_1)).containsExactlyElementsOf(customersMar1);
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1, MAR_2);
    assertThat(repo.days(CUSTOMERS)).containsExactly(MAR_1);

    // An empty rerun keeps the day, now with no rows.
    StoredDays.write(repo, ORDERS, MAR_1, List.of());
    assertThat(repo.loadDay(ORDERS, MAR_1)).isEmpty();
    assertThat(repo.days(ORDERS)).containsExactly(MAR_1, MAR_2);
    assertThat(repo.loadDay(ORDERS, MAR_2)).containsExactlyElementsOf(ordersMar2);
  }

  // ---------------------------------------------------------------------------------------------- failures

  @Test
  void failureBetweenStagingAndCommitKeepsThePreviousDayWholeAndLeavesNoStagedFile() throws IOException {
    List<MetricRecord> before = sampleDay(ORDERS, MAR_1, "run-1", 5);
    StoredDays.write(repo, ORDERS, MAR_1, before);
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

    assertThatThrownBy(() -> StoredDays.write(failing, ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-2", 2)))
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
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly(PROFILE_FILE);
  }

  @Test
  void successfulWritesLeaveNothingInStaging() throws IOException {
    StoredDays.write(repo, ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-1", 3));
    StoredDays.write(repo, ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-2", 2));
    StoredDays.write(repo, ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 1));

    assertThat(list(root.resolve(ParquetMetricsRepository.STAGING))).isEmpty();
    assertThat(dayFiles(ORDERS, MAR_1)).containsExactly(PROFILE_FILE);
    assertThat(dayFiles(ORDERS, MAR_2)).containsExactly(PROFILE_FILE);
  }

  @Test
  void firstWriteOfADayFailingAtTheHookLeavesNoDay() throws IOException {
    StoredDays.write(repo, ORDERS, MAR_1, sampleDay(ORDERS, MAR_1, "run-1", 2));
    ParquetMetricsRepository failing = new ParquetMetricsRepository(root.toString(), new Configuration(),
        (staged, target) -> {
          throw new IOException("no commit for you");
        });

    assertThatThrownBy(() -> StoredDays.write(failing, ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 3)))
        .isInstanceOf(DqgateException.class)
        .hasMessageContaining("orders@2024-03-02")
        .hasMessageContaining("no commit for you");
    assertThatThrownBy(() -> StoredDays.write(failing, CUSTOMERS, MAR_1, sampleDay(CUSTOMERS, MAR_1, "run-1", 3)))
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
    StoredDays.write(repo, ORDERS, MAR_1, before);

    List<MetricRecord> otherDate = new ArrayList<>(sampleDay(ORDERS, MAR_1, "run-2", 2));
    otherDate.add(record(ORDERS, MAR_2, "run-2", AT, Entity.DATASET, "*", "x", 1.0, null));
    assertThatThrownBy(() -> StoredDays.write(repo, ORDERS, MAR_1, otherDate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record for orders@2024-03-02 in a write of orders@2024-03-01");

    List<MetricRecord> otherDataset = List.of(
        record(CUSTOMERS, MAR_1, "run-2", AT, Entity.DATASET, "*", "x", 1.0, null));
    assertThatThrownBy(() -> StoredDays.write(repo, ORDERS, MAR_1, otherDataset))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record for customers@2024-03-01 in a write of orders@2024-03-01");

    assertThatThrownBy(() -> StoredDays.write(repo, ORDERS, MAR_3, sampleDay(ORDERS, MAR_1, "run-2", 1)))
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
      StoredDays.write(repo, ORDERS, day, sampleDay(ORDERS, day, "run-1", 1));
    }
    Path datasetDir = root.resolve("dataset=orders");
    byte[] realFile = Files.readAllBytes(dayFile(ORDERS, MAR_1));
    // A foreign folder with a perfectly good Parquet file inside.
    Files.createDirectories(datasetDir.resolve("partition_date=garbage"));
    Files.write(datasetDir.resolve("partition_date=garbage").resolve(PROFILE_FILE), realFile);
    // Impossible date, a day folder without its file, a day that is a file, other folders and stray files.
    Files.createDirectories(datasetDir.resolve("partition_date=2024-02-30"));
    Files.write(datasetDir.resolve("partition_date=2024-02-30").resolve(PROFILE_FILE),
        realFile);
    Files.createDirectories(datasetDir.resolve("partition_date=2024-04-01"));
    Files.writeString(datasetDir.resolve("partition_date=2024-05-01"), "not a folder");
    Files.createDirectories(datasetDir.resolve("date=2024-06-01"));
    Files.write(datasetDir.resolve("date=2024-06-01").resolve(PROFILE_FILE), realFile);
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
      StoredDays.write(repo, ORDERS, day, sampleDay(ORDERS, day, "run-" + day.getDayOfMonth(), 2));
    }
    StoredDays.write(repo, CUSTOMERS, MAR_2, sampleDay(CUSTOMERS, MAR_2, "run-c", 3));

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
}
