package io.dqgate.detect;

import io.dqgate.anomaly.SeriesDetector;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.deequ.DeequSeriesStrategies;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One of Deequ's own anomaly strategies, selected per metric in config, behind dqgate's series API. */
final class DeequSeriesDetector implements SeriesDetector {
  private final DeequSeriesStrategies.Strategy strategy;

  private DeequSeriesDetector(DeequSeriesStrategies.Strategy strategy) {
    this.strategy = strategy;
  }

  static DeequSeriesDetector create(String name, Map<String, Double> parameters, String key) {
    return new DeequSeriesDetector(DeequSeriesStrategies.create(name, parameters, key));
  }

  @Override
  public Optional<SeriesVerdict> judge(List<SeriesPoint> history, LocalDate today, double observed) {
    double[] values = history.stream().mapToDouble(SeriesPoint::value).toArray();
    DeequSeriesStrategies.Result r = strategy.judge(values, observed);
    if (!r.enoughHistory()) {
      return Optional.empty();
    }
    // Deequ gives a decision, not a score: an anomaly scores at the series block threshold's half, so it
    // warns unless configured otherwise.
    double score = r.anomalous() ? 4.0 : 0.0;
    return Optional.of(new SeriesVerdict(r.anomalous(), observed, r.expectedLow(), r.expectedHigh(), score,
        strategy.name(), r.explanation()));
  }
}
