package io.dqgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a column is profiled. Inferred from the data when the config does not say. */
public enum ColumnKind {
  /** An identifier: nulls and distinct counts, no value statistics. */
  ID,
  NUMERIC,
  CATEGORICAL,
  /** A date, possibly stored as a string in a given format. */
  DATE,
  /** A timestamp, possibly stored as a string in a given format. */
  TIMESTAMP,
  /** Free text: nulls, empty strings, distinct counts. */
  TEXT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTemporal() {
    return this == DATE || this == TIMESTAMP;
  }

  static ColumnKind parse(String key, String value) {
    for (ColumnKind k : values()) {
      if (k.label().equalsIgnoreCase(value.trim())) {
        return k;
      }
    }
    throw ConfigReader.error(key, "must be one of "
        + Arrays.stream(values()).map(ColumnKind::label).collect(Collectors.joining(", "))
        + ", was \"" + value + "\"");
  }
}
