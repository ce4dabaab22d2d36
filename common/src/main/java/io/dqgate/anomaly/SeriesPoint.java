package io.dqgate.anomaly;

import java.time.LocalDate;
import java.util.Objects;

/** One day's value of one metric. */
public record SeriesPoint(LocalDate date, double value) {
  public SeriesPoint {
    Objects.requireNonNull(date, "date");
  }
}
