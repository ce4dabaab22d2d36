package io.dqgate.anomaly;

import io.dqgate.anomaly.PcaOptions.LimitMethod;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PCA monitor of a day's whole metric vector (Uber's data quality monitor): metrics are standardised
 * robustly over the baseline, principal components fitted, and a new day scored by Hotelling T² (unusual
 * within the normal correlation structure) and SPE (breaking the correlation structure — the subtle shift
 * spread over several columns that per-metric checks miss). Constant metrics are left out of the fit and
 * checked for equality instead.
 *
 * <p>By default the limits are the larger of the textbook ones (F for T², Jackson–Mudholkar for SPE) and
 * ones matched to held-out statistics, because the textbook ones trust the sample eigenvalues and alarm
 * on most clean days once many components are kept or metrics outnumber days ({@link
 * PcaOptions.LimitMethod}). Immutable: one model can score from several threads.
 */
public final class PcaModel {
  /** Smallest SPE limit, in squared standard units: below it SPE is rounding, not a shift. */
  static final double MIN_SPE_LIMIT = 1e-9;

  private final List<String> names;
  private final RobustStandardizer standardizer;
  private final double[] mean;
  private final PrincipalComponents components;
  private final int baselineRows;
  private final double[] limits; // t2, t2 severe, spe, spe severe
  private final String limitMethod;
  private final ScoreForecaster forecaster;
  private final double heldOutHighest;

  private PcaModel(List<String> names, RobustStandardizer standardizer, double[] mean,
      PrincipalComponents components, int baselineRows, double[] limits, String limitMethod,
      ScoreForecaster forecaster, double heldOutHighest) {
    this.names = names;
    this.standardizer = standardizer;
    this.mean = mean;
    this.components = components;
    this.baselineRows = baselineRows;
    this.limits = limits;
    this.limitMethod = limitMethod;
    this.forecaster = forecaster;
    this.heldOutHighest = heldOutHighest;
  }

  /**
   * Fits on baseline rows that are consecutive days ending yesterday (only {@code forecastScores} cares
   * about the days; with gaps use {@link #fit(double[][], List, LocalDate, List, PcaOptions)}).
   *
   * @param baseline {@code baseline[day][metric]}, clean days only (rejected and blocked partitions left
   *     out by the caller); NaN = metric missing that day
   * @param names one unique name per column
   * @return empty when the baseline has fewer than {@code minBaselineRows} days (cold start)
   */
  public static Optional<PcaModel> fit(double[][] baseline, List<String> names, PcaOptions options) {
    int[] offsets = new int[baseline.length];
    Arrays.setAll(offsets, i -> i);
    return fit(baseline, offsets, 1, names, new double[names.size()], options);
  }

  /**
   * Fits on baseline rows dated {@code days} (ascending, gaps allowed — days left out of the baseline) to
   * score {@code today}; the dates place the component scores on the calendar for {@code forecastScores}.
   */
  public static Optional<PcaModel> fit(double[][] baseline, List<LocalDate> days, LocalDate today,
      List<String> names, PcaOptions options) {
    return fit(baseline, days, today, names, new double[names.size()], options);
  }

  /**
   * As {@link #fit(double[][], List, LocalDate, List, PcaOptions)}, for metrics that move in steps: a
   * quantile of whole numbers (years of employment) sits on one value most days, so its robust spread is
   * near 0 and a one-step move would look like many standard deviations. A metric's spread is taken as at
   * least half its step, so that one step is at most two standard deviations.
   *
   * @param resolution each metric's step (1 for whole numbers), 0 for a continuous metric
   */
  public static Optional<PcaModel> fit(double[][] baseline, List<LocalDate> days, LocalDate today,
      List<String> names, double[] resolution, PcaOptions options) {
    if (resolution.length != names.size()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d resolutions for %d metric names", resolution.length, names.size()));
    }
    if (days.size() != baseline.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%d baseline rows but %d days", baseline.length, days.size()));
    }
    int[] offsets = new int[days.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = (int) ChronoUnit.DAYS.between(days.get(0), days.get(i));
      if (i > 0 && offsets[i] <= offsets[i - 1]) {
        throw new IllegalArgumentException("baseline days must ascend, cannot be: " + days.get(i - 1)
            + " then " + days.get(i));
      }
    }
    int horizon = days.isEmpty() ? 1 : (int) ChronoUnit.DAYS.between(days.get(days.size() - 1), today);
    if (horizon < 1) {
      throw new IllegalArgumentException("today must follow the baseline, cannot be: " + today);
    }
    return fit(baseline, offsets, horizon, names, resolution, options);
  }

  private static Optional<PcaModel> fit(double[][] baseline, int[] offsets, int horizon, List<String> names,
      double[] resolution, PcaOptions options) {
    int p = names.size();
    if (new HashSet<>(names).size() != p) {
      throw new IllegalArgumentException("metric names must be unique, cannot be: " + names);
    }
    for (int r = 0; r < baseline.length; r++) {
      if (baseline[r].length != p) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "baseline row %d has %d values for %d metric names", r, baseline[r].length, p));
      }
    }
    int n = baseline.length;
    if (n < options.minBaselineRows()) {
      return Optional.empty();
    }
    RobustStandardizer standardizer = RobustStandardizer.fit(baseline, p, options.floor(), resolution);
    int width = standardizer.variable.length;
    double[] mean = new double[width];
    double[][] x = new double[n][];
    for (int r = 0; r < n; r++) {
      x[r] = standardizer.standardize(baseline[r], options.winsorize());
      for (int j = 0; j < width; j++) {
        mean[j] += x[r][j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < width; j++) {
        row[j] -= mean[j];
      }
    }
    boolean heldOut = options.limitMethod() == LimitMethod.HELD_OUT;
    double[][] gram = width > 0 && (heldOut || n <= width) ? PrincipalComponents.gram(x) : null;
    PrincipalComponents pcs = width == 0 ? null
        : PrincipalComponents.fit(x, gram, options.explainedVariance(), options.maxComponents());
    if (pcs == null || pcs.components() == 0) {
      double[] none = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY};
      return Optional.of(new PcaModel(List.copyOf(names), standardizer, mean, null, n, none,
          "constants-only", null, Double.NaN));
    }
    int k = pcs.components();
    double[] discarded = Arrays.copyOfRange(pcs.eigenvalues, k, pcs.eigenvalues.length);
    ControlLimits.Limit spe = ControlLimits.spe(discarded, options.confidence());
    double[] limits = {
        ControlLimits.hotellingT2(k, n, options.confidence()),
        ControlLimits.hotellingT2(k, n, options.severeConfidence()),
        atLeastRounding(spe.value()),
        atLeastRounding(ControlLimits.spe(discarded, options.severeConfidence()).value())};
    String method = "f+" + spe.method();
    double inflation = 1;
    double highest = Double.NaN;
    if (heldOut) {
      double[][] stats = HeldOutCalibration.statistics(gram, k, options.folds(n));
      double[] t2 = moments(stats[0]);
      double[] q = moments(stats[1]);
      limits[0] = Math.max(limits[0], ControlLimits.scaledChiSquared(t2[0], t2[1], options.confidence()));
      limits[1] = Math.max(limits[1],
          ControlLimits.scaledChiSquared(t2[0], t2[1], options.severeConfidence()));
      limits[2] = Math.max(limits[2], ControlLimits.scaledChiSquared(q[0], q[1], options.confidence()));
      limits[3] = Math.max(limits[3],
          ControlLimits.scaledChiSquared(q[0], q[1], options.severeConfidence()));
      method = "held-out";
      // in-sample T² averages k(n−1)/n; how much more a held-out day gets is how much in-sample
      // forecast errors understate too
      inflation = Math.max(1, t2[0] / (k * (n - 1.0) / n));
      highest = LeaveOneOut.highest(n, i -> Math.max(stats[0][i] / limits[0], stats[1][i] / limits[2]));
    }
    ScoreForecaster forecaster = options.forecastScores() && n >= ScoreForecaster.MIN_DAYS
        ? ScoreForecaster.fit(pcs.scores, offsets, horizon, pcs.eigenvalues, k, inflation) : null;
    return Optional.of(new PcaModel(List.copyOf(names), standardizer, mean, pcs, n, limits,
        forecaster != null ? method + "+forecast" : method, forecaster, highest));
  }

  /** No discarded variance at all (NaN) means any residual is new: the limit is rounding level. */
  private static double atLeastRounding(double speLimit) {
    return Double.isNaN(speLimit) ? MIN_SPE_LIMIT : Math.max(speLimit, MIN_SPE_LIMIT);
  }

  /** Scores today's metric vector, in the order of the names the model was fitted with. */
  public PcaScore score(double[] today) {
    if (today.length != names.size()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "today has %d values for %d metric names", today.length, names.size()));
    }
    List<PcaScore.ConstantBreak> breaks = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < standardizer.constant.length; c++) {
      int j = standardizer.constant[c];
      double constant = standardizer.constantValue[c];
      if (Double.isNaN(today[j])) {
        missing.add(names.get(j));
      } else if (Math.abs(today[j] - constant)
          > RobustStandardizer.CONSTANT_TOLERANCE * Math.max(1, Math.abs(constant))) {
        breaks.add(new PcaScore.ConstantBreak(names.get(j), constant, today[j]));
      }
    }
    for (int j : standardizer.variable) {
      if (Double.isNaN(today[j])) {
        missing.add(names.get(j));
      }
    }
    if (components == null) {
      return new PcaScore(0, limits[0], limits[1], 0, limits[2], limits[3], 0, limitMethod, Map.of(),
          Map.of(), List.copyOf(breaks), List.copyOf(missing));
    }
    double[] x = standardizer.standardize(today, Double.POSITIVE_INFINITY);
    int width = x.length;
    int k = components.components();
    double[][] axes = components.loadings;
    double[] deviation = new double[width];
    double[] weight = new double[k]; // t_i / λ_i: what each component adds to T² per unit of score
    double t2 = 0;
    double[] residual = new double[width];
    for (int j = 0; j < width; j++) {
      x[j] -= mean[j];
      residual[j] = x[j];
      deviation[j] = x[j];
    }
    for (int i = 0; i < k; i++) {
      double score = PrincipalComponents.dot(axes[i], x);
      double expected = forecaster == null ? 0 : forecaster.forecast[i];
      double variance = forecaster == null ? components.eigenvalues[i] : forecaster.variance[i];
      weight[i] = (score - expected) / variance;
      t2 += (score - expected) * (score - expected) / variance;
      for (int j = 0; j < width; j++) {
        residual[j] -= score * axes[i][j];
        deviation[j] -= expected * axes[i][j];
      }
    }
    double spe = 0;
    for (double e : residual) {
      spe += e * e;
    }
    // T² parts x_j·Σ_i w_i·p_ji sum to T² but can be negative (a metric pulling against the day's
    // deviation); as usual (Kourti & MacGregor) only the positive parts are shared out, so shares lie in
    // [0, 1] and stay meaningful when T² is near 0
    double[] t2Parts = new double[width];
    double positive = 0;
    for (int j = 0; j < width; j++) {
      double pull = 0;
      for (int i = 0; i < k; i++) {
        pull += weight[i] * axes[i][j];
      }
      t2Parts[j] = Math.max(0, deviation[j] * pull);
      positive += t2Parts[j];
    }
    Map<String, Double> t2Shares = new HashMap<>();
    Map<String, Double> speShares = new HashMap<>();
    for (int j = 0; j < width; j++) {
      String name = names.get(standardizer.variable[j]);
      t2Shares.put(name, positive > 0 ? t2Parts[j] / positive : 0);
      speShares.put(name, spe > 0 ? residual[j] * residual[j] / spe : 0);
    }
    return new PcaScore(t2, limits[0], limits[1], spe, limits[2], limits[3], k, limitMethod,
        PcaScore.sortedDescending(t2Shares), PcaScore.sortedDescending(speShares),
        List.copyOf(breaks), List.copyOf(missing));
  }

  /** Retained components k (0 when no metric varied in the baseline). */
  public int components() {
    return components == null ? 0 : components.components();
  }

  /** Covariance eigenvalues of the standardised baseline, descending. */
  public double[] eigenvalues() {
    return components == null ? new double[0] : components.eigenvalues.clone();
  }

  public int baselineRows() {
    return baselineRows;
  }

  /** Metrics in the PCA, in model order. */
  public List<String> modelledMetrics() {
    return pick(standardizer.variable);
  }

  /** Metrics constant over the baseline: checked for equality, not modelled. */
  public List<String> constantMetrics() {
    return pick(standardizer.constant);
  }

  /**
   * The highest of the baseline days' own scores, each day held out of the fit, in multiples of the control
   * limits (the larger of T² and SPE, as {@link PcaScore} rates a day); NaN without held-out limits or with
   * fewer than {@link LeaveOneOut#MIN_DAYS} days.
   */
  public double heldOutHighest() {
    return heldOutHighest;
  }

  public String limitMethod() {
    return limitMethod;
  }

  private List<String> pick(int[] indices) {
    List<String> picked = new ArrayList<>(indices.length);
    for (int j : indices) {
      picked.add(names.get(j));
    }
    return Collections.unmodifiableList(picked);
  }

  private static double[] moments(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean);
    }
    return new double[] {mean, variance / Math.max(1, values.length - 1)};
  }
}
