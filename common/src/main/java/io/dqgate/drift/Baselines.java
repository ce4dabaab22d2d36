package io.dqgate.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pools the distributions of trailing days into one baseline, so today is compared with a typical stretch of
 * history instead of one possibly odd day. Empty days are skipped; no usable day gives the empty distribution.
 */
public final class Baselines {
  private Baselines() {}

  /**
   * The sum of the days' counts. A value's pooled count is exact only when every day either lists it or has an
   * empty other bucket (then its absence means 0); a value some day may have hidden in its other bucket would
   * get a count too low, so it goes to the pooled other bucket instead. The pooled distinct count is the
   * largest daily one, a lower bound.
   */
  public static CategoricalDistribution mergeCategorical(List<CategoricalDistribution> days) {
    List<CategoricalDistribution> used = new ArrayList<>();
    for (CategoricalDistribution d : days) {
      if (d != null && !d.isEmpty()) {
        used.add(d);
      }
    }
    if (used.isEmpty()) {
      return CategoricalDistribution.empty();
    }
    Map<String, Long> sums = new HashMap<>();
    Set<String> uncertain = new HashSet<>();
    long total = 0;
    long distinct = 0;
    for (CategoricalDistribution d : used) {
      d.counts().forEach((v, c) -> sums.merge(v, c, Long::sum));
      total += d.total();
      distinct = Math.max(distinct, d.distinct());
    }
    for (CategoricalDistribution d : used) {
      if (d.otherCount() > 0) {
        for (String v : sums.keySet()) {
          if (!d.counts().containsKey(v)) {
            uncertain.add(v);
          }
        }
      }
    }
    Map<String, Long> exact = new LinkedHashMap<>();
    long listed = 0;
    List<Map.Entry<String, Long>> ordered = new ArrayList<>(sums.entrySet());
    // Most frequent first, ties by value, so the pooled list reads like a stored one and is deterministic.
    ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    for (Map.Entry<String, Long> e : ordered) {
      if (!uncertain.contains(e.getKey())) {
        exact.put(e.getKey(), e.getValue());
        listed += e.getValue();
      }
    }
    return CategoricalDistribution.of(exact, total - listed, distinct);
  }

  /** {@link #mergeNumeric(List, double[])} on the profiler's 21-point grid. */
  public static NumericDistribution mergeNumeric(List<NumericDistribution> days) {
    return mergeNumeric(days, NumericDistribution.STANDARD_PROBABILITIES);
  }

  /**
   * The mixture of the days' CDFs weighted by their counts, {@code F(x) = sum n_d F_d(x) / sum n_d}: the
   * distribution of all their rows together. It is exact on the union of the days' quantile values and then
   * re-sampled at {@code grid} (probabilities rising from 0 to 1), so the result has the stored shape. Days
   * that are empty or not usable (non-finite quantiles) are skipped; the pooled rank error is the largest.
   */
  public static NumericDistribution mergeNumeric(List<NumericDistribution> days, double[] grid) {
    List<NumericDistribution> used = new ArrayList<>();
    long total = 0;
    for (NumericDistribution d : days) {
      if (d != null && d.isUsable()) {
        used.add(d);
        total += d.count();
      }
    }
    if (used.isEmpty()) {
      return NumericDistribution.empty();
    }
    PiecewiseLinearCdf[] parts = new PiecewiseLinearCdf[used.size()];
    double[] weights = new double[used.size()];
    double rankError = Double.NaN;
    for (int i = 0; i < parts.length; i++) {
      NumericDistribution d = used.get(i);
      parts[i] = d.curve();
      weights[i] = (double) d.count() / total;
      if (!Double.isNaN(d.rankError())) {
        rankError = Double.isNaN(rankError) ? d.rankError() : Math.max(rankError, d.rankError());
      }
    }
    return NumericDistribution.fromCdf(PiecewiseLinearCdf.mixture(parts, weights), grid, total, rankError);
  }
}
