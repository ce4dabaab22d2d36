package io.dqgate.config;

import io.dqgate.vocabulary.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How a profiled partition is judged against its history; see reference.conf (dataset-defaults.detect). */
public record DetectSpec(
    int lookbackDays,
    int minHistory,
    int maxFindings,
    String seriesStrategy,
    Map<String, String> seriesStrategyByMetric,
    Map<String, Double> seriesStrategyParameters,
    double seriesBlockScore,
    List<String> seriesIgnore,
    boolean pcaEnabled,
    double pcaExplainedVariance,
    double pcaConfidence,
    double pcaSevereConfidence,
    boolean pcaForecastScores,
    boolean driftEnabled,
    int driftBaselineDays,
    double correlationJump,
    double correlationDecline,
    Map<String, Severity> severities,
    double warnEveryDays,
    double blockEveryDays,
    int budgetMinDays,
    int baselineConfirmDays) {

  static final Set<String> KEYS = Set.of("lookback-days", "min-history", "max-findings", "series", "pca", "drift",
      "correlation", "severity", "budget", "baseline");
  /** Detectors whose findings a severity can be set for. */
  public static final Set<String> DETECTORS = Set.of("rules", "series", "series-severe", "pca", "pca-severe",
      "drift", "drift-severe", "correlation-jump", "correlation-decline", "cold-start", "signature");

  public DetectSpec {
    seriesStrategyByMetric = Map.copyOf(seriesStrategyByMetric);
    seriesStrategyParameters = Map.copyOf(seriesStrategyParameters);
    seriesIgnore = List.copyOf(seriesIgnore);
    severities = Map.copyOf(severities);
  }

  public Severity severity(String detector) {
    Severity s = severities.get(detector);
    if (s == null) {
      throw new IllegalArgumentException("no severity for detector " + detector);
    }
    return s;
  }

  static DetectSpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    ConfigReader series = r.child("series");
    series.requireOnly(Set.of("strategy", "metrics", "parameters", "block-score", "ignore"));
    ConfigReader pca = r.child("pca");
    pca.requireOnly(Set.of("enabled", "explained-variance", "confidence", "severe-confidence", "forecast-scores"));
    ConfigReader drift = r.child("drift");
    drift.requireOnly(Set.of("enabled", "baseline-days"));
    ConfigReader correlation = r.child("correlation");
    correlation.requireOnly(Set.of("jump", "decline"));
    ConfigReader budget = r.child("budget");
    budget.requireOnly(Set.of("warn-every-days", "block-every-days", "min-days"));
    double warnEvery = budget.number("warn-every-days");
    double blockEvery = budget.number("block-every-days");
    if (!(warnEvery >= 2) || Double.isInfinite(warnEvery)) {
      throw budget.errorAt("warn-every-days", "must be a number of days of at least 2, was " + warnEvery);
    }
    if (!(blockEvery >= warnEvery) || Double.isInfinite(blockEvery)) {
      throw budget.errorAt("block-every-days", "must be at least warn-every-days (" + warnEvery + "), was "
          + blockEvery);
    }
    ConfigReader baseline = r.child("baseline");
    baseline.requireOnly(Set.of("confirm-days"));
    ConfigReader severity = r.child("severity");
    severity.requireOnly(DETECTORS);
    Map<String, Severity> severities = new java.util.HashMap<>();
    for (String detector : DETECTORS) {
      severities.put(detector, Severity.parse(severity.path(detector), severity.string(detector)));
    }
    Map<String, Double> parameters = new java.util.LinkedHashMap<>();
    ConfigReader params = series.child("parameters");
    for (String key : params.keys()) {
      parameters.put(key, params.number(key));
    }
    String strategy = series.string("strategy");
    checkStrategy(strategy, parameters, series.path("strategy"), params);
    Map<String, String> byMetric = series.stringMap("metrics");
    byMetric.forEach((metric, name) ->
        checkStrategy(name, parameters, series.path("metrics") + "." + metric, params));
    double confidence = pca.fraction("confidence");
    double severe = pca.fraction("severe-confidence");
    if (severe < confidence) {
      throw pca.errorAt("severe-confidence", "must be at least confidence (" + confidence + "), was " + severe);
    }
    return new DetectSpec(
        r.positiveInteger("lookback-days"),
        r.positiveInteger("min-history"),
        r.positiveInteger("max-findings"),
        strategy,
        byMetric,
        parameters,
        series.number("block-score"),
        series.stringList("ignore"),
        pca.bool("enabled", true),
        pca.fraction("explained-variance"),
        confidence,
        severe,
        pca.bool("forecast-scores", false),
        drift.bool("enabled", true),
        drift.positiveInteger("baseline-days"),
        correlation.number("jump"),
        correlation.number("decline"),
        severities,
        warnEvery,
        blockEvery,
        budget.positiveInteger("min-days"),
        baseline.positiveInteger("confirm-days"));
  }

  /**
   * A series strategy is dqgate's own ({@value SeriesStrategySpec#AUTO}) or one of Deequ's with parameters it
   * takes: checked here, so that a typo fails the load rather than the detection after a day's profile.
   */
  private static void checkStrategy(String name, Map<String, Double> parameters, String key,
      ConfigReader parametersReader) {
    if (name.equals(SeriesStrategySpec.AUTO)) {
      return;
    }
    if (!SeriesStrategySpec.names().contains(name)) {
      throw ConfigReader.error(key, "must be " + SeriesStrategySpec.AUTO + " or one of "
          + SeriesStrategySpec.names() + ", was \"" + name + "\"");
    }
    SeriesStrategySpec.of(name, parameters, key, parametersReader.key());
  }
}
