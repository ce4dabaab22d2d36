package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What used to fail only while a day was being judged or gated fails at load: series strategies and their
 * parameters, NaN and infinite numbers, and publish-as against how the source is partitioned.
 */
class ConfigCheckedWholeTest {
  private static final String APPLICATIONS = ConfigFiles.APPLICATIONS;
  private static final String SERIES = "datasets.applications.detect.series";
  private static final String DEEQU_NAMES = "[deequ-relative-rate-of-change, deequ-absolute-change, "
      + "deequ-simple-threshold, deequ-online-normal, deequ-batch-normal, deequ-holt-winters]";

  @TempDir
  Path dir;

  private DqgateConfig load(String hocon) {
    return new ConfigFiles(dir).load(hocon);
  }

  private void assertLoadFails(String hocon, String message) {
    assertThatThrownBy(() -> load(hocon)).isInstanceOf(DqgateException.class).hasMessage(message);
  }

  @Test
  void unknownStrategyNamesFailWithTheirFullKey() {
    assertLoadFails(APPLICATIONS + SERIES + ".strategy = deequ-arima",
        SERIES + ".strategy: must be auto or one of " + DEEQU_NAMES + ", was \"deequ-arima\"");
    assertLoadFails(APPLICATIONS + SERIES + ".metrics { income.null_fraction = online-normal }",
        SERIES + ".metrics.income.null_fraction: must be auto or one of " + DEEQU_NAMES
            + ", was \"online-normal\"");
    assertLoadFails(APPLICATIONS + "dataset-defaults.detect.series.metrics { row_count = holt-winters }",
        SERIES + ".metrics.row_count: must be auto or one of " + DEEQU_NAMES + ", was \"holt-winters\"");
  }

  @Test
  void parametersAreCheckedAgainstEveryStrategyThatUsesThem() {
    assertLoadFails(APPLICATIONS + SERIES + ".metrics { row_count = deequ-online-normal }\n"
            + SERIES + ".parameters { lower-deviation-factor = -1 }",
        SERIES + ".parameters.lower-deviation-factor: must be >= 0, was -1.0");
    assertLoadFails(APPLICATIONS + SERIES + ".metrics { row_count = deequ-relative-rate-of-change }",
        SERIES + ".metrics.row_count: deequ-relative-rate-of-change needs max-rate-decrease or "
            + "max-rate-increase (or both) in " + SERIES + ".parameters, was {}");
    assertLoadFails(APPLICATIONS + SERIES + ".strategy = deequ-holt-winters\n"
            + SERIES + ".metrics { row_count = deequ-simple-threshold }\n"
            + SERIES + ".parameters { upper-bound = 10 }",
        SERIES + ".parameters.upper-bound: not a parameter of deequ-holt-winters, must be one of "
            + "[min-history], was 10.0");
    assertLoadFails(APPLICATIONS + SERIES + ".metrics { row_count = deequ-absolute-change }\n"
            + SERIES + ".parameters { max-rate-increase = 5, order = 1.5 }",
        SERIES + ".parameters.order: must be a whole number >= 0, was 1.5");
  }

  @Test
  void validStrategiesLoadAsWritten() {
    DetectSpec detect = load(APPLICATIONS + SERIES + ".metrics { income.null_fraction = deequ-online-normal, "
        + "row_count = auto }\n" + SERIES + ".parameters { upper-deviation-factor = 4 }")
        .dataset("applications").detect();
    assertThat(detect.seriesStrategy()).isEqualTo("auto");
    assertThat(detect.seriesStrategyByMetric())
        .isEqualTo(Map.of("income.null_fraction", "deequ-online-normal", "row_count", "auto"));
    assertThat(detect.seriesStrategyParameters()).isEqualTo(Map.of("upper-deviation-factor", 4.0));
  }

  @Test
  void nanAndInfiniteNumbersAreRejectedWithTheirKey() {
    assertLoadFails(APPLICATIONS + SERIES + ".block-score = NaN",
        SERIES + ".block-score: must be a finite number, was \"NaN\"");
    assertLoadFails(APPLICATIONS + SERIES + ".parameters { upper-bound = NaN }",
        SERIES + ".parameters.upper-bound: must be a finite number, was \"NaN\"");
    assertLoadFails(APPLICATIONS + "datasets.applications.columns.age.max = Infinity",
        "datasets.applications.columns.age.max: must be a finite number, was \"Infinity\"");
    assertLoadFails(APPLICATIONS + "datasets.applications.detect.pca.confidence = NaN",
        "datasets.applications.detect.pca.confidence: must be a finite number, was \"NaN\"");
  }

  @Test
  void publishingFilesOfATablePartitionedByColumnFailsAtLoad() {
    String byColumn = "datasets.applications { source { path = \"/data/apps\", format = parquet, "
        + "partition-column = snapshot_date } }\n";
    assertLoadFails(byColumn + "datasets.applications.gate.publish-as = files",
        "datasets.applications.gate.publish-as: files needs a source partitioned by folder, but "
            + "source.partition-column is snapshot_date (publish it as parquet or auto), was \"files\"");
    assertLoadFails(byColumn + "datasets.applications.gate.publish-as = csv",
        "datasets.applications.gate.publish-as: must be auto, files or parquet, was \"csv\"");
    assertThat(load(byColumn).dataset("applications").gate().publishAs()).isEqualTo(GateSpec.PublishFormat.PARQUET);
    assertThat(load(APPLICATIONS).dataset("applications").gate().publishAs())
        .isEqualTo(GateSpec.PublishFormat.FILES);
    assertThat(load(APPLICATIONS + "datasets.applications.gate.publish-as = parquet").dataset("applications")
        .gate().publishAs()).isEqualTo(GateSpec.PublishFormat.PARQUET);
  }
}
