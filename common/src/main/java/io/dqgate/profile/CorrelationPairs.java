package io.dqgate.profile;

import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The numeric column pairs whose Pearson correlation is profiled: every pair of the first
 * {@code profile.correlation-max-columns} numeric columns in schema order ({@code correlation}), and
 * each numeric column with the target ({@code target_correlation}).
 */
final class CorrelationPairs {
  private CorrelationPairs() {}

  /** Columns by their index in the resolved list; {@code metric} says which of the two metrics. */
  record Pair(int first, int second, String metric) {
    /** The result alias, shared by both scans. */
    String alias() {
      return ScalarPass.alias(first, (metric.equals(MetricNames.CORRELATION) ? "pair_" : "target_") + second);
    }
  }

  static List<Pair> of(List<ResolvedColumn> columns, DatasetSpec dataset) {
    List<Integer> numeric = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).kind() == ColumnKind.NUMERIC) {
        numeric.add(i);
      }
    }
    List<Pair> out = new ArrayList<>();
    List<Integer> paired = numeric.subList(0, Math.min(numeric.size(), dataset.profile().correlationMaxColumns()));
    for (int a = 0; a < paired.size(); a++) {
      for (int b = a + 1; b < paired.size(); b++) {
        out.add(new Pair(paired.get(a), paired.get(b), MetricNames.CORRELATION));
      }
    }
    // the target need not be numeric itself (a boolean label, say): its values are cast to numbers
    Optional<Integer> target = dataset.target().flatMap(t -> java.util.stream.IntStream.range(0, columns.size())
        .boxed().filter(i -> columns.get(i).name().equals(t)).findFirst());
    if (target.isPresent()) {
      for (int i : numeric) {
        if (i != target.get()) {
          out.add(new Pair(i, target.get(), MetricNames.TARGET_CORRELATION));
        }
      }
    }
    return out;
  }
}
