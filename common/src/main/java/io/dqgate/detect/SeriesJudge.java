package io.dqgate.detect;

import io.dqgate.anomaly.AutoSeriesDetector;
import io.dqgate.anomaly.SeriesDetector;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.verdict.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every scalar metric against its own history, with the detector the config selects for it. */
final class SeriesJudge {
  private final DetectSpec spec;
  private final SeriesDetector auto = new AutoSeriesDetector();

  SeriesJudge(DetectSpec spec) {
    this.spec = spec;
  }

  List<Finding> judge(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Finding> out = new ArrayList<>();
    for (MetricKey key : Detection.judgedKeys(today, spec)) {
      double observed = MetricHistory.comparable(today.get(key));
      List<SeriesPoint> series = history.series(key);
      String name = MetricHistory.nameOf(key);
      String strategy = spec.seriesStrategyByMetric().getOrDefault(name,
          spec.seriesStrategyByMetric().getOrDefault(key.metric(), spec.seriesStrategy()));
      SeriesDetector detector = strategy.equals("auto") ? auto
          : DeequSeriesDetector.create(strategy, spec.seriesStrategyParameters(), "detect.series.metrics." + name);
      Optional<SeriesVerdict> verdict = detector.judge(series, date, observed);
      if (verdict.isEmpty() || !verdict.get().anomalous()) {
        continue;
      }
      SeriesVerdict v = verdict.get();
      boolean severe = v.score() >= spec.seriesBlockScore();
      out.add(new Finding("series", key.metric(), MetricHistory.columnOf(key), null, observed, v.expectedLow(),
          v.expectedHigh(), v.score(), spec.severity(severe ? "series-severe" : "series"),
          String.format(Locale.ROOT, "%s = %s, expected %s .. %s (%s, score %.1f): %s", name, fmt(observed),
              fmt(v.expectedLow()), fmt(v.expectedHigh()), v.method(), v.score(), v.explanation())));
    }
    return out;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
