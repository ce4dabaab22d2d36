package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Counters of defects past every clean day ({@link FractionSignatures}). */
class FractionSignaturesTest {
  private static final int ROWS = 500;

  /**
   * A field left empty on about 4.5 % of 500 rows a day, as sampling gives it, on 28 clean days, one of which
   * reached 13.7 %; then today's share.
   */
  private static List<Scored> rating(double today) {
    Random random = new Random(7);
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= 28; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      int empty = 0;
      for (int r = 0; r < ROWS; r++) {
        empty += random.nextDouble() < 0.045 ? 1 : 0;
      }
      double share = i == 28 ? today : i == 20 ? 0.137 : (double) empty / ROWS;
      all.add(SignatureDays.record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, ROWS, null));
      all.add(SignatureDays.record(day, Entity.COLUMN, "rating", MetricNames.NULL_FRACTION, share, null));
    }
    return FractionSignatures.score(SignatureDays.lastDay(all), SignatureDays.before(all),
        new Signal.Factory(Severity.BLOCK), 365).stream()
        .filter(s -> "rating".equals(s.finding().column())).toList();
  }

  @Test
  void aShareHeldToItsNoiseBrokenFarPastItsRecordWarnsWhateverTheCalibrationSays() {
    List<Scored> spike = rating(0.38);
    assertThat(spike).hasSize(2);
    Scored crossing = spike.get(0);
    assertThat(crossing.key()).isEqualTo("signature:rating.null_fraction");
    assertThat(crossing.score()).isGreaterThanOrEqualTo(2);
    assertThat(spike.get(1).key()).isNull(); // outside calibration
    assertThat(spike.get(1).finding().severity()).isEqualTo(Severity.WARN);
    assertThat(spike.get(1).finding().message()).endsWith(" margins past every clean day");

    // one and a half margins past the record: the calibration alone decides
    double margin = crossing.finding().expectedHigh() - 0.137;
    List<Scored> near = rating(0.137 + 1.5 * margin);
    assertThat(near).hasSize(1);
    assertThat(near.get(0).fixedAlarm()).isTrue();
    assertThat(near.get(0).key()).isEqualTo("signature:rating.null_fraction");
  }
}
