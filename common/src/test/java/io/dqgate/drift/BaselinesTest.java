package io.dqgate.drift;

import static io.dqgate.drift.CategoricalDistributionTest.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  @Test
  void mergeCategoricalSumsCountsAndKeepsOnlyExactValues() {
    // Day 1 lists all its values (other 0); day 2 keeps 5 rows in other.
    // A: 10 + 20 = 30, exact (listed both days). C: 0 + 5, exact (day 1's list is complete, so its 0 is true).
    // B: 5 + ?, day 2 may hide B in its other bucket, so B goes to other: other = 45 - 30 - 5 = 10.
    CategoricalDistribution day1 = counts(0, "A", 10, "B", 5);
    CategoricalDistribution day2 = counts(5, "A", 20, "C", 5);
    CategoricalDistribution merged = Baselines.mergeCategorical(List.of(day1, day2, CategoricalDistribution.empty()));
    assertThat(merged.total()).isEqualTo(45);
    assertThat(merged.counts()).containsExactly(Map.entry("A", 30L), Map.entry("C", 5L));
    assertThat(merged.otherCount()).isEqualTo(10);
    assertThat(merged.proportion("A")).isCloseTo(30.0 / 45, within(1e-15));
  }

  @Test
  void mergeCategoricalOfCompleteDaysIsTheirSum() {
    CategoricalDistribution merged = Baselines.mergeCategorical(List.of(
        counts(0, "Male", 6, "Female", 4), counts(0, "Female", 7, "Male", 2, "Undeclared", 1)));
    assertThat(merged.counts()).containsExactly(Map.entry("Female", 11L), Map.entry("Male", 8L),
        Map.entry("Undeclared", 1L));
    assertThat(merged.otherCount()).isZero();
    assertThat(merged.total()).isEqualTo(20);
  }

  @Test
  void mergeOfNothingIsEmpty() {
    assertThat(Baselines.mergeCategorical(List.of()).isEmpty()).isTrue();
    assertThat(Baselines.mergeCategorical(List.of(CategoricalDistribution.empty())).isEmpty()).isTrue();
    assertThat(Baselines.mergeNumeric(List.of()).isEmpty()).isTrue();
    assertThat(Baselines.mergeNumeric(List.of(NumericDistribution.empty())).isEmpty()).isTrue();
  }

  @Test
  void mergeNumericIsTheCountWeightedMixture() {
    // U[0,1] with 100 rows and U[1,2] with 300: F(x) = x/4 on [0,1], 1/4 + 3/4 (x-1) on [1,2].
    // Quantiles: p <= 1/4 -> 4p; above -> 1 + (p - 1/4) / (3/4).
    // q(.05) = .2, q(.25) = 1, q(.5) = 1 + .25/.75 = 1.3333333, q(.95) = 1 + .7/.75 = 1.9333333, q(1) = 2.
    NumericDistribution merged = Baselines.mergeNumeric(List.of(Sketches.uniform(0, 1, 100),
        Sketches.uniform(1, 2, 300), NumericDistribution.empty()));
    assertThat(merged.count()).isEqualTo(400);
    assertThat(merged.probabilities()).containsExactly(NumericDistribution.STANDARD_PROBABILITIES);
    double[] v = merged.values();
    assertThat(v[0]).isEqualTo(0.0);
    assertThat(v[1]).isCloseTo(0.2, within(1e-12));
    assertThat(v[5]).isCloseTo(1.0, within(1e-12));
    assertThat(v[10]).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(v[19]).isCloseTo(1 + 0.7 / 0.75, within(1e-12));
    assertThat(v[20]).isEqualTo(2.0);
    assertThat(merged.cdf(0.5)).isCloseTo(0.125, within(1e-12));
  }

  @Test
  void mergeNumericKeepsAPointMassAsRepeatedQuantiles() {
    // A constant 0.5 (100 rows) and U[0,1] (100 rows): F = x/2 below .5, jumps from .25 to .75 at .5, then
    // x/2 + 1/2. Quantiles .25 … .75 are all .5; q(.8) = 2 * .8 - 1 = .6; q(.2) = .4.
    NumericDistribution merged = Baselines.mergeNumeric(List.of(Sketches.constant(0.5, 100),
        Sketches.uniform(0, 1, 100)));
    double[] v = merged.values();
    assertThat(v[4]).isCloseTo(0.4, within(1e-12));
    assertThat(Arrays.copyOfRange(v, 5, 16)).containsOnly(0.5);
    assertThat(v[16]).isCloseTo(0.6, within(1e-12));
    assertThat(merged.cdfBefore(0.5)).isCloseTo(0.25, within(1e-12));
    assertThat(merged.cdf(0.5)).isCloseTo(0.75, within(1e-12));
    assertThat(merged.count()).isEqualTo(200);
  }

  @Test
  void mergeNumericOfOneDayGivesItBack() {
    NumericDistribution day = NumericDistribution.of(new double[] {0, 0.5, 1}, new double[] {1, 3, 9}, 7, 1e-3);
    NumericDistribution merged = Baselines.mergeNumeric(List.of(day), new double[] {0, 0.5, 1});
    assertThat(merged.values()).containsExactly(1.0, 3.0, 9.0);
    assertThat(merged.count()).isEqualTo(7);
    assertThat(merged.rankError()).isEqualTo(1e-3);
  }
}
