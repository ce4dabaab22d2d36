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
  void aVolumeDropThatLeavesTheColumnsAloneStillBlocks() {
    List<Finding> lostFiles = List.of(ROWS, warn("series", "stddev", "delivery_days"),
        warn("series", "distinct_count_approx", "score"), warn("pca", "t2_spe", null));
    assertThat(BroadShift.soften(lostFiles)).isEqualTo(lostFiles);
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

    List<Finding> out = BroadShift.soften(holiday, withVector);

    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).endsWith("with 4 columns moving at once (amount, delivery_days, rating, score)"
        + " and no sign of broken data: a broad shift such as a holiday, warned, not blocked");
    List<Finding> vectorQuiet = List.of(ROWS, warn("signature", "null_fraction", "rating"));
    assertThat(BroadShift.soften(vectorQuiet, withVector)).isEqualTo(vectorQuiet);
  }
}
