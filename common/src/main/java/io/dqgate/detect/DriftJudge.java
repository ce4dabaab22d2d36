package io.dqgate.detect;

import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.config.DetectSpec;
import io.dqgate.drift.Baselines;
import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.drift.DriftDetector;
import io.dqgate.drift.DriftResult;
import io.dqgate.drift.DriftThresholds;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Distribution drift of each column against its merged trailing baseline, or against a named reference
 * (training–serving skew): categorical proportions and numeric quantile sketches stored by the profiler.
 */
final class DriftJudge {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  /**
   * The detector of a column's mix that drifted from its weekday but is another weekday's: an INFO finding
   * that says so, and a column moving with the day for {@link BroadShift}.
   */
  static final String CALENDAR = "calendar";
  /** Steps of the stored quantile grid (0, 0.05 … 1). */
  static final int GRID_INTERVALS = NumericDistribution.STANDARD_PROBABILITIES.length - 1;
  private final DetectSpec spec;
  private final DriftDetector detector = new DriftDetector();

  /** Clean days of the day's weekday that make a baseline of their own. */
  static final int WEEKDAY_DAYS = 3;

  DriftJudge(DetectSpec spec) {
    this.spec = spec;
  }

  /**
   * Against the trailing clean days; once {@link #WEEKDAY_DAYS} or more of them share the day's weekday,
   * against those only, so a weekend's different mix is not drift. With fewer such days, the day must have
   * drifted from both the trailing days and those days (its score is the smaller of the two): one or two days
   * of a weekday show its mix no better than chance does (the only two Fridays of a month that held any
   * hurricane are not what every Friday holds). A day that drifted
   * from its weekday but not from the clean days of another weekday is not drift either (a holiday that
   * looks like a Sunday). The score of a column is its largest distance as a multiple of that distance's
   * fixed threshold.
   */
  List<Scored> againstHistory(java.time.LocalDate date, Map<MetricKey, MetricRecord> today,
      MetricHistory history) {
    List<Scored> out = new ArrayList<>();
    if (history.cleanDays() < spec.minHistory()) {
      return out;
    }
    for (MetricRecord m : today.values()) {
      List<MetricRecord> baseline = history.recent(m.key(), spec.driftBaselineDays());
      if (m.metric().equals(MetricNames.QUANTILES) && levelsAtMost(baseline, GRID_INTERVALS)) {
        // fewer levels than the stored grid has steps: a level's share moving by a grid step is a KS of 0.05
        // or 0.10 in quantile bins; the column's quantiles are judged in rank by the series detector. Checked
        // once here for every comparison below (weekday, calendar, the baseline's own spread).
        continue;
      }
      List<MetricRecord> sameWeekday = baseline.stream()
          .filter(r -> r.partitionDate().getDayOfWeek() == date.getDayOfWeek()).toList();
      boolean weekday = sameWeekday.size() >= WEEKDAY_DAYS;
      List<MetricRecord> used = weekday ? sameWeekday : baseline;
      Optional<Comparison> c = compare(m, used, "drift", weekday ? "the last " + used.size() + " clean "
          + date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + "s"
          : "the last " + used.size() + " clean days");
      if (c.isEmpty()) {
        continue;
      }
      double score = c.get().score();
      boolean drifted = c.get().result().drifted();
      if (!weekday && !sameWeekday.isEmpty()) {
        // the mix of the few earlier days of this weekday: seasonal, not drift
        Optional<Comparison> seasonal = compare(m, sameWeekday, "drift", "the same weekday");
        if (seasonal.isPresent()) {
          score = Math.min(score, seasonal.get().score());
          drifted = drifted && seasonal.get().result().drifted();
        }
      }
      Finding finding = c.get().finding();
      if (weekday && drifted) {
        Optional<Comparison> calendar = asAnotherWeekday(m, baseline, date);
        if (calendar.isPresent() && !calendar.get().result().drifted()) {
          score = Math.min(score, calendar.get().score());
          drifted = false;
          finding = new Finding(CALENDAR, m.metric(), m.instance(), null, finding.observed(), Double.NaN,
              Double.NaN, score, io.dqgate.vocabulary.Severity.INFO, headOf(finding.message()) + ", not against "
                  + calendar.get().against() + ": a calendar effect such as a holiday");
        }
      }
      double judged = score;
      boolean severe = drifted && c.get().result().blockWorthy();
      out.add(new Scored("drift:" + m.instance(), "drift", score, finding, drifted, "drift",
          "drift-severe", () -> withinOwnSpread(m, used, baseline, judged), severe));
    }
    return out;
  }

  /**
   * How many times further from another weekday's clean days than from each other its own weekday's clean
   * days must be before that weekday's mix counts as its own: a column whose mix the week does not move is
   * never another weekday's.
   */
  static final double DISTINCT_WEEKDAY = 2.0;

  /**
   * The columns whose mix today leans to one of {@code weekdays}: off its own weekday's clean days further than
   * they are from each other, and nearer that weekday's clean days than any clean day of its own weekday is,
   * in a column where the two weekdays' mixes differ ({@link #DISTINCT_WEEKDAY}). A holiday Monday flying
   * part of a Saturday's timetable leans to Saturday without reaching it; a Monday with rows lost at random
   * keeps a Monday's mix. Each weekday needs two clean days in the baseline.
   */
  java.util.Set<String> leaningTo(java.time.LocalDate date, Map<MetricKey, MetricRecord> today,
      MetricHistory history, java.util.Set<java.time.DayOfWeek> weekdays) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (MetricRecord m : today.values()) {
      if (m.entity() != Entity.COLUMN || !(m.metric().equals(MetricNames.VALUE_PROPORTIONS)
          || m.metric().equals(MetricNames.QUANTILES))) {
        continue;
      }
      List<MetricRecord> baseline = history.recent(m.key(), spec.driftBaselineDays());
      if (m.metric().equals(MetricNames.QUANTILES) && levelsAtMost(baseline, GRID_INTERVALS)) {
        continue;
      }
      List<MetricRecord> own = baseline.stream()
          .filter(r -> r.partitionDate().getDayOfWeek() == date.getDayOfWeek()).toList();
      for (java.time.DayOfWeek w : weekdays) {
        List<MetricRecord> other = baseline.stream().filter(r -> r.partitionDate().getDayOfWeek() == w).toList();
        if (w != date.getDayOfWeek() && own.size() >= 2 && other.size() >= 2 && leans(m, own, other)) {
          out.add(m.instance());
          break;
        }
      }
    }
    return out;
  }

  private boolean leans(MetricRecord today, List<MetricRecord> own, List<MetricRecord> other) {
    double ownToOther = Double.POSITIVE_INFINITY;
    double ownSpread = 0;
    for (MetricRecord r : own) {
      List<MetricRecord> rest = new ArrayList<>(own);
      rest.remove(r);
      ownToOther = Math.min(ownToOther, score(r, other));
      ownSpread = Math.max(ownSpread, score(r, rest));
    }
    return ownToOther > DISTINCT_WEEKDAY * ownSpread && score(today, own) > ownSpread
        && score(today, other) < ownToOther;
  }

  /** The drift score of {@code day} against {@code days}; NaN when they cannot be compared. */
  private double score(MetricRecord day, List<MetricRecord> days) {
    return compare(day, days, "drift", "").map(Comparison::score).orElse(Double.NaN);
  }

  /**
   * The closest comparison with the clean days of another weekday (two or more of them): a holiday's mix is
   * a Sunday's, which is the calendar and not drift. Empty when no other weekday has two days.
   */
  private Optional<Comparison> asAnotherWeekday(MetricRecord today, List<MetricRecord> baseline,
      java.time.LocalDate date) {
    Map<java.time.DayOfWeek, List<MetricRecord>> byWeekday = new java.util.EnumMap<>(java.time.DayOfWeek.class);
    for (MetricRecord r : baseline) {
      if (r.partitionDate().getDayOfWeek() != date.getDayOfWeek()) {
        byWeekday.computeIfAbsent(r.partitionDate().getDayOfWeek(), d -> new ArrayList<>()).add(r);
      }
    }
    Optional<Comparison> closest = Optional.empty();
    for (Map.Entry<java.time.DayOfWeek, List<MetricRecord>> e : byWeekday.entrySet()) {
      if (e.getValue().size() < 2) {
        continue;
      }
      Optional<Comparison> c = compare(today, e.getValue(), "drift", "the last " + e.getValue().size() + " clean "
          + e.getKey().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + "s");
      if (c.isPresent() && (closest.isEmpty() || c.get().score() < closest.get().score())) {
        closest = c;
      }
    }
    return closest;
  }

  /**
   * Whether the baseline's days drift as far from each other as today drifts from them
   * ({@link LeaveOneOut}): over the days today was compared with when there are enough of them, otherwise
   * over all the trailing days, against today's drift from those.
   */
  private boolean withinOwnSpread(MetricRecord today, List<MetricRecord> used, List<MetricRecord> baseline,
      double score) {
    List<MetricRecord> pool = used.size() >= LeaveOneOut.MIN_DAYS ? used : baseline;
    double compared = pool == used ? score
        : compare(today, baseline, "drift", "").map(Comparison::score).orElse(Double.NaN);
    if (Double.isNaN(compared)) {
      return false;
    }
    double highest = LeaveOneOut.highest(pool.size(), i -> {
      List<MetricRecord> others = new ArrayList<>(pool);
      others.remove(i);
      return compare(pool.get(i), others, "drift", "").map(Comparison::score).orElse(Double.NaN);
    });
    return LeaveOneOut.withinOwnSpread(compared, highest);
  }

  List<Finding> againstReference(Map<MetricKey, MetricRecord> today, Map<MetricKey, MetricRecord> reference,
      String referenceName) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      MetricRecord ref = reference.get(m.key());
      // a 0/1 flag or a handful of codes: quantile bins are all point masses
      if (ref != null && !(m.metric().equals(MetricNames.QUANTILES) && fewLevels(List.of(ref)))) {
        compare(m, List.of(ref), "skew", referenceName).filter(c -> c.result().drifted())
            .ifPresent(c -> out.add(c.finding()));
      }
    }
    return out;
  }

  /** A column's distances, its score and the finding it becomes when reported. */
  record Comparison(DriftResult result, double score, Finding finding, String against) {}

  /** A finding's message up to its details ("distribution of c moved against the last 4 clean Mondays"). */
  private static String headOf(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 ? message.substring(0, colon) : message;
  }

  /** Whether the column took five or fewer values in its stored quantile sketches. */
  private static boolean fewLevels(List<MetricRecord> baseline) {
    return levelsAtMost(baseline, 5);
  }

  /** Whether the column took at most {@code most} values in its stored quantile sketches. */
  private static boolean levelsAtMost(List<MetricRecord> baseline, int most) {
    java.util.Set<Double> levels = new java.util.HashSet<>();
    for (MetricRecord r : baseline) {
      try {
        for (com.fasterxml.jackson.databind.JsonNode v
            : JSON.readTree(r.detail()).path("values")) {
          levels.add(v.asDouble());
        }
      } catch (java.io.IOException e) {
        return false;
      }
    }
    return levels.size() <= most;
  }

  private Optional<Comparison> compare(MetricRecord today, List<MetricRecord> baseline, String detectorName,
      String against) {
    if (today.entity() != Entity.COLUMN || today.detail() == null || baseline.isEmpty()) {
      return Optional.empty();
    }
    DriftResult result;
    boolean categorical = today.metric().equals(MetricNames.VALUE_PROPORTIONS);
    if (categorical) {
      result = detector.compare(today.instance(),
          Baselines.mergeCategorical(baseline.stream().map(r -> CategoricalDistribution.fromJson(r.detail())).toList()),
          CategoricalDistribution.fromJson(today.detail()));
    } else if (today.metric().equals(MetricNames.QUANTILES)) {
      NumericDistribution merged =
          Baselines.mergeNumeric(baseline.stream().map(r -> NumericDistribution.fromJson(r.detail())).toList());
      result = detector.compare(today.instance(), merged, NumericDistribution.fromJson(today.detail()));
    } else {
      return Optional.empty();
    }
    if (!result.comparable()) {
      return Optional.empty();
    }
    DriftThresholds t = detector.thresholds();
    double score = Math.max(result.psi() / t.psiWarn(), Math.max(result.jsDivergence() / t.jsDivergence(),
        result.lInfinity() / (categorical ? t.lInfinity() : t.ks())));
    if (Double.isNaN(score)) {
      return Optional.empty();
    }
    return Optional.of(new Comparison(result, score, new Finding(detectorName, today.metric(), today.instance(),
        null, result.psi(), Double.NaN, t.psiWarn(), score,
        spec.severity(result.blockWorthy() ? "drift-severe" : "drift"),
        "distribution of " + today.instance() + " moved against " + against + ": " + result.explain()), against));
  }
}
