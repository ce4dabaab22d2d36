package io.dqgate.detect;



/**
 * Factors between common units, and what a sketch of a column says about them: which factors are units, which
 * values are whole numbers, and the interior points of the stored sketch that speak for the column's rows.
 */
final class Units {
  /** Interior quantiles of the stored 21-point sketch: the 0 % and 100 % ends are single rows. */
  static final int FIRST = 1;
  static final int LAST = 19;
  /** Factors nearer to 1 are level shifts, not units. */
  static final double MIN_FACTOR = 1.25;
  /** A segment's factor must be at least this far from 1: a part of the rows moving a little is a new mix. */
  static final double MIN_SEGMENT_FACTOR = 3;
  /** Points of the day's sketch (its ends included) that must show a rescaled segment. */
  static final int SEGMENT_POINTS = 2;

  /**
   * Factors between common units, either way: when one of them fits about as well as the free factor, it is
   * the better account of what happened (the free factor also absorbs the day's own level noise). Powers of
   * ten come first (cents, thousands, milli-units are the commonest slips), then the others.
   */
  static final double[] POWERS_OF_TEN = {10, 100, 1000, 10000};
  static final double[] OTHER_UNITS = {1.609344, 2.54, 2.20462, 3.28084, 12, 24, 60, 3600};

  /** How near, in log, a factor must be to a common unit's to be that unit (×1.61 is a mile's 1.609344). */
  static final double UNIT_MATCH = 0.01;

  /** Whether {@code factor}, either way, is within {@link #UNIT_MATCH} of a factor between common units. */
  static boolean known(double factor) {
    double log = Math.abs(Math.log(factor));
    for (double[] units : new double[][] {POWERS_OF_TEN, OTHER_UNITS}) {
      for (double unit : units) {
        if (Math.abs(log - Math.log(unit)) <= UNIT_MATCH) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code x} is a whole number, to the precision of a stored double. */
  static boolean whole(double x) {
    return Math.abs(x - Math.rint(x)) <= 1e-9 * Math.max(1, Math.abs(x));
  }

  private Units() {}
}
