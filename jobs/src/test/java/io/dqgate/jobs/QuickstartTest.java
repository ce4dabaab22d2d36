package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.sample.DaySummary;
import io.dqgate.sample.FeedSummary;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart on a short feed, with the example config shipped in conf/. */
@ExtendWith(SparkExtension.class)
class QuickstartTest {
  @TempDir
  Path dir;

  @Test
  void theContaminatedDayBreaksTheExampleConfigsRules() {
    CommandLineTest.Result result = CommandLineTest.run("quickstart", "--conf", "../conf/application.conf",
        "--out", dir.toString(), "--days", "7", "--rows-per-weekday", "300");
    assertThat(result.code()).as(result.err()).isEqualTo(0);

    FeedSummary feed = SampleFeedGenerator.builder().days(7).contaminatedDay(4).rowsPerWeekday(300).build()
        .summary();
    List<String> table = result.out().lines().toList();
    assertThat(table.get(0)).startsWith("date       day   rows dup keys most nulls");
    assertThat(table.get(0)).contains("verdict");
    for (int i = 0; i < 7; i++) {
      DaySummary day = feed.days().get(i);
      String line = table.get(i + 1);
      assertThat(line).startsWith(day.date().toString());
      assertThat(line.split("\\s+")[2]).isEqualTo(String.valueOf(day.rows()));
      assertThat(line.split("\\s+")[3]).isEqualTo(String.valueOf(day.duplicateKeyCount()));
      if (day.contaminated()) {
        assertThat(line).contains(" BLOCK ");
        assertThat(line).contains("BROKEN age:range, birth_date:format, gender:domain, income:max_null_fraction, "
            + "application_id:unique_key");
      } else {
        assertThat(line).doesNotContain("BROKEN").doesNotContain("BLOCK");
      }
    }
    assertThat(feed.days().get(4).contaminated()).isTrue();
  }
}
