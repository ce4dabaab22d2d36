package io.dqgate.detect;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Defect counters far past every clean day: nulls, duplicates, values that stopped parsing in the
 * column's date format or as numbers, dates with day and month swapped. "Far" is {@link Signal#margin}
 * beyond the highest clean day, so a counter that is heavy-tailed on this dataset earns a wider margin.
 * Each counter's distance past that envelope, in margins, is a calibrated score (key {@code signature:NAME}):
 * a dataset whose clean days cross their own envelope now and then (a day-level share with a heavy tail,
 * judged over a short history) blocks only past what its clean days have done. A column's share of missing
 * values that moves by factors from day to day is judged on the log scale as well ({@link MultiplicativeShare}).
 */
final class FractionSignatures {
  private FractionSignatures() {}

  /** A fraction of rows that rises with a defect, its cause, the least rise that counts, and its words. */
  private record Counter(String metric, String cause, double floor, String what) {}

  private static final List<Counter> RISING = List.of(
      new Counter(MetricNames.NULL_FRACTION, Cause.NULL_SPIKE, 0.01, "nulls"),
      new Counter(MetricNames.EMPTY_STRING_FRACTION, Cause.NULL_SPIKE, 0.01, "empty strings"),
      new Counter(MetricNames.DUPLICATE_ROW_FRACTION, Cause.DUPLICATES, 0.005, "duplicate rows"),
      new Counter(MetricNames.NOT_NUMERIC_FRACTION, Cause.TYPE_CHANGE, 0.01, "values that are not numbers"),
      new Counter(MetricNames.SWAPPED_DAY_MONTH_FRACTION, Cause.FORMAT_CHANGE, 0.01,
          "dates that parse only with day and month swapped"));

  /** Counters of values left out, whose share moves with how people fill a field from day to day. */
  private static final java.util.Set<String> FILLED_BY_PEOPLE =
      java.util.Set.of(MetricNames.NULL_FRACTION, MetricNames.EMPTY_STRING_FRACTION);

  /** Whether a rise of {@code metric} is judged here, on its own scale, as a defect. */
  static boolean judgesRise(String metric) {
    return RISING.stream().anyMatch(c -> c.metric().equals(metric));
  }

  /**
   * Whether {@code metric} is one of the counters judged here, against the sampling noise of the day's rows:
   * the rising fractions, the share of values off the column's format and the rows repeating a key.
   */
  static boolean judges(String metric) {
    return judgesRise(metric) || metric.equals(MetricNames.FORMAT_MATCH_FRACTION)
        || metric.equals(MetricNames.DUPLICATE_KEY_COUNT);
  }

  /** The family and key prefix of the counters' calibrated scores. */
  static final String FAMILY = "signature";

  /**
   * Every counter's score on the day (its distance past the clean days' envelope, in margins); the finding
   * of a score of at least 1 is a fixed alarm.
   */
  static List<Scored> score(Map<MetricKey, MetricRecord> today, MetricHistory history, Signal.Factory make,
      double blockEveryDays) {
    MetricRecord rowCount = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowCount == null ? 0 : rowCount.value();
    // the day's counts are as many chances to cross by sampling alone: together they may block a clean day no
    // more often than the budget allows
    long counts = today.values().stream().filter(m -> judgesRise(m.metric())).count();
    double maxChance = 1 / (blockEveryDays * Math.max(1, counts));
    java.util.Set<String> risen = risenMissing(today, history, rows, make);
    List<Scored> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      for (Counter c : RISING) {
        if (m.metric().equals(c.metric())) {
          double[] clean = history.series(m.key(), false).stream().mapToDouble(p -> p.value()).toArray();
          SharedNulls.Tie tie = c.metric().equals(MetricNames.NULL_FRACTION) && m.entity() == Entity.COLUMN
              ? SharedNulls.tie(m, today, history) : null;
          if (tie != null) {
            tied(m, clean, tie, rows, c, make).ifPresent(out::add);
          } else if (FILLED_BY_PEOPLE.contains(c.metric()) && m.entity() == Entity.COLUMN) {
            // missing values past chance count only in a column emptied on its own: a day whose people went
            // unrecorded (a crowd, a raid) leaves several of their fields empty at once
            out.addAll(shareOfDays(m, clean, history, rows, c, make,
                risen.stream().allMatch(k -> k.equals(m.instance())) ? maxChance : 0));
          } else {
            java.util.Optional<Scored> crossing = rising(m, m.value(), clean, rows, c, make);
            crossing.ifPresent(out::add);
            crossing.flatMap(s -> rare(m, s, history, rows, c, maxChance)).ifPresent(out::add);
          }
        }
      }
      if (m.metric().equals(MetricNames.FORMAT_MATCH_FRACTION)) {
        double[] misses = history.series(m.key(), false).stream().mapToDouble(p -> 1 - p.value()).toArray();
        rising(m, 1 - m.value(), misses, rows, new Counter(m.metric(), Cause.FORMAT_CHANGE, 0.01,
            "values that do not parse in the column's format"), make).ifPresent(out::add);
      }
      if (m.metric().equals(MetricNames.DUPLICATE_KEY_COUNT) && rows > 0) {
        double[] shares = duplicateKeyShares(m.key(), history);
        rising(m, m.value() / rows, shares, rows, new Counter(m.metric(), Cause.DUPLICATES, 0.005,
            "rows repeating a key"), make).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The columns whose share of missing values crossed the clean days' envelope: past every clean day's by the
   * margin of the day's sampling noise and their own excursion.
   */
  private static java.util.Set<String> risenMissing(Map<MetricKey, MetricRecord> today, MetricHistory history,
      double rows, Signal.Factory make) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (MetricRecord m : today.values()) {
      for (Counter c : RISING) {
        if (m.metric().equals(c.metric()) && FILLED_BY_PEOPLE.contains(c.metric()) && m.entity() == Entity.COLUMN) {
          double[] clean = history.series(m.key(), false).stream().mapToDouble(p -> p.value()).toArray();
          if (rising(m, m.value(), clean, rows, c, make).filter(s -> s.score() >= 1).isPresent()) {
            out.add(m.instance());
          }
        }
      }
    }
    return out;
  }

  /**
   * A rise past every clean day by at least the counter's floor whose rows are past chance at the rate the clean
   * days held together ({@link RareCount}), a chance below {@code maxChance}: a fixed alarm at the signature's
   * severity, scored as a signature that blocks before calibration, however wide the margin one high clean day
   * gave the envelope.
   */
  private static java.util.Optional<Scored> rare(MetricRecord m, Scored crossing, MetricHistory history, double rows,
      Counter c, double maxChance) {
    Finding f = crossing.finding();
    double top = history.series(m.key(), false).stream().mapToDouble(p -> p.value()).max().orElse(Double.NaN);
    if (!(rows > 0) || !(m.value() - top >= c.floor())) {
      return java.util.Optional.empty();
    }
    List<double[]> days = new ArrayList<>();
    for (java.time.LocalDate d : history.days()) {
      MetricRecord share = history.day(d).get(m.key());
      MetricRecord dayRows = history.day(d).get(MetricKey.dataset(MetricNames.ROW_COUNT));
      if (share != null && dayRows != null && Double.isFinite(share.value()) && dayRows.value() > 0) {
        days.add(new double[] {share.value(), dayRows.value()});
      }
    }
    RareCount count = RareCount.of(m.value(), rows, days.stream().mapToDouble(p -> p[0]).toArray(),
        days.stream().mapToDouble(p -> p[1]).toArray());
    if (!count.pastChance(maxChance)) {
      return java.util.Optional.empty();
    }
    String message = String.format(Locale.ROOT, "%s: %s %s, %s", MetricHistory.nameOf(m.key()),
        Signal.percent(m.value()), c.what(), count.describe());
    return java.util.Optional.of(Scored.uncalibrated(new Finding(f.detector(), f.metric(), f.column(), f.file(),
        f.observed(), f.expectedLow(), f.expectedHigh(), Math.max(Calibration.UNCALIBRATED_SIGNATURE_BLOCK,
        f.score()), f.severity(), message, f.cause(), null)));
  }

  /**
   * A column's nulls tied to another column's ({@link SharedNulls#tie}): judged by the nulls the partner does
   * not explain, today's against the clean days'. A day of many cancelled flights empties both as the clean
   * days did, and scores as an ordinary day; one column emptied on its own stands out however many such days
   * the history holds.
   */
  private static java.util.Optional<Scored> tied(MetricRecord m, double[] clean, SharedNulls.Tie tie, double rows,
      Counter c, Signal.Factory make) {
    double[] finite = java.util.Arrays.stream(clean).filter(Double::isFinite).toArray();
    double[] residuals = tie.cleanResiduals();
    if (finite.length < SignatureJudge.MIN_DAYS || residuals.length < SignatureJudge.MIN_DAYS
        || !Double.isFinite(m.value())) {
      return java.util.Optional.empty();
    }
    double centre = Signal.median(finite);
    double[] levelled = java.util.Arrays.stream(residuals).map(r -> centre + r).toArray();
    double unexplained = m.value() - tie.predicted();
    double top = Signal.max(residuals);
    double margin = Signal.margin(levelled, rows, c.floor())
        + SharedNulls.SLOPE_SLACK * Math.max(0, tie.predictedRise());
    double score = (unexplained - top) / margin;
    String name = MetricHistory.nameOf(m.key());
    Finding finding = make.of(m.metric(), MetricHistory.columnOf(m.key()), m.value(), Signal.min(finite),
        tie.predicted() + top + margin, score, c.cause(), String.format(Locale.ROOT, "%s: %s %s, %s more than %s's "
            + "nulls explain (their null shares move together on the clean days, where the unexplained part was at "
            + "most %s) by more than %s", name, Signal.percent(m.value()), c.what(), Signal.percent(unexplained),
            tie.column(), Signal.percent(Math.max(0, top)), Signal.percent(margin)));
    return java.util.Optional.of(new Scored(FAMILY + ":" + name, FAMILY, score, finding, score >= 1,
        SignatureJudge.DETECTOR, SignatureJudge.DETECTOR));
  }

  /**
   * A column's share of missing values, past the clean days' envelope; where its calibration days move it beyond
   * sampling noise, also by {@link MultiplicativeShare}, and then the smaller of its log-scale score and its
   * envelope's score in {@link MultiplicativeShare#ENVELOPE_MARGINS} margins counts. A share that never moved
   * keeps its tight envelope. Before {@link MultiplicativeShare#TAIL_DAYS} clean days a moving share warns at
   * most, unless most of the values the clean days filled are gone; a score of one or more warns at least,
   * whatever rarity the calibration gives it. A day past the clean days' envelope but
   * within the moving share's reach adds an INFO finding: the column moved with the day ({@link BroadShift}
   * counts it), and nothing says it broke.
   */
  private static List<Scored> shareOfDays(MetricRecord m, double[] clean, MetricHistory history, double rows,
      Counter c, Signal.Factory make, double maxChance) {
    java.util.Optional<Scored> additive = rising(m, m.value(), clean, rows, c, make);
    MultiplicativeShare share = null;
    if (additive.isPresent()) {
      double[][] days = calibrationValues(m.key(), history);
      share = MultiplicativeShare.of(days[0], days[1], rows);
    }
    if (share == null) {
      // a share that holds to sampling noise at one rate, mostly none: a handful of missing values where the
      // clean days together held about none is past chance as a copied row is
      List<Scored> out = new ArrayList<>(additive.map(FractionSignatures::pastTwoMargins).orElse(List.of()));
      additive.flatMap(s -> rare(m, s, history, rows, c, maxChance)).ifPresent(out::add);
      return out;
    }
    Scored crossing = additive.get();
    double margins = crossing.score() / MultiplicativeShare.ENVELOPE_MARGINS;
    double score = Math.min(margins, share.score(m.value()));
    double top = Signal.max(clean);
    boolean warmUp = clean.length < MultiplicativeShare.TAIL_DAYS && !MultiplicativeShare.mostlyEmptied(m.value(), top);
    String name = MetricHistory.nameOf(m.key());
    String message = String.format(Locale.ROOT, "%s: %s %s, %.1f× the highest of %d calibration days (%s .. %s), "
        + "where the share moves by a factor of %.2f from day to day (one robust standard deviation): %.1f such "
        + "factors past it, and %.1f steps of twice the clean days' margin (%s) past all %d of them (up to %s)", name,
        Signal.percent(m.value()), c.what(), m.value() / share.top(), share.days(), Signal.percent(share.low()),
        Signal.percent(share.top()), share.step(), share.score(m.value()), margins,
        Signal.percent(MultiplicativeShare.ENVELOPE_MARGINS * (crossing.finding().expectedHigh() - top)),
        clean.length, Signal.percent(top));
    String column = MetricHistory.columnOf(m.key());
    List<Scored> out = new ArrayList<>(2);
    if (score >= 1) {
      Finding f = warmUp
          ? make.warning(m.metric(), column, m.value(), share.low(), share.bound(), score, c.cause(), message
              + "; fewer than " + MultiplicativeShare.TAIL_DAYS + " clean days cannot show how far such a share "
              + "reaches, so it warns")
          : make.of(m.metric(), column, m.value(), share.low(), share.bound(), score, c.cause(), message);
      out.add(new Scored(FAMILY + ":" + name, FAMILY, score, f, true, SignatureJudge.DETECTOR,
          SignatureJudge.DETECTOR));
      // past everything the calibration days reached, by a step of its own movement: however heavy the tail its
      // clean days' scores suggest, at least a warning
      out.add(Scored.uncalibrated(make.warning(m.metric(), column, m.value(), share.low(), share.bound(), score,
          c.cause(), message)));
      return out;
    }
    out.add(new Scored(FAMILY + ":" + name, FAMILY, score, crossing.finding(), false, SignatureJudge.DETECTOR,
        SignatureJudge.DETECTOR));
    if (crossing.fixedAlarm()) {
      String within = message + ": within the reach of a share that moves by factors";
      out.add(Scored.uncalibrated(make.of(m.metric(), column, m.value(), share.low(), share.bound(), score,
          c.cause(), within).withSeverity(Severity.INFO, within)));
    }
    return out;
  }

  /**
   * A missing-value share whose days hold to their sampling noise, past every clean day by at least
   * {@link MultiplicativeShare#ENVELOPE_MARGINS} margins: the crossing, and at least a warning, whatever rarity
   * the calibration gives it. The calibration's scores are in the margins of their own days, and a record day
   * among few clean days widens the margin that today is measured in: the record itself, broken far, says more
   * than its score's rank.
   */
  private static List<Scored> pastTwoMargins(Scored crossing) {
    if (crossing.score() < MultiplicativeShare.ENVELOPE_MARGINS) {
      return List.of(crossing);
    }
    Finding f = crossing.finding();
    return List.of(crossing, Scored.uncalibrated(f.withSeverity(Severity.WARN, f.message()
        + String.format(Locale.ROOT, ": %.1f margins past every clean day", crossing.score()))));
  }

  /**
   * The day's findings, with a series rise of a missing-value share that moves by factors and stays within its
   * reach today (a score below one on its own scales, {@link #shareOfDays}) as INFO: a band drawn on the share's
   * points is crossed by its nature. The column still counts as moving with the day ({@link BroadShift}).
   */
  static List<Finding> withinReach(List<Finding> findings, Map<MetricKey, MetricRecord> today,
      MetricHistory history) {
    MetricRecord rowCount = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowCount == null ? 0 : rowCount.value();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      MetricRecord m = f.detector().equals("series") && f.column() != null && FILLED_BY_PEOPLE.contains(f.metric())
          && f.severity() == Severity.WARN && f.observed() > f.expectedHigh()
          ? today.get(MetricKey.column(f.column(), f.metric())) : null;
      out.add(m != null && movesWithinReach(m, today, history, rows)
          ? f.withSeverity(Severity.INFO, f.message() + " — within the reach of a share that moves by factors")
          : f);
    }
    return out;
  }

  private static boolean movesWithinReach(MetricRecord m, Map<MetricKey, MetricRecord> today, MetricHistory history,
      double rows) {
    if (m.metric().equals(MetricNames.NULL_FRACTION) && SharedNulls.tie(m, today, history) != null) {
      return false;
    }
    double[][] days = calibrationValues(m.key(), history);
    if (MultiplicativeShare.of(days[0], days[1], rows) == null) {
      return false;
    }
    double[] clean = history.series(m.key(), false).stream().mapToDouble(p -> p.value()).toArray();
    Counter c = RISING.stream().filter(k -> k.metric().equals(m.metric())).findFirst().orElseThrow();
    List<Scored> scored = shareOfDays(m, clean, history, rows, c, new Signal.Factory(Severity.BLOCK), 0);
    return !scored.isEmpty() && scored.get(0).score() < 1;
  }

  /**
   * The key's values on the history's calibration days (baseline days and warned days, blocked days never), and
   * those days' row counts.
   */
  private static double[][] calibrationValues(MetricKey key, MetricHistory history) {
    List<double[]> out = new ArrayList<>();
    double[] values = history.calibrationValues(key);
    double[] rows = history.calibrationValues(MetricKey.dataset(MetricNames.ROW_COUNT));
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i]) && rows[i] > 0) {
        out.add(new double[] {values[i], rows[i]});
      }
    }
    return new double[][] {out.stream().mapToDouble(p -> p[0]).toArray(),
        out.stream().mapToDouble(p -> p[1]).toArray()};
  }

  private static double[] duplicateKeyShares(MetricKey key, MetricHistory history) {
    List<Double> out = new ArrayList<>();
    for (java.time.LocalDate d : history.days()) {
      Map<MetricKey, MetricRecord> day = history.day(d);
      MetricRecord dup = day.get(key);
      MetricRecord rows = day.get(MetricKey.dataset(MetricNames.ROW_COUNT));
      if (dup != null && rows != null && rows.value() > 0) {
        out.add(dup.value() / rows.value());
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static java.util.Optional<Scored> rising(MetricRecord m, double observed, double[] clean, double rows,
      Counter c, Signal.Factory make) {
    clean = java.util.Arrays.stream(clean).filter(Double::isFinite).toArray();
    if (clean.length < SignatureJudge.MIN_DAYS || !Double.isFinite(observed)) {
      return java.util.Optional.empty();
    }
    double top = Signal.max(clean);
    double margin = Signal.margin(clean, rows, c.floor());
    double score = (observed - top) / margin;
    String column = m.entity() == Entity.DATASET ? keyColumns(m) : MetricHistory.columnOf(m.key());
    String name = MetricHistory.nameOf(m.key());
    Finding finding = make.of(m.metric(), column, observed, Signal.min(clean), top + margin, score, c.cause(),
        String.format(Locale.ROOT, "%s: %s %s, past every one of %d clean days (%s .. %s) by more than %s", name,
            Signal.percent(observed), c.what(), clean.length, Signal.percent(Signal.min(clean)),
            Signal.percent(top), Signal.percent(margin)));
    return java.util.Optional.of(new Scored(FAMILY + ":" + name, FAMILY, score, finding, score >= 1,
        SignatureJudge.DETECTOR, SignatureJudge.DETECTOR));
  }

  /** The key columns a dataset-wide duplicate count is about, or null for whole-row duplicates. */
  private static String keyColumns(MetricRecord m) {
    return MetricKey.WHOLE_DATASET.equals(m.instance()) ? null : m.instance();
  }
}
