package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.anomaly.AlarmBudget;
import io.dqgate.config.DetectSpec;
import io.dqgate.config.DqgateConfig;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Calibration's decisions outside the tail models: before the alarm budget has its days, a fixed rule's alarm
 * inside the clean days' scores of its key is quiet, and a rule of natural variation warns only at its severe
 * level; after, an extreme far past every column's clean extremes blocks.
 */
class CalibrationTest {
  static final DetectSpec SPEC = DqgateConfig.load(null, Map.of("datasets.feed.source.path", "/unused"))
      .dataset("feed").detect();
  static final LocalDate START = LocalDate.of(2026, 3, 2);

  /** {@code days} stored clean days, each with its calibration scores of "drift:city". */
  private static MetricHistory history(double... driftScores) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < driftScores.length; i++) {
      LocalDate day = START.plusDays(i);
      records.addAll(Calibration.records("feed", day, "r" + i, List.of(
          scored("drift:city", "drift", driftScores[i], false),
          scored("signature:city.null_fraction", "signature", 0.4, false))));
      records.add(new MetricRecord("feed", day, "r" + i, Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, 1000, null));
    }
    return new MetricHistory(records);
  }

  private static Scored scored(String key, String family, double score, boolean alarm) {
    Finding finding = new Finding(family, "value_proportions", "city", null, score, Double.NaN, 1, score,
        Severity.WARN, key + " at " + score);
    return new Scored(key, family, score, finding, alarm, family, family);
  }

  private static List<String> decided(MetricHistory history, Scored... scores) {
    assertThat(Calibration.learn(history, SPEC)).as("too few days for the budget").isNull();
    return Calibration.decide(List.of(scores), null, Calibration.envelopes(history), SPEC).stream()
        .map(Finding::message).toList();
  }

  @Test
  void envelopeCountsEachKeysCleanDaysAndTheirHighestScore() {
    Map<String, Calibration.Envelope> envelopes = Calibration.envelopes(history(0.5, 1.7, 0.9, 1.2, 0.3, 0.8));
    assertThat(envelopes.get("drift:city")).isEqualTo(new Calibration.Envelope(6, 1.7));
    assertThat(envelopes.get("signature:city.null_fraction")).isEqualTo(new Calibration.Envelope(6, 0.4));
  }

  @Test
  void aFixedAlarmNoHigherThanACleanDayOfItsKeyIsQuiet() {
    MetricHistory history = history(0.5, 1.7, 0.9, 1.2, 0.3, 0.8);
    assertThat(decided(history, scored("drift:city", "drift", 1.6, true))).isEmpty();
    assertThat(decided(history, scored("drift:city", "drift", 1.7, true))).isEmpty();
    assertThat(decided(history, scored("drift:city", "drift", 1.9, true))).containsExactly("drift:city at 1.9");
    assertThat(decided(history, scored("drift:region", "drift", 1.2, true)))
        .as("a key with no clean-day scores keeps its fixed rule").containsExactly("drift:region at 1.2");
  }

  @Test
  void fewerCleanDaysThanTheMinimumKeepTheFixedRule() {
    MetricHistory history = history(1.7, 0.9, 1.2, 0.3);
    assertThat(Calibration.envelopes(history).get("drift:city").days()).isLessThan(Calibration.ENVELOPE_MIN_DAYS);
    assertThat(decided(history, scored("drift:city", "drift", 1.2, true))).containsExactly("drift:city at 1.2");
  }

  /** Stored clean days, each with the metric vector's calibration score. */
  private static MetricHistory vectorHistory(double... pcaScores) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < pcaScores.length; i++) {
      LocalDate day = START.plusDays(i);
      records.addAll(Calibration.records("feed", day, "r" + i, List.of(scored("pca", "pca", pcaScores[i], false))));
      records.add(new MetricRecord("feed", day, "r" + i, Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, 1000, null));
    }
    return new MetricHistory(records);
  }

  @Test
  void theMetricVectorReportsNothingUntilItHasItsOwnCleanDayScoresAndThenOnlyTwicePastThem() {
    MetricHistory four = vectorHistory(0.8, 0.9, 1.0, 1.1);
    MetricHistory five = vectorHistory(0.8, 0.9, 1.0, 1.1, 0.7);

    assertThat(decided(four, scored("pca", "pca", 1.5, true))).as("its first days are its calibration").isEmpty();
    assertThat(Calibration.envelopes(five).get("pca")).isEqualTo(new Calibration.Envelope(5, 1.1));
    assertThat(decided(five, scored("pca", "pca", 2.3, true))).containsExactly("pca at 2.3");
    assertThat(decided(five, scored("pca", "pca", 1.0, true))).isEmpty();
    assertThat(decided(five, scored("pca", "pca", 2.1, true)))
        .as("a new record of a few weeks, short of twice the old one, is the vector's long tail").isEmpty();
    assertThat(decided(four, scored("drift:city", "drift", 1.5, true)))
        .as("other keys keep their fixed rule from their first score").containsExactly("drift:city at 1.5");
  }

  @Test
  void signaturesKeepTheirOwnRule() {
    MetricHistory history = history(0.5, 1.7, 0.9, 1.2, 0.3, 0.8);
    assertThat(decided(history, scored("signature:city.null_fraction", "signature", 0.4, true)))
        .containsExactly("signature:city.null_fraction at 0.4");
  }

  /** The budget learnt from 40 calibrated days, each day's scores from {@code day} (its index, a random). */
  private static AlarmBudget learnt(long seed, java.util.function.BiFunction<Integer, java.util.Random,
      List<Scored>> day) {
    java.util.Random random = new java.util.Random(seed);
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LocalDate date = START.plusDays(i);
      records.addAll(Calibration.records("feed", date, "r" + i, day.apply(i, random)));
      records.add(new MetricRecord("feed", date, "r" + i, Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, 1000, null));
    }
    AlarmBudget budget = Calibration.learn(new MetricHistory(records), SPEC);
    assertThat(budget).isNotNull();
    return budget;
  }

  /** 50 ordinary series scores of a day. */
  private static List<Scored> ordinary(java.util.Random random) {
    List<Scored> scores = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      scores.add(scored("series:m" + k + ".mean", "series", Math.abs(random.nextGaussian()) * 2, false));
    }
    return scores;
  }

  @Test
  void anExtremeAnOrderOfMagnitudePastEveryColumnsCleanExtremesBlocks() {
    AlarmBudget budget = learnt(3, (i, random) -> {
      List<Scored> scores = new ArrayList<>();
      // a heavy-tailed column's maximum passes its clean range now and then; the other never does
      scores.add(scored("signature:amount.range", "signature", i == 30 ? 1.07 : -random.nextDouble(), false));
      scores.add(scored("signature:score.range", "signature", 0.05 * random.nextGaussian(), false));
      scores.addAll(ordinary(random));
      return scores;
    });
    assertThat(budget.maxPeerScore("signature:score.range")).isEqualTo(1.07);

    Scored sentinel = blocking("signature:score.range", 18620);
    assertThat(Calibration.decide(List.of(sentinel), budget, Map.of(), SPEC))
        .extracting(Finding::severity).containsExactly(Severity.BLOCK);
  }

  @Test
  void aLoneRowPastTheRangeWarnsHoweverRareItsScore() {
    AlarmBudget budget = learnt(3, (i, random) -> {
      List<Scored> scores = new ArrayList<>();
      scores.add(scored("signature:score.range", "signature", i == 30 ? 1.07 : -random.nextDouble(), false));
      scores.addAll(ordinary(random));
      return scores;
    });
    Scored sentinel = blocking("signature:score.range", 18620);
    Finding f = sentinel.finding();
    Scored typo = new Scored(sentinel.key(), "signature", 18620, f.withSeverity(Severity.WARN, f.message()), true,
        "signature", "signature");
    assertThat(Calibration.decide(List.of(typo, sentinel), budget, Map.of(), SPEC))
        .extracting(Finding::severity).containsExactly(Severity.WARN, Severity.BLOCK);
  }

  @Test
  void aCounterPastItsCleanRecordBlocksOnlyAsFarAsAnUncalibratedKeyWould() {
    AlarmBudget budget = learnt(5, (i, random) -> {
      List<Scored> scores = new ArrayList<>();
      // a day-level share with a heavy tail: its clean days stay near its envelope, one crosses it a little
      scores.add(scored("signature:rating.null_fraction", "signature", i == 20 ? 0.45 : -random.nextDouble(),
          false));
      scores.addAll(ordinary(random));
      return scores;
    });
    assertThat(budget.maxPeerScore("signature:rating.null_fraction")).isEqualTo(0.45);

    assertThat(Calibration.decide(List.of(blocking("signature:rating.null_fraction", 2.4)), budget, Map.of(), SPEC))
        .as("twice the clean record, short of the margins that block an uncalibrated key: left to the tail model")
        .extracting(Finding::severity).doesNotContain(Severity.BLOCK);
    assertThat(Calibration.decide(List.of(blocking("signature:rating.null_fraction", 4.9)), budget, Map.of(), SPEC))
        .extracting(Finding::severity).containsExactly(Severity.BLOCK);
  }

  @Test
  void aShareRisingIsItsSignaturesToBlockWhileAFallingCountBlocksPastItsRecord() {
    AlarmBudget budget = learnt(7, (i, random) -> List.of("series:rating.null_fraction", "series:row_count",
        "series:city.null_fraction").stream()
        .map(key -> scored(key, "series-quality", Math.min(4, Math.abs(random.nextGaussian()) * 1.5), false))
        .toList());
    assertThat(budget.maxPeerScore("series:rating.null_fraction")).isLessThanOrEqualTo(4);

    Scored nullsUp = quality("series:rating.null_fraction", "null_fraction", "rating", 0.19, 0.1, 9.8);
    Scored nullsDown = quality("series:rating.null_fraction", "null_fraction", "rating", 0.0, 0.1, 9.8);
    Scored rowsDown = quality("series:row_count", "row_count", null, 300, 1000, 9.8);
    assertThat(Calibration.beyondHistory(nullsUp, budget)).as("the null share's signature judges its rise").isFalse();
    assertThat(Calibration.beyondHistory(nullsDown, budget)).isTrue();
    assertThat(Calibration.beyondHistory(rowsDown, budget)).isTrue();
    Scored farUp = quality("series:rating.null_fraction", "null_fraction", "rating", 0.6, 0.1, 60);
    assertThat(Calibration.decide(List.of(farUp, rowsDown), budget, Map.of(), SPEC))
        .as("however rare, a rise its signature judges warns by its series; the falling count blocks")
        .extracting(Finding::metric, Finding::severity).containsExactly(
            org.assertj.core.groups.Tuple.tuple("null_fraction", Severity.WARN),
            org.assertj.core.groups.Tuple.tuple("row_count", Severity.BLOCK));
  }

  @Test
  void aVolumeBlockWhoseRarityAloneWouldNotBlockIsOneAnEventMayExplain() {
    AlarmBudget budget = learnt(13, (i, random) -> {
      List<Scored> scores = new ArrayList<>(ordinary(random));
      scores.add(scored("series:row_count", "series-quality", Math.abs(random.nextGaussian()) * 1.5, false));
      return scores;
    });
    double warns = firstScore(budget, budget.warnThreshold());
    double blocks = firstScore(budget, budget.blockThreshold());
    assertThat(warns).isLessThan(blocks);
    Scored rare = quality("series:row_count", "row_count", null, 300, 1000, (warns + blocks) / 2);
    Scored rarer = quality("series:row_count", "row_count", null, 300, 1000, blocks + 0.1);
    assertThat(Calibration.decide(List.of(rare), budget, Map.of(), SPEC)).extracting(Finding::severity)
        .as("past every clean score: it blocks").containsExactly(Severity.BLOCK);

    assertThat(Calibration.rarityWouldNotBlock(List.of(rare, rarer), budget))
        .containsExactly(Calibration.identity(rare.finding()));
    assertThat(Calibration.rarityWouldNotBlock(List.of(rare), null)).as("while the budget learns").isEmpty();
  }

  /** The least row-count score (in steps of 0.1) whose surprise reaches {@code threshold}. */
  private static double firstScore(AlarmBudget budget, double threshold) {
    double score = 0;
    while (budget.surprise("series:row_count", score) < threshold) {
      score += 0.1;
    }
    return score;
  }

  @Test
  void beforeCalibrationARisingShareWarnsByItsSeriesAndAFallingCountStillBlocks() {
    Scored nullsUp = quality("series:rating.null_fraction", "null_fraction", "rating", 0.19, 0.1, 10.9);
    Scored rowsDown = quality("series:row_count", "row_count", null, 300, 1000, 14.0);

    List<Finding> out = Calibration.decide(List.of(nullsUp, rowsDown), null, Map.of(), SPEC);

    assertThat(out).extracting(Finding::metric, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("null_fraction", Severity.WARN),
        org.assertj.core.groups.Tuple.tuple("row_count", Severity.BLOCK));
  }

  @Test
  void aRiseInTheCountOfNewValuesIsItsCategorySignaturesToBlock() {
    Scored castUp = quality("series:contestant.new_value_count", "new_value_count", "contestant", 12, 4, 12);
    Scored castDown = quality("series:contestant.new_value_count", "new_value_count", "contestant", 0, 4, 12);
    assertThat(Calibration.signaturesRise(castUp)).isTrue();
    assertThat(Calibration.signaturesRise(castDown)).as("fewer new values is no defect of this rule").isFalse();
    assertThat(Calibration.decide(List.of(castUp), null, Map.of(), SPEC)).as("before calibration")
        .extracting(Finding::severity).containsExactly(Severity.WARN);
    AlarmBudget budget = learnt(7, (i, random) -> List.of(scored("series:contestant.new_value_count",
        "series-quality", Math.min(4, Math.abs(random.nextGaussian()) * 1.5), false)));
    assertThat(Calibration.beyondHistory(castUp, budget)).isFalse();
    assertThat(Calibration.decide(List.of(castUp), budget, Map.of(), SPEC)).as("after calibration")
        .extracting(Finding::severity).containsExactly(Severity.WARN);
  }

  @Test
  void whileTheBudgetLearnsOnlyASevereCrossingOfANaturalRuleWarnsDriftReportsAndVolumeDoesNotBlock() {
    Finding drift = new Finding("drift", "quantiles", "delay", null, 0.4, Double.NaN, 0.25, 1.6, Severity.WARN,
        "distribution of delay moved");
    Finding median = new Finding("series", "median", "delay", null, 40, -5, 10, 12, Severity.WARN, "delay.median");
    Finding nulls = new Finding("series", "null_fraction", "delay", null, 0.4, 0, 0.05, 30, Severity.WARN,
        "delay.null_fraction");
    Finding spike = new Finding("signature", "null_fraction", "rating", null, 0.5, 0, 0.1, 2, Severity.WARN,
        "rating.null_fraction");
    List<Scored> scores = List.of(
        new Scored("drift:delay", "drift", 1.6, drift, true, "drift", "drift-severe", () -> false, true),
        new Scored("series:delay.median", "series", 12, median, true, "series", "series", () -> false, false),
        new Scored("series:delay.null_fraction", "series-quality", 30, nulls, true, "series", "series-severe",
            () -> false, true),
        new Scored("signature:rating.null_fraction", "signature", 2, spike, true, "signature", "signature"));
    Finding rows = new Finding("series", "row_count", null, null, 300, 900, 1100, 19, Severity.BLOCK, "row_count",
        "volume", null);
    Finding duplicates = new Finding("series", "duplicate_key_count", "id", null, 40, 0, 0, 40, Severity.BLOCK,
        "id.duplicate_key_count");
    scores = new ArrayList<>(scores);
    scores.add(new Scored("series:row_count", "series-quality", 19, rows, true, "series", "series-severe",
        () -> false, true));
    scores.add(new Scored("series:id.duplicate_key_count", "series-quality", 40, duplicates, true, "series",
        "series-severe", () -> false, true));
    Finding stormNulls = new Finding("series", "null_fraction", "arrival", null, 0.4, 0, 0.05, 30, Severity.WARN,
        "arrival.null_fraction");
    scores.add(new Scored("series:arrival.null_fraction", "series-quality", 30, stormNulls, true, "series",
        "series-severe", () -> false, true));
    scores.add(new Scored("signature:arrival.null_fraction", "signature", 0.3, new Finding("signature",
        "null_fraction", "arrival", null, 0.4, 0, 0.5, 0.3, Severity.BLOCK, "arrival: in line with departure"),
        false, "signature", "signature"));
    List<Finding> day = List.of(drift, median, nulls, spike, rows, duplicates, stormNulls);

    List<Finding> learning = Calibration.whileLearning(day, scores, null, SPEC, c -> false);

    assertThat(learning).extracting(Finding::metric, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("drift:quantiles", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("median", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("null_fraction", Severity.WARN),
        org.assertj.core.groups.Tuple.tuple("null_fraction", Severity.WARN),
        org.assertj.core.groups.Tuple.tuple("row_count", Severity.WARN),
        org.assertj.core.groups.Tuple.tuple("duplicate_key_count", Severity.BLOCK),
        org.assertj.core.groups.Tuple.tuple("null_fraction", Severity.INFO));
    assertThat(learning.get(0).message()).as("a drift at its block level, a storm's or a broken column's")
        .contains("learning this dataset", "a column's drift is reported, not warned");
    MetricRecord stored = storedVerdict(LocalDate.of(2025, 1, 28),
        Calibration.whileLearning(List.of(drift), scores, null, SPEC, c -> false));
    assertThat(stored.value()).as("the day passes").isEqualTo(MetricNames.STATUS_PASS);
    assertThat(BaselinePolicy.outright(List.of(stored))).as("out of the drifted column's baselines, as if warned")
        .isEqualTo(BaselinePolicy.Standing.PENDING);
    assertThat(BaselinePolicy.warnedColumns(List.of(stored))).containsExactly("delay");
    assertThat(learning.get(1).message()).contains("learning this dataset", "21 calibrated clean days",
        "only a severe crossing of this rule warns");
    assertThat(learning.get(4).message()).contains("this rule warns instead of blocking");
    assertThat(learning.get(6).message()).as("the column's signature judged the rise and found it in line")
        .contains("this counter's rise warns by its signature");
    AlarmBudget budget = learnt(11, (i, random) -> ordinary(random));
    assertThat(Calibration.whileLearning(day, scores, budget, SPEC, c -> false)).as("once the budget is learnt")
        .isEqualTo(day);
  }

  @Test
  void whileTheBudgetLearnsOneRowAlonePastTheRangeIsReportedNotWarnedAndItsDayStaysOutOfThatColumnsBaselines() {
    Finding range = new Finding("signature", "max", "exclaim_mess", null, 1203, 0, 148, 7.1, Severity.WARN,
        "exclaim_mess.max = 1203, far outside any value; one row alone (the next value is 20)", "out-of-range",
        null);
    Finding stddev = new Finding("series", "stddev", "exclaim_mess", null, 180, 2, 30, 14, Severity.WARN,
        "exclaim_mess.stddev");
    Finding vector = new Finding("pca", "t2_spe", "exclaim_mess", null, 50, Double.NaN, 20, 9, Severity.WARN,
        "the metric vector, led by exclaim_mess");
    Finding quartile = new Finding("series", "median", "exclaim_mess", null, 30, 0, 8, 12, Severity.WARN,
        "exclaim_mess.median");
    Finding other = new Finding("signature", "max", "dollar", null, 54, 0, 24, 1.3, Severity.WARN,
        "dollar.max = 54: rows past the range", "out-of-range", null);
    List<Scored> scores = List.of(
        new Scored("signature:exclaim_mess.range", "signature", 7.1, range, true, "signature", "signature"),
        new Scored("series:exclaim_mess.stddev", "series", 14, stddev, true, "series", "series", () -> false,
            true),
        new Scored("pca", "pca", 9, vector, true, "pca", "pca-severe", () -> false, true),
        new Scored("series:exclaim_mess.median", "series", 12, quartile, true, "series", "series", () -> false,
            true),
        new Scored("signature:dollar.range", "signature", 1.3, other, true, "signature", "signature"));
    List<Finding> day = List.of(range, stddev, vector, quartile, other);

    List<Finding> learning = Calibration.whileLearning(day, scores, null, SPEC, "exclaim_mess"::equals);

    assertThat(learning).extracting(Finding::detector, Finding::metric, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("learning", "signature:max", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("learning", "series:stddev", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("learning", "pca:t2_spe", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("series", "median", Severity.WARN),
        org.assertj.core.groups.Tuple.tuple("signature", "max", Severity.WARN));
    assertThat(learning.get(0).message()).contains("learning this dataset",
        "one row alone past a column's clean range is reported, not warned");
    assertThat(learning.get(0).cause()).isEqualTo("out-of-range");
    MetricRecord stored = storedVerdict(LocalDate.of(2012, 1, 13), learning.subList(0, 3));
    assertThat(stored.value()).as("the day passes").isEqualTo(MetricNames.STATUS_PASS);
    assertThat(BaselinePolicy.outright(List.of(stored))).as("out of the column's baselines, as if warned")
        .isEqualTo(BaselinePolicy.Standing.PENDING);
    assertThat(BaselinePolicy.warnedColumns(List.of(stored))).containsExactly("exclaim_mess");
    AlarmBudget budget = learnt(11, (i, random) -> ordinary(random));
    assertThat(Calibration.whileLearning(day, scores, budget, SPEC, "exclaim_mess"::equals))
        .as("once calibrated, the budget says how rare such a row is").isEqualTo(day);
  }

  @Test
  void aSoftenedDriftLeadsItsColumnInTheStoredVerdictSoTheDayStaysOutOfThatColumnsBaselines() {
    LocalDate date = LocalDate.of(2025, 1, 19);
    Finding spread = new Finding("series", "stddev", "dep_delay", null, 90, -17, 57, 9.1, Severity.INFO,
        "dep_delay.stddev [learning this dataset]");
    Finding drift = new Finding(Calibration.LEARNING, "drift:quantiles", "dep_delay", null, 1.6, Double.NaN, 0.25,
        6.4, Severity.INFO, "distribution of dep_delay moved [learning this dataset]");
    Finding nulls = new Finding("series", "null_fraction", "tailnum", null, 0.12, 0, 0.03, 22, Severity.INFO,
        "tailnum.null_fraction [learning this dataset]");

    List<Finding> stored = Detection.FindingPolicy.groupAndCap(List.of(spread, drift, nulls), 20);

    assertThat(stored).extracting(Finding::detector, Finding::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Calibration.LEARNING, "dep_delay"),
        org.assertj.core.groups.Tuple.tuple("series", "tailnum"));
    assertThat(stored.get(0).message()).endsWith("(+1 more on this column: series:stddev)");
    assertThat(BaselinePolicy.warnedColumns(List.of(storedVerdict(date, stored)))).containsExactly("dep_delay");
  }

  /**
   * A warned day not yet confirmed is a clean day for the budget, but its scores of what it warned on count no
   * higher than ten times the baseline days' record: a column ×1000 that the metric vector only warned on
   * teaches no later day that the same column's sentinels are ordinary.
   */
  @Test
  void aWarnedDaysScoresOfWhatItWarnedOnCountNoHigherThanTenTimesTheBaselineDaysRecord() {
    double[] city = {0.5, 1.7, 0.9, 1.2, 0.3, 0.8, 400, 0.6};
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < city.length; i++) {
      records.addAll(Calibration.records("feed", START.plusDays(i), "r" + i, List.of(
          scored("drift:city", "drift", city[i], false), scored("drift:region", "drift", i == 6 ? 9 : 0.4, false),
          scored(Calibration.PCA_KEY, "pca", i == 6 ? 5e9 : 1, false))));
    }
    records.add(storedVerdict(START.plusDays(6), List.of(new Finding("pca", "t2_spe", "city", null, 50, Double.NaN,
        1, 50, Severity.WARN, "metric vector off its baseline; columns: city 90%"))));
    MetricHistory history = new MetricHistory(records);
    assertThat(history.pendingDays()).containsExactly(START.plusDays(6));

    Map<String, Calibration.Envelope> envelopes = Calibration.envelopes(history);
    assertThat(envelopes.get("drift:city").max()).isCloseTo(17, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(envelopes.get(Calibration.PCA_KEY)).isEqualTo(new Calibration.Envelope(8, 10.0));
    assertThat(envelopes.get("drift:region")).as("a column it did not warn on").isEqualTo(
        new Calibration.Envelope(8, 9.0));
    assertThat(decided(history, scored("drift:city", "drift", 30, true))).containsExactly("drift:city at 30.0");
    assertThat(decided(history, scored("drift:city", "drift", 12, true))).as("a level the warned day taught")
        .isEmpty();
    assertThat(Calibration.concerns("series:city.max", Set.of("city"))).isTrue();
    assertThat(Calibration.concerns("series:row_count", Set.of("city"))).isFalse();
    assertThat(Calibration.concerns("series:row_count", Set.of(BaselinePolicy.DATASET_WIDE + ":series")))
        .isTrue();
  }

  /** The verdict record a day judged with these findings stores. */
  private static MetricRecord storedVerdict(LocalDate date, List<Finding> findings) {
    return Detection.verdictRecord(io.dqgate.vocabulary.Verdict.of("flights", date, findings), "r", Instant.EPOCH);
  }

  /** A blocking series finding of a bad-data counter, {@code observed} against a range of 0.5·high .. high. */
  private static Scored quality(String key, String metric, String column, double observed, double high,
      double score) {
    Finding finding = new Finding("series", metric, column, null, observed, high / 2, high, score, Severity.BLOCK,
        key + " at " + score);
    return new Scored(key, "series-quality", score, finding, true, "series", "series-severe");
  }

  private static Scored blocking(String key, double score) {
    Finding finding = new Finding("signature", "max", "score", null, 9999999, 0, 1000, score, Severity.BLOCK,
        key + " at " + score);
    return new Scored(key, "signature", score, finding, true, "signature", "signature");
  }
}
