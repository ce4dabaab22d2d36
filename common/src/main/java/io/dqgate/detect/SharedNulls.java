package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Nulls that rose in the same rows of several columns. Columns whose null shares move together on the clean
 * days belong to one kind of row: a cancelled flight leaves its departure time, its delay and its arrival
 * empty together, an order not yet shipped its ship date and carrier. When today's null share of such a
 * column rose by the same amount as a partner's, that kind of row grew, which is the business moving, not a
 * column emptied: its null share is judged by its series and its rarity on this dataset, not as a defect
 * signature. A null spike in one column leaves its partners where they were and keeps its signature.
 */
final class SharedNulls {
  /** Least correlation of two columns' null shares over the clean days for one kind of row. */
  static final double TIED = 0.9;

  private SharedNulls() {}

  /**
   * Another column whose null share rose today by {@code rise} (within {@code tolerance}) and moved with
   * {@code m}'s on the clean days, or null.
   */
  static String partner(MetricRecord m, double rise, double tolerance, Map<MetricKey, MetricRecord> today,
      MetricHistory history) {
    Map<LocalDate, Double> own = byDate(history.series(m.key(), false));
    for (MetricRecord o : today.values()) {
      if (o.entity() != Entity.COLUMN || !o.metric().equals(MetricNames.NULL_FRACTION) || o.key().equals(m.key())
          || !Double.isFinite(o.value())) {
        continue;
      }
      List<SeriesPoint> theirs = history.series(o.key(), false);
      double[] clean = theirs.stream().mapToDouble(SeriesPoint::value).filter(Double::isFinite).toArray();
      if (clean.length < SignatureJudge.MIN_DAYS
          || Math.abs(o.value() - Signal.median(clean) - rise) > tolerance) {
        continue;
      }
      List<double[]> pairs = new ArrayList<>();
      for (SeriesPoint p : theirs) {
        Double mine = own.get(p.date());
        if (mine != null && Double.isFinite(mine) && Double.isFinite(p.value())) {
          pairs.add(new double[] {mine, p.value()});
        }
      }
      if (pairs.size() >= SignatureJudge.MIN_DAYS && correlation(pairs) >= TIED) {
        return MetricHistory.columnOf(o.key());
      }
    }
    return null;
  }

  private static Map<LocalDate, Double> byDate(List<SeriesPoint> points) {
    Map<LocalDate, Double> out = new HashMap<>(points.size() * 2);
    points.forEach(p -> out.put(p.date(), p.value()));
    return out;
  }

  /** Pearson's correlation of the pairs; NaN when either side never moved. */
  private static double correlation(List<double[]> pairs) {
    double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
    double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
    return new PearsonsCorrelation().correlation(a, b);
  }
}
