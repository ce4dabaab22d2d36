package io.dqgate.pipeline;

import io.dqgate.DqgateException;
import io.dqgate.MissingPartitionException;
import io.dqgate.PausePoints;
import io.dqgate.Provenance;
import io.dqgate.UnreadableInputException;
import io.dqgate.audit.AuditRequest;
import io.dqgate.audit.AuditSampling;
import io.dqgate.audit.AuditSummary;
import io.dqgate.config.DatasetSpec;
import io.dqgate.detect.Detection;
import io.dqgate.files.FileCheckReport;
import io.dqgate.files.FileChecker;
import io.dqgate.files.PartitionFiles;
import io.dqgate.files.PrescannedFiles;
import io.dqgate.gate.GateResult;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.ColumnResolver;
import io.dqgate.profile.PartitionProfile;
import io.dqgate.profile.Profiler;
import io.dqgate.profile.ResolvedColumn;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.rules.RuleResult;
import io.dqgate.rules.StaticRules;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dataset's days along the data's way: check files → profile + rules → store → judge → record verdict
 * → gate. Each step is a method of its own; {@link #run} chains them for one day, {@link #backfill},
 * {@link #replay} and the commands built on them reuse the same steps.
 *
 * <p>Each step that stores writes only its own records of the day (file checks, profile, verdict), each in
 * one atomic commit. When a step fails, what the earlier steps committed stays: a {@code run} that fails at
 * detect leaves the day's new file checks and profile with the verdict of the run before; one that fails at
 * the gate leaves the new verdict and publishes nothing. Labels are never written here. Every record,
 * verdict and gate marker carries this pipeline's {@link Provenance}.
 */
public final class DayPipeline {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");

  private final DatasetSpec dataset;
  private final MetricsRepository repository;
  private final Supplier<SparkSession> spark;
  private final Configuration hadoop;
  private final Provenance provenance;

  /**
   * @param spark the job's session, asked for only by steps that need Spark (file checks, profiling,
   *     publishing as Parquet)
   * @param hadoop the job's Hadoop configuration, for the gate's file systems
   */
  public DayPipeline(DatasetSpec dataset, MetricsRepository repository, Supplier<SparkSession> spark,
      Configuration hadoop, Provenance provenance) {
    this.dataset = dataset;
    this.repository = repository;
    this.spark = spark;
    this.hadoop = hadoop;
    this.provenance = provenance;
  }

  public DatasetSpec dataset() {
    return dataset;
  }

  public MetricsRepository repository() {
    return repository;
  }

  public Provenance provenance() {
    return provenance;
  }

  // ------------------------------------------------------------------------------------------------ steps

  /** Checks the day's incoming files and stores the file metrics. */
  public FileCheckReport checkFiles(LocalDate date) {
    return checkFiles(date, new FileChecker(spark.get(), repository));
  }

  private FileCheckReport checkFiles(LocalDate date, FileChecker checker) {
    FileCheckReport report = checker.check(dataset, date, provenance.runId(), Instant.now());
    repository.replaceOwned(RecordOwner.FILES, dataset.name(), date, report.metrics());
    return report;
  }

  /** Profiles the day, evaluates the static rules and stores both; nothing is stored unless all was computed. */
  public ProfiledDay profile(LocalDate date) {
    return profile(date, null);
  }

  /**
   * As {@link #profile(LocalDate)}; when {@code kept} is given, the day's rows are persisted before the scan
   * and handed to it, so a later step (the audit sample) reads them again without reading the files again.
   */
  private ProfiledDay profile(LocalDate date, Consumer<Dataset<Row>> kept) {
    long start = System.currentTimeMillis();
    Instant now = Instant.now();
    PartitionProfile profile;
    try {
      SourcePartition partition = new PartitionReader(spark.get()).read(dataset.source(), date);
      if (kept != null) {
        Dataset<Row> rows = partition.rows().persist(StorageLevel.MEMORY_AND_DISK());
        kept.accept(rows);
        partition = new SourcePartition(rows, partition.location());
      }
      profile = new Profiler(repository)
          .profile(partition, dataset, dataset.source().format(), date, provenance.runId(), now);
    } catch (DqgateException e) {
      throw e;
    } catch (Exception e) { // Spark's own exceptions are checked ones to Java (SparkException, AnalysisException)
      // Spark names the file only for some read failures: find the unreadable one to name it.
      Optional<String> unreadable = new FileChecker(spark.get(), repository).firstUnreadable(dataset, date);
      if (unreadable.isPresent()) {
        throw new UnreadableInputException("cannot read " + unreadable.get(), e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
    LOG.info("{} {}: columns {}", dataset.name(), date,
        profile.columns().stream().map(ResolvedColumn::describe).collect(Collectors.joining(", ")));
    return store(date, profile, now, start);
  }

  /**
   * Profiles every day of [{@code from}, {@code to}] that has a partition in one pass over all of them and
   * stores each day as {@link #profile} would; days without a partition are skipped and listed.
   */
  public Backfilled backfill(LocalDate from, LocalDate to) {
    long start = System.currentTimeMillis();
    PartitionReader reader = new PartitionReader(spark.get());
    Map<LocalDate, SourcePartition> partitions = new LinkedHashMap<>();
    List<LocalDate> missing = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      try {
        partitions.put(d, reader.read(dataset.source(), d));
      } catch (MissingPartitionException e) {
        missing.add(d);
        LOG.warn("backfill {}: skipping {}: {}", dataset.name(), d, e.getMessage());
      }
    }
    if (partitions.isEmpty()) {
      throw new MissingPartitionException("no partition between " + from + " and " + to + " in "
          + dataset.source().path());
    }
    Instant now = Instant.now();
    Optional<Dataset<Row>> oneScan = reader.readDaysInOneScan(dataset.source(), partitions, Profiler.DAY_COLUMN);
    LOG.info("backfill {}: {} day(s) in {}", dataset.name(), partitions.size(),
        oneScan.isPresent() ? "one scan" : "one scan per schema (the days differ in schema, or table partitions)");
    SortedMap<LocalDate, PartitionProfile> profiles = new Profiler(repository)
        .profileDays(partitions, oneScan, dataset, provenance.runId(), now);
    SortedMap<LocalDate, ProfiledDay> stored = new TreeMap<>();
    for (Map.Entry<LocalDate, PartitionProfile> e : profiles.entrySet()) {
      stored.put(e.getKey(), store(e.getKey(), e.getValue(), now, start));
      PausePoints.reach("backfill.day-written");
    }
    if (!missing.isEmpty()) {
      LOG.warn("backfill {}: {} day(s) without a partition: {}", dataset.name(), missing.size(), missing);
    }
    return new Backfilled(stored, missing, oneScan.isPresent());
  }

  private ProfiledDay store(LocalDate date, PartitionProfile profile, Instant now, long start) {
    List<RuleResult> rules = StaticRules.evaluate(dataset, profile.metrics());
    List<MetricRecord> records = new ArrayList<>(profile.metrics());
    records.addAll(StaticRules.asMetrics(rules, dataset.name(), date, provenance.runId(), now, dataset));
    PausePoints.reach("profile.before-write");
    repository.replaceOwned(RecordOwner.PROFILE, dataset.name(), date, records);
    return new ProfiledDay(dataset, date, new PartitionProfile(profile.columns(), records), rules,
        System.currentTimeMillis() - start);
  }

  /** Judges a profiled day against the clean days before it (detection only). */
  public Verdict judge(LocalDate date) {
    return judge(date, Optional.empty(), true);
  }

  /**
   * One verdict of the day: the file checks' findings (when given) and detection's (when {@code detect}),
   * grouped by column and capped once.
   */
  public Verdict judge(LocalDate date, Optional<FileCheckReport> files, boolean detect) {
    List<Finding> checked = files.map(f -> f.verdict().findings()).orElse(List.of());
    List<Finding> findings = detect ? new Detection(repository).findings(dataset, date, checked) : checked;
    return Verdict.of(dataset.name(), date,
        Detection.FindingPolicy.groupAndCap(findings, dataset.detect().maxFindings())).withProvenance(provenance);
  }

  /** Stores the verdict with its day, so that later baselines leave blocked days out. */
  public void record(Verdict verdict) {
    new Detection(repository).record(verdict, provenance.runId());
  }

  /**
   * Publishes (PASS/WARN) or quarantines (BLOCK) the day's files as check-files hashed and stored them with
   * the day; empty when blocked with no quarantine set.
   */
  public Optional<GateResult> gate(LocalDate date, Verdict verdict) {
    List<MetricRecord> day = repository.loadDay(dataset.name(), date);
    return gate(date, verdict, Publishing.storedJudgedFiles(dataset, date, day, repository.location()));
  }

  /** Publishes or quarantines exactly {@code judged}, each file verified again while it is copied. */
  public Optional<GateResult> gate(LocalDate date, Verdict verdict, List<PartitionFiles.CheckedFile> judged) {
    return Publishing.apply(dataset, date, verdict, provenance.runId(), hadoop, spark, judged);
  }

  /** The verdict stored with the day by detect or run. */
  public Optional<Verdict> storedVerdict(LocalDate date) {
    return repository.loadDay(dataset.name(), date).stream()
        .filter(m -> m.metric().equals(MetricNames.VERDICT_STATUS) && m.instance().equals(MetricKey.WHOLE_DATASET))
        .findFirst()
        .map(m -> Verdict.parse(m.detail(), repository.location() + " verdict of " + date));
  }

  /**
   * Draws the audit sample of a judged day from its stored verdict, writes it to {@code request.out()} and
   * stores its summary with the day.
   *
   * @throws DqgateException when the day has no stored verdict
   */
  public AuditSummary sample(LocalDate date, AuditRequest request) {
    List<MetricRecord> day = repository.loadDay(dataset.name(), date);
    Verdict verdict = day.stream()
        .filter(m -> m.metric().equals(MetricNames.VERDICT_STATUS) && m.instance().equals(MetricKey.WHOLE_DATASET))
        .findFirst()
        .map(m -> Verdict.parse(m.detail(), repository.location() + " verdict of " + date))
        .orElseThrow(() -> new DqgateException("no verdict of " + dataset.name() + " on " + date + " in "
            + repository.location() + ": run detect or run for the day first"));
    SourcePartition partition = new PartitionReader(spark.get()).read(dataset.source(), date);
    Dataset<Row> rows = partition.rows().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<ResolvedColumn> columns = ColumnResolver.resolve(rows, dataset, partition.location(),
          AuditSampling.storedKinds(day));
      return drawSample(date, rows, columns, verdict, request);
    } finally {
      rows.unpersist();
    }
  }

  private AuditSummary drawSample(LocalDate date, Dataset<Row> rows, List<ResolvedColumn> columns, Verdict verdict,
      AuditRequest request) {
    List<MetricRecord> before = repository.loadRange(dataset.name(),
        date.minusDays(dataset.profile().newValueLookbackDays()), date);
    AuditSummary summary = AuditSampling.draw(rows, columns, verdict, dataset, date, before, request, hadoop);
    repository.replaceOwned(RecordOwner.AUDIT, dataset.name(), date,
        List.of(AuditSampling.record(summary, provenance.runId(), Instant.now())));
    LOG.info(summary.describe());
    return summary;
  }

  // ------------------------------------------------------------------------------------------------ chains

  /**
   * Every step for one day: check files, profile, judge, record, then {@code beforeGate} (the caller's
   * output of the verdict), then the gate. A day whose files the checks already block but that cannot be
   * profiled (unparseable or mis-encoded files) is judged on the file checks alone.
   *
   * @throws MissingPartitionException when the partition has no files
   */
  public DayRun run(LocalDate date, Consumer<Verdict> beforeGate) {
    return run(date, beforeGate, Optional.empty());
  }

  /**
   * As above; with {@code audit}, the audit sample of the day is drawn after the verdict is recorded (before
   * {@code beforeGate}, so a report written there shows it) from the rows profiling read, kept for it.
   */
  public DayRun run(LocalDate date, Consumer<Verdict> beforeGate, Optional<AuditRequest> audit) {
    Publishing.publishRoot(dataset); // a run that cannot publish is misconfigured: fail before any work
    String name = dataset.name();
    LOG.info("run {} {} [1/4 check-files]", name, date);
    FileCheckReport files = checkFiles(date);
    LOG.info(files.summary());
    if (files.scans().isEmpty()) {
      throw new MissingPartitionException("no files in " + dataset.source().partitionPath(date)
          + ": nothing to gate");
    }
    LOG.info("run {} {} [2/4 profile]", name, date);
    List<Dataset<Row>> kept = new ArrayList<>();
    try {
      Optional<ProfiledDay> profiled = profileUnlessBlocked(date, files, audit.isPresent() ? kept::add : null);
      LOG.info("run {} {} [3/4 detect]", name, date);
      Verdict verdict = judge(date, Optional.of(files), profiled.isPresent());
      record(verdict);
      if (audit.isPresent()) {
        if (profiled.isPresent() && !kept.isEmpty()) {
          drawSample(date, kept.get(0), profiled.get().profile().columns(), verdict, audit.get());
        } else {
          LOG.warn("no audit sample of {} {}: the day could not be profiled", name, date);
        }
      }
      beforeGate.accept(verdict);
      LOG.info("run {} {} [4/4 gate]", name, date);
      return new DayRun(files, profiled, verdict, gate(date, verdict, PartitionFiles.checked(files)));
    } finally {
      kept.forEach(Dataset::unpersist);
    }
  }

  private Optional<ProfiledDay> profileUnlessBlocked(LocalDate date, FileCheckReport files,
      Consumer<Dataset<Row>> kept) {
    try {
      ProfiledDay day = profile(date, kept);
      LOG.info(day.summary(repository.location()));
      return Optional.of(day);
    } catch (RuntimeException e) {
      if (files.status() != Status.BLOCK) {
        throw e;
      }
      LOG.warn("profile of a partition the file checks block failed ({}); judging it on the file checks",
          firstLine(e));
      return Optional.empty();
    }
  }

  /**
   * A day replayed as it would have been judged live: its files checked, then file and detection findings
   * in one verdict, which is recorded. A day without files is judged on the file checks; a day with files
   * but no stored profile on the file checks alone, with a warning.
   */
  public Verdict replay(LocalDate date) {
    return replay(date, new FileChecker(spark.get(), repository));
  }

  /**
   * Replays every day of [{@code from}, {@code to}] in turn as {@link #replay(LocalDate)} does, each judged
   * on the days before it as the replay recorded them, and hands each verdict to {@code judged}. The stored
   * history the days need is read once and kept in memory, and the files of all the days are scanned in one
   * Spark job before the first day is judged. A day's records (file checks, calibration, verdict) are
   * written once the day is judged, so a failure leaves the days before it replayed and the others as they
   * were.
   */
  public void replay(LocalDate from, LocalDate to, Consumer<Verdict> judged) {
    // detection reads twice its look-back: a look-back day never calibrated is scored on its own look-back
    long lookback = Math.max(2L * dataset.detect().lookbackDays(), dataset.files().volumeLookbackDays());
    CachedHistory history = new CachedHistory(repository, dataset.name(), from.minusDays(lookback), to.plusDays(1),
        true);
    List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
    FileChecker checker = new FileChecker(spark.get(), history)
        .withPrescanned(PrescannedFiles.scan(spark.get(), dataset, dates));
    DayPipeline inMemory = new DayPipeline(dataset, history, spark, hadoop, provenance);
    for (LocalDate date : dates) {
      Verdict verdict = inMemory.replay(date, checker);
      history.commit();
      judged.accept(verdict);
    }
  }

  private Verdict replay(LocalDate date, FileChecker checker) {
    FileCheckReport files = checkFiles(date, checker);
    boolean profiled = repository.loadDay(dataset.name(), date).stream()
        .anyMatch(m -> m.metric().equals(MetricNames.ROW_COUNT));
    if (!files.scans().isEmpty() && !profiled) {
      LOG.warn("{}: no profile of {} on {}: judged on the file checks alone", date, dataset.name(), date);
    }
    Verdict verdict = judge(date, Optional.of(files), !files.scans().isEmpty() && profiled);
    record(verdict);
    return verdict;
  }

  private static String firstLine(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof DqgateException) {
        return c.getMessage();
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().split("\\R", 2)[0];
  }
}
