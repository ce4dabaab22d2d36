package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.source.PartitionReader;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan kernel against the Spark-aggregate plan on typed Parquet columns (dates, timestamps, longs,
 * doubles, strings, with nulls), where the kernel reads values as they are stored rather than parsing
 * text: every metric alike, distinct counts equal (one task, so both sketches saw the same hashes).
 */
@ExtendWith(SparkExtension.class)
class KernelTypedColumnsTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 5);
  static final int ROWS = 3000;
  static final Instant FIRST_SEEN = Instant.parse("2026-08-01T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void kernelAndPlanAgreeOnTypedColumns(SparkSession spark) throws IOException {
    StructType schema = new StructType()
        .add("id", DataTypes.LongType)
        .add("shipped", DataTypes.DateType)
        .add("seen_at", DataTypes.TimestampType)
        .add("price", DataTypes.DoubleType)
        .add("qty", DataTypes.LongType)
        .add("mode", DataTypes.StringType);
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    Set<LocalDate> dates = new HashSet<>();
    for (int r = 0; r < ROWS; r++) {
      LocalDate shipped = DAY.minusDays(random.nextInt(1200));
      boolean nullDate = r % 37 == 0;
      if (!nullDate) {
        dates.add(shipped);
      }
      rows.add(RowFactory.create((long) r,
          nullDate ? null : Date.valueOf(shipped),
          r % 41 == 0 ? null : Timestamp.from(FIRST_SEEN.plusSeconds(random.nextInt(500_000))),
          r % 43 == 0 ? null : Math.round(random.nextGaussian() * 1e4) / 100.0,
          (long) random.nextInt(50),
          r % 47 == 0 ? null : "m" + random.nextInt(7)));
    }
    Path feed = dir.resolve("feed");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(feed.resolve("dt=" + DAY).toString());
    String columns = "primary-key = [id]\ncolumns { shipped.kind = date, seen_at.kind = timestamp,"
        + " price.kind = numeric, qty.kind = numeric, mode.kind = categorical }";

    Map<MetricKey, MetricRecord> kernel = profile(spark, dataset(feed, columns));
    Map<MetricKey, MetricRecord> plan = profile(spark, dataset(feed, columns + "\nprofile.scan = plan"));

    assertThat(kernel.get(MetricKey.column("shipped", MetricNames.DISTINCT_COUNT_APPROX)).value())
        .isCloseTo(dates.size(), within(0.02 * 3 * dates.size()));
    assertThat(kernel.keySet()).isEqualTo(plan.keySet());
    Set<String> quantiles = Set.of(MetricNames.QUANTILES, MetricNames.P25, MetricNames.MEDIAN, MetricNames.P75,
        MetricNames.IQR);
    int compared = 0;
    for (MetricKey k : kernel.keySet()) {
      if (quantiles.contains(k.metric())) {
        continue; // price has more values than the KLL sketch keeps exactly: its quantiles differ within the bound
      }
      double expected = plan.get(k).value();
      double actual = kernel.get(k).value();
      if (Double.isNaN(expected)) {
        assertThat(actual).as(k.toString()).isNaN();
      } else {
        assertThat(actual).as(k.toString()).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
      if (!k.metric().equals(MetricNames.DUPLICATE_KEY_COUNT)) {
        assertThat(kernel.get(k).detail()).as(k.toString()).isEqualTo(plan.get(k).detail());
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(30);
  }

  private DatasetSpec dataset(Path feed, String extra) throws IOException {
    Path conf = dir.resolve("typed.conf");
    Files.writeString(conf,
        "datasets.typed { source { path = \"" + feed + "\", format = parquet }\n" + extra + "\n}\n");
    return DqgateConfig.load(conf.toFile(), Map.of()).dataset("typed");
  }

  private Map<MetricKey, MetricRecord> profile(SparkSession spark, DatasetSpec spec) {
    var repository = new ParquetMetricsRepository(dir.resolve("repo-" + spec.profile().scan()).toString(),
        spark.sparkContext().hadoopConfiguration());
    var partition = new PartitionReader(spark).read(spec.source(), DAY);
    return new Profiler(repository)
        .profile(partition, spec, spec.source().format(), DAY, "run-1", Instant.parse("2026-08-06T00:00:00Z"))
        .byKey();
  }
}
