package io.dqgate.detect;

import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Contamination signatures: patterns that natural variation almost never makes, each tied to a column and
 * a cause, so they block where a metric merely moving in its tails only warns. A signature compares the
 * day with the envelope of the dataset's own clean days (the most any of them showed), never with a fixed
 * constant alone: a column scaled by one factor across its quantiles, values far beyond any range seen,
 * new spellings of known categories, a segment that vanished, nulls or duplicates far past every clean
 * day, a date format or a type that broke, a column that went missing, a relation between two columns
 * broken while each column holds, or a partition that repeats an earlier one. At most one signature per
 * column, the most specific ({@link #PRIORITY}).
 */
final class SignatureJudge {
  static final String DETECTOR = "signature";
  /** Clean days a signature needs before it judges anything. */
  static final int MIN_DAYS = 7;
  /** Which cause stands for a column when several signatures fire on it: the more specific first. */
  static final List<String> PRIORITY = List.of(Cause.SCHEMA_CHANGE, Cause.TYPE_CHANGE, Cause.ENCODING,
      Cause.FORMAT_CHANGE, Cause.UNIT_CHANGE, Cause.OUT_OF_RANGE, Cause.STALE_COPY, Cause.NULL_SPIKE,
      Cause.NEW_VALUES, Cause.VOLUME, Cause.DUPLICATES, Cause.RELATION_BROKEN);

  private final DetectSpec spec;

  SignatureJudge(DetectSpec spec) {
    this.spec = spec;
  }

  /**
   * The scores of the signatures a heavy-tailed clean history can reach now and then, the defect counters
   * ({@link FractionSignatures}) and extremes ({@link RangeSignature}), calibrated with the other detectors'.
   */
  List<Scored> scoreCounters(Map<MetricKey, MetricRecord> today, MetricHistory history) {
    if (history.cleanDays() < Math.max(MIN_DAYS, spec.minHistory())) {
      return List.of();
    }
    Signal.Factory make = new Signal.Factory(spec.severity("signature"));
    List<Scored> out = new ArrayList<>(FractionSignatures.score(today, history, make,
        spec.blockEveryDays()));
    out.addAll(RangeSignature.score(today, history, make, spec.blockEveryDays()));
    return out;
  }

  /** The day's signatures with the defect counters judged by their fixed rule, as before calibration. */
  List<Finding> judge(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    return judge(date, today, history, scoreCounters(today, history).stream().filter(Scored::fixedAlarm)
        .map(Scored::finding).toList());
  }

  /**
   * The day's signatures, one per column (the most specific cause first), with {@code counters}: the defect
   * counters' findings as calibration decided them.
   */
  List<Finding> judge(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history,
      List<Finding> counters) {
    if (history.cleanDays() < Math.max(MIN_DAYS, spec.minHistory())) {
      return List.of();
    }
    Severity block = spec.severity("signature");
    Signal.Factory make = new Signal.Factory(block);
    List<Finding> found = new ArrayList<>(counters);
    found.addAll(ScaleSignature.judge(today, history, spec.driftBaselineDays(), make));
    found.addAll(RangeSignature.judge(date, today, history, make));
    found.addAll(CategorySignatures.judge(today, history, spec.driftBaselineDays(), make));
    staleCopy(today, history, make).ifPresent(found::add);
    List<Finding> perColumn = strongestPerColumn(found);
    Set<String> explained = new LinkedHashSet<>();
    perColumn.stream().filter(f -> f.severity() != Severity.INFO).forEach(f -> explained.add(f.column()));
    // A relation counts as broken only while both its columns hold on their own.
    List<Finding> out = new ArrayList<>(perColumn);
    out.addAll(RelationSignature.judge(today, history, explained, spec.driftBaselineDays(), make));
    return out;
  }

  private static List<Finding> strongestPerColumn(List<Finding> found) {
    Map<String, Finding> byColumn = new LinkedHashMap<>();
    Comparator<Finding> order = Comparator.comparing((Finding f) -> f.severity() == Severity.INFO)
        .thenComparingInt((Finding f) -> PRIORITY.indexOf(f.cause()))
        .thenComparing(Finding::severity, Comparator.reverseOrder())
        .thenComparing(Comparator.comparingDouble(Finding::score).reversed());
    for (Finding f : found) {
      String group = f.column() == null ? "(dataset):" + f.cause() : f.column();
      byColumn.merge(group, f, (a, b) -> order.compare(a, b) <= 0 ? a : b);
    }
    return new ArrayList<>(byColumn.values());
  }


  /**
   * The partition repeats an earlier day: the same row count and, column by column, the same means and
   * the same quantile and category sketches. Rows drawn afresh never reproduce every one of them.
   */
  private static java.util.Optional<Finding> staleCopy(Map<MetricKey, MetricRecord> today, MetricHistory history,
      Signal.Factory make) {
    MetricRecord rows = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    List<MetricKey> fingerprint = today.keySet().stream()
        .filter(k -> k.entity() == Entity.COLUMN && (k.metric().equals(MetricNames.MEAN)
            || k.metric().equals(MetricNames.QUANTILES) || k.metric().equals(MetricNames.VALUE_PROPORTIONS)))
        .toList();
    if (rows == null || rows.value() < 10 || fingerprint.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<LocalDate> days = history.days();
    for (int i = days.size() - 1; i >= 0; i--) {
      Map<MetricKey, MetricRecord> past = history.day(days.get(i));
      MetricRecord pastRows = past.get(MetricKey.dataset(MetricNames.ROW_COUNT));
      if (pastRows == null || pastRows.value() != rows.value()) {
        continue;
      }
      boolean same = fingerprint.stream().allMatch(k -> past.containsKey(k)
          && Double.compare(past.get(k).value(), today.get(k).value()) == 0
          && Objects.equals(past.get(k).detail(), today.get(k).detail()));
      if (same) {
        return java.util.Optional.of(make.of(MetricNames.ROW_COUNT, null, rows.value(), Double.NaN, Double.NaN, 10,
            Cause.STALE_COPY, String.format("the partition repeats %s: the same %d rows, and the same means, "
                + "quantiles and categories in all %d sketches", days.get(i), (long) rows.value(),
                fingerprint.size())));
      }
    }
    return java.util.Optional.empty();
  }
}
