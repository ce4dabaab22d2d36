package io.dqgate.suggest;

import java.util.List;

/**
 * One suggested setting of a column or dataset: its HOCON assignments ({@code min = 10}, {@code max = 98})
 * and the evidence for it, written as a comment above them.
 */
public record Setting(String evidence, List<String> assignments) {
  public Setting {
    assignments = List.copyOf(assignments);
  }

  static Setting of(String evidence, String... assignments) {
    return new Setting(evidence, List.of(assignments));
  }
}
