package io.dqgate.pipeline;

import io.dqgate.Provenance;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A repository of one dataset with the days of a window read once and kept in memory, for judging many days
 * in a row: reads inside the window are answered from memory, reads outside go to the repository, and every
 * write goes to the repository and into memory, so a day judged later sees what an earlier one recorded.
 */
final class CachedHistory implements MetricsRepository {
  private final MetricsRepository stored;
  private final String dataset;
  private final LocalDate from;
  private final LocalDate toExclusive;
  private final TreeMap<LocalDate, Map<RecordOwner, List<MetricRecord>>> days = new TreeMap<>();

  CachedHistory(MetricsRepository stored, String dataset, LocalDate from, LocalDate toExclusive) {
    this.stored = stored;
    this.dataset = dataset;
    this.from = from;
    this.toExclusive = toExclusive;
    for (MetricRecord r : stored.loadRange(dataset, from, toExclusive)) {
      days.computeIfAbsent(r.partitionDate(), d -> new EnumMap<>(RecordOwner.class))
          .computeIfAbsent(RecordOwner.of(r), o -> new ArrayList<>()).add(r);
    }
  }

  private boolean cached(String name, LocalDate date) {
    return name.equals(dataset) && !date.isBefore(from) && date.isBefore(toExclusive);
  }

  @Override
  public void replaceOwned(RecordOwner owner, String name, LocalDate date, List<MetricRecord> records) {
    stored.replaceOwned(owner, name, date, records);
    if (cached(name, date)) {
      days.computeIfAbsent(date, d -> new EnumMap<>(RecordOwner.class)).put(owner, List.copyOf(records));
    }
  }

  @Override
  public List<MetricRecord> loadDay(String name, LocalDate date) {
    if (!cached(name, date)) {
      return stored.loadDay(name, date);
    }
    List<MetricRecord> out = new ArrayList<>();
    days.getOrDefault(date, Map.of()).values().forEach(out::addAll);
    return out;
  }

  @Override
  public List<MetricRecord> loadRange(String name, LocalDate fromInclusive, LocalDate toExcl) {
    if (!name.equals(dataset) || fromInclusive.isBefore(from) || toExcl.isAfter(toExclusive)) {
      return stored.loadRange(name, fromInclusive, toExcl);
    }
    List<MetricRecord> out = new ArrayList<>();
    if (fromInclusive.isBefore(toExcl)) {
      days.subMap(fromInclusive, toExcl).values().forEach(day -> day.values().forEach(out::addAll));
    }
    return out;
  }

  @Override
  public List<LocalDate> days(String name) {
    return stored.days(name);
  }

  @Override
  public Map<RecordOwner, Provenance> provenance(String name, LocalDate date) {
    return stored.provenance(name, date);
  }

  @Override
  public String location() {
    return stored.location();
  }
}
