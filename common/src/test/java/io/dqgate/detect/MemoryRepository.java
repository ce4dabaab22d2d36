package io.dqgate.detect;

import io.dqgate.Provenance;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A metrics repository held in memory, for detection tests that replay hundreds of days without I/O. */
final class MemoryRepository implements MetricsRepository {
  private final Map<String, TreeMap<LocalDate, List<MetricRecord>>> days = new TreeMap<>();
  int writes;

  /** Replaces the whole day (every owner's records): how the tests lay down a profiled day. */
  void replaceDay(String dataset, LocalDate date, List<MetricRecord> records) {
    days.computeIfAbsent(dataset, d -> new TreeMap<>()).put(date, List.copyOf(records));
    writes++;
  }

  @Override
  public void replaceOwned(RecordOwner owner, String dataset, LocalDate date, List<MetricRecord> records) {
    List<MetricRecord> merged = new ArrayList<>();
    for (MetricRecord m : loadDay(dataset, date)) {
      if (RecordOwner.of(m) != owner) {
        merged.add(m);
      }
    }
    merged.addAll(records);
    replaceDay(dataset, date, merged);
  }

  @Override
  public Map<RecordOwner, Provenance> provenance(String dataset, LocalDate date) {
    return Map.of();
  }

  @Override
  public List<MetricRecord> loadDay(String dataset, LocalDate date) {
    return days.getOrDefault(dataset, new TreeMap<>()).getOrDefault(date, List.of());
  }

  @Override
  public List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive) {
    List<MetricRecord> out = new ArrayList<>();
    if (fromInclusive.isBefore(toExclusive)) {
      days.getOrDefault(dataset, new TreeMap<>()).subMap(fromInclusive, toExclusive).values().forEach(out::addAll);
    }
    return out;
  }

  @Override
  public List<LocalDate> days(String dataset) {
    return new ArrayList<>(days.getOrDefault(dataset, new TreeMap<>()).keySet());
  }

  @Override
  public String location() {
    return "memory";
  }
}
