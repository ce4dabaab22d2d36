package io.dqgate.detect;

import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A day that is the same event as an earlier warned day nobody rejected: its row count left the clean range of its
 * weekday in the same direction and by the same factor (within {@link Recurrence#SAME_LEVEL}, and by more than that
 * from the weekday's median), and what moves with it today moved on that day too. A holiday that loses three
 * quarters of a weekday's orders and doubles its delivery times warns the first time; the next holiday, with the
 * same loss and the same column moving, is not news. Natural variation is softened to INFO naming the earlier day:
 * a column's series, drift or metric-vector warning on a column that day moved on (any finding of those detectors
 * it stored, INFO included), and a volume warning. A volume block of the series is softened only where the alarm
 * budget finds its score no rarer than a clean day may be without blocking (it blocked for being past the largest
 * clean score, and the earlier day is the history that score was missing; by its rarity alone it would have
 * warned, and the event explains a warning). Signatures, rules, schema and file checks are
 * never softened. The day stays out of the baselines of what it softened, as the day it repeats, until the baseline
 * policy confirms them.
 */
final class RecurringEvent {
  /** Detectors of natural variation whose findings an event can explain. */
  private static final Set<String> NATURAL = Set.of("series", "drift", "pca");
  /** Detectors whose stored findings, at any severity, say which columns moved on an earlier day. */
  private static final Set<String> MOVED = Set.of("series", "drift", "pca", DriftJudge.CALENDAR,
      Recurrence.DETECTOR, Calibration.LEARNING);

  private RecurringEvent() {}

  /** An earlier event day: when, its volume's change against its weekday, and the columns that moved. */
  private record Event(LocalDate day, double change, Set<String> columns, boolean volume) {}

  /**
   * The findings with those of natural variation that an earlier event day explains softened to INFO.
   *
   * @param rows today's row count
   * @param budgeted the identities ({@link Calibration#identity}) of findings whose calibrated rarity is
   *     below the day's block threshold, asked for only on the day of an event
   */
  static List<Finding> soften(List<Finding> findings, MetricHistory history, LocalDate date, double rows,
      java.util.function.Supplier<Set<String>> budgeted) {
    if (findings.stream().noneMatch(RecurringEvent::candidate)) {
      return findings;
    }
    double today = Recurrence.weekdayChange(rows, date, history);
    Event event = Double.isFinite(today) ? latestSameEvent(today, history) : null;
    if (event == null) {
      return findings;
    }
    Set<String> belowBlock = budgeted.get();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      boolean explained = eligible(f, belowBlock)
          && (Recurrence.volume(f) ? event.volume() : f.column() != null && event.columns().contains(f.column()));
      out.add(!explained ? f : Recurrence.repeat(f, String.format(Locale.ROOT, " — as on %s, which changed the"
          + " volume as much (×%.2f of its weekday's clean level, today ×%.2f), moved %s too and was not rejected:"
          + " a recurring event such as a holiday, not news", event.day(), Math.exp(event.change()), Math.exp(today),
          f.column() == null ? "the volume" : f.column())));
    }
    return out;
  }

  private static boolean eligible(Finding f, Set<String> belowBlock) {
    return candidate(f) && (f.severity() == Severity.WARN || belowBlock.contains(Calibration.identity(f)));
  }

  /** A finding an event could soften, before the budget is asked: a natural or volume warning, a volume block. */
  private static boolean candidate(Finding f) {
    if (f.severity() == Severity.WARN) {
      return NATURAL.contains(f.detector()) || Recurrence.volume(f);
    }
    return f.severity() == Severity.BLOCK && f.detector().equals("series") && Recurrence.volume(f);
  }

  /** The latest pending warned day whose volume changed as today's did, or null. */
  private static Event latestSameEvent(double today, MetricHistory history) {
    List<LocalDate> pending = new ArrayList<>(history.pendingDays());
    pending.sort(java.util.Comparator.reverseOrder());
    for (LocalDate d : pending) {
      Map<MetricKey, MetricRecord> stored = history.stored(d);
      MetricRecord rows = stored.get(MetricKey.dataset(MetricNames.ROW_COUNT));
      double change = rows == null ? Double.NaN : Recurrence.weekdayChange(rows.value(), d, history);
      if (Double.isFinite(change) && Math.signum(change) == Math.signum(today)
          && Math.abs(change - today) <= Math.log(Recurrence.SAME_LEVEL)) {
        Event e = moved(d, change, stored);
        if (e != null) {
          return e;
        }
      }
    }
    return null;
  }

  /** What moved on a pending (warned) day, from its stored verdict; null when it stored none. */
  private static Event moved(LocalDate day, double change, Map<MetricKey, MetricRecord> stored) {
    MetricRecord status = stored.get(MetricKey.dataset(MetricNames.VERDICT_STATUS));
    if (status == null || status.detail() == null) {
      return null;
    }
    Verdict verdict;
    try {
      verdict = Verdict.parse(status.detail(), "stored verdict of " + day);
    } catch (RuntimeException e) {
      return null;
    }
    Set<String> columns = new HashSet<>();
    boolean volume = false;
    for (Finding g : verdict.findings()) {
      volume |= Recurrence.volume(g);
      if (MOVED.contains(g.detector()) && g.column() != null) {
        columns.add(g.column());
      }
    }
    return new Event(day, change, columns, volume);
  }
}
