package io.dqgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.BadConfigException;
import io.dqgate.DqgateException;
import io.dqgate.MissingPartitionException;
import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.gate.GateMarker;
import io.dqgate.gate.GateResult;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The day's steps on the sample feed: what each stores, what a failing step leaves, provenance everywhere. */
@ExtendWith(SparkExtension.class)
class DayPipelineTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  private static final LocalDate CLEAN = START.plusDays(2);
  private static final LocalDate BAD = START.plusDays(3);

  @TempDir
  Path dir;
  Path feed;
  Path metrics;

  @BeforeEach
  void feed() {
    feed = dir.resolve("landing").resolve("applications");
    metrics = dir.resolve("metrics");
    SampleFeedGenerator.builder().days(4).contaminatedDay(BAD).rowsPerWeekday(150).build().write(feed);
  }

  private DatasetSpec dataset(Map<String, String> extra) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("datasets.applications.source.path", feed.toString());
    overrides.put("repository.path", metrics.toString());
    overrides.putAll(extra);
    return DqgateConfig.load(Path.of("../conf/application.conf").toFile(), overrides).dataset("applications");
  }

  private DayPipeline pipeline(SparkSession spark, DatasetSpec dataset, Provenance provenance) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return new DayPipeline(dataset, new ParquetMetricsRepository(metrics.toString(), hadoop, provenance),
        () -> spark, hadoop, provenance);
  }

  @Test
  void aRunFailingAtTheGateLeavesItsFileChecksProfileAndVerdictStoredAndPublishesNothing(SparkSession spark)
      throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    DatasetSpec dataset = dataset(Map.of(
        "datasets.applications.gate.publish-to", notAFolder.resolve("store").toString(),
        "datasets.applications.gate.quarantine-to", dir.resolve("quarantine").toString()));
    Provenance history = new Provenance("history", "0.1.0", "c0ffee", dataset.configSha256());
    pipeline(spark, dataset, history).backfill(START, START.plusDays(1));
    Provenance failing = new Provenance("failing-run", "0.1.0", "c0ffee", dataset.configSha256());
    List<Verdict> shown = new ArrayList<>();

    assertThatThrownBy(() -> pipeline(spark, dataset, failing).run(CLEAN, shown::add))
        .isInstanceOf(DqgateException.class)
        .hasMessageStartingWith("gate: cannot write to file:" + notAFolder.resolve("store"));

    ParquetMetricsRepository repository = new ParquetMetricsRepository(metrics.toString(), new Configuration());
    assertThat(repository.provenance("applications", CLEAN)).containsExactly(
        Map.entry(RecordOwner.FILES, failing), Map.entry(RecordOwner.PROFILE, failing),
        Map.entry(RecordOwner.VERDICT, failing), Map.entry(RecordOwner.CALIBRATION, failing));
    // detect replayed the backfilled day for its calibration: that record is the failing run's
    assertThat(repository.provenance("applications", START)).containsExactly(Map.entry(RecordOwner.PROFILE, history),
        Map.entry(RecordOwner.CALIBRATION, failing));
    Verdict stored = pipeline(spark, dataset, failing).storedVerdict(CLEAN).orElseThrow();
    assertThat(stored.provenance()).isEqualTo(failing);
    assertThat(shown).hasSize(1);
    assertThat(shown.get(0).toJson()).isEqualTo(stored.toJson());
    assertThat(dir.resolve("quarantine")).doesNotExist();
  }

  @Test
  void aRunFailingAtProfileLeavesItsFileChecksAndTheDaysEarlierProfileAndVerdict(SparkSession spark) {
    DatasetSpec dataset = dataset(Map.of(
        "datasets.applications.gate.publish-to", dir.resolve("store").toString(),
        "datasets.applications.gate.quarantine-to", dir.resolve("quarantine").toString()));
    Provenance first = new Provenance("first", "0.1.0", "c0ffee", dataset.configSha256());
    pipeline(spark, dataset, first).backfill(START, START.plusDays(1));
    pipeline(spark, dataset, first).run(CLEAN, v -> {});
    Provenance second = new Provenance("second", "0.1.0", "c0ffee", dataset.configSha256());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    ParquetMetricsRepository failingProfile = new ParquetMetricsRepository(metrics.toString(), hadoop, second,
        (staged, target) -> {
          if (target.getName().equals("profile.parquet")) {
            throw new java.io.IOException("disk full");
          }
        });

    assertThatThrownBy(() -> new DayPipeline(dataset, failingProfile, () -> spark, hadoop, second).run(CLEAN, v -> {}))
        .isInstanceOf(DqgateException.class)
        .hasMessage("repository " + failingProfile.location() + ": cannot write profile of applications@" + CLEAN
            + ": disk full");

    assertThat(new ParquetMetricsRepository(metrics.toString(), new Configuration()).provenance("applications", CLEAN))
        .containsExactly(Map.entry(RecordOwner.FILES, second), Map.entry(RecordOwner.PROFILE, first),
            Map.entry(RecordOwner.VERDICT, first), Map.entry(RecordOwner.CALIBRATION, first));
  }

  @Test
  void aRunWithoutAPublishLocationFailsBeforeAnyStepAndAMissingPartitionBeforeProfiling(SparkSession spark) {
    DatasetSpec unpublished = dataset(Map.of());
    assertThatThrownBy(() -> pipeline(spark, unpublished, Provenance.ofBuild("r", "x")).run(CLEAN, v -> {}))
        .isInstanceOf(BadConfigException.class)
        .hasMessage("datasets.applications.gate.publish-to: not set (or --publish-to DIR): the feature-store "
            + "location is needed to publish");
    assertThat(metrics).doesNotExist();

    DatasetSpec dataset = dataset(Map.of("datasets.applications.gate.publish-to", dir.resolve("store").toString()));
    LocalDate noData = START.plusDays(10);
    assertThatThrownBy(() -> pipeline(spark, dataset, Provenance.ofBuild("r", "x")).run(noData, v -> {}))
        .isInstanceOf(MissingPartitionException.class)
        .hasMessage("no files in " + feed.resolve("dt=" + noData) + ": nothing to gate");
    ParquetMetricsRepository repository = new ParquetMetricsRepository(metrics.toString(), new Configuration());
    assertThat(repository.provenance("applications", noData)).containsOnlyKeys(RecordOwner.FILES);
  }

  @Test
  void aPublishedDayCarriesTheRunsProvenanceInItsVerdictAndMarker(SparkSession spark) throws Exception {
    DatasetSpec dataset = dataset(Map.of(
        "datasets.applications.gate.publish-to", dir.resolve("store").toString(),
        "datasets.applications.gate.quarantine-to", dir.resolve("quarantine").toString()));
    pipeline(spark, dataset, new Provenance("history", "v", "c", "s")).backfill(START, START.plusDays(1));
    Provenance run = new Provenance("run-7", "0.1.0", "0123456789abcdef", dataset.configSha256());

    DayRun day = pipeline(spark, dataset, run).run(CLEAN, v -> {});

    assertThat(day.verdict().status()).isNotEqualTo(Status.BLOCK);
    assertThat(day.verdict().provenance()).isEqualTo(run);
    assertThat(day.gated()).map(GateResult::action).contains(GateResult.Action.PUBLISHED);
    JsonNode marker = new ObjectMapper().readTree(
        dir.resolve("store").resolve("dt=" + CLEAN).resolve(GateMarker.FILE_NAME).toFile());
    assertThat(marker.get("run_id").asText()).isEqualTo("run-7");
    assertThat(marker.get("provenance").get("run_id").asText()).isEqualTo("run-7");
    assertThat(marker.get("provenance").get("dqgate_version").asText()).isEqualTo("0.1.0");
    assertThat(marker.get("provenance").get("dqgate_commit").asText()).isEqualTo("0123456789abcdef");
    assertThat(marker.get("provenance").get("config_sha256").asText()).isEqualTo(dataset.configSha256());
    assertThat(marker.get("verdict").get("provenance").get("run_id").asText()).isEqualTo("run-7");
    assertThat(GateMarker.parse(marker.toString(), "marker").provenance()).contains(run);
  }

  @Test
  void fileAndDetectionFindingsAreGroupedByColumnAndCappedOnce(SparkSession spark) throws Exception {
    DatasetSpec wide = dataset(Map.of("datasets.applications.detect.max-findings", "50"));
    DatasetSpec narrow = dataset(Map.of("datasets.applications.detect.max-findings", "3"));
    DayPipeline pipeline = pipeline(spark, wide, new Provenance("r", "v", "c", "s"));
    pipeline.backfill(START, BAD);
    // A file the manifest does not list gives the day a file finding next to detection's.
    Path csv;
    try (var files = Files.list(feed.resolve("dt=" + BAD))) {
      csv = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    Files.copy(csv, feed.resolve("dt=" + BAD).resolve("stray.csv"));
    var files = pipeline.checkFiles(BAD);

    Verdict all = pipeline.judge(BAD, Optional.of(files), true);
    Verdict capped = pipeline(spark, narrow, new Provenance("r", "v", "c", "s")).judge(BAD, Optional.of(files), true);

    assertThat(all.status()).isEqualTo(Status.BLOCK);
    assertThat(all.findings()).extracting(Finding::detector).contains("files", "rules");
    List<String> groups = all.findings().stream()
        .map(f -> f.column() == null ? "(dataset):" + f.detector() : f.column()).toList();
    assertThat(groups).doesNotHaveDuplicates();
    // Grouped once: no finding names "more on this column" twice.
    assertThat(all.findings()).extracting(Finding::message)
        .allMatch(m -> m.indexOf("more on this column") == m.lastIndexOf("more on this column"));
    assertThat(capped.findings()).hasSize(3).containsExactlyElementsOf(all.findings().subList(0, 3));
  }
}
