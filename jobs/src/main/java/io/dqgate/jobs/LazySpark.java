package io.dqgate.jobs;

import io.dqgate.config.SparkSpec;
import io.dqgate.pipeline.HadoopSettings;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * A SparkSession started only if a command turns out to need one (gating files needs none; gating as
 * Parquet does). Without a session the Hadoop settings are the ones Spark would apply
 * ({@link HadoopSettings}), so a cluster's file-system credentials reach the command either way.
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

  /** The session if a step has started it already. */
  synchronized Optional<SparkSession> started() {
    return job == null ? Optional.empty() : Optional.of(job.session());
  }

  /** The job's Hadoop configuration: the session's once started, the same settings without Spark before. */
  synchronized Configuration hadoopConf() {
    return job != null ? HadoopSettings.of(spec, job.session()) : HadoopSettings.of(spec);
  }

  @Override
  public synchronized void close() {
    if (job != null) {
      job.close();
    }
  }
}
