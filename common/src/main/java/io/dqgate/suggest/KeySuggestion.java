package io.dqgate.suggest;

import java.util.List;

/**
 * The suggested primary key with its evidence, and other columns that looked unique too but were not chosen
 * (listed in a comment, for a person to weigh).
 */
public record KeySuggestion(List<String> columns, String evidence, List<String> alsoUnique) {
  public KeySuggestion {
    columns = List.copyOf(columns);
    alsoUnique = List.copyOf(alsoUnique);
  }
}
