package io.dqgate.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The comparisons hold within the tolerance and name the first pair outside it. */
@ExtendWith(SparkExtension.class)
class DataFramesTest {
  private static final StructType SCHEMA = new StructType()
      .add("metric", DataTypes.StringType).add("value", DataTypes.DoubleType);

  private static Dataset<Row> frame(SparkSession spark, double mean, double max) {
    return spark.createDataFrame(List.of(RowFactory.create("mean", mean), RowFactory.create("max", max)), SCHEMA);
  }

  @Test
  void valuesWithinTheToleranceAreEqualAndOneOutsideIsNamed(SparkSession spark) {
    Dataset<Row> expected = frame(spark, 2.0, 9.0);
    DataFrames.assertApproximatelyEqual(frame(spark, 2.0 + 1e-12, 9.0), expected, 1e-9, "metric");

    assertThatThrownBy(() -> DataFrames.assertApproximatelyEqual(frame(spark, 2.0, 9.5), expected, 1e-9, "metric"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("row 0 by [metric]: expected [max,9.0], found [max,9.5] (tolerance 1.0E-9)");
    assertThatThrownBy(() -> DataFrames.assertSameRows(frame(spark, 2.0, 9.0).union(expected), expected))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith(" expected 1 time(s), found 2");
  }
}
