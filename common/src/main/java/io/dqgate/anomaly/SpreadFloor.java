package io.dqgate.anomaly;

/**
 * Lower bound for a robust spread, so that a series that has been (nearly) constant does not turn every
 * rounding-level wiggle into an alarm, while a real jump still stands out.
 *
 * <p>The spread used is {@code max(robustSigma, relative * |level|, absolute)}. Defaults: {@code relative =
 * 0.005} — with the usual threshold of 4 spreads a constant series alarms when it moves by more than 2 % of
 * its level (a row count of 10 000 must move by more than 200 rows); {@code absolute = 1e-6} — for series
 * whose level is 0 (a null fraction that has always been 0) anything above 4e-6 alarms, i.e. one null in a
 * quarter of a million rows.
 */
public record SpreadFloor(double relative, double absolute) {
  public static final SpreadFloor DEFAULT = new SpreadFloor(0.005, 1e-6);

  public SpreadFloor {
    if (!(relative >= 0) || !(absolute > 0)) {
      throw new IllegalArgumentException(
          "floors must be relative >= 0 and absolute > 0, cannot be: " + relative + ", " + absolute);
    }
  }

  public double apply(double robustSigma, double level) {
    return Math.max(robustSigma, Math.max(relative * Math.abs(level), absolute));
  }
}
