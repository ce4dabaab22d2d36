package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The calibration and budget math on scores with known tails: thresholds learnt from a short clean
 * history must be exceeded on held-out clean days at the budgeted rate, within a factor of two, averaged
 * over many histories (one history's threshold is a random variable; its expected exceedance is the claim).
 */
class AlarmBudgetTest {

  /** |Gaussian|: the robust z of a well-behaved metric. */
  static DoubleSupplier gaussian(Random r) {
    return () -> Math.abs(r.nextGaussian());
  }

  /** |Student-t| with 3 degrees of freedom: heavy-tailed day-to-day variation. */
  static DoubleSupplier studentT3(Random r) {
    return () -> {
      double chi2 = 0;
      for (int i = 0; i < 3; i++) {
        double g = r.nextGaussian();
        chi2 += g * g;
      }
      return Math.abs(r.nextGaussian() / Math.sqrt(chi2 / 3));
    };
  }

  static DoubleSupplier exponential(Random r) {
    return () -> -Math.log(1 - r.nextDouble());
  }

  /** P(|Z| >= q) for a standard normal Z (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
  static double gaussianSurvival(double q) {
    double x = q / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return poly * Math.exp(-x * x);
  }

  /** P(|T| >= q) for Student's t with 3 degrees of freedom (closed form). */
  static double studentT3Survival(double q) {
    double cdf = 0.5 + (q / (Math.sqrt(3) * (1 + q * q / 3)) + Math.atan(q / Math.sqrt(3))) / Math.PI;
    return 2 * (1 - cdf);
  }

  /**
   * Expected exceedance of the threshold learnt for {@code rate} from {@code historyDays} draws, averaged
   * over {@code histories} histories; each threshold's held-out exceedance is exact.
   */
  static double heldOutExceedance(DoubleSupplier source, DoubleUnaryOperator survival, int historyDays,
      double rate, int histories) {
    double sum = 0;
    for (int h = 0; h < histories; h++) {
      double[] history = new double[historyDays];
      for (int i = 0; i < historyDays; i++) {
        history[i] = source.getAsDouble();
      }
      sum += survival.applyAsDouble(TailModel.fit(history, 1e-3).quantile(rate));
    }
    return sum / histories;
  }

  @Test
  void tailQuantilesHoldTheirRateOnGaussianStudentAndExponentialScores() {
    Random r = new Random(11);
    DoubleUnaryOperator exponentialSurvival = q -> Math.exp(-q);
    for (int days : new int[] {60, 90}) {
      assertThat(heldOutExceedance(gaussian(r), AlarmBudgetTest::gaussianSurvival, days, 1 / 30.0, 2000))
          .isBetween(1 / 60.0, 2 / 30.0);
      assertThat(heldOutExceedance(studentT3(r), AlarmBudgetTest::studentT3Survival, days, 1 / 30.0, 2000))
          .isBetween(1 / 60.0, 2 / 30.0);
      assertThat(heldOutExceedance(exponential(r), exponentialSurvival, days, 1 / 30.0, 2000))
          .isBetween(1 / 60.0, 2 / 30.0);
      assertThat(heldOutExceedance(studentT3(r), AlarmBudgetTest::studentT3Survival, days, 1 / 365.0, 2000))
          .isBetween(1 / 730.0, 2 / 365.0);
      assertThat(heldOutExceedance(exponential(r), exponentialSurvival, days, 1 / 365.0, 2000))
          .isBetween(1 / 730.0, 2 / 365.0);
      // a light tail is modelled as at least exponential: its rare thresholds err on the quiet side
      assertThat(heldOutExceedance(gaussian(r), AlarmBudgetTest::gaussianSurvival, days, 1 / 365.0, 2000))
          .isBetween(1 / 4000.0, 1 / 730.0);
    }
  }

  @Test
  void exceedanceIsEmpiricalInTheBulkAndNeverZero() {
    double[] scores = new double[20];
    for (int i = 0; i < 20; i++) {
      scores[i] = i + 1; // 1 .. 20
    }
    TailModel model = TailModel.fit(scores, 0.5);
    // 11 of 20 scores are >= 10: (11 + 1) / 21; without the 10 itself, (10 + 1) / 20
    assertThat(model.exceedance(10)).isEqualTo(12 / 21.0);
    assertThat(model.exceedance(10, 10)).isEqualTo(11 / 20.0);
    assertThat(model.atLeast(10)).isEqualTo(11);
    assertThat(model.exceedance(1e9)).isPositive().isLessThan(1e-6);
    // 12 is the smallest score seen on at most half the days: (9 + 1) / 21 <= 0.5 < (10 + 1) / 21
    assertThat(model.quantile(0.5)).isEqualTo(12.0);
  }

  @Test
  void aConstantHistoryStillHasATail() {
    TailModel model = TailModel.fit(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0.5);
    assertThat(model.scale()).isEqualTo(0.5);
    assertThat(model.shape()).isEqualTo(0.1);
    // 0.5 above the constant, 5 excesses of 10 scores: (5 + 1) / 11 · (1 + 0.1 · 0.5 / 0.5)^-10
    assertThat(model.exceedance(0.5))
        .isCloseTo(6 / 11.0 * Math.pow(1.1, -10), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void shortHistoryIsRefused() {
    assertThatThrownBy(() -> TailModel.fit(new double[] {1, 2, 3, 4, 5}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a tail model needs more than 5 scores, had 5");
  }

  /**
   * A hundred metrics a day with three kinds of tail, a third of them in correlated pairs: the day's WARN
   * and BLOCK rates on held-out clean days are the budget's, within a factor of two; with Gaussian metrics
   * alone, WARN is too and BLOCK errs on the quiet side.
   */
  @Test
  void theDayLevelBudgetHoldsAcrossManyMetrics() {
    double[] mixed = dayRates(-1, 90);
    assertThat(mixed[0]).isBetween(1 / 60.0, 2 / 30.0);
    assertThat(mixed[1]).isBetween(1 / 730.0, 2 / 365.0);
    double[] heavy = dayRates(1, 60);
    assertThat(heavy[0]).isBetween(1 / 60.0, 2 / 30.0);
    assertThat(heavy[1]).isBetween(1 / 730.0, 2 / 365.0);
    double[] light = dayRates(0, 90);
    assertThat(light[0]).isBetween(1 / 60.0, 2 / 30.0);
    assertThat(light[1]).isBetween(1 / 2000.0, 2 / 365.0);
  }

  /**
   * WARN and BLOCK rates of held-out clean days, averaged over 20 histories of {@code historyDays}: metrics
   * of one kind (0 Gaussian, 1 Student-t, 2 exponential) or, with -1, of all three in turn.
   */
  private static double[] dayRates(int kind, int historyDays) {
    Random r = new Random(5);
    List<DoubleSupplier> sources = new ArrayList<>();
    for (int k = 0; k < 100; k++) {
      double scale = 0.5 + 3 * r.nextDouble();
      int which = kind >= 0 ? kind : k % 3;
      DoubleSupplier base = which == 0 ? gaussian(r) : which == 1 ? studentT3(r) : exponential(r);
      sources.add(() -> scale * base.getAsDouble());
    }
    int histories = 20;
    int heldOut = 600;
    double warn = 0;
    double block = 0;
    for (int h = 0; h < histories; h++) {
      List<AlarmBudget.Day> clean = new ArrayList<>();
      for (int d = 0; d < historyDays; d++) {
        clean.add(new AlarmBudget.Day(day(sources)));
      }
      AlarmBudget budget = AlarmBudget.learn(clean, key -> 0.1, 21, 30, 365);
      int warned = 0;
      int blocked = 0;
      for (int d = 0; d < heldOut; d++) {
        double worst = 0;
        for (Map.Entry<String, Double> e : day(sources).entrySet()) {
          worst = Math.max(worst, budget.surprise(e.getKey(), e.getValue()));
        }
        warned += worst >= budget.warnThreshold() ? 1 : 0;
        blocked += worst >= budget.blockThreshold() ? 1 : 0;
      }
      warn += warned / (double) heldOut;
      block += blocked / (double) heldOut;
    }
    return new double[] {warn / histories, block / histories};
  }

  /** One day's scores; metrics 2j and 2j+1 of the first third share their draw (a mean and its median). */
  private static Map<String, Double> day(List<DoubleSupplier> sources) {
    Map<String, Double> scores = new HashMap<>();
    double shared = 0;
    for (int k = 0; k < sources.size(); k++) {
      double s = sources.get(k).getAsDouble();
      if (k < sources.size() / 3 && k % 2 == 1) {
        s = 0.8 * shared + 0.2 * s;
      }
      shared = s;
      scores.put("m" + k, s);
    }
    return scores;
  }

  @Test
  void tooFewDaysLeaveTheFixedRulesInCharge() {
    List<AlarmBudget.Day> clean = new ArrayList<>();
    for (int d = 0; d < 20; d++) {
      clean.add(new AlarmBudget.Day(Map.of("a", (double) d, "b", 1.0)));
    }
    assertThat(AlarmBudget.learn(clean, key -> 0.1, 21, 30, 365)).isNull();
    assertThat(AlarmBudget.learn(clean, key -> 0.1, 20, 30, 365)).isNotNull();
  }
}
