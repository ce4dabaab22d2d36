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

  /**
   * Replaces only the metrics {@code owned} selects (one job's share of the day: file checks or profile),
   * keeping the rest of the day, in one atomic day write.
   */
  default void replaceOwned(String dataset, LocalDate date, List<MetricRecord> records,
      java.util.function.Predicate<MetricRecord> owned) {
    List<MetricRecord> merged = new java.util.ArrayList<>();
    for (MetricRecord existing : loadDay(dataset, date)) {
      if (!owned.test(existing)) {
        merged.add(existing);
      }
    }
    merged.addAll(records);
    replaceDay(dataset, date, merged);
  }

  /**
   * Replaces {@code owner}'s records of the day with {@code records} (each must belong to {@code owner}),
   * keeping every other owner's records.
   */
  default void replaceOwned(RecordOwner owner, String dataset, LocalDate date, List<MetricRecord> records) {
    for (MetricRecord r : records) {
      if (RecordOwner.of(r) != owner) {
        throw new IllegalArgumentException("record " + r.metric() + " of " + r.instance() + " belongs to "
            + RecordOwner.of(r).label() + ", not to " + owner.label());
      }
    }
    replaceOwned(dataset, date, records, m -> RecordOwner.of(m) == owner);
  }

  /** The metrics stored for one day; empty when the day was never written. */
  List<MetricRecord> loadDay(String dataset, LocalDate date);

  /** The metrics of every stored day in [{@code fromInclusive}, {@code toExclusive}), ordered by date. */
  List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive);

  /** The days stored for {@code dataset}, ascending. */
  List<LocalDate> days(String dataset);

  /** Where the repository lives, for messages. */
  String location();
}
