package io.dqgate.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DqgateConfig;
import io.dqgate.config.FilesSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Volume against the same weekday's history, and against the swings that history makes on its own. */
class VolumeCheckTest {
  private static final FilesSpec SPEC = DqgateConfig.load(null, Map.of("datasets.feed.source.path", "/unused"))
      .dataset("feed").files();
  private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);

  /** Total rows of the Fridays before {@link #FRIDAY}, oldest first. */
  private static List<FileFinding> check(double today, double... fridays) {
    List<MetricRecord> history = new ArrayList<>();
    for (int i = 0; i < fridays.length; i++) {
      LocalDate day = FRIDAY.minusWeeks(fridays.length - i);
      history.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, "*", "total_rows",
          fridays[i], null));
    }
    return VolumeCheck.check(FRIDAY, Map.of("total_rows", today), history, SPEC);
  }

  @Test
  void aRiseAsLargeAsTheFeedsOwnSwingsPasses() {
    // one earlier Friday was 55 % above the others' median of 1000: a rise of 58 % is within half as much again
    assertThat(check(1580, 1000, 980, 1550, 1020, 990, 1010)).isEmpty();
  }

  @Test
  void aRiseFarPastThemWarns() {
    List<FileFinding> found = check(2500, 1000, 980, 1550, 1020, 990, 1010);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).isEqualTo("total_rows 2500 vs Friday median 1005 (+149%)");
  }

  @Test
  void swingsTheOtherWayExcuseNothing() {
    // the history only ever rose: a drop of 55 % is not its own spread
    List<FileFinding> found = check(450, 1000, 980, 1550, 1020, 990, 1010);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).isEqualTo("total_rows 450 vs Friday median 1005 (-55%)");
  }

  @Test
  void fewerThanFiveDaysSayNothingOfTheirSpread() {
    assertThat(VolumeCheck.withinOwnSpread(0.58, List.of(new double[] {1000, 1550, 990, 1010}))).isFalse();
  }

  /** Three weeks of every weekday before {@link #FRIDAY}: weekdays about 1000 rows, weekends about 500. */
  private static List<MetricRecord> threeWeeks(LocalDate swingDay, double swing) {
    List<MetricRecord> history = new ArrayList<>();
    double[] wiggle = {0.98, 1.0, 1.02};
    for (int i = 21; i >= 1; i--) {
      LocalDate day = FRIDAY.minusDays(i);
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      double rows = (weekend ? 500 : 1000) * wiggle[i % 3] * (day.equals(swingDay) ? swing : 1);
      history.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, "*", "total_rows", rows, null));
    }
    return history;
  }

  @Test
  void threeWeeksOfEveryWeekdaySayHowMuchTheFeedSwings() {
    LocalDate saturday = FRIDAY.plusDays(1);
    // a Tuesday two weeks ago rose 55 % over the other Tuesdays: a Saturday 58 % over its median is ordinary
    List<MetricRecord> history = threeWeeks(FRIDAY.minusDays(10), 1.55);
    assertThat(VolumeCheck.check(saturday, Map.of("total_rows", 790.0), history, SPEC)).isEmpty();
    List<FileFinding> far = VolumeCheck.check(saturday, Map.of("total_rows", 1250.0), history, SPEC);
    assertThat(far).extracting(FileFinding::message).containsExactly("total_rows 1250 vs Saturday median 500 (+150%)");
    assertThat(VolumeCheck.check(saturday, Map.of("total_rows", 790.0), threeWeeks(null, 1), SPEC))
        .as("without the swing").extracting(FileFinding::message)
        .containsExactly("total_rows 790 vs Saturday median 500 (+58%)");
  }
}
