package io.dqgate.anomaly;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.math3.distribution.FDistribution;

/**
 * Whether a series has a day-of-week pattern worth modelling: after removing a straight-line trend (which
 * would otherwise count as unexplained variance), the share of variance explained by the weekday means
 * (one-way ANOVA R²), and whether that share is significant (F test). Values are winsorised first so
 * that one past incident cannot hide a weekly pattern — hiding it would make every normal weekend alarm.
 */
record WeeklySeasonality(double explainedShare, double pValue, boolean seasonal) {
  static final WeeklySeasonality NONE = new WeeklySeasonality(0, 1, false);

  static WeeklySeasonality measure(
      List<SeriesPoint> history, LocalDate today, int windowDays, double minShare, double maxPValue) {
    LocalDate start = today.minusDays(windowDays);
    int first = history.size();
    while (first > 0 && !history.get(first - 1).date().isBefore(start)) {
      first--;
    }
    int n = history.size() - first;
    if (n < 14) {
      return NONE;
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int[] dow = new int[n];
    int[] perDay = new int[7];
    for (int i = 0; i < n; i++) {
      SeriesPoint point = history.get(first + i);
      x[i] = ChronoUnit.DAYS.between(start, point.date());
      y[i] = point.value();
      dow[i] = point.date().getDayOfWeek().getValue() - 1;
      perDay[dow[i]]++;
    }
    // A weekday with no point is no group; one with a single point is a group of one (a day left out of
    // the baselines must not hide the weekly pattern, or the next such weekday alarms again).
    int groups = 0;
    for (int count : perDay) {
      groups += count > 0 ? 1 : 0;
    }
    int df1 = groups - 1;
    int df2 = n - groups - 1; // the weekday means and a slope
    if (df1 < 1 || df2 < 6) {
      return NONE;
    }
    winsoriseWithinWeekday(y, dow);
    double[] residuals = detrend(x, y);
    double mean = 0;
    double[] daySum = new double[7];
    for (int i = 0; i < n; i++) {
      mean += residuals[i];
      daySum[dow[i]] += residuals[i];
    }
    mean /= n;
    double total = 0;
    for (double r : residuals) {
      total += (r - mean) * (r - mean);
    }
    double between = 0;
    for (int d = 0; d < 7; d++) {
      if (perDay[d] > 0) {
        double dayMean = daySum[d] / perDay[d];
        between += perDay[d] * (dayMean - mean) * (dayMean - mean);
      }
    }
    if (!(total > 0)) {
      return NONE;
    }
    double share = between / total;
    double within = total - between;
    double pValue = within <= 0 ? 0.0 : 1 - new FDistribution(null, df1, df2)
        .cumulativeProbability((between / df1) / (within / df2));
    return new WeeklySeasonality(share, pValue, share >= minShare && pValue <= maxPValue);
  }

  private static double[] detrend(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxx > 0 ? sxy / sxx : 0;
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      residuals[i] = y[i] - my - slope * (x[i] - mx);
    }
    return residuals;
  }

  /**
   * Clips each value to its weekday's median ± 5 robust sd of the deviations from weekday medians: one
   * incident can then neither tilt the trend line nor swamp the weekday means, while a weekend dip — the
   * very pattern looked for — is left alone.
   */
  private static void winsoriseWithinWeekday(double[] y, int[] dow) {
    int n = y.length;
    double[] medians = new double[7];
    double[] group = new double[n];
    for (int d = 0; d < 7; d++) {
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (dow[i] == d) {
          group[count++] = y[i];
        }
      }
      medians[d] = RobustStats.medianInPlace(group, count);
    }
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.abs(y[i] - medians[dow[i]]);
    }
    double bound = 5 * RobustStats.MAD_TO_SIGMA * RobustStats.medianInPlace(deviations, n);
    if (bound > 0) {
      for (int i = 0; i < n; i++) {
        double median = medians[dow[i]];
        y[i] = Math.max(median - bound, Math.min(median + bound, y[i]));
      }
    }
  }
}
