package io.dqgate.files;

import io.dqgate.Median;
import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.config.FilesSpec;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.FileCheck;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files, bytes and rows of a partition against the dataset's history: the median of the look-back
 * window, or of the same weekday once there are two of those, so a quiet Sunday is not a volume drop.
 * With only one earlier day of the weekday, a day off the window's median but within bounds of that one
 * day passes (the second Sunday of a new dataset looks like the first). A change no larger than the
 * feed's own swings, each day against its weekday, passes too.
 */
final class VolumeCheck {
  static final int WEEKDAY_MIN_POINTS = 2;

  private VolumeCheck() {}

  static List<FileFinding> check(LocalDate date, Map<String, Double> today, List<MetricRecord> history,
      FilesSpec spec) {
    List<FileFinding> findings = new ArrayList<>();
    Map<String, List<MetricRecord>> byMetric = new HashMap<>();
    today.keySet().forEach(metric -> byMetric.put(metric, new ArrayList<>()));
    for (MetricRecord m : history) {
      List<MetricRecord> series = byMetric.get(m.metric());
      if (series != null && m.instance().equals("*") && !Double.isNaN(m.value())) {
        series.add(m);
      }
    }
    for (Map.Entry<String, Double> metric : today.entrySet()) {
      List<MetricRecord> all = byMetric.get(metric.getKey());
      if (all.size() < spec.volumeMinHistory()) {
        continue;
      }
      List<MetricRecord> sameWeekday = all.stream()
          .filter(m -> m.partitionDate().getDayOfWeek() == date.getDayOfWeek())
          .toList();
      boolean weekday = sameWeekday.size() >= WEEKDAY_MIN_POINTS;
      double[] values = (weekday ? sameWeekday : all).stream().mapToDouble(MetricRecord::value).toArray();
      double median = Median.of(values);
      double low = median * (1 - spec.volumeMaxRelativeChange());
      double high = median * (1 + spec.volumeMaxRelativeChange());
      double observed = metric.getValue();
      if (sameWeekday.size() == 1) {
        double last = sameWeekday.get(0).value();
        if (observed >= last * (1 - spec.volumeMaxRelativeChange())
            && observed <= last * (1 + spec.volumeMaxRelativeChange())) {
          continue;
        }
      }
      double change = median == 0 ? Double.POSITIVE_INFINITY : (observed - median) / median;
      // each day only against its own weekday: across weekdays, a weekly pattern would pass for spread
      if ((observed < low || observed > high) && !(weekday && withinOwnSpread(change, byWeekday(all)))) {
        findings.add(new FileFinding(FileCheck.VOLUME, spec.severity(FileCheck.VOLUME), null, null, observed, low,
            high, String.format(Locale.ROOT, "%s %s vs %s median %s (%+.0f%%)", metric.getKey(), plain(observed),
                weekday ? date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                    : values.length + "-day", plain(median), change * 100)));
      }
    }
    return findings;
  }

  /** The history's values, one array per weekday. */
  private static List<double[]> byWeekday(List<MetricRecord> all) {
    Map<java.time.DayOfWeek, List<MetricRecord>> groups = new java.util.EnumMap<>(java.time.DayOfWeek.class);
    all.forEach(m -> groups.computeIfAbsent(m.partitionDate().getDayOfWeek(), d -> new ArrayList<>()).add(m));
    return groups.values().stream().map(g -> g.stream().mapToDouble(MetricRecord::value).toArray()).toList();
  }

  /**
   * Whether the history's own days, each against the median of the other days of its weekday, changed as
   * much as today in the same direction ({@link LeaveOneOut}): a feed whose volume swings by 60 % on ordinary
   * days is not alarming at 55 %. A day counts once its weekday has {@link #WEEKDAY_MIN_POINTS} other days,
   * so three weeks of history say how much the feed swings.
   */
  static boolean withinOwnSpread(double change, List<double[]> weekdays) {
    if (Double.isInfinite(change)) {
      return false;
    }
    List<Double> swings = new ArrayList<>();
    for (double[] values : weekdays) {
      for (int i = 0; values.length > WEEKDAY_MIN_POINTS && i < values.length; i++) {
        double[] others = new double[values.length - 1];
        for (int j = 0, k = 0; j < values.length; j++) {
          if (j != i) {
            others[k++] = values[j];
          }
        }
        double median = Median.of(others);
        double own = median > 0 ? (values[i] - median) / median : Double.NaN;
        swings.add(Math.signum(own) == Math.signum(change) ? Math.abs(own) : 0);
      }
    }
    double largest = LeaveOneOut.highest(swings.size(), swings::get);
    return LeaveOneOut.withinOwnSpread(Math.abs(change), largest);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
