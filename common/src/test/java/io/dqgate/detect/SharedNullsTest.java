package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A flights feed where a cancelled flight leaves its departure time and delay empty and its arrival time
 * too (with a few diverted flights more), and two in five of them their aircraft: on a storm day the four rise
 * together, each as far as the others predict, a kind of row that grew; a null spike in one of them, or in a
 * column that is never null, is a defect.
 */
class SharedNullsTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  static final int DAYS = 40;

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value) {
    return new MetricRecord(SignatureDays.DATASET, day, "r", Instant.EPOCH, entity, instance, metric, value, null);
  }

  /** 40 clean days, then a day with these null shares of dep_time, dep_delay, arr_time and carrier. */
  private static List<Finding> judge(double depTime, double depDelay, double arrTime, double carrier) {
    return judge(depTime, depDelay, arrTime, carrier, depTime * 0.4);
  }

  private static List<MetricRecord> days(double depTime, double depDelay, double arrTime, double carrier,
      double tailnum) {
    return days(depTime, depDelay, arrTime, carrier, tailnum, false);
  }

  /** As above; with {@code storms}, every ninth clean day cancels a third of its flights. */
  private static List<MetricRecord> days(double depTime, double depDelay, double arrTime, double carrier,
      double tailnum, boolean storms) {
    return days(depTime, depDelay, arrTime, carrier, tailnum, storms, 900, 0.015);
  }

  /** As above, with about {@code flights} a day of which {@code cancelling} are cancelled on a calm day. */
  private static List<MetricRecord> days(double depTime, double depDelay, double arrTime, double carrier,
      double tailnum, boolean storms, int flights, double cancelling) {
    Random random = new Random(3);
    List<MetricRecord> all = new ArrayList<>();
    for (int i = 0; i <= DAYS; i++) {
      LocalDate day = START.plusDays(i);
      int rows = flights + random.nextInt(flights / 10);
      double cancelled = Math.round(rows * (storms && i % 9 == 4 ? 0.33 : cancelling * Math.exp(0.6
          * random.nextGaussian()))) / (double) rows;
      double diverted = random.nextInt(4) / (double) rows;
      int withoutAircraft = 0;
      for (int k = 0; k < Math.round(cancelled * rows); k++) {
        withoutAircraft += random.nextDouble() < 0.4 ? 1 : 0;
      }
      boolean last = i == DAYS;
      all.add(record(day, Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, rows));
      all.add(record(day, Entity.COLUMN, "dep_time", MetricNames.NULL_FRACTION, last ? depTime : cancelled));
      all.add(record(day, Entity.COLUMN, "dep_delay", MetricNames.NULL_FRACTION, last ? depDelay : cancelled));
      all.add(record(day, Entity.COLUMN, "arr_time", MetricNames.NULL_FRACTION,
          last ? arrTime : cancelled + diverted));
      all.add(record(day, Entity.COLUMN, "carrier", MetricNames.NULL_FRACTION, last ? carrier : 0));
      all.add(record(day, Entity.COLUMN, "tailnum", MetricNames.NULL_FRACTION,
          last ? tailnum : withoutAircraft / (double) rows));
    }
    return all;
  }

  private static List<Finding> judge(double depTime, double depDelay, double arrTime, double carrier,
      double tailnum) {
    List<MetricRecord> all = days(depTime, depDelay, arrTime, carrier, tailnum);
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    return new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(DAYS), today, SignatureDays.before(all));
  }

  @Test
  void nullsRisingTogetherInColumnsThatAlwaysMoveTogetherAreNoSignature() {
    assertThat(judge(0.35, 0.35, 0.356, 0)).isEmpty();
  }

  @Test
  void aColumnEmptiedInAPartOfThoseRowsRisesInProportion() {
    // the aircraft is missing for about two in five cancelled flights: 14 % when 35 % are cancelled
    assertThat(judge(0.35, 0.35, 0.356, 0, 0.14)).isEmpty();
    assertThat(judge(0.35, 0.35, 0.356, 0, 0.35)).extracting(Finding::column).containsExactly("tailnum");
    assertThat(judge(0.012, 0.012, 0.015, 0, 0.2)).extracting(Finding::column).containsExactly("tailnum");
  }

  @Test
  void aSmallFeedsAircraftMissingOnlyWhereFlightsWereCancelledIsAPartOfThoseRows() {
    // 350 flights, three cancelled on a calm day and the aircraft of one of them missing or not: counts that
    // small hardly correlate, yet the aircraft is never missing more often than flights are cancelled
    List<MetricRecord> storm = days(0.287, 0.287, 0.29, 0, 0.105, false, 350, 0.009);
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(storm);
    MetricHistory history = SignatureDays.before(storm);
    assertThat(new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(DAYS), today, history)).isEmpty();
    Finding series = new Finding("series", MetricNames.NULL_FRACTION, "tailnum", null, 0.105, 0, 0.013, 40,
        Severity.BLOCK, "tailnum.null_fraction = 0.105", "null-spike", null);
    assertThat(SharedNulls.soften(List.of(series), today, history)).extracting(Finding::severity)
        .containsExactly(Severity.WARN);

    List<MetricRecord> emptied = days(0.009, 0.009, 0.012, 0, 0.35, false, 350, 0.009);
    assertThat(new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(DAYS), SignatureDays.lastDay(emptied),
        SignatureDays.before(emptied))).extracting(Finding::severity, Finding::column)
        .containsExactly(tuple(Severity.BLOCK, "tailnum"));
  }

  @Test
  void nullsTheirPartnersExplainScoreAsAnOrdinaryDayInTheCalibration() {
    List<MetricRecord> all = days(0.35, 0.35, 0.356, 0, 0.14);
    List<Scored> scores = FractionSignatures.score(SignatureDays.lastDay(all), SignatureDays.before(all),
        new Signal.Factory(Severity.BLOCK), 365);
    assertThat(scores).filteredOn(s -> s.key().endsWith("null_fraction") && !s.key().contains("carrier"))
        .hasSize(4).allSatisfy(s -> {
          assertThat(s.fixedAlarm()).isFalse();
          assertThat(s.score()).as(s.key()).isLessThan(1);
        });
  }

  @Test
  void aColumnEmptiedOnItsOwnStandsOutOfAHistoryOfStorms() {
    // four storm days among the clean ones emptied a third of every departure time: 36 % of dep_delay alone is
    // still a defect, the storms' nulls all explained by dep_time's
    List<MetricRecord> all = days(0.012, 0.36, 0.015, 0, 0.005, true);
    List<Finding> found = new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(DAYS),
        SignatureDays.lastDay(all), SignatureDays.before(all));
    assertThat(found).extracting(Finding::severity, Finding::cause, Finding::column)
        .containsExactly(tuple(Severity.BLOCK, "null-spike", "dep_delay"));
    assertThat(found.get(0).message()).contains("more than dep_time's nulls explain");
    // and a storm today is one more of them
    List<MetricRecord> storm = days(0.35, 0.35, 0.356, 0, 0.14, true);
    assertThat(new SignatureJudge(SignatureJudgeTest.SPEC).judge(START.plusDays(DAYS), SignatureDays.lastDay(storm),
        SignatureDays.before(storm))).isEmpty();
  }

  @Test
  void stormsThatWarnedTeachTheTieThoughTheyAreOutOfTheBaselines() {
    // the storm days warned on their nulls: out of the baselines, still calibration days
    List<MetricRecord> all = new ArrayList<>(days(0.35, 0.35, 0.356, 0, 0.14, true));
    for (int i = 4; i < DAYS; i += 9) {
      LocalDate day = START.plusDays(i);
      Finding warned = new Finding("series", MetricNames.NULL_FRACTION, "dep_time", null, 0.33, 0, 0.03, 20,
          Severity.WARN, "dep_time.null_fraction = 0.33");
      all.add(new MetricRecord(SignatureDays.DATASET, day, "r", Instant.EPOCH, Entity.DATASET,
          MetricKey.WHOLE_DATASET, MetricNames.VERDICT_STATUS, MetricNames.STATUS_WARN,
          io.dqgate.vocabulary.Verdict.of(SignatureDays.DATASET, day, List.of(warned)).toJson()));
    }
    MetricHistory history = SignatureDays.before(all);
    assertThat(history.pendingDays()).hasSize(4);
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    SharedNulls.Tie tie = SharedNulls.tie(today.get(MetricKey.column("tailnum", MetricNames.NULL_FRACTION)),
        today, history);
    assertThat(tie).isNotNull();
    assertThat(tie.cleanResiduals()).hasSize(DAYS);
  }

  @Test
  void aBlockOnNullsThatRoseWithTheirPartnersWarns() {
    List<MetricRecord> all = days(0.35, 0.35, 0.356, 0, 0.14);
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    Finding series = new Finding("series", MetricNames.NULL_FRACTION, "dep_time", null, 0.35, 0, 0.03, 80,
        Severity.BLOCK, "dep_time.null_fraction = 0.35", "null-spike", null);
    Finding alone = new Finding("series", MetricNames.NULL_FRACTION, "carrier", null, 0.35, 0, 0.0, 80,
        Severity.BLOCK, "carrier.null_fraction = 0.35", "null-spike", null);
    assertThat(SharedNulls.soften(List.of(series, alone), today, SignatureDays.before(all)))
        .extracting(Finding::column, Finding::severity)
        .containsExactly(tuple("dep_time", Severity.WARN), tuple("carrier", Severity.BLOCK));
  }

  @Test
  void aNullSpikeInOneColumnOfThemOrInAColumnNeverNullBlocks() {
    assertThat(judge(0.012, 0.36, 0.015, 0)).extracting(Finding::severity, Finding::cause, Finding::column)
        .containsExactly(tuple(Severity.BLOCK, "null-spike", "dep_delay"));
    assertThat(judge(0.012, 0.012, 0.015, 0.35)).extracting(Finding::severity, Finding::cause, Finding::column)
        .containsExactly(tuple(Severity.BLOCK, "null-spike", "carrier"));
  }

  @Test
  void columnsThatRoseAlikeButNeverMovedTogetherKeepTheirSignatures() {
    // carrier is never null on a clean day: its rise with the cancellations' is no shared kind of row
    assertThat(judge(0.012, 0.012, 0.015, 0.35)).hasSize(1);
    List<Finding> both = judge(0.35, 0.35, 0.356, 0.34);
    assertThat(both).extracting(Finding::column).containsExactly("carrier");
  }
}
