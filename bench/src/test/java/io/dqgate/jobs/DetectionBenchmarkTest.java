package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Status;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection benchmark at small scale on two feeds of different shape (a synthetic feed and TPC-H
 * orders): rates over all their days, not single days; and on a table of one's own.
 */
@ExtendWith(SparkExtension.class)
class DetectionBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void twoFeedsRates() {
    List<String> argv = List.of("--out", dir.toString(), "--feeds", "shaped-5,orders", "--days", "34", "--warmup",
        "16", "--min-rows", "300", "--max-rows", "600", "--tpch-sf", "0.3", "--incidents",
        "null-spike,unit-change,new-values,duplicate-rows,sentinel,tampered,stale-copy");
    List<DetectionScore.FeedResult> results = DetectionBenchmarkJob.measure(
        Args.parse("bench-detection", argv, DetectionBenchmarkJob.OPTIONS, Set.of(), Set.of()));
    assertThat(results).extracting(DetectionScore.FeedResult::feed).containsExactly("shaped-5", "orders");
    long incidents = results.stream().mapToLong(r -> r.incidents().size()).sum();
    long rightColumn = results.stream().mapToLong(DetectionScore.FeedResult::blockedRightColumn).sum();
    long rightCause = results.stream().mapToLong(DetectionScore.FeedResult::rightCause).sum();
    long clean = results.stream().mapToLong(r -> r.cleanDays().size()).sum();
    long cleanBlocks = results.stream().mapToLong(r -> r.clean(Status.BLOCK)).sum();
    String report = DetectionScore.markdown(results);
    assertThat(incidents).as(report).isEqualTo(14);
    assertThat(clean).as(report).isEqualTo(2 * (34 - 7 - 7));
    assertThat((double) rightColumn / incidents).as(report).isGreaterThanOrEqualTo(0.9);
    assertThat((double) rightCause / incidents).as(report).isGreaterThanOrEqualTo(0.75);
    assertThat((double) cleanBlocks / clean).as(report).isLessThanOrEqualTo(0.05);
  }

  /**
   * A table of the user's own (Parquet, one timestamp column) is cut into days from its first, planted and
   * judged as the benchmark's own feeds are.
   */
  @Test
  void aTableOfOnesOwn(SparkSession spark) {
    Path table = dir.resolve("sales.parquet");
    sales(spark, LocalDate.of(2024, 2, 1), 30).write().parquet(table.toString());
    List<String> argv = List.of("--out", dir.resolve("out").toString(), "--table", "sales=" + table, "--days", "30",
        "--warmup", "18", "--incidents", "null-spike,unit-change,new-values,duplicate-rows,sentinel,tampered");
    List<DetectionScore.FeedResult> results = DetectionBenchmarkJob.measure(Args.parse("bench-detection", argv,
        DetectionBenchmarkJob.OPTIONS, DetectionBenchmarkJob.REPEATABLE, Set.of()));

    assertThat(results).extracting(DetectionScore.FeedResult::feed).containsExactly("sales");
    DetectionScore.FeedResult sales = results.get(0);
    String report = DetectionScore.markdown(results);
    assertThat(sales.shape()).isEqualTo("the table " + table + " by ordered");
    assertThat(sales.days()).as(report).first().extracting(DetectionScore.Day::date)
        .isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(sales.incidents()).as(report).hasSize(6);
    assertThat(sales.blockedRightColumn()).as(report).isGreaterThanOrEqualTo(5);
    assertThat(sales.cleanDays()).as(report).hasSize(30 - 7 - 6);
    assertThat(sales.clean(Status.BLOCK)).as(report).isZero();
  }

  @Test
  void aTableNamedLikeAFeedOfTheBenchmarksOwnIsRefused() {
    Args args = Args.parse("bench-detection", List.of("--table", "orders=/data/orders.parquet"),
        DetectionBenchmarkJob.OPTIONS, DetectionBenchmarkJob.REPEATABLE, Set.of());
    assertThatThrownBy(() -> DetectionBenchmarkJob.tables(args)).isInstanceOf(DqgateException.class)
        .hasMessage("--table: \"orders\" is a feed of the benchmark's own; name the table otherwise");
    Args dated = Args.parse("bench-detection", List.of("--table", "mine=/data/x.csv", "--table-date", "other=day"),
        DetectionBenchmarkJob.OPTIONS, DetectionBenchmarkJob.REPEATABLE, Set.of());
    assertThatThrownBy(() -> DetectionBenchmarkJob.tables(dated)).isInstanceOf(DqgateException.class)
        .hasMessage("--table-date: no --table named \"other\"");
  }

  /**
   * A shop's sales: 250 to 350 a day, each with its time, its store (four, of fixed shares), an amount
   * (log-normal) and a number of items (1 to 5).
   */
  private static Dataset<Row> sales(SparkSession spark, LocalDate first, int days) {
    Random random = new Random(11);
    String[] stores = {"north", "north", "north", "north", "east", "east", "east", "south", "south", "west"};
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      int n = 250 + random.nextInt(101);
      for (int k = 0; k < n; k++) {
        LocalDateTime at = first.plusDays(d).atStartOfDay().plusSeconds(random.nextInt(86_400));
        rows.add(RowFactory.create(Timestamp.valueOf(at), stores[random.nextInt(stores.length)],
            Math.round(Math.exp(3 + 0.5 * random.nextGaussian()) * 100) / 100.0, 1 + random.nextInt(5)));
      }
    }
    return spark.createDataFrame(rows, new StructType().add("ordered", DataTypes.TimestampType)
        .add("store", DataTypes.StringType).add("amount", DataTypes.DoubleType)
        .add("items", DataTypes.IntegerType));
  }
}
