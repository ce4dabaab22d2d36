package io.dqgate.jobs;

import io.dqgate.detect.Detection;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.verdict.Finding;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate detect}: judges a profiled day against the clean days before it and stores the verdict.
 * Needs no Spark: it reads the metrics repository only. Exit 0 PASS/WARN, 2 BLOCK.
 */
final class DetectJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS, Set.of("date", "verdict-json"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
        new Configuration());
    Detection detection = new Detection(repository);
    Verdict verdict = detection.judge(selection.dataset(), date);
    detection.record(verdict, ProfileJob.newRunId());
    print(verdict, out);
    args.get("verdict-json").ifPresent(p -> CheckFilesJob.writeVerdict(Path.of(p), verdict.toJson()));
    LOG.info(summary("detect", verdict));
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }

  static void print(Verdict verdict, PrintStream out) {
    out.println(verdict.summary());
    for (Finding f : verdict.findings()) {
      out.printf(Locale.ROOT, "  %-5s %-11s %-24s %s%n", f.severity().name(), f.detector(),
          f.column() == null ? "-" : f.column(), f.message());
    }
    out.flush();
  }

  /** The verdict's one-line summary, which leads with the cause, after the command that gave it. */
  static String summary(String command, Verdict verdict) {
    return command + " " + verdict.summary();
  }
}
