package io.dqgate.vocabulary;

import io.dqgate.DqgateException;
import java.util.Locale;

/** How much a finding weighs: BLOCK stops the partition, WARN lets it through with a note. */
public enum Severity {
  OFF,
  INFO,
  WARN,
  BLOCK;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String key, String value) {
    for (Severity s : values()) {
      if (s.label().equalsIgnoreCase(value.trim())) {
        return s;
      }
    }
    throw new DqgateException(key + ": must be one of off, info, warn, block, was \"" + value + "\"");
  }
}
