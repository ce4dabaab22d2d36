package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.testing.SparkExtension;
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
    CommandLineTest.Result result = CommandLineTest.run("bench-contamination", "--conf", "../conf/application.conf",
        "--out", dir.toString(), "--days", "31", "--rows-per-weekday", "200");
    assertThat(result.code()).as(result.err()).isEqualTo(0);
    List<String> lines = result.out().lines().toList();
    // null_spike, duplicate_keys, unit_change, new_category_spellings, day_month_swap
    List<String> incidents = lines.subList(1, 6);
    assertThat(incidents).extracting(l -> l.split("\\s+")[1]).containsExactly("null_spike", "duplicate_keys",
        "unit_change", "new_category_spellings", "day_month_swap");
    assertThat(incidents).allSatisfy(l -> assertThat(l.split("\\s+")[2]).isEqualTo("BLOCK"));
    assertThat(incidents).allSatisfy(l -> assertThat(l.split("\\s+")[3]).isEqualTo("yes"));
    assertThat(result.out()).contains("dqgate: caught 5/5 incidents (5 blocked), right column 5/5")
        .contains("deequ-online-normal alone on the same metrics: flagged ");
  }
}
