package io.dqgate.detect;

import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A column that was empty on every clean day and holds values today: a field the source started to fill (a
 * form that began to record whether a citation was issued). Its statistics had nothing to move from, so its
 * distinct count, its categories and its place in the metric vector score as far past a flat history as any
 * measurement can, and none of that says the values are wrong.
 *
 * <p>Until a filled day is in the baselines the column's findings from the day's history warn at most, saying
 * so: a WARN day enters the baselines once the days after it confirm the column as filled, as any shift that
 * persists does, where a block would hold every later day out until a person accepted one. Once a filled day
 * is in the baselines, and while the empty days still outnumber the filled ones among the last
 * {@link #WINDOW} clean days (the baselines the detectors draw on are still mostly the empty column), the
 * column's findings are INFO. Rules, schema and file checks keep their own severity.
 */
final class FilledColumn {
  /** The clean days the detectors' baselines draw on: a series' level, drift's and the metric vector's days. */
  static final int WINDOW = 28;

  private FilledColumn() {}

  /** Since when a column is filled: the clean days it was empty and filled on, and the first filled day. */
  record Filled(int emptyDays, int filledDays, LocalDate since) {}

  static List<Finding> soften(List<Finding> findings, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    Map<String, Optional<Filled>> columns = new HashMap<>();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.severity() == Severity.INFO || f.column() == null) {
        out.add(f);
        continue;
      }
      Filled filled = columns.computeIfAbsent(f.column(), c -> filled(c, today, history)).orElse(null);
      if (filled == null) {
        out.add(f);
      } else if (filled.filledDays() == 0) {
        out.add(f.severity() != Severity.BLOCK ? f : f.withSeverity(Severity.WARN, f.message()
            + String.format(Locale.ROOT, " — %s was empty on all %d clean days before: its values are new, not"
                + " moved, and it warns until the days after confirm it filled", f.column(), filled.emptyDays())));
      } else {
        out.add(f.withSeverity(Severity.INFO, f.message() + String.format(Locale.ROOT, " — %s, empty on %d clean"
            + " days, has been filled since %s (%d clean days so far): the baselines still hold mostly the empty"
            + " column", f.column(), filled.emptyDays(), filled.since(), filled.filledDays())));
      }
    }
    return out;
  }

  /**
   * The column's filling, when today some row has a value, the clean days that hold its null count were empty
   * (every row null or blank) on at least {@link SignatureJudge#MIN_DAYS} days and filled on none before an
   * empty one, and the empty days outnumber the filled ones among the last {@link #WINDOW}; empty otherwise.
   */
  static Optional<Filled> filled(String column, Map<MetricKey, MetricRecord> today,
      MetricHistory history) {
    if (!(present(column, today) > 0)) {
      return Optional.empty();
    }
    List<Boolean> empty = new ArrayList<>();
    LocalDate since = null;
    for (LocalDate d : history.days()) {
      double share = present(column, history.day(d));
      if (Double.isNaN(share)) {
        continue;
      }
      boolean none = share <= 1e-9;
      if (none && since != null) {
        return Optional.empty(); // emptied again after it was filled: not a field that came alive
      }
      if (!none && since == null) {
        since = d;
      }
      empty.add(none);
    }
    int emptyDays = (int) empty.stream().filter(e -> e).count();
    List<Boolean> recent = empty.subList(Math.max(0, empty.size() - WINDOW), empty.size());
    long recentEmpty = recent.stream().filter(e -> e).count();
    if (emptyDays < SignatureJudge.MIN_DAYS || recentEmpty <= recent.size() - recentEmpty) {
      return Optional.empty();
    }
    return Optional.of(new Filled(emptyDays, empty.size() - emptyDays, since));
  }

  /** The share of the day's rows with a value in the column; NaN when the day has no null count for it. */
  private static double present(String column, Map<MetricKey, MetricRecord> day) {
    MetricRecord n = day.get(MetricKey.column(column, MetricNames.NULL_FRACTION));
    MetricRecord b = day.get(MetricKey.column(column, MetricNames.EMPTY_STRING_FRACTION));
    return n == null ? Double.NaN : 1 - n.value() - (b == null ? 0 : b.value());
  }
}
