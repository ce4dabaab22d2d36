package io.dqgate.config;

import java.util.Map;
import java.util.Set;

/**
 * The Spark session dqgate uses. {@code conf} is applied always; {@code localConf} only when dqgate starts
 * Spark itself (local mode), since binding to loopback or turning the UI off is wrong on a cluster.
 */
public record SparkSpec(String master, Map<String, String> conf, Map<String, String> localConf) {
  static final Set<String> KEYS = Set.of("master", "conf", "local-conf");

  public SparkSpec {
    conf = Map.copyOf(conf);
    localConf = Map.copyOf(localConf);
  }

  static SparkSpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    return new SparkSpec(r.string("master"), r.stringMap("conf"), r.stringMap("local-conf"));
  }
}
