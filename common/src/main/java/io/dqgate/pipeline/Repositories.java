package io.dqgate.pipeline;

import io.dqgate.Provenance;
import io.dqgate.config.DqgateConfig;
import io.dqgate.repository.ParquetMetricsRepository;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/** Opens the metrics repository of a config with the job's Hadoop configuration: the one way every command does. */
public final class Repositories {
  private Repositories() {}

  /**
   * The repository at {@code repository.path}, on the session's Hadoop configuration when one is open and on
   * the same settings without Spark otherwise; every write records {@code writer}.
   */
  public static ParquetMetricsRepository open(DqgateConfig config, Optional<SparkSession> session,
      Provenance writer) {
    return new ParquetMetricsRepository(config.repository().path(), hadoop(config, session), writer);
  }

  /** The job's Hadoop configuration: the session's when one is open, else {@link HadoopSettings#of}. */
  public static Configuration hadoop(DqgateConfig config, Optional<SparkSession> session) {
    return session.map(s -> HadoopSettings.of(config.spark(), s)).orElseGet(() -> HadoopSettings.of(config.spark()));
  }
}
