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
    assertThat(VolumeCheck.withinOwnSpread(0.58, new double[] {1000, 1550, 990, 1010})).isFalse();
  }
}
