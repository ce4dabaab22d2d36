package io.dqgate.drift;

import static io.dqgate.drift.CategoricalDistributionTest.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.DqgateException;
import io.dqgate.drift.DriftResult.Crossing;
import io.dqgate.drift.DriftResult.Kind;
import io.dqgate.drift.DriftResult.Measure;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  private final DriftDetector detector = new DriftDetector();

  /** Shannon entropy in bits, written independently of the code under test. */
  private static double entropy(double... p) {
    double h = 0;
    for (double x : p) {
      h -= x > 0 ? x * Math.log(x) / Math.log(2) : 0;
    }
    return h;
  }

  @Test
  void aNewSpellingOfACategoryIsFoundAndExplained() {
    // Baseline 500 Male, 450 Female, 50 Undeclared. Today 400 Male, 420 Female, 60 Undeclared and 120 "male".
    // Cells Male, Female, Undeclared, male, other: P = (.5, .45, .05, 0, 0), Q = (.4, .42, .06, .12, 0).
    CategoricalDistribution baseline = counts(0, "Male", 500, "Female", 450, "Undeclared", 50);
    CategoricalDistribution current = counts(0, "Male", 400, "Female", 420, "Undeclared", 60, "male", 120);
    DriftResult r = detector.compare("gender", baseline, current);

    // PSI: empty cells floored at 1e-4; P then sums to 1.0002, Q (only other empty) to 1.0001.
    double[] p = {0.5 / 1.0002, 0.45 / 1.0002, 0.05 / 1.0002, 1e-4 / 1.0002, 1e-4 / 1.0002};
    double[] q = {0.4 / 1.0001, 0.42 / 1.0001, 0.06 / 1.0001, 0.12 / 1.0001, 1e-4 / 1.0001};
    double psi = 0;
    for (int i = 0; i < 5; i++) {
      psi += (q[i] - p[i]) * Math.log(q[i] / p[i]);
    }
    // ≈ .1 ln 1.25 + .03 ln(45/42) + .01 ln 1.2 + .12 ln 1200 = .0223 + .0021 + .0018 + .8508
    assertThat(r.psi()).isCloseTo(psi, within(1e-12)).isCloseTo(0.876207, within(1e-6));
    // JS = H(M) - (H(P) + H(Q)) / 2, M = (.45, .435, .055, .06, 0)
    double js = entropy(0.45, 0.435, 0.055, 0.06) - (entropy(0.5, 0.45, 0.05) + entropy(0.4, 0.42, 0.06, 0.12)) / 2;
    assertThat(r.jsDivergence()).isCloseTo(js, within(1e-12)).isCloseTo(0.064717, within(1e-6));
    assertThat(r.jsDistance()).isCloseTo(Math.sqrt(js), within(1e-12));
    assertThat(r.lInfinity()).isCloseTo(0.12, within(1e-12));
    // χ²: E = 1000 P = (500, 450, 50, 0, 0). "male" (E 0) pools into other (E 0); still below 5, so the smallest
    // cell, Undeclared (E 50, O 60), joins: pool O 180, E 50.
    // chi2 = 100^2/500 + 30^2/450 + 130^2/50 = 20 + 2 + 338 = 360, df 2, p = exp(-360/2) = 6.7e-79,
    // V = sqrt(360 / (1000 * 2)) = .4242641
    assertThat(r.chiSquare().statistic()).isCloseTo(360, within(1e-9));
    assertThat(r.chiSquare().degreesOfFreedom()).isEqualTo(2);
    assertThat(r.chiSquare().pValue()).isCloseTo(Math.exp(-180), within(1e-90));
    assertThat(r.chiSquare().cramersV()).isCloseTo(Math.sqrt(0.18), within(1e-12));

    assertThat(r.kind()).isEqualTo(Kind.CATEGORICAL);
    assertThat(r.baselineCount()).isEqualTo(1000);
    assertThat(r.currentCount()).isEqualTo(1000);
    assertThat(r.crossings()).extracting(Crossing::measure)
        .containsExactly(Measure.PSI, Measure.L_INFINITY, Measure.CHI_SQUARE);
    assertThat(r.crossings().get(0).blockWorthy()).isTrue();
    assertThat(r.crossings().get(0).threshold()).isEqualTo(0.25);
    assertThat(r.blockWorthy()).isTrue();
    assertThat(r.topShifts()).extracting(Shift::cell).containsExactly("male", "Male", "Female", "Undeclared");
    assertThat(r.topShifts().get(0).describe("gender", true)).isEqualTo("gender: 'male' 0% → 12.0%");
    assertThat(r.explain()).isEqualTo("gender: psi 0.876 >= 0.25, l_infinity 0.120 >= 0.1, chi_square 0.424 >= 0.1;"
        + " gender: 'male' 0% → 12.0%, gender: 'Male' 50.0% → 40.0%, gender: 'Female' 45.0% → 42.0%,"
        + " gender: 'Undeclared' 5.0% → 6.0%");
    assertThat(r.note()).isEmpty();
  }

  @Test
  void aSmallMoveOnManyRowsIsSignificantButNotLarge() {
    // 1 000 000 rows, 50/50 → 50.5/49.5: chi2 = 2 * 5000^2 / 500000 = 100, p = erfc(sqrt(50)) ≈ 1.5e-23,
    // yet V = sqrt(100 / 1e6) = .01, far below .1;
    // PSI = (.505 - .5) ln(.505/.5) + (.495 - .5) ln(.495/.5) = .005 ln(1.01 / .99), divided by 1.0001 because
    // both sides' empty other cell is floored at 1e-4 (its own term is 0): .0000999933. No crossing.
    DriftResult r = detector.compare("flag", counts(0, "y", 500_000, "n", 500_000),
        counts(0, "y", 505_000, "n", 495_000));
    assertThat(r.chiSquare().statistic()).isCloseTo(100, within(1e-9));
    assertThat(r.chiSquare().pValue()).isLessThan(1e-20);
    assertThat(r.chiSquare().cramersV()).isCloseTo(0.01, within(1e-12));
    assertThat(r.psi()).isCloseTo(0.005 * Math.log(1.01 / 0.99) / 1.0001, within(1e-15))
        .isCloseTo(9.99933e-5, within(1e-10));
    assertThat(r.drifted()).isFalse();
    // Both moved by .005; n's PSI term .005 ln(1/.99) = .0000503 beats y's .005 ln 1.01 = .0000498, so n leads.
    assertThat(r.explain()).isEqualTo("flag: no drift; flag: 'n' 50.0% → 49.5%, flag: 'y' 50.0% → 50.5%");
  }

  @Test
  void theSameDistributionHasNoDriftAndNoShifts() {
    DriftResult r = detector.compare("c", counts(5, "a", 10, "b", 5), counts(10, "a", 20, "b", 10));
    assertThat(r.psi()).isEqualTo(0.0);
    assertThat(r.jsDivergence()).isEqualTo(0.0);
    assertThat(r.lInfinity()).isEqualTo(0.0);
    assertThat(r.chiSquare().statistic()).isEqualTo(0.0);
    assertThat(r.chiSquare().pValue()).isEqualTo(1.0);
    assertThat(r.topShifts()).isEmpty();
    assertThat(r.crossings()).isEmpty();
    assertThat(r.explain()).isEqualTo("c: no drift");
  }

  @Test
  void foldedValuesAreNoted() {
    // Today's list was cut after "a": b sits in today's other bucket. Compared naively, b would go 50% → 0% and
    // other 0% → 50% (PSI ≈ 9.2); folded, the cells are a (.5, .5) and other (.5, .5): no drift.
    DriftResult r = detector.compare("c", counts(0, "a", 50, "b", 50), counts(50, "a", 50));
    assertThat(r.psi()).isEqualTo(0.0);
    assertThat(r.lInfinity()).isEqualTo(0.0);
    assertThat(r.drifted()).isFalse();
    assertThat(r.note()).isEqualTo("1 value(s) listed on one side only were folded into other (truncated top list)");
  }

  @Test
  void emptySidesAreNotComparedAndSaySo() {
    DriftResult r = detector.compare("c", CategoricalDistribution.empty(), counts(0, "a", 1));
    assertThat(r.comparable()).isFalse();
    assertThat(r.psi()).isNaN();
    assertThat(r.jsDivergence()).isNaN();
    assertThat(r.lInfinity()).isNaN();
    assertThat(r.chiSquare().applicable()).isFalse();
    assertThat(r.drifted()).isFalse();
    assertThat(r.currentCount()).isEqualTo(1);
    assertThat(r.explain()).isEqualTo("c: not compared (baseline has no rows)");
    assertThat(detector.compare("c", counts(0, "a", 1), CategoricalDistribution.empty()).note())
        .isEqualTo("current has no rows");
    assertThat(detector.compare("x", NumericDistribution.empty(), NumericDistribution.empty()).note())
        .isEqualTo("baseline and current have no rows");
    NumericDistribution withNaN = NumericDistribution.of(new double[] {0, 1}, new double[] {0, Double.NaN}, 2, 0);
    DriftResult numeric = detector.compare("x", Sketches.uniform(0, 1, 5), withNaN);
    assertThat(numeric.comparable()).isFalse();
    assertThat(numeric.note()).isEqualTo("current has non-finite quantiles");
  }

  /**
   * KS between sketches counts only beyond their stored rank errors: the same two samples (KS ≈ .197 against
   * a threshold of .1) cross with exact sketches and with 0.5 % ones, not with sketches whose errors (0.05
   * each) could make the whole gap.
   */
  @Test
  void ksCountsOnlyBeyondTheSketchesRankErrors() {
    NumericDistribution a = Sketches.normal(0, 100_000, 11);
    NumericDistribution b = Sketches.normal(0.5, 100_000, 12);
    for (double error : new double[] {0.0, 0.005, 0.05}) {
      DriftResult r = detector.compare("income", withRankError(a, error), withRankError(b, error));
      assertThat(r.lInfinity()).as("rank error " + error).isCloseTo(0.1974, within(0.01));
      assertThat(r.crossings().stream().anyMatch(c -> c.measure() == Measure.KS)).as("rank error " + error)
          .isEqualTo(error < 0.05);
    }
  }

  private static NumericDistribution withRankError(NumericDistribution d, double rankError) {
    return NumericDistribution.of(d.probabilities(), d.values(), d.count(), rankError);
  }

  @Test
  void aNumericMeanShiftWarnsOnPsiAndKs() {
    // See NumericDistancesTest: PSI ≈ .238 (warn level .2, block level .25), KS ≈ .197 (>= .1), JS ≈ .042 (< .1).
    DriftResult r = detector.compare("income", Sketches.normal(0, 100_000, 11), Sketches.normal(0.5, 100_000, 12));
    assertThat(r.kind()).isEqualTo(Kind.NUMERIC);
    assertThat(r.psi()).isCloseTo(0.2377, within(0.015));
    assertThat(r.lInfinity()).isCloseTo(0.1974, within(0.01));
    assertThat(r.jsDivergence()).isCloseTo(0.0419, within(0.004));
    assertThat(r.crossings()).extracting(Crossing::measure).containsExactly(Measure.PSI, Measure.KS);
    assertThat(r.blockWorthy()).isFalse();
    assertThat(r.chiSquare()).isEqualTo(ChiSquareResult.NOT_APPLICABLE);
    // The bins that lost the most are the lowest deciles (the mass moved up): (-inf, z_.1] and the top bin gained.
    assertThat(r.topShifts()).hasSize(5);
    assertThat(r.topShifts().get(0).cell()).startsWith("(");
    assertThat(r.topShifts().get(0).cell()).endsWith("+inf)");
    assertThat(r.topShifts().get(0).change()).isCloseTo(0.118, within(0.01));
  }

  @Test
  void thresholdsAreValidatedWithTheKeyAndValue() {
    assertThatThrownBy(() -> new DriftThresholds(0.2, 0.1, 0.1, 0.1, 0.1, 0.001, 0.1, 10, 1e-4, 5, 5))
        .isInstanceOf(DqgateException.class)
        .hasMessage("psi-block: must be at least psi-warn (0.2), was 0.1");
    assertThatThrownBy(() -> new DriftThresholds(0.2, 0.25, 1.5, 0.1, 0.1, 0.001, 0.1, 10, 1e-4, 5, 5))
        .isInstanceOf(DqgateException.class)
        .hasMessage("js-divergence: must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> new DriftThresholds(0.2, 0.25, 0.1, 0.1, 0.1, 0.001, 0.1, 1, 1e-4, 5, 5))
        .isInstanceOf(DqgateException.class)
        .hasMessage("numeric-bins: must be between 2 and 100, was 1");
    DriftThresholds d = DriftThresholds.DEFAULTS;
    assertThat(new double[] {d.psiWarn(), d.psiBlock(), d.jsDivergence(), d.lInfinity(), d.ks(),
        d.chiSquarePValue(), d.cramersV(), d.epsilon(), d.minExpected()})
        .containsExactly(0.2, 0.25, 0.1, 0.1, 0.1, 0.001, 0.1, 1e-4, 5.0);
  }

  @Test
  void aStricterPsiThresholdTurnsTheNumericShiftIntoABlock() {
    DriftDetector strict = new DriftDetector(new DriftThresholds(0.1, 0.2, 0.1, 0.1, 0.1, 0.001, 0.1, 10, 1e-4, 5,
        2));
    DriftResult r = strict.compare("income", Sketches.normal(0, 100_000, 11), Sketches.normal(0.5, 100_000, 12));
    assertThat(r.blockWorthy()).isTrue();
    assertThat(r.crossings().get(0).threshold()).isEqualTo(0.2);
    assertThat(r.topShifts()).hasSize(2);
  }
}
