package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Nulls that rose in the same rows of several columns. Columns whose null shares move together on the clean
 * days belong to one kind of row: a cancelled flight leaves its departure time, its delay and its arrival
 * empty together (and often its aircraft, for a part of those rows), an order not yet shipped its ship date
 * and carrier. When today's null share of such a column rose as far as its partner's rise predicts (the
 * straight line through the two columns' clean days), that kind of row grew, which is the business moving
 * (a storm, a backlog), not a column emptied: it is judged by its series and its rarity on this dataset, not
 * as a defect signature, and warns at most. A null spike in one column leaves its partners where they were
 * and keeps its signature.
 */
final class SharedNulls {
  /**
   * Least correlation of two columns' null shares over the clean days for one kind of row: a column emptied in
   * a part of those rows (two in five) moves with them through the noise of small daily counts.
   */
  static final double TIED = 0.75;
  /** Slack on a rise predicted far beyond the clean days' range, relative to that rise. */
  static final double SLOPE_SLACK = 0.25;
  /** The least rise of a null share that counts (as a signature's). */
  static final double MIN_RISE = 0.01;

  private SharedNulls() {}

  /**
   * The column whose clean null shares best predict a column's (the highest correlation, at least
   * {@link #TIED}), the judged column's share its share today predicts, how far that prediction rose above the
   * one at the partner's clean median (a long way past the clean days, the line's slope is uncertain by
   * {@link #SLOPE_SLACK} of it), and what the line left unexplained on each clean day (in the order of the days).
   */
  record Tie(String column, double predicted, double predictedRise, double[] cleanResiduals) {}

  /** The tie of {@code m}'s nulls to another column's, or null when none moves with them on the clean days. */
  static Tie tie(MetricRecord m, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    Map<LocalDate, Double> own = byDate(history.series(m.key(), false));
    Tie best = null;
    double bestR = TIED;
    for (MetricRecord o : today.values()) {
      if (o.entity() != Entity.COLUMN || !o.metric().equals(MetricNames.NULL_FRACTION) || o.key().equals(m.key())
          || !Double.isFinite(o.value())) {
        continue;
      }
      List<double[]> pairs = new ArrayList<>();
      SimpleRegression line = new SimpleRegression();
      for (SeriesPoint p : history.series(o.key(), false)) {
        Double y = own.get(p.date());
        if (y != null && Double.isFinite(y) && Double.isFinite(p.value())) {
          line.addData(p.value(), y);
          pairs.add(new double[] {p.value(), y});
        }
      }
      if (line.getN() < SignatureJudge.MIN_DAYS || !(line.getR() >= bestR) || line.getSlope() <= 0) {
        continue;
      }
      bestR = line.getR();
      double middle = Signal.median(pairs.stream().mapToDouble(p -> p[0]).toArray());
      best = new Tie(MetricHistory.columnOf(o.key()), line.predict(o.value()),
          line.getSlope() * (o.value() - middle), pairs.stream().mapToDouble(p -> p[1] - line.predict(p[0])).toArray());
    }
    return best;
  }

  /**
   * A column of the day whose nulls rose with {@code m}'s as on the clean days, or null: a partner that rose
   * today and whose clean null shares, through a straight line, predict {@code m}'s today within its noise.
   */
  static String partner(MetricRecord m, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<SeriesPoint> mine = history.series(m.key(), false);
    double[] clean = mine.stream().mapToDouble(SeriesPoint::value).filter(Double::isFinite).toArray();
    MetricRecord rowCount = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowCount == null ? 0 : rowCount.value();
    if (clean.length < SignatureJudge.MIN_DAYS || rows <= 0 || !Double.isFinite(m.value())) {
      return null;
    }
    double tolerance = Math.max(4 * Math.sqrt(m.value() * (1 - m.value()) / rows),
        Signal.margin(clean, rows, MIN_RISE));
    Map<LocalDate, Double> own = byDate(mine);
    for (MetricRecord o : today.values()) {
      if (o.entity() != Entity.COLUMN || !o.metric().equals(MetricNames.NULL_FRACTION) || o.key().equals(m.key())
          || !Double.isFinite(o.value())) {
        continue;
      }
      List<SeriesPoint> theirs = history.series(o.key(), false);
      double[] theirClean = theirs.stream().mapToDouble(SeriesPoint::value).filter(Double::isFinite).toArray();
      if (theirClean.length < SignatureJudge.MIN_DAYS || o.value() - Signal.median(theirClean) <= tolerance) {
        continue; // the partner's nulls must have risen today too
      }
      SimpleRegression line = new SimpleRegression();
      for (SeriesPoint p : theirs) {
        Double x = own.get(p.date());
        if (x != null && Double.isFinite(x) && Double.isFinite(p.value())) {
          line.addData(p.value(), x);
        }
      }
      if (line.getN() < SignatureJudge.MIN_DAYS || !(line.getR() >= TIED) || line.getSlope() <= 0) {
        continue;
      }
      double predicted = line.predict(o.value());
      double rise = line.getSlope() * (o.value() - Signal.median(theirClean));
      double noise = 4 * Math.sqrt(Math.max(line.getMeanSquareError(), 0));
      if (Math.abs(m.value() - predicted) <= tolerance + noise + SLOPE_SLACK * rise) {
        return MetricHistory.columnOf(o.key());
      }
    }
    return null;
  }

  /**
   * Blocks on a column's nulls warn instead when its nulls rose with a partner's ({@link #partner}): one kind
   * of row grew.
   */
  static List<Finding> soften(List<Finding> findings, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      MetricRecord m = f.severity() == Severity.BLOCK && f.column() != null
          && MetricNames.NULL_FRACTION.equals(f.metric())
          ? today.get(MetricKey.column(f.column(), MetricNames.NULL_FRACTION)) : null;
      String partner = m == null ? null : partner(m, today, history);
      out.add(partner == null ? f : f.withSeverity(Severity.WARN, f.message() + " — its nulls rose with "
          + partner + "'s, as they move together on the clean days: more rows of one kind (the business "
          + "moving), warned, not blocked"));
    }
    return out;
  }

  private static Map<LocalDate, Double> byDate(List<SeriesPoint> points) {
    Map<LocalDate, Double> out = new HashMap<>(points.size() * 2);
    points.forEach(p -> out.put(p.date(), p.value()));
    return out;
  }
}
