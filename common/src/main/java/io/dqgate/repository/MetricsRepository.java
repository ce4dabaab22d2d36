package io.dqgate.repository;

import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.List;

/**
 * Stores metric rows by dataset and partition date. A day is written whole: {@link #replaceDay} swaps the
 * previous contents for the new ones atomically, so a reader sees either the old day or the new day.
 */
public interface MetricsRepository {

  /** Replaces every metric of {@code dataset} on {@code date} with {@code records} (all for that day). */
  void replaceDay(String dataset, LocalDate date, List<MetricRecord> records);

  /** The metrics stored for one day; empty when the day was never written. */
  List<MetricRecord> loadDay(String dataset, LocalDate date);

  /** The metrics of every stored day in [{@code fromInclusive}, {@code toExclusive}), ordered by date. */
  List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive);

  /** The days stored for {@code dataset}, ascending. */
  List<LocalDate> days(String dataset);

  /** Where the repository lives, for messages. */
  String location();
}
