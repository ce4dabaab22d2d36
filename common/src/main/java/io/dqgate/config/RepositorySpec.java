package io.dqgate.config;

import java.util.Set;

/** Where the metrics repository lives: a Hadoop URI or a local path. */
public record RepositorySpec(String path) {
  static final Set<String> KEYS = Set.of("path");

  static RepositorySpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    return new RepositorySpec(r.string("path"));
  }
}
