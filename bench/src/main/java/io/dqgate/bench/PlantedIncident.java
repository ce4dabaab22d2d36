package io.dqgate.bench;

import java.util.List;

/**
 * The incidents the detection benchmark plants, each with the causes a verdict may name for it (the first
 * is the one the incident is), whatever the feed. {@link FeedInjector} plants them.
 */
public enum PlantedIncident {
  NULL_SPIKE("null-spike"),
  DUPLICATE_ROWS("duplicates"),
  UNIT_CHANGE("unit-change"),
  SEGMENT_UNIT_CHANGE("unit-change"),
  NEW_SPELLINGS("new-values"),
  NEW_VALUES("new-values"),
  FORMAT_CHANGE("format-change"),
  DAY_MONTH_SWAP("format-change"),
  TYPE_CHANGE("type-change"),
  SENTINEL("out-of-range"),
  SCHEMA_CHANGE("schema-change"),
  STALE_COPY("stale-copy"),
  RELATION_BROKEN("relation-broken"),
  ENCODING("encoding"),
  TAMPERED("tampered"),
  TRUNCATION("truncated", "malformed-rows"),
  MALFORMED_ROWS("malformed-rows"),
  SEGMENT_LOSS("volume");

  private final List<String> causes;

  PlantedIncident(String cause, String... alternatives) {
    this.causes = new java.util.ArrayList<>(List.of(cause));
    this.causes.addAll(List.of(alternatives));
  }

  public String cause() {
    return causes.get(0);
  }

  /** Causes that describe the incident correctly. */
  public List<String> causes() {
    return List.copyOf(causes);
  }

  /** Whether the evidence is in the files rather than in a column's values. */
  public boolean inFiles() {
    return this == ENCODING || this == TAMPERED || this == TRUNCATION || this == MALFORMED_ROWS;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
