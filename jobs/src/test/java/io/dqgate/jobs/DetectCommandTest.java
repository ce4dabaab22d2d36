package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** backfill → detect / backtest / label through the command line, on the sample feed. */
@ExtendWith(SparkExtension.class)
class DetectCommandTest {
  @TempDir
  Path dir;

  @Test
  void contaminatedDayBlocksCleanDayPasses() throws IOException {
    Path feed = dir.resolve("feed").resolve("applications");
    SampleFeedGenerator.builder().days(16).contaminatedDay(15).rowsPerWeekday(300).build().write(feed);
    LocalDate start = SampleFeedGenerator.DEFAULT_START;
    String[] dataset = {"--conf", "../conf/application.conf", "--dataset", "applications",
        "--set", "datasets.applications.source.path=" + feed, "--repository", dir.resolve("repo").toString()};
    CommandLineTest.Result backfill = CommandLineTest.run(concat(new String[] {"backfill", "--from",
        start.toString(), "--to", start.plusDays(15).toString()}, dataset));
    assertThat(backfill.code()).as(backfill.err()).isEqualTo(0);

    Path verdict = dir.resolve("v.json");
    CommandLineTest.Result bad = CommandLineTest.run(concat(new String[] {"detect", "--date",
        start.plusDays(15).toString(), "--verdict-json", verdict.toString()}, dataset));
    assertThat(bad.code()).as(bad.out() + bad.err()).isEqualTo(Main.BLOCKED);
    JsonNode json = new ObjectMapper().readTree(Files.readString(verdict));
    assertThat(json.get("status").asText()).isEqualTo("BLOCK");
    assertThat(json.get("partition_date").asText()).isEqualTo(start.plusDays(15).toString());
    StringBuilder columns = new StringBuilder();
    json.get("findings").forEach(f -> columns.append(f.get("column").asText()).append(' '));
    assertThat(columns.toString()).contains("income").contains("age").contains("gender").contains("birth_date");

    CommandLineTest.Result good = CommandLineTest.run(concat(new String[] {"detect", "--date",
        start.plusDays(14).toString()}, dataset));
    assertThat(good.code()).as(good.out()).isEqualTo(Main.OK);
    assertThat(good.out()).doesNotStartWith("BLOCK");

    CommandLineTest.Result skew = CommandLineTest.run(concat(new String[] {"skew", "--date",
        start.plusDays(15).toString(), "--reference", "applications@" + start.plusDays(14)}, dataset));
    assertThat(skew.code()).as(skew.err()).isIn(Main.OK, Main.BLOCKED);
    assertThat(skew.out()).contains("skew").contains("gender");
    CommandLineTest.Result skewFolder = CommandLineTest.run(concat(new String[] {"skew", "--date",
        start.plusDays(15).toString(), "--reference", feed.resolve("dt=" + start.plusDays(14)).toString()}, dataset));
    assertThat(skewFolder.code()).as(skewFolder.err()).isIn(Main.OK, Main.BLOCKED);
    assertThat(skewFolder.out()).contains("gender");

    CommandLineTest.Result label = CommandLineTest.run(concat(new String[] {"label", "--date",
        start.plusDays(15).toString(), "--as", "rejected"}, dataset));
    assertThat(label.code()).as(label.err()).isEqualTo(0);

    Path verdicts = dir.resolve("verdicts");
    CommandLineTest.Result backtest = CommandLineTest.run(concat(new String[] {"backtest", "--from",
        start.plusDays(13).toString(), "--to", start.plusDays(15).toString(), "--verdict-dir", verdicts.toString()},
        dataset));
    assertThat(backtest.code()).as(backtest.err()).isEqualTo(0);
    assertThat(backtest.out().lines().toList()).hasSize(4);
    assertThat(backtest.out().lines().toList().get(3)).startsWith(start.plusDays(15) + " ").contains(" BLOCK ");
    assertThat(Files.exists(verdicts.resolve(start.plusDays(14) + ".json"))).isTrue();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
