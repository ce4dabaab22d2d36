package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Nulls in the same rows of several columns. Columns whose null shares move together on the clean days belong
 * to one kind of row: a cancelled flight leaves its departure time, its delay and its arrival empty together
 * (and often its aircraft, for a part of those rows), an order not yet shipped its ship date and carrier. A
 * column whose nulls never outnumbered another's on a clean day is a part of that column's empty rows too,
 * however weakly the few rows of a small feed correlate ({@link #nested}).
 * Such a column's null signature is judged by the nulls its partner does not explain ({@link #tie}): a storm
 * day empties them all as the clean days did, while one column emptied on its own stands out. When today's
 * null share rose as far as a rising partner predicts, that kind of row grew, the business moving (a storm, a
 * backlog), not a column emptied: its series warns at most ({@link #soften}).
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

  /** A partner's null share today and the straight line from its clean null shares (x) to the column's (y). */
  private record Line(MetricRecord partner, SimpleRegression fit, double[] x, double[] y) {
    double predicted() {
      return fit.predict(partner.value());
    }

    /** How far the prediction rose above the one at the partner's clean median. */
    double predictedRise() {
      return fit.getSlope() * (partner.value() - Signal.median(x));
    }

    String column() {
      return MetricHistory.columnOf(partner.key());
    }
  }

  /**
   * Every other column of the day whose null shares move with {@code m}'s: its line, positive slope. The line
   * is drawn through the calibration days (baseline days and warned days not yet confirmed, blocked days never),
   * so the storms that warned teach it how far the two rise together.
   */
  private static List<Line> lines(MetricRecord m, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<Line> out = new ArrayList<>();
    if (constant(m.key(), history)) {
      return out; // a column never null (or always as null) on those days moves with nothing
    }
    for (MetricRecord o : today.values()) {
      if (o.entity() != Entity.COLUMN || !o.metric().equals(MetricNames.NULL_FRACTION) || o.key().equals(m.key())
          || !Double.isFinite(o.value())) {
        continue;
      }
      double[] xs = history.calibrationValues(o.key());
      double[] ys = history.calibrationValues(m.key());
      double[] x = new double[xs.length];
      double[] y = new double[xs.length];
      int n = 0;
      SimpleRegression fit = new SimpleRegression();
      for (int i = 0; i < xs.length; i++) {
        if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
          fit.addData(xs[i], ys[i]);
          x[n] = xs[i];
          y[n++] = ys[i];
        }
      }
      boolean tied = n >= SignatureJudge.MIN_DAYS && fit.getR() >= TIED && fit.getSlope() > 0;
      if (!tied && nested(x, y, n)) {
        fit = new SimpleRegression(false);
        for (int i = 0; i < n; i++) {
          fit.addData(x[i], y[i]);
        }
        tied = fit.getSlope() > 0;
      }
      if (tied) {
        out.add(new Line(o, fit, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)));
      }
    }
    return out;
  }

  /**
   * Whether the column's nulls are a part of the partner's empty rows: never more than the partner's on a
   * calibration day, and some on at least {@link SignatureJudge#MIN_DAYS} of them. A feed of a few hundred
   * rows cancels two or three flights a day, and the aircraft of one of them is missing or not: counts that
   * small correlate weakly however the rows are tied, and the share of the partner's rows (a line through
   * the origin) is what the clean days tell.
   */
  private static boolean nested(double[] x, double[] y, int n) {
    int some = 0;
    for (int i = 0; i < n; i++) {
      if (y[i] > x[i]) {
        return false;
      }
      some += y[i] > 0 ? 1 : 0;
    }
    return some >= SignatureJudge.MIN_DAYS;
  }

  /** Whether the key's value was the same on every calibration day that stored it. */
  private static boolean constant(MetricKey key, MetricHistory history) {
    double first = Double.NaN;
    for (double v : history.calibrationValues(key)) {
      if (Double.isFinite(v)) {
        if (Double.isNaN(first)) {
          first = v;
        } else if (v != first) {
          return false;
        }
      }
    }
    return true;
  }

  /** The tie of {@code m}'s nulls to another column's, or null when none moves with them on the clean days. */
  static Tie tie(MetricRecord m, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    return lines(m, today, history).stream().max(java.util.Comparator.comparingDouble(l -> l.fit().getR()))
        .map(l -> new Tie(l.column(), l.predicted(), l.predictedRise(), java.util.stream.IntStream
            .range(0, l.x().length).mapToDouble(i -> l.y()[i] - l.fit().predict(l.x()[i])).toArray()))
        .orElse(null);
  }

  /**
   * A column of the day whose nulls rose with {@code m}'s as on the clean days, or null: a partner that rose
   * today and whose clean null shares, through a straight line, predict {@code m}'s today within its noise.
   */
  static String partner(MetricRecord m, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    double[] clean = history.series(m.key(), false).stream().mapToDouble(SeriesPoint::value)
        .filter(Double::isFinite).toArray();
    MetricRecord rowCount = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowCount == null ? 0 : rowCount.value();
    if (clean.length < SignatureJudge.MIN_DAYS || rows <= 0 || !Double.isFinite(m.value())) {
      return null;
    }
    double tolerance = Math.max(4 * Math.sqrt(m.value() * (1 - m.value()) / rows),
        Signal.margin(clean, rows, MIN_RISE));
    for (Line l : lines(m, today, history)) {
      if (l.partner().value() - Signal.median(l.x()) <= tolerance) {
        continue; // the partner's nulls must have risen today too
      }
      double noise = 4 * Math.sqrt(Math.max(l.fit().getMeanSquareError(), 0));
      if (Math.abs(m.value() - l.predicted()) <= tolerance + noise + SLOPE_SLACK * l.predictedRise()) {
        return l.column();
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
}
