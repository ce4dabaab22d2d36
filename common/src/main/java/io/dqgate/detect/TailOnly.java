package io.dqgate.detect;

import io.dqgate.metrics.MetricNames;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A column's standard deviation, minimum or maximum moving alone is its tail: one row moves them, and a
 * heavy-tailed column (lognormal prices) sets a new record or doubles its standard deviation every few weeks
 * with its quartiles where they always are. Such a series warning is INFO when nothing else warned on the
 * column that day: no quartile, drift, signature (a value far outside the range seen, a unit change, a
 * sentinel) or metric-vector finding. Blocks are left as they are, but for one row alone past the clean range
 * ({@link RangeSignature#loneColumn}): the column's minimum, maximum, mean and standard deviation, and the
 * metric vector where that column leads it, moved with one row, and a row's error warns.
 */
final class TailOnly {
  /** The detector of a softened finding; its metric is the original "detector:metric". */
  static final String DETECTOR = "tail";
  static final Set<String> TAIL = Set.of(MetricNames.STDDEV, MetricNames.MIN, MetricNames.MAX);

  private TailOnly() {}

  static final Set<String> EXTREMES = Set.of(MetricNames.MIN, MetricNames.MAX);

  /** The metrics one row far past the rest moves, where the quartiles stay put. */
  static final Set<String> ONE_ROW = Set.of(MetricNames.STDDEV, MetricNames.MIN, MetricNames.MAX, MetricNames.MEAN);

  /** {@code lone}: whether a column's day has one row alone past the clean range (asked of blocks only). */
  static List<Finding> soften(List<Finding> findings, Predicate<String> lone) {
    findings = findings.stream().map(f -> movedByOneRow(f, lone) ? f.withSeverity(Severity.WARN, f.message()
        + " — one row alone past " + f.column() + "'s clean range moved it: an error of one row warns") : f).toList();
    Set<String> movedOtherwise = new HashSet<>();
    for (Finding f : findings) {
      if (f.column() != null && f.severity().compareTo(Severity.WARN) >= 0 && !tail(f)) {
        movedOtherwise.add(f.column());
      }
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.severity() == Severity.WARN && tail(f) && !movedOtherwise.contains(f.column())) {
        out.add(new Finding(DETECTOR, f.detector() + ":" + f.metric(), f.column(), f.file(), f.observed(),
            f.expectedLow(), f.expectedHigh(), f.score(), Severity.INFO, f.message() + " — the column's tail "
                + "alone: nothing else of " + f.column() + " moved (quartiles, distribution, range, units)",
            f.cause(), f.rarity()));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** A block of a lone row's column that one row moves: its moments and extremes, or the vector it leads. */
  private static boolean movedByOneRow(Finding f, Predicate<String> lone) {
    return f.severity() == Severity.BLOCK && f.column() != null
        && (f.detector().equals("series") && ONE_ROW.contains(f.metric()) || f.detector().equals("pca"))
        && lone.test(f.column());
  }

  /**
   * Whether one row far past the rest moves what the finding is about: its column's moments and extremes, the
   * metric vector it leads, or the column's range ({@link RangeSignature}).
   */
  static boolean oneRowMoves(Finding f) {
    return f.column() != null && (f.detector().equals("series") && ONE_ROW.contains(f.metric())
        || f.detector().equals("pca") || f.detector().equals(SignatureJudge.DETECTOR)
        && Cause.OUT_OF_RANGE.equals(f.cause()) && EXTREMES.contains(f.metric()));
  }

  private static boolean tail(Finding f) {
    return f.column() != null && f.detector().equals("series") && TAIL.contains(f.metric());
  }
}
