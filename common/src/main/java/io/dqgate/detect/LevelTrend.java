package io.dqgate.detect;

import java.util.Arrays;

/**
 * The clean days' levels against their baseline (the median log ratio of each day's quantiles to the
 * baseline's), read as a straight line through time where one runs through them: a price that climbs into its
 * season puts the window's first days below the baseline and its last above it, and that span is the season's,
 * not how far one day may stray. The line is Theil–Sen's (the median of the pairwise slopes), which a few odd
 * days do not tilt.
 *
 * @param expected the level the line gives the day judged (0 where no line runs through the levels)
 * @param spread how far any clean day lay from the line (from 0 where there is none)
 * @param trending whether the line runs further over the window than any day strays from it
 */
record LevelTrend(double expected, double spread, boolean trending) {
  /** The trend of {@code levels} on days {@code x}, carried to day {@code today}. */
  static LevelTrend of(double[] x, double[] levels, double today) {
    double flat = Arrays.stream(levels).map(Math::abs).max().orElse(0);
    int n = levels.length;
    if (n < 3) {
      return new LevelTrend(0, flat, false);
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        slopes[k++] = x[j] == x[i] ? 0 : (levels[j] - levels[i]) / (x[j] - x[i]);
      }
    }
    double slope = Signal.median(Arrays.copyOf(slopes, k));
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      intercepts[i] = levels[i] - slope * x[i];
    }
    double intercept = Signal.median(intercepts);
    double off = 0;
    for (int i = 0; i < n; i++) {
      off = Math.max(off, Math.abs(levels[i] - intercept - slope * x[i]));
    }
    double span = Math.abs(slope) * (Arrays.stream(x).max().orElse(0) - Arrays.stream(x).min().orElse(0));
    if (span <= off || off >= flat) {
      return new LevelTrend(0, flat, false);
    }
    return new LevelTrend(intercept + slope * today, off, true);
  }
}
