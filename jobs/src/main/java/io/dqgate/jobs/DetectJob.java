package io.dqgate.jobs;

import io.dqgate.notify.DayNotifier;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate detect}: judges a profiled day against the clean days before it and stores the verdict.
 * Needs no Spark: it reads the metrics repository only. Exit 0 PASS/WARN, 2 BLOCK.
 */
final class DetectJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      DatasetSelection.NOTIFY_OPTIONS, Set.of("date", "verdict-json"));

  private DetectJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    Verdict verdict;
    try (LazySpark spark = new LazySpark(selection.config().spark(), "dqgate detect")) {
      DayPipeline pipeline = selection.pipeline(spark);
      verdict = pipeline.judge(date);
      pipeline.record(verdict);
      new DayNotifier(selection.dataset().notifications(), pipeline.repository(), pipeline.provenance().runId())
          .announce(verdict, Optional.empty(), Optional.empty());
    }
    JobOutput.printVerdict(verdict, out);
    args.get("verdict-json").ifPresent(p -> JobOutput.writeAtomically(Path.of(p), verdict.toJson(), "--verdict-json"));
    LOG.info(JobOutput.summary("detect", verdict));
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }
}
