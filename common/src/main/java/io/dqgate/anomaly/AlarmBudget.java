package io.dqgate.anomaly;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Thresholds for a whole day of scores, set so that a clean day WARNs about once in {@code warnEveryDays}
 * and BLOCKs about once in {@code blockEveryDays}, however many metrics a day has.
 *
 * <p>Hundreds of scores a day are one multiple-testing problem. Each score is first made comparable by its
 * own clean history: its surprise −ln P(clean score ≥ s) from a {@link TailModel} of that key. The day's
 * statistic is the largest surprise of the day. Replaying every calibration day against the others (leave
 * one out) gives that statistic's own clean-day distribution, and its tail model's quantiles at
 * 1/{@code warnEveryDays} and 1/{@code blockEveryDays} are the day's thresholds. Correlated metrics (a mean
 * and its median) need no correction: the maximum of the day is what is calibrated, so their dependence is
 * in its distribution already — Bonferroni over 500 metrics would be far too strict for them.
 */
public final class AlarmBudget {
  /** A key needs this many clean-day scores for a model of its own. */
  public static final int MIN_KEY_SCORES = 10;
  /**
   * The day statistic is a maximum of log-probabilities, whose tail is close to exponential (Gumbel), so it
   * needs less of {@link TailModel#SHAPE_MARGIN}: with this, 90 clean days of 100 metrics set a 1-in-365
   * threshold exceeded on 1 in 180–310 held-out days for heavy-tailed and mixed metrics, 1 in 700 for
   * exponential and 1 in 900 for Gaussian ones (AlarmBudgetTest).
   */
  static final double DAY_SHAPE_MARGIN = 0.03;

  private final Map<String, TailModel> models;
  private final TailModel day;
  private final int days;
  private final double warnThreshold;
  private final double blockThreshold;

  private AlarmBudget(Map<String, TailModel> models, TailModel day, int days, double warnThreshold,
      double blockThreshold) {
    this.models = models;
    this.day = day;
    this.days = days;
    this.warnThreshold = warnThreshold;
    this.blockThreshold = blockThreshold;
  }

  /**
   * One clean day's scores by key. Keys are free-form ("series:income.null_fraction"); {@code minScale}
   * gives each key's tail its least scale (a score's natural unit: a robust z of 1, a ratio of 0.1).
   */
  public record Day(Map<String, Double> scores) {}

  /**
   * Learns the thresholds from clean days (any order). Returns null when fewer than {@code minDays} days
   * have a statistic, or no key has {@link #MIN_KEY_SCORES} scores: the caller keeps its fixed rules then.
   */
  public static AlarmBudget learn(List<Day> cleanDays, java.util.function.ToDoubleFunction<String> minScale,
      int minDays, double warnEveryDays, double blockEveryDays) {
    if (!(warnEveryDays > 1) || !(blockEveryDays >= warnEveryDays)) {
      throw new IllegalArgumentException("need 1 < warnEveryDays <= blockEveryDays, cannot be: "
          + warnEveryDays + ", " + blockEveryDays);
    }
    Map<String, double[]> byKey = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Day d : cleanDays) {
      d.scores().forEach((key, s) -> {
        if (!Double.isNaN(s)) {
          double[] values = byKey.computeIfAbsent(key, k -> new double[cleanDays.size()]);
          int i = counts.merge(key, 1, Integer::sum) - 1;
          values[i] = s;
        }
      });
    }
    Map<String, TailModel> models = new HashMap<>();
    byKey.forEach((key, values) -> {
      int n = counts.get(key);
      if (n >= MIN_KEY_SCORES) {
        models.put(key, TailModel.fit(java.util.Arrays.copyOf(values, n), minScale.applyAsDouble(key)));
      }
    });
    if (models.isEmpty()) {
      return null;
    }
    double[] statistics = new double[cleanDays.size()];
    int n = 0;
    for (Day d : cleanDays) {
      double worst = Double.NaN;
      for (Map.Entry<String, Double> e : d.scores().entrySet()) {
        TailModel model = models.get(e.getKey());
        if (model != null && !Double.isNaN(e.getValue())) {
          double surprise = -Math.log(model.exceedanceWithout(e.getValue()));
          worst = Double.isNaN(worst) ? surprise : Math.max(worst, surprise);
        }
      }
      if (!Double.isNaN(worst)) {
        statistics[n++] = worst;
      }
    }
    if (n < Math.max(minDays, TailModel.MIN_TAIL + 1)) {
      return null;
    }
    // surprises are logarithms: a tenth of a nat is the least spread worth modelling
    TailModel day = TailModel.fit(java.util.Arrays.copyOf(statistics, n), 0.1, DAY_SHAPE_MARGIN);
    return new AlarmBudget(models, day, n, day.quantile(1 / warnEveryDays), day.quantile(1 / blockEveryDays));
  }

  /** Whether {@code key} has a model of its own. */
  public boolean knows(String key) {
    return models.containsKey(key);
  }

  /** The largest clean-day score of {@code key}; NaN for an unknown key. */
  public double maxScore(String key) {
    TailModel model = models.get(key);
    return model == null ? Double.NaN : model.max();
  }

  /**
   * The largest clean-day score of {@code key}'s peers: the keys of its family (the text before ':') on the
   * same metric (the text after the last '.'), {@code key} included — what the same counter did on every
   * column of the dataset's clean days. NaN for an unknown key.
   */
  public double maxPeerScore(String key) {
    if (!models.containsKey(key)) {
      return Double.NaN;
    }
    int colon = key.indexOf(':');
    String family = key.substring(0, colon + 1);
    String metric = key.substring(key.lastIndexOf('.') + 1);
    double max = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, TailModel> e : models.entrySet()) {
      String k = e.getKey();
      if (k.startsWith(family) && k.substring(k.lastIndexOf('.') + 1).equals(metric)) {
        max = Math.max(max, e.getValue().max());
      }
    }
    return max;
  }

  /** −ln P(clean score ≥ score) for {@code key}; NaN for an unknown key. */
  public double surprise(String key, double score) {
    TailModel model = models.get(key);
    return model == null ? Double.NaN : -Math.log(model.exceedance(score));
  }

  /** Clean days of {@code key} that scored at least {@code score}, and how many clean days it has. */
  public int[] asHigh(String key, double score) {
    TailModel model = models.get(key);
    if (model == null) {
      return null;
    }
    return new int[] {model.atLeast(score), model.size()};
  }

  /** The day statistic (largest surprise) above which a day warns. */
  public double warnThreshold() {
    return warnThreshold;
  }

  public double blockThreshold() {
    return blockThreshold;
  }

  /** Days the thresholds were learnt from. */
  public int days() {
    return days;
  }

  /** How often a clean day's largest surprise reaches {@code surprise}: once in this many days. */
  public double onceInDays(double surprise) {
    return 1 / day.exceedance(surprise);
  }
}
