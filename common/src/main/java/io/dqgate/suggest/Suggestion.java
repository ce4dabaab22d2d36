package io.dqgate.suggest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What {@code suggest} learnt about a dataset from the clean days of a range. */
public record Suggestion(String dataset, LocalDate from, LocalDate to, CleanDays days, Optional<KeySuggestion> key,
    List<ColumnSuggestion> columns) {
  public Suggestion {
    columns = List.copyOf(columns);
  }
}
