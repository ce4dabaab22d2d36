package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.detect.Detection;
import io.dqgate.files.FileCheckReport;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.verdict.Finding;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate backtest --from D1 --to D2}: replays file checks and detection day by day in one JVM,
 * each day judged only on the days before it (whose verdicts shape the baseline as they would have
 * live), and prints one line per day, so a team can tune before going live.
 */
final class BacktestJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS,
      Set.of("from", "to", "verdict-dir"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate from = args.date("from");
    LocalDate to = args.date("to");
    if (to.isBefore(from)) {
      throw new DqgateException("--to: must not be before --from (" + from + "), was " + to);
    }
    Path verdictDir = args.get("verdict-dir").map(Path::of).orElse(null);
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    out.printf("%-10s %-3s %-5s %8s  %s%n", "date", "day", "status", "findings", "top finding");
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate backtest " + selection.dataset().name())) {
      MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration());
      Detection detection = new Detection(repository);
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        Verdict verdict = judgeDay(job, repository, detection, selection, d);
        detection.record(verdict, ProfileJob.newRunId());
        counts.merge(verdict.status(), 1, Integer::sum);
        Finding top = verdict.findings().isEmpty() ? null : verdict.findings().get(0);
        out.printf(Locale.ROOT, "%-10s %-3s %-5s %8d  %s%n", d,
            d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH), verdict.status(),
            verdict.findings().size(), top == null ? "" : top.severity() + " " + top.detector() + " "
                + (top.column() == null ? "" : top.column() + " ") + abbreviate(top.message(), 110));
        if (verdictDir != null) {
          CheckFilesJob.writeVerdict(verdictDir.resolve(d + ".json"), verdict.toJson());
        }
      }
    }
    out.flush();
    LOG.info("backtest {} {}..{}: {} PASS, {} WARN, {} BLOCK", selection.dataset().name(), from, to,
        counts.getOrDefault(Status.PASS, 0), counts.getOrDefault(Status.WARN, 0),
        counts.getOrDefault(Status.BLOCK, 0));
    return Main.OK;
  }

  /** File checks, then detection on the stored profile; one verdict from both. */
  static Verdict judgeDay(SparkSessions.JobSpark job, MetricsRepository repository, Detection detection,
      DatasetSelection selection, LocalDate date) {
    FileCheckReport files = CheckFilesJob.checkDay(job, repository, selection, date);
    List<Finding> findings = new ArrayList<>(files.verdict().findings());
    if (files.scans().isEmpty()) {
      return Verdict.of(selection.dataset().name(), date, findings);
    }
    try {
      findings.addAll(detection.judge(selection.dataset(), date).findings());
    } catch (DqgateException e) {
      if (!e.getMessage().startsWith("no profile")) {
        throw e;
      }
      LOG.warn("{}: {}", date, e.getMessage());
    }
    return Verdict.of(selection.dataset().name(), date,
        Detection.FindingPolicy.groupAndCap(findings, selection.dataset().detect().maxFindings()));
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
