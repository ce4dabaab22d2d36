package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LostSegmentTest {
  private static final Signal.Factory MAKE = new Signal.Factory(Severity.BLOCK);

  /** 28 clean days of {@code rows} rows with the given shares, then a day of {@code todayRows} rows without "Basel". */
  private static Optional<Finding> judge(int rows, double baselShare, int todayRows) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(day(rows, baselShare));
    }
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", (long) (todayRows * 0.6));
    today.put("Genève", todayRows - (long) (todayRows * 0.6));
    return CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0), clean, MAKE);
  }

  private static CategoricalDistribution day(int rows, double baselShare) {
    Map<String, Long> counts = new LinkedHashMap<>();
    long basel = Math.round(rows * baselShare);
    counts.put("Zürich", Math.round((rows - basel) * 0.6));
    counts.put("Genève", rows - basel - Math.round((rows - basel) * 0.6));
    counts.put("Basel", basel);
    return CategoricalDistribution.of(counts, 0);
  }

  @Test
  void aSteadySegmentGoneFromASmallDayIsLost() {
    // 6 % of 250 rows: 15 rows expected, absent by chance with probability 0.94^250 = 2e-7
    Finding f = judge(450, 0.06, 250).orElseThrow();
    assertThat(f.cause()).isEqualTo("volume");
    assertThat(f.message()).isEqualTo("city = \"Basel\" has no rows: a segment is missing (6.0% .. 6.0% of rows on "
        + "each of the last 28 clean days)");
  }

  @Test
  void aRareSegmentMissingFromAFewRowsIsChance() {
    // 3 % of 200 rows: absent by chance with probability 0.97^200 = 0.002, a thousand times too likely
    assertThat(judge(450, 0.03, 200)).isEmpty();
  }
}
