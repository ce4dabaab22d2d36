package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A second holiday that loses as much of its weekday's volume as a first one that warned and was not
 * rejected, with a column moving that moved then, is INFO on that column and on the volume; anything else
 * stays as it was.
 */
class RecurringEventTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  /** The first holiday, a Thursday: a quarter of the usual rows. */
  static final LocalDate HOLIDAY = START.plusDays(17);
  /** The day judged, a Monday. */
  static final LocalDate TODAY = START.plusDays(28);

  private static Finding rowsDown(double rows, Severity severity) {
    return new Finding("series", "row_count", null, null, rows, 900, 1100, 14, severity, "row_count = " + rows);
  }

  private static Finding drift(String column) {
    return new Finding("drift", "quantiles", column, null, 1.4, 0, 1, 1.4, Severity.WARN, column + " drift");
  }

  private static MetricRecord record(LocalDate day, String metric, double value, String detail) {
    return new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET, metric,
        value, detail);
  }

  /**
   * 28 days of about 1,000 rows; the first holiday kept 250 and warned on its volume and on the metric vector
   * led by delivery_days, with rating's series INFO.
   */
  private static MetricHistory history(MetricRecord... extra) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      LocalDate day = START.plusDays(i);
      boolean holiday = day.equals(HOLIDAY);
      records.add(record(day, MetricNames.ROW_COUNT, holiday ? 250 : 980 + 10 * (i % 5), null));
      List<Finding> found = holiday ? List.of(rowsDown(250, Severity.WARN),
          new Finding("pca", "t2_spe", "delivery_days", null, 80, 0, 60, 80, Severity.WARN, "metric vector"),
          new Finding("series", "null_fraction", "rating", null, 0.2, 0, 0.14, 6, Severity.INFO, "rating nulls"))
          : List.of();
      records.add(record(day, MetricNames.VERDICT_STATUS, holiday ? MetricNames.STATUS_WARN
          : MetricNames.STATUS_PASS, Verdict.of("feed", day, found).toJson()));
    }
    records.addAll(List.of(extra));
    return new MetricHistory(records);
  }

  @Test
  void aSecondHolidayWithTheSameLossAndColumnsIsInfoNamingTheFirst() {
    MetricHistory history = history();
    assertThat(history.pendingDays()).containsExactly(HOLIDAY);
    Finding signature = new Finding("signature", "null_fraction", "delivery_days", null, 0.3, 0, 0.05, 9,
        Severity.BLOCK, "nulls");
    List<Finding> today = List.of(drift("delivery_days"), drift("rating"), drift("city"), rowsDown(240,
        Severity.BLOCK), signature);

    List<Finding> out = RecurringEvent.soften(today, history, TODAY, 240,
        () -> Set.of(Calibration.identity(rowsDown(240, Severity.BLOCK))));

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.INFO, Severity.WARN,
        Severity.INFO, Severity.BLOCK);
    assertThat(out.get(0).detector()).isEqualTo(Recurrence.DETECTOR);
    assertThat(out.get(0).metric()).isEqualTo("drift:quantiles");
    assertThat(out.get(0).message()).isEqualTo("delivery_days drift — as on 2026-03-19, which changed the volume"
        + " as much (×0.25 of its weekday's clean level, today ×0.24), moved delivery_days too and was not"
        + " rejected: a recurring event such as a holiday, not news");
    assertThat(out.get(1).column()).as("an INFO finding of that day still says the column moved").isEqualTo("rating");
    assertThat(out.get(2)).as("a column that did not move then").isEqualTo(drift("city"));
    assertThat(out.get(3).message()).contains("moved the volume too");
    assertThat(out.get(4)).as("signatures are never softened").isEqualTo(signature);
  }

  @Test
  void aBlockPastTheBudgetAnotherLossOrARejectedHolidayChangeNothing() {
    List<Finding> today = List.of(drift("delivery_days"), rowsDown(240, Severity.BLOCK));
    assertThat(RecurringEvent.soften(today, history(), TODAY, 240, Set::of).get(1))
        .as("a volume block the budget finds rare").isEqualTo(rowsDown(240, Severity.BLOCK));
    assertThat(RecurringEvent.soften(today, history(), TODAY, 600, Set::of))
        .as("four tenths of the weekday's rows against a quarter").isEqualTo(today);
    assertThat(RecurringEvent.soften(today, history(), TODAY, 990, Set::of))
        .as("a day inside its weekday's range is no event").isEqualTo(today);
    assertThat(RecurringEvent.soften(today, history(), TODAY, 4000, Set::of))
        .as("four times the rows is the other direction").isEqualTo(today);

    MetricRecord rejected = record(HOLIDAY, MetricNames.LABEL, MetricNames.LABEL_REJECTED, null);
    assertThat(RecurringEvent.soften(today, history(rejected), TODAY, 240, Set::of)).isEqualTo(today);
  }

  @Test
  void theChangeIsAgainstTheSameWeekdaysCleanDays() {
    MetricHistory history = history();
    assertThat(Math.exp(Recurrence.weekdayChange(250, HOLIDAY, history))).isBetween(0.24, 0.26);
    assertThat(Recurrence.weekdayChange(1000, TODAY, history)).isNaN();
    assertThat(Recurrence.weekdayChange(1030, TODAY, history))
        .as("past the weekday's range by 1 %: a change any ordinary day could match").isNaN();
    assertThat(Recurrence.weekdayChange(700, TODAY, history)).isLessThan(-Math.log(Recurrence.SAME_LEVEL));
  }
}
