package io.dqgate.vocabulary;

import java.util.Locale;
import java.util.Map;

/**
 * The kinds of incident a finding can name as its cause ({@link Finding#cause()}), and the cause a finding
 * of a detector that knows none gets from what it measured: a broken range rule is an out-of-range
 * incident, a null-fraction series a null spike. Causes are kebab-case words, stable in the verdict JSON.
 */
public final class Cause {
  private Cause() {}

  public static final String UNIT_CHANGE = "unit-change";
  public static final String NULL_SPIKE = "null-spike";
  public static final String DUPLICATES = "duplicates";
  public static final String NEW_VALUES = "new-values";
  public static final String FORMAT_CHANGE = "format-change";
  public static final String TYPE_CHANGE = "type-change";
  public static final String SCHEMA_CHANGE = "schema-change";
  public static final String STALE_COPY = "stale-copy";
  public static final String RELATION_BROKEN = "relation-broken";
  public static final String OUT_OF_RANGE = "out-of-range";
  public static final String VOLUME = "volume";
  public static final String ENCODING = "encoding";
  public static final String TAMPERED = "tampered";
  public static final String MALFORMED_ROWS = "malformed-rows";
  public static final String TRUNCATED = "truncated";
  public static final String LABEL_LEAK = "label-leak";
  public static final String DISTRIBUTION_SHIFT = "distribution-shift";

  /** Causes of the metrics detectors judge, by metric name. */
  private static final Map<String, String> BY_METRIC = Map.ofEntries(
      Map.entry("null_fraction", NULL_SPIKE),
      Map.entry("empty_string_fraction", NULL_SPIKE),
      Map.entry("max_null_fraction", NULL_SPIKE),
      Map.entry("null_key_fraction", NULL_SPIKE),
      Map.entry("duplicate_key_count", DUPLICATES),
      Map.entry("duplicate_row_fraction", DUPLICATES),
      Map.entry("key_uniqueness", DUPLICATES),
      Map.entry("unique_key", DUPLICATES),
      Map.entry("not_numeric_fraction", TYPE_CHANGE),
      Map.entry("format_match_fraction", FORMAT_CHANGE),
      Map.entry("swapped_day_month_fraction", FORMAT_CHANGE),
      Map.entry("format", FORMAT_CHANGE),
      Map.entry("out_of_range_fraction", OUT_OF_RANGE),
      Map.entry("range", OUT_OF_RANGE),
      Map.entry("future_fraction", OUT_OF_RANGE),
      Map.entry("before_floor_fraction", OUT_OF_RANGE),
      Map.entry("out_of_domain_fraction", NEW_VALUES),
      Map.entry("new_value_count", NEW_VALUES),
      Map.entry("domain", NEW_VALUES),
      Map.entry("row_count", VOLUME),
      Map.entry("total_rows", VOLUME),
      Map.entry("total_bytes", VOLUME),
      Map.entry("file_count", VOLUME),
      Map.entry("volume", VOLUME),
      Map.entry("column_count", SCHEMA_CHANGE),
      Map.entry("target_correlation", LABEL_LEAK),
      Map.entry("correlation", RELATION_BROKEN));

  /**
   * The cause a finding that names none stands for, from its detector and metric; a distribution shift
   * when the metric describes the data rather than a defect (a mean, a quantile, the PCA vector).
   */
  public static String infer(Finding f) {
    String byMetric = BY_METRIC.get(f.metric());
    if (byMetric != null) {
      return byMetric;
    }
    return DISTRIBUTION_SHIFT;
  }

  /** The finding with its cause filled in when it had none. */
  public static Finding ensure(Finding f) {
    return f.cause() != null ? f : f.withCause(infer(f));
  }

  /** "unit change", "null spike": a cause as words. */
  public static String words(String cause) {
    return cause.replace('-', ' ');
  }

  /**
   * The head of a one-line summary: the cause, where it is and, for causes whose size is one number, that
   * number ("unit change in total_price, ×1.61", "null spike in income, 40.1% nulls").
   */
  public static String headline(Finding f) {
    String cause = f.cause() == null ? infer(f) : f.cause();
    StringBuilder out = new StringBuilder(words(cause));
    if (f.column() != null) {
      out.append(" in ").append(f.column());
    } else if (f.file() != null) {
      out.append(" in ").append(f.file());
    }
    if (Double.isFinite(f.observed()) && "signature".equals(f.detector())) {
      switch (cause) {
        case UNIT_CHANGE -> out.append(", ×").append(threeDigits(f.observed()));
        case NULL_SPIKE -> out.append(String.format(Locale.ROOT, ", %.1f%% nulls", 100 * f.observed()));
        case DUPLICATES -> out.append(String.format(Locale.ROOT, ", %.1f%% of rows", 100 * f.observed()));
        case NEW_VALUES -> out.append(String.format(Locale.ROOT, ", %.1f%% of rows", 100 * f.observed()));
        case RELATION_BROKEN -> out.append(String.format(Locale.ROOT, ", correlation %.2f", f.observed()));
        default -> { }
      }
    }
    return out.toString();
  }

  /** 1.61, 100, 0.0167: three significant digits, no trailing zeros. */
  public static String threeDigits(double v) {
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
    return d.stripTrailingZeros().toPlainString();
  }
}
