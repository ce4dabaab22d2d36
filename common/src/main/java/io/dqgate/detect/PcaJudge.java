package io.dqgate.detect;

import io.dqgate.Median;
import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.anomaly.PcaModel;
import io.dqgate.anomaly.PcaOptions;
import io.dqgate.anomaly.PcaScore;
import io.dqgate.anomaly.SamplingNoise;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The whole metric vector at once (Uber's data quality monitor): PCA fitted on the clean baseline, the
 * day scored with Hotelling T² and SPE against their control limits, a hit explained by per-metric
 * contributions rolled up to columns. Catches a shift spread thinly over correlated metrics that no
 * single series notices.
 */
final class PcaJudge {
  /** Fewer days than this cannot pin down a covariance over a hundred metrics well enough to judge by. */
  static final int MIN_BASELINE_DAYS = 14;
  /** A column with at least this share of the vector's hit moved with it. */
  static final double MOVED_SHARE = 0.10;
  static final java.util.Set<String> EXTREMES = java.util.Set.of(io.dqgate.metrics.MetricNames.MIN,
      io.dqgate.metrics.MetricNames.MAX, io.dqgate.metrics.MetricNames.MIN_DATE,
      io.dqgate.metrics.MetricNames.MAX_DATE);

  /**
   * Metrics that are statistics of the day's rows, whose sampling noise shrinks as 1/√rows: their
   * deviations are put on the noise scale of a median-sized day ({@link SamplingNoise}). Counts and volumes
   * are left alone, and so are distinct counts: their wobble is mostly HyperLogLog's own error.
   */
  static final java.util.Set<String> PER_ROW_STATISTICS = java.util.Set.of(MetricNames.MEAN, MetricNames.STDDEV,
      MetricNames.P25, MetricNames.MEDIAN, MetricNames.P75, MetricNames.IQR, MetricNames.TARGET_CORRELATION,
      MetricNames.NULL_FRACTION, MetricNames.EMPTY_STRING_FRACTION, MetricNames.NOT_NUMERIC_FRACTION,
      MetricNames.OUT_OF_RANGE_FRACTION, MetricNames.OUT_OF_DOMAIN_FRACTION, MetricNames.FORMAT_MATCH_FRACTION,
      MetricNames.SWAPPED_DAY_MONTH_FRACTION, MetricNames.FUTURE_FRACTION, MetricNames.BEFORE_FLOOR_FRACTION,
      MetricNames.KEY_UNIQUENESS, MetricNames.NULL_KEY_FRACTION, MetricNames.DUPLICATE_ROW_FRACTION,
      MetricNames.VALUE_PROPORTIONS);

  private final DetectSpec spec;

  PcaJudge(DetectSpec spec) {
    this.spec = spec;
  }

  /**
   * Takes each metric's weekday level out (the median of its same-weekday baseline days once there are
   * two, else its overall median), so that a quiet Sunday is not read as a shift of the whole vector.
   */
  static void deseasonalise(double[][] baseline, double[] today, List<LocalDate> days, LocalDate date) {
    for (int k = 0; k < today.length; k++) {
      Map<java.time.DayOfWeek, List<Double>> byWeekday = new java.util.EnumMap<>(java.time.DayOfWeek.class);
      List<Double> all = new ArrayList<>();
      for (int d = 0; d < days.size(); d++) {
        if (!Double.isNaN(baseline[d][k])) {
          byWeekday.computeIfAbsent(days.get(d).getDayOfWeek(), w -> new ArrayList<>()).add(baseline[d][k]);
          all.add(baseline[d][k]);
        }
      }
      if (all.isEmpty()) {
        continue;
      }
      double overall = Median.of(all);
      Map<java.time.DayOfWeek, double[]> sortedByWeekday = new java.util.EnumMap<>(java.time.DayOfWeek.class);
      byWeekday.forEach((w, values) -> {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        java.util.Arrays.sort(sorted);
        sortedByWeekday.put(w, sorted);
      });
      // Baseline rows get their level from the other days of their weekday (leave-one-out), so their
      // residuals are as out-of-sample as today's; with fewer than two others, the overall median.
      double[] shifts = new double[days.size()];
      for (int d = 0; d < days.size(); d++) {
        if (Double.isNaN(baseline[d][k])) {
          continue;
        }
        double[] sorted = sortedByWeekday.get(days.get(d).getDayOfWeek());
        shifts[d] = sorted.length - 1 >= 2 ? medianWithout(sorted, baseline[d][k]) : overall;
      }
      for (int d = 0; d < days.size(); d++) {
        if (!Double.isNaN(baseline[d][k])) {
          baseline[d][k] -= shifts[d];
        }
      }
      List<Double> same = byWeekday.getOrDefault(date.getDayOfWeek(), List.of());
      today[k] -= same.size() >= 2 ? Median.of(same) : overall;
    }
  }

  /** The median of {@code sorted} (ascending) without one occurrence of {@code value}, which it holds. */
  static double medianWithout(double[] sorted, double value) {
    int removed = java.util.Arrays.binarySearch(sorted, value);
    int n = sorted.length - 1;
    java.util.function.IntToDoubleFunction at = i -> sorted[i < removed ? i : i + 1];
    return n % 2 == 1 ? at.applyAsDouble(n / 2) : (at.applyAsDouble(n / 2 - 1) + at.applyAsDouble(n / 2)) / 2;
  }

  /** Whether every known baseline value of metric {@code k} is a whole number (a quantile of years, a count). */
  static boolean wholeNumbers(double[][] baseline, int k) {
    boolean any = false;
    for (double[] day : baseline) {
      if (!Double.isNaN(day[k])) {
        if (day[k] != Math.rint(day[k])) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * The step of a metric that keeps returning to the same few values (at most half as many distinct values
   * as days, compared at 12 significant digits so that 0.07 − 0.02 and 0.06 − 0.01 are one value): the
   * smallest gap between them. 0 for a metric whose values do not repeat.
   */
  static double repeatedStep(double[][] baseline, int k) {
    java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
    int days = 0;
    for (double[] day : baseline) {
      if (!Double.isNaN(day[k])) {
        distinct.add(new java.math.BigDecimal(day[k]).round(new java.math.MathContext(12)).doubleValue());
        days++;
      }
    }
    if (distinct.size() < 2 || 2 * distinct.size() > days) {
      return 0;
    }
    double step = Double.MAX_VALUE;
    Double previous = null;
    for (double v : distinct) {
      if (previous != null) {
        step = Math.min(step, v - previous);
      }
      previous = v;
    }
    return step;
  }

  private static double rowCount(Map<MetricKey, MetricRecord> day) {
    MetricRecord rows = day.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    return rows == null ? Double.NaN : rows.value();
  }

  /** The day's PCA score and the metric each model name stands for; empty in a cold start. */
  record Scored(PcaScore score, Map<String, MetricKey> byName, double heldOutHighest) {
    /** Combined contributions rolled up to columns ("(dataset)" for dataset-wide metrics), largest first. */
    Map<String, Double> byColumn() {
      Map<String, Double> byColumn = new LinkedHashMap<>();
      score.contributions().forEach((metric, share) -> {
        String column = MetricHistory.columnOf(byName.get(metric));
        byColumn.merge(column == null ? "(dataset)" : column, share, Double::sum);
      });
      return byColumn;
    }
  }

  Optional<Scored> score(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    // Extremes (min, max) sit on a bound most days and leave it by a hair: near-zero spread makes them
    // dominate SPE for nothing. Their real breaks show in out_of_range/future fractions and the series.
    List<MetricKey> keys = Detection.judgedKeys(today, spec, history).stream()
        .filter(k -> !EXTREMES.contains(k.metric()))
        .toList();
    List<LocalDate> days = history.days();
    if (keys.size() < 2 || days.isEmpty()) {
      return Optional.empty();
    }
    double[][] baseline = new double[days.size()][keys.size()];
    boolean[] relative = new boolean[keys.size()];
    double[] rowsExponent = new double[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      relative[k] = history.relativeDates(keys.get(k));
      rowsExponent[k] = MetricHistory.perRow(today.get(keys.get(k)), today) ? history.rowsExponent(keys.get(k)) : 0;
    }
    for (int d = 0; d < days.size(); d++) {
      Map<MetricKey, MetricRecord> day = history.day(days.get(d));
      for (int k = 0; k < keys.size(); k++) {
        MetricRecord m = day.get(keys.get(k));
        baseline[d][k] = m == null ? Double.NaN : MetricHistory.comparable(m, day, relative[k], rowsExponent[k]);
      }
    }
    double[] vector = new double[keys.size()];
    List<String> names = new ArrayList<>();
    Map<String, MetricKey> byName = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      vector[k] = MetricHistory.comparable(today.get(keys.get(k)), today, relative[k], rowsExponent[k]);
      String name = MetricHistory.nameOf(keys.get(k));
      names.add(name);
      byName.put(name, keys.get(k));
    }
    // Whole-number metrics (a quantile of years, a count) move in steps of 1, a quantile of a column of a few
    // levels (discounts 0.00 .. 0.10) in steps of its levels; decided on the raw values, before the weekday
    // levels are taken out.
    double[] resolution = new double[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      resolution[k] = wholeNumbers(baseline, k) ? 1 : repeatedStep(baseline, k);
    }
    deseasonalise(baseline, vector, days, date);
    // A Sunday has a third of a weekday's rows: without this its SPE ran ~1.8x a weekday's on the
    // contamination benchmark and both clean-day PCA warnings there were Sundays.
    boolean[] sampled = new boolean[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      sampled[k] = PER_ROW_STATISTICS.contains(keys.get(k).metric());
    }
    double[] rows = new double[days.size()];
    for (int d = 0; d < days.size(); d++) {
      rows[d] = rowCount(history.day(days.get(d)));
    }
    SamplingNoise.equalise(baseline, rows, vector, rowCount(today), sampled);
    PcaOptions options = PcaOptions.defaults()
        .withExplainedVariance(spec.pcaExplainedVariance())
        .withConfidence(spec.pcaConfidence(), spec.pcaSevereConfidence())
        .withForecastScores(spec.pcaForecastScores())
        .withMinBaselineRows(Math.max(MIN_BASELINE_DAYS, spec.minHistory()));
    Optional<PcaModel> model = PcaModel.fit(baseline, days, date, names, resolution, options);
    if (model.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Scored(model.get().score(vector), byName, model.get().heldOutHighest()));
  }

  /**
   * The day's PCA score (the larger of T² and SPE against their control limits) with its finding, plus a
   * finding outside calibration when a bad-data counter left the constant it held on every clean day.
   */
  List<io.dqgate.detect.Scored> scores(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    Optional<Scored> scored = score(date, today, history);
    if (scored.isEmpty()) {
      return List.of();
    }
    Map<String, MetricKey> byName = scored.get().byName();
    // A distribution statistic that happened to sit still (an integer column's p25) may move by a step;
    // only a bad-data counter leaving its constant (0 malformed rows, then 30) is a break worth a finding. A
    // categorical column's count of values no clean day listed is judged by its own signature, which knows
    // how many new values the column's clean days bring and how many rows they hold: one row of a destination
    // flown now and then is a break of a constant here and no news there. So is a counter the fraction
    // signatures judge against the sampling noise of the day's rows: one copied row in a week of sixty is a
    // constant 0 broken, and within what sixty rows allow.
    List<PcaScore.ConstantBreak> breaks = scored.get().score().constantBreaks().stream()
        .filter(b -> {
          String metric = byName.get(b.metric()).metric();
          return SeriesJudge.QUALITY.contains(metric) && !metric.equals(MetricNames.NEW_VALUE_COUNT)
              && !FractionSignatures.judges(metric);
        })
        .toList();
    PcaScore score = scored.get().score().withConstantBreaks(breaks);
    boolean anomalous = score.t2Exceeded() || score.speExceeded();
    boolean severe = score.t2() > score.t2SevereLimit() || score.spe() > score.speSevereLimit();
    Map<String, Double> byColumn = scored.get().byColumn();
    breaks.forEach(b -> {
      String column = MetricHistory.columnOf(byName.get(b.metric()));
      byColumn.merge(column == null ? "(dataset)" : column, 1.0, Double::sum);
    });
    List<Map.Entry<String, Double>> ranked = byColumn.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
    String top = ranked.isEmpty() ? null : ranked.get(0).getKey();
    String columns = ranked.stream().limit(3)
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * Math.min(1, e.getValue())))
        .collect(Collectors.joining(", "));
    double ratio = Math.max(score.t2Limit() > 0 ? score.t2() / score.t2Limit() : 0,
        score.speLimit() > 0 ? score.spe() / score.speLimit() : 0);
    String column = "(dataset)".equals(top) ? null : top;
    String message = "metric vector off its baseline (" + history.cleanDays() + " clean days); columns: " + columns
        + "; " + score.explanation();
    List<io.dqgate.detect.Scored> out = new ArrayList<>();
    Finding finding = new Finding("pca", "t2_spe", column, null, ratio, Double.NaN, 1.0, ratio,
        spec.severity(severe ? "pca-severe" : "pca"), message);
    // before calibration, a limit crossed by less than half as much again as the baseline days' own held-out
    // scores is the vector's ordinary spread on this dataset
    double highest = scored.get().heldOutHighest();
    Set<String> moved = ranked.stream().filter(e -> e.getValue() >= MOVED_SHARE && !"(dataset)".equals(e.getKey()))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    out.add(new io.dqgate.detect.Scored("pca", "pca", ratio, finding, anomalous, "pca", "pca-severe",
        () -> LeaveOneOut.withinOwnSpread(ratio, highest), moved, severe));
    if (!breaks.isEmpty()) {
      out.add(io.dqgate.detect.Scored.uncalibrated(new Finding("pca", "t2_spe", column, null, ratio, Double.NaN, 1.0,
          ratio, spec.severity("pca-severe"), message)));
    }
    return out;
  }
}
