package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A dataset's stored days before the judged one, reduced to the clean baseline: days labelled rejected,
 * and days blocked unless later labelled accepted, are left out (so a repaired rerun is never compared
 * with its own bad metrics).
 */
final class MetricHistory {
  private final TreeMap<LocalDate, Map<MetricKey, MetricRecord>> clean = new TreeMap<>();
  private final Set<LocalDate> excluded = new TreeSet<>();

  MetricHistory(Collection<MetricRecord> records) {
    TreeMap<LocalDate, Map<MetricKey, MetricRecord>> all = new TreeMap<>();
    for (MetricRecord m : records) {
      all.computeIfAbsent(m.partitionDate(), d -> new HashMap<>()).put(m.key(), m);
    }
    all.forEach((day, metrics) -> {
      MetricRecord label = metrics.get(MetricKey.dataset(MetricNames.LABEL));
      MetricRecord status = metrics.get(MetricKey.dataset(MetricNames.VERDICT_STATUS));
      boolean rejected = label != null && label.value() == MetricNames.LABEL_REJECTED;
      boolean accepted = label != null && label.value() == MetricNames.LABEL_ACCEPTED;
      boolean blocked = status != null && status.value() == MetricNames.STATUS_BLOCK;
      if (rejected || blocked && !accepted) {
        excluded.add(day);
      } else {
        clean.put(day, metrics);
      }
    });
  }

  int cleanDays() {
    return clean.size();
  }

  Set<LocalDate> excludedDays() {
    return excluded;
  }

  List<LocalDate> days() {
    return new ArrayList<>(clean.keySet());
  }

  Map<MetricKey, MetricRecord> day(LocalDate date) {
    return clean.getOrDefault(date, Map.of());
  }

  /** The clean values of one metric, oldest first, with dates turned into offsets from the partition day. */
  List<SeriesPoint> series(MetricKey key) {
    List<SeriesPoint> out = new ArrayList<>();
    clean.forEach((day, metrics) -> {
      MetricRecord m = metrics.get(key);
      if (m != null) {
        double v = comparable(m);
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
          out.add(new SeriesPoint(day, v));
        }
      }
    });
    return out;
  }

  /** Records of one metric on the last {@code days} clean days, oldest first. */
  List<MetricRecord> recent(MetricKey key, int days) {
    List<MetricRecord> out = new ArrayList<>();
    for (LocalDate day : clean.descendingKeySet()) {
      if (out.size() == days) {
        break;
      }
      MetricRecord m = clean.get(day).get(key);
      if (m != null) {
        out.add(0, m);
      }
    }
    return out;
  }

  /**
   * The value a series compares: min/max dates move with the calendar, so they are judged as days before
   * the partition date rather than as absolute days.
   */
  static double comparable(MetricRecord m) {
    if (m.metric().equals(MetricNames.MIN_DATE) || m.metric().equals(MetricNames.MAX_DATE)) {
      return m.value() - m.partitionDate().toEpochDay();
    }
    return m.value();
  }

  /** The column a metric is about, for attribution; null for the partition as a whole. */
  static String columnOf(MetricKey key) {
    if (key.entity() == Entity.COLUMN || key.entity() == Entity.FILE) {
      return key.instance();
    }
    if (key.entity() == Entity.COLUMN_PAIR) {
      int comma = key.instance().indexOf(',');
      return comma > 0 ? key.instance().substring(0, comma) : key.instance();
    }
    return MetricKey.WHOLE_DATASET.equals(key.instance()) ? null : key.instance();
  }

  /** A readable name: "income.null_fraction", "row_count", "application_id.duplicate_key_count". */
  static String nameOf(MetricKey key) {
    return MetricKey.WHOLE_DATASET.equals(key.instance()) ? key.metric() : key.instance() + "." + key.metric();
  }
}
