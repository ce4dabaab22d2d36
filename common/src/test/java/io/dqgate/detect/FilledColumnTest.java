package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A column empty on every clean day that starts to hold values: a field the source began to fill. */
class FilledColumnTest {
  private static final Finding DISTINCT = new Finding("series", MetricNames.DISTINCT_COUNT_APPROX, "citation", null,
      0.01, 0, 0, 10_000, Severity.BLOCK, "citation.distinct_count 0.01, expected 0 .. 0");
  private static final Finding PRICE = new Finding("series", MetricNames.MEAN, "price", null, 40, 10, 20, 50,
      Severity.BLOCK, "price.mean 40, expected 10 .. 20");

  /** The citation column's share of nulls on each day, then today's. */
  private static List<Finding> judge(double[] nulls, double today) {
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= nulls.length; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      double share = i == nulls.length ? today : nulls[i];
      all.add(SignatureDays.record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, 150, null));
      all.add(SignatureDays.record(day, Entity.COLUMN, "citation", MetricNames.NULL_FRACTION, share, null));
      all.add(SignatureDays.record(day, Entity.COLUMN, "price", MetricNames.NULL_FRACTION, 0, null));
    }
    return FilledColumn.soften(List.of(DISTINCT, PRICE), SignatureDays.lastDay(all), SignatureDays.before(all));
  }

  private static double[] days(int empty, int filled) {
    double[] out = new double[empty + filled];
    for (int i = 0; i < out.length; i++) {
      out[i] = i < empty ? 1.0 : 0.3;
    }
    return out;
  }

  @Test
  void aColumnEmptyOnEveryCleanDayThatFillsWarnsInsteadOfBlocking() {
    List<Finding> out = judge(days(60, 0), 0.85);
    assertThat(out.get(0).severity()).isEqualTo(Severity.WARN);
    assertThat(out.get(0).message()).endsWith("— citation was empty on all 60 clean days before: its values are new,"
        + " not moved, and it warns until the days after confirm it filled");
    assertThat(out.get(1)).isEqualTo(PRICE);
  }

  @Test
  void onceAFilledDayIsInTheBaselinesItsFindingsAreInfoWhileTheEmptyDaysStillOutnumberTheFilled() {
    List<Finding> early = judge(days(60, 5), 0.3);
    assertThat(early.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(early.get(0).message()).contains("has been filled since " + SignatureDays.START.plusDays(60)
        + " (5 clean days so far)");
    assertThat(judge(days(60, 14), 0.3).get(0)).isEqualTo(DISTINCT);
  }

  @Test
  void aColumnThatHeldValuesBeforeOrIsStillEmptyIsJudgedAsItIs() {
    double[] emptiedAgain = days(40, 20);
    for (int i = 50; i < 60; i++) {
      emptiedAgain[i] = 1.0;
    }
    assertThat(judge(emptiedAgain, 0.3).get(0)).isEqualTo(DISTINCT);
    assertThat(judge(days(5, 0), 0.3).get(0)).isEqualTo(DISTINCT);
    assertThat(judge(days(60, 0), 1.0).get(0)).isEqualTo(DISTINCT);
  }

  @Test
  void theDistinctCountOfADayWithoutValuesIsNoPointOfItsSeries() {
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      boolean filled = i >= 20;
      all.add(SignatureDays.record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, 150, null));
      all.add(SignatureDays.record(day, Entity.COLUMN, "diameter", MetricNames.NULL_FRACTION, filled ? 0.05 : 1,
          null));
      all.add(SignatureDays.record(day, Entity.COLUMN, "diameter", MetricNames.DISTINCT_COUNT_APPROX,
          filled ? 10 + i % 3 : 0, null));
    }
    MetricHistory history = SignatureDays.before(all);
    MetricKey distinct = MetricKey.column("diameter", MetricNames.DISTINCT_COUNT_APPROX);
    assertThat(history.series(distinct, false)).hasSize(10)
        .allSatisfy(p -> assertThat(p.value()).isGreaterThanOrEqualTo(10));
    assertThat(Detection.judgedKeys(SignatureDays.lastDay(all), SignatureJudgeTest.SPEC, history)).contains(distinct);

    Map<MetricKey, MetricRecord> emptyToday = new HashMap<>(SignatureDays.lastDay(all));
    LocalDate today = SignatureDays.START.plusDays(30);
    emptyToday.put(MetricKey.column("diameter", MetricNames.NULL_FRACTION), SignatureDays.record(today,
        Entity.COLUMN, "diameter", MetricNames.NULL_FRACTION, 1, null));
    emptyToday.put(distinct, SignatureDays.record(today, Entity.COLUMN, "diameter",
        MetricNames.DISTINCT_COUNT_APPROX, 0, null));
    assertThat(Detection.judgedKeys(emptyToday, SignatureJudgeTest.SPEC, history))
        .as("no values today: the null share says it").doesNotContain(distinct)
        .contains(MetricKey.column("diameter", MetricNames.NULL_FRACTION));
  }
}
