package io.dqgate.detect;

import io.dqgate.drift.Baselines;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole column, or one segment of its rows, multiplied by a constant (a unit change: ×1.6 miles to km,
 * ×60, ×100 cents, ×1000). The day's quantile sketch is fitted as the clean baseline's distribution with a
 * share {@code s} of its rows scaled by {@code c}: {@code M(x) = (1 - s) F(x) + s F(x / c)}. It is a unit
 * change when the day is further from the baseline than any clean day was, the scaled mixture explains
 * that distance away, and {@code c} is well past any level shift the clean days showed (further for a
 * factor that is no conversion between common units). A discrete
 * column whose day keeps to the levels it had is a new mix of known values unless the scaled mixture fits
 * it within the day's sampling noise.
 */
final class ScaleSignature {
  /** Interior quantiles of the stored 21-point sketch: the 0 % and 100 % ends are single rows. */
  private static final int FIRST = 1;
  private static final int LAST = 19;
  /** Factors nearer to 1 are level shifts, not units. */
  static final double MIN_FACTOR = 1.25;
  static final double MAX_LOG_FACTOR = Math.log(1e4);
  /** A fitted share at least this large is the whole column (the rest is sketch noise). */
  static final double WHOLE = 0.95;
  /** A segment's factor must be at least this far from 1: a part of the rows moving a little is a new mix. */
  static final double MIN_SEGMENT_FACTOR = 3;
  /** Least distance (largest gap between the sketch and the baseline's CDF) a unit change must show. */
  static final double MIN_DISTANCE = 0.08;
  /** A column of at most this many interior values in its clean sketches is discrete: rescaled, it keeps its levels. */
  static final int MAX_LEVELS = DriftJudge.GRID_INTERVALS;
  /** How near a value must come to a level times the factor to sit on it, relative to the value. */
  static final double LEVEL_TOLERANCE = 0.01;
  /** Share of the day's non-zero interior quantiles that must sit on the baseline's (scaled) levels. */
  static final double ON_LEVELS = 0.8;
  /** Points of the day's sketch (its ends included) that must show a rescaled segment. */
  static final int SEGMENT_POINTS = 2;

  private ScaleSignature() {}

  /** A fitted scaling: the factor, the share of rows it covers, the distance left after it. */
  record Fit(double factor, double share, double distance) {}

  static List<Finding> judge(Map<MetricKey, MetricRecord> today, MetricHistory history, int baselineDays,
      Signal.Factory make) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.metric().equals(MetricNames.QUANTILES) && m.detail() != null) {
        judgeColumn(m, history.recent(m.key(), baselineDays), make).ifPresent(out::add);
      }
    }
    return out;
  }

  static Optional<Finding> judgeColumn(MetricRecord today, List<MetricRecord> baseline, Signal.Factory make) {
    if (baseline.size() < SignatureJudge.MIN_DAYS) {
      return Optional.empty();
    }
    List<NumericDistribution> days = baseline.stream().map(r -> NumericDistribution.fromJson(r.detail()))
        .filter(NumericDistribution::isUsable).toList();
    NumericDistribution day = NumericDistribution.fromJson(today.detail());
    if (days.size() < SignatureJudge.MIN_DAYS || !day.isUsable()) {
      return Optional.empty();
    }
    NumericDistribution merged = Baselines.mergeNumeric(days);
    if (distinctInterior(merged.values()) < 3) {
      return Optional.empty(); // a constant or a flag: a new level there is not a unit
    }
    Optional<Finding> fitted = fitted(today.instance(), days, merged, day, make);
    if (fitted.isPresent()) {
      return fitted;
    }
    Optional<Finding> lattice = offWholeNumbers(today.instance(), days, day.values(), make);
    return lattice.isPresent() ? lattice : beyondOnUnit(today.instance(), merged, days, day.values(), make);
  }

  /**
   * One segment of a column in another unit, read off the day's extremes: at least {@link #SEGMENT_POINTS}
   * distinct points of the day's sketch (its ends included) lie beyond every clean day's range by at least
   * {@link #MIN_SEGMENT_FACTOR} times that range's end on their side, and exactly one factor between common
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
    int past = 0;
    for (double x : v) {
      if (x > high || x < low) {
        past++;
        beyond.add(x);
        if (x > high ? high > 0 && x >= MIN_SEGMENT_FACTOR * high : low < 0 && x <= MIN_SEGMENT_FACTOR * low) {
          far.add(x);
        }
      }
    }
    if (far.size() < SEGMENT_POINTS) {
      return Optional.empty();
    }
    double bulkLow = merged.quantile(0.05);
    double bulkHigh = merged.quantile(0.95);
    List<Double> fitting = new ArrayList<>();
    for (double[] units : new double[][] {POWERS_OF_TEN, OTHER_UNITS}) {
      for (double unit : Arrays.stream(units).filter(u -> u >= MIN_SEGMENT_FACTOR).sorted().toArray()) {
        boolean inside = beyond.stream().allMatch(x -> x / unit >= low && x / unit <= high);
        boolean bulk = beyond.stream().anyMatch(x -> x / unit >= bulkLow && x / unit <= bulkHigh);
        if (inside && bulk) {
          fitting.add(unit);
        }
      }
    }
    // A whole-number column's values come back whole under their own unit: minutes ×60 are not ×100. Where
    // two units would do (ages in months: ×10 and ×12 both bring them inside), the day says no unit.
    boolean wholeColumn = days.stream().allMatch(d -> Arrays.stream(d.values(), FIRST, Math.min(LAST + 1,
        d.values().length)).allMatch(ScaleSignature::whole));
    List<Double> units = wholeColumn
        ? fitting.stream().filter(u -> beyond.stream().allMatch(x -> whole(x / u))).toList() : fitting;
    if (units.size() != 1) {
      return Optional.empty();
    }
    double unit = units.get(0);
    String factor = "×" + Cause.threeDigits(unit);
    return Optional.of(make.of(MetricNames.QUANTILES, column, unit, 1, 1, Math.log(unit) / Math.log(MIN_SEGMENT_FACTOR),
        Cause.UNIT_CHANGE, String.format(Locale.ROOT, "unit change in %s%s, %s: %d of the day's %d quantiles lie past "
            + "the range of the last %d clean days (%s .. %s), %d values of them at least ×%s past it (%s .. %s), and "
            + "divided by %s every one falls inside it", 2 * past < v.length ? "one segment of " : "", column, factor,
            past, v.length, days.size(), Signal.number(low), Signal.number(high), far.size(),
            Cause.threeDigits(MIN_SEGMENT_FACTOR), Signal.number(far.first()), Signal.number(far.last()),
            Cause.threeDigits(unit))));
  }

  /**
   * The day's sketch fitted as the baseline with a share of its rows scaled ({@link #fit}), judged against
   * how far the clean days moved.
   */
  private static Optional<Finding> fitted(String column, List<NumericDistribution> days, NumericDistribution merged,
      NumericDistribution day, Signal.Factory make) {
    double[] p = day.probabilities();
    double[] v = day.values();
    double unscaled = distance(merged, p, v, 1, 0);
    // Distances of sketches of n rows shrink as 1 / sqrt(n): clean days are compared on that scale, so a
    // quiet holiday's noisier sketch does not widen what a full day may show.
    double cleanScaled = 0;
    double cleanDistance = 0;
    double cleanLevel = 0;
    for (NumericDistribution d : days) {
      double dd = distance(merged, d.probabilities(), d.values(), 1, 0);
      cleanDistance = Math.max(cleanDistance, dd);
      cleanScaled = Math.max(cleanScaled, dd * Math.sqrt(d.count()));
      cleanLevel = Math.max(cleanLevel, Math.abs(level(merged, d)));
    }
    double[] range = merged.values();
    boolean beyondRange = v[v.length - 1] > range[range.length - 1] || v[0] < range[0];
    // Rows beyond every clean day's range let a scaled segment speak for itself; without them, the day must
    // first be further from the baseline than the clean days were.
    if (unscaled < MIN_DISTANCE || !beyondRange && unscaled * Math.sqrt(day.count()) < 1.5 * cleanScaled) {
      return Optional.empty();
    }
    if (pointMassBeyond(v, range[0], range[range.length - 1])) {
      return Optional.empty(); // one repeated value outside the range: a sentinel, not rescaled rows
    }
    // A point mass the baseline never had (a sentinel, a default) is not a rescaled copy of the column. A
    // discrete column's days each hold fewer of its levels than the days together, so each day is the measure.
    if (distinctInterior(v) < days.stream().mapToInt(d -> distinctInterior(d.values())).min().orElse(0) - 2) {
      return Optional.empty();
    }
    Set<Double> levels = levels(days);
    Fit fit = snapToUnit(merged, p, v, fit(merged, p, v), levels);
    double minLog = Math.max(Math.log(MIN_FACTOR),
        (fit != null && knownUnit(fit.factor()) ? UNIT_LEVEL_MARGIN : FREE_LEVEL_MARGIN) * cleanLevel);
    boolean envelope = unscaled * Math.sqrt(day.count()) >= 1.5 * cleanScaled;
    if (fit == null || !envelope && fit.share() >= WHOLE || Math.abs(Math.log(fit.factor())) < minLog
        || fit.distance() > Math.max(2 * cleanDistance, 0.08) || fit.distance() > unscaled / 2.5
        || fit.share() < WHOLE && !segmentSeen(merged, days, v, fit)
        || levels != null && onKnownLevels(levels, v) && fit.distance() > withinNoise(day.count())) {
      return Optional.empty();
    }
    String factor = "×" + Cause.threeDigits(fit.factor());
    String where = fit.share() >= WHOLE ? "all its quantiles moved by " + factor
        : String.format(Locale.ROOT, "about %.0f%% of its rows moved by %s", 100 * fit.share(), factor);
    return Optional.of(make.of(MetricNames.QUANTILES, column, fit.factor(), Math.exp(-cleanLevel),
        Math.exp(cleanLevel), Math.abs(Math.log(fit.factor())) / minLog, Cause.UNIT_CHANGE, String.format(Locale.ROOT,
            "unit change in %s%s, %s: %s (distance to the last %d clean days %.2f, %.2f once rescaled; "
                + "no clean day moved by more than ×%s)", fit.share() >= WHOLE ? "" : "one segment of ", column,
            factor, where, days.size(), unscaled, fit.distance(), Cause.threeDigits(Math.exp(cleanLevel)))));
  }

  /** How many times the clean days' largest level shift a factor between known units must reach. */
  static final double UNIT_LEVEL_MARGIN = 3;
  /**
   * How many times it a factor between no known units must reach: a column moved by ×1.3 is more often a
   * level its history reaches once in a few hundred days (a price level with a heavy tail) than a unit.
   */
  static final double FREE_LEVEL_MARGIN = 4;

  /** Whether {@code factor}, either way, is within {@link #UNIT_MATCH} of a factor between common units. */
  static boolean knownUnit(double factor) {
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

  /** How near, in log, a factor must be to a common unit's to be that unit (×1.61 is a mile's 1.609344). */
  static final double UNIT_MATCH = 0.01;

  /** The chance at which a rescaled column's sketch may lie further from its fit by its rows' sampling alone. */
  static final double NOISE_CHANCE = 0.001;

  /**
   * The largest gap between a sample's CDF of {@code rows} rows and the distribution it was drawn from, past
   * which it lies with a chance of at most {@link #NOISE_CHANCE} (the Dvoretzky–Kiefer–Wolfowitz bound).
   */
  static double withinNoise(double rows) {
    return rows > 0 ? Math.sqrt(Math.log(2 / NOISE_CHANCE) / (2 * rows)) : Double.POSITIVE_INFINITY;
  }

  /**
   * Whether every non-zero interior point of the day's sketch is a level the clean days held: values the
   * column has taken, in a new mix (a conference's single guests), which a unit must then fit as closely as
   * the day's rows allow, not merely as closely as one clean day's mix came to another's.
   */
  static boolean onKnownLevels(Set<Double> levels, double[] v) {
    int nonZero = 0;
    for (int k = FIRST; k <= LAST && k < v.length; k++) {
      if (v[k] != 0) {
        nonZero++;
        if (!nearLevel(levels, v[k])) {
          return false;
        }
      }
    }
    return nonZero > 0;
  }

  /** Off-whole points of the day's sketch a factor must explain, at the least. */
  static final int LATTICE_POINTS = 3;
  /** Share of the day's non-zero points that must be off whole numbers: a few land whole (100 minutes ×1.61). */
  static final double OFF_WHOLE = 0.8;
  /**
   * The most multiples of a factor under {@link #MIN_FACTOR} the day's smallest off-whole point may be: a step
   * that small fits rounded values by chance. A factor of at least {@link #MIN_FACTOR} may take any number.
   */
  static final int LATTICE_STEPS = 12;

  /**
   * A whole-number column (every interior point of every clean day's sketch a whole number: minutes, counts,
   * hhmm clock times) whose day's non-zero interior points are nearly all ({@link #OFF_WHOLE}) off whole
   * numbers, and all whole multiples of one factor: the column multiplied by that factor (minutes ×1.61, where
   * 100 minutes become a whole 161), however near the column's natural day-to-day level it lies. The sketch's
   * points are values of rows, so a rescaled whole number keeps its lattice. The factor is the largest that
   * puts every such point on its multiples; one nearer to 1 than {@link #MIN_FACTOR} is a repricing, not a unit.
   */
  static Optional<Finding> offWholeNumbers(String column, List<NumericDistribution> days, double[] v,
      Signal.Factory make) {
    for (NumericDistribution d : days) {
      double[] dv = d.values();
      for (int k = FIRST; k <= LAST && k < dv.length; k++) {
        if (!whole(dv[k])) {
          return Optional.empty();
        }
      }
    }
    List<Double> points = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    for (int k = FIRST; k <= LAST && k < v.length; k++) {
      if (v[k] != 0) {
        points.add(Math.abs(v[k]));
        if (!whole(v[k])) {
          off.add(Math.abs(v[k]));
        }
      }
    }
    if (off.size() < LATTICE_POINTS || off.size() < OFF_WHOLE * points.size()) {
      return Optional.empty();
    }
    double smallest = off.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    int steps = Math.max(LATTICE_STEPS, (int) Math.floor(smallest / MIN_FACTOR));
    for (int m = 1; m <= steps; m++) {
      double factor = smallest / m;
      if (points.stream().allMatch(x -> whole(x / factor))) {
        if (Math.abs(Math.log(factor)) < Math.log(MIN_FACTOR)) {
          return Optional.empty();
        }
        String shown = "×" + Cause.threeDigits(factor);
        return Optional.of(make.of(MetricNames.QUANTILES, column, factor, 1, 1,
            Math.abs(Math.log(factor)) / Math.log(MIN_FACTOR), Cause.UNIT_CHANGE, String.format(Locale.ROOT,
                "unit change in %s, %s: each of the day's %d non-zero quantiles is a whole multiple of %s and "
                    + "%d of them are no whole number, where every quantile of the last %d clean days was "
                    + "(%s = %d × %s)", column, shown, points.size(), Cause.threeDigits(factor), off.size(),
                days.size(), Signal.number(smallest),
                Math.round(smallest / factor), Cause.threeDigits(factor))));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code x} is a whole number, to the precision of a stored double. */
  private static boolean whole(double x) {
    return Math.abs(x - Math.rint(x)) <= 1e-9 * Math.max(1, Math.abs(x));
  }

  /**
   * Whether the day's sketch shows the rescaled segment itself: at least {@link #SEGMENT_POINTS} of its points
   * lie in the baseline's range times the factor, beyond the baseline's bulk (its 5 % to 95 % quantiles) on
   * the factor's side, and beyond where a typical clean day's own extreme lies (the median of the clean days'
   * minima, or maxima). Rows that only left the bulk for a place clean days reach too (late departures past
   * midnight on a clock column, wrapping to small numbers, as a few do every day) fit a segment by the mass
   * they moved, but are no rows in another unit.
   *
   * <p>Rows in another unit are a sample of the whole column, so at least one of those points, divided by the
   * factor, must land in the baseline's bulk: points that all map back to the column's far end (a day whose
   * shortest values fell a little below the clean days', read as a tenth of its longest) are the day's own
   * edge, not a rescaled segment.
   */
  static boolean segmentSeen(NumericDistribution baseline, List<NumericDistribution> days, double[] v, Fit fit) {
    double[] range = baseline.values();
    double low = range[0] * fit.factor();
    double high = range[range.length - 1] * fit.factor();
    boolean up = fit.factor() > 1;
    double bulkLow = baseline.quantile(0.05);
    double bulkHigh = baseline.quantile(0.95);
    double bulk = up ? bulkHigh : bulkLow;
    double typical = Signal.median(days.stream().mapToDouble(d -> up ? d.values()[d.values().length - 1]
        : d.values()[0]).toArray());
    int seen = 0;
    boolean ordinary = false;
    for (double x : v) {
      if (x >= Math.min(low, high) && x <= Math.max(low, high) && (up ? x > bulk && x > typical
          : x < bulk && x < typical)) {
        seen++;
        double back = x / fit.factor();
        ordinary |= back >= bulkLow && back <= bulkHigh;
      }
    }
    return seen >= SEGMENT_POINTS && ordinary;
  }

  /**
   * The best factor and share: a coarse grid over log c and s, and the whole column at the factor its quantiles
   * moved by, then a finer grid around the best of them. The grid's steps of 2 % in c are finer than the spread
   * of most columns; a column narrow against its level (longitudes, years) lands off its range at every step
   * beside the true factor, and only the quantiles' own ratio finds it.
   */
  static Fit fit(NumericDistribution baseline, double[] p, double[] v) {
    Fit best = null;
    for (double logC = -MAX_LOG_FACTOR; logC <= MAX_LOG_FACTOR; logC += 0.02) {
      if (Math.abs(logC) < Math.log(MIN_FACTOR) * 0.9) {
        continue;
      }
      for (int k = 1; k <= 10; k++) {
        best = better(best, baseline, p, v, Math.exp(logC), k / 10.0);
      }
    }
    double ratio = quantileRatio(baseline, p, v);
    if (Double.isFinite(ratio) && Math.abs(Math.log(ratio)) >= Math.log(MIN_FACTOR) * 0.9
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

  /**
   * Factors between common units, either way: when one of them fits about as well as the free factor, it is
   * the better account of what happened (the free factor also absorbs the day's own level noise). Powers of
   * ten come first (cents, thousands, milli-units are the commonest slips), then the others.
   */
  static final double[] POWERS_OF_TEN = {10, 100, 1000, 10000};
  static final double[] OTHER_UNITS = {1.609344, 2.54, 2.20462, 3.28084, 12, 24, 60, 3600};
  static final double UNIT_TOLERANCE = 0.03;

  static Fit snapToUnit(NumericDistribution baseline, double[] p, double[] v, Fit free, Set<Double> levels) {
    if (free == null) {
      return null;
    }
    for (double[] units : new double[][] {POWERS_OF_TEN, OTHER_UNITS}) {
      Fit best = null;
      for (double unit : units) {
        double factor = free.factor() >= 1 ? unit : 1 / unit;
        // A discrete column's free fit can land far from its unit, at any share, and so can a segment's (a
        // heavy tail's rows ×100 overlap the rest, and the coarse grid's shares step past the true one): every
        // unit is tried there.
        if (levels == null && free.share() >= WHOLE
            && Math.abs(Math.log(factor) - Math.log(free.factor())) > Math.log(units == POWERS_OF_TEN ? 3 : 2)) {
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
    if (s < WHOLE && Math.abs(Math.log(factor)) < Math.log(MIN_SEGMENT_FACTOR)) {
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
   * The largest gap, over the sketch's interior quantiles (p, v), between p and the mixture's CDF at v; at a
   * point mass of the mixture any p between its two sides is no gap.
   */
  static double distance(NumericDistribution baseline, double[] p, double[] v, double factor, double share) {
    double worst = 0;
    for (int k = FIRST; k <= LAST && k < v.length; k++) {
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
  private static Set<Double> levels(List<NumericDistribution> days) {
    Set<Double> levels = new TreeSet<>();
    for (NumericDistribution d : days) {
      double[] v = d.values();
      for (int k = FIRST; k <= LAST && k < v.length; k++) {
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
    for (int k = FIRST; k <= LAST && k < v.length; k++) {
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
    for (int k = FIRST; k <= LAST && k < v.length; k++) {
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

  private static boolean nearLevel(Set<Double> levels, double x) {
    for (double level : levels) {
      if (Math.abs(x - level) <= LEVEL_TOLERANCE * Math.abs(x)) {
        return true;
      }
    }
    return false;
  }

  /** A clean day's level against the baseline: the median log ratio of its quantiles to the baseline's. */
  private static double level(NumericDistribution baseline, NumericDistribution day) {
    return logRatio(baseline, day.probabilities(), day.values());
  }

  /** The factor the day's quantiles moved by against the baseline's at the same ranks (their median ratio). */
  static double quantileRatio(NumericDistribution baseline, double[] p, double[] v) {
    return Math.exp(logRatio(baseline, p, v));
  }

  private static double logRatio(NumericDistribution baseline, double[] p, double[] v) {
    List<Double> ratios = new ArrayList<>();
    for (int k = FIRST; k <= LAST && k < v.length; k++) {
      double b = baseline.quantile(p[k]);
      if (b != 0 && v[k] != 0 && Math.signum(b) == Math.signum(v[k])) {
        ratios.add(Math.log(v[k] / b));
      }
    }
    return ratios.isEmpty() ? 0 : Signal.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Whether the day's interior points outside the clean range are one value, repeated (by its neighbour, the
   * sketch's ends included: 3 % of rows at 9999999 hold its 95 % point and its maximum): a sentinel or a
   * default, one point mass. A column multiplied by a unit puts many values out there, of which two
   * neighbouring quantiles may share one (a tenth of an hour times a thousand), and an integer column
   * repeats several of its levels, each moved by the same factor.
   */
  static boolean pointMassBeyond(double[] values, double low, double high) {
    Set<Double> beyond = new TreeSet<>();
    boolean repeated = false;
    for (int k = FIRST; k <= Math.min(LAST, values.length - 2); k++) {
      if (values[k] > high || values[k] < low) {
        beyond.add(values[k]);
        repeated |= values[k] == values[k + 1];
      }
    }
    return repeated && beyond.size() == 1;
  }

  private static int distinctInterior(double[] values) {
    return (int) Arrays.stream(values, FIRST, Math.min(LAST + 1, values.length)).distinct().count();
  }
}
