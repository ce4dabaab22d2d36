package io.dqgate.detect;

import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A day that is another weekday in disguise: its volume sits at another weekday's level and, in at least one
 * column, its mix is that kind of day's too (a drifted column's calendar finding, or a column leaning to it:
 * {@link DriftJudge#leaningTo}). A holiday Tuesday orders like a Sunday, and its deliveries take longer, its
 * ratings come later. When nothing on such a day blocks, its warnings from the detectors of natural variation
 * (series, metric vector, drift, file volume) are the calendar's and are INFO; signatures, rules, relations
 * and file integrity keep theirs. Like a repeat ({@link Recurrence}), the day stays out of the baselines of
 * what it would have warned on until the baseline policy confirms it: a holiday is not a weekday's normal.
 */
final class CalendarDay {
  /** The detector of a softened finding; its metric is the original "detector:metric". */
  static final String DETECTOR = "calendar-day";

  private CalendarDay() {}

  /**
   * {@code findings} with the natural-variation warnings softened when the day is another weekday's: its
   * volume warned and is at another weekday's level ({@code anotherWeekdaysVolume}), and a column has that
   * kind of day's mix (the findings' calendar findings, or {@code leaning}).
   */
  static List<Finding> soften(List<Finding> findings, boolean anotherWeekdaysVolume, Set<String> leaning) {
    Set<String> calendar = new TreeSet<>(leaning);
    boolean volumeMoved = false;
    for (Finding f : findings) {
      if (f.severity() == Severity.BLOCK) {
        return findings;
      }
      if (f.detector().equals(DriftJudge.CALENDAR) && f.column() != null) {
        calendar.add(f.column());
      }
      // a volume warning softened as a repeat of an earlier one moved the volume all the same
      volumeMoved |= (f.severity() == Severity.WARN || f.detector().equals(Recurrence.DETECTOR))
          && Recurrence.volume(f);
    }
    if (!anotherWeekdaysVolume || !volumeMoved || calendar.isEmpty()) {
      return findings;
    }
    String why = " — on a day at another weekday's volume with that weekday's mix in " + String.join(", ", calendar)
        + ": a calendar effect such as a holiday, not news";
    return findings.stream().map(f -> natural(f)
        ? new Finding(DETECTOR, f.detector() + ":" + f.metric(), f.column(), f.file(), f.observed(),
            f.expectedLow(), f.expectedHigh(), f.score(), Severity.INFO, f.message() + why, Cause.ensure(f).cause(),
            f.rarity())
        : f).toList();
  }

  /** Whether the day holds a warning {@link #soften} could soften: worth finding the leaning columns for. */
  static boolean anyNaturalWarning(List<Finding> findings) {
    return findings.stream().anyMatch(f -> natural(f) || f.severity() == Severity.BLOCK && f.column() == null
        && f.detector().equals("series"));
  }

  /** A warning of a detector of natural variation. */
  private static boolean natural(Finding f) {
    if (f.severity() != Severity.WARN) {
      return false;
    }
    return switch (f.detector()) {
      case "series", "pca", "drift" -> true;
      case "files" -> f.metric().equals(io.dqgate.vocabulary.FileCheck.VOLUME.label());
      default -> false;
    };
  }
}
