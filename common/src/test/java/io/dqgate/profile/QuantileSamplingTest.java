package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantile sketches that sample a Parquet day's values (a rank error of 5 % here needs 4,239 values of
 * each column's 81,000 or 90,000): the kernel on column batches (sampled) against the kernel on rows (every
 * value). Every metric but the sampled columns' quantiles and their bound is equal; those quantiles are
 * within the stated bound of the data's, the bound within the configured rank error, the ends the exact
 * min and max. A column of few values and a column of numbers read from text (not sampled) stay exact.
 */
@ExtendWith(SparkExtension.class)
class QuantileSamplingTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 5);
  static final int ROWS = 90_000;

  @TempDir
  Path dir;

  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType)
      .add("big", DataTypes.LongType)
      .add("price", DataTypes.DoubleType)
      .add("small", DataTypes.IntegerType)
      .add("score", DataTypes.StringType);

  @Test
  void sampledQuantilesKeepTheStatedBoundAndEveryOtherMetric(SparkSession spark) throws IOException {
    List<Row> written = rows();
    Path feed = dir.resolve("feed");
    spark.createDataFrame(written, SCHEMA).repartition(3).write().parquet(feed.resolve("dt=" + DAY).toString());
    Path conf = dir.resolve("sampled.conf");
    Files.writeString(conf, "datasets.sampled { source { path = \"" + feed + "\", format = parquet }\n"
        + "primary-key = [id]\nprofile.quantile-rank-error = 0.05\n"
        + "columns { id.kind = id, big.kind = numeric, price.kind = numeric, small.kind = numeric,"
        + " score.kind = numeric }\n}\n");
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("sampled");
    SourcePartition partition = new PartitionReader(spark).read(spec.source(), DAY);
    Dataset<Row> rows = partition.rows().withColumn(Profiler.DAY_COLUMN, functions.lit(DAY.toString()));
    List<ResolvedColumn> columns = ColumnResolver.resolve(partition.rows(), spec, "fixture");
    Optional<String> day = Optional.of(DAY.toString());

    Map<String, Object> sampled = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, true).run(rows, day)
        .scalars().get(DAY.toString());
    Map<String, Object> everyValue = new ScanKernel(columns, spec, ScanKernel.CATEGORY_LIMIT, false).run(rows, day)
        .scalars().get(DAY.toString());

    Map<String, Object> rest = new HashMap<>(sampled);
    Map<String, Object> expected = new HashMap<>(everyValue);
    for (int column : new int[] {1, 2}) {
      double bound = (Double) sampled.get(ScalarPass.alias(column, "qerr"));
      // the sample's part alone is about 0.025 (4,239 values), the sketch's (k for 0.025) at most as much
      assertThat(bound).as("bound " + column).isGreaterThan(0.02).isLessThanOrEqualTo(0.05);
      List<Double> values = new ArrayList<>();
      for (Row r : written) {
        if (!r.isNullAt(column)) {
          values.add(((Number) r.get(column)).doubleValue());
        }
      }
      assertWithinRank(column, asDoubles(sampled.get(ScalarPass.alias(column, "q"))), values, bound);
      for (String what : List.of("q", "qerr")) {
        rest.remove(ScalarPass.alias(column, what));
        expected.remove(ScalarPass.alias(column, what));
      }
    }
    assertThat(rest).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(sampled.get(ScalarPass.alias(3, "qerr"))).isEqualTo(0.0);
    assertThat(sampled.get(ScalarPass.alias(4, "qerr"))).isEqualTo(0.0);
  }

  private static void assertWithinRank(int column, List<Double> quantiles, List<Double> values, double bound) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    assertThat(quantiles.get(0)).isEqualTo(sorted.get(0));
    assertThat(quantiles.get(quantiles.size() - 1)).isEqualTo(sorted.get(n - 1));
    for (int q = 1; q < ScalarPass.QUANTILES.length - 1; q++) {
      double estimate = quantiles.get(q);
      long below = sorted.stream().filter(x -> x < estimate).count();
      long atOrBelow = sorted.stream().filter(x -> x <= estimate).count();
      double wanted = ScalarPass.QUANTILES[q] * n;
      assertThat(Math.max(0, Math.max(below - wanted, wanted - atOrBelow)))
          .as("column " + column + " q" + ScalarPass.QUANTILES[q]).isLessThanOrEqualTo(bound * n + 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Double> asDoubles(Object quantiles) {
    return (List<Double>) quantiles;
  }

  /**
   * Unique ids; big: 90,000 values of a million; price: Gaussian, every tenth null; small: 40 values; score:
   * 1,000 values as text (counted exactly where not sampled; a sampled column's table holds 256).
   */
  private static List<Row> rows() {
    Random random = new Random(3);
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      out.add(RowFactory.create((long) r, (long) random.nextInt(1_000_000),
          r % 10 == 0 ? null : 1_000 + random.nextGaussian() * 50, random.nextInt(40),
          String.valueOf(random.nextInt(1_000))));
    }
    return out;
  }
}
