package io.dqgate.rules;

import io.dqgate.config.ColumnSpec;
import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expectations written in the config, judged on a partition's metrics: numeric range, categorical domain,
 * nulls, primary-key uniqueness and date format. Only what the config states becomes a rule; a metric
 * that could not be computed (NaN, say on an empty partition) does not break a rule.
 */
public final class StaticRules {
  public static final String RANGE = "range";
  public static final String DOMAIN = "domain";
  public static final String MAX_NULL_FRACTION = "max_null_fraction";
  public static final String UNIQUE_KEY = "unique_key";
  public static final String FORMAT = "format";
  /**
   * The metric each rule is judged on (the unique key also counts rows with a null key part, in
   * {@link MetricNames#NULL_KEY_FRACTION}).
   */
  public static final Map<String, String> METRICS = Map.of(
      RANGE, MetricNames.OUT_OF_RANGE_FRACTION,
      DOMAIN, MetricNames.OUT_OF_DOMAIN_FRACTION,
      MAX_NULL_FRACTION, MetricNames.NULL_FRACTION,
      FORMAT, MetricNames.FORMAT_MATCH_FRACTION,
      UNIQUE_KEY, MetricNames.DUPLICATE_KEY_COUNT);

  private StaticRules() {}

  public static List<RuleResult> evaluate(DatasetSpec dataset, List<MetricRecord> metrics) {
    Map<MetricKey, Double> values = new HashMap<>();
    for (MetricRecord m : metrics) {
      values.put(m.key(), m.value());
    }
    List<RuleResult> out = new ArrayList<>();
    for (ColumnSpec c : dataset.columns().values()) {
      String name = c.name();
      if (c.hasRange()) {
        double observed = get(values, MetricKey.column(name, METRICS.get(RANGE)));
        out.add(atMost(RANGE, name, observed, c.maxOutOfRangeFraction(),
            "values outside [" + bound(c.min().orElse(null), "-inf") + ", "
                + bound(c.max().orElse(null), "+inf") + "]"));
      }
      if (!c.domain().isEmpty()) {
        double observed = get(values, MetricKey.column(name, METRICS.get(DOMAIN)));
        out.add(atMost(DOMAIN, name, observed, c.maxOutOfDomainFraction(), "values outside the domain"));
      }
      if (c.maxNullFraction().isPresent()) {
        double observed = get(values, MetricKey.column(name, METRICS.get(MAX_NULL_FRACTION)));
        out.add(atMost(MAX_NULL_FRACTION, name, observed, c.maxNullFraction().get(), "nulls"));
      }
      if (c.format().isPresent()) {
        double observed = get(values, MetricKey.column(name, METRICS.get(FORMAT)));
        if (!Double.isNaN(observed)) {
          boolean ok = observed >= c.minFormatMatchFraction();
          out.add(new RuleResult(FORMAT, name, ok, observed, String.format(Locale.ROOT,
              "%s of values match \"%s\" (need at least %s)", pct(observed), c.format().get(),
              pct(c.minFormatMatchFraction()))));
        }
      }
    }
    if (!dataset.primaryKey().isEmpty()) {
      String key = String.join(",", dataset.primaryKey());
      double dups = get(values, new MetricKey(Entity.DATASET, key, METRICS.get(UNIQUE_KEY)));
      double nullKeys = get(values, new MetricKey(Entity.DATASET, key, MetricNames.NULL_KEY_FRACTION));
      boolean ok = !(dups > 0) && !(nullKeys > 0);
      out.add(new RuleResult(UNIQUE_KEY, key, ok, dups, String.format(Locale.ROOT,
          "%d duplicate keys, %s of rows with a null key component", Double.isNaN(dups) ? 0 : (long) dups,
          pct(Double.isNaN(nullKeys) ? 0 : nullKeys))));
    }
    return out;
  }

  /** The results as metric rows ({@code rule.<name>}: 1 held, 0 broken), stored beside the metrics. */
  public static List<MetricRecord> asMetrics(List<RuleResult> results, String dataset, LocalDate date,
      String runId, Instant computedAt, DatasetSpec spec) {
    String key = String.join(",", spec.primaryKey());
    List<MetricRecord> out = new ArrayList<>();
    for (RuleResult r : results) {
      Entity entity = r.rule().equals(UNIQUE_KEY) && r.instance().equals(key) ? Entity.DATASET : Entity.COLUMN;
      out.add(new MetricRecord(dataset, date, runId, computedAt, entity, r.instance(),
          MetricNames.RULE_PREFIX + r.rule(), r.passed() ? 1.0 : 0.0, r.message()));
    }
    return out;
  }

  private static double get(Map<MetricKey, Double> values, MetricKey key) {
    Double v = values.get(key);
    return v == null ? Double.NaN : v;
  }

  private static RuleResult atMost(String rule, String column, double observed, double limit, String what) {
    boolean ok = Double.isNaN(observed) || observed <= limit;
    return new RuleResult(rule, column, ok, observed,
        String.format(Locale.ROOT, "%s %s (allowed %s)", Double.isNaN(observed) ? "n/a" : pct(observed), what,
            pct(limit)));
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
  }

  private static String bound(Double v, String unbounded) {
    if (v == null) {
      return unbounded;
    }
    return v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
  }
}
