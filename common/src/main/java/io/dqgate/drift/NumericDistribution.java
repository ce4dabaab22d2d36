package io.dqgate.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import java.util.Arrays;

/**
 * A numeric column's distribution as the profiler stores it: a quantile sketch ({@code quantiles} metric,
 * detail {@code {"probabilities": [0.0, 0.05, …, 1.0], "values": [q0, …, q100], "count": n, "rank_error": e}}).
 *
 * <p>The CDF is the piecewise-linear curve through the points (value, probability), i.e. the mass between
 * two neighbouring quantiles is spread evenly over the values between them. A run of equal quantile values is
 * a point mass: F jumps there from the run's first probability to its last (a constant column jumps from 0 to
 * 1 at its one value). The linear model is crude in the outer 5% segments, whose ends are the sample's min and
 * max; distances read there (the outer PSI bins) carry that error.
 *
 * <p>An empty distribution (no rows, or no sketch at all) has {@link #isEmpty()} true; its CDF and quantiles
 * are NaN. A sketch with a non-finite quantile (NaN or ±Infinity in the data) cannot be drawn as a CDF and is
 * not {@link #isUsable()} either.
 */
public final class NumericDistribution {
  /** The grid the profiler stores: every 5%. */
  public static final double[] STANDARD_PROBABILITIES = {0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40,
      0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.0};

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final NumericDistribution EMPTY =
      new NumericDistribution(new double[0], new double[0], 0L, Double.NaN, null);

  private final double[] probabilities;
  private final double[] values;
  private final long count;
  private final double rankError;
  /** Null when the distribution is empty or has non-finite quantiles. */
  private final PiecewiseLinearCdf cdf;

  private NumericDistribution(double[] probabilities, double[] values, long count, double rankError,
      PiecewiseLinearCdf cdf) {
    this.probabilities = probabilities;
    this.values = values;
    this.count = count;
    this.rankError = rankError;
    this.cdf = cdf;
  }

  public static NumericDistribution empty() {
    return EMPTY;
  }

  /**
   * A sketch from its grid. Probabilities must rise strictly within [0, 1] and values must not fall (as every
   * quantile function's); a count of 0 or no points gives the empty distribution.
   *
   * @throws DqgateException when the arrays differ in length or break monotonicity
   */
  public static NumericDistribution of(double[] probabilities, double[] values, long count, double rankError) {
    if (probabilities.length != values.length) {
      throw DqgateException.of("quantile sketch: %d probabilities but %d values", probabilities.length,
          values.length);
    }
    if (count < 0) {
      throw DqgateException.of("quantile sketch: count must be at least 0, was %d", count);
    }
    if (count == 0 || values.length == 0) {
      return EMPTY;
    }
    for (int k = 0; k < probabilities.length; k++) {
      double p = probabilities[k];
      if (!(p >= 0.0 && p <= 1.0) || (k > 0 && !(p > probabilities[k - 1]))) {
        throw DqgateException.of("quantile sketch: probabilities must rise strictly within [0, 1], were %s",
            Arrays.toString(probabilities));
      }
    }
    boolean finite = true;
    for (int k = 0; k < values.length; k++) {
      finite &= Double.isFinite(values[k]);
      if (k > 0 && values[k] < values[k - 1]) {
        throw DqgateException.of("quantile sketch: values must not decrease, were %s", Arrays.toString(values));
      }
    }
    double[] p = probabilities.clone();
    double[] v = values.clone();
    return new NumericDistribution(p, v, count, rankError,
        finite ? PiecewiseLinearCdf.throughQuantiles(p, v) : null);
  }

  /** Parses the {@code quantiles} metric's detail; null or blank is the empty distribution. */
  public static NumericDistribution fromJson(String detail) {
    if (detail == null || detail.isBlank()) {
      return EMPTY;
    }
    JsonNode root;
    try {
      root = JSON.readTree(detail);
    } catch (JsonProcessingException e) {
      throw new DqgateException("unreadable quantiles detail: " + detail, e);
    }
    JsonNode probabilities = root.path("probabilities");
    JsonNode values = root.path("values");
    if (!probabilities.isArray() || !values.isArray()) {
      throw new DqgateException("quantiles detail needs arrays \"probabilities\" and \"values\": " + detail);
    }
    double[] p = numbers(probabilities);
    double[] v = numbers(values);
    // Without a count the sketch still describes a shape; 1 marks it non-empty without claiming a size.
    long count = root.has("count") ? root.path("count").asLong() : (v.length == 0 ? 0 : 1);
    double rankError = root.has("rank_error") ? root.path("rank_error").asDouble() : Double.NaN;
    return of(p, v, count, rankError);
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int k = 0; k < out.length; k++) {
      JsonNode n = array.get(k);
      // Jackson writes NaN and infinities as strings; a null quantile (all-null column) is NaN.
      out[k] = n.isNumber() ? n.asDouble() : n.isNull() ? Double.NaN : parseSpecial(n.asText());
    }
    return out;
  }

  private static double parseSpecial(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DqgateException("quantiles detail: not a number: \"" + text + "\"", e);
    }
  }

  static NumericDistribution fromCdf(PiecewiseLinearCdf cdf, double[] grid, long count, double rankError) {
    double[] v = new double[grid.length];
    for (int k = 0; k < grid.length; k++) {
      v[k] = cdf.quantile(grid[k]);
      if (k > 0) {
        v[k] = Math.max(v[k], v[k - 1]);
      }
    }
    return of(grid, v, count, rankError);
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** True when the sketch has rows and only finite quantiles, so a CDF can be drawn through it. */
  public boolean isUsable() {
    return cdf != null;
  }

  /** True when every quantile is the same value: all mass sits on one point. */
  public boolean isConstant() {
    return isUsable() && values[0] == values[values.length - 1];
  }

  public long count() {
    return count;
  }

  /** The sketch's rank error (fraction of the count), NaN when not stored. */
  public double rankError() {
    return rankError;
  }

  public double[] probabilities() {
    return probabilities.clone();
  }

  public double[] values() {
    return values.clone();
  }

  /** F(v) = P(X <= v) under the piecewise-linear model; NaN when not usable. */
  public double cdf(double v) {
    return cdf == null ? Double.NaN : cdf.cdf(v);
  }

  /** F(v-) = P(X < v); differs from {@link #cdf} only at a point mass. */
  public double cdfBefore(double v) {
    return cdf == null ? Double.NaN : cdf.before(v);
  }

  /** The smallest v with F(v) >= p (p <= 0 gives the minimum); NaN when not usable. */
  public double quantile(double p) {
    return cdf == null ? Double.NaN : cdf.quantile(p);
  }

  /** P(lower < X <= upper), with infinite bounds allowed. */
  public double mass(double lower, double upper) {
    if (cdf == null) {
      return Double.NaN;
    }
    double hi = upper == Double.POSITIVE_INFINITY ? 1.0 : cdf.cdf(upper);
    double lo = lower == Double.NEGATIVE_INFINITY ? 0.0 : cdf.cdf(lower);
    return Math.max(0.0, hi - lo);
  }

  PiecewiseLinearCdf curve() {
    return cdf;
  }

  @Override
  public String toString() {
    return "NumericDistribution{count=" + count + ", values=" + Arrays.toString(values) + "}";
  }
}
