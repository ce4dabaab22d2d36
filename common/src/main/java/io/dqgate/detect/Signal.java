package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the contamination signatures share: how they write a finding, and the clean days' envelope. */
final class Signal {
  private Signal() {}

  /** Builds signature findings at the configured severity (additive schema changes only warn). */
  record Factory(Severity severity) {
    Finding of(String metric, String column, double observed, double low, double high, double score, String cause,
        String message) {
      return new Finding(SignatureJudge.DETECTOR, metric, column, null, observed, low, high, score, severity, message,
          cause, null);
    }

    Finding warning(String metric, String column, double observed, double low, double high, double score,
        String cause, String message) {
      Severity s = severity == Severity.BLOCK ? Severity.WARN : severity;
      return new Finding(SignatureJudge.DETECTOR, metric, column, null, observed, low, high, score, s, message, cause,
          null);
    }
  }

  /** The values of a series, oldest first. */
  static double[] values(List<SeriesPoint> series) {
    return series.stream().mapToDouble(SeriesPoint::value).toArray();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  /**
   * How far a rising fraction must pass the highest clean day before it is a signature: at least
   * {@code floor}, four binomial standard errors at that level for {@code rows} rows, and the clean days'
   * own excursion above their median (a heavy-tailed metric earns a wider margin). The level is at least
   * the share that clean days of {@code rows} rows each could hold without showing a single such row, by
   * the rule of three (3 in all of them): a counter that never counted a row on any clean day has a rate
   * that small, where one row a day would let a small day's handful of copied rows pass as noise.
   */
  static double margin(double[] clean, double rows, double floor) {
    double top = max(clean);
    double unseen = 1 / rows * Math.min(1, 3.0 / Math.max(1, clean.length));
    double noise = rows > 0 ? 4 * Math.sqrt(Math.max(top, unseen) * (1 - Math.min(top, 0.5)) / rows) : 0;
    return Math.max(floor, Math.max(noise, top - median(clean)));
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  static String number(double v) {
    return SeriesJudge.fmt(v);
  }
}
