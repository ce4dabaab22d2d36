package io.dqgate.detect;

import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A day whose volume blocks while many columns move with it, and no contamination signature, rule or schema
 * change says what broke, looks like a holiday or an upstream event: the whole business moved, the data did
 * not break. Its volume findings warn instead of blocking. A volume loss that leaves the columns as they were
 * (files lost, a truncated export) or takes one segment away (a signature) still blocks.
 */
final class BroadShift {
  /** Columns that must move with the volume before the day counts as a broad shift. */
  static final int MIN_COLUMNS = 3;

  private BroadShift() {}

  static List<Finding> soften(List<Finding> findings) {
    return soften(findings, Set.of());
  }

  /**
   * As {@link #soften(List)}, where {@code withVector} are the columns the metric vector saw move with it
   * (each a tenth or more of its hit): they count as moving when its finding warns.
   */
  static List<Finding> soften(List<Finding> findings, Set<String> withVector) {
    Set<String> moved = new TreeSet<>();
    boolean volumeBlocks = false;
    for (Finding f : findings) {
      if (volume(f)) {
        volumeBlocks |= f.severity() == Severity.BLOCK;
      } else if (f.severity() == Severity.BLOCK) {
        return findings; // something else blocks on its own: a signature, a rule, a schema change, a column
      } else if ((f.severity() == Severity.WARN || f.detector().equals(DriftJudge.CALENDAR)) && f.column() != null) {
        moved.add(f.column()); // a mix that is another weekday's moved with the day: a holiday's Sunday mix
      }
      if (f.severity() == Severity.WARN && f.detector().equals("pca")) {
        moved.addAll(withVector);
      }
    }
    if (!volumeBlocks || moved.size() < MIN_COLUMNS) {
      return findings;
    }
    String why = " — with " + moved.size() + " columns moving at once (" + String.join(", ", moved)
        + ") and no sign of broken data: a broad shift such as a holiday, warned, not blocked";
    return findings.stream().map(f -> volume(f) && f.severity() == Severity.BLOCK
        ? new Finding(f.detector(), f.metric(), f.column(), f.file(), f.observed(), f.expectedLow(),
            f.expectedHigh(), f.score(), Severity.WARN, f.message() + why, f.cause(), f.rarity())
        : f).toList();
  }

  /** A series finding on the day's volume (rows, bytes, files). */
  private static boolean volume(Finding f) {
    return f.detector().equals("series") && f.column() == null
        && Cause.VOLUME.equals(f.cause() != null ? f.cause() : Cause.infer(f));
  }
}
