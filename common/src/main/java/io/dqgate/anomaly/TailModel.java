package io.dqgate.anomaly;

import java.util.Arrays;

/**
 * How often a score at least this high comes, learnt from a sample of clean-day scores: the empirical
 * distribution in the bulk and, above the {@code k} largest scores, a generalised Pareto tail fitted to
 * their excesses (peaks over threshold). The tail is what lets 60 days of history speak about a rate of one
 * day in a year.
 *
 * <p>The shape ξ is fitted by probability-weighted moments (Hosking and Wallis 1987: stable for the 10–30
 * excesses a daily history gives, where maximum likelihood is not), held to [0, 0.5] and then widened by
 * {@link #SHAPE_MARGIN}: below 0 the tail would end a few scales past the largest score seen, and a score
 * beyond that end would count as impossible (a surprise of hundreds of nats, which then swamps the day's
 * statistic); above 0.5 it has no variance and 20 points cannot tell. ξ = 0 is the exponential tail, ξ = 1/3 a
 * Student-t with three degrees of freedom. The scale never falls below {@code minScale}, so a score that sat
 * at one value on every clean day still has a tail (a constant history does not make every wiggle rare).
 */
public final class TailModel {
  /** Fewest excesses a tail is fitted to; below, the history is too short to model at all. */
  public static final int MIN_TAIL = 5;
  /** Share of the sample whose excesses make the tail. */
  static final double TAIL_SHARE = 0.3;
  static final double MIN_SHAPE = 0;
  static final double MAX_SHAPE = 0.5;
  /**
   * Added to the fitted shape: from 20–30 excesses, probability-weighted moments underestimate a heavy
   * tail's shape (Student-t with 3 degrees of freedom, ξ = 1/3, fits as about 0.2), and a thin tail makes
   * thresholds that are exceeded more often than the budget. With the margin, the 1-in-365 threshold from
   * 60 or 90 clean days is exceeded on about 1 in 250 held-out days for Student-t scores, 1 in 600–700
   * for exponential ones and 1 in 1,700–2,800 for Gaussian ones (conservative where the tail is light).
   */
  static final double SHAPE_MARGIN = 0.1;

  private final double[] sorted;
  private final int tailSize;
  private final double threshold;
  private final double shape;
  private final double scale;
  private final double minScale;
  private final double shapeMargin;

  private TailModel(double[] sorted, int tailSize, double threshold, double shape, double scale,
      double minScale, double shapeMargin) {
    this.minScale = minScale;
    this.shapeMargin = shapeMargin;
    this.sorted = sorted;
    this.tailSize = tailSize;
    this.threshold = threshold;
    this.shape = shape;
    this.scale = scale;
  }

  /**
   * Fits a model to {@code scores} (NaN left out): the tail is the largest 30 % of them, at least
   * {@link #MIN_TAIL}.
   *
   * @throws IllegalArgumentException with fewer than {@code MIN_TAIL + 1} scores
   */
  public static TailModel fit(double[] scores, double minScale) {
    return fit(scores, minScale, SHAPE_MARGIN);
  }

  /** As {@link #fit(double[], double)} with {@code shapeMargin} added to the fitted shape. */
  public static TailModel fit(double[] scores, double minScale, double shapeMargin) {
    return fitSorted(Arrays.stream(scores).filter(s -> !Double.isNaN(s)).sorted().toArray(), minScale, shapeMargin);
  }

  /** The fit of scores already sorted ascending, without NaN (kept, not copied). */
  private static TailModel fitSorted(double[] sorted, double minScale, double shapeMargin) {
    int n = sorted.length;
    if (n <= MIN_TAIL) {
      throw new IllegalArgumentException("a tail model needs more than " + MIN_TAIL + " scores, had " + n);
    }
    if (!(minScale > 0)) {
      throw new IllegalArgumentException("minScale must be > 0, cannot be: " + minScale);
    }
    int k = Math.min(n - 1, Math.max(MIN_TAIL, (int) (n * TAIL_SHARE)));
    double u = sorted[n - k - 1];
    double[] excess = new double[k];
    for (int i = 0; i < k; i++) {
      excess[i] = sorted[n - k + i] - u; // ascending
    }
    double a0 = 0;
    double a1 = 0;
    for (int j = 0; j < k; j++) {
      a0 += excess[j];
      a1 += excess[j] * (k - 1 - j) / (double) (k - 1);
    }
    a0 /= k;
    a1 /= k;
    // Hosking–Wallis: k_H = a0/(a0 − 2a1) − 2 and ξ = −k_H in the usual sign
    double shape = a0 - 2 * a1 > 0 ? 2 - a0 / (a0 - 2 * a1) : 0;
    shape = Math.max(MIN_SHAPE, Math.min(MAX_SHAPE, shape)) + shapeMargin;
    // the mean excess of a GPD is σ/(1−ξ): the scale that keeps the fitted mean with the clamped shape
    double scale = Math.max(minScale, a0 * (1 - shape));
    return new TailModel(sorted, k, u, shape, scale, minScale, shapeMargin);
  }

  public int size() {
    return sorted.length;
  }

  public double shape() {
    return shape;
  }

  public double scale() {
    return scale;
  }

  /** The largest score in the sample. */
  public double max() {
    return sorted[sorted.length - 1];
  }

  /**
   * The estimated probability that a clean day scores at least {@code score}: (count + 1)/(n + 1) in the
   * bulk (never 0: today is one more draw), the fitted tail beyond the threshold.
   */
  public double exceedance(double score) {
    return exceedance(score, Double.NaN);
  }

  /**
   * As {@link #exceedance(double)} with {@code leftOut} (one of the sample's own scores) removed from the
   * sample: a day's own rarity among the other days, without refitting the tail.
   */
  public double exceedance(double score, double leftOut) {
    int n = sorted.length - (Double.isNaN(leftOut) ? 0 : 1);
    if (Double.isNaN(score)) {
      return 1.0 / (n + 1);
    }
    if (score > threshold) {
      double y = score - threshold;
      double survival = shape == 0 ? Math.exp(-y / scale)
          : 1 + shape * y / scale <= 0 ? 0 : Math.pow(1 + shape * y / scale, -1 / shape);
      return Math.max(Double.MIN_NORMAL, Math.min(1, (tailSize + 1.0) / (n + 1) * survival));
    }
    int atLeast = sorted.length - lowerBound(score);
    if (!Double.isNaN(leftOut) && leftOut >= score) {
      atLeast--;
    }
    return (atLeast + 1.0) / (n + 1);
  }

  /** The score whose {@link #exceedance} is {@code rate}: the threshold a budget of that rate sets. */
  public double quantile(double rate) {
    if (!(rate > 0 && rate < 1)) {
      throw new IllegalArgumentException("rate must be in (0, 1), cannot be: " + rate);
    }
    int n = sorted.length;
    double atThreshold = (tailSize + 1.0) / (n + 1);
    if (rate < atThreshold) {
      double ratio = atThreshold / rate;
      return threshold + (shape == 0 ? scale * Math.log(ratio) : scale / shape * (Math.pow(ratio, shape) - 1));
    }
    // the smallest sample score s with (count ≥ s + 1)/(n + 1) ≤ rate
    int atLeast = (int) Math.floor(rate * (n + 1) - 1);
    return sorted[Math.max(0, Math.min(n - 1, n - atLeast))];
  }

  /**
   * The probability that a clean day scores at least {@code score}, judged without one occurrence of
   * {@code score} in the sample (it must be one of the sample's scores): a day's rarity among the other days.
   * Scores in the tail are judged by a tail refitted without them, so the largest day does not shape the
   * very tail it is judged by.
   */
  public double exceedanceWithout(double score) {
    if (!(score > threshold) || sorted.length <= MIN_TAIL + 1) {
      return exceedance(score, score);
    }
    int at = lowerBound(score);
    double[] others = new double[sorted.length - 1];
    System.arraycopy(sorted, 0, others, 0, at);
    System.arraycopy(sorted, at + 1, others, at, sorted.length - at - 1);
    return fitSorted(others, minScale, shapeMargin).exceedance(score);
  }

  /** How many of the sample's scores are at least {@code score}. */
  public int atLeast(double score) {
    return sorted.length - lowerBound(score);
  }

  private int lowerBound(double score) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
