package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection benchmark at small scale on two feeds of different shape (a synthetic feed and TPC-H
 * orders): rates over all their days, not single days.
 */
@ExtendWith(SparkExtension.class)
class DetectionBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void twoFeedsRates() {
    List<String> argv = List.of("--out", dir.toString(), "--feeds", "shaped-5,orders", "--days", "34", "--warmup",
        "16", "--min-rows", "300", "--max-rows", "600", "--tpch-sf", "0.3", "--incidents",
        "null-spike,unit-change,new-values,duplicate-rows,sentinel,tampered,stale-copy");
    List<DetectionScore.FeedResult> results = DetectionBenchmarkJob.measure(
        Args.parse("bench-detection", argv, DetectionBenchmarkJob.OPTIONS, Set.of(), Set.of()));
    assertThat(results).extracting(DetectionScore.FeedResult::feed).containsExactly("shaped-5", "orders");
    long incidents = results.stream().mapToLong(r -> r.incidents().size()).sum();
    long rightColumn = results.stream().mapToLong(DetectionScore.FeedResult::blockedRightColumn).sum();
    long rightCause = results.stream().mapToLong(DetectionScore.FeedResult::rightCause).sum();
    long clean = results.stream().mapToLong(r -> r.cleanDays().size()).sum();
    long cleanBlocks = results.stream().mapToLong(r -> r.clean(Status.BLOCK)).sum();
    String report = DetectionScore.markdown(results);
    assertThat(incidents).as(report).isEqualTo(14);
    assertThat(clean).as(report).isEqualTo(2 * (34 - 7 - 7));
    assertThat((double) rightColumn / incidents).as(report).isGreaterThanOrEqualTo(0.9);
    assertThat((double) rightCause / incidents).as(report).isGreaterThanOrEqualTo(0.75);
    assertThat((double) cleanBlocks / clean).as(report).isLessThanOrEqualTo(0.05);
  }
}
