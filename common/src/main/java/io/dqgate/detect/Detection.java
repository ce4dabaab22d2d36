package io.dqgate.detect;

import io.dqgate.NoProfileException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.anomaly.AlarmBudget;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Judges one profiled partition against the clean days strictly before it: static rules, every metric's
 * own series, the whole metric vector (PCA), distributions (drift), feature–target correlations and
 * contamination signatures (which name a cause).
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
    return findings(dataset, date, List.of());
  }

  /**
   * The same with findings of the day's own (the file checks') among them, so that a warning the feed gave
   * before is softened wherever it comes from ({@link Recurrence}).
   */
  public List<Finding> findings(DatasetSpec dataset, LocalDate date, List<Finding> alongside) {
    DetectSpec spec = dataset.detect();
    List<MetricRecord> todayRecords = repository.loadDay(dataset.name(), date);
    if (todayRecords.stream().noneMatch(m -> m.metric().equals(MetricNames.ROW_COUNT))) {
      throw new NoProfileException("no profile of " + dataset.name() + " on " + date + " in " + repository.location()
          + ": run profile first");
    }
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    todayRecords.forEach(m -> today.put(m.key(), m));
    // twice the look-back: a day of the look-back that was never calibrated is replayed on its own look-back
    List<MetricRecord> records = new ArrayList<>(
        repository.loadRange(dataset.name(), date.minusDays(2L * spec.lookbackDays()), date));
    MetricHistory history = historyBefore(records, date, spec);
    List<MetricRecord> replayed = replayUncalibrated(dataset, history, records);
    if (!replayed.isEmpty()) {
      records.addAll(replayed);
      history = historyBefore(records, date, spec);
    }

    List<Finding> findings = new ArrayList<>(alongside);
    for (MetricRecord m : todayRecords) {
      if (m.metric().startsWith(MetricNames.RULE_PREFIX) && m.value() == 0) {
        findings.add(new Finding("rules", m.metric().substring(MetricNames.RULE_PREFIX.length()),
            MetricHistory.columnOf(m.key()), null, 0, Double.NaN, Double.NaN, 100, spec.severity("rules"),
            "rule " + m.metric().substring(MetricNames.RULE_PREFIX.length()) + " broken on "
                + m.instance() + ": " + m.detail()));
      }
    }
    findings.addAll(SchemaJudge.judge(today, history));
    List<Scored> scores = scoreDay(spec, date, today, history);
    repository.replaceOwned(RecordOwner.CALIBRATION, dataset.name(), date,
        Calibration.records(dataset.name(), date, UUID.randomUUID().toString(), scores));
    AlarmBudget budget = Calibration.learn(history, spec);
    Map<String, Calibration.Envelope> envelopes = Calibration.envelopes(history);
    List<Finding> historical = new ArrayList<>();
    List<Finding> counters = new ArrayList<>();
    for (Finding f : Calibration.decide(scores, budget, envelopes, spec)) {
      (f.detector().equals(SignatureJudge.DETECTOR) ? counters : historical).add(f);
    }
    historical = new ArrayList<>(FractionSignatures.withinReach(historical, today, history));
    historical.addAll(calendarMoves(scores, historical));
    historical.addAll(newNormals(history, date));
    historical.addAll(new SignatureJudge(spec).judge(date, today, history, counters));
    MetricRecord rows = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    List<SeriesPoint> cleanRows = history.series(MetricKey.dataset(MetricNames.ROW_COUNT), false);
    Set<java.time.DayOfWeek> levels = BroadShift.weekdayLevels(date, rows.value(), cleanRows);
    Set<java.time.DayOfWeek> quieter = levels.isEmpty() ? BroadShift.quieterWeekdays(date, rows.value(), cleanRows)
        : Set.of();
    Set<java.time.DayOfWeek> toward = levels.isEmpty() ? quieter : levels;
    Set<String> leaning = spec.driftEnabled() && !toward.isEmpty() && (CalendarDay.anyNaturalWarning(historical)
        || CalendarDay.anyNaturalWarning(alongside)) ? new DriftJudge(spec).leaningTo(date, today, history, toward)
        : Set.of();
    historical = BroadShift.soften(historical, scores.stream().filter(s -> "pca".equals(s.key()))
        .flatMap(s -> s.moved().stream()).collect(Collectors.toSet()),
        Calibration.movedAsBefore(scores, budget, envelopes), !levels.isEmpty(), !quieter.isEmpty(), leaning);
    MetricHistory judgedAgainst = history;
    historical = TailOnly.soften(historical, c -> RangeSignature.loneColumn(c, today, judgedAgainst));
    historical = SharedNulls.soften(historical, today, history);
    historical = FilledColumn.soften(historical, today, history);
    // a warned day not yet confirmed counts: every column it did not warn on is in the baselines
    int historyDays = history.calibrationDays().size();
    if (historyDays < spec.minHistory()) {
      findings.add(new Finding("cold-start", "history", null, null, historyDays, spec.minHistory(),
          Double.NaN, 0, spec.severity("cold-start"), "only " + historyDays + " day(s) of history ("
              + spec.minHistory() + " needed; blocked and rejected days do not count): history-based findings are"
              + " at most WARN"));
      historical = historical.stream().map(Detection::atMostWarn).toList();
    }
    findings.addAll(historical);
    List<Finding> events = RecurringEvent.soften(FileVolume.deferToSeries(findings, scores), history, date,
        rows.value(), () -> Calibration.rarityWouldNotBlock(scores, budget));
    return Calibration.whileLearning(CalendarDay.soften(Recurrence.soften(events, history, date, rows.value()),
        !levels.isEmpty(), leaning), scores, budget, spec, c -> RangeSignature.loneColumn(c, today, judgedAgainst));
  }

  /**
   * Every detector's scores of one day against the clean days before it: the code path of judging, and of
   * replaying a day for calibration.
   */
  static List<Scored> scoreDay(DetectSpec spec, LocalDate date, Map<MetricKey, MetricRecord> today,
      MetricHistory history) {
    List<Scored> scores = new ArrayList<>(new SeriesJudge(spec).score(date, today, history));
    if (spec.pcaEnabled()) {
      scores.addAll(new PcaJudge(spec).scores(date, today, history));
    }
    if (spec.driftEnabled()) {
      scores.addAll(new DriftJudge(spec).againstHistory(date, today, history));
    }
    scores.addAll(new CorrelationJudge(spec).score(today, history));
    scores.addAll(new SignatureJudge(spec).scoreCounters(today, history));
    return scores;
  }

  /** The look-back strictly before {@code date}, from records that may reach further back. */
  static MetricHistory historyBefore(List<MetricRecord> records, LocalDate date, DetectSpec spec) {
    LocalDate from = date.minusDays(spec.lookbackDays());
    List<MetricRecord> window = new ArrayList<>();
    for (MetricRecord m : records) {
      if (!m.partitionDate().isBefore(from) && m.partitionDate().isBefore(date)) {
        window.add(m);
      }
    }
    return new MetricHistory(window, spec.baselineConfirmDays());
  }

  /**
   * Scores the look-back's calibration days that have none stored (profiled by a backfill, never judged)
   * the way {@link #judge} scores a day, stores them with their days, and returns the stored records.
   */
  private List<MetricRecord> replayUncalibrated(DatasetSpec dataset, MetricHistory window,
      List<MetricRecord> records) {
    DetectSpec spec = dataset.detect();
    List<MetricRecord> added = new ArrayList<>();
    for (LocalDate d : window.calibrationDays()) {
      Map<MetricKey, MetricRecord> day = window.stored(d);
      if (Calibration.calibrated(day) || !day.containsKey(MetricKey.dataset(MetricNames.ROW_COUNT))) {
        continue;
      }
      List<MetricRecord> soFar = new ArrayList<>(records);
      soFar.addAll(added);
      List<Scored> scores = scoreDay(spec, d, day, historyBefore(soFar, d, spec));
      List<MetricRecord> calibration = Calibration.records(dataset.name(), d, UUID.randomUUID().toString(), scores);
      repository.replaceOwned(RecordOwner.CALIBRATION, dataset.name(), d, calibration);
      added.addAll(calibration);
    }
    return added;
  }

  /** The INFO finding of each column whose mix was another weekday's, unless it was reported already. */
  private static List<Finding> calendarMoves(List<Scored> scores, List<Finding> reported) {
    Set<String> columns = new HashSet<>();
    reported.stream().filter(f -> f.detector().equals(DriftJudge.CALENDAR)).forEach(f -> columns.add(f.column()));
    return scores.stream().map(Scored::finding)
        .filter(f -> f.detector().equals(DriftJudge.CALENDAR) && columns.add(f.column())).toList();
  }

  /** An INFO finding for each shift the days up to yesterday confirmed as the new normal. */
  private static List<Finding> newNormals(MetricHistory history, LocalDate date) {
    List<LocalDate> stored = history.calibrationDays();
    LocalDate last = stored.isEmpty() ? null : stored.get(stored.size() - 1);
    List<Finding> out = new ArrayList<>();
    for (BaselinePolicy.Confirmed c : history.policy().confirmed()) {
      if (c.confirmedBy().equals(last)) {
        out.add(newNormal(c.columns(), columns -> "the shift first warned on " + c.day() + " (" + columns + ") "
            + (c.confirmedBy().equals(c.day().plusDays(7)) ? "came back on the same weekday a week later, "
                : "held on the days after it up to ")
            + c.confirmedBy() + ": those days now count as normal in every baseline"));
      }
    }
    Optional<LocalDate> yesterday = history.lastStoredDay();
    for (BaselinePolicy.Adopted a : history.policy().adopted()) {
      if (yesterday.isPresent() && a.confirmedBy().equals(yesterday.get())) {
        out.add(newNormal(a.columns(), columns -> "the block of " + a.day() + " (" + columns
            + ") came again on every day up to " + a.confirmedBy() + ": that day now counts as normal in every"
            + " baseline; it stays blocked until a person accepts it"));
      }
    }
    return out;
  }

  /** The INFO finding of a new normal over {@code columns}, named by one column where it is one column's. */
  private static Finding newNormal(Set<String> columns, java.util.function.Function<String, String> message) {
    String named = String.join(", ", new java.util.TreeSet<>(columns));
    return new Finding("baseline", "new-normal", columns.size() == 1 && !named.startsWith("(") ? named : null,
        null, Double.NaN, Double.NaN, Double.NaN, 0, Severity.INFO, message.apply(named));
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
    repository.replaceOwned(RecordOwner.VERDICT, verdict.dataset(), verdict.partitionDate(),
        List.of(verdictRecord(verdict, runId, Instant.now())));
  }

  /** The record a day's verdict is stored as: its status as the value, the verdict's JSON as the detail. */
  static MetricRecord verdictRecord(Verdict verdict, String runId, Instant at) {
    double status = switch (verdict.status()) {
      case PASS -> MetricNames.STATUS_PASS;
      case WARN -> MetricNames.STATUS_WARN;
      case BLOCK -> MetricNames.STATUS_BLOCK;
    };
    return new MetricRecord(verdict.dataset(), verdict.partitionDate(), runId, at, Entity.DATASET,
        MetricKey.WHOLE_DATASET, MetricNames.VERDICT_STATUS, status, verdict.toJson());
  }

  private static Finding atMostWarn(Finding f) {
    if (f.severity() != Severity.BLOCK) {
      return f;
    }
    return f.withSeverity(Severity.WARN, f.message() + " [cold start: capped at WARN]");
  }

  /**
   * The keys the series and the metric vector judge ({@link #judgedKeys}), less the count of new values of a
   * categorical column whose listed values turn over from day to day ({@link CategorySignatures#turnsOver}:
   * order numbers, times of day). There every listed value is new, so the count is the number of values the
   * day listed, which falls on every quiet day; whether such a column holds values that do not belong is its
   * signature's to judge. Nor the distinct count of a column with no value today
   * ({@link MetricHistory#countOfNoValues}): the null share says it.
   */
  static List<MetricKey> judgedKeys(Map<MetricKey, MetricRecord> today, DetectSpec spec, MetricHistory history) {
    return judgedKeys(today, spec).stream().filter(k -> !k.metric().equals(MetricNames.NEW_VALUE_COUNT)
        || !history.turnsOver(k.instance(), spec.driftBaselineDays()))
        .filter(k -> !MetricHistory.countOfNoValues(today.get(k), today)).toList();
  }

  /** Scalar metrics of the day that are judged as series and in the PCA vector. */
  public static List<MetricKey> judgedKeys(Map<MetricKey, MetricRecord> today, DetectSpec spec) {
    List<MetricKey> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      String metric = m.metric();
      if (m.entity() == Entity.FILE || metric.startsWith(MetricNames.RULE_PREFIX)
          || metric.equals(MetricNames.VERDICT_STATUS) || metric.equals(MetricNames.LABEL)
          || metric.equals(MetricNames.AUDIT_SAMPLE) || metric.equals(MetricNames.NOTIFICATION)
          || metric.equals(MetricNames.FILE_COLUMN_TYPE) || metric.equals(MetricNames.FILE_COLUMN_PRESENT)
          || metric.startsWith(RecordOwner.CALIBRATION_PREFIX)
          || spec.seriesIgnore().contains(metric) || Double.isNaN(m.value()) || Double.isInfinite(m.value())) {
        continue;
      }
      out.add(m.key());
    }
    out.sort(Comparator.comparing(MetricKey::toString));
    return out;
  }

  /**
   * Findings per column: the strongest stands for its column and names the others; at most {@code cap}. Among
   * findings of one severity a softened warning ({@link Recurrence#softened}) leads: the stored verdict is what
   * keeps the day out of that column's baselines, and a finding named only in another's message does not.
   */
  public static final class FindingPolicy {
    private FindingPolicy() {}

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
        .thenComparing((Finding f) -> Recurrence.softened(f) ? 0 : 1).thenComparing(Finding.RANKING);

    public static List<Finding> groupAndCap(List<Finding> findings, int cap) {
      List<Finding> ranked = new ArrayList<>(findings);
      ranked.sort(ORDER);
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
          lead = lead.withMessage(
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
