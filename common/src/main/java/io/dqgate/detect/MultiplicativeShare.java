package io.dqgate.detect;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * A share of rows (missing values of a field people fill in, cancelled flights) that moves from day to day far
 * beyond its sampling noise. Such a share moves by factors, not by points, and its tail is heavy: a day with
 * three times the usual share comes with every holiday, and a day with ten times it now and then. It is
 * judged on the log scale: a day's score is how many robust standard deviations of the calibration days' log
 * share it lies past their highest, so a share that doubles on a column that moves by half from day to day is
 * one step, and a column filled on every row of the clean days and emptied today is many.
 */
final class MultiplicativeShare {
  /**
   * The robust standard deviation of the daily shares must be at least this many binomial ones. Estimated from
   * a month of days, a binomial share's robust spread comes out within a fifth of its own about two times in
   * three; half as much again is a share that moves.
   */
  static final double OVERDISPERSED = 1.5;
  /**
   * The usual count of missing values below which a share's log is sampling noise rather than a level. A day
   * with fewer rows than usual is judged on the same scale, its log noise at its own row count the floor of
   * the step.
   */
  static final double MIN_COUNT = 10;
  /**
   * The margins past the clean days' envelope ({@link Signal#margin}) that count as one: the envelope of a share
   * that moves by factors is drawn from days that did not reach its tail.
   */
  static final double ENVELOPE_MARGINS = 2.0;
  /** Clean days below which a moving share's tail is unknown: its crossings warn. */
  static final int TAIL_DAYS = 28;
  /** The missing rows a day that missed none counts as, on the log scale. */
  static final double EMPTY_DAY_COUNT = 0.5;
  /** A day keeping less than this part of the least filled share of the clean days lost most of its values. */
  static final double MOSTLY_EMPTIED = 1.0 / 3;

  private static final double MAD_TO_SD = 1.4826;

  private final int days;
  private final double low;
  private final double top;
  private final double logSd;

  private MultiplicativeShare(int days, double low, double top, double logSd) {
    this.days = days;
    this.low = low;
    this.top = top;
    this.logSd = logSd;
  }

  /**
   * The share's day-to-day movement from its calibration days' values and row counts, judged at today's row
   * count, or null when it does not move beyond sampling noise (or is too rare to take its log). A day that
   * missed no value at all counts as half a missing row ({@link #EMPTY_DAY_COUNT}): a share that moves by
   * factors reaches none on a day now and then, and that day says it moves, not that its log is minus infinity.
   */
  static MultiplicativeShare of(double[] days, double[] dayRows, double rows) {
    if (days.length < SignatureJudge.MIN_DAYS || rows <= 0 || Signal.min(days) < 0
        || dayRows.length != days.length) {
      return null;
    }
    double median = new Median().evaluate(days);
    double usualRows = new Median().evaluate(dayRows);
    if (median >= 1 || median * usualRows < MIN_COUNT) {
      return null;
    }
    double binomialSd = Math.sqrt(median * (1 - median) / usualRows);
    if (MAD_TO_SD * mad(days, median) < OVERDISPERSED * binomialSd) {
      return null;
    }
    double[] logs = new double[days.length];
    for (int i = 0; i < days.length; i++) {
      logs[i] = Math.log(Math.max(days[i], EMPTY_DAY_COUNT / dayRows[i]));
    }
    double logNoise = Math.sqrt((1 - median) / (median * rows));
    double logSd = Math.max(MAD_TO_SD * mad(logs, new Median().evaluate(logs)), logNoise);
    return new MultiplicativeShare(days.length, Signal.min(days), Signal.max(days), logSd);
  }

  private static double mad(double[] values, double centre) {
    return new Median().evaluate(Arrays.stream(values).map(v -> Math.abs(v - centre)).toArray());
  }

  /** Robust standard deviations of the log share past the calibration days' highest (negative inside). */
  double score(double observed) {
    return (Math.log(Math.max(observed, Double.MIN_NORMAL)) - Math.log(top)) / logSd;
  }

  /** The factor one robust standard deviation of the log share stands for. */
  double step() {
    return Math.exp(logSd);
  }

  /** The share a score of one reaches. */
  double bound() {
    return top * step();
  }

  /** Whether the day kept less than {@link #MOSTLY_EMPTIED} of the filled share the clean days kept at least. */
  static boolean mostlyEmptied(double observed, double cleanTop) {
    return 1 - observed < MOSTLY_EMPTIED * (1 - cleanTop);
  }

  int days() {
    return days;
  }

  double low() {
    return low;
  }

  double top() {
    return top;
  }
}
