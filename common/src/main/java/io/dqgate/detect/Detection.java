package io.dqgate.detect;

import io.dqgate.NoProfileException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.verdict.Finding;
import io.dqgate.verdict.Severity;
import io.dqgate.verdict.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges one profiled partition against the clean days strictly before it: static rules, every metric's
 * own series, the whole metric vector (PCA), distributions (drift) and feature–target correlations.
 * Findings are ranked, grouped by column and capped; the verdict is PASS, WARN or BLOCK.
 */
public final class Detection {
  private final MetricsRepository repository;

  public Detection(MetricsRepository repository) {
    this.repository = repository;
  }

  public Verdict judge(DatasetSpec dataset, LocalDate date) {
    return Verdict.of(dataset.name(), date, FindingPolicy.groupAndCap(findings(dataset, date),
        dataset.detect().maxFindings()));
  }

  /**
   * Every finding on the day, neither grouped nor capped, for callers that merge them with findings of their
   * own (the file checks) and then group and cap once.
   *
   * @throws NoProfileException when the day has no stored profile
   */
  public List<Finding> findings(DatasetSpec dataset, LocalDate date) {
    DetectSpec spec = dataset.detect();
    List<MetricRecord> todayRecords = repository.loadDay(dataset.name(), date);
    if (todayRecords.stream().noneMatch(m -> m.metric().equals(MetricNames.ROW_COUNT))) {
      throw new NoProfileException("no profile of " + dataset.name() + " on " + date + " in " + repository.location()
          + ": run profile first");
    }
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    todayRecords.forEach(m -> today.put(m.key(), m));
    MetricHistory history = new MetricHistory(
        repository.loadRange(dataset.name(), date.minusDays(spec.lookbackDays()), date));

    List<Finding> findings = new ArrayList<>();
    for (MetricRecord m : todayRecords) {
      if (m.metric().startsWith(MetricNames.RULE_PREFIX) && m.value() == 0) {
        findings.add(new Finding("rules", m.metric().substring(MetricNames.RULE_PREFIX.length()),
            MetricHistory.columnOf(m.key()), null, 0, Double.NaN, Double.NaN, 100, spec.severity("rules"),
            "rule " + m.metric().substring(MetricNames.RULE_PREFIX.length()) + " broken on "
                + m.instance() + ": " + m.detail()));
      }
    }
    List<Finding> historical = new ArrayList<>();
    historical.addAll(new SeriesJudge(spec).judge(date, today, history));
    if (spec.pcaEnabled()) {
      new PcaJudge(spec).judge(date, today, history).ifPresent(historical::add);
    }
    if (spec.driftEnabled()) {
      historical.addAll(new DriftJudge(spec).againstHistory(date, today, history));
    }
    historical.addAll(new CorrelationJudge(spec).judge(today, history));
    if (history.cleanDays() < spec.minHistory()) {
      findings.add(new Finding("cold-start", "history", null, null, history.cleanDays(), spec.minHistory(),
          Double.NaN, 0, spec.severity("cold-start"), "only " + history.cleanDays() + " clean day(s) of history ("
              + spec.minHistory() + " needed): history-based findings are at most WARN"));
      historical = historical.stream().map(Detection::atMostWarn).toList();
    }
    findings.addAll(historical);
    return findings;
  }

  /**
   * Training–serving skew: the day's distributions against a named reference (another day's metrics, or
   * a profiled snapshot such as the training set).
   */
  public Verdict skew(DatasetSpec dataset, LocalDate date, List<MetricRecord> reference, String referenceName) {
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    repository.loadDay(dataset.name(), date).forEach(m -> today.put(m.key(), m));
    if (today.isEmpty()) {
      throw new NoProfileException("no profile of " + dataset.name() + " on " + date + " in " + repository.location()
          + ": run profile first");
    }
    Map<MetricKey, MetricRecord> ref = new LinkedHashMap<>();
    reference.forEach(m -> ref.put(m.key(), m));
    List<Finding> findings = new DriftJudge(dataset.detect()).againstReference(today, ref, referenceName);
    return Verdict.of(dataset.name(), date, FindingPolicy.groupAndCap(findings, dataset.detect().maxFindings()));
  }

  /** Stores the verdict with the day, so later baselines can leave blocked days out. */
  public void record(Verdict verdict, String runId) {
    double status = switch (verdict.status()) {
      case PASS -> MetricNames.STATUS_PASS;
      case WARN -> MetricNames.STATUS_WARN;
      case BLOCK -> MetricNames.STATUS_BLOCK;
    };
    MetricRecord record = new MetricRecord(verdict.dataset(), verdict.partitionDate(), runId, Instant.now(),
        Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.VERDICT_STATUS, status, verdict.toJson());
    repository.replaceOwned(RecordOwner.VERDICT, verdict.dataset(), verdict.partitionDate(), List.of(record));
  }

  private static Finding atMostWarn(Finding f) {
    if (f.severity() != Severity.BLOCK) {
      return f;
    }
    return new Finding(f.detector(), f.metric(), f.column(), f.file(), f.observed(), f.expectedLow(),
        f.expectedHigh(), f.score(), Severity.WARN, f.message() + " [cold start: capped at WARN]");
  }

  /** Scalar metrics of the day that are judged as series and in the PCA vector. */
  public static List<MetricKey> judgedKeys(Map<MetricKey, MetricRecord> today, DetectSpec spec) {
    List<MetricKey> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      String metric = m.metric();
      if (m.entity() == Entity.FILE || metric.startsWith(MetricNames.RULE_PREFIX)
          || metric.equals(MetricNames.VERDICT_STATUS) || metric.equals(MetricNames.LABEL)
          || metric.equals(MetricNames.AUDIT_SAMPLE)
          || metric.equals(MetricNames.FILE_COLUMN_TYPE) || metric.equals(MetricNames.FILE_COLUMN_PRESENT)
          || spec.seriesIgnore().contains(metric) || Double.isNaN(m.value()) || Double.isInfinite(m.value())) {
        continue;
      }
      out.add(m.key());
    }
    out.sort(Comparator.comparing(MetricKey::toString));
    return out;
  }

  /** Findings per column: the strongest stands for its column and names the others; at most {@code cap}. */
  public static final class FindingPolicy {
    private FindingPolicy() {}

    public static List<Finding> groupAndCap(List<Finding> findings, int cap) {
      List<Finding> ranked = new ArrayList<>(findings);
      ranked.sort(Finding.RANKING);
      Map<String, List<Finding>> byColumn = new LinkedHashMap<>();
      for (Finding f : ranked) {
        String group = f.column() == null ? "(dataset):" + f.detector() : f.column();
        byColumn.computeIfAbsent(group, k -> new ArrayList<>()).add(f);
      }
      List<Finding> out = new ArrayList<>();
      for (List<Finding> group : byColumn.values()) {
        Finding lead = group.get(0);
        if (group.size() > 1) {
          List<String> others = group.subList(1, group.size()).stream()
              .map(f -> f.detector() + ":" + f.metric()).distinct().toList();
          lead = new Finding(lead.detector(), lead.metric(), lead.column(), lead.file(), lead.observed(),
              lead.expectedLow(), lead.expectedHigh(), lead.score(), lead.severity(),
              lead.message() + " (+" + others.size() + " more on this column: " + String.join(", ", others) + ")");
        }
        out.add(lead);
        if (out.size() == cap) {
          break;
        }
      }
      return out;
    }
  }

}
