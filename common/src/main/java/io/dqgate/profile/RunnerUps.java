package io.dqgate.profile;

import java.io.Serializable;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * A numeric column's runner-ups: its second smallest and second largest value, in Spark's order (NaN above
 * every number), ties counted (two rows at the maximum make it its own runner-up). Beside the extremes they
 * tell one row past a range from many: a typo stands alone, a sentinel or a rescaled segment does not.
 */
final class RunnerUps {
  /** The runner-up below while only one value is in: none yet. */
  static final double NONE_BELOW = Double.POSITIVE_INFINITY;
  /** The runner-up above while only one value is in: none yet. */
  static final double NONE_ABOVE = Double.NEGATIVE_INFINITY;

  private RunnerUps() {}

  /** The runner-up below once {@code v} joins values whose minimum is {@code low} and runner-up {@code next}. */
  static double below(double low, double next, double v) {
    if (v < low || Double.isNaN(low)) {
      return low;
    }
    return v < next || Double.isNaN(next) ? v : next;
  }

  /** The runner-up above once {@code v} joins values whose maximum is {@code high} and runner-up {@code next}. */
  static double above(double high, double next, double v) {
    if (v > high || Double.isNaN(v)) {
      return high;
    }
    return v > next ? v : next;
  }

  /** The Spark aggregate of one side's runner-up, for the declarative plan: null below two values. */
  static Aggregator<Double, double[], Double> aggregate(boolean upper) {
    return new Side(upper);
  }

  /** Buffer: the count (capped at 2), the extreme and the runner-up. */
  private static final class Side extends Aggregator<Double, double[], Double> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean upper;

    Side(boolean upper) {
      this.upper = upper;
    }

    @Override
    public double[] zero() {
      return new double[] {0, Double.NaN, upper ? NONE_ABOVE : NONE_BELOW};
    }

    @Override
    public double[] reduce(double[] b, Double value) {
      if (value == null) {
        return b;
      }
      double v = value;
      if (b[0] == 0) {
        b[1] = v;
      } else if (upper) {
        b[2] = above(b[1], b[2], v);
        b[1] = v > b[1] || Double.isNaN(v) ? v : b[1];
      } else {
        b[2] = below(b[1], b[2], v);
        b[1] = v < b[1] || Double.isNaN(b[1]) ? v : b[1];
      }
      b[0] = Math.min(2, b[0] + 1);
      return b;
    }

    @Override
    public double[] merge(double[] a, double[] b) {
      if (b[0] == 0) {
        return a;
      }
      double[] out = reduce(a, b[1]);
      return b[0] > 1 ? reduce(out, b[2]) : out;
    }

    @Override
    public Double finish(double[] b) {
      return b[0] < 2 ? null : b[2];
    }

    @Override
    public Encoder<double[]> bufferEncoder() {
      return Encoders.kryo(double[].class);
    }

    @Override
    public Encoder<Double> outputEncoder() {
      return Encoders.DOUBLE();
    }
  }
}
