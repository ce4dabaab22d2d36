package io.dqgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The airline feed's shape: cancelled rows empty together, storms, lighter Saturdays and holidays. */
class AirlineFeedTest {
  static final LocalDate START = LocalDate.of(2025, 1, 1);

  private static double share(CsvTable t, String column) {
    int c = t.column(column);
    return t.rows.stream().filter(r -> r[c].isEmpty()).count() / (double) t.rows.size();
  }

  @Test
  void aCancelledFlightLeavesItsTimesAndDelaysEmptyTogether() {
    CsvTable day = new AirlineFeed(1, 80).day(START.plusDays(5), 5);
    int dep = day.column("dep_time");
    for (String[] row : day.rows) {
      if (row[dep].isEmpty()) {
        for (String c : List.of("dep_delay", "arr_time", "arr_delay", "air_time")) {
          assertThat(row[day.column(c)]).as(c).isEmpty();
        }
      }
    }
    assertThat(share(day, "arr_time")).isGreaterThanOrEqualTo(share(day, "dep_time"));
    assertThat(share(day, "tailnum")).isLessThanOrEqualTo(share(day, "dep_time"));
  }

  @Test
  void stormsCancelManyFlightsOnSomeDaysAndFewOnMost() {
    AirlineFeed feed = new AirlineFeed(1, 200);
    List<Double> cancelled = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      cancelled.add(share(feed.day(START.plusDays(i), i), "dep_time"));
    }
    List<Double> sorted = cancelled.stream().sorted().toList();
    assertThat(sorted.get(100)).isLessThan(0.05);
    assertThat(sorted.get(199)).isGreaterThan(0.2);
  }

  @Test
  void saturdaysAndHolidaysFlyFewerFlights() {
    AirlineFeed feed = new AirlineFeed(2, 80);
    LocalDate wednesday = LocalDate.of(2025, 1, 15);
    LocalDate saturday = LocalDate.of(2025, 1, 18);
    LocalDate holiday = LocalDate.of(2025, 1, 20);
    assertThat(saturday.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(AirlineFeed.isHoliday(holiday)).isTrue();
    int weekday = feed.day(wednesday, 14).rows.size();
    assertThat(feed.day(saturday, 17).rows.size()).isLessThan((int) (0.95 * weekday));
    assertThat(feed.day(holiday, 19).rows.size()).isLessThan((int) (0.95 * weekday));
  }
}
