package io.dqgate.sample;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Every day the generator produced, in date order. */
public record FeedSummary(long seed, List<DaySummary> days) {

  public FeedSummary {
    days = List.copyOf(days);
  }

  public DaySummary day(LocalDate date) {
    return days.stream().filter(d -> d.date().equals(date)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no day " + date + " in the sample feed ("
            + days.get(0).date() + " to " + days.get(days.size() - 1).date() + ")"));
  }

  /** The contaminated day, or empty when the feed was generated clean. */
  public Optional<DaySummary> contaminatedDay() {
    return days.stream().filter(DaySummary::contaminated).findFirst();
  }

  public long totalRows() {
    return days.stream().mapToLong(DaySummary::rows).sum();
  }
}
