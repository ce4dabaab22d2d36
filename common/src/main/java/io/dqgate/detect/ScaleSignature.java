package io.dqgate.detect;

import io.dqgate.drift.Baselines;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
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
 * ×60, ×100 cents, ×1000), read three ways from the day's quantile sketch against the clean days'. First the
 * day is fitted as the clean baseline with a share of its rows rescaled ({@link ScaledMixture}): a unit change
 * when the day is further from the baseline than any clean day was, the scaled mixture explains that distance
 * away, and the factor is well past any level shift the clean days showed (further for a factor that is no
 * conversion between common units). A discrete column whose day keeps to the levels it had is a new mix of
 * known values unless the scaled mixture fits it within the day's sampling noise. Where the fit says nothing,
 * a whole-number column's lattice ({@link UnitLattice}) and a segment's values past the clean range
 * ({@link UnitOffRange}) are read.
 */
final class ScaleSignature {
  /** Least distance (largest gap between the sketch and the baseline's CDF) a unit change must show. */
  static final double MIN_DISTANCE = 0.08;

  static List<Finding> judge(Map<MetricKey, MetricRecord> today, MetricHistory history, int baselineDays,
      Signal.Factory make) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.metric().equals(MetricNames.QUANTILES) && m.detail() != null) {
        List<MetricRecord> baseline = history.recent(m.key(), baselineDays);
        judgeColumn(m, baseline, make).map(f -> ofItsOwnPopulation(f, m, baseline)).ifPresent(out::add);
      }
    }
    return out;
  }

  /** How many times the most values a clean day counted a day must count to be a population of its own. */
  static final double POPULATION_FACTOR = 2;

  /**
   * A rescale blocked on a day that counts more than {@link #POPULATION_FACTOR} times the values of every one of
   * its clean days warns instead: the day is a population of its own (a batch of state polls among days of
   * national ones, their samples a fifth the size), whose magnitudes a new mix explains as well as a unit does. A
   * unit changed on a day like the others still blocks.
   */
  static Finding ofItsOwnPopulation(Finding found, MetricRecord today, List<MetricRecord> baseline) {
    if (found.severity() != Severity.BLOCK) {
      return found;
    }
    long most = baseline.stream().map(r -> NumericDistribution.fromJson(r.detail()))
        .filter(NumericDistribution::isUsable).mapToLong(NumericDistribution::count).max().orElse(0);
    long count = NumericDistribution.fromJson(today.detail()).count();
    if (most == 0 || count <= POPULATION_FACTOR * most) {
      return found;
    }
    return found.withSeverity(Severity.WARN, found.message() + String.format(Locale.ROOT, "; the day counts %d "
        + "values, more than %.0f times any of its %d clean days (at most %d): a population of its own, whose "
        + "magnitudes a new mix explains as well as a unit", count, POPULATION_FACTOR, baseline.size(), most));
  }

  static Optional<Finding> judgeColumn(MetricRecord today, List<MetricRecord> baseline, Signal.Factory make) {
    if (baseline.size() < SignatureJudge.MIN_DAYS) {
      return Optional.empty();
    }
    List<NumericDistribution> days = new ArrayList<>();
    List<Double> dates = new ArrayList<>();
    for (MetricRecord r : baseline) {
      NumericDistribution d = NumericDistribution.fromJson(r.detail());
      if (d.isUsable()) {
        days.add(d);
        dates.add((double) r.partitionDate().toEpochDay());
      }
    }
    NumericDistribution day = NumericDistribution.fromJson(today.detail());
    if (days.size() < SignatureJudge.MIN_DAYS || !day.isUsable()) {
      return Optional.empty();
    }
    NumericDistribution merged = Baselines.mergeNumeric(days);
    if (distinctInterior(merged.values()) < 3) {
      return Optional.empty(); // a constant or a flag: a new level there is not a unit
    }
    double[] x = dates.stream().mapToDouble(Double::doubleValue).toArray();
    Optional<Finding> fitted = fitted(today.instance(), days, x, today.partitionDate().toEpochDay(), merged, day,
        make);
    if (fitted.isPresent()) {
      return fitted;
    }
    Optional<Finding> lattice = UnitLattice.offWholeNumbers(today.instance(), days, day.values(), make);
    return lattice.isPresent() ? lattice
        : UnitOffRange.beyondOnUnit(today.instance(), merged, days, day.values(), make);
  }

  /**
   * The day's sketch fitted as the baseline with a share of its rows scaled ({@link ScaledMixture#fit}), judged against
   * how far the clean days moved.
   */
  private static Optional<Finding> fitted(String column, List<NumericDistribution> days, double[] x, double today,
      NumericDistribution merged, NumericDistribution day, Signal.Factory make) {
    double[] p = day.probabilities();
    double[] v = day.values();
    double unscaled = ScaledMixture.distance(merged, p, v, 1, 0);
    // Distances of sketches of n rows shrink as 1 / sqrt(n): clean days are compared on that scale, so a
    // quiet holiday's noisier sketch does not widen what a full day may show.
    double cleanScaled = 0;
    double cleanDistance = 0;
    double[] cleanLevels = new double[days.size()];
    for (int i = 0; i < days.size(); i++) {
      NumericDistribution d = days.get(i);
      double dd = ScaledMixture.distance(merged, d.probabilities(), d.values(), 1, 0);
      cleanDistance = Math.max(cleanDistance, dd);
      cleanScaled = Math.max(cleanScaled, dd * Math.sqrt(d.count()));
      cleanLevels[i] = ScaledMixture.level(merged, d);
    }
    // a column on a trend (prices into their season) is measured from the trend's level today, and its clean
    // days by how far they strayed from it
    LevelTrend trend = LevelTrend.of(x, cleanLevels, today);
    double cleanLevel = trend.spread();
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
    Set<Double> levels = ScaledMixture.levels(days);
    ScaledMixture.Fit fit = ScaledMixture.snapToUnit(merged, p, v, ScaledMixture.fit(merged, p, v), levels);
    // off the trend, a whole column's factor is its level the way the clean days' levels were read, less the
    // trend's: a fit against a baseline the trend widened overshoots it
    double offTrend = fit == null ? 1 : !trend.trending() ? fit.factor()
        : Math.exp((fit.share() >= ScaledMixture.WHOLE ? ScaledMixture.level(merged, day) : Math.log(fit.factor()))
            - trend.expected());
    double minLog = Math.max(Math.log(Units.MIN_FACTOR),
        (fit != null && Units.known(offTrend) ? UNIT_LEVEL_MARGIN : FREE_LEVEL_MARGIN) * cleanLevel);
    boolean envelope = unscaled * Math.sqrt(day.count()) >= 1.5 * cleanScaled;
    if (fit == null || !envelope && fit.share() >= ScaledMixture.WHOLE || Math.abs(Math.log(offTrend)) < minLog
        || fit.distance() > Math.max(2 * cleanDistance, 0.08) || fit.distance() > unscaled / 2.5
        || fit.share() < ScaledMixture.WHOLE && !segmentSeen(merged, days, v, fit)
        || levels != null && onKnownLevels(levels, v) && fit.distance() > withinNoise(day.count())) {
      return Optional.empty();
    }
    String factor = "×" + Cause.threeDigits(offTrend);
    boolean whole = fit.share() >= ScaledMixture.WHOLE;
    String moved = trend.trending() ? String.format(Locale.ROOT, "%s off the column's trend (×%s against the "
        + "baseline, where the trend stands at ×%s today)", factor, Cause.threeDigits(fit.factor()),
        Cause.threeDigits(Math.exp(trend.expected()))) : factor;
    String where = whole ? "all its quantiles moved by " + moved
        : String.format(Locale.ROOT, "about %.0f%% of its rows moved by %s", 100 * fit.share(), moved);
    return Optional.of(make.of(MetricNames.QUANTILES, column, offTrend, Math.exp(-cleanLevel),
        Math.exp(cleanLevel), Math.abs(Math.log(offTrend)) / minLog, Cause.UNIT_CHANGE, String.format(Locale.ROOT,
            "unit change in %s%s, %s: %s (distance to the last %d clean days %.2f, %.2f once rescaled; "
                + "no clean day moved by more than ×%s%s)", whole ? "" : "one segment of ", column, factor, where,
            days.size(), unscaled, fit.distance(), Cause.threeDigits(Math.exp(cleanLevel)),
            trend.trending() ? " off the trend" : "")));
  }

  /** How many times the clean days' largest level shift a factor between known units must reach. */
  static final double UNIT_LEVEL_MARGIN = 3;
  /**
   * How many times it a factor between no known units must reach: a column moved by ×1.3 is more often a
   * level its history reaches once in a few hundred days (a price level with a heavy tail) than a unit.
   */
  static final double FREE_LEVEL_MARGIN = 4;

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
    for (int k = Units.FIRST; k <= Units.LAST && k < v.length; k++) {
      if (v[k] != 0) {
        nonZero++;
        if (!ScaledMixture.nearLevel(levels, v[k])) {
          return false;
        }
      }
    }
    return nonZero > 0;
  }

  /**
   * Whether the day's sketch shows the rescaled segment itself: at least {@link Units#SEGMENT_POINTS} of its points
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
   *
   * <p>And one of them must leave the clean range by at least {@link Units#MIN_FACTOR} on the factor's side:
   * rows a unit moved leave it by a unit's worth, while a storm's day of long routes only (the short ones
   * cancelled) crowds the range's end without passing it. A point on the range's end has not left it: where
   * the clean days reach zero (budgets, counts), rows moved towards zero stay inside, and a year of
   * micro-budget films crowding the zeros is a new mix, not a unit.
   */
  static boolean segmentSeen(NumericDistribution baseline, List<NumericDistribution> days, double[] v,
      ScaledMixture.Fit fit) {
    double[] range = baseline.values();
    double low = range[0] * fit.factor();
    double high = range[range.length - 1] * fit.factor();
    boolean up = fit.factor() > 1;
    double bulkLow = baseline.quantile(0.05);
    double bulkHigh = baseline.quantile(0.95);
    double bulk = up ? bulkHigh : bulkLow;
    double typical = Signal.median(days.stream().mapToDouble(d -> up ? d.values()[d.values().length - 1]
        : d.values()[0]).toArray());
    double end = up ? range[range.length - 1] : range[0];
    int seen = 0;
    boolean ordinary = false;
    boolean past = false;
    for (double x : v) {
      if (x >= Math.min(low, high) && x <= Math.max(low, high) && (up ? x > bulk && x > typical
          : x < bulk && x < typical)) {
        seen++;
        double back = x / fit.factor();
        ordinary |= back >= bulkLow && back <= bulkHigh;
        double beyond = up == end > 0 ? Units.MIN_FACTOR * end : end / Units.MIN_FACTOR;
        past |= x != end && (up ? x >= beyond : x <= beyond);
      }
    }
    return seen >= Units.SEGMENT_POINTS && ordinary && past;
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
    for (int k = Units.FIRST; k <= Math.min(Units.LAST, values.length - 2); k++) {
      if (values[k] > high || values[k] < low) {
        beyond.add(values[k]);
        repeated |= values[k] == values[k + 1];
      }
    }
    return repeated && beyond.size() == 1;
  }

  private static int distinctInterior(double[] values) {
    return (int) Arrays.stream(values, Units.FIRST, Math.min(Units.LAST + 1, values.length)).distinct().count();
  }

  private ScaleSignature() {}
}
