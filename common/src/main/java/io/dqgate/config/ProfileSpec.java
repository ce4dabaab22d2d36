package io.dqgate.config;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/** How partitions are profiled; see reference.conf for what each setting does. */
public record ProfileSpec(
    int topValues,
    int categoricalMaxDistinct,
    double categoricalMaxDistinctRatio,
    int inferenceSampleRows,
    double inferenceMinMatch,
    double quantileRankError,
    double distinctRelativeError,
    LocalDate dateFloor,
    int newValueLookbackDays,
    int correlationMaxColumns,
    Scan scan) {

  /** How the partition's rows are aggregated; both give the same metrics (see reference.conf). */
  public enum Scan {
    KERNEL, PLAN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final Set<String> KEYS = Set.of("top-values", "categorical-max-distinct",
      "categorical-max-distinct-ratio", "inference-sample-rows", "inference-min-match", "quantile-rank-error",
      "distinct-relative-error", "date-floor", "new-value-lookback-days", "correlation-max-columns", "scan");

  static ProfileSpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    double rsd = r.number("distinct-relative-error");
    if (!(rsd >= 0.01 && rsd <= 0.39)) {
      throw r.errorAt("distinct-relative-error", "must be between 0.01 and 0.39, was " + rsd);
    }
    double minMatch = r.fraction("inference-min-match");
    if (minMatch < 0.5) {
      throw r.errorAt("inference-min-match", "must be at least 0.5, was " + minMatch);
    }
    double rankError = r.number("quantile-rank-error");
    if (!(rankError >= 0.0001 && rankError <= 0.1)) {
      throw r.errorAt("quantile-rank-error", "must be between 0.0001 and 0.1, was " + rankError);
    }
    int correlationColumns = r.integer("correlation-max-columns");
    if (correlationColumns < 0 || correlationColumns > 200) {
      throw r.errorAt("correlation-max-columns", "must be between 0 and 200, was " + correlationColumns);
    }
    String scan = r.string("scan");
    Scan chosen;
    try {
      chosen = Scan.valueOf(scan.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw r.errorAt("scan", "must be kernel or plan, was \"" + scan + "\"");
    }
    return new ProfileSpec(
        r.positiveInteger("top-values"),
        r.positiveInteger("categorical-max-distinct"),
        r.fraction("categorical-max-distinct-ratio"),
        r.positiveInteger("inference-sample-rows"),
        minMatch,
        rankError,
        rsd,
        r.date("date-floor"),
        r.positiveInteger("new-value-lookback-days"),
        correlationColumns,
        chosen);
  }
}
