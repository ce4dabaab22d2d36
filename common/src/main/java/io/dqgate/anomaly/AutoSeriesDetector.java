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
 *   <li>7–13 points: robust level (too short to see a week twice);
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
      } else {
        why = "no weekly pattern: " + share;
      }
    } else {
      why = "short history (" + n + " points): ";
    }
    String prefix = why;
    return level.judge(history, today, observed).map(v -> v.withExplanationPrefix(prefix));
  }
}
