package io.dqgate.repository;

import io.dqgate.Provenance;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.metrics.MetricsReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Stores metric rows by dataset and partition date. Every record has an owner ({@link RecordOwner}: file
 * checks, profile, verdict, label, calibration) and a write replaces one owner's records of one day
 * atomically, leaving every other owner's records of that day as they were. No write reads another owner's
 * records, so two commands writing different owners of the same day at the same time lose nothing.
 */
public interface MetricsRepository extends MetricsReader {

  /**
   * Replaces {@code owner}'s records of {@code dataset} on {@code date} with {@code records} (each must
   * belong to {@code owner} and to that day; an empty list leaves the owner with no records that day).
   */
  void replaceOwned(RecordOwner owner, String dataset, LocalDate date, List<MetricRecord> records);

  /** The metrics stored for one day, owner by owner; empty when the day was never written. */
  @Override
  List<MetricRecord> loadDay(String dataset, LocalDate date);

  /** The metrics of every stored day in [{@code fromInclusive}, {@code toExclusive}), ordered by date. */
  @Override
  List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive);

  /** The days stored for {@code dataset}, ascending. */
  @Override
  List<LocalDate> days(String dataset);

  /** Which run, build and config wrote each owner's records of the day; owners never written are absent. */
  Map<RecordOwner, Provenance> provenance(String dataset, LocalDate date);

  /** Where the repository lives, for messages. */
  String location();
}
