package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The contamination benchmark at small scale: five incident kinds after three clean weeks. */
@ExtendWith(SparkExtension.class)
class ContaminationBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void incidentsAreCaughtWithTheirColumnAndDeequRunsBeside() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BenchMain.run(new String[] {"bench-contamination", "--conf", "../conf/application.conf",
        "--out", dir.toString(), "--days", "31", "--rows-per-weekday", "200"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
    String printed = out.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.lines().toList();
    // null_spike, duplicate_keys, unit_change, new_category_spellings, day_month_swap
    List<String> incidents = lines.subList(1, 6);
    assertThat(incidents).extracting(l -> l.split("\\s+")[1]).containsExactly("null_spike", "duplicate_keys",
        "unit_change", "new_category_spellings", "day_month_swap");
    assertThat(incidents).allSatisfy(l -> assertThat(l.split("\\s+")[2]).isEqualTo("BLOCK"));
    assertThat(incidents).allSatisfy(l -> assertThat(l.split("\\s+")[3]).isEqualTo("yes"));
    assertThat(printed).contains("dqgate: caught 5/5 incidents (5 blocked), right column 5/5")
        .contains("deequ-online-normal alone on the same metrics: flagged ");
  }

  @Test
  void anUnknownBenchmarkIsOneLineAndExitOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = BenchMain.run(new String[] {"profile"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("dqgate profile: error: unknown benchmark \"profile\" "
            + "(bench, bench-contamination, bench-detection)\n");
  }
}
