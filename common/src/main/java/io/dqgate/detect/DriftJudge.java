package io.dqgate.detect;

import io.dqgate.config.DetectSpec;
import io.dqgate.drift.Baselines;
import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.drift.DriftDetector;
import io.dqgate.drift.DriftResult;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.verdict.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Distribution drift of each column against its merged trailing baseline, or against a named reference
 * (training–serving skew): categorical proportions and numeric quantile sketches stored by the profiler.
 */
final class DriftJudge {
  private final DetectSpec spec;
  private final DriftDetector detector = new DriftDetector();

  DriftJudge(DetectSpec spec) {
    this.spec = spec;
  }

  List<Finding> againstHistory(Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      List<MetricRecord> baseline = history.recent(m.key(), spec.driftBaselineDays());
      compare(m, baseline, "drift", "the last " + baseline.size() + " clean days").ifPresent(out::add);
    }
    return out;
  }

  List<Finding> againstReference(Map<MetricKey, MetricRecord> today, Map<MetricKey, MetricRecord> reference,
      String referenceName) {
    List<Finding> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      MetricRecord ref = reference.get(m.key());
      if (ref != null) {
        compare(m, List.of(ref), "skew", referenceName).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<Finding> compare(MetricRecord today, List<MetricRecord> baseline, String detectorName,
      String against) {
    if (today.entity() != Entity.COLUMN || today.detail() == null || baseline.isEmpty()) {
      return Optional.empty();
    }
    DriftResult result;
    if (today.metric().equals(MetricNames.VALUE_PROPORTIONS)) {
      result = detector.compare(today.instance(),
          Baselines.mergeCategorical(baseline.stream().map(r -> CategoricalDistribution.fromJson(r.detail())).toList()),
          CategoricalDistribution.fromJson(today.detail()));
    } else if (today.metric().equals(MetricNames.QUANTILES)) {
      result = detector.compare(today.instance(),
          Baselines.mergeNumeric(baseline.stream().map(r -> NumericDistribution.fromJson(r.detail())).toList()),
          NumericDistribution.fromJson(today.detail()));
    } else {
      return Optional.empty();
    }
    if (!result.comparable() || !result.drifted()) {
      return Optional.empty();
    }
    return Optional.of(new Finding(detectorName, today.metric(), today.instance(), null, result.psi(), Double.NaN,
        detector.thresholds().psiWarn(), result.psi(),
        spec.severity(result.blockWorthy() ? "drift-severe" : "drift"),
        "distribution of " + today.instance() + " moved against " + against + ": " + result.explain()));
  }
}
