package io.dqgate.jobs;

import io.dqgate.config.SparkSpec;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * A SparkSession started only if a command turns out to need one (gating files needs none; gating as
 * Parquet does). Under spark-submit it starts for the Hadoop settings as well ({@code spark.hadoop.*}
 * carries a cluster's file-system credentials).
 */
final class LazySpark implements Supplier<SparkSession>, AutoCloseable {
  private final SparkSpec spec;
  private final String appName;
  private SparkSessions.JobSpark job;

  LazySpark(SparkSpec spec, String appName) {
    this.spec = spec;
    this.appName = appName;
  }

  @Override
  public synchronized SparkSession get() {
    if (job == null) {
      job = SparkSessions.open(spec, appName);
    }
    return job.session();
  }

  Configuration hadoopConf() {
    if (job != null || SparkSessions.launchedBySparkSubmit()) {
      return get().sparkContext().hadoopConfiguration();
    }
    return new Configuration();
  }

  @Override
  public synchronized void close() {
    if (job != null) {
      job.close();
    }
  }
}
