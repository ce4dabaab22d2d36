package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.anomaly.LeaveOneOut;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fixed rule's alarm on a column whose clean days move as much among themselves is the column's own
 * spread (a drift of its mix, a heavy-tailed standard deviation); a move past it is not.
 */
class OwnSpreadTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final int ROWS = 1000;

  /** A day's channel mix: app's share as given, the rest split between web and phone. */
  static MetricRecord channel(LocalDate day, double app) {
    long apps = Math.round(ROWS * app);
    long web = (ROWS - apps) * 2 / 3;
    String detail = String.format(java.util.Locale.ROOT,
        "{\"values\":[{\"value\":\"app\",\"count\":%d},{\"value\":\"web\",\"count\":%d},"
            + "{\"value\":\"phone\",\"count\":%d}],\"total\":%d}", apps, web, ROWS - apps - web, ROWS);
    return new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.COLUMN, "channel",
        MetricNames.VALUE_PROPORTIONS, ROWS, detail);
  }

  /** Ten clean days whose app share wanders between 10 % and 40 % (a promotion some days, none others). */
  private static MetricHistory wandering() {
    Random random = new Random(7);
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      LocalDate day = START.plusDays(i);
      records.add(channel(day, 0.10 + 0.30 * random.nextDouble()));
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, ROWS, null));
    }
    return new MetricHistory(records);
  }

  private static Scored judged(double app) {
    LocalDate day = START.plusDays(10);
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    MetricRecord m = channel(day, app);
    today.put(m.key(), m);
    List<Scored> scores = new DriftJudge(CalibrationTest.SPEC).againstHistory(day, today, wandering());
    assertThat(scores).hasSize(1);
    return scores.get(0);
  }

  @Test
  void aMixInsideTheColumnsOwnWanderingIsItsSpread() {
    Scored s = judged(0.45);
    assertThat(s.fixedAlarm()).as("the fixed thresholds alone would warn").isTrue();
    assertThat(s.withinOwnSpread().getAsBoolean()).isTrue();
  }

  @Test
  void aMixFarPastItIsNot() {
    Scored s = judged(0.85);
    assertThat(s.fixedAlarm()).isTrue();
    assertThat(s.withinOwnSpread().getAsBoolean()).isFalse();
  }

  /** Twelve clean days of a heavy-tailed column's standard deviation: mostly 30–40, one day at 95. */
  private static Scored stddev(double today) {
    double[] values = {31, 36, 33, 95, 38, 30, 35, 34, 37, 32, 39, 33};
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      LocalDate day = START.plusDays(i);
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.COLUMN, "price", MetricNames.STDDEV,
          values[i], null));
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, ROWS, null));
    }
    LocalDate day = START.plusDays(values.length);
    Map<MetricKey, MetricRecord> sameDay = new LinkedHashMap<>();
    MetricRecord m = new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.COLUMN, "price", MetricNames.STDDEV,
        today, null);
    sameDay.put(m.key(), m);
    return new SeriesJudge(CalibrationTest.SPEC).score(day, sameDay, new MetricHistory(records)).stream()
        .filter(s -> s.key().equals("series:price.stddev")).findFirst().orElseThrow();
  }

  @Test
  void aStandardDeviationAsHighAsACleanDayBeforeIsItsSpread() {
    Scored s = stddev(90);
    assertThat(s.fixedAlarm()).as("the fixed threshold alone would warn").isTrue();
    assertThat(s.withinOwnSpread().getAsBoolean()).isTrue();
  }

  @Test
  void aStandardDeviationFarPastEveryCleanDayIsNot() {
    Scored s = stddev(300);
    assertThat(s.fixedAlarm()).isTrue();
    assertThat(s.withinOwnSpread().getAsBoolean()).isFalse();
  }

  @Test
  void tooFewDaysSayNothing() {
    assertThat(LeaveOneOut.highest(LeaveOneOut.MIN_DAYS - 1, i -> 1.0)).isNaN();
    assertThat(LeaveOneOut.withinOwnSpread(1.0, Double.NaN)).isFalse();
    assertThat(LeaveOneOut.highest(6, i -> i == 2 ? Double.NaN : i)).isEqualTo(5.0);
    assertThat(LeaveOneOut.withinOwnSpread(7.5, 5.0)).isTrue();
    assertThat(LeaveOneOut.withinOwnSpread(7.6, 5.0)).isFalse();
  }
}
