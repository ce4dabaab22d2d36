package io.dqgate.detect;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The day's columns against the clean days' columns, from the stored profile alone (no config, no file
 * checks): a column every one of the last {@link #STABLE_DAYS} clean days had and the day lacks has
 * vanished; one no clean day in the look-back had has appeared; one of each is a rename. Each blocks with
 * cause {@code schema-change}: a feature pipeline reading the column by name breaks either way.
 */
final class SchemaJudge {
  static final String CAUSE = "schema-change";
  /** A column must have been on this many latest clean days to count as part of the schema. */
  static final int STABLE_DAYS = 3;

  private SchemaJudge() {}

  static List<Finding> judge(Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<LocalDate> days = history.days();
    if (days.isEmpty()) {
      return List.of();
    }
    Set<String> now = columns(today.values());
    Set<String> seen = new TreeSet<>();
    days.forEach(d -> seen.addAll(columns(history.day(d).values())));
    Set<String> stable = null;
    for (LocalDate d : days.subList(Math.max(0, days.size() - STABLE_DAYS), days.size())) {
      Set<String> c = columns(history.day(d).values());
      if (stable == null) {
        stable = c;
      } else {
        stable.retainAll(c);
      }
    }
    Set<String> vanished = new TreeSet<>(stable);
    vanished.removeAll(now);
    Set<String> appeared = new TreeSet<>(now);
    appeared.removeAll(seen);
    List<Finding> out = new ArrayList<>();
    if (vanished.size() == 1 && appeared.size() == 1) {
      String from = vanished.iterator().next();
      String to = appeared.iterator().next();
      out.add(finding(to, "column " + from + " is gone and " + to + " is new: renamed " + from + " -> " + to
          + "? (" + days.size() + " clean days had " + from + ")"));
      return out;
    }
    for (String c : vanished) {
      out.add(finding(c, "column " + c + " is missing: each of the last " + Math.min(STABLE_DAYS, days.size())
          + " clean days had it"));
    }
    for (String c : appeared) {
      out.add(finding(c, "column " + c + " is new: none of " + days.size() + " clean days had it"));
    }
    return out;
  }

  private static Finding finding(String column, String message) {
    return new Finding("schema", "columns", column, null, Double.NaN, Double.NaN, Double.NaN, 100,
        Severity.BLOCK, message, CAUSE, null);
  }

  /** The profiled columns of a day: every column has a null fraction, whatever its kind. */
  static Set<String> columns(Collection<MetricRecord> day) {
    Set<String> out = new TreeSet<>();
    for (MetricRecord m : day) {
      if (m.entity() == Entity.COLUMN && m.metric().equals(MetricNames.NULL_FRACTION)) {
        out.add(m.instance());
      }
    }
    return out;
  }
}
