package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Signatures on a feed of a hundred-odd rows a day: a column narrow against its level (a longitude) multiplied
 * by a unit, and a handful of copied rows where no clean day had one.
 */
class SmallFeedSignaturesTest {
  private static final Signal.Factory BLOCK = new Signal.Factory(Severity.BLOCK);

  /** A day's longitudes: about 140 stops within a city, −93.33 .. −93.19. */
  private static MetricRecord longitudes(LocalDate day, Random random, double factor) {
    int n = 110 + random.nextInt(60);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = factor * (-93.27 + 0.025 * random.nextGaussian());
    }
    Arrays.sort(v);
    var detail = SignatureDays.grid(k -> k * 0.05, k -> v[(int) Math.round(k * 0.05 * (n - 1))]);
    detail.put("count", n);
    return SignatureDays.record(day, Entity.COLUMN, "long", MetricNames.QUANTILES, n, detail.toString());
  }

  @Test
  void aColumnNarrowAgainstItsLevelTimesAHundredIsAUnitChange() {
    Random random = new Random(7);
    List<MetricRecord> baseline = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      baseline.add(longitudes(SignatureDays.START.plusDays(i), random, 1));
    }
    LocalDate day = SignatureDays.START.plusDays(28);
    Optional<Finding> scaled = ScaleSignature.judgeColumn(longitudes(day, random, 100), baseline, BLOCK);
    assertThat(scaled).isPresent();
    assertThat(scaled.get().cause()).isEqualTo("unit-change");
    assertThat(scaled.get().message()).startsWith("unit change in long, ×100: all its quantiles moved by ×100");
    assertThat(ScaleSignature.judgeColumn(longitudes(day, random, 1), baseline, BLOCK)).isEmpty();
  }

  /** Thirty clean days of 120–160 rows without a single duplicate row, then a day with {@code copies} of them. */
  private static Optional<Scored> duplicates(int copies) {
    Random random = new Random(3);
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= 30; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      int n = 120 + random.nextInt(40);
      all.add(SignatureDays.record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, n, null));
      all.add(SignatureDays.record(day, Entity.DATASET, "*", MetricNames.DUPLICATE_ROW_FRACTION,
          i == 30 ? (double) copies / n : 0, null));
    }
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>(SignatureDays.lastDay(all));
    return FractionSignatures.score(today, SignatureDays.before(all), BLOCK, 365).stream()
        .filter(s -> s.finding().metric().equals(MetricNames.DUPLICATE_ROW_FRACTION)).findFirst();
  }

  @Test
  void aSmallDaysHandfulOfCopiedRowsWhereNoCleanDayHadOneIsFarPastTheEnvelope() {
    Scored nine = duplicates(9).orElseThrow();
    assertThat(nine.fixedAlarm()).isTrue();
    assertThat(nine.score()).isGreaterThanOrEqualTo(Calibration.UNCALIBRATED_SIGNATURE_BLOCK);
    assertThat(nine.finding().cause()).isEqualTo("duplicates");
    assertThat(duplicates(1).orElseThrow().fixedAlarm()).isFalse();
  }
}
