package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      "               [--notify URL] (POST the verdict to a webhook); exit 2 on BLOCK",
      "  run          check-files, profile, detect and gate one partition: --date D [--verdict-json FILE]",
      "               [--report FILE] (the day's HTML report) [--notify URL] (POST the verdict to a webhook)",
      "               [--sample-to DIR] (the day's audit sample, from the rows profiling read;",
      "               [--sample-fraction F] [--sample-seed N] [--sample-format parquet|csv])",
      "               [--publish-to DIR] [--quarantine-to DIR] (or gate.publish-to / gate.quarantine-to);",
      "               exit 0 published (PASS/WARN), 2 quarantined (BLOCK)",
      "  gate         publish (PASS/WARN) or quarantine (BLOCK) a judged day: --date D [--verdict FILE]",
      "               (default: the verdict detect stored) [--publish-to DIR] [--quarantine-to DIR]",
      "  history      the published versions of a day: --date D",
      "  rollback     make the previous published version of a day live again: --date D",
      "  report       a self-contained HTML page: --date D --out FILE (the day's verdict, findings and their",
      "               charts) or --from D1 --to D2 --out FILE (status per day); same dataset options as detect",
      "  sample       an audit sample of a judged day's rows for review: --date D --out DIR [--fraction 0.02]",
      "               [--seed N] [--out-format parquet|csv]; rows behind the stored verdict's findings",
      "               over-represented, each with _dq_reason (why it was drawn); same dataset options as profile",
      "  backtest     replay check-files + detect day by day: --from D1 --to D2 [--verdict-dir DIR]",
      "  skew         training-serving skew: --date D --reference DATASET@DATE|FOLDER [--verdict-json FILE]",
      "  label        mark a day: --date D --as accepted|rejected (rejected days leave every baseline)",
      "  suggest      a dataset config proposed from the clean days' stored metrics: --from D1 --to D2",
      "               [--out FILE] (default: print); kinds, formats, domains, ranges, nulls, a key, with evidence",
      "  metrics      print a stored day: --repository DIR | --conf FILE, --dataset NAME --date D [--format json|csv];",
      "               without --date: the stored days, per day and owner the run, dqgate version, commit and",
      "               config SHA-256 that wrote its records ([--from D1] [--to D2] [--format table|json|csv])",
      "  sample-data  write the sample feed: --out DIR [--days N] [--start D] [--seed N]",
      "  quickstart   generate the sample feed, profile every day, print a per-day summary: [--out DIR]",
      "  help         this text; dqgate help <command> or dqgate <command> --help: that command's options",
      "",
      "exit codes: 0 ok (PASS/WARN), 2 BLOCK, 1 could not do the work");

  /** A command's options and what runs it. */
  private record Command(Set<String> valued, Set<String> repeatable, Set<String> flags, Job job) {}

  @FunctionalInterface
  private interface Job {
    int run(Args args, PrintStream out);
  }

  /** Loaded on first use: the job classes' loggers must not start logging before the configuration is chosen. */
  private static final class Commands {
    static final Map<String, Command> ALL = commands();
  }

  private static Map<String, Command> commands() {
    Set<String> dataset = DatasetSelection.REPEATABLE;
    Map<String, Command> c = new LinkedHashMap<>();
    c.put("profile", new Command(ProfileJob.OPTIONS, dataset, Set.of(), (a, o) -> ProfileJob.run(a)));
    c.put("backfill", new Command(BackfillJob.OPTIONS, dataset, Set.of(), (a, o) -> BackfillJob.run(a)));
    c.put("check-files", new Command(CheckFilesJob.OPTIONS, dataset, Set.of(), (a, o) -> CheckFilesJob.run(a, o)));
    c.put("detect", new Command(DetectJob.OPTIONS, dataset, Set.of(), (a, o) -> DetectJob.run(a, o)));
    c.put("run", new Command(RunJob.OPTIONS, dataset, Set.of(), (a, o) -> RunJob.run(a, o)));
    c.put("gate", new Command(GateJob.OPTIONS, dataset, Set.of(), (a, o) -> GateJob.run(a, o)));
    c.put("history", new Command(VersionsJob.OPTIONS, dataset, Set.of(), (a, o) -> VersionsJob.history(a, o)));
    c.put("rollback", new Command(VersionsJob.OPTIONS, dataset, Set.of(), (a, o) -> VersionsJob.rollback(a, o)));
    c.put("report", new Command(ReportJob.OPTIONS, dataset, Set.of(), (a, o) -> ReportJob.run(a, o)));
    c.put("sample", new Command(SampleJob.OPTIONS, dataset, Set.of(), (a, o) -> SampleJob.run(a, o)));
    c.put("backtest", new Command(BacktestJob.OPTIONS, dataset, Set.of(), (a, o) -> BacktestJob.run(a, o)));
    c.put("skew", new Command(SkewJob.OPTIONS, dataset, Set.of(), (a, o) -> SkewJob.run(a, o)));
    c.put("label", new Command(LabelJob.OPTIONS, dataset, Set.of(), (a, o) -> LabelJob.run(a)));
    c.put("suggest", new Command(SuggestJob.OPTIONS, dataset, Set.of(), (a, o) -> SuggestJob.run(a, o)));
    c.put("metrics", new Command(MetricsJob.OPTIONS, Set.of("set"), Set.of(), (a, o) -> MetricsJob.run(a, o)));
    c.put("sample-data", new Command(SampleDataJob.OPTIONS, Set.of(), Set.of(), (a, o) -> SampleDataJob.run(a, o)));
    c.put("quickstart", new Command(QuickstartJob.OPTIONS, Set.of("set"), Set.of(),
        (a, o) -> QuickstartJob.run(a, o)));
    return c;
  }

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /**
   * Runs a command and returns its exit code; never exits the JVM (tests call this). Output goes to
   * {@code out}; a failure is one line on {@code err}: {@code dqgate <command>: error: <what and value>},
   * followed by its stack trace only under {@code --verbose}.
   */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    boolean verbose = args.remove("--verbose");
    if (System.getProperty("log4j2.configurationFile") == null && !SparkSessions.launchedBySparkSubmit()) {
      System.setProperty("log4j2.configurationFile",
          verbose ? "classpath:dqgate-log4j2-verbose.properties" : "classpath:dqgate-log4j2.properties");
    }
    Logger log = LoggerFactory.getLogger("dqgate");
    if (args.isEmpty()) {
      err.println(USAGE);
      err.flush();
      return FAILED;
    }
    String name = args.get(0);
    if (Set.of("help", "--help", "-h").contains(name)) {
      if (args.size() > 1 && Commands.ALL.containsKey(args.get(1))) {
        out.println(help(args.get(1)));
      } else {
        out.println(USAGE);
      }
      out.flush();
      return OK;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      Command command = Commands.ALL.get(name);
      if (command == null) {
        throw new DqgateException("unknown command \"" + name + "\"" + closest(name).map(c -> "; did you mean \""
            + c + "\"?").orElse("") + " (see dqgate help)");
      }
      if (rest.contains("--help") || rest.contains("-h")) {
        out.println(help(name));
        out.flush();
        return OK;
      }
      Args parsed = Args.parse(name, rest, command.valued(), command.repeatable(), command.flags());
      return command.job().run(parsed, out);
    } catch (Throwable t) {
      log.debug("failure", t);
      err.println("dqgate " + name + ": error: " + Failures.describe(t));
      if (verbose) {
        t.printStackTrace(err);
      }
      err.flush();
      return FAILED;
    }
  }

  /** A command's paragraph of the usage text and every option it takes. */
  static String help(String command) {
    StringBuilder text = new StringBuilder("usage: dqgate " + command + " [options]\n\n");
    boolean inside = false;
    for (String line : USAGE.split("\n")) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        inside = line.substring(2).split(" ", 2)[0].equals(command);
      } else if (!line.startsWith("   ")) {
        inside = false;
      }
      if (inside) {
        text.append(line).append('\n');
      }
    }
    Command c = Commands.ALL.get(command);
    List<String> options = new ArrayList<>();
    c.valued().forEach(o -> options.add("--" + o + " VALUE"));
    c.repeatable().forEach(o -> options.add("--" + o + " KEY=VALUE (repeatable)"));
    c.flags().forEach(o -> options.add("--" + o));
    options.add("--verbose (Spark's warnings and a failure's stack trace)");
    options.sort(null);
    text.append("\noptions:\n");
    options.forEach(o -> text.append("  ").append(o).append('\n'));
    text.append("\nexit codes: 0 ok (PASS/WARN), 2 BLOCK, 1 could not do the work");
    return text.toString();
  }

  /** The command a typo most likely meant: at most a third of its letters off. */
  static java.util.Optional<String> closest(String typed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : Commands.ALL.keySet()) {
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, best.length() / 3) ? java.util.Optional.of(best) : java.util.Optional.empty();
  }

  private static int distance(String a, String b) {
    return org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(a, b);
  }

}
