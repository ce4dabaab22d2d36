package io.dqgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.Provenance;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judging many days in a row reads the window once and still writes every verdict to the repository. */
class CachedHistoryTest {
  private static final LocalDate DAY = LocalDate.parse("2026-08-01");

  @TempDir
  Path dir;

  /** The real repository, counting the reads that reach it. */
  private static final class CountingRepository implements MetricsRepository {
    final MetricsRepository stored;
    final List<String> reads = new ArrayList<>();

    CountingRepository(MetricsRepository stored) {
      this.stored = stored;
    }

    @Override
    public void replaceOwned(RecordOwner owner, String dataset, LocalDate date, List<MetricRecord> records) {
      stored.replaceOwned(owner, dataset, date, records);
    }

    @Override
    public List<MetricRecord> loadDay(String dataset, LocalDate date) {
      reads.add("day " + date);
      return stored.loadDay(dataset, date);
    }

    @Override
    public List<MetricRecord> loadRange(String dataset, LocalDate from, LocalDate to) {
      reads.add("range " + from + ".." + to);
      return stored.loadRange(dataset, from, to);
    }

    @Override
    public List<LocalDate> days(String dataset) {
      return stored.days(dataset);
    }

    @Override
    public Map<RecordOwner, Provenance> provenance(String dataset, LocalDate date) {
      return stored.provenance(dataset, date);
    }

    @Override
    public String location() {
      return stored.location();
    }
  }

  private static MetricRecord rows(LocalDate day, double value) {
    return new MetricRecord("orders", day, "r", Instant.EPOCH, Entity.DATASET, "*", MetricNames.ROW_COUNT, value, null);
  }

  @Test
  void readsInsideTheWindowComeFromMemoryAndWritesGoThroughToTheRepository() {
    ParquetMetricsRepository parquet = new ParquetMetricsRepository(dir.toString(), new Configuration());
    for (int i = 0; i < 5; i++) {
      parquet.replaceOwned(RecordOwner.PROFILE, "orders", DAY.plusDays(i), List.of(rows(DAY.plusDays(i), 100 + i)));
    }
    CountingRepository counting = new CountingRepository(parquet);
    CachedHistory cached = new CachedHistory(counting, "orders", DAY.plusDays(1), DAY.plusDays(5), false);
    assertThat(counting.reads).containsExactly("range 2026-08-02..2026-08-06");

    assertThat(cached.loadRange("orders", DAY.plusDays(1), DAY.plusDays(4)))
        .containsExactly(rows(DAY.plusDays(1), 101), rows(DAY.plusDays(2), 102), rows(DAY.plusDays(3), 103));
    assertThat(cached.loadDay("orders", DAY.plusDays(4))).containsExactly(rows(DAY.plusDays(4), 104));
    MetricRecord verdict = new MetricRecord("orders", DAY.plusDays(2), "r", Instant.EPOCH, Entity.DATASET, "*",
        MetricNames.VERDICT_STATUS, MetricNames.STATUS_BLOCK, "{}");
    cached.replaceOwned(RecordOwner.VERDICT, "orders", DAY.plusDays(2), List.of(verdict));
    assertThat(cached.loadDay("orders", DAY.plusDays(2))).containsExactly(rows(DAY.plusDays(2), 102), verdict);
    assertThat(counting.reads).containsExactly("range 2026-08-02..2026-08-06");

    // Outside the window, and in the repository itself.
    assertThat(cached.loadDay("orders", DAY)).containsExactly(rows(DAY, 100));
    assertThat(counting.reads).containsExactly("range 2026-08-02..2026-08-06", "day 2026-08-01");
    assertThat(parquet.loadDay("orders", DAY.plusDays(2))).containsExactly(rows(DAY.plusDays(2), 102), verdict);
  }

  @Test
  void heldWritesAreReadFromMemoryAtOnceAndReachTheRepositoryOnCommitInTheirOrder() {
    ParquetMetricsRepository parquet = new ParquetMetricsRepository(dir.toString(), new Configuration());
    for (int i = 0; i < 3; i++) {
      parquet.replaceOwned(RecordOwner.PROFILE, "orders", DAY.plusDays(i), List.of(rows(DAY.plusDays(i), 100 + i)));
    }
    List<String> commits = new ArrayList<>();
    ParquetMetricsRepository watched = new ParquetMetricsRepository(dir.toString(), new Configuration(),
        (staged, target) -> commits.add(target.getParent().getName() + "/" + target.getName()));
    CountingRepository counting = new CountingRepository(watched);
    CachedHistory cached = new CachedHistory(counting, "orders", DAY.plusDays(1), DAY.plusDays(5), true);
    MetricRecord verdict = new MetricRecord("orders", DAY.plusDays(3), "r", Instant.EPOCH, Entity.DATASET, "*",
        MetricNames.VERDICT_STATUS, MetricNames.STATUS_PASS, "{}");
    cached.replaceOwned(RecordOwner.PROFILE, "orders", DAY.plusDays(3), List.of(rows(DAY.plusDays(3), 103)));
    cached.replaceOwned(RecordOwner.VERDICT, "orders", DAY.plusDays(3), List.of(verdict));
    cached.replaceOwned(RecordOwner.PROFILE, "orders", DAY.plusDays(3), List.of(rows(DAY.plusDays(3), 113)));

    assertThat(cached.days("orders")).containsExactly(DAY, DAY.plusDays(1), DAY.plusDays(2), DAY.plusDays(3));
    assertThat(cached.loadDay("orders", DAY.plusDays(3))).containsExactly(rows(DAY.plusDays(3), 113), verdict);
    // a range reaching before the window: the part outside from the repository, the rest from memory
    assertThat(cached.loadRange("orders", DAY, DAY.plusDays(4))).containsExactly(rows(DAY, 100),
        rows(DAY.plusDays(1), 101), rows(DAY.plusDays(2), 102), rows(DAY.plusDays(3), 113), verdict);
    assertThat(counting.reads).containsExactly("range 2026-08-02..2026-08-06", "range 2026-08-01..2026-08-02");
    assertThat(commits).isEmpty();
    assertThat(parquet.days("orders")).containsExactly(DAY, DAY.plusDays(1), DAY.plusDays(2));

    cached.commit();
    assertThat(commits).containsExactly("partition_date=2026-08-04/verdict.parquet",
        "partition_date=2026-08-04/profile.parquet");
    assertThat(parquet.loadDay("orders", DAY.plusDays(3))).containsExactly(rows(DAY.plusDays(3), 113), verdict);
    cached.commit();
    assertThat(commits).hasSize(2);
  }
}
