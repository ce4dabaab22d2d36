package io.dqgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class DistancesTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  @Test
  void psiOfTheTenBinExample() {
    // Baseline 10% in each decile; current moved 5 points out of each of the two lowest bins into each of the
    // two highest: 5, 5, 10 x6, 15, 15 percent.
    // PSI = 2 * (0.05 - 0.10) ln(0.05 / 0.10) + 6 * 0 + 2 * (0.15 - 0.10) ln(0.15 / 0.10)
    //     = 0.1 ln 2 + 0.1 ln 1.5 = 0.1 ln 3 = 0.109861228866811
    // Counts, not proportions, on purpose: each side is normalised first.
    double[] baseline = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    double[] current = {50, 50, 100, 100, 100, 100, 100, 100, 150, 150};
    assertThat(Distances.psi(baseline, current)).isCloseTo(0.1 * Math.log(3), within(1e-12));
    assertThat(Distances.psi(baseline, current)).isCloseTo(0.109861228866811, within(1e-12));
  }

  @Test
  void psiOfASmallCategoricalPairAndItsSymmetry() {
    // (0.4 - 0.5) ln(0.4/0.5) + (0.4 - 0.3) ln(0.4/0.3) + 0 = 0.1 ln 1.25 + 0.1 ln(4/3) = 0.1 ln(5/3) = 0.0510826
    double[] p = {0.5, 0.3, 0.2};
    double[] q = {0.4, 0.4, 0.2};
    assertThat(Distances.psi(p, q)).isCloseTo(0.1 * Math.log(5.0 / 3.0), within(1e-12));
    assertThat(Distances.psi(q, p)).isCloseTo(0.0510825623766, within(1e-12));
    assertThat(Distances.psi(p, p)).isEqualTo(0.0);
  }

  @Test
  void psiFloorsEmptyCellsAtEpsilonAndRenormalises() {
    // Baseline (0.5, 0.5, 0): the empty cell becomes 1e-4, the side sums to 1.0001 and is divided by it.
    // Current (0.4, 0.4, 0.2) has no cell below 1e-4 and stays.
    // PSI = 2 (0.4 - 0.5/1.0001) ln(0.4 * 1.0001 / 0.5) + (0.2 - 1e-4/1.0001) ln(0.2 * 1.0001 / 1e-4) = 1.5640269
    double expected = 2 * (0.4 - 0.5 / 1.0001) * Math.log(0.4 * 1.0001 / 0.5)
        + (0.2 - 1e-4 / 1.0001) * Math.log(0.2 * 1.0001 / 1e-4);
    assertThat(Distances.psi(new double[] {0.5, 0.5, 0}, new double[] {0.4, 0.4, 0.2}, 1e-4))
        .isCloseTo(expected, within(1e-12))
        .isCloseTo(1.5640268758, within(1e-9));
  }

  @Test
  void jsDivergenceIsZeroForIdenticalAndOneForDisjoint() {
    assertThat(Distances.jsDivergence(new double[] {0.2, 0.3, 0.5}, new double[] {2, 3, 5})).isEqualTo(0.0);
    assertThat(Distances.jsDivergence(new double[] {1, 1, 0, 0}, new double[] {0, 0, 3, 1})).isEqualTo(1.0);
    assertThat(Distances.jsDistance(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(1.0);
  }

  @Test
  void jsDivergenceOfAHandComputedPair() {
    // P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4).
    // JS = H(M) - (H(P) + H(Q)) / 2, log2:
    // H(M) = -(3/4) log2(3/4) - (1/4) log2(1/4) = (3/4)(2 - log2 3) + 1/2 = 2 - (3/4) log2 3
    // H(P) = 1, H(Q) = 0, so JS = 2 - (3/4) log2 3 - 1/2 = 1.5 - 0.75 * 1.5849625 = 0.3112781
    double[] p = {0.5, 0.5};
    double[] q = {1.0, 0.0};
    assertThat(Distances.jsDivergence(p, q)).isCloseTo(1.5 - 0.75 * LOG2_3, within(1e-12))
        .isCloseTo(0.311278124459, within(1e-11));
    assertThat(Distances.jsDistance(p, q)).isCloseTo(Math.sqrt(0.311278124459133), within(1e-11))
        .isCloseTo(0.557923, within(1e-6));
    assertThat(Distances.jsDivergence(q, p)).isCloseTo(0.311278124459, within(1e-11));
  }

  @Test
  void lInfinityIsTheLargestProportionChange() {
    // |0.5-0.4| = 0.1, |0.3-0.4| = 0.1, |0.2-0.2| = 0
    assertThat(Distances.lInfinity(new double[] {0.5, 0.3, 0.2}, new double[] {0.4, 0.4, 0.2}))
        .isCloseTo(0.1, within(1e-15));
    // 60/100 vs 10/50: |0.6 - 0.2| = 0.4 in the first cell
    assertThat(Distances.lInfinity(new double[] {60, 40}, new double[] {10, 40})).isCloseTo(0.4, within(1e-15));
    assertThat(Distances.lInfinity(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(1.0);
  }

  @Test
  void chiSquareOfADieMatchesTheTextbookAndCommonsMath() {
    // 60 rolls, expected 10 per face, observed 5, 8, 9, 8, 10, 20:
    // chi2 = (25 + 4 + 1 + 4 + 0 + 100) / 10 = 13.4 with 5 degrees of freedom, p = 0.01990
    // Cramér's V = sqrt(13.4 / (60 * 5)) = 0.2113449
    double[] observed = {5, 8, 9, 8, 10, 20};
    double[] expected = {1, 1, 1, 1, 1, 1};
    ChiSquareResult r = Distances.chiSquare(observed, expected);
    ChiSquareTest commons = new ChiSquareTest();
    long[] observedCounts = {5, 8, 9, 8, 10, 20};
    double[] expectedCounts = {10, 10, 10, 10, 10, 10};
    assertThat(r.statistic()).isCloseTo(13.4, within(1e-12));
    assertThat(r.statistic()).isCloseTo(commons.chiSquare(expectedCounts, observedCounts), within(1e-12));
    assertThat(r.degreesOfFreedom()).isEqualTo(5);
    assertThat(r.pValue()).isCloseTo(commons.chiSquareTest(expectedCounts, observedCounts), within(1e-12))
        .isCloseTo(0.019905, within(1e-6));
    assertThat(r.cramersV()).isCloseTo(Math.sqrt(13.4 / 300), within(1e-12)).isCloseTo(0.211345, within(1e-6));
    assertThat(r.statisticPerObservation()).isCloseTo(13.4 / 60, within(1e-12));
    assertThat(r.cells()).isEqualTo(6);
    assertThat(r.n()).isEqualTo(60);
  }

  @Test
  void chiSquarePoolsSmallExpectedCellsIntoOther() {
    // Baseline shares 50/30/15/3/2 %, 100 observations: E = 50, 30, 15, 3, 2. The last cell is "other" (index 4);
    // E = 3 is below 5 and joins it: pooled E = 5, O = 6 + 4 = 10.
    // chi2 = (40-50)^2/50 + (35-30)^2/30 + 0 + (10-5)^2/5 = 2 + 0.8333333 + 5 = 7.8333333, df = 4 - 1 = 3
    // p (df 3) = erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2) = 0.0495848
    ChiSquareResult r = Distances.chiSquare(new double[] {40, 35, 15, 6, 4}, new double[] {50, 30, 15, 3, 2}, 4,
        5.0);
    assertThat(r.statistic()).isCloseTo(2 + 25.0 / 30 + 5, within(1e-12));
    assertThat(r.degreesOfFreedom()).isEqualTo(3);
    assertThat(r.cells()).isEqualTo(4);
    assertThat(r.pValue()).isCloseTo(1 - new ChiSquaredDistribution(3).cumulativeProbability(7.833333333333),
        within(1e-10)).isCloseTo(0.049585, within(1e-6));
    assertThat(r.pValue()).isCloseTo(new ChiSquareTest().chiSquareTest(new double[] {50, 30, 15, 5},
        new long[] {40, 35, 15, 10}), within(1e-12));
  }

  @Test
  void chiSquareJudgesAValueTheBaselineNeverHadWithItsPool() {
    // Baseline 60/40/0; observed 50/30/20. The new value has E = 0: pooled; the pool (E = 0) is still below 5,
    // so the smallest other cell (E = 40, O = 30) joins it: cells (O 50, E 60) and (O 50, E 40).
    // chi2 = 100/60 + 100/40 = 4.1666667, df 1, p = Q(1/2, 4.1666667/2) = erfc(sqrt(2.0833333)) = 0.041227
    ChiSquareResult r = Distances.chiSquare(new double[] {50, 30, 20}, new double[] {60, 40, 0});
    assertThat(r.statistic()).isCloseTo(100.0 / 60 + 100.0 / 40, within(1e-12));
    assertThat(r.degreesOfFreedom()).isEqualTo(1);
    assertThat(r.pValue()).isCloseTo(org.apache.commons.math3.special.Erf.erfc(Math.sqrt(4.166666666667 / 2)),
        within(1e-10)).isCloseTo(0.041227, within(1e-6));
    assertThat(r.cramersV()).isCloseTo(Math.sqrt(4.166666666667 / 100), within(1e-10));
  }

  @Test
  void degenerateInputsGiveDefinedResults() {
    double[] empty = {0, 0, 0};
    double[] some = {1, 2, 3};
    assertThat(Distances.psi(empty, some)).isNaN();
    assertThat(Distances.jsDivergence(some, empty)).isNaN();
    assertThat(Distances.lInfinity(empty, empty)).isNaN();
    assertThat(Distances.psi(new double[0], new double[0])).isNaN();
    assertThat(Distances.jsDivergence(new double[] {Double.NaN, 1}, new double[] {1, 1})).isNaN();
    assertThat(Distances.chiSquare(empty, some)).isEqualTo(ChiSquareResult.NOT_APPLICABLE);
    assertThat(Distances.chiSquare(some, empty).applicable()).isFalse();
    // One cell (or everything pooled into one): nothing to test.
    ChiSquareResult single = Distances.chiSquare(new double[] {7}, new double[] {1});
    assertThat(single.statistic()).isEqualTo(0.0);
    assertThat(single.degreesOfFreedom()).isZero();
    assertThat(single.pValue()).isEqualTo(1.0);
    ChiSquareResult tiny = Distances.chiSquare(new double[] {1, 2}, new double[] {1, 1});
    assertThat(tiny.cells()).isEqualTo(1);
    assertThat(tiny.pValue()).isEqualTo(1.0);
    assertThatThrownBy(() -> Distances.psi(new double[] {1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("distributions need the same cells, had 1 and 2");
    assertThatThrownBy(() -> Distances.psi(some, some, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("psi epsilon must be in (0, 1), was 0.0");
  }
}
