package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HoltWintersDetectorTest {
  /** Sums to 0, as an additive season must. */
  private static final double[] SEASON = {10, 20, 5, -5, -15, -30, 15};
  private final HoltWintersDetector detector = new HoltWintersDetector();

  private static double trendAndSeason(int t) {
    return 200 + 1.5 * t + SEASON[t % 7];
  }

  @Test
  void oneStepForecastOfPureTrendPlusSeasonIsExact() {
    double[] y = new double[42];
    for (int t = 0; t < y.length; t++) {
      y[t] = trendAndSeason(t);
    }
    HoltWinters.Fit fit = HoltWinters.fit(y, 7, 1, Double.POSITIVE_INFINITY);
    // the initial state from two cycles is exact, so every one-step error is 0 whatever the parameters
    assertThat(fit.sse()).isCloseTo(0, within(1e-18));
    assertThat(fit.forecast()).isCloseTo(trendAndSeason(42), within(1e-9)); // 273
    assertThat(trendAndSeason(42)).isEqualTo(273.0);
    // three periods ahead: 200 + 1.5·44 + SEASON[2]
    assertThat(HoltWinters.fit(y, 7, 3, Double.POSITIVE_INFINITY).forecast()).isCloseTo(271.0, within(1e-9));
  }

  @Test
  void detectorForecastsTheNextDayOfATrendingSeasonalSeries() {
    List<SeriesPoint> history = new ArrayList<>();
    for (int t = 0; t < 42; t++) {
      history.add(new SeriesPoint(Synthetic.START.plusDays(t), trendAndSeason(t)));
    }
    SeriesVerdict verdict = detector.judge(history, Synthetic.next(history), 273).orElseThrow();
    assertThat(verdict.method()).isEqualTo("holt-winters");
    assertThat((verdict.expectedLow() + verdict.expectedHigh()) / 2).isCloseTo(273, within(1e-9));
    // no residual spread: the relative floor 0.5 % · 273 = 1.365 sets the band ±5.46
    assertThat(verdict.expectedHigh() - 273).isCloseTo(4 * 0.005 * 273, within(1e-9));
    assertThat(verdict.anomalous()).isFalse();
    assertThat(detector.judge(history, Synthetic.next(history), 290).orElseThrow().anomalous()).isTrue();
  }

  @Test
  void noisySeriesForecastWithinNoiseLevel() {
    double[] y = new double[42];
    Random random = new Random(11);
    for (int t = 0; t < y.length; t++) {
      y[t] = trendAndSeason(t) + 2 * random.nextGaussian();
    }
    HoltWinters.Fit fit = HoltWinters.fit(y, 7, 1, Double.POSITIVE_INFINITY);
    assertThat(fit.forecast()).isCloseTo(273, within(3.0)); // 270.80: 1.1 noise sd off
    assertThat(fit.residualSigma()).isCloseTo(2.157, within(1e-3)); // noise sd is 2
    assertThat(fit.alpha()).isEqualTo(0.05);
    assertThat(fit.gamma()).isEqualTo(0.5);
  }

  @Test
  void followsATrendThatTheWeekdayMedianLagsBehind() {
    List<SeriesPoint> history = new ArrayList<>();
    Random random = new Random(5);
    for (int d = 0; d < 42; d++) {
      LocalDate date = Synthetic.START.plusDays(d);
      history.add(new SeriesPoint(date,
          1000 + 5 * d + Synthetic.weeklyLevel(date, 0, -300, -400) + 10 * random.nextGaussian()));
    }
    LocalDate today = Synthetic.next(history); // a Monday: 1000 + 5·42
    SeriesVerdict holtWinters = detector.judge(history, today, 1210).orElseThrow();
    SeriesVerdict weekday = new WeekdayDetector().judge(history, today, 1210).orElseThrow();
    assertThat(holtWinters.anomalous()).isFalse();
    assertThat((holtWinters.expectedLow() + holtWinters.expectedHigh()) / 2).isCloseTo(1215.53, within(0.01));
    // the same-weekday median sits weeks behind (1084) and its band has to be 6x wider to cope
    assertThat(holtWinters.expectedHigh() - holtWinters.expectedLow()).isCloseTo(85.93, within(0.01));
    assertThat(weekday.expectedHigh() - weekday.expectedLow()).isCloseTo(814.27, within(0.01));
    // a 10 % drop: Holt-Winters sees it, the weekday median cannot
    assertThat(detector.judge(history, today, 1089).orElseThrow().anomalous()).isTrue();
    assertThat(new WeekdayDetector().judge(history, today, 1089).orElseThrow().anomalous()).isFalse();
  }

  @Test
  void pastSpikeDoesNotEchoAWeekLater() {
    List<SeriesPoint> history = new ArrayList<>(Synthetic.weekly(42, 1000, 600, 500, 15, 3));
    history.set(35, new SeriesPoint(history.get(35).date(), 5000)); // last Monday was an incident
    LocalDate monday = Synthetic.next(history);
    SeriesVerdict verdict = detector.judge(history, monday, 1000).orElseThrow();
    assertThat(verdict.anomalous()).isFalse();
    // the clipped update lets the spike in as forecast + 4 noise sd: an echo of 35 (2.3 noise sd)
    assertThat((verdict.expectedLow() + verdict.expectedHigh()) / 2).isCloseTo(1034.86, within(0.01));
    double[] daily = history.stream().mapToDouble(SeriesPoint::value).toArray();
    double unclipped = HoltWinters.fit(daily, 7, 1, Double.POSITIVE_INFINITY).forecast();
    assertThat(unclipped).isCloseTo(3064.64, within(0.01)); // unclipped, the spike is next Monday's forecast
    assertThat(detector.judge(history, monday, 1150).orElseThrow().anomalous()).isTrue();
  }

  @Test
  void gapsInTheHistoryAndBeforeToday() {
    List<SeriesPoint> history = new ArrayList<>();
    for (int t = 0; t < 42; t++) {
      if (t % 10 != 9) { // every tenth day missing
        history.add(new SeriesPoint(Synthetic.START.plusDays(t), trendAndSeason(t)));
      }
    }
    history.remove(history.size() - 1); // and the last day too: today is two days after the last point
    LocalDate today = Synthetic.START.plusDays(42);
    SeriesVerdict verdict = detector.judge(history, today, 273).orElseThrow();
    // a day missing inside the two initial cycles unbalances the season in the initial trend a little;
    // the filter has corrected nearly all of it four weeks later
    assertThat((verdict.expectedLow() + verdict.expectedHigh()) / 2).isCloseTo(273.06, within(0.01));
    assertThat(verdict.anomalous()).isFalse();
  }

  @Test
  void coldStartBelowTwoCycles() {
    List<SeriesPoint> thirteen = Synthetic.weekly(13, 1000, 600, 500, 15, 1);
    assertThat(detector.judge(thirteen, Synthetic.next(thirteen), 1000)).isEmpty();
    List<SeriesPoint> fourteen = Synthetic.weekly(14, 1000, 600, 500, 15, 1);
    assertThat(detector.judge(fourteen, Synthetic.next(fourteen), 1000)).isPresent();
  }
}
