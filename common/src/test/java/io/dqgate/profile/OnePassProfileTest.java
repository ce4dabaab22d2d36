package io.dqgate.profile;

import io.dqgate.testing.StoredDays;
import static io.dqgate.testing.DataFrames.assertApproximatelyEqual;
import static io.dqgate.testing.DataFrames.metricsTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Days profiled together in one grouped pass (backfill) get the metrics that profiling them one by one, each
 * stored before the next, gives: same keys, same details, values within rounding.
 */
@ExtendWith(SparkExtension.class)
class OnePassProfileTest {
  private static final Instant AT = Instant.parse("2026-08-10T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void daysProfiledInOnePassGetTheMetricsOfDayByDayRuns(SparkSession spark) throws IOException {
    Path feed = dir.resolve("applications");
    SampleFeedGenerator.builder().days(4).rowsPerWeekday(150).contaminatedDay(2).build().write(feed);
    Path conf = dir.resolve("test.conf");
    Files.writeString(conf, """
        datasets.applications {
          source { path = "%s", format = csv, partitioning = "dt={date}", options { escape = "\\"" } }
          primary-key = [application_id]
          target = defaulted
          columns {
            age { kind = numeric, min = 18, max = 120 }
            gender { kind = categorical, domain = [Male, Female, Undeclared] }
            birth_date { kind = date, format = "dd-MM-yyyy" }
          }
        }
        """.formatted(feed));
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("applications");
    PartitionReader reader = new PartitionReader(spark);
    List<LocalDate> days = SampleFeedGenerator.DEFAULT_START.datesUntil(
        SampleFeedGenerator.DEFAULT_START.plusDays(4)).toList();

    ParquetMetricsRepository dayByDayStore = new ParquetMetricsRepository(dir.resolve("one-by-one").toString(),
        spark.sparkContext().hadoopConfiguration());
    Profiler dayByDayProfiler = new Profiler(dayByDayStore);
    List<MetricRecord> dayByDay = new ArrayList<>();
    for (LocalDate day : days) {
      List<MetricRecord> metrics = dayByDayProfiler.profile(reader.read(spec.source(), day), spec,
          spec.source().format(), day, "run-1", AT).metrics();
      StoredDays.write(dayByDayStore, spec.name(), day, metrics);
      dayByDay.addAll(metrics);
    }

    Map<LocalDate, SourcePartition> partitions = new TreeMap<>();
    days.forEach(day -> partitions.put(day, reader.read(spec.source(), day)));
    List<MetricRecord> onePass = new ArrayList<>();
    new Profiler(new ParquetMetricsRepository(dir.resolve("one-pass").toString(),
        spark.sparkContext().hadoopConfiguration()))
        .profileDays(partitions, spec, "run-1", AT).values().forEach(p -> onePass.addAll(p.metrics()));

    assertThat(dayByDay).hasSizeGreaterThan(4 * 50);
    assertApproximatelyEqual(metricsTable(spark, onePass), metricsTable(spark, dayByDay), 1e-9,
        "partition_date", "entity", "instance", "metric");
  }
}
