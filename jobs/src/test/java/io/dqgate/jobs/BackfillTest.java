package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A backfill in one pass writes exactly what single-day runs write. */
@ExtendWith(SparkExtension.class)
class BackfillTest {
  @TempDir
  Path dir;

  @Test
  void backfillEqualsSingleDayRuns() {
    Path feed = dir.resolve("applications");
    SampleFeedGenerator.builder().days(3).contaminatedDay(2).rowsPerWeekday(100).build().write(feed);
    LocalDate from = SampleFeedGenerator.DEFAULT_START;
    LocalDate to = from.plusDays(2);
    String[] common = {"--source", feed.toString(), "--primary-key", "application_id", "--target", "defaulted",
        "--set", "datasets.applications.columns.birth_date.format=dd-MM-yyyy"};
    Path single = dir.resolve("single");
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      CommandLineTest.Result r = CommandLineTest.run(concat(new String[] {"profile", "--date", d.toString(),
          "--repository", single.toString()}, common));
      assertThat(r.code()).as(r.err()).isEqualTo(0);
    }
    Path batch = dir.resolve("batch");
    CommandLineTest.Result r = CommandLineTest.run(concat(new String[] {"backfill", "--from", from.toString(),
        "--to", to.plusDays(2).toString(), "--repository", batch.toString()}, common));
    assertThat(r.code()).as(r.err()).isEqualTo(0);

    ParquetMetricsRepository a = new ParquetMetricsRepository(single.toString(), new Configuration());
    ParquetMetricsRepository b = new ParquetMetricsRepository(batch.toString(), new Configuration());
    assertThat(b.days("applications")).isEqualTo(a.days("applications")).hasSize(3);
    for (LocalDate d : a.days("applications")) {
      Map<MetricKey, MetricRecord> x = byKey(a.loadDay("applications", d));
      Map<MetricKey, MetricRecord> y = byKey(b.loadDay("applications", d));
      assertThat(y.keySet()).isEqualTo(x.keySet());
      for (MetricKey k : x.keySet()) {
        double vx = x.get(k).value();
        double vy = y.get(k).value();
        if (k.metric().equals("distinct_count_approx") || k.metric().equals("quantiles")
            || k.metric().startsWith("p") || k.metric().equals("median") || k.metric().equals("iqr")) {
          // Sketches may merge in another order; their promised error still holds.
          assertThat(vy).as(d + " " + k).isCloseTo(vx, org.assertj.core.data.Percentage.withPercentage(2));
        } else if (Double.isNaN(vx)) {
          assertThat(vy).as(d + " " + k).isNaN();
        } else {
          assertThat(vy).as(d + " " + k)
              .isCloseTo(vx, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(vx))));
        }
        if (!k.metric().equals("quantiles")) {
          assertThat(y.get(k).detail()).as(d + " " + k).isEqualTo(x.get(k).detail());
        }
      }
    }
  }

  private static Map<MetricKey, MetricRecord> byKey(List<MetricRecord> records) {
    Map<MetricKey, MetricRecord> out = new HashMap<>();
    records.forEach(r -> out.put(r.key(), r));
    return out;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
