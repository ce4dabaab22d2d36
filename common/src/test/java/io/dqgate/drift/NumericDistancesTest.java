package io.dqgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class NumericDistancesTest {
  @Test
  void psiOfAMeanShiftOfHalfASigmaIsAboutDeltaSquared() {
    // PSI is the symmetrised KL divergence; for N(0,1) vs N(d,1) that is KL + KL = d^2/2 + d^2/2 = d^2 = 0.25.
    // Over the baseline's deciles it is a little less (binning loses information): with edges
    // z_k = Phi^-1(k/10) and current masses Phi(z_k - .5) - Phi(z_(k-1) - .5) the exact binned value is 0.23775.
    // The sketches are 21 quantiles of 100 000 seeded draws each; the CDF between the minimum and the 5%
    // quantile is a straight line, which moves the two lowest bins a little.
    NormalDistribution standard = new NormalDistribution(null, 0, 1);
    double binned = 0;
    for (int k = 0; k < 10; k++) {
      double lo = k == 0 ? Double.NEGATIVE_INFINITY : standard.inverseCumulativeProbability(k / 10.0);
      double hi = k == 9 ? Double.POSITIVE_INFINITY : standard.inverseCumulativeProbability((k + 1) / 10.0);
      double q = standard.cumulativeProbability(hi - 0.5) - standard.cumulativeProbability(lo - 0.5);
      binned += (q - 0.1) * Math.log(q / 0.1);
    }
    assertThat(binned).isCloseTo(0.23775, within(1e-5));

    NumericDistribution baseline = Sketches.normal(0.0, 100_000, 11);
    NumericDistribution current = Sketches.normal(0.5, 100_000, 12);
    double psi = NumericDistances.psi(baseline, current, 10, 1e-4);
    assertThat(psi).isCloseTo(binned, within(0.015));
    assertThat(psi).isCloseTo(0.25, within(0.03));
    // Same population, other seed: sampling noise only.
    assertThat(NumericDistances.psi(baseline, Sketches.normal(0.0, 100_000, 13), 10, 1e-4)).isLessThan(0.002);
  }

  @Test
  void jsOfAMeanShiftOfHalfASigma() {
    // Over the baseline's deciles P = .1 per bin and Q_k = Phi(z_k - .5) - Phi(z_(k-1) - .5) as above;
    // JS = H((P + Q) / 2) - (H(P) + H(Q)) / 2 = 0.041895. Integrating the two normal densities instead gives
    // 0.043730 (the bins lose a little).
    NormalDistribution standard = new NormalDistribution(null, 0, 1);
    double[] q = new double[10];
    double[] m = new double[10];
    for (int k = 0; k < 10; k++) {
      double lo = k == 0 ? Double.NEGATIVE_INFINITY : standard.inverseCumulativeProbability(k / 10.0);
      double hi = k == 9 ? Double.POSITIVE_INFINITY : standard.inverseCumulativeProbability((k + 1) / 10.0);
      q[k] = standard.cumulativeProbability(hi - 0.5) - standard.cumulativeProbability(lo - 0.5);
      m[k] = (0.1 + q[k]) / 2;
    }
    double binned = entropy(m) - (Math.log(10) / Math.log(2) + entropy(q)) / 2;
    assertThat(binned).isCloseTo(0.041895, within(1e-6));
    double js = NumericDistances.jsDivergence(Sketches.normal(0.0, 100_000, 11), Sketches.normal(0.5, 100_000, 12),
        10);
    assertThat(js).isCloseTo(binned, within(0.004));
    assertThat(js).isCloseTo(0.043730, within(0.005));
  }

  private static double entropy(double... p) {
    double h = 0;
    for (double x : p) {
      h -= x > 0 ? x * Math.log(x) / Math.log(2) : 0;
    }
    return h;
  }

  @Test
  void ksOfAMeanShiftIsTwoPhiOfAQuarterMinusOne() {
    // sup |Phi(x) - Phi(x - .5)| is at x = .25: Phi(.25) - Phi(-.25) = 2 Phi(.25) - 1 = 0.197413
    double expected = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(0.25) - 1;
    assertThat(expected).isCloseTo(0.197413, within(1e-6));
    double ks = NumericDistances.ksStatistic(Sketches.normal(0.0, 100_000, 11), Sketches.normal(0.5, 100_000, 12));
    assertThat(ks).isCloseTo(expected, within(0.01));
  }

  @Test
  void distancesOfShiftedUniformsByHand() {
    // U[0,1] vs U[.5,1.5]. KS: on [.5,1] F_P(x) - F_Q(x) = x - (x - .5) = .5.
    NumericDistribution p = Sketches.uniform(0, 1, 1000);
    NumericDistribution q = Sketches.uniform(0.5, 1.5, 1000);
    assertThat(NumericDistances.ksStatistic(p, q)).isCloseTo(0.5, within(1e-12));
    // JS over P's deciles (edges .1 … .9): P = .1 in each bin; Q = 0 in the five bins up to .5, .1 in the four
    // bins (.5, .9], .6 above .9; M = (.05 x5, .1 x4, .35).
    // JS = H(M) - (H(P) + H(Q)) / 2 = 2.939354 - (3.321928 + 1.770951) / 2 = 0.392915
    // (the continuous value is .5; the top bin lumps P's (.9, 1] with Q's (.9, 1.5]).
    double js = entropy(0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.35)
        - (Math.log(10) / Math.log(2) + entropy(0.1, 0.1, 0.1, 0.1, 0.6)) / 2;
    assertThat(NumericDistances.jsDivergence(p, q, 10)).isCloseTo(js, within(1e-12)).isCloseTo(0.392915, within(1e-6));
    // PSI over P's deciles (edges .1 … .9): P has .1 per bin; Q has 0 in the five bins up to .5, .1 in the four
    // bins (.5,.9] and .6 above .9. Q's empty bins become 1e-4; Q's side sums to 1.0005 and is divided by it:
    // PSI = 5 (1e-4/1.0005 - .1) ln(1e-4/1.0005/.1) + 4 (.1/1.0005 - .1) ln(1/1.0005)
    //       + (.6/1.0005 - .1) ln(6/1.0005) = 4.3457680
    double expected = 5 * (1e-4 / 1.0005 - 0.1) * Math.log(1e-4 / 1.0005 / 0.1)
        + 4 * (0.1 / 1.0005 - 0.1) * Math.log(1 / 1.0005)
        + (0.6 / 1.0005 - 0.1) * Math.log(6 / 1.0005);
    assertThat(NumericDistances.psi(p, q, 10, 1e-4)).isCloseTo(expected, within(1e-9))
        .isCloseTo(4.345768, within(1e-6));
    AlignedCells bins = NumericDistances.baselineQuantileBins(p, q, 10);
    assertThat(bins.labels()).hasSize(10).startsWith("(-inf, 0.1000]").endsWith("(0.9000, +inf)");
    assertThat(bins.current()[9]).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void identicalDistributionsAreAtDistanceZero() {
    NumericDistribution d = Sketches.normal(3.0, 1000, 5);
    assertThat(NumericDistances.psi(d, d, 10, 1e-4)).isEqualTo(0.0);
    assertThat(NumericDistances.jsDivergence(d, d, 10)).isEqualTo(0.0);
    assertThat(NumericDistances.ksStatistic(d, d)).isEqualTo(0.0);
  }

  @Test
  void constantColumns() {
    NumericDistribution one = Sketches.constant(1, 50);
    NumericDistribution two = Sketches.constant(2, 70);
    // Same constant: nothing moved.
    assertThat(NumericDistances.psi(one, Sketches.constant(1, 9), 10, 1e-4)).isEqualTo(0.0);
    assertThat(NumericDistances.jsDivergence(one, Sketches.constant(1, 9), 10)).isEqualTo(0.0);
    assertThat(NumericDistances.ksStatistic(one, Sketches.constant(1, 9))).isEqualTo(0.0);
    // Different constants: disjoint point masses.
    assertThat(NumericDistances.jsDivergence(one, two, 10)).isEqualTo(1.0);
    assertThat(NumericDistances.ksStatistic(one, two)).isEqualTo(1.0);
    // All nine baseline deciles are 1, one edge: bins (-inf, 1] and (1, +inf) with masses (1, 0) and (0, 1).
    // With the floor: (1, 1e-4) / 1.0001 against its mirror image:
    // PSI = 2 (1 - 1e-4) / 1.0001 * ln(1 / 1e-4) = 18.416997
    AlignedCells bins = NumericDistances.baselineQuantileBins(one, two, 10);
    assertThat(bins.baseline()).containsExactly(1, 0);
    assertThat(bins.current()).containsExactly(0, 1);
    assertThat(NumericDistances.psi(one, two, 10, 1e-4)).isCloseTo(2 * 0.9999 / 1.0001 * Math.log(1e4),
        within(1e-9)).isCloseTo(18.416997, within(1e-6));
  }

  @Test
  void aPointMassInTheBaselineKeepsItsShareOfThePsiBins() {
    // Baseline: 60% zeros, the rest uniform on (0, 4]: quantiles 0 up to p = .6, then linear to 4 at p = 1.
    // Deciles 1-6 all sit at 0 and collapse into one edge; the others are at 1, 2, 3: bins
    // (-inf, 0] .6, (0, 1] .1, (1, 2] .1, (2, 3] .1, (3, +inf) .1. The current is the same shape.
    double[] values = new double[21];
    for (int k = 13; k <= 20; k++) {
      values[k] = (k - 12) * 0.5;
    }
    NumericDistribution baseline = NumericDistribution.of(NumericDistribution.STANDARD_PROBABILITIES, values,
        1000, 0.0);
    AlignedCells bins = NumericDistances.baselineQuantileBins(baseline, baseline, 10);
    assertThat(bins.labels()).containsExactly("(-inf, 0.000]", "(0.000, 1.000]", "(1.000, 2.000]",
        "(2.000, 3.000]", "(3.000, +inf)");
    assertThat(bins.baseline()[0]).isCloseTo(0.6, within(1e-12));
    assertThat(bins.baseline()[4]).isCloseTo(0.1, within(1e-12));
    assertThat(NumericDistances.psi(baseline, baseline, 10, 1e-4)).isEqualTo(0.0);
  }

  @Test
  void unusableSidesGiveNaN() {
    NumericDistribution d = Sketches.uniform(0, 1, 10);
    assertThat(NumericDistances.psi(d, NumericDistribution.empty(), 10, 1e-4)).isNaN();
    assertThat(NumericDistances.jsDivergence(NumericDistribution.empty(), d, 10)).isNaN();
    assertThat(NumericDistances.ksStatistic(d, NumericDistribution.empty())).isNaN();
    assertThat(NumericDistances.baselineQuantileBins(NumericDistribution.empty(), d, 10)).isNull();
  }
}
