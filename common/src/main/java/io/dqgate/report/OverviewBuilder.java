package io.dqgate.report;

import io.dqgate.DqgateException;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Verdict;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a dataset's {@link Overview} from the verdicts, labels and row counts stored per day. */
public final class OverviewBuilder {
  /** About ten years of days: a longer range is a typo, not an overview anyone reads. */
  static final long MAX_DAYS = 3700;

  private final MetricsRepository repository;

  public OverviewBuilder(MetricsRepository repository) {
    this.repository = repository;
  }

  public Overview build(String dataset, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new DqgateException("--to: must not be before --from (" + from + "), was " + to);
    }
    long span = ChronoUnit.DAYS.between(from, to) + 1;
    if (span > MAX_DAYS) {
      throw new DqgateException("--from/--to: an overview covers at most " + MAX_DAYS + " days, was " + span
          + " (" + from + " .. " + to + ")");
    }
    Map<LocalDate, Map<MetricKey, MetricRecord>> byDay = new HashMap<>();
    for (MetricRecord m : repository.loadRange(dataset, from, to.plusDays(1))) {
      byDay.computeIfAbsent(m.partitionDate(), d -> new HashMap<>()).put(m.key(), m);
    }
    List<Overview.Day> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(day(d, byDay.getOrDefault(d, Map.of())));
    }
    return new Overview(dataset, from, to, days);
  }

  private static Overview.Day day(LocalDate date, Map<MetricKey, MetricRecord> metrics) {
    Optional<Verdict> verdict = StoredVerdicts.of(metrics);
    MetricRecord label = metrics.get(MetricKey.dataset(MetricNames.LABEL));
    MetricRecord rows = metrics.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    String labelText = label == null ? null
        : label.value() == MetricNames.LABEL_ACCEPTED ? "accepted" : "rejected";
    Finding top = verdict.flatMap(v -> v.findings().stream().findFirst()).orElse(null);
    return new Overview.Day(date, verdict.map(Verdict::status), rows != null, labelText,
        verdict.map(v -> v.findings().size()).orElse(0), top == null ? null : top.message(),
        rows == null ? Double.NaN : rows.value());
  }
}
