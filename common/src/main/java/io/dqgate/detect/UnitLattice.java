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

/**
 * A whole-number column (minutes, counts, hhmm clock times) rescaled by a factor keeps its lattice: the day's
 * quantiles, values of rows, are whole multiples of the factor and mostly no whole numbers themselves.
 */
final class UnitLattice {
  /** Off-whole points of the day's sketch a factor must explain, at the least. */
  static final int LATTICE_POINTS = 3;
  /** Share of the day's non-zero points that must be off whole numbers: a few land whole (100 minutes ×1.61). */
  static final double OFF_WHOLE = 0.8;
  /**
   * The most multiples of a factor under {@link Units#MIN_FACTOR} the day's smallest off-whole point may be: a step
   * that small fits rounded values by chance. A factor of at least {@link Units#MIN_FACTOR} may take any number.
   */
  static final int LATTICE_STEPS = 12;

  /**
   * A whole-number column (every interior point of every clean day's sketch a whole number: minutes, counts,
   * hhmm clock times) whose day's non-zero interior points are nearly all ({@link #OFF_WHOLE}) off whole
   * numbers, and all whole multiples of one factor: the column multiplied by that factor (minutes ×1.61, where
   * 100 minutes become a whole 161), however near the column's natural day-to-day level it lies. The sketch's
   * points are values of rows, so a rescaled whole number keeps its lattice. The factor is the largest that
   * puts every such point on its multiples; one nearer to 1 than {@link Units#MIN_FACTOR} is a repricing, not a unit.
   */
  static Optional<Finding> offWholeNumbers(String column, List<NumericDistribution> days, double[] v,
      Signal.Factory make) {
    if (!wholeColumn(days)) {
      return Optional.empty();
    }
    List<Double> points = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
      if (v[k] != 0) {
        points.add(Math.abs(v[k]));
        if (!Units.whole(v[k])) {
          off.add(Math.abs(v[k]));
        }
      }
    }
    if (off.size() < LATTICE_POINTS || off.size() < OFF_WHOLE * points.size()) {
      return Optional.empty();
    }
    double smallest = off.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    int steps = Math.max(LATTICE_STEPS, (int) Math.floor(smallest / Units.MIN_FACTOR));
    for (int m = 1; m <= steps; m++) {
      double factor = smallest / m;
      if (points.stream().allMatch(x -> Units.whole(x / factor))) {
        if (Math.abs(Math.log(factor)) < Math.log(Units.MIN_FACTOR)) {
          return Optional.empty();
        }
        String shown = "×" + Cause.threeDigits(factor);
        return Optional.of(make.of(MetricNames.QUANTILES, column, factor, 1, 1,
            Math.abs(Math.log(factor)) / Math.log(Units.MIN_FACTOR), Cause.UNIT_CHANGE, String.format(Locale.ROOT,
                "unit change in %s, %s: each of the day's %d non-zero quantiles is a whole multiple of %s and "
                    + "%d of them are no whole number, where every quantile of the last %d clean days was "
                    + "(%s = %d × %s)", column, shown, points.size(), Cause.threeDigits(factor), off.size(),
                days.size(), Signal.number(smallest),
                Math.round(smallest / factor), Cause.threeDigits(factor))));
      }
    }
    return Optional.empty();
  }

  /** Whether every interior point of every clean day's sketch is a whole number. */
  static boolean wholeColumn(List<NumericDistribution> days) {
    return days.stream().allMatch(d -> Arrays.stream(d.values(), Units.FIRST, Math.min(Units.LAST + 1,
        d.values().length)).allMatch(Units::whole));
  }

  private UnitLattice() {}
}
