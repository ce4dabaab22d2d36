package io.dqgate.config;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a HOCON text to a file in a test's folder and loads it, for the config tests. */
final class ConfigFiles {
  static final String APPLICATIONS = "datasets.applications.source.path = \"/data/applications\"\n";

  private final Path dir;

  ConfigFiles(Path dir) {
    this.dir = dir;
  }

  File write(String hocon) {
    Path file = dir.resolve("application.conf");
    try {
      Files.writeString(file, hocon);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toFile();
  }

  DqgateConfig load(String hocon) {
    return load(hocon, Map.of());
  }

  DqgateConfig load(String hocon, Map<String, String> overrides) {
    return DqgateConfig.load(write(hocon), overrides);
  }
}
