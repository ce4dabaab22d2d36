package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A weekday whose mix is a weekend's (a holiday) has not drifted; a mix no weekday has, has. */
class CalendarDriftTest {
  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

  /** Four weeks: app 12 % of a weekday's orders, 65 % of a weekend's (a little either way by day). */
  private static MetricHistory fourWeeks() {
    return days(28, day -> day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
        ? 0.65 : 0.12);
  }

  /** {@code count} days from Monday of 1,000 rows, each its app share, a little either way by day. */
  private static MetricHistory days(int count, java.util.function.ToDoubleFunction<LocalDate> app) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate day = MONDAY.plusDays(i);
      records.add(OwnSpreadTest.channel(day, app.applyAsDouble(day) + 0.01 * (i % 3 - 1)));
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, 1000, null));
    }
    return new MetricHistory(records);
  }

  private static Scored tuesday(double app) {
    return judged(MONDAY.plusDays(29), app, fourWeeks());
  }

  /** The channel's one score on {@code day}, its app share {@code app}, against {@code history}. */
  private static Scored judged(LocalDate day, double app, MetricHistory history) {
    MetricRecord m = OwnSpreadTest.channel(day, app);
    List<Scored> scores = new DriftJudge(CalibrationTest.SPEC).againstHistory(day, Map.of(m.key(), m), history);
    assertThat(scores).hasSize(1);
    return scores.get(0);
  }

  @Test
  void aTuesdayWithASundaysMixHasNotDrifted() {
    Scored s = tuesday(0.66);

    assertThat(s.fixedAlarm()).isFalse();
    assertThat(s.score()).isLessThan(1);
    assertThat(s.finding().detector()).isEqualTo(DriftJudge.CALENDAR);
    assertThat(s.finding().severity()).isEqualTo(io.dqgate.vocabulary.Severity.INFO);
    assertThat(s.finding().message()).matches("distribution of channel moved against the last 4 clean Tuesdays, "
        + "not against the last \\d clean (Saturday|Sunday)s: a calendar effect such as a holiday");
  }

  @Test
  void aTuesdayWithAMixNoWeekdayHasDrifted() {
    Scored s = tuesday(0.92);

    assertThat(s.fixedAlarm()).isTrue();
    assertThat(s.finding().detector()).isEqualTo("drift");
    assertThat(s.score()).isGreaterThan(1);
  }

  @Test
  void anOrdinaryTuesdayHasNotDrifted() {
    assertThat(tuesday(0.12).fixedAlarm()).isFalse();
  }

  /**
   * Two weeks whose app share is 30 % on some weekdays and 70 % on the others, near 50 % together, and 12 % on
   * the two Tuesdays: two days of a weekday, no weekday's mix yet.
   */
  private static MetricHistory twoWeeksWithTwoLowTuesdays() {
    return days(14, day -> day.getDayOfWeek() == DayOfWeek.TUESDAY ? 0.12
        : day.getDayOfWeek().getValue() % 2 == 0 ? 0.3 : 0.7);
  }

  private static Scored thirdTuesday(double app) {
    return judged(MONDAY.plusDays(15), app, twoWeeksWithTwoLowTuesdays());
  }

  @Test
  void aDayAtTheTrailingDaysMixHasNotDriftedFromTwoDaysOfItsWeekday() {
    Scored s = thirdTuesday(0.5);

    assertThat(s.fixedAlarm()).isFalse();
    assertThat(s.score()).isLessThan(1);
  }

  @Test
  void aMixNeitherTheTrailingDaysNorTheTwoDaysOfItsWeekdayHadHasDrifted() {
    Scored s = thirdTuesday(0.95);

    assertThat(s.fixedAlarm()).isTrue();
    assertThat(s.score()).isGreaterThan(1);
  }

  private static java.util.Set<String> leaning(double app, boolean weekdayMix) {
    LocalDate tuesday = MONDAY.plusDays(29);
    MetricRecord m = OwnSpreadTest.channel(tuesday, app);
    MetricHistory history = weekdayMix ? fourWeeks() : sameMixEveryDay();
    return new DriftJudge(CalibrationTest.SPEC).leaningTo(tuesday, Map.of(m.key(), m), history,
        java.util.EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
  }

  /** Four weeks with the app share at 12 % on every day, a little either way by day. */
  private static MetricHistory sameMixEveryDay() {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      records.add(OwnSpreadTest.channel(MONDAY.plusDays(i), 0.12 + 0.01 * (i % 3 - 1)));
    }
    return new MetricHistory(records);
  }

  @Test
  void aTuesdayHalfWayToAWeekendsMixLeansToTheWeekend() {
    assertThat(leaning(0.35, true)).containsExactly("channel");
  }

  @Test
  void aTuesdayWithItsOwnMixLeansNowhere() {
    assertThat(leaning(0.12, true)).isEmpty();
    assertThat(leaning(0.13, true)).isEmpty();
  }

  @Test
  void aColumnTheWeekDoesNotMoveLeansNowhere() {
    assertThat(leaning(0.35, false)).isEmpty();
    assertThat(leaning(0.115, false)).isEmpty();
  }
}
