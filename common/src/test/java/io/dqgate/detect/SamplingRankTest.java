package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingRankTest {
  private static final LocalDate START = LocalDate.of(2026, 3, 2);
  private static final int CLEAN_DAYS = 28;

  /** A column of four discount levels: 0 on 60 % of rows, then 0.05, 0.10 and 0.20. */
  private static double[] discounts(int zero, int five, int ten, int twenty) {
    double[] out = new double[zero + five + ten + twenty];
    Arrays.fill(out, zero, zero + five, 0.05);
    Arrays.fill(out, zero + five, zero + five + ten, 0.10);
    Arrays.fill(out, zero + five + ten, out.length, 0.20);
    return out;
  }

  private static SeriesVerdict alarm(double observed) {
    return new SeriesVerdict(true, observed, 0.088, 0.112, 25.0, "robust-mad", "anomalous");
  }

  @Test
  void aFourLevelP75StepFromASharePointsAwayIsSampling() {
    // clean days: 73.0 % of rows at 0 or 0.05, so p75 is 0.10; today 75.2 %, so p75 is 0.05
    SamplingRank rank = discountDays(CLEAN_DAYS, discounts(1500, 325, 333, 342), discounts(1500, 380, 300, 320));

    SeriesVerdict p75 = rank.judge(key(MetricNames.P75), alarm(0.05));
    SeriesVerdict iqr = rank.judge(key(MetricNames.IQR), alarm(0.05));

    // the pooled days hold 0.05 from rank 0.65 to 0.70, each end known to half a grid step: 0.725 is the
    // nearest to 0.75, 0.025 away, and √(0.75 · 0.25 / 2500) = 0.00866
    double z = 0.025 / Math.sqrt(0.75 * 0.25 / 2500);
    assertThat(p75.anomalous()).isFalse();
    assertThat(p75.score()).isCloseTo(z, within(0.3));
    assertThat(p75.method()).isEqualTo("robust-mad+rank");
    assertThat(p75.explanation()).startsWith("within sampling at 2500 rows (rank 0.6");
    assertThat(iqr.anomalous()).isFalse();
    assertThat(iqr.score()).isEqualTo(p75.score());
  }

  @Test
  void theSameStepOnFiftyThousandRowsIsNot() {
    SamplingRank rank = discountDays(CLEAN_DAYS, discounts(30_000, 6_500, 6_660, 6_840),
        discounts(30_000, 7_600, 6_000, 6_400));

    SeriesVerdict judged = rank.judge(key(MetricNames.P75), alarm(0.05));
    assertThat(judged.anomalous()).isTrue();
    assertThat(judged.score()).isCloseTo(0.025 / Math.sqrt(0.75 * 0.25 / 50_000), within(1.5));
    assertThat(judged.explanation()).startsWith("in rank at 50000 rows (rank 0.6");
  }

  @Test
  void aMinimumThatRoseAmongTheLowestRowsIsSamplingButOneWithoutTheLowestFourPercentIsNot() {
    Random random = new Random(7);
    List<MetricRecord> all = new ArrayList<>();
    for (int d = 0; d < CLEAN_DAYS; d++) {
      all.addAll(day(START.plusDays(d), uniformIds(random, 1250, 1)));
    }
    LocalDate rose = START.plusDays(CLEAN_DAYS);
    List<MetricRecord> withRose = new ArrayList<>(all);
    withRose.addAll(day(rose, uniformIds(random, 1250, 207)));
    SamplingRank rank = new SamplingRank(on(withRose, rose), before(withRose, rose));
    SeriesVerdict roseTo207 = rank.judge(key(MetricNames.MIN), alarm(207));

    List<MetricRecord> withLoss = new ArrayList<>(all);
    withLoss.addAll(day(rose, uniformIds(random, 1250, 4000)));
    SamplingRank lossRank = new SamplingRank(on(withLoss, rose), before(withLoss, rose));
    SeriesVerdict lost = alarm(4000);

    // about 0.2 % of clean rows lie below 207: no row of 1250 there has a chance of (1 − 0.002)^1250 ≈ 0.08
    assertThat(roseTo207.anomalous()).isFalse();
    assertThat(roseTo207.score()).isBetween(0.8, 2.0);
    assertThat(roseTo207.explanation()).contains("% of clean rows below it");
    // 4 % below 4000: (0.96)^1250 ≈ 6e-23, far past sampling
    assertThat(lossRank.judge(key(MetricNames.MIN), lost).anomalous()).isTrue();
    assertThat(lossRank.judge(key(MetricNames.MIN), lost).score()).isGreaterThan(9);
  }

  @Test
  void anExtremeBeyondEveryCleanRowIsLeftToTheDetector() {
    Random random = new Random(11);
    List<MetricRecord> all = new ArrayList<>();
    for (int d = 0; d < CLEAN_DAYS; d++) {
      all.addAll(day(START.plusDays(d), uniformIds(random, 1250, 1)));
    }
    LocalDate today = START.plusDays(CLEAN_DAYS);
    double[] values = uniformIds(random, 1250, 1);
    values[0] = -5;
    all.addAll(day(today, values));
    SamplingRank rank = new SamplingRank(on(all, today), before(all, today));

    SeriesVerdict v = alarm(-5);
    assertThat(rank.judge(key(MetricNames.MIN), v)).isSameAs(v);
    assertThat(rank.rankZ(key(MetricNames.MIN))).isEmpty();
  }

  @Test
  void tooFewCleanDaysOrAVerdictThatIsNoAlarmAreLeftAsTheyAre() {
    SamplingRank rank = discountDays(SignatureJudge.MIN_DAYS - 1, discounts(1500, 325, 333, 342),
        discounts(1500, 380, 300, 320));
    SeriesVerdict alarm = alarm(0.05);
    SeriesVerdict quiet = new SeriesVerdict(false, 0.05, 0.0, 0.2, 1.0, "robust-mad", "normal");

    assertThat(rank.judge(key(MetricNames.P75), alarm)).isSameAs(alarm);
    assertThat(rank.judge(key(MetricNames.P75), quiet)).isSameAs(quiet);
  }

  @Test
  void aQuietVerdictsScoreIsHeldToItsRankTooSoCalibrationSeesTheSameScale() {
    SamplingRank rank = discountDays(CLEAN_DAYS, discounts(1500, 325, 333, 342), discounts(1500, 380, 300, 320));
    SeriesVerdict quiet = new SeriesVerdict(false, 0.05, 0.0, 0.2, 5.5, "robust-mad", "normal");
    SeriesVerdict mean = new SeriesVerdict(true, 0.05, 0.0, 0.04, 7.0, "robust-mad", "anomalous");

    SeriesVerdict held = rank.judge(key(MetricNames.P75), quiet);
    assertThat(held.anomalous()).isFalse();
    assertThat(held.score()).isCloseTo(0.025 / Math.sqrt(0.75 * 0.25 / 2500), within(0.3));
    assertThat(rank.judge(key(MetricNames.MEAN), mean)).isSameAs(mean);
  }

  /** {@code cleanDays} days of the clean values, then a day of today's, judged against them. */
  private static SamplingRank discountDays(int cleanDays, double[] clean, double[] today) {
    List<MetricRecord> all = new ArrayList<>();
    for (int d = 0; d < cleanDays; d++) {
      all.addAll(day(START.plusDays(d), clean));
    }
    LocalDate last = START.plusDays(cleanDays);
    all.addAll(day(last, today));
    return new SamplingRank(on(all, last), before(all, last));
  }

  private static double[] uniformIds(Random random, int rows, int lowest) {
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = lowest + random.nextInt(100_000 - lowest + 1);
    }
    out[0] = lowest;
    return out;
  }

  private static MetricKey key(String metric) {
    return MetricKey.column("c", metric);
  }

  /** A day's records of column c as the profile stores them: quantiles on the 5 % grid (exact), p25 … max. */
  private static List<MetricRecord> day(LocalDate day, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    ObjectNode detail = SignatureDays.grid(k -> k / 20.0, k -> quantile(sorted, k / 20.0));
    detail.put("count", sorted.length);
    detail.put("rank_error", 0.0);
    List<MetricRecord> out = new ArrayList<>();
    out.add(record(day, Entity.DATASET, "*", MetricNames.ROW_COUNT, sorted.length, null));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.QUANTILES, sorted.length, detail.toString()));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.MIN, sorted[0], null));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.MAX, sorted[sorted.length - 1], null));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.P25, quantile(sorted, 0.25), null));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.MEDIAN, quantile(sorted, 0.5), null));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.P75, quantile(sorted, 0.75), null));
    out.add(record(day, Entity.COLUMN, "c", MetricNames.IQR, quantile(sorted, 0.75) - quantile(sorted, 0.25),
        null));
    return out;
  }

  /** The smallest value with at least a share q of the rows at or below it. */
  private static double quantile(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value,
      String detail) {
    return SignatureDays.record(day, entity, instance, metric, value, detail);
  }

  private static Map<MetricKey, MetricRecord> on(List<MetricRecord> all, LocalDate day) {
    Map<MetricKey, MetricRecord> out = new LinkedHashMap<>();
    all.stream().filter(m -> m.partitionDate().equals(day)).forEach(m -> out.put(m.key(), m));
    return out;
  }

  private static MetricHistory before(List<MetricRecord> all, LocalDate day) {
    return new MetricHistory(all.stream().filter(m -> m.partitionDate().isBefore(day)).toList());
  }
}
