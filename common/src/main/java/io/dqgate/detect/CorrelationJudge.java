package io.dqgate.detect;

import io.dqgate.Median;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feature ↔ target correlation over time: a sudden jump towards ±1 suggests the label leaked into the
 * feature; a decline of |r| against the baseline suggests the feature drifted away from what it predicted.
 */
final class CorrelationJudge {
  private final DetectSpec spec;

  CorrelationJudge(DetectSpec spec) {
    this.spec = spec;
  }

  /**
   * Each feature's distance of today's correlation from its baseline median, |r − median|, with the finding
   * it becomes: a jump towards ±1 (that also left yesterday's value) may block as a possible leak; a fall
   * of |r| only warns.
   */
  List<Scored> score(Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Scored> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (!m.metric().equals(MetricNames.TARGET_CORRELATION) || Double.isNaN(m.value())) {
        continue;
      }
      List<SeriesPoint> series = history.series(m.key(), false);
      if (series.isEmpty()) {
        continue;
      }
      double r = m.value();
      double[] past = series.stream().mapToDouble(SeriesPoint::value).toArray();
      double median = Median.of(past);
      double last = past[past.length - 1];
      String column = MetricHistory.columnOf(m.key());
      boolean jump = Math.abs(r) > Math.abs(median) && Math.abs(r - last) > Math.abs(r - median) / 2;
      boolean fixedJump = Math.abs(r) - Math.abs(median) > spec.correlationJump()
          && Math.abs(r - last) > spec.correlationJump();
      boolean fixedDecline = Math.abs(median) - Math.abs(r) > spec.correlationDecline();
      double distance = Math.abs(r - median);
      Finding finding = jump
          ? new Finding("correlation", MetricNames.TARGET_CORRELATION, column, null, r,
              median - spec.correlationJump(), median + spec.correlationJump(), distance * 10,
              spec.severity("correlation-jump"), String.format(Locale.ROOT,
                  "%s: correlation with the target jumped to %.3f from %.3f (median %.3f): possible label leak",
                  m.instance(), r, last, median))
          : new Finding("correlation", MetricNames.TARGET_CORRELATION, column, null, r,
              median - spec.correlationDecline(), median + spec.correlationDecline(), distance * 10,
              spec.severity("correlation-decline"), String.format(Locale.ROOT,
                  "%s: correlation with the target %s to %.3f from a median of %.3f: the feature is drifting",
                  m.instance(), Math.abs(r) < Math.abs(median) ? "fell" : "moved", r, median));
      out.add(new Scored("correlation:" + m.instance(), "correlation", distance, finding,
          jump ? fixedJump : fixedDecline, "correlation-decline", jump ? "correlation-jump" : "correlation-decline"));
    }
    return out;
  }
}
