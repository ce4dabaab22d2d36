package io.dqgate.source;

import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One day's rows as Spark reads them, and where they came from (for messages). The rows are planned on
 * first use: planning a CSV partition reads its header with a Spark job, which a backfill that scans
 * many days together never needs per day.
 */
public final class SourcePartition {
  private final Supplier<Dataset<Row>> plan;
  private final String location;
  private Dataset<Row> rows;

  public SourcePartition(Dataset<Row> rows, String location) {
    this.rows = rows;
    this.plan = () -> rows;
    this.location = location;
  }

  SourcePartition(Supplier<Dataset<Row>> plan, String location) {
    this.plan = plan;
    this.location = location;
  }

  public synchronized Dataset<Row> rows() {
    if (rows == null) {
      rows = plan.get();
    }
    return rows;
  }

  public String location() {
    return location;
  }
}
