package io.dqgate.anomaly;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks a series detector by how much history there is and whether it is weekly seasonal:
 *
 * <ul>
 *   <li>fewer than 7 points: cold start, empty;
 *   <li>7–13 points: robust level (too short to see a week twice), but a value the level calls anomalous
 *       that is within the band's half-width of the same weekday a week earlier is let through: a second
 *       Saturday looks like the first one, not like the weekdays;
 *   <li>14 points or more with a weekly pattern (weekday means explain at least 25 % of the detrended
 *       variance of the last 8 weeks, F test p ≤ 0.05): the same-weekday median up to 27 points, Holt-Winters
 *       from 28 (four cycles: enough to fit level, trend and season without overfitting the first two);
 *   <li>otherwise robust level.
 * </ul>
 *
 * The chosen detector names itself in {@link SeriesVerdict#method()}; the explanation starts with why.
 */
public final class AutoSeriesDetector implements SeriesDetector {
  static final int SEASONALITY_WINDOW_DAYS = 56;
  /** Lenient, as two weeks give the F test only 6 degrees of freedom; the share guards longer series. */
  static final double MAX_P_VALUE = 0.05;

  private final RobustLevelDetector level;
  private final WeekdayDetector weekday;
  private final HoltWintersDetector holtWinters;
  private final int minPoints;
  private final int holtWintersFrom;
  private final double minSeasonalShare;

  public AutoSeriesDetector() {
    this(new RobustLevelDetector(), new WeekdayDetector(), new HoltWintersDetector(), 7, 28, 0.25);
  }

  public AutoSeriesDetector(RobustLevelDetector level, WeekdayDetector weekday,
      HoltWintersDetector holtWinters, int minPoints, int holtWintersFrom, double minSeasonalShare) {
    this.level = level;
    this.weekday = weekday;
    this.holtWinters = holtWinters;
    this.minPoints = minPoints;
    this.holtWintersFrom = holtWintersFrom;
    this.minSeasonalShare = minSeasonalShare;
  }

  @Override
  public Optional<SeriesVerdict> judge(List<SeriesPoint> history, LocalDate today, double observed) {
    int n = history.size();
    if (n < minPoints) {
      return Optional.empty();
    }
    String why = "";
    boolean weeklyWithoutPoints = false;
    if (n >= 14) {
      WeeklySeasonality season = WeeklySeasonality.measure(
          history, today, SEASONALITY_WINDOW_DAYS, minSeasonalShare, MAX_P_VALUE);
      String share = String.format(Locale.ROOT, "weekday explains %.0f%% of variance (p=%.2g); ",
          100 * season.explainedShare(), season.pValue());
      if (season.seasonal()) {
        SeriesDetector seasonal = n >= holtWintersFrom ? holtWinters : weekday;
        Optional<SeriesVerdict> verdict = seasonal.judge(history, today, observed);
        if (verdict.isPresent()) {
          return Optional.of(verdict.get().withExplanationPrefix("weekly pattern: " + share));
        }
        why = "weekly pattern but too few recent points for it: ";
        weeklyWithoutPoints = true;
      } else {
        why = "no weekly pattern: " + share;
      }
    } else {
      why = "short history (" + n + " points): ";
    }
    String prefix = why;
    Optional<SeriesVerdict> verdict = level.judge(history, today, observed).map(v -> v.withExplanationPrefix(prefix));
    if ((n < 14 || weeklyWithoutPoints) && verdict.isPresent() && verdict.get().anomalous()) {
      return Optional.of(sameWeekdayLastWeek(history, today, verdict.get()));
    }
    return verdict;
  }

  /**
   * Rejudges an anomaly of the level band (short history, or a weekly pattern with too few points of it)
   * against the value of the same weekday a week earlier: within the band's half-width of it, today is
   * that weekday's normal, not an anomaly.
   */
  static SeriesVerdict sameWeekdayLastWeek(List<SeriesPoint> history, LocalDate today, SeriesVerdict v) {
    LocalDate weekAgo = today.minusDays(7);
    Optional<SeriesPoint> last = history.stream().filter(p -> p.date().equals(weekAgo)).findFirst();
    double halfWidth = (v.expectedHigh() - v.expectedLow()) / 2;
    double centre = (v.expectedHigh() + v.expectedLow()) / 2;
    if (last.isEmpty() || !(halfWidth > 0) || Double.isNaN(last.get().value())) {
      return v;
    }
    double offLastWeek = Math.abs(v.observed() - last.get().value());
    if (offLastWeek > halfWidth) {
      return v;
    }
    double perSd = Math.abs(v.observed() - centre) > 0 ? v.score() / Math.abs(v.observed() - centre) : 0;
    return new SeriesVerdict(false, v.observed(), last.get().value() - halfWidth, last.get().value() + halfWidth,
        offLastWeek * perSd, v.method() + "+same-weekday", String.format(Locale.ROOT,
            "in line with %s a week earlier (%s): %s", today.getDayOfWeek().getDisplayName(
                java.time.format.TextStyle.FULL, Locale.ENGLISH), last.get().value(), v.explanation()));
  }
}
