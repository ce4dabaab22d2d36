package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks' command line, apart from the product's: {@code scripts/bench} runs {@code bench}, and the
 * launcher runs {@code scripts/dqgate bench-contamination} here with the bench jar beside the product's. Same
 * exit codes and one-line errors as {@link Main}.
 */
public final class BenchMain {
  static final String USAGE = String.join("\n",
      "usage: dqgate bench|bench-contamination [options]",
      "",
      "commands:",
      "  bench-contamination  the contamination benchmark: [--conf FILE] [--out DIR] [--days 51]",
      "               [--rows-per-weekday 1000] [--first-incident 21]",
      "               [--reuse true] (judge again the feed and profiles of an earlier run in --out)",
      "  bench        profiling cost: bare scan vs dqgate vs Deequ, backfill, detection (see scripts/bench):",
      "               [--sf 1] [--days 30] [--wide-rows 1000000] [--wide-columns 200] [--warmup 1] [--repeats 3]",
      "               [--only floor,dqgate,deequ-profiler,deequ-analysis,backfill,detection] [--tables lineitem,wide]",
      "               [--dir bench-output] [--markdown BENCHMARKS.md] [--quick]",
      "  bench-detection  detection on feeds of different shape, incidents planted, against Deequ's",
      "               OnlineNormal (see scripts/bench-detection): [--out bench-output/detection] [--days 80]",
      "               [--warmup 28] [--feeds shaped-1,shaped-2,shaped-3,airline-1,lineitem,orders,flights,stops,",
      "               pizza,births,covid,hotels,pets] [--min-rows 300] [--max-rows 50000] [--tpch-sf 1]",
      "               [--flights FILE] [--stops FILE] [--pizza FILE] [--births FILE] [--covid FILE] [--hotels FILE]",
      "               [--pets FILE] [--markdown FILE]",
      "               [--table NAME=PATH (repeatable): any table as a feed (Parquet, ORC, JSON lines, CSV, TSV);",
      "               with no --feeds, the tables alone] [--table-date NAME=COLUMN: the column that cuts it into",
      "               days, when the table has not one date or timestamp column]",
      "               [--judge-only: judge the profiles an earlier run stored again, without profiling]",
      "  help         this text");

  private BenchMain() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs a benchmark and returns its exit code; never exits the JVM (tests call this). */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:dqgate-log4j2.properties");
    }
    Logger log = LoggerFactory.getLogger("dqgate");
    if (argv.length == 0 || Set.of("help", "--help", "-h").contains(argv[0])) {
      out.println(USAGE);
      return argv.length == 0 ? Main.FAILED : Main.OK;
    }
    String command = argv[0];
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    try {
      return switch (command) {
        case "bench-contamination" -> ContaminationBenchmarkJob.run(
            Args.parse(command, rest, ContaminationBenchmarkJob.OPTIONS, Set.of(), Set.of()), out);
        case "bench-detection" -> DetectionBenchmarkJob.run(
            Args.parse(command, rest, DetectionBenchmarkJob.OPTIONS, DetectionBenchmarkJob.REPEATABLE,
                Set.of(DetectionBenchmarkJob.JUDGE_ONLY, DetectionBenchmarkJob.ACCEPT_CLEAN_BLOCKS)), out);
        case "bench" -> ProfileBenchmarkJob.run(
            Args.parse(command, rest, ProfileBenchmarkJob.OPTIONS, ProfileBenchmarkJob.REPEATABLE,
                ProfileBenchmarkJob.FLAGS), rest, out);
        default -> throw new DqgateException(
            "unknown benchmark \"" + command + "\" (bench, bench-contamination, bench-detection)");
      };
    } catch (Throwable t) {
      log.debug("failure", t);
      err.println("dqgate " + command + ": error: " + Failures.describe(t));
      err.flush();
      return Main.FAILED;
    }
  }
}
