package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantile-bin drift is not judged on a column of fewer levels than the stored grid has steps: there a
 * level's share moving past a grid point is a whole bin. A column of many levels is judged.
 */
class DiscreteDriftTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate START = LocalDate.of(2026, 3, 2);

  /** The quantiles of {@code rows} values spread evenly over {@code levels} levels, the first one heavier. */
  private static MetricRecord quantiles(LocalDate day, int levels, double firstShare) {
    int rows = 1000;
    double[] sorted = new double[rows];
    int first = (int) Math.round(rows * firstShare);
    for (int i = 0; i < rows; i++) {
      sorted[i] = i < first ? 1 : 2 + (int) ((long) (i - first) * (levels - 1) / (rows - first));
    }
    ObjectNode detail = JSON.createObjectNode();
    ArrayNode p = detail.putArray("probabilities");
    ArrayNode v = detail.putArray("values");
    for (int k = 0; k <= 20; k++) {
      p.add(k / 20.0);
      v.add(sorted[Math.max(0, Math.min(rows - 1, (int) Math.ceil(k / 20.0 * rows) - 1))]);
    }
    detail.put("count", rows);
    return new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.COLUMN, "c", MetricNames.QUANTILES, rows,
        detail.toString());
  }

  private static List<Scored> judged(int levels) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      LocalDate day = START.plusDays(i);
      records.add(quantiles(day, levels, 0.15 + 0.004 * (i % 5)));
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, 1000, null));
    }
    LocalDate today = START.plusDays(14);
    MetricRecord m = quantiles(today, levels, 0.25);
    return new DriftJudge(CalibrationTest.SPEC).againstHistory(today, Map.of(m.key(), m),
        new MetricHistory(records));
  }

  @Test
  void aSevenLevelColumnIsLeftToItsQuantilesInRank() {
    assertThat(judged(7)).isEmpty();
  }

  @Test
  void aColumnOfManyLevelsIsJudged() {
    List<Scored> scores = judged(200);
    assertThat(scores).hasSize(1);
    assertThat(scores.get(0).fixedAlarm()).isTrue();
  }
}
