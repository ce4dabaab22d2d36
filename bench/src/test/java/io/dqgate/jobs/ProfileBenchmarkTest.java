package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiling benchmark's harness at toy scale: every contender runs, ratios come out, BENCHMARKS.md is
 * rewritten.
 */
@ExtendWith(SparkExtension.class)
class ProfileBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void everyContenderRunsAndTheMarkedSectionIsReplaced(SparkSession spark) throws Exception {
    Path markdown = dir.resolve("BENCHMARKS.md");
    Files.writeString(markdown, "# Benchmarks\n\n## Other figures\n\nkept as they are\n\n"
        + BenchReport.HEADING + "\n\n" + BenchReport.BEGIN + "\nold figures\n" + BenchReport.END
        + "\n\n## After\n\nkept too\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code = BenchMain.run(new String[] {"bench", "--dir", dir.resolve("bench").toString(), "--sf", "0.001",
        "--days", "2", "--wide-rows", "400", "--wide-columns", "12", "--warmup", "0", "--repeats", "1",
        "--detect-days", "60", "--detect-metrics", "20", "--backtest-days", "6", "--markdown", markdown.toString(),
        "--command", "scripts/bench --toy"}, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(errBytes.toString(StandardCharsets.UTF_8) + out).isEqualTo(0);
    for (String table : new String[] {"lineitem", "wide"}) {
      String row = "\\| " + table + " \\| ";
      String medianAndRuns = " \\| [^|]+ \\| [^|]+ \\| ";
      String ratio = "\\d+\\.\\d\\d×";
      assertThat(out).containsPattern(row + "floor: bare scan \\(noop write\\)" + medianAndRuns + "1\\.00× \\|")
          .containsPattern(row + "dqgate profile" + medianAndRuns + ratio + " \\| 1\\.00× \\|")
          .containsPattern(row + "Deequ ColumnProfilerRunner" + medianAndRuns + ratio + " \\| " + ratio + " \\|")
          .containsPattern(row + "Deequ AnalysisRunner \\(same metrics\\)" + medianAndRuns + ratio);
    }
    assertThat(out).contains("| lineitem-daily | 2 single-day profile runs |",
        "| lineitem-daily | backfill of 2 days in one job |",
        "| lineitem-daily | backfill of 2 days, 2 in another schema |",
        "| lineitem | plan scan: dqgate profile, profile.scan = plan |",
        "| feed | backfill of 6 CSV days, 2 with another header |",
        "| feed | backtest of 6 days (files already profiled) |",
        "- backfill with 2 days in another schema / uniform backfill: ", "- lineitem: dqgate profile peak heap ",
        "| metrics | detection of one day: 59 days x 17 metrics of history |", "- 2 single-day runs / one backfill: ",
        "- detection of one day: ");
    String md = Files.readString(markdown);
    assertThat(md).startsWith("# Benchmarks\n\n## Other figures\n\nkept as they are\n")
        .endsWith(BenchReport.END + "\n\n## After\n\nkept too\n")
        .doesNotContain("old figures")
        .contains("```bash\nscripts/bench --toy\n```", "| wide | dqgate profile |", " cores, ")
        .containsOnlyOnce(BenchReport.BEGIN);
  }

  /** One dqgate process per day against one backfill process, started through the project's launcher. */
  @Test
  void singleDayProcessesRunBesideOneBackfillProcess() throws Exception {
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("scripts").resolve("dqgate");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code = BenchMain.run(new String[] {"bench", "--dir", dir.resolve("bench").toString(), "--sf", "0.001",
        "--days", "2", "--tables", "lineitem", "--only", "backfill-processes", "--warmup", "0", "--repeats", "1",
        "--launcher", launcher.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(errBytes.toString(StandardCharsets.UTF_8) + out).isEqualTo(0);
    assertThat(out).containsPattern("\\| processes \\| 2 single-day `dqgate profile` processes \\| [^|]+ \\| [^|]+ "
        + "\\| – \\| – \\| \\d+\\.\\d\\d s \\| – \\| – \\| – \\| – \\| – \\|")
        .contains("| processes | `dqgate backfill` of 2 days, one process |",
            "- 2 single-day processes / one backfill process: ");
    // each repository holds both days, profiled by its processes
    for (String repository : new String[] {"processes-single", "processes-backfill"}) {
      Path days = dir.resolve("bench").resolve("work").resolve(repository).resolve("dataset=lineitem");
      try (var stored = Files.list(days)) {
        assertThat(stored.map(d -> d.getFileName().toString()).sorted())
            .as(repository).containsExactly("partition_date=2026-01-01", "partition_date=2026-01-02");
      }
    }
  }

  @Test
  void dateFormatsBecomeRegexes() {
    assertThat(ProfileBenchmarkJob.regexOf("yyyy-MM-dd")).isEqualTo("^\\d{4}\\Q-\\E\\d{2}\\Q-\\E\\d{2}$");
    assertThat("2026-01-31").matches(ProfileBenchmarkJob.regexOf("yyyy-MM-dd"));
    assertThat("31/01/2026 12:00:00").matches(ProfileBenchmarkJob.regexOf("dd/MM/yyyy HH:mm:ss"));
  }
}
