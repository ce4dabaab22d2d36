package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Cause;
import io.dqgate.vocabulary.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two columns that moved together on every clean day and no longer do, while each column alone holds
 * (rows shifted against each other, a join on the wrong key): the pairwise Pearson correlation
 * ({@code correlation}, entity column-pair, instance "a,b") far from its clean level, on Fisher's z scale
 * where its sampling noise is 1 / sqrt(n - 3). The column named is the one in most broken pairs.
 */
final class RelationSignature {
  /** The pairwise correlation metric of numeric columns. */
  static final String CORRELATION = "correlation";
  /** A relation weaker than this on clean days has nothing to break. */
  static final double MIN_RELATION = 0.25;
  /** Least change of the correlation itself, whatever the noise. */
  static final double MIN_CHANGE = 0.2;
  static final double NOISE_UNITS = 6;

  private RelationSignature() {}

  private record Broken(String a, String b, double r, double low, double high, double score) {}

  static List<Finding> judge(Map<MetricKey, MetricRecord> today, MetricHistory history, Set<String> explained,
      Signal.Factory make) {
    MetricRecord rowCount = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    double rows = rowCount == null ? 0 : rowCount.value();
    List<Broken> broken = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.entity() != Entity.COLUMN_PAIR || !m.metric().equals(CORRELATION) || !Double.isFinite(m.value())) {
        continue;
      }
      String[] pair = m.instance().split(",", 2);
      if (pair.length != 2 || explained.contains(pair[0]) || explained.contains(pair[1])) {
        continue;
      }
      List<SeriesPoint> series = history.series(m.key(), false);
      double[] z = series.stream().mapToDouble(p -> fisher(p.value())).filter(Double::isFinite).toArray();
      if (z.length < SignatureJudge.MIN_DAYS) {
        continue;
      }
      double centre = Signal.median(z);
      double[] deviations = java.util.Arrays.stream(z).map(v -> Math.abs(v - centre)).toArray();
      double spread = 1.4826 * Signal.median(deviations);
      double noise = Math.max(spread, rows > 3 ? 1 / Math.sqrt(rows - 3) : 1);
      double need = Math.max(NOISE_UNITS * noise, 2 * Signal.max(deviations));
      double moved = Math.abs(fisher(m.value()) - centre);
      double level = Math.tanh(centre);
      if (Math.abs(level) >= MIN_RELATION && moved >= need && Math.abs(m.value() - level) >= MIN_CHANGE) {
        double[] r = Signal.values(series);
        broken.add(new Broken(pair[0], pair[1], m.value(), Signal.min(r), Signal.max(r), moved / need));
      }
    }
    if (broken.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> pairsOf = new LinkedHashMap<>();
    for (Broken b : broken) {
      pairsOf.merge(b.a(), 1, Integer::sum);
      pairsOf.merge(b.b(), 1, Integer::sum);
    }
    Broken strongest = broken.stream().max(java.util.Comparator.comparingDouble(Broken::score)).orElseThrow();
    String column = pairsOf.entrySet().stream()
        .max(java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
            .thenComparing(e -> e.getKey().equals(strongest.a()) ? 1 : 0))
        .orElseThrow().getKey();
    Broken shown = broken.stream().filter(b -> b.a().equals(column) || b.b().equals(column))
        .max(java.util.Comparator.comparingDouble(Broken::score)).orElseThrow();
    String other = shown.a().equals(column) ? shown.b() : shown.a();
    int more = pairsOf.get(column) - 1;
    return List.of(make.of(CORRELATION, column, shown.r(), shown.low(), shown.high(), shown.score(),
        Cause.RELATION_BROKEN, String.format(Locale.ROOT, "relation between %s and %s broken: correlation %.2f, "
            + "on the clean days %.2f .. %.2f, while each column holds%s", column, other, shown.r(), shown.low(),
            shown.high(), more > 0 ? " (+" + more + " more pair" + (more == 1 ? "" : "s") + " of " + column + ")"
                : "")));
  }

  private static double fisher(double r) {
    double clamped = Math.max(-0.999999, Math.min(0.999999, r));
    return 0.5 * Math.log((1 + clamped) / (1 - clamped));
  }
}
