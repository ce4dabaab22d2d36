package io.dqgate.jobs;

import io.dqgate.config.SparkSpec;
import io.dqgate.pipeline.HadoopSettings;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a job. Under spark-submit the master and cluster settings come from
 * spark-submit; otherwise dqgate starts a local Spark with {@code spark.master} and {@code spark.local-conf}.
 */
final class SparkSessions {
  private SparkSessions() {}

  static boolean launchedBySparkSubmit() {
    return HadoopSettings.underSparkSubmit();
  }

  /** A session and whether this job started it (and so must stop it). */
  record JobSpark(SparkSession session, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        session.stop();
      }
    }
  }

  /**
   * Starts the job's session, or joins one already running in this JVM (an embedding application or a
   * test), which is then left running.
   */
  static JobSpark open(SparkSpec spec, String appName) {
    scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      SparkSession spark = existing.get();
      for (Map.Entry<String, String> e : spec.conf().entrySet()) {
        spark.conf().set(e.getKey(), e.getValue());
      }
      return new JobSpark(spark, false);
    }
    return new JobSpark(start(spec, appName), true);
  }

  private static SparkSession start(SparkSpec spec, String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!launchedBySparkSubmit()) {
      builder.master(spec.master());
      for (Map.Entry<String, String> e : spec.localConf().entrySet()) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, String> e : spec.conf().entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    SparkSession spark = builder.getOrCreate();
    // getOrCreate may return an existing session: make the SQL settings hold for it as well.
    for (Map.Entry<String, String> e : spec.conf().entrySet()) {
      spark.conf().set(e.getKey(), e.getValue());
    }
    // Spark's own level is the log configuration's (quiet unless --verbose); this property overrides it.
    String level = System.getProperty("dqgate.spark.log-level");
    if (level != null) {
      spark.sparkContext().setLogLevel(level);
    }
    return spark;
  }
}
