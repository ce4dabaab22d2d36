package io.dqgate.metrics;

import java.util.Arrays;

/** What a metric describes: the whole partition, one column, or a pair of columns. */
public enum Entity {
  DATASET("dataset"),
  COLUMN("column"),
  COLUMN_PAIR("column-pair"),
  /** One incoming file of the partition (file checks); instance is the file name. */
  FILE("file");

  private final String label;

  Entity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Entity fromLabel(String label) {
    return Arrays.stream(values())
        .filter(e -> e.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown metric entity: " + label));
  }
}
