package io.dqgate.anomaly;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Today's metric vector against a {@link PcaModel}.
 *
 * <p>Contributions are shares per metric, ordered largest first. SPE shares are squared residuals over
 * SPE: non-negative, summing to 1. T² parts are {@code x_j·Σ_i (t_i/λ_i)·p_ji} (they sum to T²); the
 * positive parts are normalised to shares, a metric pulling against the day's deviation gets 0. Either map
 * can be summed over the metrics of a column to name the column that drove a hit.
 *
 * @param t2 Hotelling T² in the retained components (from their forecasts when the model forecasts)
 * @param spe squared prediction error: the part of today that the retained components do not explain
 * @param components retained components k
 * @param limitMethod how the limits were set: {@code f+jackson-mudholkar}, {@code f+box} or
 *     {@code held-out}
 * @param constantBreaks metrics constant over the whole baseline (left out of PCA) that differ today
 * @param missing metrics with no value today (NaN); they counted as their baseline median
 */
public record PcaScore(
    double t2,
    double t2Limit,
    double t2SevereLimit,
    double spe,
    double speLimit,
    double speSevereLimit,
    int components,
    String limitMethod,
    Map<String, Double> t2Contributions,
    Map<String, Double> speContributions,
    List<ConstantBreak> constantBreaks,
    List<String> missing) {

  /** A metric that never moved in the baseline and moved today. */
  public record ConstantBreak(String metric, double constant, double observed) {}

  /** The same score with only {@code kept} of its constant breaks. */
  public PcaScore withConstantBreaks(List<ConstantBreak> kept) {
    return new PcaScore(t2, t2Limit, t2SevereLimit, spe, speLimit, speSevereLimit, components, limitMethod,
        t2Contributions, speContributions, List.copyOf(kept), missing);
  }

  public boolean t2Exceeded() {
    return t2 > t2Limit;
  }

  public boolean speExceeded() {
    return spe > speLimit;
  }

  /** T² or SPE above its limit, or a constant broken. */
  public boolean anomalous() {
    return t2Exceeded() || speExceeded() || !constantBreaks.isEmpty();
  }

  /** Above a severe limit, or a constant broken. */
  public boolean severe() {
    return t2 > t2SevereLimit || spe > speSevereLimit || !constantBreaks.isEmpty();
  }

  /**
   * One share per metric for the day as a whole: the T² and SPE shares weighted by how far each statistic
   * stands relative to its limit, so the statistic that fired dominates the explanation.
   */
  public Map<String, Double> contributions() {
    double wt = t2Limit > 0 ? t2 / t2Limit : 0;
    double ws = speLimit > 0 ? spe / speLimit : 0;
    Map<String, Double> combined = new LinkedHashMap<>();
    if (wt + ws > 0) {
      t2Contributions.forEach((m, s) -> combined.merge(m, s * wt / (wt + ws), Double::sum));
      speContributions.forEach((m, s) -> combined.merge(m, s * ws / (wt + ws), Double::sum));
    }
    return sortedDescending(combined);
  }

  /** One line: the statistics against their limits and the leading metrics. */
  public String explanation() {
    String top = contributions().entrySet().stream().limit(3)
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue()))
        .collect(Collectors.joining(", "));
    String text = String.format(Locale.ROOT, "T² %.3g %s limit %.3g, SPE %.3g %s limit %.3g (%d components, %s)",
        t2, t2Exceeded() ? ">" : "<=", t2Limit, spe, speExceeded() ? ">" : "<=", speLimit, components,
        limitMethod);
    if (!top.isEmpty()) {
      text += "; top metrics: " + top;
    }
    if (!constantBreaks.isEmpty()) {
      // A badly broken day leaves dozens of constants at once; five say enough, the count says the rest.
      text += "; constant broken: " + constantBreaks.stream()
          .limit(MAX_LISTED_BREAKS)
          .map(b -> b.metric() + " " + Format.number(b.observed()) + " (always "
              + Format.number(b.constant()) + ")")
          .collect(Collectors.joining(", "))
          + (constantBreaks.size() > MAX_LISTED_BREAKS
              ? " (+" + (constantBreaks.size() - MAX_LISTED_BREAKS) + " more)" : "");
    }
    return text;
  }

  static final int MAX_LISTED_BREAKS = 5;

  static Map<String, Double> sortedDescending(Map<String, Double> shares) {
    return Collections.unmodifiableMap(shares.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
            LinkedHashMap::new)));
  }
}
