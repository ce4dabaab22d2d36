package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.anomaly.PcaOptions.LimitMethod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaModelTest {
  private static final PcaOptions DEFAULTS = PcaOptions.defaults();

  /** 200 days of a ~ N(100, 10²) and b ~ N(50, 5²) with correlation 0.95 (seed 7). */
  private static double[][] correlatedPair() {
    Random random = new Random(7);
    double[][] rows = new double[200][];
    for (int i = 0; i < rows.length; i++) {
      double z1 = random.nextGaussian();
      double z2 = random.nextGaussian();
      rows[i] = new double[] {100 + 10 * z1, 50 + 5 * (0.95 * z1 + Math.sqrt(1 - 0.95 * 0.95) * z2)};
    }
    return rows;
  }

  private static List<SeriesPoint> column(double[][] rows, int j) {
    List<SeriesPoint> points = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      points.add(new SeriesPoint(Synthetic.START.plusDays(i), rows[i][j]));
    }
    return points;
  }

  @Test
  void theBaselineDaysOwnHeldOutScoresSayHowFarAnOrdinaryDayGoes() {
    double[][] all = correlatedPair();
    double[][] baseline = Arrays.copyOf(all, 20);
    PcaModel model = PcaModel.fit(baseline, List.of("a", "b"), DEFAULTS).orElseThrow();
    double highest = model.heldOutHighest();
    assertThat(highest).isCloseTo(0.762, within(1e-3));
    // the next 180 days of the same Gaussian pair: the one day past a limit is past the baseline's own spread too
    int overLimit = 0;
    int pastOwnSpread = 0;
    for (int i = 20; i < all.length; i++) {
      double ratio = ratio(model.score(all[i]));
      overLimit += ratio > 1 ? 1 : 0;
      pastOwnSpread += ratio > 1 && !LeaveOneOut.withinOwnSpread(ratio, highest) ? 1 : 0;
    }
    assertThat(overLimit).isEqualTo(1);
    assertThat(pastOwnSpread).isEqualTo(1);

    // leaving the pair's line: a step past the limit inside the baseline's own spread, and one beyond it
    double step = ratio(model.score(new double[] {104.5, 47.75}));
    double beyond = ratio(model.score(new double[] {106, 47}));
    assertThat(step).isCloseTo(1.075, within(1e-3));
    assertThat(LeaveOneOut.withinOwnSpread(step, highest)).isTrue();
    assertThat(beyond).isCloseTo(1.878, within(1e-3));
    assertThat(LeaveOneOut.withinOwnSpread(beyond, highest)).isFalse();

    PcaModel theoretical = PcaModel.fit(baseline, List.of("a", "b"),
        DEFAULTS.withLimitMethod(LimitMethod.THEORETICAL)).orElseThrow();
    assertThat(theoretical.heldOutHighest()).as("no held-out scores").isNaN();
  }

  private static double ratio(PcaScore s) {
    return Math.max(s.t2() / s.t2Limit(), s.spe() / s.speLimit());
  }

  @Test
  void pointBreakingTheCorrelationHasHighSpeButNormalMetrics() {
    double[][] baseline = correlatedPair();
    PcaModel model = PcaModel.fit(baseline, List.of("a", "b"), DEFAULTS).orElseThrow();
    // standardised, the pair has eigenvalues ≈ 1 ± 0.95: one component explains > 90 %
    assertThat(model.components()).isEqualTo(1);
    assertThat(model.eigenvalues()).containsExactly(new double[] {1.8353, 0.0397}, within(1e-4));

    // a 1.5 sd above its median, b 1.5 sd below: each alone is ordinary ...
    double[] today = {115, 42.5};
    SeriesVerdict a = new AutoSeriesDetector().judge(column(baseline, 0), Synthetic.START.plusDays(200), 115)
        .orElseThrow();
    SeriesVerdict b = new AutoSeriesDetector().judge(column(baseline, 1), Synthetic.START.plusDays(200), 42.5)
        .orElseThrow();
    assertThat(a.anomalous()).isFalse();
    assertThat(b.anomalous()).isFalse();
    assertThat(a.score()).isCloseTo(1.32, within(0.01));
    assertThat(b.score()).isCloseTo(1.36, within(0.01));

    // ... but together they leave the correlation: SPE 16x its limit, T² (along the correlation) ~ 0
    PcaScore score = model.score(today);
    assertThat(score.spe()).isCloseTo(4.152, within(1e-3));
    assertThat(score.speLimit()).isCloseTo(0.2615, within(1e-4));
    assertThat(score.speExceeded()).isTrue();
    assertThat(score.severe()).isTrue();
    assertThat(score.t2()).isCloseTo(0.0028, within(1e-4));
    assertThat(score.t2Exceeded()).isFalse();
    assertThat(score.speContributions()).containsOnlyKeys("a", "b");
    assertThat(score.speContributions().get("b")).isCloseTo(0.510, within(1e-3));
    assertThat(score.explanation()).startsWith(
        "T² 0.00281 <= limit 6.80, SPE 4.15 > limit 0.261 (1 components, held-out); top metrics: b 51%, a 49%");

    // the same distances along the correlation: normal
    PcaScore along = model.score(new double[] {115, 57.5});
    assertThat(along.anomalous()).isFalse();
    assertThat(along.t2()).isCloseTo(2.26, within(0.01));
  }

  @Test
  void theoreticalLimitsAreTheTextbookFormulas() {
    PcaModel model = PcaModel.fit(correlatedPair(), List.of("a", "b"),
        DEFAULTS.withLimitMethod(LimitMethod.THEORETICAL)).orElseThrow();
    PcaScore score = model.score(new double[] {115, 42.5});
    double lambda2 = model.eigenvalues()[1];
    assertThat(score.limitMethod()).isEqualTo("f+jackson-mudholkar");
    assertThat(score.t2Limit()).isEqualTo(ControlLimits.hotellingT2(1, 200, 0.99));
    assertThat(score.t2SevereLimit()).isEqualTo(ControlLimits.hotellingT2(1, 200, 0.999));
    // one discarded eigenvalue λ2: JM's h0 = 1/3, limit = λ2 · 13.1715 / 2 (see ControlLimitsTest)
    assertThat(score.speLimit()).isCloseTo(lambda2 * 13.1715 / 2, within(1e-5));
    // 1·199·201 / (200·199) · F_0.99(1, 199) = 1.005 · 6.76395 (= t_0.995(199)² = 2.60076²)
    assertThat(score.t2Limit()).isCloseTo(6.79777, within(1e-5));
  }

  @Test
  void moreMetricsThanDaysWorksAndCatchesAShift() {
    Synthetic.FactorData data = new Synthetic.FactorData(50, 3, 1.0, 0, 21);
    List<String> names = Synthetic.names(50);
    double[][] baseline = data.days(20, 0);
    PcaModel model = PcaModel.fit(baseline, names, DEFAULTS).orElseThrow();
    double[] eigenvalues = model.eigenvalues();
    assertThat(eigenvalues).hasSize(20);
    assertThat(eigenvalues[19]).isZero(); // 20 centred days span 19 dimensions
    assertThat(eigenvalues[18]).isPositive();
    assertThat(model.components()).isEqualTo(10);

    int falseAlarms = 0;
    for (int d = 20; d < 70; d++) {
      falseAlarms += model.score(data.day(d)).anomalous() ? 1 : 0;
    }
    assertThat(falseAlarms).isEqualTo(4); // of 50 clean days

    int caught = 0;
    double shiftedShare = 0;
    for (int d = 70; d < 90; d++) {
      double[] day = data.day(d);
      for (int j = 0; j < 10; j++) {
        day[j] += 3 * data.scale[j]; // the first 10 metrics move by 3 of their noise sd
      }
      PcaScore score = model.score(day);
      caught += score.anomalous() ? 1 : 0;
      for (int j = 0; j < 10; j++) {
        shiftedShare += score.contributions().get("m" + j) / 20;
      }
    }
    assertThat(caught).isEqualTo(20);
    // 10 of 50 metrics shifted; they carry on average this share of the blame
    assertThat(shiftedShare).isCloseTo(0.60, within(0.01));

    // the textbook limits, which trust the 19 sample eigenvalues, alarm on nearly every clean day
    PcaModel textbook = PcaModel.fit(baseline, names, DEFAULTS.withLimitMethod(LimitMethod.THEORETICAL))
        .orElseThrow();
    int textbookAlarms = 0;
    for (int d = 90; d < 140; d++) {
      textbookAlarms += textbook.score(data.day(d)).anomalous() ? 1 : 0;
    }
    assertThat(textbookAlarms).isEqualTo(47);
  }

  @Test
  void constantMetricsAreCheckedNotModelled() {
    Random random = new Random(3);
    double[][] baseline = new double[30][];
    for (int i = 0; i < baseline.length; i++) {
      double z = random.nextGaussian();
      baseline[i] = new double[] {1000 + 50 * z, 0.1 + 0.01 * z + 0.002 * random.nextGaussian(), 12, 0,
          5 + random.nextGaussian()};
    }
    List<String> names = List.of("rows", "nulls", "schema.columns", "negatives", "mean");
    PcaModel model = PcaModel.fit(baseline, names, DEFAULTS).orElseThrow();
    assertThat(model.constantMetrics()).containsExactly("schema.columns", "negatives");
    assertThat(model.modelledMetrics()).containsExactly("rows", "nulls", "mean");

    PcaScore normal = model.score(new double[] {1010, 0.1005, 12, 0, 5.2});
    assertThat(normal.constantBreaks()).isEmpty();
    assertThat(normal.anomalous()).isFalse();

    PcaScore broken = model.score(new double[] {1010, 0.1005, 13, 2, 5.2});
    assertThat(broken.constantBreaks()).containsExactly(
        new PcaScore.ConstantBreak("schema.columns", 12, 13), new PcaScore.ConstantBreak("negatives", 0, 2));
    assertThat(broken.anomalous()).isTrue();
    assertThat(broken.t2()).isEqualTo(normal.t2()); // the constants stay out of the PCA
    assertThat(broken.explanation()).endsWith(
        "; constant broken: schema.columns 13 (always 12), negatives 2 (always 0)");
  }

  @Test
  void manyBrokenConstantsAreCountedNotAllListed() {
    Random random = new Random(5);
    int constants = 8;
    double[][] baseline = new double[30][];
    for (int i = 0; i < baseline.length; i++) {
      baseline[i] = new double[2 + constants];
      baseline[i][0] = 1000 + 50 * random.nextGaussian();
      baseline[i][1] = 5 + random.nextGaussian();
    }
    List<String> names = new ArrayList<>(List.of("rows", "mean"));
    double[] today = new double[2 + constants];
    today[0] = 1000;
    today[1] = 5;
    for (int c = 0; c < constants; c++) {
      names.add("c" + c);
      today[2 + c] = 1;
    }
    PcaScore score = PcaModel.fit(baseline, names, DEFAULTS).orElseThrow().score(today);
    assertThat(score.constantBreaks()).hasSize(constants);
    assertThat(score.explanation()).endsWith("; constant broken: c0 1 (always 0), c1 1 (always 0), "
        + "c2 1 (always 0), c3 1 (always 0), c4 1 (always 0) (+3 more)");
  }

  @Test
  void aMetricThatMovesInWholeStepsHasASpreadOfAtLeastHalfAStep() {
    // a and b as above; s is a quantile of whole years: 16 on 190 of 200 days, 17 or 15 on every 20th. Its
    // MAD is 0 and its mean absolute deviation 10/200, so its spread would be 0.05·√(π/2) = 0.063: the
    // baseline's steps (16 spreads) are clipped to 6, today's step is not
    double[][] pair = correlatedPair();
    double[][] baseline = new double[pair.length][];
    List<LocalDate> days = new ArrayList<>();
    for (int i = 0; i < pair.length; i++) {
      double step = i % 20 != 0 ? 16 : i % 40 == 0 ? 17 : 15;
      baseline[i] = new double[] {pair[i][0], pair[i][1], step};
      days.add(Synthetic.START.plusDays(i));
    }
    LocalDate today = Synthetic.START.plusDays(pair.length);
    List<String> names = List.of("a", "b", "s");
    double[] oneStep = {100, 50, 17};
    PcaModel continuous = PcaModel.fit(baseline, days, today, names, new double[3], DEFAULTS).orElseThrow();
    PcaScore flagged = continuous.score(oneStep);
    assertThat(flagged.t2Exceeded()).isTrue();
    assertThat(flagged.contributions().keySet().iterator().next()).isEqualTo("s");

    // with its step known the spread is 0.5: one step, seen on 10 baseline days, is 2 spreads and ordinary
    PcaModel stepped = PcaModel.fit(baseline, days, today, names, new double[] {0, 0, 1}, DEFAULTS).orElseThrow();
    assertThat(stepped.score(oneStep).anomalous()).isFalse();
    // two steps, never seen, stand out
    assertThat(stepped.score(new double[] {100, 50, 18}).t2Exceeded()).isTrue();

    assertThatThrownBy(() -> PcaModel.fit(baseline, days, today, names, new double[2], DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("2 resolutions for 3 metric names");
  }

  @Test
  void allMetricsConstant() {
    double[][] baseline = new double[12][];
    Arrays.setAll(baseline, i -> new double[] {1, 2});
    PcaModel model = PcaModel.fit(baseline, List.of("x", "y"), DEFAULTS).orElseThrow();
    assertThat(model.components()).isZero();
    assertThat(model.score(new double[] {1, 2}).anomalous()).isFalse();
    assertThat(model.score(new double[] {1, 3}).constantBreaks()).hasSize(1);
  }

  @Test
  void coldStartBelowMinimumBaseline() {
    double[][] baseline = Arrays.copyOf(correlatedPair(), 9);
    assertThat(PcaModel.fit(baseline, List.of("a", "b"), DEFAULTS)).isEmpty();
    assertThat(PcaModel.fit(Arrays.copyOf(correlatedPair(), 10), List.of("a", "b"), DEFAULTS)).isPresent();
    assertThat(PcaModel.fit(new double[0][], List.of("a", "b"), DEFAULTS)).isEmpty();
  }

  @Test
  void rejectsMismatchedShapes() {
    double[][] baseline = correlatedPair();
    assertThatThrownBy(() -> PcaModel.fit(baseline, List.of("a", "b", "c"), DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseline row 0 has 2 values for 3 metric names");
    assertThatThrownBy(() -> PcaModel.fit(baseline, List.of("a", "a"), DEFAULTS))
        .hasMessage("metric names must be unique, cannot be: [a, a]");
    PcaModel model = PcaModel.fit(baseline, List.of("a", "b"), DEFAULTS).orElseThrow();
    assertThatThrownBy(() -> model.score(new double[] {1}))
        .hasMessage("today has 1 values for 2 metric names");
    assertThatThrownBy(() -> DEFAULTS.withExplainedVariance(1.5))
        .hasMessage("pca option explainedVariance is out of range, cannot be: 1.5");
  }

  @Test
  void missingValuesCountAsTheMedian() {
    double[][] baseline = correlatedPair();
    baseline[3][1] = Double.NaN;
    PcaModel model = PcaModel.fit(baseline, List.of("a", "b"), DEFAULTS).orElseThrow();
    PcaScore score = model.score(new double[] {Double.NaN, 50});
    assertThat(score.missing()).containsExactly("a");
    assertThat(score.anomalous()).isFalse();
  }

  @Test
  void sharesSumToOne() {
    Synthetic.FactorData data = new Synthetic.FactorData(30, 3, 1.0, 0, 5);
    PcaModel model = PcaModel.fit(data.days(60, 0), Synthetic.names(30), DEFAULTS).orElseThrow();
    double[] day = data.day(60);
    day[4] += 10 * data.scale[4];
    PcaScore score = model.score(day);
    assertThat(score.anomalous()).isTrue();
    assertThat(score.t2Contributions().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(score.speContributions().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(score.contributions().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(score.contributions().keySet().iterator().next()).isEqualTo("m4");
    assertThat(score.speContributions().values()).allMatch(share -> share >= 0);
    assertThat(score.t2Contributions().values()).allMatch(share -> share >= 0);
  }

  @Test
  void forecastingScoresCatchesASundayThatLooksLikeAMonday() {
    // 40 metrics on 3 factors; weekends pull factor 0 down by 5 sd. 83 days from a Monday: day 83 is a
    // Sunday, day 84 a Monday
    Synthetic.FactorData data = new Synthetic.FactorData(40, 3, 1.0, 5, 100);
    double[][] baseline = data.days(83, 0);
    PcaModel plain = PcaModel.fit(baseline, Synthetic.names(40), DEFAULTS).orElseThrow();
    PcaModel forecasting =
        PcaModel.fit(baseline, Synthetic.names(40), DEFAULTS.withForecastScores(true)).orElseThrow();
    assertThat(forecasting.limitMethod()).isEqualTo("held-out+forecast");
    double[] sunday = data.day(83);
    double[] mondayLike = data.day(84); // drawn as a weekday, delivered on Sunday
    assertThat(plain.score(sunday).anomalous()).isFalse();
    assertThat(forecasting.score(sunday).anomalous()).isFalse();
    // the weekly swing is part of the baseline's variance: plain T² finds a weekday-shaped Sunday normal
    assertThat(plain.score(mondayLike).t2()).isCloseTo(12.9, within(0.1));
    assertThat(plain.score(mondayLike).anomalous()).isFalse();
    // measured from the forecast for a Sunday, it is not
    assertThat(forecasting.score(mondayLike).t2()).isCloseTo(41.9, within(0.1));
    assertThat(forecasting.score(mondayLike).t2Exceeded()).isTrue();
  }

  @Test
  void datedBaselineWithRejectedDaysLeftOut() {
    Synthetic.FactorData data = new Synthetic.FactorData(40, 3, 1.0, 5, 100);
    double[][] all = data.days(83, 0);
    List<double[]> rows = new ArrayList<>();
    List<LocalDate> days = new ArrayList<>();
    for (int d = 0; d < 83; d++) {
      if (d != 40 && d != 75 && d != 81) { // three days rejected, left out of the baseline
        rows.add(all[d]);
        days.add(Synthetic.START.plusDays(d));
      }
    }
    LocalDate sunday = Synthetic.START.plusDays(83);
    PcaModel model = PcaModel.fit(rows.toArray(new double[0][]), days, sunday, Synthetic.names(40),
        DEFAULTS.withForecastScores(true)).orElseThrow();
    assertThat(model.baselineRows()).isEqualTo(80);
    assertThat(model.score(data.day(83)).anomalous()).isFalse();
    assertThat(model.score(data.day(84)).t2Exceeded()).isTrue(); // a weekday-shaped Sunday

    assertThatThrownBy(() -> PcaModel.fit(rows.toArray(new double[0][]), days, days.get(79),
        Synthetic.names(40), DEFAULTS)).hasMessage("today must follow the baseline, cannot be: 2024-03-23");
    assertThatThrownBy(() -> PcaModel.fit(new double[2][40], List.of(sunday, sunday), sunday.plusDays(1),
        Synthetic.names(40), DEFAULTS))
        .hasMessage("baseline days must ascend, cannot be: 2024-03-24 then 2024-03-24");
  }

  @Test
  void edgeShapes() {
    // one varying metric beside a constant: a single component, SPE identically 0, T² does the work
    double[][] single = new double[10][];
    Random random = new Random(8);
    Arrays.setAll(single, i -> new double[] {100 + random.nextGaussian(), 7});
    PcaModel one = PcaModel.fit(single, List.of("v", "c"), DEFAULTS).orElseThrow();
    assertThat(one.components()).isEqualTo(1);
    assertThat(one.score(new double[] {100.5, 7}).anomalous()).isFalse();
    PcaScore jump = one.score(new double[] {120, 7});
    assertThat(jump.t2Exceeded()).isTrue();
    assertThat(jump.spe()).isCloseTo(0, within(1e-12));

    // the minimum baseline with 30 times more metrics than days
    Synthetic.FactorData data = new Synthetic.FactorData(300, 3, 1.0, 0, 9);
    PcaModel wide = PcaModel.fit(data.days(10, 0), Synthetic.names(300), DEFAULTS).orElseThrow();
    assertThat(wide.components()).isBetween(1, 8);
    assertThat(wide.eigenvalues()).hasSize(10);
    double[] day = data.day(10);
    for (int j = 0; j < 30; j++) {
      day[j] += 5 * data.scale[j];
    }
    assertThat(wide.score(day).anomalous()).isTrue();
  }
}
