package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dqgate} command line: {@code dqgate <command> [options]}. Exit codes: 0 done (PASS/WARN),
 * 2 BLOCK (contamination found), 1 the job could not do its work. The last log line is a one-line summary.
 */
public final class Main {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BLOCKED = 2;

  static final String USAGE = String.join("\n",
      "usage: dqgate <command> [options]",
      "",
      "commands:",
      "  profile      compute one partition's metrics into the metrics repository",
      "               --date D and either --conf FILE --dataset NAME or --source DIR",
      "               [--format csv|tsv|json|parquet|orc]",
      "               [--partitioning 'dt={date}' | --partition-column COL] [--primary-key a,b] [--target COL]",
      "               [--option key=value ...] [--repository DIR] [--dataset NAME] [--set key=value ...]",
      "  backfill     profile every partition of --from D1 --to D2 in one pass (same options as profile)",
      "  check-files  check one partition's incoming files: schema/header, parsing, UTF-8, volume, checksums",
      "               against the manifest (--manifest _MANIFEST.json); same dataset options as profile,",
      "               [--verdict-json FILE]; exit 2 when a finding blocks",
      "  detect       judge a profiled day against the clean days before it: --date D [--verdict-json FILE];",
      "               exit 2 on BLOCK",
      "  run          check-files, profile, detect and gate one partition: --date D [--verdict-json FILE]",
      "               [--report FILE] (the day's HTML report)",
      "               [--publish-to DIR] [--quarantine-to DIR] (or gate.publish-to / gate.quarantine-to);",
      "               exit 0 published (PASS/WARN), 2 quarantined (BLOCK)",
      "  gate         publish (PASS/WARN) or quarantine (BLOCK) a judged day: --date D [--verdict FILE]",
      "               (default: the verdict detect stored) [--publish-to DIR] [--quarantine-to DIR]",
      "  history      the published versions of a day: --date D",
      "  rollback     make the previous published version of a day live again: --date D",
      "  report       a self-contained HTML page: --date D --out FILE (the day's verdict, findings and their",
      "               charts) or --from D1 --to D2 --out FILE (status per day); same dataset options as detect",
      "  backtest     replay check-files + detect day by day: --from D1 --to D2 [--verdict-dir DIR]",
      "  skew         training-serving skew: --date D --reference DATASET@DATE|FOLDER [--verdict-json FILE]",
      "  label        mark a day: --date D --as accepted|rejected (rejected days leave every baseline)",
      "  metrics      print a stored day: --repository DIR | --conf FILE, --dataset NAME --date D [--format json|csv]",
      "  sample-data  write the sample feed: --out DIR [--days N] [--start D] [--seed N]",
      "  quickstart   generate the sample feed, profile every day, print a per-day summary: [--out DIR]",
      "  help         this text",
      "",
      "exit codes: 0 ok (PASS/WARN), 2 BLOCK, 1 could not do the work");

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /**
   * Runs a command and returns its exit code; never exits the JVM (tests call this). Output goes to
   * {@code out}; a failure is one line on {@code err}: {@code dqgate <command>: error: <what and value>}.
   */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    if (System.getProperty("log4j2.configurationFile") == null && !SparkSessions.launchedBySparkSubmit()) {
      System.setProperty("log4j2.configurationFile", "classpath:dqgate-log4j2.properties");
    }
    Logger log = LoggerFactory.getLogger("dqgate");
    if (argv.length == 0 || Set.of("help", "--help", "-h").contains(argv[0])) {
      out.println(USAGE);
      return argv.length == 0 ? FAILED : OK;
    }
    String command = argv[0];
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    try {
      return switch (command) {
        case "profile" -> ProfileJob.run(
            Args.parse(command, rest, ProfileJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()));
        case "backfill" -> BackfillJob.run(
            Args.parse(command, rest, BackfillJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()));
        case "detect" -> DetectJob.run(
            Args.parse(command, rest, DetectJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "run" -> RunJob.run(
            Args.parse(command, rest, RunJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "gate" -> GateJob.run(
            Args.parse(command, rest, GateJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "history" -> VersionsJob.history(
            Args.parse(command, rest, VersionsJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "rollback" -> VersionsJob.rollback(
            Args.parse(command, rest, VersionsJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "report" -> ReportJob.run(
            Args.parse(command, rest, ReportJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "backtest" -> BacktestJob.run(
            Args.parse(command, rest, BacktestJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "skew" -> SkewJob.run(
            Args.parse(command, rest, SkewJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "label" -> LabelJob.run(
            Args.parse(command, rest, LabelJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()));
        case "check-files" -> CheckFilesJob.run(
            Args.parse(command, rest, CheckFilesJob.OPTIONS, DatasetSelection.REPEATABLE, Set.of()), out);
        case "metrics" -> MetricsJob.run(
            Args.parse(command, rest, MetricsJob.OPTIONS, Set.of("set"), Set.of()), out);
        case "sample-data" -> SampleDataJob.run(
            Args.parse(command, rest, SampleDataJob.OPTIONS, Set.of(), Set.of()), out);
        case "quickstart" -> QuickstartJob.run(
            Args.parse(command, rest, QuickstartJob.OPTIONS, Set.of("set"), Set.of()), out);
        default -> throw new DqgateException("unknown command \"" + command + "\" (see dqgate help)");
      };
    } catch (Throwable t) {
      log.debug("failure", t);
      err.println("dqgate " + command + ": error: " + Failures.describe(t));
      err.flush();
      return FAILED;
    }
  }
}
