package io.dqgate.anomaly;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers in explanations: six significant digits, no trailing zeros, no exponent for everyday sizes. */
final class Format {
  private Format() {}

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
    int magnitude = rounded.precision() - rounded.scale();
    return magnitude > 12 || magnitude < -5 ? rounded.toString() : rounded.toPlainString();
  }
}
