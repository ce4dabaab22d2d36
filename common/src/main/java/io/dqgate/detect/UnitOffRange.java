package io.dqgate.detect;

import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.MetricNames;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One segment of a column in another unit, read off the ends of the day's sketch, where a sketch of 21 points
 * shows too little of the segment for a fitted mixture ({@link ScaledMixture}).
 */
final class UnitOffRange {
  /**
   * One segment of a column in another unit, read off the day's extremes: at least {@link Units#SEGMENT_POINTS}
   * distinct points of the day's sketch (its ends included) lie beyond every clean day's range by at least
   * {@link Units#MIN_SEGMENT_FACTOR} times that range's end on their side, and exactly one factor between common
   * units (on a whole-number column, of those that bring them back whole) brings every point beyond the range
   * back inside it and one of them into its bulk. One carrier's
   * delays times 100 put its early flights far below the range and its late ones far above it, where a sketch
   * of 21 points shows them only at its ends, too few for a fitted mixture; a sentinel is one value, and a
   * natural tail does not leave its range that far at two points.
   */
  static Optional<Finding> beyondOnUnit(String column, NumericDistribution merged, List<NumericDistribution> days,
      double[] v, Signal.Factory make) {
    double[] range = merged.values();
    double low = range[0];
    double high = range[range.length - 1];
    TreeSet<Double> beyond = new TreeSet<>();
    TreeSet<Double> far = new TreeSet<>();
    double apart = Units.MIN_SEGMENT_FACTOR;
    int past = 0;
    for (double x : v) {
      if (x > high || x < low) {
        past++;
        beyond.add(x);
        if (x > high ? high > 0 && x >= apart * high : low < 0 && x <= apart * low) {
          far.add(x);
        }
      }
    }
    if (far.size() < Units.SEGMENT_POINTS) {
      return Optional.empty();
    }
    double bulkLow = merged.quantile(0.05);
    double bulkHigh = merged.quantile(0.95);
    List<Double> fitting = new ArrayList<>();
    for (double[] units : new double[][] {Units.POWERS_OF_TEN, Units.OTHER_UNITS}) {
      for (double unit : Arrays.stream(units).filter(u -> u >= Units.MIN_SEGMENT_FACTOR).sorted().toArray()) {
        boolean inside = beyond.stream().allMatch(x -> x / unit >= low && x / unit <= high);
        boolean bulk = beyond.stream().anyMatch(x -> x / unit >= bulkLow && x / unit <= bulkHigh);
        if (inside && bulk) {
          fitting.add(unit);
        }
      }
    }
    // A whole-number column's values come back whole under their own unit: minutes ×60 are not ×100. Where
    // two units would do (ages in months: ×10 and ×12 both bring them inside), the day says no unit.
    boolean wholeColumn = UnitLattice.wholeColumn(days);
    List<Double> units = wholeColumn
        ? fitting.stream().filter(u -> beyond.stream().allMatch(x -> Units.whole(x / u))).toList() : fitting;
    // Round values (heights in hundreds of feet) come back inside and whole under several powers of ten at
    // once: the day still shows a power-of-ten slip, the least of them named. Units of two kinds say none.
    boolean tens = units.size() > 1 && units.stream().allMatch(UnitOffRange::powerOfTen);
    if (units.size() != 1 && !tens) {
      return Optional.empty();
    }
    double unit = units.get(0);
    String factor = "×" + Cause.threeDigits(unit) + (tens ? " or another power of ten" : "");
    return Optional.of(make.of(MetricNames.QUANTILES, column, unit, 1, 1,
        Math.log(unit) / Math.log(Units.MIN_SEGMENT_FACTOR),
        Cause.UNIT_CHANGE, String.format(Locale.ROOT, "unit change in %s%s, %s: %d of the day's %d quantiles lie past "
            + "the range of the last %d clean days (%s .. %s), %d values of them at least ×%s past it (%s .. %s), and "
            + "divided by %s every one falls inside it", 2 * past < v.length ? "one segment of " : "", column, factor,
            past, v.length, days.size(), Signal.number(low), Signal.number(high), far.size(),
            Cause.threeDigits(Units.MIN_SEGMENT_FACTOR), Signal.number(far.first()), Signal.number(far.last()),
            Cause.threeDigits(unit))));
  }

  private static boolean powerOfTen(double unit) {
    return Arrays.stream(Units.POWERS_OF_TEN).anyMatch(u -> u == unit);
  }

  private UnitOffRange() {}
}
