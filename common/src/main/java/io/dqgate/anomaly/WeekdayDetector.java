package io.dqgate.anomaly;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Day-of-week aware robust level: today is compared with the median of the same weekday in the trailing
 * window, and the band's width comes from leave-one-out errors of that same prediction, pooled over all
 * weekdays.
 *
 * <p>Why this and not seasonal differencing (value − value 7 days before): the difference compares today
 * with a single day, so one bad day last week echoes as an alarm this week, and its noise is √2 times the
 * day's. The same-weekday median survives bad weeks once a weekday has three or more points. Its weakness —
 * only 2–5 points per weekday, too few for a spread — is why the spread is pooled: every point in the
 * window is predicted by the median of the other points of its weekday, and the robust spread of those
 * errors is exactly the spread of the prediction made for today (slightly wider, as today's reference has
 * one point more).
 */
public final class WeekdayDetector implements SeriesDetector {
  public static final String METHOD = "weekday-mad";

  private final int windowDays;
  private final int minPoints;
  private final int minSameWeekday;
  private final double threshold;
  private final SpreadFloor floor;

  /** 35 days (five of each weekday), from 14 points with 2 of today's weekday, 4 robust sd. */
  public WeekdayDetector() {
    this(35, 14, 2, 4.0, SpreadFloor.DEFAULT);
  }

  public WeekdayDetector(
      int windowDays, int minPoints, int minSameWeekday, double threshold, SpreadFloor floor) {
    if (minSameWeekday < 2 || minPoints < 7 || windowDays < 14) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "need minSameWeekday >= 2, minPoints >= 7, windowDays >= 14, cannot be: %d, %d, %d",
          minSameWeekday, minPoints, windowDays));
    }
    this.windowDays = windowDays;
    this.minPoints = minPoints;
    this.minSameWeekday = minSameWeekday;
    this.threshold = threshold;
    this.floor = floor;
  }

  @Override
  public Optional<SeriesVerdict> judge(List<SeriesPoint> history, LocalDate today, double observed) {
    LocalDate start = today.minusDays(windowDays);
    double[][] byWeekday = new double[7][];
    int[] counts = new int[7];
    int total = 0;
    for (int i = history.size() - 1; i >= 0; i--) {
      SeriesPoint point = history.get(i);
      if (point.date().isBefore(start)) {
        break;
      }
      int dow = point.date().getDayOfWeek().getValue() - 1;
      if (byWeekday[dow] == null) {
        byWeekday[dow] = new double[windowDays / 7 + 1];
      }
      if (counts[dow] < byWeekday[dow].length) {
        byWeekday[dow][counts[dow]++] = point.value();
        total++;
      }
    }
    int todayDow = today.getDayOfWeek().getValue() - 1;
    if (total < minPoints || counts[todayDow] < minSameWeekday) {
      return Optional.empty();
    }
    double[] errors = leaveOneOutErrors(byWeekday, counts, total);
    int errorCount = errors.length;
    if (errorCount < 7) {
      return Optional.empty();
    }
    double[] same = byWeekday[todayDow].clone();
    double expected = RobustStats.medianInPlace(same, counts[todayDow]);
    // errors are already predictions of a held-out point: their spread needs no widening for the median's
    // own uncertainty, only the small-sample correction of the MAD
    double mad = RobustStats.mad(errors, errorCount, 0.0, new double[errorCount]);
    double sigma = floor.apply(mad * RobustStats.MAD_TO_SIGMA * errorCount / (errorCount - 0.8), expected);
    String basis = String.format(Locale.ROOT, "median of the last %d %ss",
        counts[todayDow], today.getDayOfWeek().toString().toLowerCase(Locale.ROOT));
    return Optional.of(
        RobustLevelDetector.verdict(METHOD, observed, expected, sigma, threshold, basis));
  }

  /** Each point minus the median of the other points of its weekday (weekdays with one point skipped). */
  private static double[] leaveOneOutErrors(double[][] byWeekday, int[] counts, int total) {
    double[] errors = new double[total];
    double[] others = new double[total];
    int count = 0;
    for (int dow = 0; dow < 7; dow++) {
      int m = counts[dow];
      if (m < 2) {
        continue;
      }
      double[] values = byWeekday[dow];
      for (int i = 0; i < m; i++) {
        int o = 0;
        for (int j = 0; j < m; j++) {
          if (j != i) {
            others[o++] = values[j];
          }
        }
        errors[count++] = values[i] - RobustStats.medianInPlace(others, o);
      }
    }
    return Arrays.copyOf(errors, count);
  }
}
