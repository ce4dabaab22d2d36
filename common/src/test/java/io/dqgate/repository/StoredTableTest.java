package io.dqgate.repository;

import io.dqgate.testing.StoredDays;
import static io.dqgate.testing.DataFrames.assertSameRows;
import static io.dqgate.testing.DataFrames.metricsTable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.testing.DataFrames;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The table plain Spark reads from the repository's folder holds exactly the records of the last writes. */
class StoredTableTest extends RepositoryTestBase {

  private Dataset<Row> table(SparkSession spark) {
    String[] columns = DataFrames.METRICS_TABLE.fieldNames();
    return spark.read().parquet(root.toString()).selectExpr(columns);
  }

  @Test
  void afterReplacesAndOwnedWritesTheTableIsTheLastRecordsOfEveryDay(SparkSession spark) {
    List<MetricRecord> ordersMar1 = sampleDay(ORDERS, MAR_1, "run-1", 5);
    StoredDays.write(repo, ORDERS, MAR_1, ordersMar1);
    StoredDays.write(repo, ORDERS, MAR_2, sampleDay(ORDERS, MAR_2, "run-1", 4));
    List<MetricRecord> ordersMar2 = sampleDay(ORDERS, MAR_2, "run-2", 2);
    StoredDays.write(repo, ORDERS, MAR_2, ordersMar2);
    List<MetricRecord> customersMar1 = List.of(
        record(CUSTOMERS, MAR_1, "run-1", AT, Entity.DATASET, "*", MetricNames.ROW_COUNT, 10.0, null),
        record(CUSTOMERS, MAR_1, "run-1", AT, Entity.COLUMN, "age", MetricNames.MEAN, Double.NaN, null));
    StoredDays.write(repo, CUSTOMERS, MAR_1, customersMar1);
    MetricRecord label = record(ORDERS, MAR_1, "label-1", AT, Entity.DATASET, "*", MetricNames.LABEL, 1.0,
        "accepted");
    repo.replaceOwned(RecordOwner.LABEL, ORDERS, MAR_1, List.of(label));

    List<MetricRecord> expected = new ArrayList<>(ordersMar1);
    expected.add(label);
    expected.addAll(ordersMar2);
    expected.addAll(customersMar1);
    assertSameRows(table(spark), metricsTable(spark, expected));
  }

  @Test
  void aRowTheExpectationLacksIsNamedWithItsCounts(SparkSession spark) {
    MetricRecord kept = record(ORDERS, MAR_1, "run-1", AT, Entity.DATASET, "*", MetricNames.ROW_COUNT, 7.0, null);
    MetricRecord extra = record(ORDERS, MAR_1, "run-1", AT, Entity.COLUMN, "amount", MetricNames.MEAN, 2.5, "{}");
    StoredDays.write(repo, ORDERS, MAR_1, List.of(kept, extra));

    assertThatThrownBy(() -> assertSameRows(table(spark), metricsTable(spark, List.of(kept))))
        .isInstanceOf(AssertionError.class)
        .hasMessage("row [orders,2024-03-01,run-1,2024-03-02 06:15:30.123456,column,amount,mean,2.5,{}] "
            + "expected 0 time(s), found 1");
  }
}
