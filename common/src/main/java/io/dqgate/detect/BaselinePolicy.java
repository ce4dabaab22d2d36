package io.dqgate.detect;

import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which stored days every baseline is built from; the one policy for series, PCA, drift, correlation, the
 * calibration and the file checks' volume and schema history.
 *
 * <ul>
 *   <li>a day a person accepted, and a PASS day (or one never judged), is in baselines;
 *   <li>a PASS day whose warnings were softened as repeats of an earlier warned day ({@link Recurrence}), or
 *       as a drift while the alarm budget learns the dataset ({@link Calibration#LEARNING}), is treated as the
 *       WARN day it would have been;
 *   <li>a WARN day is in baselines once the {@code confirmDays} stored days after it confirm its level:
 *       each of them is judged and not blocked, and warns on a column (or dataset-wide detector) the day
 *       warned on — a shift that persists becomes the new normal. A day between them blocked on none of those
 *       columns (an incident elsewhere) is passed over; one blocked on them, or rejected, ends the run. Until
 *       then (and for good if the next days went back to normal: a one-day blip) it is left out of baselines
 *       but kept for calibration, since
 *       a clean day that warned is exactly what the alarm budget counts. A WARN day is also in baselines
 *       once the same weekday a week later warned on the same column (any dataset-wide detector counting as
 *       one): a level that comes back every week is the feed's weekly pattern (its weekends), not a shift;
 *   <li>a BLOCK day is in baselines when accepted, or when each of its blocks is a change of what the feed
 *       carries (new values, a segment or volume gone, a distribution moved: {@link #CHANGES_OF_POPULATION})
 *       and each of the {@code confirmDays} stored days after it blocked so again on every column (or
 *       dataset-wide detector) it blocked on: a change that lasts, such as a new season's cast or a franchise
 *       that moved, is judged the new normal from then on, or every later day would be judged against a
 *       baseline frozen before it and block too. The day itself stays blocked (a verdict is not a label:
 *       nothing publishes it until a person accepts it), and it stays out of the calibration, whose scores are
 *       those of clean days. A one-day incident never qualifies (the next day does not block on its column),
 *       and nor does a defect however long it lasts (nulls, duplicates, a unit, a broken relation);
 *   <li>a rejected day is never in baselines or calibration.
 * </ul>
 */
public final class BaselinePolicy {
  /** Where a day stands. */
  public enum Standing {
    BASELINE,
    /** Warned and not (yet) confirmed: out of baselines, in the calibration of the alarm budget. */
    PENDING,
    /** Blocked, and the days after it blocked on the same: in baselines as the new normal, out of calibration. */
    ADOPTED,
    EXCLUDED
  }

  /** A WARN day that the days after it confirmed, and the columns its shift was on. */
  public record Confirmed(LocalDate day, Set<String> columns, LocalDate confirmedBy) {}

  /** A BLOCK day whose blocks the days after it repeated, the columns it blocked on, and the last such day. */
  public record Adopted(LocalDate day, Set<String> columns, LocalDate confirmedBy) {}

  /** How a dataset-wide finding's column is written among the warned columns. */
  static final String DATASET_WIDE = "(dataset)";

  private final NavigableMap<LocalDate, Standing> standing = new TreeMap<>();
  private final List<Confirmed> confirmed = new ArrayList<>();
  private final List<Adopted> adopted = new ArrayList<>();
  private final TreeMap<LocalDate, Set<String>> warned = new TreeMap<>();

  /** Classifies the stored days ({@code days}: each day's records, any order of days). */
  public BaselinePolicy(Map<LocalDate, ? extends Collection<MetricRecord>> days, int confirmDays) {
    TreeMap<LocalDate, Standing> outright = new TreeMap<>();
    Map<LocalDate, Optional<Set<String>>> blockedOn = new HashMap<>(); // read when a confirmation reaches the day
    Map<LocalDate, Optional<Map<String, Boolean>>> blocks = new HashMap<>(); // a blocked day's BLOCK findings
    days.forEach((day, records) -> {
      Standing s = outright(records);
      outright.put(day, s);
      warned.put(day, s == Standing.PENDING ? warnedColumns(records) : Set.of());
    });
    for (Map.Entry<LocalDate, Standing> e : outright.entrySet()) {
      LocalDate day = e.getKey();
      if (e.getValue() == Standing.EXCLUDED) {
        standing.put(day, lasting(day, outright, d -> blocks.computeIfAbsent(d, k -> blocks(days.get(k))),
            confirmDays));
        continue;
      }
      if (e.getValue() != Standing.PENDING) {
        standing.put(day, e.getValue());
        continue;
      }
      Set<String> columns = warned.get(day);
      LocalDate confirmedBy = null;
      boolean confirms = columns.isEmpty();
      int agreeing = 0;
      for (LocalDate next : columns.isEmpty() ? Set.<LocalDate>of() : outright.tailMap(day, false).keySet()) {
        Optional<Set<String>> blocked = outright.get(next) != Standing.EXCLUDED ? Optional.empty()
            : blockedOn.computeIfAbsent(next, d -> blockedOn(days.get(d)));
        if (blocked.isPresent() && Collections.disjoint(blocked.get(), columns)) {
          continue; // a day blocked on something else says nothing of this shift
        }
        Set<String> shared = new HashSet<>(warned.get(next));
        shared.retainAll(columns);
        if (outright.get(next) != Standing.PENDING || shared.isEmpty()) {
          break;
        }
        confirmedBy = next;
        if (++agreeing == confirmDays) {
          confirms = true;
          break;
        }
      }
      LocalDate weekLater = day.plusDays(7);
      boolean weekly = !confirms && outright.get(weekLater) == Standing.PENDING
          && !Collections.disjoint(weekly(columns), weekly(warned.get(weekLater)));
      standing.put(day, confirms || weekly ? Standing.BASELINE : Standing.PENDING);
      if (confirms && !columns.isEmpty()) {
        confirmed.add(new Confirmed(day, columns, confirmedBy));
      } else if (weekly) {
        confirmed.add(new Confirmed(day, columns, weekLater));
      }
    }
  }

  /**
   * ADOPTED when {@code day} is blocked by its verdict, each of its blocks a change of the feed's population
   * ({@link #CHANGES_OF_POPULATION}), and each of the {@code confirmDays} stored days after it blocked as such on
   * every column it blocked on; EXCLUDED otherwise (a rejected day, a defect, a block that did not last, or one
   * whose following days are not all stored yet).
   */
  private Standing lasting(LocalDate day, NavigableMap<LocalDate, Standing> outright,
      Function<LocalDate, Optional<Map<String, Boolean>>> blocks, int confirmDays) {
    Optional<Map<String, Boolean>> columns = blocks.apply(day);
    if (columns.isEmpty() || columns.get().isEmpty() || columns.get().containsValue(false)) {
      return Standing.EXCLUDED;
    }
    int agreeing = 0;
    for (LocalDate next : outright.tailMap(day, false).keySet()) {
      Optional<Map<String, Boolean>> again = blocks.apply(next);
      if (again.isEmpty() || !columns.get().keySet().stream().allMatch(c -> Boolean.TRUE.equals(again.get().get(c)))) {
        return Standing.EXCLUDED;
      }
      if (++agreeing == confirmDays) {
        adopted.add(new Adopted(day, Set.copyOf(columns.get().keySet()), next));
        return Standing.ADOPTED;
      }
    }
    return Standing.EXCLUDED;
  }

  /** Warned columns with every dataset-wide detector as one: volume is volume, whichever check saw it. */
  private static Set<String> weekly(Set<String> columns) {
    Set<String> out = new HashSet<>();
    for (String c : columns) {
      out.add(c.startsWith(DATASET_WIDE) ? DATASET_WIDE : c);
    }
    return out;
  }

  /** What a day's stored verdict warned on ({@link #warnedColumns}); empty unless the day warned. */
  public Set<String> warned(LocalDate day) {
    return warned.getOrDefault(day, Set.of());
  }

  public Standing standing(LocalDate day) {
    return standing.getOrDefault(day, Standing.EXCLUDED);
  }

  /** BLOCK days whose blocks the following days repeated, oldest first. */
  public List<Adopted> adopted() {
    return adopted;
  }

  /** WARN days whose shift the following days confirmed, oldest first. */
  public List<Confirmed> confirmed() {
    return confirmed;
  }

  /**
   * A day's standing from its own records: EXCLUDED when rejected, or blocked and not accepted; PENDING
   * when it warned (on more than its cold start), or passed only because its warnings repeated an earlier
   * warned day's ({@link Recurrence}), were a calendar day's ({@link CalendarDay}) or a drift while the budget
   * learns ({@link Calibration#LEARNING}); BASELINE otherwise.
   */
  public static Standing outright(Collection<MetricRecord> records) {
    Double label = null;
    MetricRecord status = null;
    for (MetricRecord m : records) {
      if (m.metric().equals(MetricNames.VERDICT_STATUS)) {
        status = m;
      } else if (m.metric().equals(MetricNames.LABEL)) {
        label = m.value();
      }
    }
    if (label != null) {
      return label == MetricNames.LABEL_REJECTED ? Standing.EXCLUDED : Standing.BASELINE;
    }
    if (status == null) {
      return Standing.BASELINE;
    }
    if (status.value() == MetricNames.STATUS_BLOCK) {
      return Standing.EXCLUDED;
    }
    return warnedColumns(records).isEmpty() ? Standing.BASELINE : Standing.PENDING;
  }

  /**
   * The columns (or "(dataset):detector" for dataset-wide findings) the day's stored verdict warned on,
   * softened repeats included and cold-start notes left out; empty when there are none or the verdict cannot
   * be read.
   */
  static Set<String> warnedColumns(Collection<MetricRecord> records) {
    Set<String> columns = new HashSet<>();
    for (Finding f : warnedFindings(records)) {
      columns.add(warnedOn(f));
    }
    return columns;
  }

  /** The column a finding is on, or "(dataset):detector" for a dataset-wide one. */
  private static String warnedOn(Finding f) {
    return f.column() == null ? DATASET_WIDE + ":" + madeBy(f) : f.column();
  }

  /**
   * The columns (written as {@link #warnedColumns} writes them) of a day blocked by its verdict, not by a label:
   * those its findings warned or blocked on; empty when the day is no such block or its verdict cannot be read.
   */
  static Optional<Set<String>> blockedOn(Collection<MetricRecord> records) {
    return blockFindings(records).map(findings -> {
      Set<String> columns = new HashSet<>();
      findings.stream().filter(f -> f.severity().compareTo(Severity.WARN) >= 0).forEach(f -> columns.add(warnedOn(f)));
      return columns;
    });
  }

  /**
   * The causes of a change in what the feed carries, rather than of a defect in how it carries it: a block of
   * these alone may become the new normal once it lasts. A column left empty, rows repeated, a unit changed, a
   * relation broken or a schema changed stay blocked however long they last, until a person accepts them: a
   * model fed them would be fed the defect.
   */
  static final Set<String> CHANGES_OF_POPULATION = Set.of(Cause.NEW_VALUES, Cause.VOLUME, Cause.DISTRIBUTION_SHIFT);

  /**
   * Of a day blocked by its verdict, not by a label: the columns (written as {@link #warnedColumns} writes them)
   * of its BLOCK findings, each with whether all of its BLOCK findings had a cause in
   * {@link #CHANGES_OF_POPULATION}; empty when the day is no such block or its verdict cannot be read.
   */
  static Optional<Map<String, Boolean>> blocks(Collection<MetricRecord> records) {
    return blockFindings(records).map(findings -> {
      Map<String, Boolean> columns = new HashMap<>();
      for (Finding f : findings) {
        if (f.severity() == Severity.BLOCK) {
          columns.merge(warnedOn(f), CHANGES_OF_POPULATION.contains(Cause.ensure(f).cause()), Boolean::logicalAnd);
        }
      }
      return columns;
    });
  }

  /** The findings of a day blocked by its verdict, not by a label; empty when there is no such block to read. */
  private static Optional<List<Finding>> blockFindings(Collection<MetricRecord> records) {
    MetricRecord status = null;
    for (MetricRecord m : records) {
      if (m.metric().equals(MetricNames.LABEL)) {
        return Optional.empty();
      }
      if (m.metric().equals(MetricNames.VERDICT_STATUS)) {
        status = m;
      }
    }
    if (status == null || status.value() != MetricNames.STATUS_BLOCK || status.detail() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Verdict.parse(status.detail(), "stored verdict of " + status.partitionDate()).findings());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The detector a stored warning was made by: a softened warning's own, else the finding's. */
  static String madeBy(Finding f) {
    int colon = f.metric().indexOf(':');
    return Recurrence.softened(f) && colon > 0 ? f.metric().substring(0, colon) : f.detector();
  }

  /**
   * The findings of the day's stored verdict that warned (or would have, but repeated an earlier warned day),
   * cold-start notes left out; empty unless the day warned or passed with such repeats.
   */
  static List<Finding> warnedFindings(Collection<MetricRecord> records) {
    for (MetricRecord m : records) {
      if (!m.metric().equals(MetricNames.VERDICT_STATUS) || m.detail() == null) {
        continue;
      }
      boolean warned = m.value() == MetricNames.STATUS_WARN;
      if (!warned && !(m.value() == MetricNames.STATUS_PASS
          && Recurrence.SOFTENED.stream().anyMatch(m.detail()::contains))) {
        return List.of();
      }
      Verdict verdict;
      try {
        verdict = Verdict.parse(m.detail(), "stored verdict of " + m.partitionDate());
      } catch (RuntimeException e) {
        return List.of();
      }
      List<Finding> out = new ArrayList<>();
      for (Finding f : verdict.findings()) {
        if (f.severity().compareTo(Severity.WARN) >= 0 && !f.detector().equals("cold-start")
            || Recurrence.softened(f)) {
          out.add(f);
        }
      }
      return out;
    }
    return List.of();
  }

  /** The same, for records keyed by metric. */
  static Standing outright(Map<MetricKey, MetricRecord> day) {
    return outright(day.values());
  }
}
