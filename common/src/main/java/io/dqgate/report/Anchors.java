package io.dqgate.report;

import io.dqgate.metrics.MetricKey;
import java.util.Locale;

/** HTML ids of report sections: stable, readable and safe in a URL fragment whatever a column is called. */
final class Anchors {
  private Anchors() {}

  static String metric(MetricKey key) {
    return "metric-" + slug(key.entity().label() + "-" + key.instance() + "-" + key.metric());
  }

  static String categorical(String column) {
    return "categorical-" + slug(column);
  }

  static String numeric(String column) {
    return "distribution-" + slug(column);
  }

  /**
   * ASCII letters, digits and '-' as they are, '_' doubled, anything else as '_', its code point in hex,
   * '_' (readable, and two different names never share an id).
   */
  static String slug(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> {
      if (c < 128 && (Character.isLetterOrDigit(c) || c == '-')) {
        out.append((char) c);
      } else if (c == '_') {
        out.append("__");
      } else {
        out.append('_').append(Integer.toHexString(c).toLowerCase(Locale.ROOT)).append('_');
      }
    });
    return out.toString();
  }
}
