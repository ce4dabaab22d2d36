package io.dqgate.anomaly;

import java.util.function.IntToDoubleFunction;

/**
 * How far a detector's score moves on the baseline's own days: each baseline day scored against the other
 * baseline days, the way today is scored against all of them. A fixed rule's alarm that today's score does
 * not carry clearly past the highest of those is the dataset's ordinary day-to-day movement (a drift
 * threshold below a feed's natural mix changes, a heavy-tailed maximum, a weekday's volume), not an
 * anomaly. This holds fixed rules to the dataset's own spread.
 */
public final class LeaveOneOut {
  /** Baseline days needed before their own spread can silence a fixed rule. */
  public static final int MIN_DAYS = 5;

  /**
   * How far past the baseline days' highest own score today must reach. Of n exchangeable days, the
   * chance that a given one is the highest is 1/n; asking for half as much again keeps the chance of a
   * clean day passing that mark small on the few days a warm-up has, with several columns judged at once.
   */
  public static final double MARGIN = 1.5;

  private LeaveOneOut() {}

  /**
   * The highest score of the baseline's days, each scored against the others by {@code scoreOfDay} (NaN:
   * not scorable, skipped); NaN when fewer than {@link #MIN_DAYS} days were scored.
   */
  public static double highest(int days, IntToDoubleFunction scoreOfDay) {
    if (days < MIN_DAYS) {
      return Double.NaN;
    }
    double max = Double.NEGATIVE_INFINITY;
    int scored = 0;
    for (int i = 0; i < days; i++) {
      double s = scoreOfDay.applyAsDouble(i);
      if (!Double.isNaN(s)) {
        max = Math.max(max, s);
        scored++;
      }
    }
    return scored < MIN_DAYS ? Double.NaN : max;
  }

  /** Whether today's score stays within the baseline days' own spread ({@link #MARGIN} past their highest). */
  public static boolean withinOwnSpread(double score, double highest) {
    return !Double.isNaN(highest) && score <= MARGIN * highest;
  }
}
