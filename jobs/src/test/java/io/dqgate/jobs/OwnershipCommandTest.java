package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.detect.JudgedHistory;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Labels and verdicts of a day survive profile, backfill and run of that day. */
@ExtendWith(SparkExtension.class)
class OwnershipCommandTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  private static final LocalDate BAD = START.plusDays(15);
  private static final LocalDate GOOD = START.plusDays(14);

  @TempDir
  Path dir;

  @Test
  void labelsAndVerdictsSurviveProfileBackfillAndRunAndABlockedDayStaysOutOfBaselinesUntilAccepted()
      throws Exception {
    Path feed = dir.resolve("feed").resolve("applications");
    SampleFeedGenerator.builder().days(16).contaminatedDay(15).rowsPerWeekday(300).build().write(feed);
    Path repo = dir.resolve("repo");
    String[] dataset = {"--conf", "../conf/application.conf", "--dataset", "applications",
        "--set", "datasets.applications.source.path=" + feed, "--repository", repo.toString(),
        "--set", "datasets.applications.gate.publish-to=" + dir.resolve("store"),
        "--set", "datasets.applications.gate.quarantine-to=" + dir.resolve("quarantine")};
    ok(run(dataset, "backfill", "--from", START.toString(), "--to", BAD.toString()));
    assertThat(run(dataset, "detect", "--date", BAD.toString()).code()).isEqualTo(Main.BLOCKED);
    ok(run(dataset, "detect", "--date", GOOD.toString()));
    ok(run(dataset, "label", "--date", GOOD.toString(), "--as", "rejected"));
    assertThat(stored(repo, BAD, MetricNames.VERDICT_STATUS)).contains(MetricNames.STATUS_BLOCK);
    assertThat(stored(repo, GOOD, MetricNames.LABEL)).contains(MetricNames.LABEL_REJECTED);
    assertThat(excluded(repo, BAD)).isTrue();

    ok(run(dataset, "profile", "--date", BAD.toString()));
    ok(run(dataset, "profile", "--date", GOOD.toString()));
    assertThat(stored(repo, BAD, MetricNames.VERDICT_STATUS)).contains(MetricNames.STATUS_BLOCK);
    assertThat(stored(repo, GOOD, MetricNames.LABEL)).contains(MetricNames.LABEL_REJECTED);
    assertThat(stored(repo, GOOD, MetricNames.VERDICT_STATUS)).isPresent();
    assertThat(excluded(repo, BAD)).as("a re-profiled blocked day stays out of baselines").isTrue();

    ok(run(dataset, "backfill", "--from", START.toString(), "--to", BAD.toString()));
    assertThat(stored(repo, BAD, MetricNames.VERDICT_STATUS)).contains(MetricNames.STATUS_BLOCK);
    assertThat(stored(repo, GOOD, MetricNames.LABEL)).contains(MetricNames.LABEL_REJECTED);
    assertThat(excluded(repo, BAD)).as("a backfilled blocked day stays out of baselines").isTrue();

    ok(run(dataset, "label", "--date", BAD.toString(), "--as", "accepted"));
    assertThat(excluded(repo, BAD)).isFalse();
    ok(run(dataset, "profile", "--date", BAD.toString()));
    ok(run(dataset, "backfill", "--from", BAD.toString(), "--to", BAD.toString()));
    assertThat(run(dataset, "run", "--date", BAD.toString()).code()).isEqualTo(Main.BLOCKED);
    Path verdictJson = dir.resolve("good.json");
    ok(run(dataset, "run", "--date", GOOD.toString(), "--verdict-json", verdictJson.toString()));
    assertThat(stored(repo, BAD, MetricNames.LABEL)).as("an accepted day stays accepted")
        .contains(MetricNames.LABEL_ACCEPTED);
    assertThat(stored(repo, BAD, MetricNames.VERDICT_STATUS)).contains(MetricNames.STATUS_BLOCK);
    assertThat(stored(repo, GOOD, MetricNames.LABEL)).contains(MetricNames.LABEL_REJECTED);
    assertThat(excluded(repo, BAD)).isFalse();
    assertThat(excluded(repo, GOOD)).isTrue();

    // The published version names the run, build and config that judged it; so do the stored files.
    JsonNode provenance = new ObjectMapper().readTree(verdictJson.toFile()).get("provenance");
    String runId = provenance.get("run_id").asText();
    String sha = provenance.get("config_sha256").asText();
    assertThat(provenance.get("dqgate_version").asText()).isEqualTo(Provenance.buildVersion());
    assertThat(provenance.get("dqgate_commit").asText()).isEqualTo(Provenance.buildCommit());
    assertThat(sha).isEqualTo(DqgateConfig.load(Path.of("../conf/application.conf").toFile(), Map.of(
        "datasets.applications.source.path", feed.toString(),
        "datasets.applications.gate.publish-to", dir.resolve("store").toString(),
        "datasets.applications.gate.quarantine-to", dir.resolve("quarantine").toString()))
        .dataset("applications").configSha256());
    CommandLineTest.Result history = run(dataset, "history", "--date", GOOD.toString());
    ok(history);
    assertThat(history.out().lines().skip(1).findFirst().orElseThrow()).endsWith("  run " + runId + ", dqgate "
        + Provenance.buildVersion() + " (commit " + abbreviate(Provenance.buildCommit()) + "), config "
        + sha.substring(0, 12));
    Provenance stamp = new Provenance(runId, Provenance.buildVersion(), Provenance.buildCommit(), sha);
    assertThat(new ParquetMetricsRepository(repo.toString(), new Configuration()).provenance("applications", GOOD))
        .containsExactly(
            Map.entry(RecordOwner.FILES, stamp),
            Map.entry(RecordOwner.PROFILE, stamp),
            Map.entry(RecordOwner.VERDICT, stamp),
            Map.entry(RecordOwner.LABEL, new Provenance(labelRun(repo), Provenance.buildVersion(),
                Provenance.buildCommit(), sha)),
            Map.entry(RecordOwner.CALIBRATION, stamp));
  }

  private static String labelRun(Path repo) {
    return new ParquetMetricsRepository(repo.toString(), new Configuration()).loadDay("applications", GOOD).stream()
        .filter(m -> m.metric().equals(MetricNames.LABEL)).map(MetricRecord::runId).findFirst().orElseThrow();
  }

  private static String abbreviate(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static Optional<Double> stored(Path repo, LocalDate day, String metric) {
    return new ParquetMetricsRepository(repo.toString(), new Configuration()).loadDay("applications", day).stream()
        .filter(m -> m.metric().equals(metric)).map(MetricRecord::value).findFirst();
  }

  private boolean excluded(Path repo, LocalDate day) {
    DatasetSpec spec = DqgateConfig.load(Path.of("../conf/application.conf").toFile(),
        Map.of("repository.path", repo.toString())).dataset("applications");
    return JudgedHistory.load(new ParquetMetricsRepository(repo.toString(), new Configuration()), spec,
        BAD.plusDays(1), 20).excluded(day);
  }

  private static void ok(CommandLineTest.Result result) {
    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(Main.OK);
  }

  private static CommandLineTest.Result run(String[] dataset, String... command) {
    String[] args = java.util.Arrays.copyOf(command, command.length + dataset.length);
    System.arraycopy(dataset, 0, args, command.length, dataset.length);
    return CommandLineTest.run(args);
  }
}
