package io.dqgate.suggest;

import java.util.List;

/** The settings suggested for one column, in the order they are written. */
public record ColumnSuggestion(String column, List<Setting> settings) {
  public ColumnSuggestion {
    settings = List.copyOf(settings);
  }
}
