package io.dqgate.detect;

import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.metrics.MetricNames;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * A categorical column's segment gone: a value that held a steady share of rows on each recent clean day, or on
 * each clean day of the day's weekday, with no row today where the chance that the day's rows missed it by
 * sampling is negligible.
 */
final class LostSegments {
  /** A segment counts when it held at least this share of rows on every recent clean day. */
  static final double MIN_SEGMENT_SHARE = 0.02;
  /**
   * ... and the chance that today's rows missed it is at most this, by its least share on those days,
   * (1 − least share)^rows, or by how its share moved over them ({@link #logAbsenceChance}): about one in a
   * million (a steady segment of 6 % on 230 rows).
   */
  static final double MAX_ABSENCE_CHANCE = 1e-6;
  /** The largest intra-day correlation a share's spread is taken to show: shares that all but jump between 0 and 1. */
  private static final double MAX_CORRELATION = 0.99;

  private LostSegments() {}

  /** The natural log of the chance that the day's rows missed a value whose least share was {@code low}. */
  @FunctionalInterface
  private interface AbsenceChance {
    double log(String value, double low);
  }

  /** A value on every clean day with a steady share that has no row today. */
  static Optional<Finding> onTrailingDays(String column, CategoricalDistribution today,
      List<CategoricalDistribution> clean, Signal.Factory make) {
    return lostSegment(column, today, clean, v -> true, bySpreadOrLeastShare(clean, today, SignatureJudge.MIN_DAYS),
        "the last " + clean.size() + " clean days", make);
  }

  /**
   * Two estimates of one chance: the least share bounds it where the share never dropped (a share that swings
   * between a weekday's and a weekend's level is no single beta), the clean days' spread where one small day's
   * few rows set the least share.
   */
  private static AbsenceChance bySpreadOrLeastShare(List<CategoricalDistribution> clean,
      CategoricalDistribution today, int panelDays) {
    return (value, low) -> Math.min(today.total() * Math.log1p(-low),
        logAbsenceChance(value, clean, today.total(), panelDays));
  }

  /**
   * A value gone from the day's weekday: one on a weekly schedule ({@link #onSchedule}), or one whose share
   * follows the weekday (a channel that takes most of a weekday's orders and a tenth of a Sunday's) with no row
   * on a day that kept its weekday's volume ({@link #SCHEDULE_VOLUME}): it had rows on every one of the trailing
   * clean days ({@code clean}), on each of at least {@link #SCHEDULE_DAYS} clean days of the day's weekday
   * ({@code weekday}) it held {@link #MIN_SEGMENT_SHARE} of the rows or more, and the chance that the day's rows
   * missed it is under {@link #MAX_ABSENCE_CHANCE} by its share and spread on that weekday ({@link
   * #logAbsenceChanceOnWeekday}). Across all days the weekday's swing is spread enough to hide a tenth gone from a
   * Sunday. A value the trailing days went without (a franchise that moved, a disease the survey dropped, in a
   * table of a season a day) is no weekday's: its weekday's days are older than its going.
   */
  static Optional<Finding> onWeekday(String column, CategoricalDistribution today,
      List<CategoricalDistribution> clean, List<CategoricalDistribution> weekday, DayOfWeek dayOfWeek,
      Signal.Factory make) {
    if (weekday.size() < SCHEDULE_DAYS) {
      return Optional.empty();
    }
    Optional<Finding> scheduled = onSchedule(column, today, weekday, dayOfWeek, make);
    if (scheduled.isPresent()) {
      return scheduled;
    }
    Predicate<String> kept = keptWeekdayVolume(today, weekday);
    return lostSegment(column, today, weekday, v -> clean.stream().allMatch(d -> d.count(v) > 0) && kept.test(v),
        (value, low) -> logAbsenceChanceOnWeekday(value, weekday, today.total()),
        "the last " + weekday.size() + " clean " + weekdayName(dayOfWeek) + "s", make);
  }

  private static String weekdayName(DayOfWeek dayOfWeek) {
    return dayOfWeek.name().charAt(0) + dayOfWeek.name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** The values whose absence leaves the day its weekday's volume ({@link #SCHEDULE_VOLUME}). */
  private static Predicate<String> keptWeekdayVolume(CategoricalDistribution today,
      List<CategoricalDistribution> weekday) {
    long fewest = weekday.stream().mapToLong(CategoricalDistribution::total).min().orElse(0);
    long rows = weekday.stream().mapToLong(CategoricalDistribution::total).sum();
    return v -> today.total() >= SCHEDULE_VOLUME * fewest
        * (1 - (double) weekday.stream().mapToLong(d -> d.count(v)).sum() / rows);
  }

  /**
   * The natural log of the chance that a day of {@code rows} rows has no row of {@code value}, from the clean
   * days of its weekday ({@code weekday}): beta-binomial at the value's pooled share on those days, with the
   * widest intra-day correlation their dispersion is consistent with ({@link #WIDEST_SPREAD}): a weekday's share
   * is read from its own days (a Sunday's tenth, where weekdays hold most), and four to eight of them say little
   * of how far it wanders. (1 − share)^rows where even that spread is no more than sampling.
   */
  static double logAbsenceChanceOnWeekday(String value, List<CategoricalDistribution> weekday, long rows) {
    double share = pooledShare(value, weekday);
    if (!(share > 0)) {
      return 0;
    }
    if (share >= 1) {
      return Double.NEGATIVE_INFINITY;
    }
    // the widest spread the weekday's few days are consistent with: their chi-squared dispersion read at its
    // lower WIDEST_SPREAD point, so that days that happened to agree are not taken for a share that never moves
    double dispersion = dispersion(value, weekday);
    double widest = weekday.size() < 2 ? 0 : dispersion
        / new ChiSquaredDistribution(null, weekday.size() - 1).inverseCumulativeProbability(WIDEST_SPREAD);
    return logNoneDrawn(share, momentCorrelation(widest, weekday), rows);
  }

  /**
   * The natural log of the chance that {@code rows} rows hold none of a value of share {@code share} whose
   * days' counts show intra-day correlation {@code rho}: B(α, β + rows) / B(α, β) with α + β = 1/ρ − 1, and
   * (1 − share)^rows where ρ is none.
   */
  private static double logNoneDrawn(double share, double rho, long rows) {
    if (!(rho > 0)) {
      return rows * Math.log1p(-share);
    }
    double concentration = 1 / Math.min(rho, MAX_CORRELATION) - 1;
    double alpha = share * concentration;
    double beta = concentration - alpha;
    return Beta.logBeta(alpha, beta + rows) - Beta.logBeta(alpha, beta);
  }

  /**
   * The lower point of the chi-squared distribution at which a weekday's dispersion is read for the widest
   * spread its days are consistent with: one in five, an upper bound its days hold four times in five.
   */
  static final double WIDEST_SPREAD = 0.2;

  /**
   * The intra-day correlation of a value's counts over {@code days} by the method of moments, from their
   * dispersion per degree of freedom {@code phi} (1 where they scatter as sampling does) against the rows a day
   * holds: (φ − 1) / (effective rows − 1); 0 where φ is 1 or less.
   */
  private static double momentCorrelation(double phi, List<CategoricalDistribution> days) {
    double total = 0;
    double squares = 0;
    for (CategoricalDistribution d : days) {
      total += d.total();
      squares += (double) d.total() * d.total();
    }
    double effectiveRows = days.size() > 1 && total > 0 ? (total - squares / total) / (days.size() - 1) : 0;
    return effectiveRows > 1 ? Math.max(0, (phi - 1) / (effectiveRows - 1)) : 0;
  }

  private static double pooledShare(String value, List<CategoricalDistribution> days) {
    double total = 0;
    double hits = 0;
    for (CategoricalDistribution d : days) {
      total += d.total();
      hits += d.count(value);
    }
    return total > 0 ? hits / total : Double.NaN;
  }

  /**
   * A value on a weekly schedule that has no row today: on each of at least {@link #SCHEDULE_DAYS} clean days of
   * the day's weekday ({@code weekday}) it held {@link #SCHEDULE_ROWS} rows or more and its share closer than
   * sampling would hold it ({@link #panel}), as a
   * destination's daily flights do, while on other weekdays it fell low (a weekend's two flights), so the steady
   * share the trailing days ask of a segment is not there to ask; and the day kept its weekday's volume
   * ({@link #SCHEDULE_VOLUME}).
   */
  static Optional<Finding> onSchedule(String column, CategoricalDistribution today,
      List<CategoricalDistribution> weekday, DayOfWeek dayOfWeek, Signal.Factory make) {
    if (weekday.size() < SCHEDULE_DAYS) {
      return Optional.empty();
    }
    Predicate<String> kept = keptWeekdayVolume(today, weekday);
    Predicate<String> scheduled = v -> weekday.stream().allMatch(d -> d.count(v) >= SCHEDULE_ROWS)
        && panel(dispersion(v, weekday), weekday.size(), SCHEDULE_DAYS) && kept.test(v);
    return lostSegment(column, today, weekday, scheduled, bySpreadOrLeastShare(weekday, today, SCHEDULE_DAYS),
        "the last " + weekday.size() + " clean " + weekdayName(dayOfWeek) + "s", make);
  }

  /**
   * The part of its weekday's fewest rows (less the lost value's share) a day must keep to be running its weekday's
   * schedule: a holiday's thinned timetable may drop a destination's few flights with the rest.
   */
  static final double SCHEDULE_VOLUME = 0.9;

  /**
   * The clean days of one weekday a schedule is read from: four weeks, where the shares must hold close enough
   * for their chi-squared dispersion on three degrees of freedom to fall under {@link #PANEL_SHOWN} (the same
   * count of a destination's flights each Tuesday, to a flight).
   */
  static final int SCHEDULE_DAYS = 4;
  /**
   * The rows the value must hold on each of those days: a few rows repeat exactly by chance (a football team at
   * home once in each of four rounds, a ninth of their rows every time), and a dispersion read from them is no
   * schedule; from five rows a day, the chi-squared reading holds.
   */
  static final int SCHEDULE_ROWS = 5;

  /**
   * The squared deviations of a value's daily shares from their pooled share, each weighted by its day's rows and
   * divided by the binomial variance ({@link #panel}'s statistic); NaN where the value had no row or every row.
   */
  static double dispersion(String value, List<CategoricalDistribution> days) {
    double total = 0;
    double hits = 0;
    for (CategoricalDistribution d : days) {
      total += d.total();
      hits += d.count(value);
    }
    double share = hits / total;
    if (!(share > 0 && share < 1)) {
      return Double.NaN;
    }
    double spread = 0;
    for (CategoricalDistribution d : days) {
      double deviation = (double) d.count(value) / d.total() - share;
      spread += d.total() * deviation * deviation;
    }
    return spread / (share * (1 - share));
  }

  /** A value of {@code candidate}s, on each of the {@code clean} days with a steady share, that has no row today. */
  private static Optional<Finding> lostSegment(String column, CategoricalDistribution today,
      List<CategoricalDistribution> clean, Predicate<String> candidate, AbsenceChance chance, String cleanDays,
      Signal.Factory make) {
    double otherToday = today.proportion(CategoricalDistribution.OTHER);
    String lost = null;
    double lostShare = 0;
    double lostHigh = 0;
    for (String value : clean.get(clean.size() - 1).counts().keySet()) {
      double low = 1;
      double high = 0;
      for (CategoricalDistribution d : clean) {
        double share = d.proportion(value);
        low = Math.min(low, share);
        high = Math.max(high, share);
      }
      if (low >= MIN_SEGMENT_SHARE && today.count(value) == 0 && otherToday < low / 2 && low > lostShare
          && candidate.test(value) && chance.log(value, low) <= Math.log(MAX_ABSENCE_CHANCE)) {
        lost = value;
        lostShare = low;
        lostHigh = high;
      }
    }
    if (lost == null) {
      return Optional.empty();
    }
    return Optional.of(make.of(MetricNames.VALUE_PROPORTIONS, column, 0, lostShare, lostHigh, 10, Cause.VOLUME,
        String.format(Locale.ROOT, "%s = \"%s\" has no rows: a segment is missing (%s .. %s of rows on each of "
            + "%s)", column, lost, Signal.percent(lostShare), Signal.percent(lostHigh), cleanDays)));
  }

  /**
   * The natural log of the chance that a day of {@code rows} rows has no row of {@code value}, from the clean
   * days' counts of it. A share moves from day to day by more than sampling (a Sunday's mix, a holiday), so the
   * counts are taken as beta-binomial: the pooled share and the intra-day correlation ρ by the method of moments
   * (each day's deviation weighted by its rows), and the chance is B(α, β + rows) / B(α, β) with α + β = 1/ρ − 1.
   * Where the shares move no more than sampling alone would move them, it is (1 − pooled share)^rows. A
   * segment's least share on one small day (4 rows of 132 on a holiday) says little about its share today;
   * the spread of all its days does. Where the shares hold closer to their level than sampling would hold
   * them ({@link #panel}: each city's seven days a week, each carrier's schedule), the rows are no draw: the
   * chance is the normal tail of a share of 0 at the days' own spread.
   */
  static double logAbsenceChance(String value, List<CategoricalDistribution> clean, long rows) {
    return logAbsenceChance(value, clean, rows, SignatureJudge.MIN_DAYS);
  }

  /** The same, where {@code panelDays} clean days may show a panel ({@link #panel}). */
  static double logAbsenceChance(String value, List<CategoricalDistribution> clean, long rows, int panelDays) {
    double share = pooledShare(value, clean);
    if (!(share > 0)) {
      return 0;
    }
    if (share >= 1) {
      return Double.NEGATIVE_INFINITY;
    }
    int days = clean.size();
    if (days < 2) {
      return rows * Math.log1p(-share);
    }
    double dispersion = dispersion(value, clean);
    if (panel(dispersion, days, panelDays)) {
      double squared = 0;
      for (CategoricalDistribution d : clean) {
        double deviation = (double) d.count(value) / d.total() - share;
        squared += deviation * deviation;
      }
      double sd = Math.sqrt(squared / (days - 1));
      return sd > 0 ? Math.log(Erf.erfc(share / sd / Math.sqrt(2)) / 2) : Double.NEGATIVE_INFINITY;
    }
    return logNoneDrawn(share, momentCorrelation(dispersion / (days - 1), clean), rows);
  }

  /** The chance below which the clean days' shares hold closer to their level than sampling would hold them. */
  static final double PANEL_SHOWN = 1e-3;

  /**
   * Whether shares whose squared deviations, each weighted by its day's rows and divided by the binomial variance,
   * sum to {@code dispersion} over {@code days} days hold closer than sampling: the sum is chi-squared with
   * days − 1 degrees of freedom where each day's rows are drawn at one share, and a sum this low comes with a
   * chance under {@link #PANEL_SHOWN}.
   */
  static boolean panel(double dispersion, int days) {
    return panel(dispersion, days, SignatureJudge.MIN_DAYS);
  }

  /** The same, from {@code leastDays} days on. */
  static boolean panel(double dispersion, int days, int leastDays) {
    return days >= leastDays
        && new ChiSquaredDistribution(null, days - 1).cumulativeProbability(dispersion) < PANEL_SHOWN;
  }
}
