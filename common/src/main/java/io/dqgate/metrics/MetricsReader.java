package io.dqgate.metrics;

import java.time.LocalDate;
import java.util.List;

/**
 * Reads stored metrics by dataset and day: what profiling and file checks need of the history, without
 * depending on how (or whether) it is stored.
 */
public interface MetricsReader {
  /** The metrics stored for one day; empty when the day was never written. */
  List<MetricRecord> loadDay(String dataset, LocalDate date);

  /** The metrics of every stored day in [{@code fromInclusive}, {@code toExclusive}), ordered by date. */
  List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive);

  /** The days stored for {@code dataset}, ascending. */
  List<LocalDate> days(String dataset);
}
