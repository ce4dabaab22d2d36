package io.dqgate.anomaly;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Control limits for PCA monitoring statistics. {@code confidence} is the probability that an in-control
 * observation stays below the limit (0.99 → 1 % false alarms per statistic if the model holds).
 */
public final class ControlLimits {
  private ControlLimits() {}

  /**
   * Hotelling T² limit for a <em>new</em> observation scored against mean and covariance estimated from
   * {@code n} baseline rows with {@code k} retained components (Tracy, Young &amp; Mason 1992):
   * {@code k(n−1)(n+1) / (n(n−k)) · F_conf(k, n−k)}.
   */
  public static double hotellingT2(int k, int n, double confidence) {
    checkConfidence(confidence);
    if (k < 1 || n - k < 1) {
      throw new IllegalArgumentException("need 1 <= k < n, cannot be: k=" + k + ", n=" + n);
    }
    double f = new FDistribution(null, k, n - k).inverseCumulativeProbability(confidence);
    return k * (n - 1.0) * (n + 1.0) / (n * (double) (n - k)) * f;
  }

  /**
   * Jackson–Mudholkar (1979) limit of the squared prediction error from the eigenvalues of the discarded
   * components, θ_j = Σ λ_i^j, h0 = 1 − 2θ1θ3/(3θ2²):
   * {@code Q = θ1 [z·√(2θ2h0²)/θ1 + 1 + θ2h0(h0−1)/θ1²]^(1/h0)}.
   *
   * @return NaN where the approximation is undefined (no discarded variance, h0 <= 0, or a non-positive
   *     bracket) — use {@link #speBox} then
   */
  public static double speJacksonMudholkar(double[] discarded, double confidence) {
    checkConfidence(confidence);
    double[] theta = thetas(discarded);
    double t1 = theta[0];
    double t2 = theta[1];
    double t3 = theta[2];
    if (!(t1 > 0) || !(t2 > 0)) {
      return Double.NaN;
    }
    double h0 = 1 - 2 * t1 * t3 / (3 * t2 * t2);
    if (!(h0 > 0)) {
      return Double.NaN;
    }
    double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(confidence);
    double bracket = z * Math.sqrt(2 * t2 * h0 * h0) / t1 + 1 + t2 * h0 * (h0 - 1) / (t1 * t1);
    if (!(bracket > 0)) {
      return Double.NaN;
    }
    return t1 * Math.pow(bracket, 1 / h0);
  }

  /**
   * Box's (1954) approximation of a weighted sum of χ²₁ variables by g·χ²_h with the same mean and
   * variance: {@code g = θ2/θ1, h = θ1²/θ2}. Always defined when any discarded variance is left.
   *
   * @return NaN when there is no discarded variance
   */
  public static double speBox(double[] discarded, double confidence) {
    checkConfidence(confidence);
    double[] theta = thetas(discarded);
    if (!(theta[0] > 0) || !(theta[1] > 0)) {
      return Double.NaN;
    }
    return scaledChiSquared(theta[0], 2 * theta[1], confidence);
  }

  /**
   * The {@code confidence} quantile of g·χ²_h matched to a sample's mean and variance (g = var/(2·mean),
   * h = 2·mean²/var) — Nomikos &amp; MacGregor's way to set a limit from observed statistics.
   */
  public static double scaledChiSquared(double mean, double variance, double confidence) {
    checkConfidence(confidence);
    if (!(mean > 0)) {
      return 0;
    }
    if (!(variance > 0)) {
      return mean;
    }
    double g = variance / (2 * mean);
    double h = 2 * mean * mean / variance;
    return g * new ChiSquaredDistribution(null, h).inverseCumulativeProbability(confidence);
  }

  /** A limit and the approximation that produced it. */
  record Limit(double value, String method) {}

  /** Jackson–Mudholkar where defined, else Box (NaN value when no variance was discarded). */
  static Limit spe(double[] discarded, double confidence) {
    double limit = speJacksonMudholkar(discarded, confidence);
    return Double.isNaN(limit)
        ? new Limit(speBox(discarded, confidence), "box")
        : new Limit(limit, "jackson-mudholkar");
  }

  private static double[] thetas(double[] eigenvalues) {
    double[] theta = new double[3];
    for (double lambda : eigenvalues) {
      if (lambda > 0) {
        theta[0] += lambda;
        theta[1] += lambda * lambda;
        theta[2] += lambda * lambda * lambda;
      }
    }
    return theta;
  }

  private static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), cannot be: " + confidence);
    }
  }
}
