package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A minimum that rose, or a maximum that fell, into the range the clean days held is a tail missing from the
 * day (a week of ratings whose few users left out the low identifiers), not a value out of range: it warns at
 * most, as a distribution shift. The same jump past the clean days' range, and a maximum past every clean
 * maximum, still block as out of range.
 */
class InwardExtremeTest {
  private static final LocalDate START = LocalDate.of(2025, 1, 1);

  private static MetricRecord record(LocalDate day, String metric, double value) {
    return new MetricRecord("ratings", day, "r", Instant.EPOCH, Entity.COLUMN, "user_id", metric, value, null);
  }

  /** 28 clean days whose least user id is 28 to 32 and greatest 640 to 660, then a day of {@code min}, {@code max}. */
  private static List<Scored> judged(double min, double max) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      LocalDate day = START.plusDays(i);
      records.add(record(day, MetricNames.MIN, 28 + i % 5));
      records.add(record(day, MetricNames.MAX, 640 + 5 * (i % 5)));
    }
    LocalDate day = START.plusDays(28);
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    for (MetricRecord m : List.of(record(day, MetricNames.MIN, min), record(day, MetricNames.MAX, max))) {
      today.put(m.key(), m);
    }
    return new SeriesJudge(CalibrationTest.SPEC).score(day, today, new MetricHistory(records));
  }

  private static Scored of(List<Scored> scores, String key) {
    return scores.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void aMinimumRisenIntoTheCleanRangeIsAMissingTailAndWarnsAtMost() {
    Scored min = of(judged(360, 650), "series:user_id.min");
    assertThat(min.finding().score()).isGreaterThan(SeriesJudge.DISTRIBUTION_BLOCK_SCORE);
    assertThat(min.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(min.finding().cause()).isEqualTo("distribution-shift");
    assertThat(min.finding().message()).contains("a tail of the column is missing today");
  }

  @Test
  void aMaximumFallenIntoTheCleanRangeWarnsAtMost() {
    Scored max = of(judged(30, 100), "series:user_id.max");
    assertThat(max.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(max.finding().cause()).isEqualTo("distribution-shift");
  }

  @Test
  void aMinimumRisenPastEveryCleanMaximumAndAMaximumPastTheRangeBlockAsOutOfRange() {
    Scored min = of(judged(30000, 65000), "series:user_id.min");
    assertThat(min.finding().severity()).isEqualTo(Severity.BLOCK);
    assertThat(min.finding().cause()).isEqualTo("out-of-range");
    Scored max = of(judged(30, 65000), "series:user_id.max");
    assertThat(max.finding().severity()).isEqualTo(Severity.BLOCK);
    assertThat(max.finding().cause()).isEqualTo("out-of-range");
  }
}
