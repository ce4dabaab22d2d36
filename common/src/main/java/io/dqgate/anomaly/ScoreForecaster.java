package io.dqgate.anomaly;

import java.util.Arrays;

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
   * @param scores {@code scores[row][i]}
   * @param offsets each row's day, counted from the first row's; ascending, gaps allowed
   * @param horizon days from the last row to the day to forecast
   * @param inflation factor (>= 1) by which in-sample errors understate errors on new days
   */
  static ScoreForecaster fit(
      double[][] scores, int[] offsets, int horizon, double[] lambda, int k, double inflation) {
    int last = offsets[offsets.length - 1];
    int start = Math.max(0, last - WINDOW_DAYS + 1);
    double[] series = new double[last - start + 1];
    double[] forecast = new double[k];
    double[] variance = new double[k];
    for (int i = 0; i < k; i++) {
      Arrays.fill(series, Double.NaN); // days left out of the baseline stay missing
      for (int r = 0; r < offsets.length; r++) {
        if (offsets[r] >= start) {
          series[offsets[r] - start] = scores[r][i];
        }
      }
      double noise = Math.max(HoltWinters.seasonalDifferenceSigma(series, 7), 1e-3 * Math.sqrt(lambda[i]));
      HoltWinters.Fit fit = HoltWinters.fit(series, 7, horizon, 4 * noise);
      if (fit == null || fit.residuals().length < 7) {
        forecast[i] = 0; // the baseline mean: plain T²
        variance[i] = lambda[i];
      } else {
        double sigma = fit.residualSigma();
        // as in HoltWintersDetector: a gap before today widens the forecast's error
        double widen = 1 + (horizon - 1) * fit.alpha() * fit.alpha();
        forecast[i] = fit.forecast();
        // never claim more than a thousandfold sharper than the component's own spread
        variance[i] = Math.max(sigma * sigma * inflation * widen, 1e-3 * lambda[i]);
      }
    }
    return new ScoreForecaster(forecast, variance);
  }
}
