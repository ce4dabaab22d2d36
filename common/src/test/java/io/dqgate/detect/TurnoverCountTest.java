package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pizza place's order numbers, repeated over each order's pizzas: every day lists numbers no day listed
 * before, so its count of new values is the number of orders, which falls on every quiet day. The series and
 * the metric vector leave that count out; a column with a vocabulary (the pizza's size) keeps it.
 */
class TurnoverCountTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SIZES = List.of("S", "M", "L", "XL", "XXL");

  /** A stored value_proportions detail listing {@code values}, each with {@code each} rows. */
  private static String listed(List<String> values, int each) {
    ObjectNode detail = JSON.createObjectNode();
    detail.put("total", values.size() * each);
    detail.put("distinct", values.size());
    ArrayNode list = detail.putArray("values");
    values.forEach(v -> list.addObject().put("value", v).put("count", each).put("proportion", 1.0 / values.size()));
    detail.putObject("other").put("count", 0).put("proportion", 0.0);
    return detail.toString();
  }

  private static void day(List<MetricRecord> out, LocalDate day, int orders, int firstOrder) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      ids.add(String.valueOf(firstOrder + i));
    }
    out.add(SignatureDays.record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, 2 * orders,
        null));
    out.add(SignatureDays.record(day, Entity.COLUMN, "order_id", MetricNames.VALUE_PROPORTIONS, 0.5 / orders,
        listed(ids, 2)));
    out.add(SignatureDays.record(day, Entity.COLUMN, "order_id", MetricNames.NEW_VALUE_COUNT, orders, null));
    out.add(SignatureDays.record(day, Entity.COLUMN, "size", MetricNames.VALUE_PROPORTIONS, 0.2,
        listed(SIZES, 2 * orders / SIZES.size())));
    out.add(SignatureDays.record(day, Entity.COLUMN, "size", MetricNames.NEW_VALUE_COUNT, 0, null));
  }

  @Test
  void theCountOfNewOrderNumbersIsNotJudgedButTheCountOfNewSizesIs() {
    List<MetricRecord> all = new ArrayList<>();
    int next = 1;
    for (int i = 0; i < 28; i++) {
      int orders = i % 7 >= 5 ? 35 : 60 + i % 3;
      day(all, SignatureDays.START.plusDays(i), orders, next);
      next += orders;
    }
    day(all, SignatureDays.START.plusDays(28), 10, next); // a quiet day: ten orders
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    MetricHistory history = SignatureDays.before(all);

    assertThat(Detection.judgedKeys(today, CalibrationTest.SPEC))
        .contains(MetricKey.column("order_id", MetricNames.NEW_VALUE_COUNT));
    assertThat(Detection.judgedKeys(today, CalibrationTest.SPEC, history))
        .doesNotContain(MetricKey.column("order_id", MetricNames.NEW_VALUE_COUNT))
        .contains(MetricKey.column("size", MetricNames.NEW_VALUE_COUNT));
    List<Scored> series = new SeriesJudge(CalibrationTest.SPEC).score(today.values().iterator().next()
        .partitionDate(), today, history);
    assertThat(series).extracting(Scored::key).doesNotContain("series:order_id.new_value_count")
        .contains("series:row_count");
  }
}
