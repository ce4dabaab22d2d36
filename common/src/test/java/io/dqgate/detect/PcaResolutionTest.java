package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The step a metric of the PCA vector moves in: whole numbers by 1, a quantile of a few levels by its levels. */
class PcaResolutionTest {
  private static double[][] column(double... values) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new double[] {values[i], i};
    }
    return out;
  }

  @Test
  void aQuantileOfAFewLevelsMovesByItsLevels() {
    // an IQR of discounts: 0.07 - 0.02 and 0.06 - 0.01 are both 0.05 once rounded
    double[][] baseline = column(0.07 - 0.02, 0.06 - 0.01, 0.05, 0.04, 0.05, Double.NaN, 0.06, 0.05);
    assertThat(PcaJudge.repeatedStep(baseline, 0)).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void aContinuousMetricHasNoStep() {
    assertThat(PcaJudge.repeatedStep(column(0.512, 0.498, 0.503, 0.521, 0.488, 0.507), 0)).isZero();
    assertThat(PcaJudge.repeatedStep(column(0.5, 0.5, 0.5, 0.5), 0)).as("a constant").isZero();
  }

  @Test
  void wholeNumbersAreTheirOwnCase() {
    assertThat(PcaJudge.wholeNumbers(column(3, 4, 3, Double.NaN, 5), 0)).isTrue();
    assertThat(PcaJudge.wholeNumbers(column(3, 4.5), 0)).isFalse();
  }
}
