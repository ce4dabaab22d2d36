package io.dqgate.detect;

import io.dqgate.anomaly.AutoSeriesDetector;
import io.dqgate.anomaly.HoltWintersDetector;
import io.dqgate.anomaly.RobustLevelDetector;
import io.dqgate.anomaly.SpreadFloor;
import io.dqgate.anomaly.WeekdayDetector;
import io.dqgate.metrics.MetricNames;
import java.util.Set;
import io.dqgate.anomaly.SeriesDetector;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.verdict.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every scalar metric against its own history, with the detector the config selects for it. */
final class SeriesJudge {
  /**
   * Counters of bad data: near-constant on clean days, so a jump is contamination and may block. All
   * other metrics describe the distribution and wobble by nature: they only warn, at a higher threshold,
   * and are left to PCA and drift for subtle shifts.
   */
  static final Set<String> QUALITY = Set.of(MetricNames.NULL_FRACTION, MetricNames.EMPTY_STRING_FRACTION,
      MetricNames.NOT_NUMERIC_FRACTION, MetricNames.OUT_OF_RANGE_FRACTION, MetricNames.OUT_OF_DOMAIN_FRACTION,
      MetricNames.FORMAT_MATCH_FRACTION, MetricNames.SWAPPED_DAY_MONTH_FRACTION, MetricNames.FUTURE_FRACTION,
      MetricNames.BEFORE_FLOOR_FRACTION, MetricNames.DUPLICATE_KEY_COUNT, MetricNames.KEY_UNIQUENESS,
      MetricNames.NULL_KEY_FRACTION, MetricNames.DUPLICATE_ROW_FRACTION, MetricNames.NEW_VALUE_COUNT,
      MetricNames.ROW_COUNT, MetricNames.FILE_COUNT, MetricNames.TOTAL_ROWS, MetricNames.TOTAL_BYTES,
      MetricNames.MALFORMED_ROW_COUNT, MetricNames.INVALID_UTF8_COUNT, MetricNames.NUL_BYTE_COUNT,
      MetricNames.ZERO_BYTE_FILE_COUNT, MetricNames.UNREADABLE_FILE_COUNT, MetricNames.TRUNCATED_FILE_COUNT,
      MetricNames.CHECKSUM_MISMATCH_COUNT, MetricNames.MISSING_COLUMN_COUNT, MetricNames.EXTRA_COLUMN_COUNT,
      MetricNames.UNLISTED_FILE_COUNT, MetricNames.MISSING_FILE_COUNT, MetricNames.BOM_FILE_COUNT);
  static final double QUALITY_THRESHOLD = 4.0;
  static final double DISTRIBUTION_THRESHOLD = 6.0;
  /** Minimum and maximum of a heavy-tailed column jump around by nature; a unit change still scores far above. */
  static final double EXTREME_THRESHOLD = 10.0;
  static final double DISTRIBUTION_BLOCK_SCORE = 50.0;
  /** A fraction that sits still on clean days may move this much (0.2 points) before its spread counts. */
  static final double FRACTION_FLOOR = 0.002;

  private final DetectSpec spec;

  SeriesJudge(DetectSpec spec) {
    this.spec = spec;
  }

  List<Finding> judge(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Finding> out = new ArrayList<>();
    for (MetricKey key : Detection.judgedKeys(today, spec)) {
      boolean perRow = MetricHistory.perRow(today.get(key), today);
      double observed = MetricHistory.comparable(today.get(key), today, history.relativeDates(key), perRow);
      List<SeriesPoint> series = history.series(key, perRow);
      String name = MetricHistory.nameOf(key);
      boolean quality = QUALITY.contains(key.metric());
      Optional<SeriesVerdict> verdict = detectorFor(key, series, observed).judge(series, date, observed);
      if (verdict.isEmpty() || !verdict.get().anomalous()) {
        continue;
      }
      SeriesVerdict v = verdict.get();
      // A distribution statistic blocks only on a jump no wobble explains (a unit change: ×100).
      boolean severe = v.score() >= (quality ? spec.seriesBlockScore() : DISTRIBUTION_BLOCK_SCORE);
      out.add(new Finding("series", key.metric(), MetricHistory.columnOf(key), null, observed, v.expectedLow(),
          v.expectedHigh(), v.score(), spec.severity(severe ? "series-severe" : "series"),
          String.format(Locale.ROOT, "%s = %s, expected %s .. %s (%s, score %.1f): %s", name, fmt(observed),
              fmt(v.expectedLow()), fmt(v.expectedHigh()), v.method(), v.score(), v.explanation())));
    }
    return out;
  }

  /** The detector the config selects for {@code key} (auto, or one of Deequ's strategies). */
  SeriesDetector detectorFor(MetricKey key, List<SeriesPoint> series, double observed) {
    String name = MetricHistory.nameOf(key);
    String strategy = spec.seriesStrategyByMetric().getOrDefault(name,
        spec.seriesStrategyByMetric().getOrDefault(key.metric(), spec.seriesStrategy()));
    return strategy.equals("auto") ? autoDetector(key.metric(), QUALITY.contains(key.metric()), series, observed)
        : DeequSeriesDetector.create(strategy, spec.seriesStrategyParameters(), "detect.series.metrics." + name);
  }

  /**
   * The auto detector with floors fitted to the metric: a fraction may not alarm on less than
   * {@link #FRACTION_FLOOR}; a quantised metric (counts, integer columns' quantiles, days) not on less than
   * its step; a distribution metric not on less than 2 % of its level.
   */
  static SeriesDetector autoDetector(String metric, boolean quality, List<SeriesPoint> series, double observed) {
    double step = quantum(series, observed);
    double absolute = metric.endsWith("_fraction") || metric.equals(MetricNames.KEY_UNIQUENESS)
        ? Math.max(FRACTION_FLOOR, step) : Math.max(step, 1e-6);
    SpreadFloor floor = new SpreadFloor(quality ? 0.005 : 0.02, absolute);
    double threshold = quality ? QUALITY_THRESHOLD
        : metric.equals(MetricNames.MIN) || metric.equals(MetricNames.MAX) ? EXTREME_THRESHOLD : DISTRIBUTION_THRESHOLD;
    return new AutoSeriesDetector(new RobustLevelDetector(28, 7, threshold, floor),
        new WeekdayDetector(35, 14, 2, threshold, floor), new HoltWintersDetector(56, 14, threshold, floor),
        7, 28, 0.25);
  }

  /**
   * The smallest step between distinct history values (1 for whole numbers, today included), or 0 when
   * the history has one value: today's own jump must never set the noise floor it is judged against.
   */
  static double quantum(List<SeriesPoint> series, double observed) {
    double[] history = series.stream().mapToDouble(SeriesPoint::value).distinct().sorted().toArray();
    boolean whole = observed == Math.rint(observed)
        && java.util.Arrays.stream(history).allMatch(v -> v == Math.rint(v));
    if (whole) {
      return 1.0;
    }
    double step = Double.MAX_VALUE;
    for (int i = 1; i < history.length; i++) {
      step = Math.min(step, history[i] - history[i - 1]);
    }
    return step == Double.MAX_VALUE ? 0 : step;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
