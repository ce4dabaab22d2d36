package io.dqgate.anomaly;

import java.util.Arrays;

/**
 * A per-row statistic of a day (a mean, a quantile, a fraction, a correlation) wobbles around its true
 * value by about σ/√rows: a Sunday with a third of a weekday's rows is noisier by √3 in every such
 * metric at once. Left alone, such days score a larger SPE for nothing — and the limits, matched to a
 * baseline of mostly weekdays, are too tight for them. Multiplying each day's deviations by
 * √(rows / reference rows) puts every day on the noise scale of a reference day, so one model and one
 * limit fit all weekdays.
 */
public final class SamplingNoise {
  private SamplingNoise() {}

  /**
   * √(rows / reference); 1 when either is unknown (NaN) or not positive, so a day whose size is not known
   * is left as it is.
   */
  public static double weight(double rows, double reference) {
    if (!(rows > 0) || !(reference > 0) || Double.isInfinite(rows) || Double.isInfinite(reference)) {
      return 1;
    }
    return Math.sqrt(rows / reference);
  }

  /**
   * Scales the per-row columns of every baseline row and of today by {@link #weight}, the reference being
   * the median of the baseline's known row counts. Other columns (counts, volumes) and missing values (NaN)
   * are left alone.
   *
   * @param baseline {@code baseline[day][metric]}, deviations from each metric's level; changed in place
   * @param baselineRows each baseline day's row count (NaN when unknown)
   * @param today today's deviations, changed in place
   * @param todayRows today's row count (NaN when unknown)
   * @param perRow which columns are per-row statistics
   * @return the reference row count (NaN when no baseline day's count is known: nothing is scaled)
   */
  public static double equalise(double[][] baseline, double[] baselineRows, double[] today, double todayRows,
      boolean[] perRow) {
    if (baselineRows.length != baseline.length) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%d baseline rows but %d row counts", baseline.length, baselineRows.length));
    }
    double[] known = Arrays.stream(baselineRows).filter(r -> r > 0 && !Double.isInfinite(r)).toArray();
    if (known.length == 0) {
      return Double.NaN;
    }
    double reference = RobustStats.median(known);
    for (int d = 0; d < baseline.length; d++) {
      scale(baseline[d], weight(baselineRows[d], reference), perRow);
    }
    scale(today, weight(todayRows, reference), perRow);
    return reference;
  }

  private static void scale(double[] values, double weight, boolean[] perRow) {
    for (int k = 0; k < values.length; k++) {
      if (perRow[k] && !Double.isNaN(values[k])) {
        values[k] *= weight;
      }
    }
  }
}
