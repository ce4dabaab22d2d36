package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bad-data counter that held a constant on every clean day and moved today: the metric vector reports the break
 * unless the counter has a judge of its own that knows the day's row count.
 */
class PcaConstantBreakTest {
  private static final String[] COLUMNS = {"speed", "height", "distance", "cost"};

  /** Thirty weeks of about sixty rows, no copied row and no malformed row on any, then today. */
  private static List<MetricRecord> weeks(double duplicateShare, double malformedRows) {
    Random random = new Random(11);
    List<MetricRecord> out = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      int rows = 55 + random.nextInt(12);
      boolean today = i == 30;
      out.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, rows, null));
      out.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.DUPLICATE_ROW_FRACTION,
          today ? duplicateShare : 0, null));
      out.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.MALFORMED_ROW_COUNT,
          today ? malformedRows : 0, null));
      for (String c : COLUMNS) {
        out.add(SignatureDays.record(day, Entity.COLUMN, c, MetricNames.MEAN, 100 + 5 * random.nextGaussian(), null));
        out.add(SignatureDays.record(day, Entity.COLUMN, c, MetricNames.STDDEV, 20 + random.nextGaussian(), null));
        out.add(SignatureDays.record(day, Entity.COLUMN, c, MetricNames.NULL_FRACTION,
            random.nextInt(4) / (double) rows, null));
      }
    }
    return out;
  }

  private static List<Scored> scores(double duplicateShare, double malformedRows) {
    List<MetricRecord> all = weeks(duplicateShare, malformedRows);
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    LocalDate date = today.values().iterator().next().partitionDate();
    return new PcaJudge(SignatureJudgeTest.SPEC).scores(date, today, SignatureDays.before(all));
  }

  @Test
  void oneCopiedRowInAWeekOfSixtyIsLeftToTheDuplicatesSignature() {
    // the vector's own score, within its limits, and no finding outside calibration
    assertThat(scores(1 / 64.0, 0)).singleElement().satisfies(s -> {
      assertThat(s.fixedAlarm()).isFalse();
      assertThat(s.finding().message()).doesNotContain("constant broken");
    });
    // its own judge: one copy in 64 rows, where no clean week had one, is within what so few rows allow
    List<MetricRecord> all = weeks(1 / 64.0, 0);
    List<Scored> own = FractionSignatures.score(SignatureDays.lastDay(all), SignatureDays.before(all),
        new Signal.Factory(io.dqgate.vocabulary.Severity.BLOCK), 365);
    assertThat(own).filteredOn(s -> s.finding().metric().equals(MetricNames.DUPLICATE_ROW_FRACTION))
        .singleElement().satisfies(s -> assertThat(s.fixedAlarm()).isFalse());
  }

  @Test
  void malformedRowsWhereNoCleanWeekHadOneAreABrokenConstant() {
    List<Scored> scored = scores(0, 3);
    assertThat(scored).hasSize(2).allSatisfy(s -> assertThat(s.finding().message())
        .endsWith("; constant broken: malformed_row_count 3 (always 0)"));
    assertThat(scored.get(1).key()).as("outside calibration").isNull();
  }
}
