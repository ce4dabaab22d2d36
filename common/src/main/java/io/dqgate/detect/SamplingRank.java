package io.dqgate.detect;

import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.drift.Baselines;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Whether a quantile, an interquartile range or a minimum or maximum that moved inward is what drawing the
 * day's rows from the clean days' pooled distribution gives, judged in rank rather than in value.
 *
 * <p>A day's quantile q is a value v with F(v-) ≤ q ≤ F(v) among its n rows; drawn from the pooled
 * distribution, its rank F_pool(v) lies within √(q(1−q)/n) of q. In value, that spread can be a whole level:
 * the p75 of a column of four discount levels sits on one level or the next depending on a share 1.7 points
 * either way, and a series of days that all sat on the upper level has no spread with which to see that. A
 * point mass of the pooled distribution is known only to the stored grid's step, so its ends are widened by
 * half a step; the sketches' rank errors are allowed for as well.
 *
 * <p>A minimum above the pooled one means no row fell below it: with a share f of the pooled rows below,
 * that happens with chance (1 − f)^n, and the maximum likewise. A minimum below everything pooled (an
 * extreme never seen) is not judged here.
 */
final class SamplingRank {
  /** A move that sampling explains at this many standard deviations or fewer is not an anomaly. */
  static final double NOISE_Z = 4.0;
  /** Clean days pooled into the distribution the day is drawn from. */
  static final int BASELINE_DAYS = 28;
  /** The metrics judged in rank. */
  static final Set<String> RANKED = Set.of(MetricNames.P25, MetricNames.MEDIAN, MetricNames.P75, MetricNames.IQR,
      MetricNames.MIN, MetricNames.MAX);
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
  /** The pooled distribution is kept finer than the stored grid, so that a level's ends survive pooling. */
  private static final double[] FINE_GRID = java.util.stream.IntStream.rangeClosed(0, 400)
      .mapToDouble(i -> i / 400.0).toArray();

  private final Map<MetricKey, MetricRecord> today;
  private final MetricHistory history;
  private final Map<String, Optional<Pool>> pooled = new HashMap<>();
  private final Map<String, Optional<NumericDistribution>> days = new HashMap<>();

  SamplingRank(Map<MetricKey, MetricRecord> today, MetricHistory history) {
    this.today = today;
    this.history = history;
  }

  /**
   * The detector's verdict with its score no higher than the move's distance in sampling standard deviations,
   * and not anomalous where sampling explains the move ({@link #NOISE_Z}). Every verdict of these metrics is
   * held to it, not only alarms, so that a clean day's score keeps its rank among the others in calibration.
   */
  SeriesVerdict judge(MetricKey key, SeriesVerdict v) {
    if (!(v.score() > 1) || !RANKED.contains(key.metric())) {
      return v;
    }
    Optional<Explained> explained = rankZ(key);
    if (explained.isEmpty() || !(explained.get().z() < v.score())) {
      return v;
    }
    Explained e = explained.get();
    boolean sampling = e.z() <= NOISE_Z;
    return new SeriesVerdict(v.anomalous() && !sampling, v.observed(), v.expectedLow(), v.expectedHigh(), e.z(),
        v.method() + "+rank", String.format(Locale.ROOT, "%s at %d rows (%s, %.1f sd): %s",
            sampling ? "within sampling" : "in rank", e.rows(), e.what(), e.z(), v.explanation()));
  }

  /** How many sampling standard deviations the move is, with the rows and a short account of it. */
  record Explained(double z, long rows, String what) {}

  Optional<Explained> rankZ(MetricKey key) {
    if (key.entity() != Entity.COLUMN) {
      return Optional.empty();
    }
    String column = key.instance();
    Optional<Pool> base = pooled(column);
    Optional<NumericDistribution> sketch = base.isEmpty() ? Optional.empty() : todays(column);
    if (sketch.isEmpty()) {
      return Optional.empty();
    }
    NumericDistribution day = sketch.get();
    Pool pool = base.get();
    long n = day.count();
    double tolerance = orZero(day.rankError()) + orZero(pool.merged().rankError());
    return switch (key.metric()) {
      case MetricNames.P25 -> quantile(pool, 0.25, value(column, MetricNames.P25), n, tolerance);
      case MetricNames.MEDIAN -> quantile(pool, 0.5, value(column, MetricNames.MEDIAN), n, tolerance);
      case MetricNames.P75 -> quantile(pool, 0.75, value(column, MetricNames.P75), n, tolerance);
      case MetricNames.IQR -> quantile(pool, 0.25, value(column, MetricNames.P25), n, tolerance)
          .flatMap(low -> quantile(pool, 0.75, value(column, MetricNames.P75), n, tolerance)
              .map(high -> new Explained(Math.max(low.z(), high.z()), n, "p25 and p75 " + (low.z() >= high.z()
                  ? low.what() : high.what()))));
      case MetricNames.MIN -> inwardExtreme(pool.merged(), value(column, MetricNames.MIN), n, true);
      case MetricNames.MAX -> inwardExtreme(pool.merged(), value(column, MetricNames.MAX), n, false);
      default -> Optional.empty();
    };
  }

  /**
   * The distance in rank from q to where v lies in the pool, in binomial standard deviations at n rows. A
   * level some clean day stored is known in rank only to the stored grid: its ends are widened by half a
   * step.
   */
  static Optional<Explained> quantile(Pool pool, double q, double v, long n, double tolerance) {
    NumericDistribution merged = pool.merged();
    if (Double.isNaN(v) || v < merged.quantile(0) || v > merged.quantile(1)) {
      return Optional.empty();
    }
    double below = merged.cdfBefore(v);
    double upTo = merged.cdf(v);
    if (pool.storedLevel(v)) {
      below -= pool.halfStep();
      upTo += pool.halfStep();
    }
    double distance = Math.max(0, Math.max(below - q, q - upTo) - tolerance);
    double z = distance / Math.sqrt(q * (1 - q) / n);
    return Optional.of(new Explained(z, n, String.format(Locale.ROOT, "rank %.3f .. %.3f for q %.2f",
        Math.max(0, below), Math.min(1, upTo), q)));
  }

  /**
   * The chance that none of n rows drawn from the pool lies beyond v, as a one-sided normal score; empty for
   * an extreme beyond the pool's own.
   */
  static Optional<Explained> inwardExtreme(NumericDistribution pool, double v, long n, boolean minimum) {
    if (Double.isNaN(v) || (minimum ? v < pool.quantile(0) : v > pool.quantile(1))) {
      return Optional.empty();
    }
    double beyond = minimum ? pool.cdfBefore(v) : 1 - pool.cdf(v);
    double chance = Math.exp(n * Math.log1p(-Math.min(beyond, 1 - 1e-12)));
    double z = chance >= 0.5 ? 0 : -NORMAL.inverseCumulativeProbability(Math.max(chance, Double.MIN_NORMAL));
    return Optional.of(new Explained(z, n, String.format(Locale.ROOT, "%.3f%% of clean rows %s it", 100 * beyond,
        minimum ? "below" : "above")));
  }

  private static double halfStep(double[] probabilities) {
    double step = 1;
    for (int i = 1; i < probabilities.length; i++) {
      double d = probabilities[i] - probabilities[i - 1];
      if (d > 0) {
        step = Math.min(step, d);
      }
    }
    return step / 2;
  }

  private double value(String column, String metric) {
    MetricRecord r = today.get(MetricKey.column(column, metric));
    return r == null ? Double.NaN : r.value();
  }

  /** The clean days' pooled distribution, and half the step of the grid their quantiles are stored on. */
  record Pool(NumericDistribution merged, List<NumericDistribution> days, double halfStep) {
    /** Whether v is a value some clean day stored at a grid point: a level of a discrete column. */
    boolean storedLevel(double v) {
      for (NumericDistribution d : days) {
        for (double x : d.values()) {
          if (x == v) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The day's own quantile sketch of the column, parsed once for all its ranked metrics. */
  private Optional<NumericDistribution> todays(String column) {
    return days.computeIfAbsent(column, c -> {
      MetricRecord quantiles = today.get(MetricKey.column(c, MetricNames.QUANTILES));
      if (quantiles == null || quantiles.detail() == null) {
        return Optional.empty();
      }
      NumericDistribution day = NumericDistribution.fromJson(quantiles.detail());
      return day.isUsable() && day.count() >= 1 ? Optional.of(day) : Optional.empty();
    });
  }

  private Optional<Pool> pooled(String column) {
    return pooled.computeIfAbsent(column, c -> {
      List<NumericDistribution> days = history.recent(MetricKey.column(c, MetricNames.QUANTILES), BASELINE_DAYS)
          .stream().filter(r -> r.detail() != null).map(r -> NumericDistribution.fromJson(r.detail()))
          .filter(NumericDistribution::isUsable).toList();
      if (days.size() < SignatureJudge.MIN_DAYS) {
        return Optional.empty();
      }
      NumericDistribution merged = Baselines.mergeNumeric(days, FINE_GRID);
      return merged.isUsable() ? Optional.of(new Pool(merged, days, halfStep(days.get(0).probabilities())))
          : Optional.empty();
    });
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
