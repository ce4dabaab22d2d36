package io.dqgate.config;

import java.util.Map;
import java.util.Set;

/** The Spark session dqgate creates when it is not launched by spark-submit. */
public record SparkSpec(String master, Map<String, String> conf) {
  static final Set<String> KEYS = Set.of("master", "conf");

  public SparkSpec {
    conf = Map.copyOf(conf);
  }

  static SparkSpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    return new SparkSpec(r.string("master"), r.stringMap("conf"));
  }
}
