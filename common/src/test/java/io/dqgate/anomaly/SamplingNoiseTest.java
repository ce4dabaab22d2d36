package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplingNoiseTest {
  @Test
  void weightIsTheSquareRootOfTheRowRatio() {
    assertThat(SamplingNoise.weight(250, 1000)).isEqualTo(0.5);
    assertThat(SamplingNoise.weight(1000, 1000)).isEqualTo(1.0);
    assertThat(SamplingNoise.weight(4000, 1000)).isEqualTo(2.0);
  }

  @Test
  void aDayOfUnknownSizeKeepsItsDeviations() {
    assertThat(SamplingNoise.weight(Double.NaN, 1000)).isEqualTo(1.0);
    assertThat(SamplingNoise.weight(0, 1000)).isEqualTo(1.0);
    assertThat(SamplingNoise.weight(500, Double.NaN)).isEqualTo(1.0);
    assertThat(SamplingNoise.weight(Double.POSITIVE_INFINITY, 1000)).isEqualTo(1.0);
  }

  @Test
  void perRowColumnsAreScaledToTheMedianDayAndCountsAreLeftAlone() {
    // rows 100, 400, 900 (median 400): weights √(1/4) = 0.5, 1, √(9/4) = 1.5; today 1600 rows: 2
    double[][] baseline = {{2, 10}, {-3, 20}, {4, Double.NaN}};
    double[] today = {1, 30};
    double reference = SamplingNoise.equalise(baseline, new double[] {100, 400, 900}, today, 1600,
        new boolean[] {true, false});
    assertThat(reference).isEqualTo(400);
    assertThat(baseline[0]).containsExactly(1, 10);
    assertThat(baseline[1]).containsExactly(-3, 20);
    assertThat(baseline[2]).containsExactly(6, Double.NaN);
    assertThat(today).containsExactly(2, 30);
  }

  @Test
  void missingValuesAndDaysOfUnknownSizeStayAsTheyAre() {
    // known sizes 200 and 800: reference 500; the day without a row count keeps weight 1
    double[][] baseline = {{Double.NaN}, {5}, {8}};
    double[] today = {3};
    double reference = SamplingNoise.equalise(baseline, new double[] {200, Double.NaN, 800}, today,
        Double.NaN, new boolean[] {true});
    assertThat(reference).isEqualTo(500);
    assertThat(baseline[0][0]).isNaN();
    assertThat(baseline[1][0]).isEqualTo(5);
    assertThat(baseline[2][0]).isEqualTo(8 * Math.sqrt(800.0 / 500));
    assertThat(today[0]).isEqualTo(3);
  }

  @Test
  void withoutAnyKnownRowCountNothingIsScaled() {
    double[][] baseline = {{4}, {6}};
    double[] today = {5};
    assertThat(SamplingNoise.equalise(baseline, new double[] {Double.NaN, 0}, today, 700, new boolean[] {true}))
        .isNaN();
    assertThat(baseline[0]).containsExactly(4);
    assertThat(baseline[1]).containsExactly(6);
    assertThat(today).containsExactly(5);
  }

  @Test
  void rowCountsMustMatchTheBaseline() {
    assertThatThrownBy(() -> SamplingNoise.equalise(new double[2][1], new double[3], new double[1], 1,
        new boolean[1])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 baseline rows but 3 row counts");
  }
}
