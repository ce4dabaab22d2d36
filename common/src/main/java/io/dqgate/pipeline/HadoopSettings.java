package io.dqgate.pipeline;

import io.dqgate.config.SparkSpec;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The Hadoop configuration a job reads and writes files with. With a SparkSession open it is Spark's own;
 * without one it is built the way Spark builds it: Hadoop's defaults, then every {@code spark.hadoop.*}
 * setting with the prefix dropped — from system properties (where spark-submit puts {@code --conf} and
 * {@code spark-defaults.conf}), from {@code spark.local-conf} when dqgate runs Spark itself, then from
 * {@code spark.conf}. So s3a credentials or an HDFS HA nameservice reach a command that never starts Spark.
 */
public final class HadoopSettings {
  static final String SPARK_HADOOP = "spark.hadoop.";

  private HadoopSettings() {}

  /** Whether spark-submit launched this JVM (it sets {@code spark.master} as a system property). */
  public static boolean underSparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  /** The job's Hadoop configuration when no SparkSession is open. */
  public static Configuration of(SparkSpec spark) {
    Configuration conf = new Configuration();
    overlay(conf, spark);
    return conf;
  }

  /**
   * The job's Hadoop configuration with {@code session} open: the session's, with the config's
   * {@code spark.hadoop.*} settings on top (a session dqgate joined rather than started lacks them).
   */
  public static Configuration of(SparkSpec spark, SparkSession session) {
    Configuration conf = new Configuration(session.sparkContext().hadoopConfiguration());
    overlay(conf, spark);
    return conf;
  }

  private static void overlay(Configuration conf, SparkSpec spark) {
    Properties system = System.getProperties();
    for (String key : system.stringPropertyNames()) {
      apply(conf, key, system.getProperty(key));
    }
    if (!underSparkSubmit()) {
      spark.localConf().forEach((k, v) -> apply(conf, k, v));
    }
    spark.conf().forEach((k, v) -> apply(conf, k, v));
  }

  private static void apply(Configuration conf, String key, String value) {
    if (key.startsWith(SPARK_HADOOP) && key.length() > SPARK_HADOOP.length()) {
      conf.set(key.substring(SPARK_HADOOP.length()), value, "spark.hadoop");
    }
  }
}
