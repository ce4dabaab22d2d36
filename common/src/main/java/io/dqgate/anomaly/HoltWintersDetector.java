package io.dqgate.anomaly;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Additive Holt-Winters with a weekly season over the trailing window, parameters fitted per call by
 * one-step-ahead squared error on a coarse grid; the band is the forecast ± k robust spreads of the fitted
 * model's one-step errors. Unlike the weekday median it follows a trend, so it takes over once there is
 * enough history to fit one.
 */
public final class HoltWintersDetector implements SeriesDetector {
  public static final String METHOD = "holt-winters";
  static final int PERIOD = 7;
  /** Errors of a clip-free model beyond this many noise spreads are treated as incidents in the history. */
  private static final double CLIP_SPREADS = 4.0;

  private final int windowDays;
  private final int minPoints;
  private final double threshold;
  private final SpreadFloor floor;

  /** 56 days (eight weeks), from 14 points (two weekly cycles), 4 robust sd. */
  public HoltWintersDetector() {
    this(56, 14, 4.0, SpreadFloor.DEFAULT);
  }

  public HoltWintersDetector(int windowDays, int minPoints, double threshold, SpreadFloor floor) {
    if (minPoints < 2 * PERIOD || windowDays < minPoints) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "need 14 <= minPoints <= windowDays, cannot be: minPoints=%d, windowDays=%d",
          minPoints, windowDays));
    }
    this.windowDays = windowDays;
    this.minPoints = minPoints;
    this.threshold = threshold;
    this.floor = floor;
  }

  @Override
  public Optional<SeriesVerdict> judge(List<SeriesPoint> history, LocalDate today, double observed) {
    LocalDate start = today.minusDays(windowDays);
    int first = history.size();
    while (first > 0 && !history.get(first - 1).date().isBefore(start)) {
      first--;
    }
    int count = history.size() - first;
    if (count < minPoints) {
      return Optional.empty();
    }
    LocalDate origin = history.get(first).date();
    LocalDate lastDate = history.get(history.size() - 1).date();
    double[] daily = new double[(int) ChronoUnit.DAYS.between(origin, lastDate) + 1];
    Arrays.fill(daily, Double.NaN);
    double sum = 0;
    for (int i = first; i < history.size(); i++) {
      SeriesPoint point = history.get(i);
      daily[(int) ChronoUnit.DAYS.between(origin, point.date())] = point.value();
      sum += point.value();
    }
    int horizon = (int) ChronoUnit.DAYS.between(lastDate, today);
    double level = sum / count;
    double clip = CLIP_SPREADS * floor.apply(HoltWinters.seasonalDifferenceSigma(daily, PERIOD), level);
    HoltWinters.Fit fit = HoltWinters.fit(daily, PERIOD, horizon, clip);
    if (fit == null || fit.residuals().length < PERIOD) {
      return Optional.empty();
    }
    // a gap before today: the level's random walk widens the band (additive HW, trend term neglected)
    double widen = Math.sqrt(1 + (horizon - 1) * fit.alpha() * fit.alpha());
    double sigma = floor.apply(fit.residualSigma(), fit.forecast()) * widen;
    String basis = String.format(Locale.ROOT,
        "weekly Holt-Winters over %d points, alpha=%.2f beta=%.2f gamma=%.2f",
        count, fit.alpha(), fit.beta(), fit.gamma());
    return Optional.of(
        RobustLevelDetector.verdict(METHOD, observed, fit.forecast(), sigma, threshold, basis));
  }
}
