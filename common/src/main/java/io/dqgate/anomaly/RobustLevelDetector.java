package io.dqgate.anomaly;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Median ± k robust standard deviations over the last {@code window} points. Blind to weekly patterns (a
 * normal weekend dip alarms), but needs only a week of history and shrugs off a few bad days in it — the
 * median and MAD have a 50 % breakdown point, unlike mean and standard deviation.
 */
public final class RobustLevelDetector implements SeriesDetector {
  public static final String METHOD = "robust-mad";

  private final int window;
  private final int minPoints;
  private final double threshold;
  private final SpreadFloor floor;

  /** 28 points, from 7 points, 4 robust standard deviations, default floors. */
  public RobustLevelDetector() {
    this(28, 7, 4.0, SpreadFloor.DEFAULT);
  }

  public RobustLevelDetector(int window, int minPoints, double threshold, SpreadFloor floor) {
    if (minPoints < 3 || window < minPoints) {
      throw new IllegalArgumentException(
          "need 3 <= minPoints <= window, cannot be: minPoints=" + minPoints + ", window=" + window);
    }
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("threshold must be > 0, cannot be: " + threshold);
    }
    this.window = window;
    this.minPoints = minPoints;
    this.threshold = threshold;
    this.floor = floor;
  }

  @Override
  public Optional<SeriesVerdict> judge(List<SeriesPoint> history, LocalDate today, double observed) {
    int size = history.size();
    if (size < minPoints) {
      return Optional.empty();
    }
    int n = Math.min(window, size);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = history.get(size - n + i).value();
    }
    double median = RobustStats.medianInPlace(values, n);
    double mad = RobustStats.mad(values, n, median, new double[n]);
    double sigma = floor.apply(RobustStats.predictiveSigma(mad, n), median);
    return Optional.of(verdict(METHOD, observed, median, sigma, threshold,
        String.format(Locale.ROOT, "median of the last %d points", n)));
  }

  /** Shared by the detectors: a verdict for {@code observed} against {@code expected ± threshold·sigma}. */
  static SeriesVerdict verdict(
      String method, double observed, double expected, double sigma, double threshold, String basis) {
    // a NaN observation (metric could not be computed) is as far from normal as it gets
    double score = Double.isNaN(observed) ? Double.POSITIVE_INFINITY : Math.abs(observed - expected) / sigma;
    double low = expected - threshold * sigma;
    double high = expected + threshold * sigma;
    boolean anomalous = score > threshold;
    String explanation = String.format(Locale.ROOT,
        "%s %s is %.1f robust sd %s the expected %s (%s; band %s..%s)",
        anomalous ? "anomalous:" : "normal:", Format.number(observed), score,
        observed >= expected ? "above" : "below", Format.number(expected), basis, Format.number(low),
        Format.number(high));
    return new SeriesVerdict(anomalous, observed, low, high, score, method, explanation);
  }
}
