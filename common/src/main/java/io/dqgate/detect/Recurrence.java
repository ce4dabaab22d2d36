package io.dqgate.detect;

import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A warning the feed has already given on a day nobody rejected is not news: a holiday's volume and mix, a weekend that
 * runs lower than the others, a shift on its second day. A WARN finding that an earlier warned day of the look-back
 * (not yet in baselines, neither blocked nor rejected) gave on the same detector, metric and column, on the same side
 * of its range and at least two thirds as far out (by its score, or by its value against today's range), is reported as
 * INFO and names that day (on an ordinary day, only while that day's value is still past today's range and today's is
 * within half again of it); volume findings are compared as changes of the day's volume, whichever check made them. The
 * day stays out of the baselines of what it would have warned on, like the day it repeats, until the baseline policy
 * confirms them. Blocks are not softened, but for a volume block of the series on the weekday of such a day (a weekly
 * pattern still being learnt), which warns; a volume warning or block of the series at the level the same weekday last
 * stored is INFO. A volume block of the series that changes the volume as much as a volume warning of such a day did
 * (within a quarter, on any weekday: a second holiday) warns, and so does one on a weekday the clean days hold fewer
 * than two of, within reach of their range.
 */
final class Recurrence {
  /** The detector of a softened finding; its metric is the original "detector:metric". */
  static final String DETECTOR = "recurring";
  /** Two values of one weekday within this ratio of each other are one level. */
  static final double SAME_LEVEL = 1.25;

  private Recurrence() {}

  static List<Finding> soften(List<Finding> findings, MetricHistory history) {
    return soften(findings, history, null, Double.NaN);
  }

  /**
   * As {@link #soften(List, MetricHistory)}, and on {@code date} a volume block of the series detectors that
   * repeats a warned day of the same weekday warns instead: a weekend at 40 % of the weekdays blocks while
   * the baselines hold weekdays only, and every weekend kept out of them as blocked would keep the weekly
   * pattern from ever being learnt. Warned, the weekend confirms the one before it into the baselines. At the
   * level (within a quarter) of the latest same weekday that was neither blocked nor rejected, warned or not,
   * a series volume warning or block is that weekday's normal and only INFO: a new feed's first weekends pass
   * the cold start and then sit
   * far below a short history's weekdays before the series has three of each weekday to see the pattern.
   *
   * <p>A day whose row count left its weekday's clean range ({@link #weekdayChange}: a holiday, a weekend of a
   * new feed) warned for that event: its warnings other than the volume's are a precedent only for a day of the
   * same event, whose row count ({@code rows}, NaN when unknown) changed as much the same way. On an ordinary
   * day, nulls as high as a holiday's are news.
   */
  static List<Finding> soften(List<Finding> findings, MetricHistory history, LocalDate date, double rows) {
    double today = date == null ? Double.NaN : weekdayChange(rows, date, history);
    TreeMap<LocalDate, List<Finding>> earlier = new TreeMap<>();
    for (LocalDate d : history.pendingDays()) {
      List<Finding> warned = BaselinePolicy.warnedFindings(history.stored(d).values());
      if (!warned.isEmpty()) {
        earlier.put(d, warned);
      }
    }
    Map<LocalDate, Boolean> precedents = new HashMap<>();
    java.util.function.Predicate<LocalDate> sameOccasion = d -> precedents.computeIfAbsent(d,
        day -> sameOccasion(day, history, today));
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      boolean volumeBlock = date != null && f.severity() == Severity.BLOCK && f.detector().equals("series")
          && volume(f);
      LocalDate level = date != null && f.severity().compareTo(Severity.WARN) >= 0 && f.detector().equals("series")
          && volume(f) ? sameWeekdayLevel(f, history, date) : null;
      if (level != null) {
        out.add(repeat(f, " — at the level of " + level + ", the same weekday, which was neither blocked nor "
            + "rejected: the weekly pattern, not yet in the series' baseline"));
        continue;
      }
      if (volumeBlock && weekdayUnseen(f, history, date)) {
        out.add(f.withSeverity(Severity.WARN, f.message() + " — the history holds fewer than " + MIN_SAME_WEEKDAYS
            + " clean " + date.getDayOfWeek().toString().toLowerCase(java.util.Locale.ROOT) + "s, and the day is "
            + "within " + UNSEEN_WEEKDAY_REACH + " times the clean days' range: a weekly pattern not yet seen, "
            + "warned, not blocked"));
        continue;
      }
      LocalDate week = volumeBlock ? sameWeekday(f, earlier, date) : null;
      if (week != null) {
        out.add(f.withSeverity(Severity.WARN, f.message() + " — as on " + week + ", the same weekday, which warned "
            + "the same way and was not rejected: a weekly pattern not yet in the baselines, warned, not blocked"));
        continue;
      }
      LocalDate event = volumeBlock ? sameChange(f, earlier) : null;
      if (event != null) {
        out.add(f.withSeverity(Severity.WARN, f.message() + " — the same change of volume (within a quarter) as on "
            + event + ", which warned and was not rejected: a recurring event such as a holiday, warned, not "
            + "blocked"));
        continue;
      }
      // an event's warnings vary with the event (how quiet a holiday is); an ordinary day's bound its value
      boolean ordinary = Double.isNaN(today) && !volume(f);
      LocalDate seen = f.severity() == Severity.WARN && !f.detector().equals("cold-start")
          ? seen(f, earlier, d -> volume(f) || sameOccasion.test(d), ordinary) : null;
      out.add(seen == null ? f : repeat(f, " — as on " + seen + ", which warned the same way and was not rejected:"
          + " not news"));
    }
    return out;
  }

  /**
   * Whether the warned day {@code d} is a precedent for a day whose volume changed by {@code today} against its
   * weekday (NaN: no event): it was no event itself, or the same one, changing the volume the same way within
   * {@link #SAME_LEVEL}.
   */
  private static boolean sameOccasion(LocalDate d, MetricHistory history, double today) {
    MetricRecord rows = history.stored(d).get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double change = rows == null ? Double.NaN : weekdayChange(rows.value(), d, history);
    return Double.isNaN(change) || Math.signum(change) == Math.signum(today)
        && Math.abs(change - today) <= Math.log(SAME_LEVEL);
  }

  /**
   * {@code f} softened to INFO as something the feed did before: detector {@link #DETECTOR}, metric
   * "detector:metric", its message followed by {@code why}; its cause and rarity kept.
   */
  static Finding repeat(Finding f, String why) {
    return new Finding(DETECTOR, f.detector() + ":" + f.metric(), f.column(), f.file(), f.observed(),
        f.expectedLow(), f.expectedHigh(), f.score(), Severity.INFO, f.message() + why, Cause.ensure(f).cause(),
        f.rarity());
  }

  /** The latest earlier day, of those {@code precedent} admits, with a warning {@code f} repeats, or null. */
  private static LocalDate seen(Finding f, TreeMap<LocalDate, List<Finding>> earlier,
      java.util.function.Predicate<LocalDate> precedent, boolean ordinary) {
    for (LocalDate d : earlier.descendingKeySet()) {
      if (!precedent.test(d)) {
        continue;
      }
      for (Finding g : earlier.get(d)) {
        if (repeats(f, g) && (!ordinary || stillSpeaksFor(f, g))) {
          return d;
        }
      }
    }
    return null;
  }

  /** The latest earlier day of {@code date}'s weekday with a warning {@code f} repeats, or null. */
  private static LocalDate sameWeekday(Finding f, TreeMap<LocalDate, List<Finding>> earlier, LocalDate date) {
    for (LocalDate d : earlier.descendingKeySet()) {
      if (d.getDayOfWeek() == date.getDayOfWeek() && earlier.get(d).stream().anyMatch(g -> repeats(f, g))) {
        return d;
      }
    }
    return null;
  }

  /**
   * The latest earlier warned day with a volume warning of about the size of {@code f}'s change (the same
   * direction, within {@link #SAME_LEVEL} as a ratio of the changes), on any weekday, or null.
   */
  private static LocalDate sameChange(Finding f, TreeMap<LocalDate, List<Finding>> earlier) {
    double now = relativeChange(f);
    if (!Double.isFinite(now)) {
      return null;
    }
    for (LocalDate d : earlier.descendingKeySet()) {
      for (Finding g : earlier.get(d)) {
        double before = volume(g) ? relativeChange(g) : Double.NaN;
        if (Double.isFinite(before) && Math.signum(now) == Math.signum(before)
            && Math.abs(now - before) <= Math.log(SAME_LEVEL)) {
          return d;
        }
      }
    }
    return null;
  }

  /**
   * The latest earlier day of {@code date}'s weekday that was neither blocked nor rejected, when it stored
   * about today's value of the finding's volume metric (within a quarter either way), whatever it was judged
   * then; null otherwise. Two weeks at one level are that weekday's normal, not two incidents.
   */
  /** Clean days of a weekday the volume series needs before it can tell that weekday's level. */
  static final int MIN_SAME_WEEKDAYS = 2;
  /** How many times below the lowest or above the highest clean day a volume still blocks on an unseen weekday. */
  static final double UNSEEN_WEEKDAY_REACH = 2.0;

  /**
   * Whether the volume metric's clean days hold fewer than {@link #MIN_SAME_WEEKDAYS} of {@code date}'s
   * weekday, and {@code f}'s value is within {@link #UNSEEN_WEEKDAY_REACH} times their range: a new feed's
   * second Saturday at 60 % of the first is its weekly pattern still unknown, not data lost.
   */
  private static boolean weekdayUnseen(Finding f, MetricHistory history, LocalDate date) {
    List<io.dqgate.anomaly.SeriesPoint> clean = history.series(MetricKey.dataset(f.metric()), false);
    long sameWeekday = clean.stream().filter(p -> p.date().getDayOfWeek() == date.getDayOfWeek()).count();
    double low = clean.stream().mapToDouble(io.dqgate.anomaly.SeriesPoint::value).min().orElse(Double.NaN);
    double high = clean.stream().mapToDouble(io.dqgate.anomaly.SeriesPoint::value).max().orElse(Double.NaN);
    return !clean.isEmpty() && sameWeekday < MIN_SAME_WEEKDAYS && f.observed() >= low / UNSEEN_WEEKDAY_REACH
        && f.observed() <= high * UNSEEN_WEEKDAY_REACH;
  }

  private static LocalDate sameWeekdayLevel(Finding f, MetricHistory history, LocalDate date) {
    List<LocalDate> days = history.calibrationDays();
    for (int i = days.size() - 1; i >= 0; i--) {
      LocalDate d = days.get(i);
      if (d.isBefore(date) && d.getDayOfWeek() == date.getDayOfWeek()) {
        MetricRecord stored = history.stored(d).get(MetricKey.dataset(f.metric()));
        double before = stored == null ? Double.NaN : stored.value();
        return f.observed() > 0 && before > 0 && Math.abs(Math.log(f.observed() / before)) <= Math.log(SAME_LEVEL)
            ? d : null;
      }
    }
    return null;
  }

  /** Whether {@code f} is the warning {@code g} gave (g may itself be a softened repeat). */
  static boolean repeats(Finding f, Finding g) {
    String[] original = original(g);
    String detector = original[0];
    String metric = original[1];
    if (volume(f) && volume(g)) {
      // whichever check saw it (files, row count, bytes), the day's volume is one thing: compared as a change
      double now = relativeChange(f);
      double before = relativeChange(g);
      return Math.signum(now) == Math.signum(before) && Math.abs(now) <= LeaveOneOut.MARGIN * Math.abs(before);
    }
    if (!f.detector().equals(detector) || !f.metric().equals(metric) || !Objects.equals(f.column(), g.column())
        || side(f) != side(g)) {
      return false;
    }
    double now = size(f);
    double before = size(g);
    return now <= LeaveOneOut.MARGIN * before || asFarToday(f, g);
  }

  /**
   * Whether the earlier warning {@code g}, judged against today's expected range, lies past it on {@code f}'s
   * side and at least 1 / {@link LeaveOneOut#MARGIN} as far from its middle as today's value: each day's score
   * is on its own day's spread, and a range that narrowed since (a calmer month) scores the same value higher.
   */
  private static boolean asFarToday(Finding f, Finding g) {
    int side = side(f);
    double level = (f.expectedLow() + f.expectedHigh()) / 2;
    if (side == 0 || !Double.isFinite(level) || !Double.isFinite(f.observed()) || !Double.isFinite(g.observed())) {
      return false;
    }
    double edge = side > 0 ? f.expectedHigh() : f.expectedLow();
    return side * (g.observed() - edge) > 0
        && Math.abs(f.observed() - level) <= LeaveOneOut.MARGIN * Math.abs(g.observed() - level);
  }

  /**
   * Whether an ordinary day's warning {@code g} still speaks for today's {@code f}: its value lies past today's
   * expected range on {@code f}'s side, and today's value is at most {@link LeaveOneOut#MARGIN} times as far
   * from zero as it, or as far from the level today's range expects. Scores are each day's own: once the range
   * has widened (the earlier warned day among the days it is learnt from), a value four times the earlier one can
   * score as that one did, and a day of 9 % nulls that nobody rejected says nothing of 38 %. A fall is measured
   * from the level too: a column empty on every clean day that came to be filled (nulls at 8 %, then 5 %, then
   * 2 %) moved as far each day, though each day's share is a fraction of the last. Without a range or with
   * values of either sign, the scores decide.
   */
  private static boolean stillSpeaksFor(Finding f, Finding g) {
    int side = side(f);
    if (side == 0 || !Double.isFinite(f.observed()) || !Double.isFinite(g.observed())) {
      return true;
    }
    double edge = side > 0 ? f.expectedHigh() : f.expectedLow();
    if (side * (g.observed() - edge) <= 0) {
      return false;
    }
    if (asFarToday(f, g)) {
      return true;
    }
    if (!(f.observed() > 0 && g.observed() > 0)) {
      return true;
    }
    return side > 0 ? f.observed() <= LeaveOneOut.MARGIN * g.observed()
        : g.observed() <= LeaveOneOut.MARGIN * f.observed();
  }

  /**
   * Whether {@code g} is a warning softened to INFO as a repeat, as a calendar day's ({@link CalendarDay}), or as
   * a drift while the budget learns ({@link Calibration#LEARNING}).
   */
  static boolean softened(Finding g) {
    return SOFTENED.contains(g.detector());
  }

  /** The detectors of warnings softened to INFO whose day stays out of baselines as a warned day would. */
  static final java.util.Set<String> SOFTENED = java.util.Set.of(DETECTOR, CalendarDay.DETECTOR,
      Calibration.LEARNING);

  /** The detector and metric a finding was made by: a softened warning's own, else the finding's. */
  private static String[] original(Finding g) {
    int colon = g.metric().indexOf(':');
    return softened(g) && colon > 0
        ? new String[] {g.metric().substring(0, colon), g.metric().substring(colon + 1)}
        : new String[] {g.detector(), g.metric()};
  }

  /**
   * A dataset-wide finding about the day's volume; a softened repeat by the metric it was made on (a stored
   * repeat may carry the cause its own metric name suggested).
   */
  static boolean volume(Finding f) {
    if (f.column() != null) {
      return false;
    }
    if (Cause.VOLUME.equals(f.cause()) || f.cause() != null && !softened(f)) {
      return Cause.VOLUME.equals(f.cause());
    }
    String[] original = original(f);
    return Cause.VOLUME.equals(Cause.infer(new Finding(original[0], original[1], null, null, f.observed(),
        f.expectedLow(), f.expectedHigh(), f.score(), f.severity(), f.message())));
  }

  /**
   * The observed value's change from the middle of its expected range, as a log ratio (a fall to a quarter
   * and a rise to four times are the same size); NaN without a range.
   */
  private static double relativeChange(Finding f) {
    double centre = (f.expectedLow() + f.expectedHigh()) / 2;
    return centre > 0 ? Math.log(f.observed() / centre) : Double.NaN;
  }

  /** −1 below its expected range, +1 above, 0 inside or without one. */
  private static int side(Finding f) {
    if (f.observed() < f.expectedLow()) {
      return -1;
    }
    return f.observed() > f.expectedHigh() ? 1 : 0;
  }

  /** How far out a finding is: its score, or without one its distance past the range in range widths. */
  private static double size(Finding f) {
    if (Double.isFinite(f.score())) {
      return Math.abs(f.score());
    }
    double past = side(f) < 0 ? f.expectedLow() - f.observed() : f.observed() - f.expectedHigh();
    double width = f.expectedHigh() - f.expectedLow();
    return width > 0 ? past / width : Double.NaN;
  }

  /**
   * The day's row count against the clean days of its weekday (all clean days while fewer than two share
   * it), as the log ratio to their median; NaN when it lies inside their range, within a quarter of their
   * median (two such changes would match whatever the days were), or there are too few.
   */
  static double weekdayChange(double rows, LocalDate day, MetricHistory history) {
    List<Double> same = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (LocalDate d : history.days()) {
      MetricRecord r = history.day(d).get(MetricKey.dataset(MetricNames.ROW_COUNT));
      if (r != null && r.value() > 0) {
        all.add(r.value());
        if (d.getDayOfWeek() == day.getDayOfWeek()) {
          same.add(r.value());
        }
      }
    }
    List<Double> reference = same.size() >= 2 ? same : all;
    if (reference.size() < 2 || !(rows > 0)) {
      return Double.NaN;
    }
    double[] values = reference.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (rows >= values[0] && rows <= values[values.length - 1]) {
      return Double.NaN;
    }
    double change = Math.log(rows / new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(values));
    return Math.abs(change) > Math.log(SAME_LEVEL) ? change : Double.NaN;
  }
}
