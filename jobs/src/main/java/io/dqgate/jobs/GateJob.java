package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.files.PartitionFiles;
import io.dqgate.gate.GateResult;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate gate --date D [--verdict FILE]}: acts on a day's verdict (the file detect wrote, or the
 * verdict stored in the metrics repository): publish on PASS/WARN, quarantine on BLOCK (exit 2).
 */
final class GateJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS,
      DatasetSelection.GATE_OPTIONS, Set.of("date", "verdict"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    Verdict verdict;
    Optional<GateResult> result;
    try (LazySpark spark = new LazySpark(selection.config().spark(), "dqgate gate " + selection.dataset().name())) {
      Configuration conf = spark.hadoopConf();
      ParquetMetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
          conf);
      List<MetricRecord> day = repository.loadDay(selection.dataset().name(), date);
      verdict = args.get("verdict").map(GateJob::readVerdict).orElseGet(() -> storedVerdict(repository, day,
          selection, date));
      result = Gating.apply(selection.dataset(), date, verdict, ProfileJob.newRunId(), conf, spark,
          judgedFiles(repository, day, selection, date));
    }
    String summary = summary(verdict, result);
    out.println(summary);
    out.flush();
    LOG.info("gate {} {}: {}", verdict.dataset(), date, summary);
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }

  static String summary(Verdict verdict, Optional<GateResult> result) {
    return verdict.status() + ": " + result.map(GateResult::summary)
        .orElse("not published; no gate.quarantine-to is set, so the blocked partition stays where it landed");
  }

  static Verdict readVerdict(String file) {
    try {
      return Verdict.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), "--verdict " + file);
    } catch (NoSuchFileException e) {
      throw new DqgateException("--verdict: no such file " + file, e);
    } catch (IOException e) {
      throw new DqgateException("--verdict: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Verdict storedVerdict(ParquetMetricsRepository repository, List<MetricRecord> day,
      DatasetSelection selection, LocalDate date) {
    MetricRecord stored = verdictRecord(day).orElseThrow(() -> new DqgateException("no verdict for "
        + selection.dataset().name() + "@" + date + " in " + repository.location()
        + ": run detect first, or give --verdict FILE"));
    return Verdict.parse(stored.detail(), repository.location() + " verdict of " + date);
  }

  private static Optional<MetricRecord> verdictRecord(List<MetricRecord> day) {
    return day.stream()
        .filter(m -> m.metric().equals(MetricNames.VERDICT_STATUS) && m.instance().equals(MetricKey.WHOLE_DATASET))
        .findFirst();
  }

  /**
   * The files check-files hashed for the day, stored with it. Files checked again after the day was
   * judged were not what the verdict is about.
   */
  private static List<PartitionFiles.CheckedFile> judgedFiles(ParquetMetricsRepository repository,
      List<MetricRecord> day, DatasetSelection selection, LocalDate date) {
    if (selection.dataset().source().partitioning().isEmpty()) {
      return List.of();
    }
    List<PartitionFiles.CheckedFile> files = PartitionFiles.checked(day);
    String name = selection.dataset().name();
    if (files.isEmpty()) {
      throw new DqgateException("no file checks stored for " + name + "@" + date + " in " + repository.location()
          + ": the gate publishes only files that were checked; run check-files and detect (or run) first");
    }
    Optional<java.time.Instant> judgedAt = verdictRecord(day).map(MetricRecord::computedAt);
    Optional<java.time.Instant> checkedAt = day.stream().filter(m -> m.metric().equals(MetricNames.FILE_BYTES))
        .map(MetricRecord::computedAt).max(java.util.Comparator.naturalOrder());
    if (judgedAt.isPresent() && checkedAt.isPresent() && checkedAt.get().isAfter(judgedAt.get())) {
      throw new DqgateException("the files of " + name + "@" + date + " were checked again (" + checkedAt.get()
          + ") after the day was judged (" + judgedAt.get() + "): run detect again before gating");
    }
    return files;
  }
}
