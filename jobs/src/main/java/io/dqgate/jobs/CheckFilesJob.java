package io.dqgate.jobs;

import io.dqgate.files.FileCheckReport;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.vocabulary.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate check-files}: checks one partition's incoming files, stores the file metrics, prints a
 * per-file table and the findings; exit 2 when a finding blocks.
 */
final class CheckFilesJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      Set.of("date", "verdict-json"));

  private CheckFilesJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    FileCheckReport report;
    DayPipeline pipeline;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate check-files " + selection.dataset().name())) {
      pipeline = selection.pipeline(job);
      report = pipeline.checkFiles(date);
    }
    JobOutput.printFileReport(report, out);
    args.get("verdict-json").ifPresent(path -> JobOutput.writeAtomically(Path.of(path),
        report.verdict().withProvenance(pipeline.provenance()).toJson(), "--verdict-json"));
    LOG.info(report.summary());
    return report.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }
}
