package io.dqgate.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
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

/**
 * Values far outside any range the clean days saw: a sentinel (9999999, -1 in a column never negative),
 * and dates that do not belong to the partition day: every timestamp older than on any clean day (a
 * stale copy of an earlier delivery), or dates well ahead of it.
 */
final class RangeSignature {
  /** How many of its end's widths ({@link CleanRange#width}) beyond that end a new extreme must lie, at the least. */
  static final double MIN_EXCESS = 1.0;
  /** The least width of one end, as a share of the whole clean range. */
  static final double MIN_END_WIDTH = 0.1;
  /** Clean days a record-breaking extreme is measured against before it counts as a clean excursion. */
  private static final int WARM_UP = 3;

  /** The end of an extreme's calibration key, {@code signature:COLUMN.range}. */
  static final String KEY_SUFFIX = ".range";

  private RangeSignature() {}

  /**
   * Each numeric column's extremes against the clean days' range: a calibrated score (key
   * {@code signature:COLUMN.range}, in multiples of the excess needed), whose finding is a fixed alarm from 1,
   * blocking by that rule only past {@link #heavyTailExcess} for a block at most once in {@code blockEveryDays}.
   */
  static List<Scored> score(Map<MetricKey, MetricRecord> today, MetricHistory history, Signal.Factory make,
      double blockEveryDays) {
    List<Scored> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.metric().equals(MetricNames.MAX)) {
        MetricRecord min = today.get(MetricKey.column(m.instance(), MetricNames.MIN));
        extremes(m.instance(), min == null ? Double.NaN : min.value(), m.value(), today, history, make,
            blockEveryDays).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Negative values in a column never negative, and dates off the calendar: fixed signatures. */
  static List<Finding> judge(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history,
      Signal.Factory make) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.metric().equals(MetricNames.MIN)) {
        negative(m.instance(), m, history, make).ifPresent(out::add);
      } else if (m.metric().equals(MetricNames.MAX_DATE)) {
        MetricRecord future = today.get(MetricKey.column(m.instance(), MetricNames.FUTURE_FRACTION));
        dates(date, m, future, history, make).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The clean days' range of a column, the median of their medians, and the largest record-breaking excess a
   * clean day made below it and above it: each end has its own tail (storms push delays far past their
   * longest, never far below their earliest).
   */
  private record CleanRange(double low, double high, double centre, double lowExcess, double highExcess,
      int seen) {
    /**
     * The width an excess past one end is measured in: the range as wide as twice that end's distance from the
     * centre, no wider than the whole range (a symmetric column's width) and no narrower than
     * {@link #MIN_END_WIDTH} of it. Early arrivals end a quarter of an hour before the usual delay, and the
     * longest storm delays hours after it: ten hours early is far past its end, however long the storms.
     */
    double width(boolean above) {
      return width(low, high, centre, above);
    }

    /**
     * The excess past one end, in its widths, an alarm there needs: {@link #MIN_EXCESS}, and three times the
     * most a clean day broke that end's record by.
     */
    double need(boolean above) {
      return Math.max(MIN_EXCESS, 3 * (above ? highExcess : lowExcess));
    }

    static double width(double low, double high, double centre, boolean above) {
      double whole = high - low;
      double half = above ? high - centre : centre - low;
      return Double.isFinite(half) ? Math.max(MIN_END_WIDTH * whole, Math.min(whole, 2 * half)) : whole;
    }
  }

  private static CleanRange cleanRange(String column, MetricHistory history) {
    List<Double> medians = new ArrayList<>();
    for (LocalDate d : history.days()) {
      MetricRecord median = history.day(d).get(MetricKey.column(column, MetricNames.MEDIAN));
      if (median != null && Double.isFinite(median.value())) {
        medians.add(median.value());
      }
    }
    double centre = medians.isEmpty() ? Double.NaN
        : Signal.median(medians.stream().mapToDouble(Double::doubleValue).toArray());
    double low = Double.NaN;
    double high = Double.NaN;
    double lowExcess = 0;
    double highExcess = 0;
    int seen = 0;
    for (LocalDate d : history.days()) {
      Map<MetricKey, MetricRecord> day = history.day(d);
      MetricRecord dMin = day.get(MetricKey.column(column, MetricNames.MIN));
      MetricRecord dMax = day.get(MetricKey.column(column, MetricNames.MAX));
      if (dMin == null || dMax == null || !Double.isFinite(dMin.value()) || !Double.isFinite(dMax.value())) {
        continue;
      }
      if (seen >= WARM_UP && high > low) {
        highExcess = Math.max(highExcess, (dMax.value() - high) / CleanRange.width(low, high, centre, true));
        lowExcess = Math.max(lowExcess, (low - dMin.value()) / CleanRange.width(low, high, centre, false));
      }
      low = seen == 0 ? dMin.value() : Math.min(low, dMin.value());
      high = seen == 0 ? dMax.value() : Math.max(high, dMax.value());
      seen++;
    }
    return new CleanRange(low, high, centre, lowExcess, highExcess, seen);
  }

  /**
   * Clean days below which a range is young: its record excesses, measured from the {@link #WARM_UP}th day on,
   * are too few to say how heavy the column's tail is, and an extreme blocks only past {@link #heavyTailExcess}.
   */
  static final int YOUNG_DAYS = 2 * SignatureJudge.MIN_DAYS;

  /**
   * The excess, in widths of the end it passes, from which a record-breaking extreme blocks by the fixed rule
   * while the range is young ({@link #YOUNG_DAYS}) and learnt from {@code seen} clean days, for a block at most
   * once in {@code blockEveryDays} clean days: a clean day breaks the record of the days before it with a
   * chance of 1 / (seen + 1), and where the column's tail is as heavy as a Pareto's of index 1 (turnaround
   * times, where a straggler takes ten times as long as the rest) it lies e widths past the record with a
   * chance of 1 / (1 + e) of that. In a range of a week a straggler past the record warns ({@link #straggler}),
   * and only a value far past what such a tail reaches (a sentinel) blocks; later, three times the column's own
   * largest record excess, and the calibrated alarm budget once it knows the dataset, decide.
   */
  static double heavyTailExcess(int seen, double blockEveryDays) {
    return blockEveryDays / (seen + 1.0) - 1;
  }

  /**
   * A day's extreme past one end of the clean range: which end, the excess (in that end's widths) an alarm
   * there needs, the end's width, the excess reached and the extreme itself.
   */
  private record Far(boolean above, double need, double width, double excess, double value) {
    String metric() {
      return above ? MetricNames.MAX : MetricNames.MIN;
    }

    boolean alarm() {
      return excess >= need;
    }
  }

  /** The day's farther extreme, measured against the clean range {@code r} (which needs a width). */
  private static Far far(CleanRange r, double min, double max) {
    boolean above = (max - r.high()) / r.width(true) / r.need(true) >= (r.low() - min) / r.width(false) / r.need(false);
    double width = r.width(above);
    return new Far(above, r.need(above), width,
        above ? (max - r.high()) / width : (r.low() - min) / width, above ? max : min);
  }

  /** Whether the clean range can measure the day's extremes: a week of clean days, a width, finite extremes. */
  private static boolean measurable(CleanRange r, double min, double max) {
    return r.seen() >= SignatureJudge.MIN_DAYS && r.high() > r.low() && Double.isFinite(min) && Double.isFinite(max);
  }

  private static Optional<Scored> extremes(String column, double min, double max, Map<MetricKey, MetricRecord> today,
      MetricHistory history, Signal.Factory make, double blockEveryDays) {
    CleanRange r = cleanRange(column, history);
    if (!measurable(r, min, max)) {
      return Optional.empty();
    }
    double low = r.low();
    double high = r.high();
    Far far = far(r, min, max);
    boolean above = far.above();
    double need = far.need();
    double width = far.width();
    double excess = far.excess();
    double value = far.value();
    String range = Signal.number(low) + " .. " + Signal.number(high);
    // a storm stretches one end; a day past both ends, each by what that end needs, is no tail of its own
    boolean bothEnds = (max - high) / r.width(true) >= r.need(true) && (low - min) / r.width(false) >= r.need(false);
    boolean ownTail = far.alarm() && !bothEnds && ownTail(column, value, above, today, history);
    Finding finding = make.of(far.metric(), column, value, low, high, excess / need, Cause.OUT_OF_RANGE,
        String.format(Locale.ROOT, "%s.%s = %s, far outside any value of the %d clean days (%s): %.1f widths of "
            + "%s beyond it%s", column, above ? "max" : "min", Signal.number(value), r.seen(), range, excess,
            width == high - low ? "that range" : Signal.number(width) + ", that end's own (the clean median is "
                + Signal.number(r.centre()) + ")",
            ownTail ? "; the day's own quartiles moved out with it, as far as on clean days (a heavy tail)" : ""));
    double next = runnerUp(today.get(MetricKey.column(column, far.metric())));
    double heavy = heavyTailExcess(r.seen(), blockEveryDays);
    if (far.alarm() && lone(r, far, next)) {
      finding = finding.withSeverity(Severity.WARN, finding.message() + loneNote(next));
    } else if (finding.severity() == Severity.BLOCK && r.seen() < YOUNG_DAYS && excess < heavy
        && straggler(today.get(MetricKey.column(column, MetricNames.QUANTILES)), above, above ? high : low)) {
      finding = finding.withSeverity(Severity.WARN, finding.message() + String.format(Locale.ROOT,
          " [a range of %d clean days: a column with a heavy tail breaks it this far about once in %.0f clean days; "
              + "it blocks from %.1f widths, once in %s]", r.seen(), 1 / heavyTailChance(r.seen(), excess), heavy,
          Signal.number(blockEveryDays)));
    }
    return Optional.of(new Scored(FractionSignatures.FAMILY + ":" + column + KEY_SUFFIX, FractionSignatures.FAMILY,
        excess / need, finding, far.alarm() && !ownTail, SignatureJudge.DETECTOR, SignatureJudge.DETECTOR));
  }

  /**
   * Whether the score is an extreme's whose own rule warns (one row alone past the range, a young range's
   * straggler): calibration may silence it, never make it block.
   */
  static boolean warnsAtMost(Scored s) {
    return s.key() != null && s.key().startsWith(FractionSignatures.FAMILY + ":") && s.key().endsWith(KEY_SUFFIX)
        && s.finding().severity() == Severity.WARN;
  }

  /**
   * Whether the numeric column's day reaches past the clean range, by the excess an alarm needs, with one row
   * alone ({@link #lone}): its minimum, maximum, mean and standard deviation moved with that row.
   */
  static boolean loneColumn(String column, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    MetricRecord min = today.get(MetricKey.column(column, MetricNames.MIN));
    MetricRecord max = today.get(MetricKey.column(column, MetricNames.MAX));
    if (min == null || max == null) {
      return false;
    }
    CleanRange r = cleanRange(column, history);
    if (!measurable(r, min.value(), max.value())) {
      return false;
    }
    Far far = far(r, min.value(), max.value());
    return far.alarm() && lone(r, far, runnerUp(far.above() ? max : min));
  }

  private static boolean lone(CleanRange r, Far far, double next) {
    return lone(far.value(), next, far.above(), far.above() ? r.high() : r.low(), far.width(), far.need());
  }

  /**
   * Whether one row alone lies past the clean range's {@code end}: the extreme's runner-up (the day's next
   * value from that end, {@link MetricNames#NEXT}) stays short of the excess an alarm needs, and the extreme
   * is no placeholder ({@link #placeholder}). Real feeds bring such a row now and then (a lost digit in a
   * zip code, a turnaround typed in the wrong unit, a negative duration): an error of one row, which warns.
   * A sentinel that stands in for missing values, a rescaled segment or a broken parser puts many rows there.
   */
  static boolean lone(double extreme, double next, boolean above, double end, double width, double need) {
    if (!Double.isFinite(next) || placeholder(extreme)) {
      return false;
    }
    return (above ? next - end : end - next) / width < need;
  }

  /**
   * A number that stands for "no value" by convention: -1, or a whole number of nines (99, 9999, -999,
   * 9999999). One row of it is a sentinel, however lone.
   */
  static boolean placeholder(double v) {
    if (v == -1) {
      return true;
    }
    double a = Math.abs(v);
    if (a < 99 || a > 1e15 || a != Math.rint(a)) {
      return false;
    }
    String digits = Long.toString((long) a);
    return digits.chars().allMatch(ch -> ch == '9');
  }

  /** The runner-up a {@code min} or {@code max} metric's detail holds; NaN without one. */
  static double runnerUp(MetricRecord extreme) {
    if (extreme == null || extreme.detail() == null) {
      return Double.NaN;
    }
    try {
      JsonNode next = JSON.readTree(extreme.detail()).get(MetricNames.NEXT);
      return next != null && next.isNumber() ? next.asDouble() : Double.NaN;
    } catch (JsonProcessingException e) {
      return Double.NaN;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String loneNote(double next) {
    return String.format(Locale.ROOT, "; one row alone (the next value is %s): an error of one row warns, "
        + "rows past the range block", Signal.number(next));
  }

  /** The share of a day's rows past the clean range beyond which they are no heavy tail's stragglers. */
  static final double STRAGGLERS = 0.05;

  /**
   * Whether fewer than {@link #STRAGGLERS} of the day's rows lie past the clean range's {@code end}, by its
   * sketch (true without one): a heavy tail's straggler is a row or two past the record, where a column in
   * another unit for a tenth of its rows (ages in months) moves the day's 95 % quantile past it too.
   */
  private static boolean straggler(MetricRecord quantiles, boolean above, double end) {
    NumericDistribution day = sketch(quantiles);
    return day == null || (above ? day.quantile(1 - STRAGGLERS) <= end : day.quantile(STRAGGLERS) >= end);
  }

  /**
   * The chance, by {@link #heavyTailExcess}'s tail, that a clean day passes a range of {@code seen} days by
   * {@code excess} widths.
   */
  static double heavyTailChance(int seen, double excess) {
    return 1 / ((seen + 1.0) * (1 + excess));
  }

  /**
   * Whether the day's extreme stands no further beyond its own bulk (its quartiles, in interquartile ranges)
   * than {@link #OWN_TAIL} times the most a clean day's extreme did: the whole day moved out (a storm's
   * delays), and the extreme is its tail, where a sentinel, a typo or a tenth of the rows in another unit
   * stand far past quartiles that stayed put. An extreme the day's 5 % (or 95 %) quantile already reaches is a
   * point mass, a sentinel, never a tail. Asked only of a day beyond one end of the clean range: a column that
   * crosses zero multiplied by a unit moves out at both ends and keeps its shape, where a storm's delays
   * stretch the late end alone.
   */
  private static boolean ownTail(String column, double extreme, boolean above, Map<MetricKey, MetricRecord> today,
      MetricHistory history) {
    MetricKey key = MetricKey.column(column, MetricNames.QUANTILES);
    NumericDistribution sketch = sketch(today.get(key));
    if (sketch == null || sketch.quantile(above ? 0.95 : 0.05) == extreme) {
      return false;
    }
    double own = beyondBulk(sketch, extreme, above);
    double clean = 0;
    int days = 0;
    for (LocalDate d : history.days()) {
      Map<MetricKey, MetricRecord> day = history.day(d);
      MetricRecord end = day.get(MetricKey.column(column, above ? MetricNames.MAX : MetricNames.MIN));
      NumericDistribution cleanSketch = end == null ? null : sketch(day.get(key));
      double b = cleanSketch == null ? Double.NaN : beyondBulk(cleanSketch, end.value(), above);
      if (Double.isFinite(b)) {
        clean = Math.max(clean, b);
        days++;
      }
    }
    return days >= SignatureJudge.MIN_DAYS && Double.isFinite(own) && clean > 0 && own <= OWN_TAIL * clean;
  }

  /** A stored quantile sketch, or null when there is none or it is not usable. */
  private static NumericDistribution sketch(MetricRecord quantiles) {
    if (quantiles == null || quantiles.detail() == null) {
      return null;
    }
    NumericDistribution d = NumericDistribution.fromJson(quantiles.detail());
    return d.isUsable() ? d : null;
  }

  /** How many interquartile ranges an extreme lies beyond its day's quartiles; NaN without a spread. */
  private static double beyondBulk(NumericDistribution d, double extreme, boolean above) {
    double low = d.quantile(0.25);
    double high = d.quantile(0.75);
    return high > low && Double.isFinite(extreme) ? (above ? extreme - high : low - extreme) / (high - low)
        : Double.NaN;
  }

  /** How much further than on any clean day an extreme may lie beyond the day's own bulk and be its tail. */
  static final double OWN_TAIL = 3;

  private static Optional<Finding> negative(String column, MetricRecord min, MetricHistory history,
      Signal.Factory make) {
    CleanRange r = cleanRange(column, history);
    if (r.seen() < SignatureJudge.MIN_DAYS || !(r.low() >= 0) || !(min.value() < 0)) {
      return Optional.empty();
    }
    Finding f = make.of(MetricNames.MIN, column, min.value(), r.low(), r.high(), 1, Cause.OUT_OF_RANGE,
        String.format(Locale.ROOT, "%s.min = %s: negative values in a column never negative on the %d clean "
            + "days (%s .. %s)", column, Signal.number(min.value()), r.seen(), Signal.number(r.low()),
            Signal.number(r.high())));
    double next = runnerUp(min);
    // one negative row: its runner-up is not negative
    boolean lone = next >= 0 && !placeholder(min.value());
    return Optional.of(lone ? f.withSeverity(Severity.WARN, f.message() + loneNote(next)) : f);
  }

  /**
   * Dates judged as days from the partition day, only for a column that follows the calendar (its latest
   * date sat within {@link #CALENDAR_DAYS} of the same offset on every clean day).
   */
  private static Optional<Finding> dates(LocalDate date, MetricRecord maxDate, MetricRecord future,
      MetricHistory history, Signal.Factory make) {
    String column = maxDate.instance();
    List<Double> offsets = new ArrayList<>();
    List<Double> futures = new ArrayList<>();
    for (LocalDate d : history.days()) {
      MetricRecord m = history.day(d).get(maxDate.key());
      if (m != null && Double.isFinite(m.value())) {
        offsets.add(m.value() - d.toEpochDay());
      }
      MetricRecord f = history.day(d).get(MetricKey.column(column, MetricNames.FUTURE_FRACTION));
      if (f != null && Double.isFinite(f.value())) {
        futures.add(f.value());
      }
    }
    if (offsets.size() < SignatureJudge.MIN_DAYS || !Double.isFinite(maxDate.value())) {
      return Optional.empty();
    }
    double lowest = offsets.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double highest = offsets.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    if (highest - lowest > CALENDAR_DAYS) {
      return Optional.empty();
    }
    double offset = maxDate.value() - date.toEpochDay();
    LocalDate latest = LocalDate.ofEpochDay((long) maxDate.value());
    // a latest date far off that lands among the clean offsets read with day and month the other way round
    Optional<LocalDate> unswapped = swapped(latest).filter(d -> d.toEpochDay() - date.toEpochDay() >= lowest - 1
        && d.toEpochDay() - date.toEpochDay() <= highest + 1);
    if (unswapped.isPresent() && (offset < lowest - (highest - lowest) || offset > highest + Math.max(2,
        highest - lowest))) {
      return Optional.of(make.of(MetricNames.MAX_DATE, column, offset, lowest, highest,
          offset > highest ? offset - highest : lowest - offset, Cause.FORMAT_CHANGE,
          String.format(Locale.ROOT, "%s: the latest date is %s, %s day(s) from the partition day, where the clean "
              + "days had %s .. %s; with day and month swapped it is %s, where it belongs: day and month swapped",
              column, latest, Signal.number(offset), Signal.number(lowest), Signal.number(highest),
              unswapped.get())));
    }
    // A latest date that wanders earns that wander again as margin before a new low counts.
    if (offset < lowest - (highest - lowest)) {
      return Optional.of(make.of(MetricNames.MAX_DATE, column, offset, lowest, highest, lowest - offset,
          Cause.STALE_COPY, String.format(Locale.ROOT, "%s: the latest date is %s, %s day(s) before the partition "
              + "day; on the %d clean days it was %s .. %s day(s) from theirs (rows of an earlier day?)", column,
              latest, Signal.number(-offset), offsets.size(), Signal.number(lowest), Signal.number(highest))));
    }
    double cleanFuture = futures.isEmpty() ? 0 : futures.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    boolean moreFuture = future != null && Double.isFinite(future.value()) && future.value() > cleanFuture + 0.005;
    if (offset > highest + Math.max(2, highest - lowest) && moreFuture) {
      return Optional.of(make.of(MetricNames.MAX_DATE, column, offset, lowest, highest, offset - highest,
          Cause.OUT_OF_RANGE, String.format(Locale.ROOT, "%s: dates up to %s, %s day(s) after the partition day "
              + "(%s of rows after it); on the %d clean days at most %s day(s)", column, latest,
              Signal.number(offset), Signal.percent(future.value()), offsets.size(), Signal.number(highest))));
    }
    return Optional.empty();
  }

  /** The date with its day and month exchanged, where both could be a month. */
  static Optional<LocalDate> swapped(LocalDate d) {
    if (d.getDayOfMonth() > 12 || d.getDayOfMonth() == d.getMonthValue()) {
      return Optional.empty();
    }
    return Optional.of(LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue()));
  }

  /** A latest date that wanders more than this many days between clean days does not follow the calendar. */
  static final int CALENDAR_DAYS = 7;
}
