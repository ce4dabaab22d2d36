package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.FDistribution;
import org.junit.jupiter.api.Test;

class ControlLimitsTest {

  @Test
  void hotellingT2LimitForANewObservation() {
    // k = 2 components, n = 20 days, 99 %: F_0.99(2, 18) = 6.0129 (F tables: 6.01)
    // limit = k(n−1)(n+1) / (n(n−k)) · F = 2·19·21 / (20·18) · 6.0129 = 2.21667 · 6.0129 = 13.3286
    assertThat(new FDistribution(2, 18).inverseCumulativeProbability(0.99)).isCloseTo(6.0129, within(1e-4));
    assertThat(ControlLimits.hotellingT2(2, 20, 0.99)).isCloseTo(798.0 / 360.0 * 6.012905, within(1e-5));
    assertThat(ControlLimits.hotellingT2(2, 20, 0.99)).isCloseTo(13.3286, within(1e-4));
    // k = 3, n = 50, 95 %: F_0.95(3, 47) = 2.8024; 3·49·51 / (50·47) = 3.19021 → 8.9401
    assertThat(ControlLimits.hotellingT2(3, 50, 0.95)).isCloseTo(8.9401, within(1e-4));
    // for large n the limit tends to χ²_k: k = 2, n = 100 000, 99 % → χ²_2 = 9.2103
    assertThat(ControlLimits.hotellingT2(2, 100_000, 0.99)).isCloseTo(9.2103, within(2e-3));
  }

  @Test
  void hotellingT2NeedsFewerComponentsThanDays() {
    assertThatThrownBy(() -> ControlLimits.hotellingT2(5, 5, 0.99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 1 <= k < n, cannot be: k=5, n=5");
    assertThatThrownBy(() -> ControlLimits.hotellingT2(2, 20, 1.0))
        .hasMessage("confidence must be in (0, 1), cannot be: 1.0");
  }

  @Test
  void jacksonMudholkarForAKnownSpectrum() {
    // discarded eigenvalues 0.5, 0.3, 0.2:
    //   θ1 = 1.0, θ2 = 0.25 + 0.09 + 0.04 = 0.38, θ3 = 0.125 + 0.027 + 0.008 = 0.16
    //   h0 = 1 − 2θ1θ3 / (3θ2²) = 1 − 0.32 / 0.4332 = 0.261311
    //   z_0.99 = 2.326348
    //   bracket = z√(2θ2h0²)/θ1 + 1 + θ2h0(h0 − 1)/θ1² = 0.529955 + 1 − 0.073350 = 1.456605
    //   Q = θ1 · bracket^(1/h0) = 1.456605^3.826855 = 4.21779
    double[] discarded = {0.5, 0.3, 0.2};
    assertThat(ControlLimits.speJacksonMudholkar(discarded, 0.99)).isCloseTo(4.21779, within(1e-5));
    assertThat(ControlLimits.speJacksonMudholkar(discarded, 0.999)).isCloseTo(6.49599, within(1e-5));
    // Box: g = θ2/θ1 = 0.38, h = θ1²/θ2 = 2.63158, Q = 0.38 · χ²_h(0.99) = 0.38 · 10.58885 = 4.02376
    assertThat(ControlLimits.speBox(discarded, 0.99)).isCloseTo(0.38 * 10.58885, within(1e-4));
  }

  @Test
  void bothApproximationsAreCloseToTheSimulatedQuantile() {
    // Q = Σ λ_i χ²_1 exactly under the model: its 99 % quantile by simulation is 4.11
    double[] lambda = {0.5, 0.3, 0.2};
    Random random = new Random(1);
    double[] q = new double[400_000];
    for (int i = 0; i < q.length; i++) {
      for (double l : lambda) {
        double z = random.nextGaussian();
        q[i] += l * z * z;
      }
    }
    Arrays.sort(q);
    double simulated = q[(int) (0.99 * q.length)];
    assertThat(simulated).isCloseTo(4.11, within(0.01));
    assertThat(ControlLimits.speJacksonMudholkar(lambda, 0.99) / simulated).isCloseTo(1.0, within(0.03));
    assertThat(ControlLimits.speBox(lambda, 0.99) / simulated).isCloseTo(1.0, within(0.03));
  }

  @Test
  void oneDiscardedEigenvalueBoxIsExact() {
    // Q = λ χ²_1 exactly: Box's g = λ, h = 1 reproduce it; JM (h0 = 1/3) is 0.7 % low
    double exact = 2 * new ChiSquaredDistribution(1).inverseCumulativeProbability(0.99);
    assertThat(exact).isCloseTo(13.2698, within(1e-4));
    assertThat(ControlLimits.speBox(new double[] {2}, 0.99)).isCloseTo(exact, within(1e-9));
    assertThat(ControlLimits.speJacksonMudholkar(new double[] {2}, 0.99)).isCloseTo(13.1715, within(1e-4));
  }

  @Test
  void jacksonMudholkarUndefinedFallsBackToBox() {
    // one dominant residual eigenvalue over many tiny ones: θ1θ3 > 1.5θ2², h0 < 0
    double[] skewed = new double[61];
    Arrays.fill(skewed, 0.01);
    skewed[0] = 1;
    double t1 = 1.6;
    double t2 = 1 + 60 * 1e-4;
    double t3 = 1 + 60 * 1e-6;
    assertThat(1 - 2 * t1 * t3 / (3 * t2 * t2)).isNegative();
    assertThat(ControlLimits.speJacksonMudholkar(skewed, 0.99)).isNaN();
    ControlLimits.Limit fallback = ControlLimits.spe(skewed, 0.99);
    assertThat(fallback.value()).isCloseTo(6.5428, within(1e-4));
    assertThat(fallback.method()).isEqualTo("box");
    ControlLimits.Limit regular = ControlLimits.spe(new double[] {0.5, 0.3, 0.2}, 0.99);
    assertThat(regular.value()).isCloseTo(4.21779, within(1e-5));
    assertThat(regular.method()).isEqualTo("jackson-mudholkar");
    assertThat(ControlLimits.speJacksonMudholkar(new double[0], 0.99)).isNaN();
    assertThat(ControlLimits.speBox(new double[] {0, 0}, 0.99)).isNaN();
  }

  @Test
  void scaledChiSquaredMatchesMoments() {
    // mean k, variance 2k is exactly χ²_k: g = 1, h = k
    assertThat(ControlLimits.scaledChiSquared(5, 10, 0.99))
        .isCloseTo(new ChiSquaredDistribution(5).inverseCumulativeProbability(0.99), within(1e-9));
    // mean 2, variance 2: g = 0.5, h = 4 → 0.5 · χ²_4(0.99) = 0.5 · 13.2767
    assertThat(ControlLimits.scaledChiSquared(2, 2, 0.99)).isCloseTo(6.63835, within(1e-4));
    assertThat(ControlLimits.scaledChiSquared(3, 0, 0.99)).isEqualTo(3);
  }
}
