package io.dqgate.pipeline;

import io.dqgate.Provenance;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A repository of one dataset with the days of a window read once and kept in memory, for judging many days
 * in a row: reads inside the window are answered from memory, reads outside go to the repository, and every
 * write goes into memory, so a day judged later sees what an earlier one recorded, and to the repository:
 * at once, or, for the writes of the dataset in the window, when {@link #commit} is called, so that the
 * writes of one day reach the repository only once all of them were made. The list of stored days is read
 * once too; no other writer may change the dataset's days meanwhile. Provenance is read from the
 * repository, so a held write's shows only once committed.
 */
final class CachedHistory implements MetricsRepository {
  private record Held(RecordOwner owner, LocalDate date) {}

  private final MetricsRepository stored;
  private final String dataset;
  private final LocalDate from;
  private final LocalDate toExclusive;
  private final boolean holdWrites;
  private final TreeMap<LocalDate, Map<RecordOwner, List<MetricRecord>>> days = new TreeMap<>();
  private final Map<Held, List<MetricRecord>> held = new LinkedHashMap<>();
  private final TreeSet<LocalDate> storedDays;

  /**
   * @param holdWrites whether writes of {@code dataset} inside the window wait for {@link #commit} (the
   *     others are written at once)
   */
  CachedHistory(MetricsRepository stored, String dataset, LocalDate from, LocalDate toExclusive,
      boolean holdWrites) {
    this.stored = stored;
    this.dataset = dataset;
    this.from = from;
    this.toExclusive = toExclusive;
    this.holdWrites = holdWrites;
    this.storedDays = new TreeSet<>(stored.days(dataset));
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
    if (!cached(name, date)) {
      stored.replaceOwned(owner, name, date, records);
      if (name.equals(dataset)) {
        storedDays.add(date);
      }
      return;
    }
    List<MetricRecord> copy = List.copyOf(records);
    if (holdWrites) {
      Held key = new Held(owner, date);
      held.remove(key); // a write made again goes after the others, as it would have been written
      held.put(key, copy);
    } else {
      stored.replaceOwned(owner, name, date, copy);
    }
    days.computeIfAbsent(date, d -> new EnumMap<>(RecordOwner.class)).put(owner, copy);
    storedDays.add(date); // a write leaves the day stored, even with no records
  }

  /** Writes the held writes to the repository in the order they were made (each its own atomic commit). */
  void commit() {
    for (Map.Entry<Held, List<MetricRecord>> w : held.entrySet()) {
      stored.replaceOwned(w.getKey().owner(), dataset, w.getKey().date(), w.getValue());
    }
    held.clear();
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
    if (!name.equals(dataset)) {
      return stored.loadRange(name, fromInclusive, toExcl);
    }
    List<MetricRecord> out = new ArrayList<>();
    LocalDate inFrom = max(fromInclusive, from);
    LocalDate inTo = min(toExcl, toExclusive);
    if (fromInclusive.isBefore(min(toExcl, from))) {
      out.addAll(stored.loadRange(name, fromInclusive, min(toExcl, from)));
    }
    if (inFrom.isBefore(inTo)) {
      days.subMap(inFrom, inTo).values().forEach(day -> day.values().forEach(out::addAll));
    }
    if (max(fromInclusive, toExclusive).isBefore(toExcl)) {
      out.addAll(stored.loadRange(name, max(fromInclusive, toExclusive), toExcl));
    }
    return out;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public List<LocalDate> days(String name) {
    if (!name.equals(dataset)) {
      return stored.days(name);
    }
    return new ArrayList<>(storedDays);
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
