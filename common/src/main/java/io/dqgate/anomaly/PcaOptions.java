package io.dqgate.anomaly;

import java.util.Locale;

/**
 * Settings of {@link PcaModel}.
 *
 * @param explainedVariance keep the fewest components that explain this share of the standardised
 *     variance (default 0.90)
 * @param maxComponents upper bound on components whatever the share (default unbounded)
 * @param confidence limits for a finding (default 0.99: one false alarm per statistic in a hundred
 *     normal days, if the model holds)
 * @param severeConfidence limits for a severe finding (default 0.999)
 * @param floor spread floors of the robust standardisation
 * @param winsorize baseline values are clipped at ± this many robust sd before the fit, so that one odd
 *     day left in the baseline cannot claim a component of its own (default 6); today is never clipped
 * @param limitMethod how limits are set, see {@link LimitMethod}
 * @param calibrationFolds folds for held-out limits; 0 = leave-one-out up to 60 baseline days, else 3
 * @param forecastScores forecast each component score with weekly Holt-Winters and measure T² from the
 *     forecast (Uber's DQM), from 28 baseline days; the model must know the rows' days (see the dated
 *     {@code PcaModel.fit} methods). Off by default: DetectionBenchmark finds it catches days that are
 *     normal for another weekday when the weekly pattern is strong, and changes nothing else; on the
 *     71-day contamination benchmark it changed no verdict and lowered incidents' T² against the limit
 *     (config: {@code detect.pca.forecast-scores})
 * @param minBaselineRows fewer baseline days than this is a cold start: no model (default 10)
 */
public record PcaOptions(
    double explainedVariance,
    int maxComponents,
    double confidence,
    double severeConfidence,
    SpreadFloor floor,
    double winsorize,
    LimitMethod limitMethod,
    int calibrationFolds,
    boolean forecastScores,
    int minBaselineRows) {

  /**
   * Textbook limits treat the baseline's eigenvalues as exact. When the components needed for 90 % of the
   * variance are many — noisy metrics, or more metrics than days — the discarded eigenvalues are badly
   * underestimated and the SPE limit with them. On synthetic factor data with noisy metrics
   * (DetectionBenchmark: 5 factors, 4 seeds × 100 new clean days) textbook limits at 0.99 alarmed on
   * 99.8 % of clean days at 20 days × 50 metrics, 19.5 % at 364 × 50 and 100 % at 364 × 500; held-out
   * limits on 2.3 %, 1.5 % and 0 %. Hence held-out is the default; its price is a few extra eigen
   * decompositions of at most the baseline's size.
   */
  public enum LimitMethod {
    /** F distribution for T², Jackson–Mudholkar (Box's χ² where undefined) for SPE. */
    THEORETICAL,
    /** The larger of the textbook limit and one matched to held-out statistics (the default). */
    HELD_OUT
  }

  public PcaOptions {
    check(explainedVariance > 0 && explainedVariance <= 1, "explainedVariance", explainedVariance);
    check(maxComponents >= 1, "maxComponents", maxComponents);
    check(confidence > 0 && confidence < 1, "confidence", confidence);
    check(severeConfidence >= confidence && severeConfidence < 1, "severeConfidence", severeConfidence);
    check(winsorize > 0, "winsorize", winsorize);
    check(calibrationFolds == 0 || calibrationFolds >= 2, "calibrationFolds", calibrationFolds);
    check(minBaselineRows >= 3, "minBaselineRows", minBaselineRows);
    if (floor == null || limitMethod == null) {
      throw new IllegalArgumentException("floor and limitMethod are required");
    }
  }

  public static PcaOptions defaults() {
    return new PcaOptions(0.90, Integer.MAX_VALUE, 0.99, 0.999, SpreadFloor.DEFAULT, 6.0,
        LimitMethod.HELD_OUT, 0, false, 10);
  }

  public PcaOptions withExplainedVariance(double share) {
    return new PcaOptions(share, maxComponents, confidence, severeConfidence, floor, winsorize,
        limitMethod, calibrationFolds, forecastScores, minBaselineRows);
  }

  public PcaOptions withMaxComponents(int max) {
    return new PcaOptions(explainedVariance, max, confidence, severeConfidence, floor, winsorize,
        limitMethod, calibrationFolds, forecastScores, minBaselineRows);
  }

  public PcaOptions withConfidence(double warn, double severe) {
    return new PcaOptions(explainedVariance, maxComponents, warn, severe, floor, winsorize,
        limitMethod, calibrationFolds, forecastScores, minBaselineRows);
  }

  public PcaOptions withLimitMethod(LimitMethod method) {
    return new PcaOptions(explainedVariance, maxComponents, confidence, severeConfidence, floor,
        winsorize, method, calibrationFolds, forecastScores, minBaselineRows);
  }

  public PcaOptions withForecastScores(boolean forecast) {
    return new PcaOptions(explainedVariance, maxComponents, confidence, severeConfidence, floor,
        winsorize, limitMethod, calibrationFolds, forecast, minBaselineRows);
  }

  public PcaOptions withMinBaselineRows(int rows) {
    return new PcaOptions(explainedVariance, maxComponents, confidence, severeConfidence, floor,
        winsorize, limitMethod, calibrationFolds, forecastScores, rows);
  }

  int folds(int rows) {
    return calibrationFolds > 0 ? Math.min(calibrationFolds, rows) : rows <= 60 ? rows : 3;
  }

  private static void check(boolean valid, String name, double value) {
    if (!valid) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "pca option %s is out of range, cannot be: %s", name, value));
    }
  }
}
