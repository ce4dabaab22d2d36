package io.dqgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.holdenkarau.spark.testing.DataFrameSuiteBase$;
import com.holdenkarau.spark.testing.JavaRDDComparisons;
import io.dqgate.metrics.MetricRecord;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple3;

/**
 * DataFrame comparisons for JUnit 5 tests, done by spark-testing-base: {@code compareRDD} for equal rows in
 * any order (a multiset comparison run by Spark), {@code approxEquals} for rows whose doubles may differ in
 * the last bits.
 */
public final class DataFrames {
  /** The metrics repository's table as {@code spark.read.parquet(root)} shows it. */
  public static final StructType METRICS_TABLE = new StructType()
      .add("dataset", DataTypes.StringType)
      .add("partition_date", DataTypes.DateType)
      .add("run_id", DataTypes.StringType)
      .add("computed_at", DataTypes.TimestampType)
      .add("entity", DataTypes.StringType)
      .add("instance", DataTypes.StringType)
      .add("metric", DataTypes.StringType)
      .add("value", DataTypes.DoubleType)
      .add("detail", DataTypes.StringType);

  private DataFrames() {}

  /** Records as rows of {@link #METRICS_TABLE}; a NaN value becomes null, as the table stores it. */
  public static Dataset<Row> metricsTable(SparkSession spark, Collection<MetricRecord> records) {
    List<Row> rows = new ArrayList<>();
    for (MetricRecord r : records) {
      rows.add(RowFactory.create(r.dataset(), Date.valueOf(r.partitionDate()), r.runId(),
          Timestamp.from(r.computedAt()), r.entity().label(), r.instance(), r.metric(),
          Double.isNaN(r.value()) ? null : r.value(), r.detail()));
    }
    return spark.createDataFrame(rows, METRICS_TABLE);
  }

  /**
   * Both frames hold the same columns and the same rows, each as often, in any order; a failure names the
   * first row that one side holds more often than the other.
   */
  public static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected) {
    assertThat(actual.schema().fieldNames()).containsExactly(expected.schema().fieldNames());
    Option<Tuple3<Row, Integer, Integer>> difference =
        JavaRDDComparisons.compareRDD(expected.javaRDD(), actual.javaRDD());
    if (difference.isDefined()) {
      Tuple3<Row, Integer, Integer> d = difference.get();
      throw new AssertionError("row " + d._1() + " expected " + d._2() + " time(s), found " + d._3());
    }
  }

  /**
   * Both frames hold the same rows when sorted by {@code orderBy}, doubles within {@code tolerance};
   * a failure names the first pair that differs.
   */
  public static void assertApproximatelyEqual(Dataset<Row> actual, Dataset<Row> expected, double tolerance,
      String... orderBy) {
    assertThat(actual.schema().fieldNames()).containsExactly(expected.schema().fieldNames());
    List<Row> a = sorted(actual, orderBy);
    List<Row> e = sorted(expected, orderBy);
    assertThat(a).as("rows").hasSameSizeAs(e);
    for (int i = 0; i < a.size(); i++) {
      if (!DataFrameSuiteBase$.MODULE$.approxEquals(e.get(i), a.get(i), tolerance)) {
        throw new AssertionError("row " + i + " by " + Arrays.toString(orderBy) + ": expected " + e.get(i)
            + ", found " + a.get(i) + " (tolerance " + tolerance + ")");
      }
    }
  }

  private static List<Row> sorted(Dataset<Row> frame, String... orderBy) {
    String first = orderBy[0];
    String[] rest = Arrays.copyOfRange(orderBy, 1, orderBy.length);
    return frame.orderBy(first, rest).collectAsList();
  }
}
