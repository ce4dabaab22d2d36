package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllSketch;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.junit.jupiter.api.Test;

/**
 * Exact quantiles for few distinct values, the KLL sketch's bound past them, across merges and shipping; the
 * distinct-count sketch left to the exact table (and to a date column's days) ends as value-by-value updates leave it.
 */
class NumberQuantilesTest {
  static final int K = ScanKernel.kllK(0.005);
  static final double[] P = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};

  @Test
  void fewDistinctValuesGiveExactQuantilesOverMerges() throws Exception {
    Random random = new Random(5);
    NumberQuantiles a = new NumberQuantiles(K);
    NumberQuantiles b = new NumberQuantiles(K);
    List<Double> all = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      double v = random.nextInt(NumberQuantiles.EXACT_VALUES / 2) * 0.5 - 7;
      (i % 3 == 0 ? a : b).update(v);
      all.add(v);
    }
    a.update(Double.NaN);
    a.merge(shipped(b));

    assertThat(a.isEstimationMode()).isFalse();
    assertThat(a.quantiles(P)).isEqualTo(exact(all, P));
  }

  @Test
  void manyDistinctValuesStayWithinTheSketchBound() throws Exception {
    Random random = new Random(6);
    List<Double> all = new ArrayList<>();
    NumberQuantiles a = new NumberQuantiles(K);
    NumberQuantiles b = new NumberQuantiles(K);
    // a stays exact (few values); b leaves the exact mode; their merge replays a's counts into the sketch
    for (int i = 0; i < 20_000; i++) {
      double v = random.nextInt(10);
      a.update(v);
      all.add(v);
    }
    for (int i = 0; i < 100_000; i++) {
      double v = random.nextGaussian() * 100;
      b.update(v);
      all.add(v);
    }
    NumberQuantiles merged = shipped(a);
    merged.merge(shipped(b));

    assertThat(merged.isEstimationMode()).isTrue();
    double bound = KllSketch.getNormalizedRankError(K, false);
    List<Double> sorted = all.stream().sorted().toList();
    List<Double> q = merged.quantiles(P);
    for (int j = 0; j < P.length; j++) {
      double estimate = q.get(j);
      long below = sorted.stream().filter(x -> x < estimate).count();
      long atOrBelow = sorted.stream().filter(x -> x <= estimate).count();
      double wanted = P[j] * sorted.size();
      assertThat(Math.max(0, Math.max(below - wanted, wanted - atOrBelow))).as("p " + P[j])
          .isLessThanOrEqualTo(bound * sorted.size() + 1);
    }
    assertThat(q.get(0)).isEqualTo(sorted.get(0));
    assertThat(q.get(P.length - 1)).isEqualTo(sorted.get(sorted.size() - 1));
  }

  @Test
  void twoExactHalvesPastTheLimitTogetherBecomeASketch() {
    NumberQuantiles a = new NumberQuantiles(K);
    NumberQuantiles b = new NumberQuantiles(K);
    for (int v = 0; v < NumberQuantiles.EXACT_VALUES; v++) {
      a.update(v);
      b.update(v + NumberQuantiles.EXACT_VALUES);
    }
    a.merge(b);

    // 2 x EXACT_VALUES values, more than the sketch holds: the ends exact, the median within the bound
    int n = 2 * NumberQuantiles.EXACT_VALUES;
    assertThat(a.isEstimationMode()).isTrue();
    List<Double> q = a.quantiles(new double[] {0.0, 0.5, 1.0});
    assertThat(q.get(0)).isEqualTo(0.0);
    assertThat(q.get(2)).isEqualTo(n - 1.0);
    double bound = KllSketch.getNormalizedRankError(K, false);
    assertThat(Math.abs(q.get(1) - (n / 2 - 1))).isLessThanOrEqualTo(bound * n + 1);
  }

  @Test
  void aTasksBudgetBoundsItsTablesPastTheSmallSize() {
    NumberQuantiles.Budget budget = new NumberQuantiles.Budget(100);
    NumberQuantiles a = new NumberQuantiles(K, null, budget);
    NumberQuantiles b = new NumberQuantiles(K, null, budget);
    int small = NumberQuantiles.SMALL_EXACT_VALUES;
    for (int v = 0; v < small + 100; v++) {
      a.update(v);
    }
    for (int v = 0; v <= small; v++) {
      b.update(v);
    }
    // a took the whole budget: b's value past the small size sent it to the sketch; a's next value does too
    assertThat(a.isExact()).isTrue();
    assertThat(b.isExact()).isFalse();
    a.update(-1);
    assertThat(a.isExact()).isFalse();
    // a's budget is back: another table grows past the small size again
    NumberQuantiles c = new NumberQuantiles(K, null, budget);
    for (int v = 0; v < small + 100; v++) {
      c.update(v);
    }
    assertThat(c.isExact()).isTrue();
    assertThat(c.quantiles(new double[] {0.0, 0.5, 1.0})).containsExactly(0.0, (small + 100) / 2 - 1.0, small + 99.0);
  }

  @Test
  void theDistinctSketchEndsAsIfUpdatedValueByValue() {
    Random random = new Random(7);
    for (int values : new int[] {5, 3_000, 2 * NumberQuantiles.EXACT_VALUES}) {
      HllSketch byValue = new HllSketch(12, TgtHllType.HLL_8);
      HllSketch owed = new HllSketch(12, TgtHllType.HLL_8);
      NumberQuantiles q = new NumberQuantiles(K, owed, null);
      for (int i = 0; i < 60_000; i++) {
        double v = i == 10 ? Double.NaN : i == 20 ? -0.0 : i == 30 ? 0.0 : random.nextInt(values) * 0.25;
        long hash = DayAccumulator.doubleHash(v);
        byValue.update(hash);
        if (!q.update(v)) {
          owed.update(hash);
        }
      }
      q.finishDistinct();

      assertThat(owed.toCompactByteArray()).as(values + " values").isEqualTo(byValue.toCompactByteArray());
      assertThat(owed.getEstimate()).isEqualTo(byValue.getEstimate());
    }
  }

  @Test
  void theDaysOfADateColumnGiveTheDistinctSketchWhatUpdatesDayByDayWould() {
    Random random = new Random(8);
    HllSketch byValue = new HllSketch(12, TgtHllType.HLL_8);
    HllSketch owed = new HllSketch(12, TgtHllType.HLL_8);
    DistinctInts days = DistinctInts.days(owed);
    for (int i = 0; i < 50_000; i++) {
      // 2,500 days around 2026, then once a day far outside the window, then the usual days again
      int day = i == 40_000 ? -DistinctInts.DAY_WINDOW : 20_000 + random.nextInt(2_500);
      long hash = XXH64.hashInt(day, DayAccumulator.SEED);
      byValue.update(hash);
      if (!days.add(day)) {
        owed.update(hash);
      }
    }
    days.finish();

    assertThat(owed.toCompactByteArray()).isEqualTo(byValue.toCompactByteArray());
    assertThat(owed.getEstimate()).isEqualTo(byValue.getEstimate());
  }

  @Test
  void theWholeValuesOfANumericColumnGiveTheDistinctSketchWhatUpdatesValueByValueWould() {
    Random random = new Random(9);
    HllSketch byValue = new HllSketch(12, TgtHllType.HLL_8);
    HllSketch owed = new HllSketch(12, TgtHllType.HLL_8);
    DistinctInts whole = DistinctInts.wholeNumbers(owed);
    for (int i = 0; i < 200_000; i++) {
      // 150,000 identifiers from 1, then once a value far outside the window, then identifiers again
      double v = i == 150_000 ? 1e9 : 1 + random.nextInt(150_000);
      long hash = DayAccumulator.doubleHash(v);
      byValue.update(hash);
      if (!whole.add((int) v)) {
        owed.update(hash);
      }
    }
    whole.finish();

    assertThat(owed.toCompactByteArray()).isEqualTo(byValue.toCompactByteArray());
    assertThat(owed.getEstimate()).isEqualTo(byValue.getEstimate());
  }

  /**
   * A sampled column over three tasks (one past the small exact table from its first values, one that stays
   * exact, one that leaves the table later), shipped and merged: every quantile's rank within the stated
   * bound, which is the sketch's plus the sampling's for a sample of about the rate's share; a column that
   * stays exact stays exact when sampled.
   */
  @Test
  void sampledQuantilesStayWithinTheStatedBoundOverTasksAndMerges() throws Exception {
    double rate = 0.05;
    int k = ScanKernel.kllK(0.0025);
    List<Double> all = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Random random = new Random(11 + run);
      NumberQuantiles a = new NumberQuantiles(k, null, null, rate, 1);
      NumberQuantiles b = new NumberQuantiles(k, null, null, rate, 2);
      NumberQuantiles c = new NumberQuantiles(k, null, null, rate, 3);
      for (int i = 0; i < 300_000; i++) {
        double v = random.nextGaussian() * 100;
        a.update(v);
        all.add(v);
      }
      for (int i = 0; i < 50_000; i++) {
        double v = random.nextInt(100) - 300;
        b.update(v);
        all.add(v);
      }
      for (int i = 0; i < 200_000; i++) {
        double v = i < 100_000 ? random.nextInt(NumberQuantiles.SMALL_EXACT_VALUES) : random.nextInt(10_000);
        c.update(v);
        all.add(v);
      }
      assertThat(b.isExact()).isTrue();
      assertThat(c.isExact()).isFalse();
      NumberQuantiles merged = shipped(b);
      merged.merge(shipped(a));
      merged.merge(shipped(c));
      assertThat(merged.isEstimationMode()).isTrue();
      double bound = merged.rankError();
      int n = all.size();
      // the sample's bound for a sample of 5 % around its expected size, plus at most the sketch's
      assertThat(bound).isBetween(NumberQuantiles.samplingError(Math.round(1.05 * rate * n)),
          KllSketch.getNormalizedRankError(k, false) + NumberQuantiles.samplingError(Math.round(0.95 * rate * n)));
      List<Double> sorted = all.stream().sorted().toList();
      List<Double> q = merged.quantiles(P);
      for (int j = 1; j < P.length - 1; j++) {
        double estimate = q.get(j);
        long below = sorted.stream().filter(x -> x < estimate).count();
        long atOrBelow = sorted.stream().filter(x -> x <= estimate).count();
        double wanted = P[j] * n;
        assertThat(Math.max(0, Math.max(below - wanted, wanted - atOrBelow))).as("p " + P[j])
            .isLessThanOrEqualTo(bound * n + 1);
      }
      all.clear();
    }

    NumberQuantiles few = new NumberQuantiles(k, null, null, rate, 4);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      double v = i % NumberQuantiles.SMALL_EXACT_VALUES * 0.5;
      few.update(v);
      values.add(v);
    }
    NumberQuantiles shippedFew = shipped(few);
    assertThat(shippedFew.isEstimationMode()).isFalse();
    assertThat(shippedFew.rankError()).isEqualTo(0.0);
    assertThat(shippedFew.quantiles(P)).isEqualTo(exact(values, P));
  }

  @Test
  void theSampleSizeGivesItsSamplingError() {
    long n = NumberQuantiles.sampleSize(0.0025);
    assertThat(n).isEqualTo(423_866L);
    assertThat(NumberQuantiles.samplingError(n)).isLessThanOrEqualTo(0.0025).isGreaterThan(0.00249999);
  }

  private static List<Double> exact(List<Double> values, double[] probabilities) {
    List<Double> sorted = values.stream().sorted().toList();
    List<Double> out = new ArrayList<>();
    for (double p : probabilities) {
      int rank = (int) Math.ceil(p * sorted.size() * (1 - 1e-12));
      out.add(sorted.get(Math.min(sorted.size() - 1, Math.max(0, rank - 1))));
    }
    return out;
  }

  private static NumberQuantiles shipped(NumberQuantiles q) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(q);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (NumberQuantiles) in.readObject();
    }
  }
}
