package io.dqgate.config;

import java.time.LocalDate;
import java.util.Set;

/** How partitions are profiled; see reference.conf for what each setting does. */
public record ProfileSpec(
    int topValues,
    int categoricalMaxDistinct,
    double categoricalMaxDistinctRatio,
    int inferenceSampleRows,
    double inferenceMinMatch,
    int quantileAccuracy,
    double distinctRelativeError,
    LocalDate dateFloor,
    int newValueLookbackDays) {

  static final Set<String> KEYS = Set.of("top-values", "categorical-max-distinct",
      "categorical-max-distinct-ratio", "inference-sample-rows", "inference-min-match", "quantile-accuracy",
      "distinct-relative-error", "date-floor", "new-value-lookback-days");

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
    return new ProfileSpec(
        r.positiveInteger("top-values"),
        r.positiveInteger("categorical-max-distinct"),
        r.fraction("categorical-max-distinct-ratio"),
        r.positiveInteger("inference-sample-rows"),
        minMatch,
        r.positiveInteger("quantile-accuracy"),
        rsd,
        r.date("date-floor"),
        r.positiveInteger("new-value-lookback-days"));
  }
}
