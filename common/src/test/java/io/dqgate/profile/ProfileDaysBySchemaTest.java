package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Days whose CSV headers differ are profiled in one scan per header, with the metrics of single-day runs. */
@ExtendWith(SparkExtension.class)
class ProfileDaysBySchemaTest {
  static final LocalDate FIRST = LocalDate.of(2026, 8, 1);

  @TempDir
  Path dir;

  @Test
  void daysAreScannedOncePerSchemaWithTheMetricsOfSingleDayRuns(SparkSession spark) throws IOException {
    Path conf = writeDays("columns { kind.kind = categorical }");
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("fx");
    PartitionReader reader = new PartitionReader(spark);
    Map<LocalDate, SourcePartition> partitions = new HashMap<>();
    for (int d = 0; d < 5; d++) {
      partitions.put(FIRST.plusDays(d), reader.read(spec.source(), FIRST.plusDays(d)));
    }

    List<PartitionReader.DayScan> scans =
        reader.readDaysGroupedBySchema(spec.source(), partitions, Profiler.DAY_COLUMN);
    assertThat(scans).extracting(s -> List.copyOf(s.days().keySet())).containsExactly(
        List.of(FIRST, FIRST.plusDays(2), FIRST.plusDays(4)), List.of(FIRST.plusDays(1), FIRST.plusDays(3)));
    assertThat(reader.readDaysInOneScan(spec.source(), partitions, Profiler.DAY_COLUMN)).isEmpty();

    ParquetMetricsRepository repository = new ParquetMetricsRepository(dir.resolve("repo").toString(),
        spark.sparkContext().hadoopConfiguration());
    Instant now = Instant.parse("2026-08-09T00:00:00Z");
    SortedMap<LocalDate, PartitionProfile> batch = new Profiler(repository).profileDays(partitions, spec, "run-1", now);
    for (int d = 0; d < 5; d++) {
      LocalDate day = FIRST.plusDays(d);
      Map<MetricKey, MetricRecord> single = new Profiler(repository)
          .profile(reader.read(spec.source(), day), spec, spec.source().format(), day, "run-1", now).byKey();
      Map<MetricKey, MetricRecord> together = new HashMap<>(batch.get(day).byKey());
      // new values are counted against earlier days of the batch; a lone day has none
      together.keySet().removeIf(k -> k.metric().equals(MetricNames.NEW_VALUE_COUNT));
      assertThat(together.keySet()).as(day.toString()).isEqualTo(single.keySet());
      for (MetricKey k : single.keySet()) {
        double expected = single.get(k).value();
        if (Double.isNaN(expected)) {
          assertThat(together.get(k).value()).as(day + " " + k).isNaN();
        } else {
          assertThat(together.get(k).value()).as(day + " " + k).isCloseTo(expected, within(1e-9));
        }
      }
      String amount = d == 1 || d == 3 ? "amount_eur" : "amount";
      assertThat(together.get(MetricKey.column(amount, MetricNames.MAX)).value()).isEqualTo((19 + d) * (d + 1) + 0.5);
    }
  }

  @Test
  void aConfiguredColumnRenamedOnSomeDaysLeavesThoseDaysWithoutIt(SparkSession spark) throws IOException {
    Path conf = writeDays("columns { kind.kind = categorical, amount.kind = numeric }");
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("fx");
    ParquetMetricsRepository repository = new ParquetMetricsRepository(dir.resolve("repo").toString(),
        spark.sparkContext().hadoopConfiguration());
    Instant now = Instant.parse("2026-08-09T00:00:00Z");
    SortedMap<LocalDate, PartitionProfile> batch = new Profiler(repository).profileDays(partitions(spark, spec),
        spec, "run-1", now);
    for (int d = 0; d < 5; d++) {
      Map<MetricKey, MetricRecord> day = batch.get(FIRST.plusDays(d)).byKey();
      boolean renamed = d == 1 || d == 3;
      assertThat(day.containsKey(MetricKey.column("amount", MetricNames.MAX))).as("day " + d).isEqualTo(!renamed);
      assertThat(day.containsKey(MetricKey.column("amount_eur", MetricNames.MAX))).as("day " + d)
          .isEqualTo(renamed);
    }

    DatasetSpec typo = DqgateConfig.load(writeDays("columns { price.kind = numeric }").toFile(), Map.of())
        .dataset("fx");
    assertThatThrownBy(() -> new Profiler(repository).profileDays(partitions(spark, typo), typo, "run-2", now))
        .hasMessageStartingWith("datasets.fx.columns.price: column not found in ");
  }

  /** Five days of CSV, the second and fourth with {@code amount} renamed; the config path, with {@code columns}. */
  private Path writeDays(String columns) throws IOException {
    for (int d = 0; d < 5; d++) {
      LocalDate day = FIRST.plusDays(d);
      boolean renamed = d == 1 || d == 3;
      StringBuilder csv = new StringBuilder(renamed ? "id,amount_eur,kind\n" : "id,amount,kind\n");
      for (int r = 0; r < 20 + d; r++) {
        csv.append(r % 17).append(',').append(r * (d + 1) + 0.5).append(',').append(r % 3 == 0 ? "a" : "b")
            .append('\n');
      }
      Path partition = dir.resolve("feed").resolve("dt=" + day);
      Files.createDirectories(partition);
      Files.writeString(partition.resolve("part-00000.csv"), csv, StandardCharsets.UTF_8);
    }
    Path conf = dir.resolve("test.conf");
    Files.writeString(conf, "datasets.fx { source.path = \"" + dir.resolve("feed") + "\"\n"
        + "primary-key = [id]\n" + columns + "\n}\n");
    return conf;
  }

  private static Map<LocalDate, SourcePartition> partitions(SparkSession spark, DatasetSpec spec) {
    PartitionReader reader = new PartitionReader(spark);
    Map<LocalDate, SourcePartition> partitions = new HashMap<>();
    for (int d = 0; d < 5; d++) {
      partitions.put(FIRST.plusDays(d), reader.read(spec.source(), FIRST.plusDays(d)));
    }
    return partitions;
  }
}
