package io.dqgate.drift;

import io.dqgate.drift.DriftResult.Crossing;
import io.dqgate.drift.DriftResult.Kind;
import io.dqgate.drift.DriftResult.Measure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares a column's current distribution with its baseline (trailing days pooled by {@link Baselines}, or a
 * named reference such as the training snapshot) and judges every distance against {@link DriftThresholds}.
 * Stateless and thread-safe.
 */
public final class DriftDetector {
  private final DriftThresholds thresholds;

  public DriftDetector() {
    this(DriftThresholds.DEFAULTS);
  }

  public DriftDetector(DriftThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public DriftThresholds thresholds() {
    return thresholds;
  }

  /**
   * Categorical drift over the union of both sides' values plus other (see
   * {@link CategoricalDistribution#align}): PSI, JS divergence, L∞ of proportions, and χ² of the current counts
   * against the baseline proportions, small cells pooled into other.
   */
  public DriftResult compare(String column, CategoricalDistribution baseline, CategoricalDistribution current) {
    String empty = emptiness(baseline.isEmpty(), current.isEmpty());
    if (empty != null) {
      return notComparable(column, Kind.CATEGORICAL, baseline.total(), current.total(), empty);
    }
    AlignedCells cells = CategoricalDistribution.align(baseline, current);
    double psi = Distances.psi(cells.baseline(), cells.current(), thresholds.epsilon());
    double js = Distances.jsDivergence(cells.baseline(), cells.current());
    double lInf = Distances.lInfinity(cells.baseline(), cells.current());
    ChiSquareResult chi = Distances.chiSquare(cells.current(), cells.baseline(), cells.otherIndex(),
        thresholds.minExpected());
    List<Crossing> crossings = new ArrayList<>();
    judge(crossings, psi, js);
    if (lInf >= thresholds.lInfinity()) {
      crossings.add(new Crossing(Measure.L_INFINITY, lInf, thresholds.lInfinity(), false));
    }
    if (chi.pValue() < thresholds.chiSquarePValue() && chi.cramersV() > thresholds.cramersV()) {
      crossings.add(new Crossing(Measure.CHI_SQUARE, chi.cramersV(), thresholds.cramersV(), false));
    }
    String note = cells.folded() == 0 ? ""
        : cells.folded() + " value(s) listed on one side only were folded into other (truncated top list)";
    return new DriftResult(column, Kind.CATEGORICAL, baseline.total(), current.total(), psi, js, lInf, chi,
        topShifts(cells), crossings, note);
  }

  /**
   * Numeric drift between two quantile sketches: PSI and JS divergence over the baseline's quantile bins
   * ({@link DriftThresholds#numericBins()}), and the KS distance as L∞. The explaining shifts are the bins that
   * moved most.
   */
  public DriftResult compare(String column, NumericDistribution baseline, NumericDistribution current) {
    String empty = emptiness(baseline.isEmpty(), current.isEmpty());
    if (empty == null) {
      empty = baseline.isUsable() ? current.isUsable() ? null : "current has non-finite quantiles"
          : "baseline has non-finite quantiles";
    }
    if (empty != null) {
      return notComparable(column, Kind.NUMERIC, baseline.count(), current.count(), empty);
    }
    AlignedCells bins = NumericDistances.baselineQuantileBins(baseline, current, thresholds.numericBins());
    double psi = Distances.psi(bins.baseline(), bins.current(), thresholds.epsilon());
    double js = Distances.jsDivergence(bins.baseline(), bins.current());
    double ks = NumericDistances.ksStatistic(baseline, current);
    List<Crossing> crossings = new ArrayList<>();
    judge(crossings, psi, js);
    // each sketch's CDF is within its rank error of its data's, so a gap no wider than both errors together
    // may be the sketches' own: only the rest counts against the threshold
    if (ks - sketchError(baseline) - sketchError(current) >= thresholds.ks()) {
      crossings.add(new Crossing(Measure.KS, ks, thresholds.ks(), false));
    }
    return new DriftResult(column, Kind.NUMERIC, baseline.count(), current.count(), psi, js, ks,
        ChiSquareResult.NOT_APPLICABLE, topShifts(bins), crossings, "");
  }

  private static double sketchError(NumericDistribution d) {
    return Double.isNaN(d.rankError()) ? 0.0 : d.rankError();
  }

  private void judge(List<Crossing> crossings, double psi, double js) {
    if (psi >= thresholds.psiWarn()) {
      boolean block = psi >= thresholds.psiBlock();
      crossings.add(new Crossing(Measure.PSI, psi, block ? thresholds.psiBlock() : thresholds.psiWarn(), block));
    }
    if (js >= thresholds.jsDivergence()) {
      crossings.add(new Crossing(Measure.JS_DIVERGENCE, js, thresholds.jsDivergence(), false));
    }
  }

  /**
   * The cells whose proportion moved most (ties: larger PSI term first), at most
   * {@link DriftThresholds#topShifts()}, unchanged cells left out. PSI terms use the same epsilon floor as the
   * index, so they add up to it.
   */
  private List<Shift> topShifts(AlignedCells cells) {
    double[] b = Distances.normalised(cells.baseline());
    double[] c = Distances.normalised(cells.current());
    double[] fb = Distances.normalised(floor(b));
    double[] fc = Distances.normalised(floor(c));
    List<Shift> shifts = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      if (b[i] != c[i]) {
        double term = (fc[i] - fb[i]) * Math.log(fc[i] / fb[i]);
        shifts.add(new Shift(cells.labels().get(i), b[i], c[i], term));
      }
    }
    shifts.sort(Comparator.comparingDouble((Shift s) -> -Math.abs(s.change()))
        .thenComparingDouble(s -> -s.psiTerm()));
    return shifts.subList(0, Math.min(thresholds.topShifts(), shifts.size()));
  }

  private double[] floor(double[] p) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Math.max(p[i], thresholds.epsilon());
    }
    return out;
  }

  private static String emptiness(boolean baselineEmpty, boolean currentEmpty) {
    if (baselineEmpty && currentEmpty) {
      return "baseline and current have no rows";
    }
    if (baselineEmpty) {
      return "baseline has no rows";
    }
    return currentEmpty ? "current has no rows" : null;
  }

  private static DriftResult notComparable(String column, Kind kind, long baselineCount, long currentCount,
      String why) {
    return new DriftResult(column, kind, baselineCount, currentCount, Double.NaN, Double.NaN, Double.NaN,
        ChiSquareResult.NOT_APPLICABLE, List.of(), List.of(), why);
  }
}
