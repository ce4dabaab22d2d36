package io.dqgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SparkSpec;
import io.dqgate.testing.SparkExtension;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The job's Hadoop settings are the same with and without a SparkSession. */
@ExtendWith(SparkExtension.class)
class HadoopSettingsTest {
  private static final SparkSpec SPEC = new SparkSpec("local[1]",
      Map.of("spark.hadoop.fs.s3a.endpoint", "http://store.example:9000", "spark.sql.session.timeZone", "UTC",
          "spark.hadoop.dfs.client.failover.proxy.provider.ns1", "from-spark-conf"),
      Map.of("spark.hadoop.dfs.replication", "1", "spark.hadoop.dfs.client.failover.proxy.provider.ns1",
          "from-local-conf"));

  @Test
  void sparkHadoopSettingsOfTheConfigAndOfSystemPropertiesReachTheConfigurationWithOrWithoutASession(
      SparkSession spark) {
    System.setProperty("spark.hadoop.dqgate.test.from-system", "yes");
    try {
      Configuration without = HadoopSettings.of(SPEC);
      Configuration with = HadoopSettings.of(SPEC, spark);
      for (Configuration conf : new Configuration[] {without, with}) {
        assertThat(conf.get("fs.s3a.endpoint")).isEqualTo("http://store.example:9000");
        assertThat(conf.get("dfs.replication")).isEqualTo("1");
        // spark.conf wins over spark.local-conf, as it does when dqgate starts Spark.
        assertThat(conf.get("dfs.client.failover.proxy.provider.ns1")).isEqualTo("from-spark-conf");
        assertThat(conf.get("dqgate.test.from-system")).isEqualTo("yes");
        assertThat(conf.get("spark.sql.session.timeZone")).isNull();
        assertThat(conf.get("sql.session.timeZone")).isNull();
      }
      // The session's own configuration is copied, not changed.
      assertThat(spark.sparkContext().hadoopConfiguration().get("dfs.client.failover.proxy.provider.ns1")).isNull();
      assertThat(spark.sparkContext().hadoopConfiguration().get("dqgate.test.from-system")).isNull();
    } finally {
      System.clearProperty("spark.hadoop.dqgate.test.from-system");
    }
  }
}
