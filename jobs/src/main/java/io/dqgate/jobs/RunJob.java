package io.dqgate.jobs;

import io.dqgate.audit.AuditRequest;
import io.dqgate.notify.DayNotifier;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.pipeline.DayRun;
import io.dqgate.pipeline.Publishing;
import io.dqgate.vocabulary.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate run --date D}: check-files, profile, detect and gate one partition in one Spark session.
 * Exit 0 when the partition was published (PASS/WARN), 2 when it was quarantined (BLOCK), 1 when any step
 * could not do its work — then nothing was published, and what earlier steps stored stays (see README).
 */
final class RunJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      DatasetSelection.GATE_OPTIONS, DatasetSelection.NOTIFY_OPTIONS, AuditOptions.RUN,
      Set.of("date", "verdict-json", "report"));

  private RunJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    Publishing.publishRoot(selection.dataset()); // a run that cannot publish fails before it touches anything
    Optional<AuditRequest> audit = AuditOptions.forRun(args);
    DayRun day;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate run " + selection.dataset().name())) {
      DayPipeline pipeline = selection.pipeline(job);
      day = pipeline.run(date, verdict -> {
        args.get("verdict-json").ifPresent(p ->
            JobOutput.writeAtomically(Path.of(p), verdict.toJson(), "--verdict-json"));
        args.get("report").ifPresent(p ->
            JobOutput.writeReport(pipeline.repository(), selection.dataset(), date, verdict, Path.of(p), "--report"));
      }, audit);
      new DayNotifier(selection.dataset().notifications(), pipeline.repository(), pipeline.provenance().runId())
          .announce(day.verdict(), Optional.of(JobOutput.gateSummary(day.verdict(), day.gated())),
              args.get("report").map(p -> Path.of(p).toAbsolutePath().toString()));
    }
    // Printed only now: a run that fails at the gate shows no verdict line that could read as published.
    JobOutput.printVerdict(day.verdict(), out);
    String gateSummary = JobOutput.gateSummary(day.verdict(), day.gated());
    out.println(gateSummary);
    out.flush();
    LOG.info(JobOutput.summary("run", day.verdict()) + "; " + gateSummary);
    return day.verdict().status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }
}
