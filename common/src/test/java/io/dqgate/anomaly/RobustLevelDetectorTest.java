package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustLevelDetectorTest {
  private final RobustLevelDetector detector = new RobustLevelDetector();

  private static List<SeriesPoint> series(double... values) {
    List<SeriesPoint> points = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new SeriesPoint(Synthetic.START.plusDays(i), values[i]));
    }
    return points;
  }

  @Test
  void coldStartBelowSevenPoints() {
    List<SeriesPoint> six = series(10, 12, 11, 13, 9, 10);
    assertThat(detector.judge(six, Synthetic.next(six), 11)).isEmpty();
    assertThat(detector.judge(List.of(), Synthetic.START, 11)).isEmpty();
  }

  @Test
  void bandIsMedianPlusMinusFourPredictiveRobustSd() {
    List<SeriesPoint> history = series(10, 12, 11, 13, 9, 10, 11);
    // median 11; |deviations| 1,1,0,2,2,1,0 → MAD 1. σ = 1.4826 · 7/6.2 (small-sample MAD correction)
    // · √(1 + π/14) (uncertainty of the median itself) = 1.85222
    double sigma = 1.4826 * 7 / 6.2 * Math.sqrt(1 + Math.PI / 14);
    assertThat(sigma).isCloseTo(1.85222, within(1e-5));

    SeriesVerdict normal = detector.judge(history, Synthetic.next(history), 17).orElseThrow();
    assertThat(normal.anomalous()).isFalse();
    assertThat(normal.expectedLow()).isCloseTo(11 - 4 * sigma, within(1e-9));
    assertThat(normal.expectedHigh()).isCloseTo(11 + 4 * sigma, within(1e-9));
    assertThat(normal.score()).isCloseTo(6 / sigma, within(1e-9));
    assertThat(normal.method()).isEqualTo("robust-mad");

    SeriesVerdict high = detector.judge(history, Synthetic.next(history), 20).orElseThrow();
    assertThat(high.anomalous()).isTrue();
    assertThat(high.score()).isCloseTo(4.8590, within(1e-4));
    assertThat(high.explanation()).isEqualTo("anomalous: 20 is 4.9 robust sd above the expected 11"
        + " (median of the last 7 points; band 3.59113..18.4089)");
  }

  @Test
  void onlyTheTrailingWindowCounts() {
    List<SeriesPoint> shifted = new ArrayList<>();
    for (int i = 0; i < 58; i++) {
      shifted.add(new SeriesPoint(Synthetic.START.plusDays(i), i < 30 ? 500 : 800));
    }
    // the last 28 points are all 800: the old level 500 is out of the window
    SeriesVerdict verdict = detector.judge(shifted, Synthetic.next(shifted), 800).orElseThrow();
    assertThat(verdict.anomalous()).isFalse();
    assertThat(verdict.expectedLow()).isCloseTo(800 - 4 * 0.005 * 800, within(1e-9));
  }

  @Test
  void constantSeriesIgnoresRoundingButNotJumps() {
    List<SeriesPoint> history = Synthetic.constant(28, 10_000);
    LocalDate today = Synthetic.next(history);
    // MAD = 0: the relative floor 0.5 % of 10 000 = 50 is the spread, so the band is ±200
    SeriesVerdict wiggle = detector.judge(history, today, 10_001).orElseThrow();
    assertThat(wiggle.anomalous()).isFalse();
    assertThat(wiggle.expectedLow()).isEqualTo(9_800);
    assertThat(wiggle.expectedHigh()).isEqualTo(10_200);
    SeriesVerdict jump = detector.judge(history, today, 11_000).orElseThrow();
    assertThat(jump.anomalous()).isTrue();
    assertThat(jump.score()).isCloseTo(20.0, within(1e-9));
  }

  @Test
  void zeroSeriesUsesTheAbsoluteFloor() {
    List<SeriesPoint> history = Synthetic.constant(28, 0);
    LocalDate today = Synthetic.next(history);
    assertThat(detector.judge(history, today, 3e-6).orElseThrow().anomalous()).isFalse();
    SeriesVerdict firstNulls = detector.judge(history, today, 0.001).orElseThrow();
    assertThat(firstNulls.anomalous()).isTrue();
    assertThat(firstNulls.score()).isCloseTo(1000.0, within(1e-6));
  }

  @Test
  void pastIncidentsDoNotWidenTheBand() {
    List<SeriesPoint> history = new ArrayList<>(Synthetic.gaussian(28, 100, 1, 7));
    for (int i : new int[] {5, 12, 20}) {
      history.set(i, new SeriesPoint(history.get(i).date(), 1_000)); // three bad days left in
    }
    LocalDate today = Synthetic.next(history);
    SeriesVerdict verdict = detector.judge(history, today, 100.5).orElseThrow();
    assertThat(verdict.anomalous()).isFalse();
    // 25 clean points with sd 1 give a band ~8.5 wide; three outliers nudge the MAD to 12.07 — the
    // sample standard deviation (≈ 300) would have made it ~2 400 wide
    assertThat(verdict.expectedHigh() - verdict.expectedLow()).isCloseTo(12.07, within(0.01));
    assertThat(detector.judge(history, today, 110).orElseThrow().anomalous()).isTrue();
  }

  @Test
  void missingObservationIsAnomalous() {
    List<SeriesPoint> history = Synthetic.gaussian(10, 100, 1, 3);
    SeriesVerdict verdict = detector.judge(history, Synthetic.next(history), Double.NaN).orElseThrow();
    assertThat(verdict.anomalous()).isTrue();
    assertThat(verdict.score()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertThat(RobustStats.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(RobustStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(RobustStats.median(new double[] {5, 5, 5, 1, 9, 5})).isEqualTo(5);
    double[] sorted = new double[101];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i;
    }
    assertThat(RobustStats.median(sorted)).isEqualTo(50);
  }
}
