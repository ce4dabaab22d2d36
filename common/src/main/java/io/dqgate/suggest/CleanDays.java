package io.dqgate.suggest;

import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profiled days of a range that rules may be learnt from: every day except those left out of detection's
 * baselines for good — labelled rejected, or blocked and not accepted. A day that only warned stays: a rule
 * that a warned day breaks would block days the gate let through.
 */
public final class CleanDays {
  private final TreeMap<LocalDate, Map<MetricKey, MetricRecord>> clean = new TreeMap<>();
  private final Map<LocalDate, String> leftOut = new LinkedHashMap<>();

  CleanDays(Collection<MetricRecord> records) {
    TreeMap<LocalDate, Map<MetricKey, MetricRecord>> all = new TreeMap<>();
    for (MetricRecord m : records) {
      all.computeIfAbsent(m.partitionDate(), d -> new LinkedHashMap<>()).put(m.key(), m);
    }
    all.forEach((day, metrics) -> {
      if (!metrics.containsKey(MetricKey.dataset(MetricNames.ROW_COUNT))) {
        return; // file checks only: nothing to learn a rule from
      }
      String why = whyLeftOut(metrics);
      if (why == null) {
        clean.put(day, metrics);
      } else {
        leftOut.put(day, why);
      }
    });
  }

  /** "rejected", "blocked" or null for a day rules may be learnt from. */
  static String whyLeftOut(Map<MetricKey, MetricRecord> day) {
    MetricRecord label = day.get(MetricKey.dataset(MetricNames.LABEL));
    MetricRecord status = day.get(MetricKey.dataset(MetricNames.VERDICT_STATUS));
    if (label != null) {
      return label.value() == MetricNames.LABEL_REJECTED ? "rejected" : null;
    }
    return status != null && status.value() == MetricNames.STATUS_BLOCK ? "blocked" : null;
  }

  public List<LocalDate> days() {
    return new ArrayList<>(clean.keySet());
  }

  public int size() {
    return clean.size();
  }

  /** Profiled days of the range left out, with why ("blocked", "rejected"), oldest first. */
  public Map<LocalDate, String> leftOut() {
    return leftOut;
  }

  /** The value of {@code key} on each clean day that has it, oldest first. */
  List<MetricRecord> series(MetricKey key) {
    List<MetricRecord> out = new ArrayList<>();
    clean.values().forEach(day -> {
      MetricRecord m = day.get(key);
      if (m != null) {
        out.add(m);
      }
    });
    return out;
  }

  /** The record of {@code key} on {@code day}, or null. */
  MetricRecord get(LocalDate day, MetricKey key) {
    return clean.getOrDefault(day, Map.of()).get(key);
  }

  /** Every clean day's records, oldest first. */
  Collection<Map<MetricKey, MetricRecord>> all() {
    return clean.values();
  }
}
