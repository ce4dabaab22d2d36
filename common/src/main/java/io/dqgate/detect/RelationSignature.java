package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.drift.Baselines;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two columns that moved together on every clean day and no longer do, while each column alone holds
 * (rows shifted against each other, a join on the wrong key), or that became one (a column copied into
 * another): the pairwise Pearson correlation
 * ({@code correlation}, entity column-pair, instance "a,b") far from its clean level, on Fisher's z scale
 * where its sampling noise is 1 / sqrt(n - 3) for the n rows holding both values, and twice as far as any clean
 * day went on the same side of that level. A relation that loosened as far as the columns' own spreads say it
 * would with the slope held ({@link #slopeHeld}) holds, and one on the few rows left of a column that lost most
 * of its values is judged only for being gone ({@link #MIN_COMPLETE}). A relation that still holds beyond its
 * noise while a column of it is wider than on any clean day, yet within the range its clean days took, warns as
 * that column's distribution shifting: its own values moved ({@link #widenedNotBroken}).
 * The column named is the one in most broken pairs, among those the one whose own spread moved, then the one
 * whose relations with the other columns moved most.
 */
final class RelationSignature {
  /** The pairwise correlation metric of numeric columns. */
  static final String CORRELATION = "correlation";
  /** A relation weaker than this on clean days has nothing to break. */
  static final double MIN_RELATION = 0.25;
  /** Least change of the correlation itself, whatever the noise. */
  static final double MIN_CHANGE = 0.2;
  static final double NOISE_UNITS = 6;
  /** A correlation this close to ±1 is one column written from the other. */
  static final double EXACT = 0.9999;

  private RelationSignature() {}

  /**
   * A relation is judged in full only on a day whose rows with both values are at least this part of the clean
   * days': the rows a column kept on a day it lost most of its values (the flights that flew in a storm) are not
   * the population its clean days' relation was measured on, and a selection loosens a relation as far as it
   * likes; the lost values are the null share's to judge. On fewer rows, a relation is judged only when it is
   * gone: within {@link #KEPT_NOISE_UNITS} of its sampling noise on those rows from zero on its clean side, as
   * rows shifted against each other leave it, where a selection of related rows stays related.
   */
  static final double MIN_COMPLETE = 0.5;
  /**
   * A relation is judged only on a day where each column holds at least this many rows away from its most
   * common value: two counters that are zero on all but a row or two of a small day (a hotel's babies and
   * booking changes) correlate at ±1 by that row alone.
   */
  static final double MIN_OFF_MODE_ROWS = 10;

  /** A loosening within this many noise units of what the columns' spreads predict with the slope held. */
  static final double SLOPE_NOISE_UNITS = 2;

  /**
   * Noise units from zero a correlation keeps, on its clean side, to count as a relation that still holds: the
   * one-sided 5 % point of its sampling noise. The side is the clean days', known before the day, so the
   * question has one tail: a relation gone leaves the correlation that far on that side once in twenty days.
   */
  static final double KEPT_NOISE_UNITS = 1.645;

  /**
   * A pair whose correlation moved past its clean days'; {@code widened} when the relation still holds beyond
   * noise and a column of it is wider than on any clean day ({@link #widenedNotBroken}).
   */
  private record Broken(String a, String b, double r, double low, double high, double score, boolean widened) {}

  static List<Finding> judge(Map<MetricKey, MetricRecord> today, MetricHistory history, Set<String> explained,
      int baselineDays, Signal.Factory make) {
    MetricRecord rowCount = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowCount == null ? 0 : rowCount.value();
    List<Broken> broken = new ArrayList<>();
    Map<String, double[]> movedOf = new LinkedHashMap<>(); // a column's relations: their movement in noise, how many
    Map<String, Double> cleanNulls = new HashMap<>(); // a column's median null share over the clean days
    Map<String, Double> offMode = new HashMap<>(); // a column's rows away from its most common value today
    Map<String, Boolean> held = new HashMap<>(); // whether a column's distribution holds today
    for (MetricRecord m : today.values()) {
      if (m.entity() != Entity.COLUMN_PAIR || !m.metric().equals(CORRELATION) || !Double.isFinite(m.value())) {
        continue;
      }
      String[] pair = m.instance().split(",", 2);
      if (pair.length != 2 || explained.contains(pair[0]) || explained.contains(pair[1])) {
        continue;
      }
      List<SeriesPoint> series = history.series(m.key(), false);
      double[] z = series.stream().mapToDouble(p -> fisher(p.value())).filter(Double::isFinite).toArray();
      double complete = complete(pair, today);
      if (z.length < SignatureJudge.MIN_DAYS || Math.min(offMode.computeIfAbsent(pair[0], c -> offModeRows(c, today)),
          offMode.computeIfAbsent(pair[1], c -> offModeRows(c, today))) < MIN_OFF_MODE_ROWS) {
        continue;
      }
      double centre = Signal.median(z);
      double[] deviations = java.util.Arrays.stream(z).map(v -> Math.abs(v - centre)).toArray();
      double spread = 1.4826 * Signal.median(deviations);
      double pairs = rows * complete;
      double sampling = pairs > 3 ? 1 / Math.sqrt(pairs - 3) : 1;
      double noise = Math.max(spread, sampling);
      if (complete < MIN_COMPLETE * cleanComplete(pair, history, cleanNulls)
          && Math.signum(centre) * fisher(m.value()) >= KEPT_NOISE_UNITS * sampling) {
        continue;
      }
      double side = Math.signum(fisher(m.value()) - centre);
      double need = gone(z, centre, fisher(m.value()), sampling)
          && held.computeIfAbsent(pair[0], c -> holds(c, today, history, baselineDays))
          && held.computeIfAbsent(pair[1], c -> holds(c, today, history, baselineDays))
          ? farthestOnSide(z, centre, side)
          : Math.max(NOISE_UNITS * noise, 2 * farthestOnSide(z, centre, side));
      double moved = Math.abs(fisher(m.value()) - centre);
      // a shuffled column loses its relations: how far a pair tightened says nothing of which column moved
      double loosened = side != Math.signum(centre) ? moved : 0;
      for (String c : pair) {
        double[] sum = movedOf.computeIfAbsent(c, k -> new double[2]);
        sum[0] += loosened / noise;
        sum[1]++;
      }
      double level = Math.tanh(centre);
      // A relation that grew tighter is the columns' shared part growing (a storm's delays swamp the noise
      // between departure and arrival), unless it became exact: one column copied into the other. One that turned
      // as strong the other way is no relation lost: a shuffled or shifted column leaves its pairs near zero, and
      // a day of few groups (five cities' weeks) can line their levels up either way.
      boolean exact = Math.abs(m.value()) >= EXACT && Math.abs(level) < EXACT;
      boolean tighter = Math.abs(m.value()) > Math.abs(level);
      if (Math.abs(level) >= MIN_RELATION && moved >= need && (exact || Math.abs(m.value() - level) >= MIN_CHANGE
          && !tighter && !asSpreadsSay(m.value(), pair, level, noise, today, history))) {
        double[] r = Signal.values(series);
        broken.add(new Broken(pair[0], pair[1], m.value(), Signal.min(r), Signal.max(r), moved / need,
            !exact && widenedNotBroken(m.value(), pair, level, noise, today, history)));
      }
    }
    List<Broken> outright = broken.stream().filter(b -> !b.widened()).toList();
    if (!outright.isEmpty()) {
      return List.of(finding(outright, movedOf, today, history, make, false));
    }
    return broken.isEmpty() ? List.of() : List.of(finding(broken, movedOf, today, history, make, true));
  }

  /**
   * The finding of the broken pairs: a block on the column in most of them, or, where every pair is one whose
   * column widened ({@code widened}), a warning that the column's own values moved (a distribution shift).
   */
  private static Finding finding(List<Broken> broken, Map<String, double[]> movedOf,
      Map<MetricKey, MetricRecord> today, MetricHistory history, Signal.Factory make, boolean widened) {
    Map<String, Integer> pairsOf = new LinkedHashMap<>();
    for (Broken b : broken) {
      pairsOf.merge(b.a(), 1, Integer::sum);
      pairsOf.merge(b.b(), 1, Integer::sum);
    }
    Broken strongest = broken.stream().max(java.util.Comparator.comparingDouble(Broken::score)).orElseThrow();
    Map<String, Double> spreadMoved = new LinkedHashMap<>();
    pairsOf.keySet().forEach(c -> spreadMoved.put(c, spreadMoved(c, today, history)));
    // most broken pairs first; among equals the column whose own spread moved (one segment of it in another
    // unit breaks its relations and widens it), then the one whose relations with every other column loosened
    // most (a column shuffled against the rest loses them all; its partner, or a column derived from it, keeps
    // its own, even where a calm day tightens one of them), then the strongest pair's first column
    String column = pairsOf.entrySet().stream()
        .max(java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(e -> spreadMoved.get(e.getKey()) >= NOISE_UNITS)
            .thenComparingDouble(e -> movedOf.get(e.getKey())[0] / movedOf.get(e.getKey())[1])
            .thenComparing(e -> e.getKey().equals(strongest.a()) ? 1 : 0))
        .orElseThrow().getKey();
    Broken shown = broken.stream().filter(b -> b.a().equals(column) || b.b().equals(column))
        .max(java.util.Comparator.comparingDouble(Broken::score)).orElseThrow();
    String other = shown.a().equals(column) ? shown.b() : shown.a();
    int more = pairsOf.get(column) - 1;
    String wide = widerThanClean(column, today, history) ? column : other;
    String marginals = widened
        ? String.format(Locale.ROOT, ", with %s wider than on any clean day and the relation kept beyond its noise: "
            + "%s's own values moved (a tail of them, as a clock column's times do when departures wrap past "
            + "midnight), where rows shifted against each other leave each column as it was", wide, wide)
        : spreadMoved.get(column) >= NOISE_UNITS
        ? String.format(Locale.ROOT, ", and the spread of %s itself moved (%.1f robust sd)", column,
            spreadMoved.get(column))
        : ", while each column holds";
    String message = String.format(Locale.ROOT, "relation between %s and %s %s: correlation %.2f, on the clean days "
        + "%.2f .. %.2f%s%s", column, other, widened ? "loosened" : "broken", shown.r(), shown.low(), shown.high(),
        marginals, more > 0 ? " (+" + more + " more pair" + (more == 1 ? "" : "s") + " of " + column + ")" : "");
    return widened
        ? make.warning(CORRELATION, column, shown.r(), shown.low(), shown.high(), shown.score(),
            Cause.DISTRIBUTION_SHIFT, message)
        : make.of(CORRELATION, column, shown.r(), shown.low(), shown.high(), shown.score(), Cause.RELATION_BROKEN,
            message);
  }

  /**
   * Whether a loosened relation is a column's own values moving rather than the relation breaking: a column of
   * the pair is wider than on any clean day while its values stay within the range the clean days took, and the
   * correlation keeps {@link #KEPT_NOISE_UNITS} of its noise from zero on its clean side. Rows shifted against
   * each other, or one column shuffled, leave both columns as they were and the correlation at zero; one segment
   * in another unit takes its column past its clean range; a storm whose late departures wrap past midnight
   * moves the clock column's values to the early hours it already knew, and loosens its relation with the
   * schedule only as far as those rows go.
   */
  private static boolean widenedNotBroken(double r, String[] pair, double level, double noise,
      Map<MetricKey, MetricRecord> today, MetricHistory history) {
    if (Math.signum(level) * fisher(r) < KEPT_NOISE_UNITS * noise) {
      return false;
    }
    boolean widened = false;
    for (String c : pair) {
      if (widerThanClean(c, today, history)) {
        if (!withinCleanRange(c, today, history)) {
          return false;
        }
        widened = true;
      }
    }
    return widened;
  }

  /**
   * The rows of a column away from its most common value today, by its quantile sketch (the largest mass one
   * value holds there; the sketch's 5 % steps bound it from above); infinite where the day stored no sketch.
   */
  static double offModeRows(String column, Map<MetricKey, MetricRecord> today) {
    MetricRecord quantiles = today.get(MetricKey.column(column, MetricNames.QUANTILES));
    NumericDistribution d = quantiles == null || quantiles.detail() == null ? null
        : NumericDistribution.fromJson(quantiles.detail());
    if (d == null || !d.isUsable()) {
      return Double.POSITIVE_INFINITY;
    }
    double modal = 0;
    for (double v : d.values()) {
      modal = Math.max(modal, d.cdf(v) - d.cdfBefore(v));
    }
    return d.count() * (1 - modal);
  }

  /**
   * Whether a column's least and greatest values today lie within those of its clean days, each end give or take
   * how far its most extreme clean day lay beyond its typical one (the median of the clean days' extremes): a
   * few clean days bound a range only that closely, and a clock column's latest departure one minute past the
   * latest of a week's is still the range it knew. Rows in another unit, or moved past zero, leave it by far
   * more than the clean days' extremes spread.
   */
  static boolean withinCleanRange(String column, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    MetricRecord min = today.get(MetricKey.column(column, MetricNames.MIN));
    MetricRecord max = today.get(MetricKey.column(column, MetricNames.MAX));
    double[] mins = Signal.values(history.series(MetricKey.column(column, MetricNames.MIN), false));
    double[] maxes = Signal.values(history.series(MetricKey.column(column, MetricNames.MAX), false));
    if (min == null || max == null || mins.length < SignatureJudge.MIN_DAYS
        || maxes.length < SignatureJudge.MIN_DAYS) {
      return false;
    }
    double least = Signal.min(mins);
    double greatest = Signal.max(maxes);
    return min.value() >= least - (Signal.median(mins) - least)
        && max.value() <= greatest + (greatest - Signal.median(maxes));
  }

  /** Whether a column's standard deviation today is wider than on every clean day. */
  private static boolean widerThanClean(String column, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    MetricRecord now = today.get(MetricKey.column(column, MetricNames.STDDEV));
    double[] logs = logSpreads(column, history);
    return now != null && now.value() > 0 && logs.length >= SignatureJudge.MIN_DAYS
        && Math.log(now.value()) > Signal.max(logs);
  }

  /**
   * The correlation the pair would have today if one column's slope on the other held while the columns'
   * spreads moved as they did: r = ρ · (s_a / σ_a) / (s_b / σ_b) for b on a, its inverse for a on b, whichever
   * loosens (ρ the clean level, σ the clean days' median standard deviations, s today's). A calm day shrinks
   * the delays both columns share and leaves each column's own noise: the relation loosens as the spreads say.
   * Rows shifted against each other keep both spreads and lose the relation. A column wider than on any clean
   * day explains nothing (one segment in another unit widens its column, and a correlation near zero is then
   * what a held slope and a lost relation both give): NaN then, and without both spreads.
   */
  static double slopeHeld(String[] pair, double level, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    double ratio = spreadFactor(pair[0], today, history) / spreadFactor(pair[1], today, history);
    if (!(ratio > 0) || Double.isInfinite(ratio)) {
      return Double.NaN;
    }
    return level * Math.min(ratio, 1 / ratio);
  }

  /** Whether {@code r} is within {@link #SLOPE_NOISE_UNITS} of its noise of what {@link #slopeHeld} predicts. */
  private static boolean asSpreadsSay(double r, String[] pair, double level, double noise,
      Map<MetricKey, MetricRecord> today, MetricHistory history) {
    return Math.abs(fisher(r) - fisher(slopeHeld(pair, level, today, history))) < SLOPE_NOISE_UNITS * noise;
  }

  /**
   * A column's standard deviation today over its clean days' median; NaN without both, or when today's is
   * wider than every clean day's.
   */
  private static double spreadFactor(String column, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    MetricRecord now = today.get(MetricKey.column(column, MetricNames.STDDEV));
    double[] logs = logSpreads(column, history);
    if (now == null || !(now.value() > 0) || logs.length < SignatureJudge.MIN_DAYS
        || Math.log(now.value()) > Signal.max(logs)) {
      return Double.NaN;
    }
    return Math.exp(Math.log(now.value()) - Signal.median(logs));
  }

  /** The most of today's rows that can hold both of the pair's values: the smaller of their non-null shares. */
  private static double complete(String[] pair, Map<MetricKey, MetricRecord> today) {
    return 1 - Math.max(nullShare(today.get(MetricKey.column(pair[0], MetricNames.NULL_FRACTION))),
        nullShare(today.get(MetricKey.column(pair[1], MetricNames.NULL_FRACTION))));
  }

  private static double nullShare(MetricRecord m) {
    return m == null || !Double.isFinite(m.value()) ? 0 : m.value();
  }

  /** As {@link #complete}, of each column's median null share over the clean days (kept in {@code cleanNulls}). */
  private static double cleanComplete(String[] pair, MetricHistory history, Map<String, Double> cleanNulls) {
    java.util.function.Function<String, Double> median = column -> {
      double[] shares = Signal.values(history.series(MetricKey.column(column, MetricNames.NULL_FRACTION), false));
      return shares.length == 0 ? 0 : Signal.median(shares);
    };
    return 1 - Math.max(cleanNulls.computeIfAbsent(pair[0], median), cleanNulls.computeIfAbsent(pair[1], median));
  }

  /**
   * How far a column's standard deviation is from its clean days', in robust sd of its logarithm (at least a
   * twentieth, so a column whose spread never moves does not make a small step large); 0 without a history.
   */
  static double spreadMoved(String column, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    MetricRecord now = today.get(MetricKey.column(column, MetricNames.STDDEV));
    double[] logs = logSpreads(column, history);
    if (now == null || !(now.value() > 0) || logs.length < SignatureJudge.MIN_DAYS) {
      return 0;
    }
    double centre = Signal.median(logs);
    double spread = 1.4826 * Signal.median(java.util.Arrays.stream(logs).map(v -> Math.abs(v - centre)).toArray());
    return Math.abs(Math.log(now.value()) - centre) / Math.max(spread, 0.05);
  }

  /** The logarithms of a column's standard deviation on the clean days. */
  private static double[] logSpreads(String column, MetricHistory history) {
    return history.series(MetricKey.column(column, MetricNames.STDDEV), false).stream()
        .mapToDouble(p -> Math.log(p.value())).filter(Double::isFinite).toArray();
  }

  /**
   * Whether a relation every clean day held is gone today: the correlation lies within {@link #KEPT_NOISE_UNITS}
   * of today's sampling noise from zero on its clean side (or past zero), where on the weakest clean day it was at
   * least {@link #MIN_RELATION} and at least {@link #NOISE_UNITS} of that noise from zero. Had the relation held
   * at its weakest clean level, today's rows would have shown it that far from zero; rows shifted against each
   * other, or one column shuffled, leave nothing of it, and leave each column as a clean day has it
   * ({@link #holds}). The spread of the clean days' correlations (a mix of segments moving them) then
   * says only that today must lie beyond every clean day; it takes six of those spreads where the relation
   * merely loosened.
   */
  static boolean gone(double[] z, double centre, double today, double sampling) {
    double side = Math.signum(centre);
    double weakest = java.util.Arrays.stream(z).map(v -> side * v).min().orElse(0);
    return side != 0 && side * today < KEPT_NOISE_UNITS * sampling
        && weakest >= Math.max(fisher(MIN_RELATION), NOISE_UNITS * sampling);
  }

  /**
   * Whether a column's distribution today is no further from its baseline (the last {@code baselineDays} clean
   * days' sketches merged) than the furthest clean day was, each distance on the noise scale of its own rows
   * (times the square root of the rows): rows shifted against each other, or one column shuffled, leave both
   * columns as a clean day has them, while a column whose own values moved (a storm's late arrivals wrapping
   * past midnight on a clock column) takes its relations with it, as far as it likes.
   */
  static boolean holds(String column, Map<MetricKey, MetricRecord> today, MetricHistory history, int baselineDays) {
    MetricRecord sketch = today.get(MetricKey.column(column, MetricNames.QUANTILES));
    if (sketch == null || sketch.detail() == null) {
      return false;
    }
    NumericDistribution day = NumericDistribution.fromJson(sketch.detail());
    List<NumericDistribution> days = history.recent(sketch.key(), baselineDays).stream()
        .filter(r -> r.detail() != null).map(r -> NumericDistribution.fromJson(r.detail()))
        .filter(NumericDistribution::isUsable).toList();
    if (!day.isUsable() || days.size() < SignatureJudge.MIN_DAYS) {
      return false;
    }
    NumericDistribution merged = Baselines.mergeNumeric(days);
    double furthest = days.stream().mapToDouble(d -> ScaledMixture.noiseScaled(merged, d)).max().orElse(0);
    return ScaledMixture.noiseScaled(merged, day) <= furthest;
  }

  /**
   * The farthest a clean day went from the centre on one side of it: a relation judged for loosening is held
   * to the clean days that loosened, not to a day whose shared part swamped the noise (a sale day's prices
   * making up the whole of the amounts), which went the other way.
   */
  private static double farthestOnSide(double[] z, double centre, double side) {
    double out = 0;
    for (double v : z) {
      if (Math.signum(v - centre) == side) {
        out = Math.max(out, Math.abs(v - centre));
      }
    }
    return out;
  }

  static double fisher(double r) {
    double clamped = Math.max(-0.999999, Math.min(0.999999, r));
    return 0.5 * Math.log((1 + clamped) / (1 - clamped));
  }
}
