package io.dqgate.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One day's rows as Spark reads them, and where they came from (for messages). */
public record SourcePartition(Dataset<Row> rows, String location) {}
