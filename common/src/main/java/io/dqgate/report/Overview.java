package io.dqgate.report;

import io.dqgate.vocabulary.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The page model of a dataset's overview over a date range: each calendar day's status, for a calendar
 * strip and a volume chart. Days with nothing stored are in the list too (status empty, not profiled).
 */
public record Overview(String dataset, LocalDate from, LocalDate to, List<Day> days) {

  public Overview {
    days = List.copyOf(days);
  }

  /**
   * One calendar day.
   *
   * @param status the stored verdict, empty when the day was not judged
   * @param profiled whether metrics of the day are stored
   * @param label a person's word on the day ("accepted", "rejected"), null when none
   * @param topFinding the strongest finding's one-line message, null when none
   */
  public record Day(LocalDate date, Optional<Status> status, boolean profiled, String label, int findings,
      String topFinding, double rowCount) {}

  /** How many days had each verdict, in PASS, WARN, BLOCK order. */
  public Map<Status, Long> counts() {
    Map<Status, Long> out = new TreeMap<>();
    for (Status s : Status.values()) {
      out.put(s, days.stream().filter(d -> d.status().orElse(null) == s).count());
    }
    return out;
  }

  public long notJudged() {
    return days.stream().filter(d -> d.status().isEmpty()).count();
  }
}
