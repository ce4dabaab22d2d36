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
 * A bad-data counter that fell is better data: a flights feed whose baseline holds days of many cancelled
 * flights (their departure times empty) sees an ordinary day's few nulls far below its band, and warns at most;
 * the same counter far above its band, and the row count far below its own, still block.
 */
class FallingCounterTest {
  private static final LocalDate START = LocalDate.of(2025, 1, 1);

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return new MetricRecord("flights", day, "r", Instant.EPOCH, entity, instance, metric, value, null);
  }

  /** Fourteen clean days with 30 % to 33 % of departure times empty, then a day with {@code nulls} and {@code rows}. */
  private static List<Scored> judged(double nulls, double rows) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      LocalDate day = START.plusDays(i);
      records.add(record(day, Entity.COLUMN, "dep_time", MetricNames.NULL_FRACTION, 0.30 + 0.002 * (i % 7)));
      records.add(record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, 500 + i % 3));
    }
    LocalDate day = START.plusDays(14);
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    for (MetricRecord m : List.of(record(day, Entity.COLUMN, "dep_time", MetricNames.NULL_FRACTION, nulls),
        record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, rows))) {
      today.put(m.key(), m);
    }
    return new SeriesJudge(CalibrationTest.SPEC).score(day, today, new MetricHistory(records));
  }

  private static Scored of(List<Scored> scores, String key) {
    return scores.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void fewerNullsWarnAtMost() {
    Scored nulls = of(judged(0.01, 501), "series:dep_time.null_fraction");
    assertThat(nulls.fixedAlarm()).isTrue();
    assertThat(nulls.finding().severity()).isEqualTo(Severity.WARN);
    assertThat(nulls.blockSeverity()).isEqualTo("series");
    assertThat(nulls.finding().cause()).isEqualTo("distribution-shift");
  }

  @Test
  void moreNullsAndFewerRowsStillBlock() {
    Scored nulls = of(judged(0.70, 501), "series:dep_time.null_fraction");
    assertThat(nulls.finding().severity()).isEqualTo(Severity.BLOCK);
    Scored rows = of(judged(0.31, 120), "series:row_count");
    assertThat(rows.finding().severity()).isEqualTo(Severity.BLOCK);
  }
}
