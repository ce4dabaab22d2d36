package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BroadShiftTest {
  private static final Finding ROWS = new Finding("series", "row_count", null, null, 126, 374, 565, 14.4,
      Severity.BLOCK, "row_count = 126, expected 374 .. 565");

  private static Finding warn(String detector, String metric, String column) {
    return new Finding(detector, metric, column, null, 1, 0, 0.5, 6, Severity.WARN, column + "." + metric + " moved");
  }

  private static final List<Finding> HOLIDAY = List.of(ROWS, warn("drift", "value_proportions", "channel"),
      warn("series", "stddev", "delivery_days"), warn("series", "null_fraction", "rating"),
      warn("pca", "t2_spe", null));

  @Test
  void aVolumeDropWithThreeColumnsMovingAndNothingBrokenWarns() {
    List<Finding> out = BroadShift.soften(HOLIDAY);
    assertThat(out).hasSize(HOLIDAY.size());
    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).isEqualTo("row_count = 126, expected 374 .. 565 — with 3 columns moving at once"
        + " (channel, delivery_days, rating) and no sign of broken data: a broad shift such as a holiday, warned,"
        + " not blocked");
    assertThat(out.subList(1, out.size())).isEqualTo(HOLIDAY.subList(1, HOLIDAY.size()));
  }

  @Test
  void aMixThatIsAnotherWeekdaysCountsAsAColumnMoving() {
    Finding sundayMix = new Finding(DriftJudge.CALENDAR, "value_proportions", "channel", null, 1.9, Double.NaN,
        Double.NaN, 0.4, Severity.INFO, "distribution of channel moved against the last 4 clean Wednesdays, not "
            + "against the last 4 clean Sundays: a calendar effect such as a holiday");
    List<Finding> holiday = List.of(ROWS, sundayMix, warn("series", "stddev", "delivery_days"),
        warn("series", "distinct_count_approx", "score"));

    assertThat(BroadShift.soften(holiday).get(0).severity()).isEqualTo(Severity.WARN);
  }

  @Test
  void aVolumeAtAnotherWeekdaysLevelWithAColumnLeaningToItsMixWarns() {
    List<Finding> holiday = List.of(ROWS);

    List<Finding> out = BroadShift.soften(holiday, Set.of(), Set.of(), true, Set.of("distance"));
    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).endsWith("at another weekday's volume, with that weekday's mix in distance and "
        + "no sign of broken data: a calendar effect such as a holiday, warned, not blocked");
    assertThat(BroadShift.soften(holiday, Set.of(), Set.of(), true, Set.of())).isEqualTo(holiday);
    assertThat(BroadShift.soften(holiday, Set.of(), Set.of(), false, Set.of())).isEqualTo(holiday);
  }

  @Test
  void aVolumeDropThatLeavesTheColumnsAloneStillBlocks() {
    List<Finding> lostFiles = List.of(ROWS, warn("series", "stddev", "delivery_days"),
        warn("series", "distinct_count_approx", "score"), warn("pca", "t2_spe", null));
    assertThat(BroadShift.soften(lostFiles)).isEqualTo(lostFiles);
  }

  private static Finding volume(String metric, double observed, double low, double high) {
    return new Finding("series", metric, null, null, observed, low, high, 50, Severity.BLOCK,
        metric + " = " + observed);
  }

  @Test
  void moreRowsThanExpectedWithNothingBrokenWarns() {
    List<Finding> event = List.of(volume("total_bytes", 266782, 32116, 64778), volume("row_count", 4221, 560, 980),
        warn("series", "distinct_count_approx", "amount"));
    List<Finding> out = BroadShift.soften(event);
    assertThat(out).extracting(Finding::severity).containsExactly(Severity.WARN, Severity.WARN, Severity.WARN);
    assertThat(out.get(1).message()).isEqualTo("row_count = 4221.0 — more rows than expected, and no sign of broken "
        + "data blocks (copies of rows, rows of another day, new values): an event or a late delivery, warned, not "
        + "blocked");
    // copies of rows block on their own; bytes alone, or bytes up while rows fell, keep the volume's block
    List<Finding> copies = new ArrayList<>(event);
    copies.add(new Finding("signature", "duplicate_row_fraction", null, null, 0.5, 0, 0.01, 10, Severity.BLOCK,
        "duplicates"));
    assertThat(BroadShift.soften(copies)).isEqualTo(copies);
    List<Finding> bytes = List.of(volume("total_bytes", 266782, 32116, 64778));
    assertThat(BroadShift.soften(bytes)).isEqualTo(bytes);
    List<Finding> mixed = List.of(volume("total_bytes", 266782, 32116, 64778), volume("row_count", 4221, 560, 980),
        volume("total_rows", 120, 560, 980));
    assertThat(BroadShift.soften(mixed)).isEqualTo(mixed);
  }

  @Test
  void anythingElseThatBlocksKeepsTheVolumeBlock() {
    List<Finding> lostSegment = new ArrayList<>(HOLIDAY);
    lostSegment.add(new Finding("signature", "value_proportions", "city", null, 0, 0.2, 0.3, 10, Severity.BLOCK,
        "segment Basel lost"));
    assertThat(BroadShift.soften(lostSegment)).isEqualTo(lostSegment);
  }

  @Test
  void aDayWhoseVolumeOnlyWarnsIsLeftAsItIs() {
    List<Finding> quiet = new ArrayList<>(HOLIDAY);
    quiet.set(0, warn("series", "row_count", null));
    assertThat(BroadShift.soften(quiet)).isEqualTo(quiet);
  }

  @Test
  void theColumnsTheMetricVectorSawMoveCountWhenItWarns() {
    // a holiday Monday: its rating share tripled, and the vector's hit spread over deliveries, amounts, scores
    List<Finding> holiday = List.of(ROWS, warn("signature", "null_fraction", "rating"),
        warn("pca", "t2_spe", "delivery_days"));
    Set<String> withVector = Set.of("delivery_days", "amount", "score");

    List<Finding> out = BroadShift.soften(holiday, withVector, false);

    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).endsWith("with 4 columns moving at once (amount, delivery_days, rating, score)"
        + " and no sign of broken data: a broad shift such as a holiday, warned, not blocked");
    List<Finding> vectorQuiet = List.of(ROWS, warn("signature", "null_fraction", "rating"));
    assertThat(BroadShift.soften(vectorQuiet, withVector, false)).isEqualTo(vectorQuiet);
  }

  /** Four weeks of a flights feed: 380 flights a weekday, 250 on Saturdays, 330 on Sundays. */
  private static List<io.dqgate.anomaly.SeriesPoint> fourWeeks() {
    List<io.dqgate.anomaly.SeriesPoint> out = new ArrayList<>();
    java.time.LocalDate monday = java.time.LocalDate.of(2025, 1, 6);
    for (int i = 0; i < 28; i++) {
      java.time.LocalDate d = monday.plusDays(i);
      double rows = switch (d.getDayOfWeek()) {
        case SATURDAY -> 250 + i % 3;
        case SUNDAY -> 330 - i % 2;
        default -> 380 + i % 4;
      };
      out.add(new io.dqgate.anomaly.SeriesPoint(d, rows));
    }
    return out;
  }

  @Test
  void aWeekdayAtASaturdaysVolumeIsAtAnotherWeekdaysLevel() {
    java.time.LocalDate holiday = java.time.LocalDate.of(2025, 2, 3);
    assertThat(BroadShift.anotherWeekdaysVolume(holiday, 262, fourWeeks())).isTrue();
    assertThat(BroadShift.anotherWeekdaysVolume(holiday, 381, fourWeeks())).isFalse();
    assertThat(BroadShift.anotherWeekdaysVolume(holiday, 150, fourWeeks())).isFalse();
    assertThat(BroadShift.weekdayLevels(holiday, 262, fourWeeks())).containsExactly(java.time.DayOfWeek.SATURDAY);
  }

  @Test
  void aFirstHolidayUnderEveryWeekdaysVolumeInASaturdaysMixWarns() {
    java.time.LocalDate holiday = java.time.LocalDate.of(2025, 2, 4);
    assertThat(BroadShift.quieterWeekdays(holiday, 95, fourWeeks()))
        .containsExactlyInAnyOrder(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
    assertThat(BroadShift.quieterWeekdays(holiday, 262, fourWeeks())).as("at Saturday's level").isEmpty();
    assertThat(BroadShift.quieterWeekdays(holiday.plusDays(4), 95, fourWeeks())).as("a Saturday: none quieter")
        .isEmpty();

    Finding saturdayMix = new Finding(DriftJudge.CALENDAR, "value_proportions", "channel", null, 1.9, Double.NaN,
        Double.NaN, 0.4, Severity.INFO, "distribution of channel moved against the last 4 clean Tuesdays, not "
            + "against the last 4 clean Saturdays: a calendar effect such as a holiday");
    Finding rows = new Finding("series", "row_count", null, null, 95, 300, 460, 11.8, Severity.BLOCK,
        "row_count = 95, expected 300 .. 460");
    List<Finding> out = BroadShift.soften(List.of(rows, saturdayMix), Set.of(), Set.of(), false, true, Set.of());
    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).endsWith("under every weekday's volume, with a quieter weekday's mix in channel "
        + "and no sign of broken data: a calendar effect such as a first holiday, warned, not blocked");
    // rows lost from a Tuesday keep a Tuesday's mix: nothing leans, and it blocks
    assertThat(BroadShift.soften(List.of(rows), Set.of(), Set.of(), false, true, Set.of())).isEqualTo(List.of(rows));
    assertThat(BroadShift.soften(List.of(rows, saturdayMix), Set.of(), Set.of(), false, false, Set.of()))
        .isEqualTo(List.of(rows, saturdayMix));
  }

  @Test
  void inAFlatWeekNoWeekdayHasAnotherWeekdaysLevel() {
    // a Monday one row under its own range, inside other weekdays' ranges: they all share one level
    List<io.dqgate.anomaly.SeriesPoint> flat = new ArrayList<>();
    java.time.LocalDate first = java.time.LocalDate.of(2025, 1, 6);
    for (int i = 0; i < 28; i++) {
      flat.add(new io.dqgate.anomaly.SeriesPoint(first.plusDays(i), 374 + i % 5));
    }
    java.time.LocalDate monday = java.time.LocalDate.of(2025, 2, 3);
    assertThat(BroadShift.weekdayLevels(monday, 373, flat)).isEmpty();
  }

  @Test
  void aVolumeDropAtAnotherWeekdaysLevelWithThatWeekdaysMixWarns() {
    Finding saturdayMix = new Finding(DriftJudge.CALENDAR, "quantiles", "air_time", null, 1.9, Double.NaN,
        Double.NaN, 0.4, Severity.INFO, "distribution of air_time moved against the last 2 clean Mondays, not "
            + "against the last 3 clean Saturdays: a calendar effect such as a holiday");
    List<Finding> holiday = List.of(ROWS, saturdayMix);
    List<Finding> out = BroadShift.soften(holiday, Set.of(), true);
    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).endsWith("at another weekday's volume, with that weekday's mix in air_time and "
        + "no sign of broken data: a calendar effect such as a holiday, warned, not blocked");
    // at its own weekday's level, or with no column in another weekday's mix, it blocks
    assertThat(BroadShift.soften(holiday, Set.of(), false)).isEqualTo(holiday);
    assertThat(BroadShift.soften(List.of(ROWS), Set.of(), true)).isEqualTo(List.of(ROWS));
  }
}
