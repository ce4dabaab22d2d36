package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.bench.FeedInjector.Planted;
import io.dqgate.bench.PlantedIncident;
import io.dqgate.detect.BaselinePolicy;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's reviewer: a clean day that blocked is labelled accepted in the repository and rejoins the
 * baselines; a planted day or a day that did not block is left unlabelled; a run starts with no label an
 * earlier run stored, and the days' other records stay.
 */
class AcceptCleanBlocksTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);

  @TempDir
  Path dir;

  private static Verdict verdict(LocalDate day, Severity severity) {
    return Verdict.of("feed", day, List.of(new Finding("series", "row_count", null, null, 10, 100, 200, 9,
        severity, "row_count 10")));
  }

  private static void store(MetricsRepository repository, LocalDate day, Verdict verdict) {
    repository.replaceOwned(RecordOwner.PROFILE, "feed", day, List.of(new MetricRecord("feed", day, "r",
        Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, 10, null)));
    repository.replaceOwned(RecordOwner.VERDICT, "feed", day, List.of(new MetricRecord("feed", day, "r",
        Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.VERDICT_STATUS,
        verdict.status() == io.dqgate.vocabulary.Status.BLOCK ? MetricNames.STATUS_BLOCK : MetricNames.STATUS_PASS,
        verdict.toJson())));
  }

  @Test
  void aBlockedCleanDayIsAcceptedAndTheNextRunStartsUnlabelled() {
    MetricsRepository repository = new ParquetMetricsRepository(dir.toString(), new Configuration());
    Planted planted = new Planted(PlantedIncident.values()[0], "price", "planted");
    LocalDate clean = START;
    LocalDate incident = START.plusDays(1);
    LocalDate passed = START.plusDays(2);
    Verdict cleanBlock = verdict(clean, Severity.BLOCK);
    store(repository, clean, cleanBlock);
    store(repository, incident, verdict(incident, Severity.BLOCK));
    store(repository, passed, verdict(passed, Severity.INFO));
    assertThat(BaselinePolicy.outright(repository.loadDay("feed", clean)))
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);

    assertThat(DetectionBenchmarkJob.acceptIfClean(repository, clean, null, cleanBlock)).isTrue();
    assertThat(DetectionBenchmarkJob.acceptIfClean(repository, incident, planted,
        verdict(incident, Severity.BLOCK))).isFalse();
    assertThat(DetectionBenchmarkJob.acceptIfClean(repository, passed, null, verdict(passed, Severity.INFO)))
        .isFalse();

    assertThat(labels(repository)).containsExactly(clean);
    assertThat(BaselinePolicy.outright(repository.loadDay("feed", clean)))
        .as("an accepted blocked day rejoins the baselines").isEqualTo(BaselinePolicy.Standing.BASELINE);
    assertThat(BaselinePolicy.outright(repository.loadDay("feed", incident)))
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);

    DetectionBenchmarkJob.clearLabels(repository, "feed", START, START.plusDays(3));
    assertThat(labels(repository)).isEmpty();
    assertThat(BaselinePolicy.outright(repository.loadDay("feed", clean)))
        .isEqualTo(BaselinePolicy.Standing.EXCLUDED);
    assertThat(repository.loadRange("feed", START, START.plusDays(3)))
        .filteredOn(r -> r.metric().equals(MetricNames.ROW_COUNT)).hasSize(3);
  }

  private static List<LocalDate> labels(MetricsRepository repository) {
    return repository.loadRange("feed", START, START.plusDays(3)).stream()
        .filter(r -> r.metric().equals(MetricNames.LABEL)).map(MetricRecord::partitionDate).toList();
  }
}
