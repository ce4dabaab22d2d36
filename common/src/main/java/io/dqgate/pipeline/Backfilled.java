package io.dqgate.pipeline;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/** What a backfill stored: each profiled day, and the days of the range that had no partition. */
public record Backfilled(SortedMap<LocalDate, ProfiledDay> days, List<LocalDate> missing, boolean oneScan) {
  public Backfilled {
    missing = List.copyOf(missing);
  }
}
