package io.dqgate.testing;

import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One small local SparkSession for the whole test JVM: local[2], 2 shuffle partitions, UI off, UTC,
 * bound to loopback. Tests receive it as a {@link SparkSession} parameter and never stop it.
 */
public final class SparkExtension implements ParameterResolver {
  private static SparkSession session;

  public static synchronized SparkSession spark() {
    if (session == null) {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      session = SparkSession.builder()
          .appName("dqgate-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return spark();
  }
}
