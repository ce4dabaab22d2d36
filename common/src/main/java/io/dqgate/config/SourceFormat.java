package io.dqgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** File formats dqgate reads. Text formats keep every value as its raw string. */
public enum SourceFormat {
  CSV(true),
  TSV(true),
  JSON(true),
  PARQUET(false),
  ORC(false);

  private final boolean text;

  SourceFormat(boolean text) {
    this.text = text;
  }

  /** True for line-oriented text files (CSV, TSV, JSON lines). */
  public boolean isText() {
    return text;
  }

  /** True when every column arrives as a string and types must be inferred. */
  public boolean isUntyped() {
    return this == CSV || this == TSV;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String choices() {
    return Arrays.stream(values()).map(SourceFormat::label).collect(Collectors.joining(", "));
  }

  static SourceFormat parse(String key, String value) {
    for (SourceFormat f : values()) {
      if (f.label().equalsIgnoreCase(value.trim())) {
        return f;
      }
    }
    throw ConfigReader.error(key, "must be one of " + choices() + ", was \"" + value + "\"");
  }
}
