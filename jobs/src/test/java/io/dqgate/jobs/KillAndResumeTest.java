package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.PausePoints;
import io.dqgate.gate.GateMarker;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.testing.SparkExtension;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a dqgate process at named instants of profile, backfill, gate and run (the process pauses
 * there, see {@link PausePoints}, so the kill lands exactly), then: every stored day is whole (old or
 * new), some version of a published day is live once one was, and the next command succeeds without a
 * person. The killed processes are child JVMs on this test's classpath; the commands that follow run in
 * this JVM.
 */
@ExtendWith(SparkExtension.class)
class KillAndResumeTest {
  private static final String DAY = "2026-08-04";
  private static final LocalDate DATE = LocalDate.parse(DAY);
  private static final String PART = "dt=" + DAY;

  /** History (three days backfilled), DAY run and published as version 1. */
  @TempDir static Path published;
  /** The same, then DAY re-landed with one more row, checked, profiled and judged: ready to gate as version 2. */
  @TempDir static Path relanded;

  @TempDir Path dir;

  private static String[] args(Path root, String command, String... extra) {
    List<String> out = new ArrayList<>(List.of(command, "--source", root.resolve("landing/orders").toString(),
        "--format", "csv", "--repository", root.resolve("repository").toString()));
    if (List.of("run", "gate", "history", "rollback").contains(command)) {
      out.addAll(List.of("--publish-to", root.resolve("store").toString(), "--quarantine-to",
          root.resolve("quarantine").toString()));
    }
    out.addAll(List.of(extra));
    return out.toArray(String[]::new);
  }

  private static CommandLineTest.Result ok(CommandLineTest.Result r) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.OK);
    return r;
  }

  @BeforeAll
  static void fixtures(SparkSession spark) throws IOException {
    for (int day = 1; day <= 4; day++) {
      BadInputCorpusTest.write(published.resolve("landing/orders/dt=2026-08-0" + day + "/part-0.csv"),
          "id,name,amount,city\n" + BadInputCorpusTest.rows(10 + day));
    }
    ok(CommandLineTest.run(args(published, "backfill", "--from", "2026-08-01", "--to", "2026-08-03")));
    ok(CommandLineTest.run(args(published, "run", "--date", DAY)));
    BadInputCorpusTest.copy(published, relanded);
    Files.writeString(relanded.resolve("landing/orders/" + PART + "/part-0.csv"), "9,name9,12.5,Oslo\n",
        java.nio.file.StandardOpenOption.APPEND);
    for (String command : List.of("check-files", "profile", "detect")) {
      ok(CommandLineTest.run(args(relanded, command, "--date", DAY)));
    }
  }

  /** A dqgate process on this JVM's classpath that pauses at {@code pauseAt}. */
  private Process child(String pauseAt, Path signal, String... argv) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (jvmArg.startsWith("--add-opens") || jvmArg.startsWith("-XX:+IgnoreUnrecognized")
          || jvmArg.startsWith("-Djdk.reflect")) {
        command.add(jvmArg);
      }
    }
    command.addAll(List.of("-Xmx1g", "-Duser.timezone=UTC", "-D" + PausePoints.AT + "=" + pauseAt,
        "-D" + PausePoints.FILE + "=" + signal, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(argv));
    return new ProcessBuilder(command).redirectOutput(dir.resolve("child.out").toFile())
        .redirectError(dir.resolve("child.err").toFile()).start();
  }

  /** Waits until the child reached its pause point, then kills it (SIGKILL: no shutdown hook runs). */
  private void killAtPause(Process child, Path signal) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(signal)) {
      assertThat(child.isAlive()).as("child ended before its pause point: %s",
          Files.readString(dir.resolve("child.err"))).isTrue();
      assertThat(System.nanoTime()).as("pause point not reached in 5 minutes").isLessThan(deadline);
      Thread.sleep(100);
    }
    child.destroyForcibly();
    assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
  }

  private Path fresh(Path fixture) throws IOException {
    Path root = dir.resolve("root");
    BadInputCorpusTest.copy(fixture, root);
    return root;
  }

  private static long rowCount(Path root, String day) {
    return (long) new ParquetMetricsRepository(root.resolve("repository").toString(),
            new org.apache.hadoop.conf.Configuration())
        .loadDay("orders", LocalDate.parse(day)).stream()
        .filter(m -> m.metric().equals("row_count") && m.instance().equals("*"))
        .mapToDouble(io.dqgate.metrics.MetricRecord::value).findFirst().orElse(-1);
  }

  @ParameterizedTest(name = "kill -9 at {0}")
  @ValueSource(strings = {"profile.before-write", "repository.before-commit"})
  void aProfileKilledAtAnyStepLeavesTheDayAsItWasAndTheNextProfileSucceeds(String point) throws Exception {
    Path root = fresh(relanded);
    Files.writeString(root.resolve("landing/orders/" + PART + "/part-0.csv"), "10,name10,9.5,Oslo\n",
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, String> dayBefore = TreeHash.of(root.resolve("repository"),
        p -> p.contains(PART.replace("dt", "partition_date")));
    Path signal = dir.resolve("paused");

    killAtPause(child(point, signal, args(root, "profile", "--date", DAY)), signal);

    assertThat(TreeHash.of(root.resolve("repository"), p -> p.contains(PART.replace("dt", "partition_date"))))
        .isEqualTo(dayBefore);
    assertThat(rowCount(root, DAY)).isEqualTo(15);
    ok(CommandLineTest.run(args(root, "profile", "--date", DAY)));
    assertThat(rowCount(root, DAY)).isEqualTo(16);
  }

  @Test
  void aBackfillKilledBetweenDaysLeavesEachDayWholeAndRunsAgainQuietly() throws Exception {
    Path root = fresh(relanded);
    for (int day = 1; day <= 3; day++) {
      Files.writeString(root.resolve("landing/orders/dt=2026-08-0" + day + "/part-0.csv"), "99,name99,1.5,Oslo\n",
          java.nio.file.StandardOpenOption.APPEND);
    }
    Path signal = dir.resolve("paused");

    killAtPause(child("backfill.day-written", signal, args(root, "backfill", "--from", "2026-08-01", "--to",
        "2026-08-03")), signal);

    assertThat(List.of(rowCount(root, "2026-08-01"), rowCount(root, "2026-08-02"), rowCount(root, "2026-08-03")))
        .containsExactly(12L, 12L, 13L); // the first day rewritten whole, the others whole as they were
    Process again = child("none", dir.resolve("unused"), args(root, "backfill", "--from", "2026-08-01", "--to",
        "2026-08-03"));
    assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
    List<String> log = Files.readAllLines(dir.resolve("child.err"), StandardCharsets.UTF_8);
    assertThat(again.exitValue()).as(String.join("\n", log)).isZero();
    assertThat(List.of(rowCount(root, "2026-08-01"), rowCount(root, "2026-08-02"), rowCount(root, "2026-08-03")))
        .containsExactly(12L, 13L, 14L);
    // Spark's own logging is off: every line on stderr is dqgate's
    assertThat(log).isNotEmpty().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d (INFO|WARN) +dqgate: .*"));
  }

  private static int liveVersion(Path root) throws IOException {
    Path marker = root.resolve("store").resolve(PART).resolve(GateMarker.FILE_NAME);
    return Files.exists(marker) ? GateMarker.parse(Files.readString(marker), "marker").version() : 0;
  }

  private static List<String> leftovers(Path root) {
    return TreeHash.of(root.resolve("store/_dqgate"), p -> !p.startsWith("versions/")).keySet().stream().toList();
  }

  @ParameterizedTest(name = "kill -9 at {0}")
  @ValueSource(strings = {"gate.locked", "gate.before-commit", "gate.between-renames", "gate.committed"})
  void aGateKilledAtAnyInstantIsFinishedOrUndoneByTheNextCommand(String point) throws Exception {
    Path root = fresh(relanded);
    Path signal = dir.resolve("paused");

    killAtPause(child(point, signal, args(root, "gate", "--date", DAY)), signal);

    int afterKill = liveVersion(root);
    boolean committed = point.equals("gate.between-renames") || point.equals("gate.committed");
    assertThat(afterKill).isEqualTo(switch (point) {
      case "gate.between-renames" -> 0; // the instant between the renames: the next command finishes it
      case "gate.committed" -> 2;
      default -> 1;
    });
    CommandLineTest.Result history = ok(CommandLineTest.run(args(root, "history", "--date", DAY)));
    assertThat(history.out().lines().skip(1).map(l -> l.split("\\s+")[0] + (l.contains(" * ") ? "*" : "")))
        .containsExactly(committed ? new String[] {"2*", "1"} : new String[] {"1*"});
    assertThat(leftovers(root)).isEmpty(); // lock taken over, intent finished or undone, staging cleared

    CommandLineTest.Result gate = ok(CommandLineTest.run(args(root, "gate", "--date", DAY)));
    assertThat(gate.out()).contains(committed ? "version 2 at file:" + root.resolve("store").resolve(PART)
        + " already holds these files; unchanged" : "published version 2 (1 file(s)");
    assertThat(liveVersion(root)).isEqualTo(2);
    assertThat(TreeHash.of(root.resolve("store").resolve(PART), p -> !p.equals(GateMarker.FILE_NAME)))
        .isEqualTo(TreeHash.of(root.resolve("landing/orders").resolve(PART)));
  }

  @Test
  void aRunKilledBetweenTheRenamesIsFinishedByTheNextRun() throws Exception {
    Path root = fresh(relanded);
    Path signal = dir.resolve("paused");

    killAtPause(child("gate.between-renames", signal, args(root, "run", "--date", DAY)), signal);
    assertThat(liveVersion(root)).isZero();

    CommandLineTest.Result next = ok(CommandLineTest.run(args(root, "run", "--date", DAY)));
    assertThat(next.out()).contains("already holds these files; unchanged");
    assertThat(liveVersion(root)).isEqualTo(2);
    assertThat(leftovers(root)).isEmpty();
  }

  @Test
  void aFileAddedAfterTheDayWasJudgedIsNeverPublished() throws Exception {
    Path root = fresh(relanded);
    Path partition = root.resolve("landing/orders").resolve(PART);
    Map<String, String> storeBefore = TreeHash.of(root.resolve("store"));
    Path signal = dir.resolve("paused");
    System.setProperty(PausePoints.AT, "gate.locked");
    System.setProperty(PausePoints.FILE, signal.toString());
    CompletableFuture<CommandLineTest.Result> run;
    try {
      run = CompletableFuture.supplyAsync(() -> CommandLineTest.run(args(root, "run", "--date", DAY)));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Files.exists(signal) && !run.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      // judged, gate about to copy: a late file lands
      Files.writeString(partition.resolve("part-1.csv"), "id,name,amount,city\n1,late,1.0,Oslo\n");
      Files.delete(signal);
    } finally {
      System.clearProperty(PausePoints.AT);
      System.clearProperty(PausePoints.FILE);
    }
    CommandLineTest.Result r = run.get(5, TimeUnit.MINUTES);

    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("dqgate run: error: gate: " + partition + " changed after it was judged: "
        + "part-1.csv was added (36 bytes); nothing was published (run it again to judge the files as they are now)\n");
    assertThat(TreeHash.of(root.resolve("store"))).isEqualTo(storeBefore);
  }

  @Test
  void aBogusSparkMasterIsOneLine() throws Exception {
    Path root = fresh(published);
    Process p = child("none", dir.resolve("unused"), args(root, "profile", "--date", DAY, "--set",
        "spark.master=bogus"));
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isEqualTo(Main.FAILED);
    assertThat(Files.readString(dir.resolve("child.err"))).isEqualTo("dqgate profile: error: spark.master: cannot "
        + "parse \"bogus\" (local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL)\n");
    assertThat(new File(dir.resolve("child.out").toString()).length()).isZero();
  }
}
