package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarDayTest {
  private static final Finding SUNDAY_MIX = new Finding(DriftJudge.CALENDAR, "value_proportions", "channel", null,
      1.9, Double.NaN, Double.NaN, 0.4, Severity.INFO, "distribution of channel moved against the last 4 clean "
          + "Tuesdays, not against the last 4 clean Sundays: a calendar effect such as a holiday");
  private static final Finding DELIVERY = new Finding("series", "stddev", "delivery_days", null, 4.9, 1.1, 3.7, 11.6,
      Severity.WARN, "delivery_days.stddev = 4.928, expected 1.128 .. 3.716");
  private static final Finding FILE_VOLUME = new Finding("files", "volume", null, null, 9280, Double.NaN,
      Double.NaN, Double.NaN, Severity.WARN, "total_bytes 9280 vs Tuesday median 35884 (-74%)");
  private static final Finding RATING = new Finding("signature", "null_fraction", "rating", null, 0.35, 0.02, 0.09,
      2.9, Severity.WARN, "rating.null_fraction: 35.2% nulls");

  @Test
  void aHolidayAtASundaysVolumeWithASundaysMixPassesWithItsWarningsAsInfo() {
    List<Finding> out = CalendarDay.soften(List.of(DELIVERY, FILE_VOLUME, SUNDAY_MIX), true, Set.of());

    assertThat(out).extracting(Finding::severity).containsOnly(Severity.INFO);
    assertThat(out.get(0).detector()).isEqualTo(CalendarDay.DETECTOR);
    assertThat(out.get(0).metric()).isEqualTo("series:stddev");
    assertThat(out.get(0).column()).isEqualTo("delivery_days");
    assertThat(out.get(0).message()).isEqualTo("delivery_days.stddev = 4.928, expected 1.128 .. 3.716 — on a day at "
        + "another weekday's volume with that weekday's mix in channel: a calendar effect such as a holiday, not news");
    assertThat(out.get(1).metric()).isEqualTo("files:volume");
    assertThat(out.get(2)).isEqualTo(SUNDAY_MIX);
    assertThat(Recurrence.softened(out.get(0))).isTrue();
  }

  @Test
  void aLeaningColumnIsThatWeekdaysMixToo() {
    List<Finding> out = CalendarDay.soften(List.of(DELIVERY, FILE_VOLUME), true, Set.of("distance"));
    assertThat(out.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(0).message()).contains("that weekday's mix in distance:");
  }

  @Test
  void aVolumeWarningSoftenedAsARepeatMovedTheVolumeAllTheSame() {
    Finding repeat = new Finding(Recurrence.DETECTOR, "files:volume", null, null, 9280, Double.NaN, Double.NaN,
        Double.NaN, Severity.INFO, "total_bytes 9280 vs Tuesday median 35884 (-74%) — as on 2026-02-03");
    List<Finding> out = CalendarDay.soften(List.of(DELIVERY, repeat, SUNDAY_MIX), true, Set.of());
    assertThat(out.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(1)).isEqualTo(repeat);
  }

  @Test
  void signaturesKeepTheirWarnings() {
    List<Finding> out = CalendarDay.soften(List.of(DELIVERY, RATING, FILE_VOLUME, SUNDAY_MIX), true, Set.of());
    assertThat(out.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(1)).isEqualTo(RATING);
  }

  @Test
  void aDayAtItsOwnWeekdaysVolumeOrWithItsVolumeQuietOrWithoutAnotherWeekdaysMixIsLeftAlone() {
    List<Finding> ownVolume = List.of(DELIVERY, FILE_VOLUME, SUNDAY_MIX);
    assertThat(CalendarDay.soften(ownVolume, false, Set.of("distance"))).isEqualTo(ownVolume);
    List<Finding> volumeQuiet = List.of(DELIVERY, SUNDAY_MIX);
    assertThat(CalendarDay.soften(volumeQuiet, true, Set.of("distance"))).isEqualTo(volumeQuiet);
    List<Finding> noMix = List.of(DELIVERY, FILE_VOLUME);
    assertThat(CalendarDay.soften(noMix, true, Set.of())).isEqualTo(noMix);
  }

  @Test
  void anythingThatBlocksKeepsEveryWarning() {
    List<Finding> blocked = new ArrayList<>(List.of(DELIVERY, FILE_VOLUME, SUNDAY_MIX));
    blocked.add(new Finding("signature", "duplicate_row_fraction", null, null, 0.07, 0, 0.008, 37, Severity.BLOCK,
        "duplicate_row_fraction: 7.6% duplicate rows"));
    assertThat(CalendarDay.soften(blocked, true, Set.of("distance"))).isEqualTo(blocked);
  }

  @Test
  void aCalendarDayStaysOutOfTheBaselinesOfWhatItWouldHaveWarnedOn() {
    java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 3);
    List<Finding> out = CalendarDay.soften(List.of(DELIVERY, FILE_VOLUME, SUNDAY_MIX), true, Set.of());
    io.dqgate.metrics.MetricRecord stored = Detection.verdictRecord(io.dqgate.vocabulary.Verdict.of("feed", day,
        out), "r", java.time.Instant.EPOCH);

    assertThat(stored.value()).as("the day passes").isEqualTo(io.dqgate.metrics.MetricNames.STATUS_PASS);
    assertThat(BaselinePolicy.outright(List.of(stored))).isEqualTo(BaselinePolicy.Standing.PENDING);
    assertThat(BaselinePolicy.warnedColumns(List.of(stored))).containsExactlyInAnyOrder("delivery_days",
        "(dataset):files");
  }

  @Test
  void onlyADayWithANaturalWarningIsWorthLookingAtForItsMix() {
    List<Finding> out = CalendarDay.soften(List.of(DELIVERY, FILE_VOLUME, SUNDAY_MIX), true, Set.of());
    assertThat(CalendarDay.anyNaturalWarning(List.of(DELIVERY))).isTrue();
    assertThat(CalendarDay.anyNaturalWarning(out)).isFalse();
    assertThat(CalendarDay.anyNaturalWarning(List.of(RATING))).isFalse();
  }
}
