package io.dqgate.jobs;

import io.dqgate.BadConfigException;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate backtest --from D1 --to D2}: replays file checks and detection day by day in one JVM,
 * each day judged only on the days before it (whose verdicts shape the baseline as they would have
 * live), and prints one line per day, so a team can tune before going live. The stored history of the
 * range is read once and the days are judged in memory; the files of all the days are scanned in one job.
 */
final class BacktestJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      Set.of("from", "to", "verdict-dir"));

  private BacktestJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate from = args.date("from");
    LocalDate to = args.date("to");
    if (to.isBefore(from)) {
      throw new BadConfigException("--to: must not be before --from (" + from + "), was " + to);
    }
    Path verdictDir = args.get("verdict-dir").map(Path::of).orElse(null);
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    out.printf("%-10s %-3s %-5s %8s  %s%n", "date", "day", "status", "findings", "top finding");
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate backtest " + selection.dataset().name())) {
      selection.pipeline(job).replay(from, to, verdict -> {
        LocalDate d = verdict.partitionDate();
        counts.merge(verdict.status(), 1, Integer::sum);
        Finding top = verdict.findings().isEmpty() ? null : verdict.findings().get(0);
        out.printf(Locale.ROOT, "%-10s %-3s %-5s %8d  %s%n", d,
            d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), verdict.status(),
            verdict.findings().size(), top == null ? "" : top.severity() + " " + top.detector() + " "
                + (top.column() == null ? "" : top.column() + " ") + abbreviate(top.message(), 110));
        if (verdictDir != null) {
          JobOutput.writeAtomically(verdictDir.resolve(d + ".json"), verdict.toJson(), "--verdict-dir");
        }
      });
    }
    out.flush();
    LOG.info("backtest {} {}..{}: {} PASS, {} WARN, {} BLOCK", selection.dataset().name(), from, to,
        counts.getOrDefault(Status.PASS, 0), counts.getOrDefault(Status.WARN, 0),
        counts.getOrDefault(Status.BLOCK, 0));
    return Main.OK;
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
