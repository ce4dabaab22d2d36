package io.dqgate.detect;

import io.dqgate.drift.NumericDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A day's quantile sketch read as the clean baseline's distribution with a share {@code s} of its rows
 * multiplied by {@code c}: {@code M(x) = (1 - s) F(x) + s F(x / c)}. Finds the factor and share that bring the
 * mixture nearest to the sketch, prefers a factor between common units where one fits about as well, and on a
 * discrete column keeps the fit to the levels the clean days held.
 */
final class ScaledMixture {
  /** The largest factor tried, either way. */
  static final double MAX_LOG_FACTOR = Math.log(1e4);
  /** A fitted share at least this large is the whole column (the rest is sketch noise). */
  static final double WHOLE = 0.95;
  /** A column of at most this many interior values in its clean sketches is discrete: rescaled, it keeps its levels. */
  static final int MAX_LEVELS = DriftJudge.GRID_INTERVALS;
  /** How near a value must come to a level times the factor to sit on it, relative to the value. */
  static final double LEVEL_TOLERANCE = 0.01;
  /** Share of the day's non-zero interior quantiles that must sit on the baseline's (scaled) levels. */
  static final double ON_LEVELS = 0.8;
  /** How much further than the free factor a common unit's fit may lie and still be preferred. */
  static final double UNIT_TOLERANCE = 0.03;

  /** A fitted scaling: the factor, the share of rows it covers, the distance left after it. */
  record Fit(double factor, double share, double distance) {}

  /**
   * The best factor and share: a coarse grid over log c and s, and the whole column at the factor its quantiles
   * moved by, then a finer grid around the best of them. The grid's steps of 2 % in c are finer than the spread
   * of most columns; a column narrow against its level (longitudes, years) lands off its range at every step
   * beside the true factor, and only the quantiles' own ratio finds it.
   */
  static Fit fit(NumericDistribution baseline, double[] p, double[] v) {
    Fit best = null;
    for (double logC = -MAX_LOG_FACTOR; logC <= MAX_LOG_FACTOR; logC += 0.02) {
      if (Math.abs(logC) < Math.log(Units.MIN_FACTOR) * 0.9) {
        continue;
      }
      for (int k = 1; k <= 10; k++) {
        best = better(best, baseline, p, v, Math.exp(logC), k / 10.0);
      }
    }
    double ratio = quantileRatio(baseline, p, v);
    if (Double.isFinite(ratio) && Math.abs(Math.log(ratio)) >= Math.log(Units.MIN_FACTOR) * 0.9
        && Math.abs(Math.log(ratio)) <= MAX_LOG_FACTOR) {
      best = better(best, baseline, p, v, ratio, 1.0);
    }
    if (best == null) {
      return null;
    }
    double centre = Math.log(best.factor());
    double share = best.share();
    for (double logC = centre - 0.02; logC <= centre + 0.02; logC += 0.001) {
      for (double s = Math.max(0.05, share - 0.1); s <= Math.min(1.0, share + 0.1) + 1e-9; s += 0.025) {
        best = better(best, baseline, p, v, Math.exp(logC), Math.min(1.0, s));
      }
    }
    return best;
  }

  static Fit snapToUnit(NumericDistribution baseline, double[] p, double[] v, Fit free, Set<Double> levels) {
    if (free == null) {
      return null;
    }
    for (double[] units : new double[][] {Units.POWERS_OF_TEN, Units.OTHER_UNITS}) {
      Fit best = null;
      for (double unit : units) {
        double factor = free.factor() >= 1 ? unit : 1 / unit;
        // A discrete column's free fit can land far from its unit, at any share, and so can a segment's (a
        // heavy tail's rows ×100 overlap the rest, and the coarse grid's shares step past the true one): every
        // unit is tried there.
        if (levels == null && free.share() >= WHOLE
            && Math.abs(Math.log(factor) - Math.log(free.factor())) > Math.log(units == Units.POWERS_OF_TEN ? 3 : 2)) {
          continue;
        }
        // On levels, the factor is read off them (×1.61 is not a mile's 1.609344: off by that much, a value
        // falls beside its level's point mass instead of on it).
        factor = levels == null ? factor : levelFactor(levels, v, factor);
        double from = levels == null ? Math.max(0.05, free.share() - 0.15) : 0.05;
        double to = levels == null ? Math.min(1.0, free.share() + 0.15) : 1.0;
        for (double s = from; s <= to + 1e-9; s += 0.025) {
          Fit candidate = better(null, baseline, p, v, factor, Math.min(1.0, s));
          if (candidate != null && onScaledLevels(levels, v, candidate)) {
            best = better(best, baseline, p, v, factor, Math.min(1.0, s));
          }
        }
      }
      if (best != null && best.distance() <= free.distance() + UNIT_TOLERANCE) {
        return best;
      }
    }
    // On a sketch of few levels, distances are coarse: a factor that lands the day's values between the
    // clean levels can fit about as well as the true one, and is no rescaling.
    return onScaledLevels(levels, v, free) ? free : null;
  }

  /**
   * The better of {@code best} and the fit at {@code factor} and share {@code s}. The factor is taken as given,
   * never through its logarithm: a level of a whole-number column times 1000 divided by exp(ln 1000) misses its
   * level's point mass by a rounding error.
   */
  private static Fit better(Fit best, NumericDistribution baseline, double[] p, double[] v, double factor,
      double s) {
    if (s < WHOLE && Math.abs(Math.log(factor)) < Math.log(Units.MIN_SEGMENT_FACTOR)) {
      return best; // a part of the rows moved by a little is a change of mix, not of unit
    }
    double d = distance(baseline, p, v, factor, s);
    // Ties (a flat stretch of the distance) go to the larger share, the plainer story.
    if (best == null || d < best.distance() - 1e-9 || Math.abs(d - best.distance()) <= 1e-9 && s > best.share()) {
      return new Fit(factor, s, d);
    }
    return best;
  }

  /**
   * How far a day's sketch lies from the baseline ({@link #distance}, unscaled), on the noise scale of its rows:
   * times the square root of the rows, since sketches of n rows stray as 1 / sqrt(n) (the scale
   * {@link ScaleSignature} compares clean days on). A quiet holiday's noisier sketch then says no more than a full
   * day's.
   */
  static double noiseScaled(NumericDistribution baseline, NumericDistribution day) {
    return distance(baseline, day.probabilities(), day.values(), 1, 0) * Math.sqrt(day.count());
  }

  /**
   * The largest gap, over the sketch's interior quantiles (p, v), between p and the mixture's CDF at v; at a
   * point mass of the mixture any p between its two sides is no gap.
   */
  static double distance(NumericDistribution baseline, double[] p, double[] v, double factor, double share) {
    double worst = 0;
    for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
      double x = v[k];
      double high = (1 - share) * baseline.cdf(x) + (share > 0 ? share * baseline.cdf(x / factor) : 0);
      double low = (1 - share) * baseline.cdfBefore(x) + (share > 0 ? share * baseline.cdfBefore(x / factor) : 0);
      double gap = p[k] < low ? low - p[k] : p[k] > high ? p[k] - high : 0;
      worst = Math.max(worst, gap);
    }
    return worst;
  }

  /**
   * The values the clean days' sketches hold between their ends, or null when there are more than
   * {@link #MAX_LEVELS}: a discrete column's levels (its extremes are single rows of a long tail).
   */
  static Set<Double> levels(List<NumericDistribution> days) {
    Set<Double> levels = new TreeSet<>();
    for (NumericDistribution d : days) {
      double[] v = d.values();
      for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
        levels.add(v[k]);
        if (levels.size() > MAX_LEVELS) {
          return null;
        }
      }
    }
    return levels;
  }

  /**
   * Whether the day's quantiles could be a discrete column's levels rescaled: multiplied by {@code c}, each
   * level lands on a level times {@code c}; for a segment fit, the rest stay on the levels, and about the
   * fitted share of them must come from the scaled levels (integers that stay integers are no segment in
   * another unit). A discrete column whose values spread onto levels in between (a count of days that
   * grew longer) changed its distribution, not its unit. Zero is every factor's level and says nothing. A
   * continuous column has no levels to keep, so it always passes.
   */
  static boolean onScaledLevels(Set<Double> levels, double[] v, Fit fit) {
    if (levels == null) {
      return true;
    }
    int nonZero = 0;
    int on = 0;
    int scaled = 0;
    for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
      if (v[k] == 0) {
        continue;
      }
      nonZero++;
      boolean onScaled = nearLevel(levels, v[k] / fit.factor());
      scaled += onScaled ? 1 : 0;
      if (onScaled || fit.share() < WHOLE && nearLevel(levels, v[k])) {
        on++;
      }
    }
    return on >= ON_LEVELS * nonZero && scaled >= 0.5 * Math.min(1, fit.share()) * nonZero;
  }

  /** The median ratio of the day's non-zero quantiles to the levels they sit on at about {@code factor}. */
  static double levelFactor(Set<Double> levels, double[] v, double factor) {
    List<Double> ratios = new ArrayList<>();
    for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
      if (v[k] != 0) {
        for (double level : levels) {
          if (level != 0 && Math.abs(v[k] / factor - level) <= LEVEL_TOLERANCE * Math.abs(v[k] / factor)) {
            ratios.add(v[k] / level);
            break;
          }
        }
      }
    }
    return ratios.isEmpty() ? factor : Signal.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static boolean nearLevel(Set<Double> levels, double x) {
    for (double level : levels) {
      if (Math.abs(x - level) <= LEVEL_TOLERANCE * Math.abs(x)) {
        return true;
      }
    }
    return false;
  }

  /** A clean day's level against the baseline: the median log ratio of its quantiles to the baseline's. */
  static double level(NumericDistribution baseline, NumericDistribution day) {
    return logRatio(baseline, day.probabilities(), day.values());
  }

  /** The factor the day's quantiles moved by against the baseline's at the same ranks (their median ratio). */
  static double quantileRatio(NumericDistribution baseline, double[] p, double[] v) {
    return Math.exp(logRatio(baseline, p, v));
  }

  private static double logRatio(NumericDistribution baseline, double[] p, double[] v) {
    List<Double> ratios = new ArrayList<>();
    for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
      double b = baseline.quantile(p[k]);
      if (b != 0 && v[k] != 0 && Math.signum(b) == Math.signum(v[k])) {
        ratios.add(Math.log(v[k] / b));
      }
    }
    return ratios.isEmpty() ? 0 : Signal.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private ScaledMixture() {}
}
