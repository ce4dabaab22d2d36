package io.dqgate.detect;

import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.anomaly.AutoSeriesDetector;
import io.dqgate.anomaly.HoltWintersDetector;
import io.dqgate.anomaly.RobustLevelDetector;
import io.dqgate.anomaly.SpreadFloor;
import io.dqgate.anomaly.WeekdayDetector;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import java.util.Set;
import io.dqgate.anomaly.SeriesDetector;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

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
  /**
   * Bad-data counters whose fall is better data (fewer nulls, fewer duplicates): a fall warns at most,
   * however far; the volume counters and the format and key fractions, whose fall is the defect, are not here.
   */
  static final Set<String> FALL_IS_BETTER = QUALITY.stream().filter(m -> !Set.of(MetricNames.ROW_COUNT,
      MetricNames.FILE_COUNT, MetricNames.TOTAL_ROWS, MetricNames.TOTAL_BYTES, MetricNames.FORMAT_MATCH_FRACTION,
      MetricNames.KEY_UNIQUENESS).contains(m)).collect(java.util.stream.Collectors.toUnmodifiableSet());
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

  /**
   * Every judged metric's score (robust z of its detector), with the finding it becomes; plus a finding
   * outside calibration for each fraction that jumped to exactly 0 or 1 where its history never was.
   */
  List<Scored> score(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Scored> out = new ArrayList<>();
    SamplingRank rank = new SamplingRank(today, history);
    for (MetricKey key : Detection.judgedKeys(today, spec, history)) {
      boolean perRow = MetricHistory.perRow(today.get(key), today);
      double observed = MetricHistory.comparable(today.get(key), today, history.relativeDates(key),
          perRow ? history.rowsExponent(key) : 0);
      List<SeriesPoint> series = history.series(key, perRow);
      String name = MetricHistory.nameOf(key);
      boolean quality = QUALITY.contains(key.metric());
      Optional<Scored> extreme = extremeFraction(key, observed, series);
      if (extreme.isPresent()) {
        out.add(extreme.get()); // says more than the same jump as a score
        continue;
      }
      Optional<SeriesVerdict> verdict = detectorFor(key, series, observed, today).judge(series, date, observed);
      if (verdict.isEmpty()) {
        continue;
      }
      SeriesVerdict v = quality ? verdict.get() : rank.judge(key, seenBefore(verdict.get(), series));
      // A distribution statistic blocks only on a jump no wobble explains (a unit change: ×100); a bad-data
      // counter that fell (the days a storm emptied many rows' times are in the baseline) never blocks.
      boolean better = FALL_IS_BETTER.contains(key.metric()) && observed < v.expectedLow();
      boolean inward = inward(key, observed, v, history);
      boolean severe = !better && !inward
          && v.score() >= (quality ? spec.seriesBlockScore() : DISTRIBUTION_BLOCK_SCORE);
      Finding finding = new Finding("series", key.metric(), MetricHistory.columnOf(key), null, observed,
          v.expectedLow(), v.expectedHigh(), v.score(), spec.severity(severe ? "series-severe" : "series"),
          String.format(Locale.ROOT, "%s = %s, expected %s .. %s (%s, score %.1f): %s", name, fmt(observed),
              fmt(v.expectedLow()), fmt(v.expectedHigh()), v.method(), v.score(), v.explanation())
              + (inward ? "; it moved into the range of values the clean days held: a tail of the column "
                  + "is missing today, no value lies outside what it took" : ""));
      if (better || inward) {
        finding = finding.withCause(Cause.DISTRIBUTION_SHIFT); // fewer nulls are no null spike
      }
      if (severe && (key.metric().equals(MetricNames.MIN) || key.metric().equals(MetricNames.MAX))) {
        finding = finding.withCause(Cause.OUT_OF_RANGE); // an extreme no wobble explains: a sentinel, a slip
      }
      double score = Double.isInfinite(v.score()) ? Double.MAX_VALUE : v.score();
      // a counter of bad data is near-constant on clean days: its jumps are judged on their own
      BooleanSupplier ownSpread = quality ? () -> false
          : () -> LeaveOneOut.withinOwnSpread(score, levelSpread(key, series, today));
      out.add(new Scored("series:" + name, quality ? "series-quality" : "series", score, finding, v.anomalous(),
          "series",
          (quality || severe) && !better ? "series-severe" : "series", ownSpread, severe));
    }
    return out;
  }

  /**
   * Whether a minimum rose, or a maximum fell, to a value inside the range the clean days held (no higher than
   * their greatest maximum, no lower than their least minimum): the day lacks the rows of one tail (a week
   * whose few users left out the low identifiers), which says nothing of a value out of range, and a column
   * scaled or shifted past its range moves its other end out of it too.
   */
  static boolean inward(MetricKey key, double observed, SeriesVerdict v, MetricHistory history) {
    boolean min = key.metric().equals(MetricNames.MIN);
    if (!min && !key.metric().equals(MetricNames.MAX) || key.entity() != Entity.COLUMN) {
      return false;
    }
    if (min ? !(observed > v.expectedHigh()) : !(observed < v.expectedLow())) {
      return false;
    }
    double[] other = Signal.values(history.series(MetricKey.column(MetricHistory.columnOf(key),
        min ? MetricNames.MAX : MetricNames.MIN), false));
    return other.length > 0 && (min ? observed <= Signal.max(other) : observed >= Signal.min(other));
  }

  /**
   * The highest robust-level score of a distribution statistic's own clean values, each against the others
   * ({@link LeaveOneOut}): how far a heavy-tailed maximum or standard deviation strays on ordinary days.
   */
  private static double levelSpread(MetricKey key, List<SeriesPoint> series, Map<MetricKey, MetricRecord> today) {
    return LeaveOneOut.highest(series.size(), i -> {
      List<SeriesPoint> others = new ArrayList<>(series);
      SeriesPoint left = others.remove(i);
      SpreadFloor floor = floorFor(key.metric(), false, others, left.value(), samplingNoise(key, others, today));
      return new RobustLevelDetector(28, 7, thresholdFor(key.metric(), false), floor)
          .judge(others, left.date(), left.value()).map(SeriesVerdict::score).orElse(Double.NaN);
    });
  }

  /**
   * A bad-data fraction at exactly its bad end (1 for null, non-numeric, out-of-range … fractions; 0 for
   * format matches and key uniqueness) where no clean day came within half of it: a whole column blank, a
   * whole column of text, a whole column in another format. Whole-number values of a fraction are not
   * counts: without this, 0 on every clean day and then 1 looks like a step of one.
   */
  static Optional<Scored> extremeFraction(MetricKey key, double observed, List<SeriesPoint> series) {
    String cause = EXTREME_CAUSES.get(key.metric());
    if (cause == null || series.size() < 3 || Double.isNaN(observed)) {
      return Optional.empty();
    }
    boolean lowIsBad = key.metric().equals(MetricNames.FORMAT_MATCH_FRACTION)
        || key.metric().equals(MetricNames.KEY_UNIQUENESS);
    double bad = lowIsBad ? 0 : 1;
    if (observed != bad) {
      return Optional.empty();
    }
    for (SeriesPoint p : series) {
      if (Math.abs(p.value() - bad) <= 0.5) {
        return Optional.empty();
      }
    }
    double nearest = series.stream().mapToDouble(p -> Math.abs(p.value() - bad)).min().orElse(1);
    String name = MetricHistory.nameOf(key);
    Finding f = new Finding("series", key.metric(), MetricHistory.columnOf(key), null, observed,
        lowIsBad ? bad + nearest : Double.NaN, lowIsBad ? Double.NaN : bad - nearest, 100, Severity.BLOCK,
        String.format(Locale.ROOT, "%s = %s on every row, where none of %d clean days came within %s of it",
            name, fmt(observed), series.size(), fmt(nearest)), cause, null);
    return Optional.of(Scored.uncalibrated(f));
  }

  /** The cause a fraction at its bad end stands for. */
  static final Map<String, String> EXTREME_CAUSES = Map.ofEntries(
      Map.entry(MetricNames.NULL_FRACTION, "null-spike"), Map.entry(MetricNames.EMPTY_STRING_FRACTION, "null-spike"),
      Map.entry(MetricNames.NOT_NUMERIC_FRACTION, "type-change"),
      Map.entry(MetricNames.FORMAT_MATCH_FRACTION, "format-change"),
      Map.entry(MetricNames.SWAPPED_DAY_MONTH_FRACTION, "format-change"),
      Map.entry(MetricNames.OUT_OF_RANGE_FRACTION, "out-of-range"),
      Map.entry(MetricNames.BEFORE_FLOOR_FRACTION, "out-of-range"),
      Map.entry(MetricNames.FUTURE_FRACTION, "out-of-range"),
      Map.entry(MetricNames.OUT_OF_DOMAIN_FRACTION, "new-values"),
      Map.entry(MetricNames.NULL_KEY_FRACTION, "null-spike"),
      Map.entry(MetricNames.KEY_UNIQUENESS, "duplicates"));

  /**
   * A distribution statistic at a value it already took is not an anomaly by itself: a median of a
   * four-valued column flipping between two of them, a minimum jumping between its modes. "Took" means at
   * least two clean days lie within the series' typical gap between neighbouring values (the median
   * nearest-neighbour distance), inside the range seen; such a value scores at most 1.
   */
  static SeriesVerdict seenBefore(SeriesVerdict v, List<SeriesPoint> series) {
    if (!v.anomalous() || series.size() < 7 || Double.isNaN(v.observed())) {
      return v;
    }
    double[] values = series.stream().mapToDouble(SeriesPoint::value).sorted().toArray();
    double observed = v.observed();
    if (observed < values[0] || observed > values[values.length - 1]) {
      return v;
    }
    double[] gaps = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double left = i > 0 ? values[i] - values[i - 1] : Double.MAX_VALUE;
      double right = i < values.length - 1 ? values[i + 1] - values[i] : Double.MAX_VALUE;
      gaps[i] = Math.min(left, right);
    }
    double[] sortedGaps = gaps.clone();
    java.util.Arrays.sort(sortedGaps);
    double gap = sortedGaps[sortedGaps.length / 2];
    int near = 0;
    double nearest = Double.MAX_VALUE;
    for (double h : values) {
      double d = Math.abs(h - observed);
      nearest = Math.min(nearest, d);
      if (d <= gap) {
        near++;
      }
    }
    if (near < 2) {
      return v;
    }
    double score = gap > 0 ? Math.min(v.score(), nearest / gap) : 0;
    return new SeriesVerdict(false, observed, v.expectedLow(), v.expectedHigh(), score, v.method() + "+seen",
        String.format(Locale.ROOT, "a value taken on %d clean days before: %s", near, v.explanation()));
  }

  /** The detector the config selects for {@code key} (auto, or one of Deequ's strategies). */
  SeriesDetector detectorFor(MetricKey key, List<SeriesPoint> series, double observed,
      Map<MetricKey, MetricRecord> sameDay) {
    String name = MetricHistory.nameOf(key);
    String strategy = spec.seriesStrategyByMetric().getOrDefault(name,
        spec.seriesStrategyByMetric().getOrDefault(key.metric(), spec.seriesStrategy()));
    return strategy.equals("auto")
        ? autoDetector(key.metric(), QUALITY.contains(key.metric()), series, observed,
            samplingNoise(key, series, sameDay))
        : DeequSeriesDetector.create(strategy, spec.seriesStrategyParameters(), "detect.series.metrics." + name);
  }

  /**
   * The spread a per-row statistic has from sampling alone at the day's row count: binomial for a fraction
   * (at the history's typical level, at least one row's worth), σ/√n for a mean, and about IQR/√n for a
   * quantile (its standard error √(q(1−q)/n)/f(x_q), with the density taken from the IQR as for a normal);
   * 0 where none is known. History recorded on bigger days is less noisy than a small day today.
   */
  static double samplingNoise(MetricKey key, List<SeriesPoint> series, Map<MetricKey, MetricRecord> sameDay) {
    MetricRecord rowsRecord = sameDay.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowsRecord == null ? Double.NaN : rowsRecord.value();
    if (!(rows > 0)) {
      return 0;
    }
    String metric = key.metric();
    if (isFraction(metric)) {
      double[] values = series.stream().mapToDouble(SeriesPoint::value).sorted().toArray();
      double level = values.length == 0 ? 0 : values[values.length / 2];
      double p = Math.min(0.5, Math.max(Math.min(level, 1 - level), 1 / rows));
      return Math.sqrt(p * (1 - p) / rows);
    }
    if (key.entity() != io.dqgate.metrics.Entity.COLUMN) {
      return 0;
    }
    MetricRecord iqr = sameDay.get(MetricKey.column(key.instance(), MetricNames.IQR));
    MetricRecord sd = sameDay.get(MetricKey.column(key.instance(), MetricNames.STDDEV));
    double n = rows;
    return switch (metric) {
      case MetricNames.MEAN -> sd == null || Double.isNaN(sd.value()) ? 0 : sd.value() / Math.sqrt(n);
      case MetricNames.STDDEV -> sd == null || Double.isNaN(sd.value()) ? 0 : sd.value() / Math.sqrt(2 * n);
      case MetricNames.MEDIAN, MetricNames.P25, MetricNames.P75, MetricNames.IQR ->
          iqr == null || Double.isNaN(iqr.value()) ? 0 : iqr.value() / Math.sqrt(n);
      default -> 0;
    };
  }

  static boolean isFraction(String metric) {
    return metric.endsWith("_fraction") || metric.equals(MetricNames.KEY_UNIQUENESS);
  }

  /**
   * The auto detector with floors fitted to the metric: a fraction may not alarm on less than
   * {@link #FRACTION_FLOOR}; a quantised metric (counts, integer columns' quantiles, days) not on less than
   * its step; a distribution metric not on less than 2 % of its level; none on less than its sampling
   * noise at the day's rows.
   */
  static SeriesDetector autoDetector(String metric, boolean quality, List<SeriesPoint> series, double observed,
      double samplingNoise) {
    SpreadFloor floor = floorFor(metric, quality, series, observed, samplingNoise);
    double threshold = thresholdFor(metric, quality);
    return new AutoSeriesDetector(new RobustLevelDetector(28, 7, threshold, floor),
        new WeekdayDetector(35, 14, 2, threshold, floor), new HoltWintersDetector(56, 14, threshold, floor),
        7, 28, 0.25);
  }

  private static SpreadFloor floorFor(String metric, boolean quality, List<SeriesPoint> series, double observed,
      double samplingNoise) {
    // a fraction is never a count: 0 on every day and then 1 is not a step of one
    double step = isFraction(metric) ? 0 : quantum(series, observed);
    double absolute = Math.max(samplingNoise, isFraction(metric) ? FRACTION_FLOOR : Math.max(step, 1e-6));
    return new SpreadFloor(quality ? 0.005 : 0.02, absolute);
  }

  private static double thresholdFor(String metric, boolean quality) {
    return quality ? QUALITY_THRESHOLD
        : metric.equals(MetricNames.MIN) || metric.equals(MetricNames.MAX) ? EXTREME_THRESHOLD : DISTRIBUTION_THRESHOLD;
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
