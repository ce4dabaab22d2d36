package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoSeriesDetectorTest {
  private final AutoSeriesDetector detector = new AutoSeriesDetector();

  private String method(List<SeriesPoint> history, double observed) {
    return detector.judge(history, Synthetic.next(history), observed).orElseThrow().method();
  }

  @Test
  void coldStartBelowSevenPoints() {
    for (int n = 0; n < 7; n++) {
      List<SeriesPoint> history = Synthetic.weekly(n, 1000, 600, 500, 15, 1);
      assertThat(detector.judge(history, Synthetic.START.plusDays(n), 1000)).as("%d points", n).isEmpty();
    }
  }

  @Test
  void methodFollowsHistoryLengthAndSeasonality() {
    assertThat(method(Synthetic.weekly(7, 1000, 600, 500, 15, 1), 1000)).isEqualTo("robust-mad");
    assertThat(method(Synthetic.weekly(13, 1000, 600, 500, 15, 1), 1000)).isEqualTo("robust-mad");
    assertThat(method(Synthetic.weekly(14, 1000, 600, 500, 15, 1), 1000)).isEqualTo("weekday-mad");
    assertThat(method(Synthetic.weekly(27, 1000, 600, 500, 15, 1), 1000)).isEqualTo("weekday-mad");
    assertThat(method(Synthetic.weekly(28, 1000, 600, 500, 15, 1), 1000)).isEqualTo("holt-winters");
    assertThat(method(Synthetic.weekly(365, 1000, 600, 500, 15, 1), 1000)).isEqualTo("holt-winters");
    assertThat(method(Synthetic.gaussian(60, 100, 5, 9), 100)).isEqualTo("robust-mad");
    assertThat(method(Synthetic.constant(60, 7), 7)).isEqualTo("robust-mad");
  }

  @Test
  void explanationSaysWhyTheMethodWasChosen() {
    List<SeriesPoint> seasonal = Synthetic.weekly(34, 1000, 600, 500, 15, 42);
    LocalDate sunday = Synthetic.next(seasonal);
    SeriesVerdict monday = detector.judge(seasonal, sunday, 1000).orElseThrow();
    assertThat(monday.anomalous()).isTrue();
    assertThat(monday.explanation()).startsWith(
        "weekly pattern: weekday explains 99% of variance (p=0.0); anomalous: 1000 is 26.1 robust sd above");

    List<SeriesPoint> noise = Synthetic.gaussian(60, 100, 5, 9);
    SeriesVerdict normal = detector.judge(noise, Synthetic.next(noise), 104).orElseThrow();
    assertThat(normal.anomalous()).isFalse();
    assertThat(normal.explanation()).startsWith(
        "no weekly pattern: weekday explains 5% of variance (p=0.86); normal: 104 is 1.0 robust sd above");

    List<SeriesPoint> shortHistory = Synthetic.gaussian(9, 100, 5, 9);
    assertThat(detector.judge(shortHistory, Synthetic.next(shortHistory), 100).orElseThrow().explanation())
        .startsWith("short history (9 points): normal:");
  }

  @Test
  void inTheSecondWeekAWeekendLikeTheFirstOnePassesButAWeekdayAtThatLevelDoesNot() {
    // 10 days: one weekend seen so far; the next weekend day comes at the first one's level.
    List<SeriesPoint> history = Synthetic.weekly(12, 1000, 600, 500, 15, 3);
    LocalDate today = Synthetic.next(history);
    SeriesPoint weekAgo = history.get(history.size() - 7);
    double sameLevel = Synthetic.weeklyLevel(today, 1000, 600, 500);
    assertThat(sameLevel).as("today is a weekend day").isLessThan(1000);

    SeriesVerdict weekend = detector.judge(history, today, sameLevel).orElseThrow();
    assertThat(weekend.anomalous()).isFalse();
    assertThat(weekend.method()).isEqualTo("robust-mad+same-weekday");
    assertThat(weekend.explanation()).startsWith("in line with " + today.getDayOfWeek().getDisplayName(
        java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " a week earlier (" + weekAgo.value() + ")");

    // The same drop on a weekday is still an anomaly: its weekday a week ago was at the weekday level.
    List<SeriesPoint> toWeekday = Synthetic.weekly(9, 1000, 600, 500, 15, 3);
    SeriesVerdict weekday = detector.judge(toWeekday, Synthetic.next(toWeekday), 550).orElseThrow();
    assertThat(Synthetic.weeklyLevel(Synthetic.next(toWeekday), 1000, 600, 500)).isEqualTo(1000);
    assertThat(weekday.anomalous()).isTrue();
    assertThat(weekday.method()).isEqualTo("robust-mad");
  }

  @Test
  void weeklySeasonalityShare() {
    List<SeriesPoint> seasonal = Synthetic.weekly(56, 1000, 600, 500, 15, 42);
    WeeklySeasonality season = WeeklySeasonality.measure(seasonal, Synthetic.next(seasonal), 56, 0.25, 0.01);
    assertThat(season.seasonal()).isTrue();
    assertThat(season.explainedShare()).isCloseTo(0.99, within(0.01));

    List<SeriesPoint> noise = Synthetic.gaussian(56, 100, 5, 9);
    WeeklySeasonality none = WeeklySeasonality.measure(noise, Synthetic.next(noise), 56, 0.25, 0.01);
    assertThat(none.seasonal()).isFalse();
    assertThat(none.pValue()).isGreaterThan(0.5);

    // a weak weekly effect (weekends 1.5 % down, noise sd 2 %) is too small to be worth modelling
    List<SeriesPoint> weak = Synthetic.weekly(56, 1000, 985, 985, 20, 4);
    WeeklySeasonality small = WeeklySeasonality.measure(weak, Synthetic.next(weak), 56, 0.25, 0.01);
    assertThat(small.explainedShare()).isLessThan(0.25);
    assertThat(small.seasonal()).isFalse();
  }

  @Test
  void aWeekdayWithOnePointLeftDoesNotHideTheWeeklyPattern() {
    // 20 days, the second Sunday left out of the baselines: Sundays have one point, Saturdays three
    List<SeriesPoint> history = new ArrayList<>(Synthetic.weekly(20, 1000, 600, 500, 15, 5));
    history.removeIf(p -> p.date().equals(Synthetic.START.plusDays(13)));
    assertThat(Synthetic.START.plusDays(13).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
    LocalDate saturday = Synthetic.START.plusDays(26);
    WeeklySeasonality season = WeeklySeasonality.measure(history, saturday, 56, 0.25, 0.05);
    assertThat(season.seasonal()).isTrue();
    assertThat(season.explainedShare()).isGreaterThan(0.9);
    SeriesVerdict verdict = detector.judge(history, saturday, Synthetic.weeklyLevel(saturday, 1000, 600, 500))
        .orElseThrow();
    assertThat(verdict.method()).isEqualTo("weekday-mad");
    assertThat(verdict.anomalous()).isFalse();

    // a weekday with no point at all is no group; the rest still shows the pattern
    history.removeIf(p -> p.date().getDayOfWeek() == java.time.DayOfWeek.SUNDAY);
    assertThat(WeeklySeasonality.measure(history, saturday, 56, 0.25, 0.05).seasonal()).isTrue();
    // and a flat series with one weekday of one point is no weekly pattern
    List<SeriesPoint> flat = new ArrayList<>(Synthetic.gaussian(20, 100, 5, 9));
    flat.removeIf(p -> p.date().equals(Synthetic.START.plusDays(13)) || p.date().equals(Synthetic.START.plusDays(6)));
    assertThat(WeeklySeasonality.measure(flat, Synthetic.next(flat), 56, 0.25, 0.05).seasonal()).isFalse();
  }

  @Test
  void oneHugeIncidentDoesNotHideTheWeeklyPattern() {
    List<SeriesPoint> seasonal = new ArrayList<>(Synthetic.weekly(56, 1000, 600, 500, 15, 42));
    seasonal.set(40, new SeriesPoint(seasonal.get(40).date(), 100_000));
    WeeklySeasonality season = WeeklySeasonality.measure(seasonal, Synthetic.next(seasonal), 56, 0.25, 0.01);
    assertThat(season.seasonal()).isTrue();
    assertThat(season.explainedShare()).isGreaterThan(0.9);
  }
}
