package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dqgate report} failures: exit 1 and one line naming what is missing; no page is left behind. */
class ReportCommandTest {
  @TempDir
  Path dir;

  private CommandLineTest.Result report(String... options) {
    String[] base = {"report", "--source", dir.resolve("orders").toString(), "--repository",
        dir.resolve("repo").toString()};
    String[] argv = java.util.Arrays.copyOf(base, base.length + options.length);
    System.arraycopy(options, 0, argv, base.length, options.length);
    return CommandLineTest.run(argv);
  }

  @Test
  void dayAndRangeAreExclusive() {
    CommandLineTest.Result both = report("--date", "2026-08-05", "--from", "2026-08-01", "--out", "x.html");
    assertThat(both.code()).isEqualTo(Main.FAILED);
    assertThat(both.err()).isEqualTo("dqgate report: error: report: give --date D (one day's report) or --from D1 "
        + "--to D2 (an overview), not both\n");
    CommandLineTest.Result neither = report("--out", "x.html");
    assertThat(neither.err()).endsWith("(an overview), neither was given\n");
  }

  @Test
  void outIsRequiredAndRangeMustAscend() {
    assertThat(report("--date", "2026-08-05").err())
        .isEqualTo("dqgate report: error: --out: missing (the HTML file to write)\n");
    CommandLineTest.Result backwards = report("--from", "2026-08-05", "--to", "2026-08-01", "--out",
        dir.resolve("o.html").toString());
    assertThat(backwards.code()).isEqualTo(Main.FAILED);
    assertThat(backwards.err())
        .isEqualTo("dqgate report: error: --to: must not be before --from (2026-08-05), was 2026-08-01\n");
  }

  @Test
  void unprofiledDayNamesTheRepositoryAndWritesNothing() {
    Path out = dir.resolve("report.html");
    CommandLineTest.Result result = report("--date", "2026-08-05", "--out", out.toString());
    assertThat(result.code()).isEqualTo(Main.FAILED);
    assertThat(result.err()).startsWith("dqgate report: error: no metrics of orders on 2026-08-05 in ")
        .contains("repo").endsWith(": run profile and detect first\n");
    assertThat(Files.exists(out)).isFalse();
  }
}
