package io.dqgate.anomaly;

import java.util.Arrays;

/**
 * Additive Holt-Winters (level, trend, season of period m) on an evenly spaced series where NaN marks a
 * missing period. Parameters are chosen on a coarse grid by one-step-ahead squared error.
 *
 * <p>Robustness: an observation whose one-step error exceeds {@code clip} enters the state updates as
 * forecast ± clip (a Huber-style update), so a past incident left in the history bends the level and the
 * season by at most {@code clip}, instead of echoing through the next weeks' forecasts.
 */
final class HoltWinters {
  static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.35, 0.5, 0.7};
  static final double[] BETAS = {0.0, 0.05, 0.15};
  static final double[] GAMMAS = {0.05, 0.15, 0.3, 0.5};

  /**
   * @param forecast the forecast {@code horizon} periods after the last element
   * @param residuals one-step errors (observation − forecast, unclipped) of the chosen parameters
   */
  record Fit(double alpha, double beta, double gamma, double forecast, double[] residuals, double sse) {

    /** Robust spread of the one-step errors, around 0 (a biased forecast counts as error). */
    double residualSigma() {
      int n = residuals.length;
      double mad = RobustStats.mad(residuals, n, 0.0, new double[n]);
      return mad * RobustStats.MAD_TO_SIGMA * n / (n - 0.8);
    }
  }

  private HoltWinters() {}

  /** @return null when the first two seasons, which set the initial state, hold no value each */
  static Fit fit(double[] y, int period, int horizon, double clip) {
    double[] init = initialState(y, period);
    if (init == null) {
      return null;
    }
    double[] season = new double[period];
    double bestSse = Double.POSITIVE_INFINITY;
    double[] best = null;
    for (double alpha : ALPHAS) {
      for (double beta : BETAS) {
        for (double gamma : GAMMAS) {
          double sse = run(y, period, alpha, beta, gamma, init, clip, season, null, null);
          if (sse < bestSse) {
            bestSse = sse;
            best = new double[] {alpha, beta, gamma};
          }
        }
      }
    }
    double[] residuals = new double[y.length];
    double[] state = new double[3]; // level, trend, residual count
    run(y, period, best[0], best[1], best[2], init, clip, season, residuals, state);
    int last = y.length - 1;
    double forecast = state[0] + horizon * state[1] + season[(last + horizon) % period];
    return new Fit(best[0], best[1], best[2], forecast,
        Arrays.copyOf(residuals, (int) state[2]), bestSse);
  }

  /**
   * Level and trend at the end of the first season and the season itself, from the first two seasons:
   * trend from the difference of their means, level by moving the first mean to its season's end, season
   * as the average deviation from that line. Exact for a noise-free linear trend plus season.
   */
  static double[] initialState(double[] y, int m) {
    if (y.length < 2 * m) {
      return null;
    }
    double[] sum = new double[2];
    double[] indexSum = new double[2];
    int[] count = new int[2];
    for (int t = 0; t < 2 * m; t++) {
      if (!Double.isNaN(y[t])) {
        sum[t / m] += y[t];
        indexSum[t / m] += t;
        count[t / m]++;
      }
    }
    if (count[0] == 0 || count[1] == 0) {
      return null;
    }
    double mean0 = sum[0] / count[0];
    double center0 = indexSum[0] / count[0];
    double trend = (sum[1] / count[1] - mean0) / (indexSum[1] / count[1] - center0);
    double level = mean0 + (m - 1 - center0) * trend;
    double[] state = new double[m + 2];
    state[0] = level;
    state[1] = trend;
    int[] slotCount = new int[m];
    for (int t = 0; t < 2 * m; t++) {
      if (!Double.isNaN(y[t])) {
        state[2 + t % m] += y[t] - (level + (t - (m - 1)) * trend);
        slotCount[t % m]++;
      }
    }
    for (int slot = 0; slot < m; slot++) {
      if (slotCount[slot] > 0) {
        state[2 + slot] /= slotCount[slot];
      }
    }
    return state;
  }

  /** Filters from the second season on; returns the sum of squared (clipped) one-step errors. */
  private static double run(double[] y, int m, double alpha, double beta, double gamma, double[] init,
      double clip, double[] season, double[] residualsOut, double[] stateOut) {
    double level = init[0];
    double trend = init[1];
    System.arraycopy(init, 2, season, 0, m);
    double sse = 0;
    int residualCount = 0;
    for (int t = m; t < y.length; t++) {
      int slot = t % m;
      double forecast = level + trend + season[slot];
      double observed = y[t];
      if (Double.isNaN(observed)) {
        level += trend; // a missing period: the state coasts, the season keeps its value
        continue;
      }
      double error = observed - forecast;
      if (residualsOut != null) {
        residualsOut[residualCount] = error;
      }
      residualCount++;
      error = Math.max(-clip, Math.min(clip, error));
      sse += error * error;
      double cleaned = forecast + error;
      double newLevel = alpha * (cleaned - season[slot]) + (1 - alpha) * (level + trend);
      trend = beta * (newLevel - level) + (1 - beta) * trend;
      season[slot] = gamma * (cleaned - newLevel) + (1 - gamma) * season[slot];
      level = newLevel;
    }
    if (stateOut != null) {
      stateOut[0] = level;
      stateOut[1] = trend;
      stateOut[2] = residualCount;
    }
    return sse;
  }

  /**
   * A robust noise level before any model exists, for the clip: the spread of season-over-season
   * differences divided by √2 (a difference carries two days' noise). Level and trend cancel out of it.
   */
  static double seasonalDifferenceSigma(double[] y, int m) {
    double[] diffs = new double[y.length];
    int n = 0;
    for (int t = m; t < y.length; t++) {
      if (!Double.isNaN(y[t]) && !Double.isNaN(y[t - m])) {
        diffs[n++] = y[t] - y[t - m];
      }
    }
    if (n < 3) {
      return Double.POSITIVE_INFINITY;
    }
    double median = RobustStats.medianInPlace(diffs, n);
    return RobustStats.mad(diffs, n, median, new double[n]) * RobustStats.MAD_TO_SIGMA / Math.sqrt(2);
  }
}
