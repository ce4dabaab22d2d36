package io.dqgate.testing;

import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test fixture writes: a whole day of mixed owners, stored owner by owner. */
public final class StoredDays {
  private StoredDays() {}

  /**
   * Makes {@code records} the day's whole content: each owner's share is written, and an owner that held
   * records before but has none in {@code records} is emptied.
   */
  public static void write(MetricsRepository repository, String dataset, LocalDate date, List<MetricRecord> records) {
    Map<RecordOwner, List<MetricRecord>> byOwner = new EnumMap<>(RecordOwner.class);
    for (MetricRecord r : records) {
      byOwner.computeIfAbsent(RecordOwner.of(r), o -> new ArrayList<>()).add(r);
    }
    for (MetricRecord existing : repository.loadDay(dataset, date)) {
      byOwner.putIfAbsent(RecordOwner.of(existing), List.of());
    }
    if (byOwner.isEmpty()) {
      byOwner.put(RecordOwner.PROFILE, List.of());
    }
    byOwner.forEach((owner, share) -> repository.replaceOwned(owner, dataset, date, share));
  }
}
