package io.dqgate.anomaly;

/**
 * Uber DQM's refinement: each component score is itself a daily series; forecast tomorrow's with weekly
 * Holt-Winters and judge the distance from the forecast, scaled by the forecast's own error, instead of
 * the distance from the baseline mean scaled by the component's whole variance. A weekly pattern that
 * dominates a component then no longer widens its band, so a Sunday that looks like a Monday stands out.
 */
final class ScoreForecaster {
  static final int WINDOW_DAYS = 56;
  /** Four weekly cycles: fewer leave Holt-Winters too little to fit on. */
  static final int MIN_DAYS = 28;

  /** Forecast of each component's score for the day after the baseline. */
  final double[] forecast;
  /** Variance of each component's one-step forecast error. */
  final double[] variance;

  private ScoreForecaster(double[] forecast, double[] variance) {
    this.forecast = forecast;
    this.variance = variance;
  }

  /**
   * @param scores {@code scores[day][i]}, days consecutive and ascending
   * @param inflation factor (>= 1) by which in-sample errors understate errors on new days
   */
  static ScoreForecaster fit(double[][] scores, double[] lambda, int k, double inflation) {
    int n = scores.length;
    int from = Math.max(0, n - WINDOW_DAYS);
    double[] series = new double[n - from];
    double[] forecast = new double[k];
    double[] variance = new double[k];
    for (int i = 0; i < k; i++) {
      for (int d = from; d < n; d++) {
        series[d - from] = scores[d][i];
      }
      double noise = Math.max(HoltWinters.seasonalDifferenceSigma(series, 7), 1e-3 * Math.sqrt(lambda[i]));
      HoltWinters.Fit fit = HoltWinters.fit(series, 7, 1, 4 * noise);
      if (fit == null || fit.residuals().length < 7) {
        forecast[i] = 0; // the baseline mean: plain T²
        variance[i] = lambda[i];
      } else {
        double sigma = fit.residualSigma();
        forecast[i] = fit.forecast();
        // never claim more than a thousandfold sharper than the component's own spread
        variance[i] = Math.max(sigma * sigma * inflation, 1e-3 * lambda[i]);
      }
    }
    return new ScoreForecaster(forecast, variance);
  }
}
