package io.dqgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.BadConfigException;
import io.dqgate.MissingPartitionException;
import io.dqgate.NoProfileException;
import io.dqgate.Provenance;
import io.dqgate.UnreadableInputException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.detect.Detection;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of failure has its own type; callers decide by type, never by message text. */
@ExtendWith(SparkExtension.class)
class TypedFailuresTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;

  @TempDir
  Path dir;

  private DatasetSpec dataset(Path source) {
    return DqgateConfig.load(null, Map.of("datasets.applications.source.path", source.toString(),
        "datasets.applications.source.format", "csv", "datasets.applications.source.options.header", "true",
        "repository.path", dir.resolve("metrics").toString())).dataset("applications");
  }

  private DayPipeline pipeline(SparkSession spark, DatasetSpec dataset) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Provenance provenance = Provenance.ofBuild("typed", dataset.configSha256());
    return new DayPipeline(dataset, new ParquetMetricsRepository(dir.resolve("metrics").toString(), hadoop,
        provenance), () -> spark, hadoop, provenance);
  }

  @Test
  void aBadConfigValueIsABadConfigException() {
    assertThatThrownBy(() -> DqgateConfig.load(null, Map.of("datasets.x.source.path", "/d",
        "datasets.x.detect.max-findings", "0")))
        .isInstanceOf(BadConfigException.class)
        .hasMessageStartingWith("datasets.x.detect.max-findings: ");
  }

  @Test
  void backfillSkipsMissingDaysButAMissingSourceRootIsAConfigError(SparkSession spark) throws Exception {
    Path feed = dir.resolve("feed").resolve("applications");
    SampleFeedGenerator.builder().days(3).noContamination().rowsPerWeekday(60).build().write(feed);
    // The middle day goes missing.
    try (var files = Files.walk(feed.resolve("dt=" + START.plusDays(1)))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Backfilled backfilled = pipeline(spark, dataset(feed)).backfill(START, START.plusDays(2));
    assertThat(backfilled.days().keySet()).containsExactly(START, START.plusDays(2));
    assertThat(backfilled.missing()).containsExactly(START.plusDays(1));

    assertThatThrownBy(() -> pipeline(spark, dataset(feed)).profile(START.plusDays(1)))
        .isInstanceOf(MissingPartitionException.class)
        .hasMessage("no partition for " + START.plusDays(1) + ": " + feed.resolve("dt=" + START.plusDays(1))
            + " not found");
    Path nowhere = dir.resolve("nowhere");
    assertThatThrownBy(() -> pipeline(spark, dataset(nowhere)).backfill(START, START.plusDays(2)))
        .isInstanceOf(BadConfigException.class)
        .hasMessage("source.path: folder not found: " + nowhere);
    assertThatThrownBy(() -> pipeline(spark, dataset(feed)).backfill(START.plusDays(5), START.plusDays(6)))
        .isInstanceOf(MissingPartitionException.class)
        .hasMessage("no partition between " + START.plusDays(5) + " and " + START.plusDays(6) + " in " + feed);
  }

  @Test
  void judgingADayWithoutAProfileIsANoProfileException() {
    ParquetMetricsRepository repository = new ParquetMetricsRepository(dir.resolve("metrics").toString(),
        new Configuration());
    assertThatThrownBy(() -> new Detection(repository).judge(dataset(dir), START))
        .isInstanceOf(NoProfileException.class)
        .hasMessage("no profile of applications on " + START + " in " + repository.location()
            + ": run profile first");
  }

  @Test
  void aCorruptOwnerFileIsUnreadableInputNamingTheFile() throws Exception {
    Path day = Files.createDirectories(dir.resolve("metrics").resolve("dataset=applications")
        .resolve("partition_date=" + START));
    Files.writeString(day.resolve("label.parquet"), "not parquet at all");
    ParquetMetricsRepository repository = new ParquetMetricsRepository(dir.resolve("metrics").toString(),
        new Configuration());
    assertThatThrownBy(() -> repository.loadDay("applications", START))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageStartingWith("repository " + repository.location() + ": cannot read " + repository.location()
            + "/dataset=applications/partition_date=" + START + "/label.parquet: ");
  }
}
