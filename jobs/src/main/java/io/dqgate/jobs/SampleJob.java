package io.dqgate.jobs;

import io.dqgate.audit.AuditRequest;
import io.dqgate.audit.AuditSummary;
import io.dqgate.pipeline.DayPipeline;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Set;

/**
 * {@code dqgate sample --date D --out DIR}: the audit sample of a judged day for a person to review, drawn
 * from the day's rows with the rows behind the stored verdict's findings over-represented, each row saying
 * why it was drawn; written atomically, its summary stored with the day (the report shows it).
 */
final class SampleJob {
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS, AuditOptions.SAMPLE,
      Set.of("date"));

  private SampleJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    AuditRequest request = AuditOptions.forSample(args);
    AuditSummary summary;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate sample " + selection.dataset().name())) {
      DayPipeline pipeline = selection.pipeline(job);
      summary = pipeline.sample(date, request);
    }
    out.println(summary.describe());
    out.flush();
    return Main.OK;
  }
}
