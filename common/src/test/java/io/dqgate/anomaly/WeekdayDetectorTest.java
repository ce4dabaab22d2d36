package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weekdays ≈ 1000, Saturdays ≈ 600, Sundays ≈ 500, noise sd 15 (seed 42), starting on a Monday. */
class WeekdayDetectorTest {
  private static final List<SeriesPoint> FIVE_WEEKS = Synthetic.weekly(35, 1000, 600, 500, 15, 42);
  private final WeekdayDetector detector = new WeekdayDetector();

  /** 34 days: the next day is the fifth Sunday. */
  private static List<SeriesPoint> untilSaturday() {
    return FIVE_WEEKS.subList(0, 34);
  }

  @Test
  void normalSundayIsNormal() {
    List<SeriesPoint> history = untilSaturday();
    LocalDate sunday = Synthetic.next(history);
    assertThat(sunday.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    SeriesVerdict verdict = detector.judge(history, sunday, 505).orElseThrow();
    assertThat(verdict.anomalous()).isFalse();
    assertThat(verdict.method()).isEqualTo("weekday-mad");
    assertThat((verdict.expectedLow() + verdict.expectedHigh()) / 2).isCloseTo(492.759, within(1e-3));
    assertThat(verdict.score()).isCloseTo(0.548, within(1e-3));
    assertThat(verdict.explanation()).contains("median of the last 4 sundays");
  }

  @Test
  void levelDetectorWouldAlarmOnTheSameNormalSunday() {
    // why the weekday detector exists: five weekdays dominate the plain median
    List<SeriesPoint> history = untilSaturday();
    SeriesVerdict verdict =
        new RobustLevelDetector().judge(history, Synthetic.next(history), 505).orElseThrow();
    assertThat(verdict.anomalous()).isTrue();
    assertThat(verdict.score()).isCloseTo(15.68, within(0.01));
  }

  @Test
  void sundayThatLooksLikeAMondayAlarms() {
    List<SeriesPoint> history = untilSaturday();
    SeriesVerdict verdict = detector.judge(history, Synthetic.next(history), 1000).orElseThrow();
    assertThat(verdict.anomalous()).isTrue();
    assertThat(verdict.score()).isCloseTo(22.69, within(0.01));
    assertThat(verdict.expectedHigh()).isCloseTo(582.17, within(0.01));
    // while the level detector finds a Monday-like value perfectly normal
    assertThat(new RobustLevelDetector().judge(history, Synthetic.next(history), 1000).orElseThrow()
        .anomalous()).isFalse();
  }

  @Test
  void halvedWednesdayAlarmsAndANormalOneDoesNot() {
    List<SeriesPoint> history = FIVE_WEEKS.subList(0, 30);
    LocalDate wednesday = Synthetic.next(history);
    assertThat(wednesday.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
    SeriesVerdict normal = detector.judge(history, wednesday, 1010).orElseThrow();
    assertThat(normal.anomalous()).isFalse();
    SeriesVerdict halved = detector.judge(history, wednesday, 500).orElseThrow();
    assertThat(halved.anomalous()).isTrue();
    assertThat(halved.score()).isCloseTo(26.67, within(0.01));
    assertThat(halved.explanation()).startsWith("anomalous: 500 is 26.7 robust sd below the expected 1007.47");
  }

  @Test
  void oneBadSundayInTheHistoryDoesNotMoveTheBand() {
    List<SeriesPoint> history = new ArrayList<>(untilSaturday());
    LocalDate sunday = Synthetic.next(history);
    SeriesVerdict clean = detector.judge(history, sunday, 505).orElseThrow();
    history.set(13, new SeriesPoint(history.get(13).date(), 1500)); // the second Sunday was an incident
    assertThat(history.get(13).date().getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    SeriesVerdict dirty = detector.judge(history, sunday, 505).orElseThrow();
    assertThat(dirty.anomalous()).isFalse();
    // the median of four Sundays moves to the mean of the two middle ones, the band barely widens
    assertThat(dirty.expectedHigh() - dirty.expectedLow())
        .isCloseTo(clean.expectedHigh() - clean.expectedLow(), within(25.0));
    assertThat(detector.judge(history, sunday, 1000).orElseThrow().anomalous()).isTrue();
  }

  @Test
  void coldStartUntilTwoWeeksWithTwoOfTodaysWeekday() {
    List<SeriesPoint> thirteen = FIVE_WEEKS.subList(0, 13);
    assertThat(detector.judge(thirteen, Synthetic.next(thirteen), 500)).isEmpty();
    // 19 points over three weeks, but the first Sunday is missing: one Sunday is no reference
    List<SeriesPoint> oneSunday = new ArrayList<>(FIVE_WEEKS.subList(0, 20));
    oneSunday.remove(6);
    LocalDate sunday = LocalDate.of(2024, 1, 21);
    assertThat(oneSunday.stream().filter(p -> p.date().getDayOfWeek() == DayOfWeek.SUNDAY)).hasSize(1);
    assertThat(detector.judge(oneSunday, sunday, 500)).isEmpty();
    List<SeriesPoint> fourteen = FIVE_WEEKS.subList(0, 14);
    assertThat(detector.judge(fourteen, Synthetic.next(fourteen), 1000)).isPresent();
  }
}
