package io.dqgate.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The profiling benchmark's figures: a table of medians with ratios against the floor (and dqgate) measured
 * in the same run, the profiling targets, and the machine's facts; printed, and written between the
 * markers of BENCHMARKS.md, leaving the rest of that file as it was.
 */
final class BenchReport {
  static final String BEGIN = "<!-- bench:profile:begin (rewritten by scripts/bench) -->";
  static final String END = "<!-- bench:profile:end -->";
  static final String HEADING = "## Profiling cost: bare scan vs dqgate vs Deequ";

  private final ProfileBenchmarkJob.Settings settings;
  private final List<BenchData.Table> tables = new ArrayList<>();
  private List<BenchMeter.Result> results = List.of();
  private String loadBefore = "";
  private String loadAfter = "";
  private String sparkVersion = "";
  private Instant started;

  BenchReport(ProfileBenchmarkJob.Settings settings) {
    this.settings = settings;
  }

  void loadBefore() {
    started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    loadBefore = loadAverage();
  }

  void table(BenchData.Table table) {
    tables.add(table);
  }

  void finish(List<BenchMeter.Result> measured, String spark) {
    results = List.copyOf(measured);
    loadAfter = loadAverage();
    sparkVersion = spark;
  }

  static String describe(BenchData.Table t) {
    return String.format(Locale.ROOT, "%s: %,d rows x %d columns, %.0f MiB Parquet", t.name(), t.rows(), t.columns(),
        t.bytes() / 1048576.0);
  }

  private Optional<BenchMeter.Result> find(String data, String prefix) {
    return results.stream().filter(r -> r.data().equals(data) && r.contender().startsWith(prefix)).findFirst();
  }

  private static String ratio(double a, double b) {
    return b > 0 && a > 0 ? String.format(Locale.ROOT, "%.2f×", a / b) : "–";
  }

  /** The figures as a Markdown table (also what the console shows). */
  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| data | contender | median | runs (s) | × floor | × dqgate | CPU | CPU × floor | Spark jobs | stages "
        + "| tasks | peak heap |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (BenchMeter.Result r : results) {
      double floor = find(r.data(), "floor").map(BenchMeter.Result::median).orElse(0.0);
      double dqgate = find(r.data(), "dqgate").map(BenchMeter.Result::median).orElse(0.0);
      double floorCpu = find(r.data(), "floor").map(BenchMeter.Result::medianCpu).orElse(0.0);
      boolean spark = !r.data().equals("metrics") && !r.data().equals(BackfillProcesses.DATA);
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          r.data(),
          r.contender(), r.median() < 1 ? String.format(Locale.ROOT, "%.0f ms", r.median() * 1000)
              : String.format(Locale.ROOT, "%.2f s", r.median()),
          String.join(" ", r.seconds().stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList()),
          ratio(r.median(), floor), ratio(r.median(), dqgate),
          String.format(Locale.ROOT, "%.2f s", r.medianCpu()), ratio(r.medianCpu(), floorCpu),
          spark ? r.jobs() : "–", spark ? r.stages() : "–",
          spark ? r.tasks() : "–", spark ? (r.peakHeapBytes() >> 20) + " MiB" : "–"));
    }
    return sb.toString();
  }

  /** The profiling targets (profile cost against the floor, Deequ, backfill, heap) against this run's figures. */
  String targets() {
    StringBuilder sb = new StringBuilder();
    for (String data : List.of("lineitem", "wide")) {
      var floor = find(data, "floor");
      var dq = find(data, "dqgate");
      var plan = find(data, "plan scan");
      var cpr = find(data, "Deequ ColumnProfilerRunner");
      var ar = find(data, "Deequ AnalysisRunner");
      boolean lineitem = data.equals("lineitem");
      if (floor.isPresent() && dq.isPresent()) {
        double x = dq.get().median() / floor.get().median();
        double want = lineitem ? 1.5 : 2.0;
        sb.append(line(data + ": dqgate profile / floor", x, lineitem ? "≤ 1.5× (stretch 1.2×)" : "≤ 2×", x <= want));
        double cpu = dq.get().medianCpu() / floor.get().medianCpu();
        sb.append(line(data + ": dqgate profile / floor, CPU time", cpu, "(same target, the steadier figure "
            + "on a shared machine)", true));
        long extra = dq.get().peakHeapBytes() - floor.get().peakHeapBytes();
        sb.append(String.format(Locale.ROOT, "- %s: dqgate profile peak heap %d MiB, floor's %d MiB: +%d MiB "
            + "(target ≤ +1024 MiB): %s%n", data, dq.get().peakHeapBytes() >> 20, floor.get().peakHeapBytes() >> 20,
            extra >> 20, extra <= 1L << 30 ? "met" : "MISSED"));
      }
      if (plan.isPresent() && dq.isPresent()) {
        sb.append(line(data + ": plan scan / kernel (dqgate profile)", plan.get().median() / dq.get().median(),
            "(no target)", true));
      }
      if (cpr.isPresent() && dq.isPresent()) {
        double x = cpr.get().median() / dq.get().median();
        sb.append(line(data + ": ColumnProfilerRunner / dqgate", x, "≥ 10×", x >= 10));
      }
      if (ar.isPresent() && dq.isPresent()) {
        double x = ar.get().median() / dq.get().median();
        sb.append(line(data + ": AnalysisRunner (same metrics) / dqgate", x, "≥ 3×", x >= 3));
      }
    }
    var single = find("lineitem-daily", settings.days() + " single");
    var backfill = find("lineitem-daily", "backfill of " + settings.days() + " days in one job");
    var drift = find("lineitem-daily", "backfill of " + settings.days() + " days, ");
    if (single.isPresent() && backfill.isPresent()) {
      double x = single.get().median() / backfill.get().median();
      sb.append(line(settings.days() + " single-day runs / one backfill", x, "≥ 5×", x >= 5));
    }
    var singleProcesses = find(BackfillProcesses.DATA, settings.days() + " single");
    var backfillProcess = find(BackfillProcesses.DATA, "`dqgate backfill`");
    if (singleProcesses.isPresent() && backfillProcess.isPresent()) {
      double x = singleProcesses.get().median() / backfillProcess.get().median();
      sb.append(line(settings.days() + " single-day processes / one backfill process", x, "≥ 5×", x >= 5));
    }
    if (drift.isPresent() && backfill.isPresent()) {
      double x = drift.get().median() / backfill.get().median();
      sb.append(line("backfill with 2 days in another schema / uniform backfill", x, "≤ 1.5×", x <= 1.5));
    }
    find("feed", "backtest").ifPresent(r -> sb.append(String.format(Locale.ROOT,
        "- %s: %.1f s (target < 120 s): %s%n", r.contender(), r.median(), r.median() < 120 ? "met" : "MISSED")));
    find("metrics", "detection").ifPresent(r -> sb.append(String.format(Locale.ROOT,
        "- detection of one day: %.0f ms (target < 1 s): %s%n", r.median() * 1000, r.median() < 1 ? "met" : "MISSED")));
    return sb.toString();
  }

  private static String line(String what, double x, String target, boolean met) {
    if (target.startsWith("(")) {
      return String.format(Locale.ROOT, "- %s: %.2f× %s%n", what, x, target);
    }
    return String.format(Locale.ROOT, "- %s: %.2f× (target %s): %s%n", what, x, target, met ? "met" : "MISSED");
  }

  String machine() {
    return String.format(Locale.ROOT, "%s UTC; %d cores, %s RAM, %s %s, Spark %s `%s`; load average "
        + "(1/5/15 min) %s before, %s after", started, Runtime.getRuntime().availableProcessors(), memTotal(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), sparkVersion, settings.master(),
        loadBefore, loadAfter);
  }

  String section() {
    StringBuilder sb = new StringBuilder();
    sb.append(BEGIN).append("\n\n```bash\n").append(settings.command()).append("\n```\n\n");
    sb.append(machine()).append(".\n\n");
    sb.append(String.format(Locale.ROOT, "%d warm-up + %d measured runs per contender (median); one JVM, one "
        + "SparkSession. Data: ", settings.warmup(), settings.repeats()));
    sb.append(String.join("; ", tables.stream().map(BenchReport::describe).toList())).append(".\n\n");
    sb.append(table()).append('\n').append(targets()).append('\n').append(END).append('\n');
    return sb.toString();
  }

  void print(PrintStream out) {
    out.println();
    out.println(machine());
    out.println();
    out.print(table());
    out.println();
    out.print(targets());
    out.flush();
  }

  /** Replaces the marked section of {@code markdown}, or appends it under its heading when there is none. */
  void rewrite(Path markdown) {
    try {
      String text = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      String updated;
      if (begin >= 0 && end > begin) {
        int after = end + END.length();
        if (after < text.length() && text.charAt(after) == '\n') {
          after++;
        }
        updated = text.substring(0, begin) + section() + text.substring(after);
      } else {
        updated = text + (text.endsWith("\n") ? "" : "\n") + "\n" + HEADING + "\n\n" + section();
      }
      Files.writeString(markdown, updated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("\\D+", ""));
          return String.format(Locale.ROOT, "%.0f GiB", kib / 1048576.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave it out
    }
    return "n/a";
  }
}
