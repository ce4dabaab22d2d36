package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The backfill against single-day runs as a scheduler runs them: each day its own {@code dqgate profile}
 * process, against one {@code dqgate backfill} process over the same days. Every process starts cold (JVM,
 * Spark session, planning), which the in-JVM comparison does not pay. One run of each (in turns: the days,
 * then the backfill), each into a fresh repository; wall time, and CPU time of the finished child processes
 * (this JVM's children's user and system time, from {@code /proc/self/stat}).
 */
final class BackfillProcesses {
  /** Data name of these results: no Spark listener sees the children's jobs or heap. */
  static final String DATA = "processes";
  /** Linux's USER_HZ, the unit of the children's times in {@code /proc/self/stat}. */
  private static final double CLOCK_TICKS = 100.0;

  private BackfillProcesses() {}

  static List<BenchMeter.Result> run(ProfileBenchmarkJob.Settings s, BenchData.Table table, List<String> key) {
    if (s.launcher() == null) {
      throw new DqgateException("--only backfill-processes needs --launcher (the scripts/dqgate to start; "
          + "scripts/bench passes it)");
    }
    LocalDate from = BenchData.DAY;
    LocalDate to = from.plusDays(s.days() - 1L);
    Path work = s.dir().resolve("work");
    Path log = work.resolve("backfill-processes.log").toAbsolutePath();
    List<String> common = List.of("--source", table.root().toAbsolutePath().toString(), "--format", "parquet",
        "--partitioning", "day={date}", "--primary-key", String.join(",", key), "--dataset", "lineitem");
    List<BenchMeter.Result> results = new ArrayList<>();

    Path singleRepo = ProfileBenchmarkJob.fresh(work.resolve("processes-single"));
    List<List<String>> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(command(s, "profile", common, "--repository", singleRepo.toString(), "--date", d.toString()));
    }
    results.add(timed(s.days() + " single-day `dqgate profile` processes", days, log));

    Path backfillRepo = ProfileBenchmarkJob.fresh(work.resolve("processes-backfill"));
    results.add(timed("`dqgate backfill` of " + s.days() + " days, one process", List.of(command(s, "backfill",
        common, "--repository", backfillRepo.toString(), "--from", from.toString(), "--to", to.toString())), log));
    return results;
  }

  private static List<String> command(ProfileBenchmarkJob.Settings s, String job, List<String> common,
      String... more) {
    List<String> command = new ArrayList<>(List.of(s.launcher().toString(), job));
    command.addAll(common);
    command.addAll(List.of(more));
    return command;
  }

  /** Runs the commands one after the other; the time and CPU time of them all. */
  private static BenchMeter.Result timed(String contender, List<List<String>> commands, Path log) {
    long cpuStart = childrenCpuTicks();
    long start = System.nanoTime();
    for (List<String> command : commands) {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // the launcher's own defaults, not the bench JVM's options (heap, a flight recording)
      pb.environment().put("DQGATE_JAVA_OPTS", "-Xmx4g");
      pb.environment().put("DQGATE_BUILD", "0");
      try {
        int exit = pb.start().waitFor();
        if (exit != 0) {
          throw new DqgateException(String.join(" ", command) + ": exit " + exit + " (output in " + log + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DqgateException("interrupted while running " + String.join(" ", command));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (childrenCpuTicks() - cpuStart) / CLOCK_TICKS;
    return new BenchMeter.Result(DATA, contender, List.of(seconds), List.of(cpu), 0, 0, 0, 0, commands.size());
  }

  /** User and system time of this JVM's finished (waited-for) children, in clock ticks; 0 off Linux. */
  static long childrenCpuTicks() {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.isReadable(stat)) {
      return 0;
    }
    try {
      String text = Files.readString(stat);
      // fields after the command name (which may hold spaces): state is the first; cutime, cstime the 14th, 15th
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
