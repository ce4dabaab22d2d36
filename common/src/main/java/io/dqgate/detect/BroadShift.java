package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.MetricNames;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A day whose volume blocks while many columns move with it, and no contamination signature, rule or schema
 * change says what broke, looks like a holiday or an upstream event: the whole business moved, the data did
 * not break. So does a day whose volume is another weekday's level while a column's mix is that kind of
 * day's too (a holiday Monday flying a Saturday's timetable), and a day with fewer rows than any weekday whose
 * mix is a quieter weekday's (a first holiday). Its volume findings warn instead of blocking. A
 * volume loss that leaves the columns as they were (files lost, a truncated export) or takes one segment away
 * (a signature) still blocks. More rows than expected with nothing broken warn too: the data that brings more
 * rows by mistake carries its own signature (copies of rows are duplicates, another day's rows are a stale
 * copy, rows of another kind are new values), and an event or a late delivery brings more rows of the same.
 */
final class BroadShift {
  /** Columns that must move with the volume before the day counts as a broad shift. */
  static final int MIN_COLUMNS = 3;

  private BroadShift() {}

  static List<Finding> soften(List<Finding> findings) {
    return soften(findings, Set.of(), false);
  }

  /**
   * As {@link #soften(List)}, where {@code withVector} are the columns the metric vector saw move with it
   * (each a tenth or more of its hit): they count as moving when its finding warns; and
   * {@code anotherWeekdaysVolume} whether the day's volume is at another weekday's level
   * ({@link #anotherWeekdaysVolume}), where one column whose mix is another weekday's is enough.
   */
  static List<Finding> soften(List<Finding> findings, Set<String> withVector, boolean anotherWeekdaysVolume) {
    return soften(findings, withVector, Set.of(), anotherWeekdaysVolume);
  }

  /**
   * As {@link #soften(List, Set, boolean)}, where {@code movedAsBefore} are the columns that crossed their
   * fixed band today as far as on a clean day before (too little history to calibrate them, so nothing was
   * reported): they moved with the day, as they have without anything breaking.
   */
  static List<Finding> soften(List<Finding> findings, Set<String> withVector, Set<String> movedAsBefore,
      boolean anotherWeekdaysVolume) {
    return soften(findings, withVector, movedAsBefore, anotherWeekdaysVolume, Set.of());
  }

  /** As the method below, for a day whose rows are not under every weekday's ({@link #quieterWeekdays}). */
  static List<Finding> soften(List<Finding> findings, Set<String> withVector, Set<String> movedAsBefore,
      boolean anotherWeekdaysVolume, Set<String> leaning) {
    return soften(findings, withVector, movedAsBefore, anotherWeekdaysVolume, false, leaning);
  }

  /**
   * As {@link #soften(List, Set, Set, boolean)}, where {@code leaning} are the columns whose mix leans to a
   * weekday at whose level the day's volume is ({@link DriftJudge#leaningTo}): that weekday's mix, as a
   * drifted column's calendar finding is. {@code underEveryWeekday}: the day's rows are fewer than any
   * weekday's ({@link #quieterWeekdays}), and {@code leaning} leans to a weekday quieter than its own; with one
   * such column, or a calendar finding, the day is a first holiday (a quarter of a weekday's rows in a
   * Sunday's mix), where rows lost from a day keep its own weekday's mix.
   */
  static List<Finding> soften(List<Finding> findings, Set<String> withVector, Set<String> movedAsBefore,
      boolean anotherWeekdaysVolume, boolean underEveryWeekday, Set<String> leaning) {
    Set<String> moved = new TreeSet<>(movedAsBefore);
    Set<String> calendar = new TreeSet<>(leaning);
    moved.addAll(leaning);
    boolean volumeBlocks = false;
    for (Finding f : findings) {
      if (volume(f)) {
        volumeBlocks |= f.severity() == Severity.BLOCK;
      } else if (f.severity() == Severity.BLOCK) {
        return findings; // something else blocks on its own: a signature, a rule, a schema change, a column
      } else if ((f.severity() == Severity.WARN || f.detector().equals(DriftJudge.CALENDAR) || risenWithinTail(f))
          && f.column() != null) {
        moved.add(f.column()); // a mix that is another weekday's moved with the day: a holiday's Sunday mix
        if (f.detector().equals(DriftJudge.CALENDAR)) {
          calendar.add(f.column());
        }
      }
      if (f.severity() == Severity.WARN && f.detector().equals("pca")) {
        moved.addAll(withVector);
      }
    }
    boolean weekdayLike = anotherWeekdaysVolume && !calendar.isEmpty();
    boolean quieter = underEveryWeekday && !calendar.isEmpty();
    boolean rose = rose(findings);
    if (!volumeBlocks || moved.size() < MIN_COLUMNS && !weekdayLike && !quieter && !rose) {
      return findings;
    }
    String why = moved.size() >= MIN_COLUMNS ? " — with " + moved.size() + " columns moving at once ("
        + String.join(", ", moved) + ") and no sign of broken data: a broad shift such as a holiday, warned, not "
        + "blocked"
        : weekdayLike ? " — at another weekday's volume, with that weekday's mix in " + String.join(", ", calendar)
            + " and no sign of broken data: a calendar effect such as a holiday, warned, not blocked"
        : quieter ? " — under every weekday's volume, with a quieter weekday's mix in " + String.join(", ", calendar)
            + " and no sign of broken data: a calendar effect such as a first holiday, warned, not blocked"
        : " — more rows than expected, and no sign of broken data blocks (copies of rows, rows of another day, "
            + "new values): an event or a late delivery, warned, not blocked";
    return findings.stream().map(f -> volume(f) && f.severity() == Severity.BLOCK
        ? new Finding(f.detector(), f.metric(), f.column(), f.file(), f.observed(), f.expectedLow(),
            f.expectedHigh(), f.score(), Severity.WARN, f.message() + why, f.cause(), f.rarity())
        : f).toList();
  }

  /** How far a day's rows may sit outside another weekday's recent range and still be at its level. */
  static final double LEVEL_SLACK = 1.15;

  /**
   * Whether the day's rows sit at the level of another weekday: within {@link #LEVEL_SLACK} of the range of
   * that weekday's last clean days (two to four of them), outside the range of its own weekday's, and the two
   * ranges apart (a flat week has no other weekday's level).
   */
  static boolean anotherWeekdaysVolume(LocalDate date, double rows, List<SeriesPoint> cleanRows) {
    return !weekdayLevels(date, rows, cleanRows).isEmpty();
  }

  /**
   * The other weekdays at whose level the day's rows sit ({@link #anotherWeekdaysVolume}); empty when the rows
   * are within their own weekday's range.
   */
  static Set<DayOfWeek> weekdayLevels(LocalDate date, double rows, List<SeriesPoint> cleanRows) {
    Map<DayOfWeek, List<Double>> byWeekday = recentByWeekday(cleanRows);
    Set<DayOfWeek> out = java.util.EnumSet.noneOf(DayOfWeek.class);
    List<Double> own = byWeekday.get(date.getDayOfWeek());
    if (!Double.isFinite(rows) || within(own, rows, 1)) {
      return out;
    }
    byWeekday.forEach((w, days) -> {
      if (w != date.getDayOfWeek() && within(days, rows, LEVEL_SLACK) && apart(days, own)) {
        out.add(w);
      }
    });
    return out;
  }

  /**
   * The weekdays quieter than the day's own, when its rows are fewer than every weekday's recent range allows
   * ({@link #LEVEL_SLACK} under the lowest): those whose range lies wholly under its own weekday's. Empty when
   * the rows are at some weekday's level, or its own weekday is the quietest.
   */
  static Set<DayOfWeek> quieterWeekdays(LocalDate date, double rows, List<SeriesPoint> cleanRows) {
    Map<DayOfWeek, List<Double>> byWeekday = recentByWeekday(cleanRows);
    Set<DayOfWeek> out = java.util.EnumSet.noneOf(DayOfWeek.class);
    List<Double> own = byWeekday.get(date.getDayOfWeek());
    if (!Double.isFinite(rows) || own == null || own.size() < 2
        || byWeekday.values().stream().anyMatch(days -> days.size() < 2 || rows >= range(days)[0] / LEVEL_SLACK)) {
      return out;
    }
    byWeekday.forEach((w, days) -> {
      if (range(days)[1] < range(own)[0]) {
        out.add(w);
      }
    });
    return out;
  }

  /** The rows of each weekday's last four clean days. */
  private static Map<DayOfWeek, List<Double>> recentByWeekday(List<SeriesPoint> cleanRows) {
    Map<DayOfWeek, List<Double>> byWeekday = new EnumMap<>(DayOfWeek.class);
    for (int i = cleanRows.size() - 1; i >= 0; i--) {
      SeriesPoint p = cleanRows.get(i);
      List<Double> days = byWeekday.computeIfAbsent(p.date().getDayOfWeek(), d -> new ArrayList<>());
      if (days.size() < 4 && Double.isFinite(p.value())) {
        days.add(p.value());
      }
    }
    return byWeekday;
  }

  /** Whether two weekdays' ranges of rows are apart: neither holds a day of the other's range. */
  private static boolean apart(List<Double> days, List<Double> own) {
    if (own == null || own.isEmpty()) {
      return true;
    }
    double[] range = range(days);
    double[] ownRange = range(own);
    return range[1] < ownRange[0] || range[0] > ownRange[1];
  }

  private static boolean within(List<Double> days, double rows, double slack) {
    if (days == null || days.size() < 2) {
      return false;
    }
    double[] range = range(days);
    return rows >= range[0] / slack && rows <= range[1] * slack;
  }

  /** The lowest and highest of {@code days}' rows. */
  private static double[] range(List<Double> days) {
    return new double[] {days.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        days.stream().mapToDouble(Double::doubleValue).max().orElseThrow()};
  }

  /** A defect counter that rose today within the reach its calibration days show ({@link FractionSignatures}). */
  private static boolean risenWithinTail(Finding f) {
    return f.severity() == Severity.INFO && FractionSignatures.judgesRise(f.metric())
        && (f.detector().equals(SignatureJudge.DETECTOR) || f.detector().equals("series"));
  }

  /**
   * Whether the day's volume blocks only for being higher than expected, its rows among what rose: no volume
   * finding says fewer (a lost file beside a doubled one is still a loss), and bytes alone rising is not more
   * rows.
   */
  private static boolean rose(List<Finding> findings) {
    boolean rowsRose = false;
    for (Finding f : findings) {
      if (volume(f) && !(f.observed() > f.expectedHigh())) {
        return false;
      }
      rowsRose |= volume(f) && (f.metric().equals(MetricNames.ROW_COUNT) || f.metric().equals(MetricNames.TOTAL_ROWS));
    }
    return rowsRose;
  }

  /** A series finding on the day's volume (rows, bytes, files). */
  static boolean volume(Finding f) {
    return f.detector().equals("series") && f.column() == null
        && Cause.VOLUME.equals(f.cause() != null ? f.cause() : Cause.infer(f));
  }
}
