package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Distinct counts judged by the day's rows: an identifier grows one for one with them, prices drawn from a
 * catalogue of 1,500 grow slower as rows repeat them. Per row, the catalogue's distinct share would rise on
 * every weekend (fewer rows, fewer repeats); against rows raised to its own growth, it holds still.
 */
class DistinctGrowthTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final double CATALOGUE = 1500;
  private static final MetricKey ID = MetricKey.column("order_id", MetricNames.DISTINCT_COUNT_APPROX);
  private static final MetricKey PRICE = MetricKey.column("unit_price", MetricNames.DISTINCT_COUNT_APPROX);

  private static double rows(LocalDate day) {
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    return (weekend ? 450 : 1000) + 10 * (day.getDayOfMonth() % 5);
  }

  /** Expected distinct values among {@code n} draws from the catalogue. */
  private static double prices(double n) {
    return Math.round(CATALOGUE * (1 - Math.exp(-n / CATALOGUE)));
  }

  private static Map<MetricKey, MetricRecord> day(LocalDate day) {
    double n = rows(day);
    return Map.of(MetricKey.dataset(MetricNames.ROW_COUNT), record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, n),
        ID, record(day, Entity.COLUMN, "order_id", MetricNames.DISTINCT_COUNT_APPROX, n),
        PRICE, record(day, Entity.COLUMN, "unit_price", MetricNames.DISTINCT_COUNT_APPROX, prices(n)));
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return SignatureDays.record(day, entity, instance, metric, value, null);
  }

  private static MetricHistory history(int days) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      records.addAll(day(START.plusDays(i)).values());
    }
    return new MetricHistory(records);
  }

  @Test
  void anIdentifierGrowsOneForOneAndACatalogueSlower() {
    MetricHistory history = history(28);
    assertThat(history.rowsExponent(ID)).isCloseTo(1.0, within(1e-9));
    assertThat(history.rowsExponent(PRICE)).isCloseTo(0.78, within(0.01));
  }

  @Test
  void aWeekendsCatalogueShareHoldsStillAgainstItsOwnGrowth() {
    MetricHistory history = history(28);
    LocalDate saturday = START.plusDays(33);
    Map<MetricKey, MetricRecord> today = day(saturday);
    double exponent = history.rowsExponent(PRICE);
    double[] weekdays = history.series(PRICE, true).stream().filter(p -> rows(p.date()) > 900)
        .mapToDouble(SeriesPoint::value).toArray();
    double grown = MetricHistory.comparable(today.get(PRICE), today, false, exponent);
    double perRow = MetricHistory.comparable(today.get(PRICE), today, false, 1);
    double weekdayPerRow = MetricHistory.comparable(day(START).get(PRICE), day(START), false, 1);

    assertThat(Arrays.stream(weekdays).min().orElseThrow() / grown).isCloseTo(1.0, within(0.03));
    assertThat(Arrays.stream(weekdays).max().orElseThrow() / grown).isCloseTo(1.0, within(0.03));
    assertThat(perRow / weekdayPerRow).isGreaterThan(1.15); // per row, the weekend looks a sixth richer
  }

  @Test
  void anIdentifiersSketchErrorIsNoGrowthBelowOneForOne() {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      LocalDate d = START.plusDays(i);
      double n = rows(d);
      // the distinct sketch's error: a percent or two, larger on the smaller days
      records.add(record(d, Entity.DATASET, "*", MetricNames.ROW_COUNT, n));
      records.add(record(d, Entity.COLUMN, "order_id", MetricNames.DISTINCT_COUNT_APPROX,
          Math.round(n * (n < 900 ? 1.02 : 0.99))));
    }
    assertThat(new MetricHistory(records).rowsExponent(ID)).isEqualTo(1.0);
  }

  @Test
  void withoutDaysOfAnotherVolumeTheCountIsJudgedPerRow() {
    List<MetricRecord> weekdays = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      LocalDate d = START.plusDays(i);
      if (rows(d) > 900) {
        weekdays.addAll(day(d).values());
      }
    }
    assertThat(new MetricHistory(weekdays).rowsExponent(PRICE)).isEqualTo(1.0);
    assertThat(history(6).rowsExponent(PRICE)).isEqualTo(1.0);
  }
}
