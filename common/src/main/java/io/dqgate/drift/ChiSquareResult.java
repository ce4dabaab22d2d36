package io.dqgate.drift;

/**
 * A χ² goodness-of-fit result. {@code cramersV = sqrt(statistic / (n * degreesOfFreedom))} is the effect size
 * (for a goodness-of-fit test: Cohen's w scaled by 1/sqrt(cells - 1)), in [0, 1] when no cell's expected share
 * is tiny; unlike the p-value it does not shrink as n grows, so it says whether a significant shift is also a
 * large one. {@code cells} counts cells after pooling small ones, {@code n} the observed total.
 */
public record ChiSquareResult(double statistic, int degreesOfFreedom, double pValue, double cramersV, int cells,
    long n) {
  /** No test was possible (an empty side). */
  public static final ChiSquareResult NOT_APPLICABLE =
      new ChiSquareResult(Double.NaN, 0, Double.NaN, Double.NaN, 0, 0L);

  public boolean applicable() {
    return !Double.isNaN(statistic);
  }

  /** Per-observation statistic χ²/N, the squared Cohen's w. */
  public double statisticPerObservation() {
    return n == 0 ? Double.NaN : statistic / n;
  }
}
