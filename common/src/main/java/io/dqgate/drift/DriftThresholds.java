package io.dqgate.drift;

import io.dqgate.DqgateException;

/**
 * When a distance counts as drift, and the knobs of how distances are computed. A measure crosses when it is
 * at or above its threshold (χ²: p-value below {@code chiSquarePValue} and Cramér's V above
 * {@code cramersV}, both, because with many rows any shift is significant). Only PSI has a second, block-worthy
 * level; whether a crossing blocks is the verdict policy's decision.
 *
 * <p>{@code jsDivergence} applies to the divergence (log2, in [0, 1]), not to its square root;
 * {@code lInfinity} to categorical proportions and {@code ks} to sup |F1 - F2| of numeric columns;
 * {@code numericBins} is how many baseline quantile bins numeric PSI and JS use (10: deciles; more
 * bins put edges into the sketch's crude outer 5% segments); {@code epsilon} is PSI's
 * floor for empty cells; {@code minExpected} the χ² pooling limit; {@code topShifts} how many most-moved cells a
 * result keeps to explain itself.
 */
public record DriftThresholds(
    double psiWarn,
    double psiBlock,
    double jsDivergence,
    double lInfinity,
    double ks,
    double chiSquarePValue,
    double cramersV,
    int numericBins,
    double epsilon,
    double minExpected,
    int topShifts) {

  public static final DriftThresholds DEFAULTS =
      new DriftThresholds(0.2, 0.25, 0.1, 0.1, 0.1, 0.001, 0.1, 10, Distances.DEFAULT_EPSILON,
          Distances.DEFAULT_MIN_EXPECTED, 5);

  public DriftThresholds {
    positive("psi-warn", psiWarn);
    if (!(psiBlock >= psiWarn)) {
      throw DqgateException.of("psi-block: must be at least psi-warn (%s), was %s", psiWarn, psiBlock);
    }
    fraction("js-divergence", jsDivergence);
    fraction("l-infinity", lInfinity);
    fraction("ks", ks);
    if (!(chiSquarePValue > 0 && chiSquarePValue < 1)) {
      throw DqgateException.of("chi-square-p-value: must be between 0 and 1 (exclusive), was %s",
          chiSquarePValue);
    }
    if (!(cramersV >= 0)) {
      throw DqgateException.of("cramers-v: must be at least 0, was %s", cramersV);
    }
    if (numericBins < 2 || numericBins > 100) {
      throw DqgateException.of("numeric-bins: must be between 2 and 100, was %d", numericBins);
    }
    if (!(epsilon > 0 && epsilon <= 0.01)) {
      throw DqgateException.of("epsilon: must be in (0, 0.01], was %s", epsilon);
    }
    if (!(minExpected >= 0)) {
      throw DqgateException.of("min-expected: must be at least 0, was %s", minExpected);
    }
    if (topShifts < 0) {
      throw DqgateException.of("top-shifts: must be at least 0, was %d", topShifts);
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw DqgateException.of("%s: must be a positive number, was %s", key, value);
    }
  }

  private static void fraction(String key, double value) {
    if (!(value > 0 && value <= 1)) {
      throw DqgateException.of("%s: must be in (0, 1], was %s", key, value);
    }
  }
}
