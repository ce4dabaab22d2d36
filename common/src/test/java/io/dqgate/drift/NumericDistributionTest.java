package io.dqgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.DqgateException;
import org.junit.jupiter.api.Test;

class NumericDistributionTest {
  private static final double[] QUARTILES = {0.0, 0.25, 0.5, 0.75, 1.0};

  @Test
  void parsesTheStoredQuantileSketch() {
    // The profiler's shape: 21 quantiles of 0, 1, …, 20 (a uniform on [0, 20]).
    StringBuilder p = new StringBuilder();
    StringBuilder v = new StringBuilder();
    for (int k = 0; k <= 20; k++) {
      p.append(k == 0 ? "" : ", ").append(NumericDistribution.STANDARD_PROBABILITIES[k]);
      v.append(k == 0 ? "" : ", ").append(k).append(".0");
    }
    NumericDistribution d = NumericDistribution.fromJson("{\"probabilities\": [" + p + "], \"values\": [" + v
        + "], \"count\": 1234, \"rank_error\": 1.0E-4}");
    assertThat(d.count()).isEqualTo(1234);
    assertThat(d.rankError()).isEqualTo(1e-4);
    assertThat(d.values()).hasSize(21).startsWith(0.0, 1.0).endsWith(20.0);
    assertThat(d.probabilities()).containsExactly(NumericDistribution.STANDARD_PROBABILITIES);
    // F(x) = x / 20 on [0, 20]
    assertThat(d.cdf(7.5)).isCloseTo(0.375, within(1e-12));
    assertThat(d.cdf(-1)).isEqualTo(0.0);
    assertThat(d.cdf(20)).isEqualTo(1.0);
    assertThat(d.cdf(25)).isEqualTo(1.0);
    assertThat(d.quantile(0.375)).isCloseTo(7.5, within(1e-12));
    assertThat(d.quantile(0.0)).isEqualTo(0.0);
    assertThat(d.quantile(1.0)).isEqualTo(20.0);
    assertThat(d.mass(5, 10)).isCloseTo(0.25, within(1e-12));
    assertThat(d.mass(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(d.isConstant()).isFalse();
  }

  @Test
  void cdfIsLinearBetweenUnevenQuantiles() {
    // Points (0, 0), (1, .25), (2, .5), (4, .75), (8, 1): between 2 and 4 F rises .25 over 2, so F(3) = .625;
    // the inverse at .6 is 2 + (.6 - .5) / .25 * 2 = 2.8.
    NumericDistribution d = NumericDistribution.of(QUARTILES, new double[] {0, 1, 2, 4, 8}, 100, 1e-4);
    assertThat(d.cdf(3)).isCloseTo(0.625, within(1e-12));
    assertThat(d.cdf(6)).isCloseTo(0.875, within(1e-12));
    assertThat(d.quantile(0.6)).isCloseTo(2.8, within(1e-12));
    assertThat(d.cdfBefore(3)).isEqualTo(d.cdf(3));
  }

  @Test
  void repeatedQuantilesArePointMasses() {
    // Values 0, 0, 0, 1, 2 at 0, .25, .5, .75, 1: half of the rows are 0. F jumps at 0 from 0 to .5,
    // then rises linearly: F(.5) = .5 + .5 * .25 = .625.
    NumericDistribution d = NumericDistribution.of(QUARTILES, new double[] {0, 0, 0, 1, 2}, 40, Double.NaN);
    assertThat(d.cdfBefore(0)).isEqualTo(0.0);
    assertThat(d.cdf(0)).isEqualTo(0.5);
    assertThat(d.mass(-1, 0)).isEqualTo(0.5);
    assertThat(d.cdf(0.5)).isCloseTo(0.625, within(1e-12));
    // Every probability the jump covers maps to the point: inverse of .3 and .5 is 0; .6 is .4.
    assertThat(d.quantile(0.3)).isEqualTo(0.0);
    assertThat(d.quantile(0.5)).isEqualTo(0.0);
    assertThat(d.quantile(0.6)).isCloseTo(0.4, within(1e-12));
    // A run in the middle: values 0, 1, 1, 1, 2 put .5 on 1 (F(1-) = .25, F(1) = .75).
    NumericDistribution middle = NumericDistribution.of(QUARTILES, new double[] {0, 1, 1, 1, 2}, 40, Double.NaN);
    assertThat(middle.cdfBefore(1)).isEqualTo(0.25);
    assertThat(middle.cdf(1)).isEqualTo(0.75);
    assertThat(middle.cdf(0.5)).isCloseTo(0.125, within(1e-12));
  }

  @Test
  void aConstantColumnIsOneStep() {
    NumericDistribution d = NumericDistribution.of(QUARTILES, new double[] {5, 5, 5, 5, 5}, 10, Double.NaN);
    assertThat(d.isConstant()).isTrue();
    assertThat(d.cdf(4.999)).isEqualTo(0.0);
    assertThat(d.cdfBefore(5)).isEqualTo(0.0);
    assertThat(d.cdf(5)).isEqualTo(1.0);
    assertThat(d.quantile(0.0)).isEqualTo(5.0);
    assertThat(d.quantile(0.37)).isEqualTo(5.0);
    assertThat(d.quantile(1.0)).isEqualTo(5.0);
  }

  @Test
  void emptyAndNonFiniteSketchesAreDefined() {
    assertThat(NumericDistribution.fromJson(null).isEmpty()).isTrue();
    NumericDistribution noRows = NumericDistribution.fromJson(
        "{\"probabilities\": [0.0, 0.5, 1.0], \"values\": [null, null, null], \"count\": 0}");
    assertThat(noRows.isEmpty()).isTrue();
    assertThat(noRows.isUsable()).isFalse();
    assertThat(noRows.cdf(1)).isNaN();
    assertThat(noRows.quantile(0.5)).isNaN();
    assertThat(noRows.mass(0, 1)).isNaN();
    // A NaN in the data sorts last in Spark's percentile; Jackson writes it as a string.
    NumericDistribution withNaN = NumericDistribution.fromJson(
        "{\"probabilities\": [0.0, 0.5, 1.0], \"values\": [1.0, 2.0, \"NaN\"], \"count\": 3}");
    assertThat(withNaN.isEmpty()).isFalse();
    assertThat(withNaN.isUsable()).isFalse();
    assertThat(withNaN.cdf(1.5)).isNaN();
    assertThat(withNaN.values()).containsExactly(1.0, 2.0, Double.NaN);
  }

  @Test
  void rejectsBrokenSketches() {
    assertThatThrownBy(() -> NumericDistribution.of(new double[] {0, 0.5, 1}, new double[] {3, 2, 4}, 5, 0))
        .isInstanceOf(DqgateException.class)
        .hasMessage("quantile sketch: values must not decrease, were [3.0, 2.0, 4.0]");
    assertThatThrownBy(() -> NumericDistribution.of(new double[] {0, 1}, new double[] {1, 2, 3}, 5, 0))
        .isInstanceOf(DqgateException.class)
        .hasMessage("quantile sketch: 2 probabilities but 3 values");
    assertThatThrownBy(() -> NumericDistribution.of(new double[] {0, 0.5, 0.5}, new double[] {1, 2, 3}, 5, 0))
        .isInstanceOf(DqgateException.class)
        .hasMessage("quantile sketch: probabilities must rise strictly within [0, 1], were [0.0, 0.5, 0.5]");
    assertThatThrownBy(() -> NumericDistribution.fromJson("{\"values\": [1]}"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("quantiles detail needs arrays \"probabilities\" and \"values\": {\"values\": [1]}");
    assertThatThrownBy(() -> NumericDistribution.fromJson("[1,"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("unreadable quantiles detail: [1,");
  }
}
