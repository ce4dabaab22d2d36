package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.detect.Detection;
import io.dqgate.files.FileCheckReport;
import io.dqgate.files.PartitionFiles;
import io.dqgate.gate.GateResult;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.verdict.Finding;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate run --date D}: check-files, profile, detect and gate one partition in one Spark session.
 * Exit 0 when the partition was published (PASS/WARN), 2 when it was quarantined (BLOCK), 1 when any step
 * could not do its work — then nothing was published.
 */
final class RunJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS,
      DatasetSelection.GATE_OPTIONS, Set.of("date", "verdict-json", "report"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String name = selection.dataset().name();
    Gating.publishRoot(selection.dataset()); // before any work: a run that cannot publish is misconfigured
    String runId = ProfileJob.newRunId();
    Verdict verdict;
    Optional<GateResult> gated;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(), "dqgate run " + name)) {
      MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration());
      RepositoryCheck.requireUsable(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration(), repository, name, date);
      LOG.info("run {} {} [1/4 check-files]", name, date);
      FileCheckReport files = CheckFilesJob.checkDay(job, repository, selection, date);
      LOG.info(files.summary());
      if (files.scans().isEmpty()) {
        throw new DqgateException("no files in " + selection.dataset().source().partitionPath(date)
            + ": nothing to gate");
      }

      LOG.info("run {} {} [2/4 profile]", name, date);
      boolean profiled = profile(job, repository, selection, date, files);

      LOG.info("run {} {} [3/4 detect]", name, date);
      Detection detection = new Detection(repository);
      List<Finding> findings = new ArrayList<>(files.verdict().findings());
      if (profiled) {
        findings.addAll(detection.judge(selection.dataset(), date).findings());
      }
      verdict = Verdict.of(name, date,
          Detection.FindingPolicy.groupAndCap(findings, selection.dataset().detect().maxFindings()));
      detection.record(verdict, runId);
      args.get("verdict-json").ifPresent(p -> CheckFilesJob.writeVerdict(Path.of(p), verdict.toJson()));
      args.get("report").ifPresent(p -> ReportJob.write(repository, selection.dataset(), date, verdict, Path.of(p)));

      LOG.info("run {} {} [4/4 gate]", name, date);
      gated = Gating.apply(selection.dataset(), date, verdict, runId,
          job.session().sparkContext().hadoopConfiguration(), job::session, PartitionFiles.checked(files));
    }
    // Printed only now: a run that fails at the gate shows no verdict line that could read as published.
    DetectJob.print(verdict, out);
    String gateSummary = GateJob.summary(verdict, gated);
    out.println(gateSummary);
    out.flush();
    LOG.info(DetectJob.summary("run", verdict) + "; " + gateSummary);
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }

  /**
   * Profiles the day. When the file checks already block it, a profile that fails (unparseable or
   * mis-encoded files) is reported and the day is judged on the file checks alone; otherwise it is an error.
   */
  private static boolean profile(SparkSessions.JobSpark job, MetricsRepository repository,
      DatasetSelection selection, LocalDate date, FileCheckReport files) {
    try {
      LOG.info(ProfileJob.profileDay(job.session(), repository, selection.dataset(), date).summary());
      return true;
    } catch (RuntimeException e) {
      if (files.status() != Status.BLOCK) {
        throw e;
      }
      LOG.warn("profile of a partition the file checks block failed ({}); judging it on the file checks",
          Failures.describe(e));
      return false;
    }
  }
}
