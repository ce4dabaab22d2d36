package io.dqgate.detect;

import io.dqgate.anomaly.PcaModel;
import io.dqgate.anomaly.PcaOptions;
import io.dqgate.anomaly.PcaScore;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.verdict.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole metric vector at once (Uber's data quality monitor): PCA fitted on the clean baseline, the
 * day scored with Hotelling T² and SPE against their control limits, a hit explained by per-metric
 * contributions rolled up to columns. Catches a shift spread thinly over correlated metrics that no
 * single series notices.
 */
final class PcaJudge {
  /** Fewer days than this cannot pin down a covariance over a hundred metrics well enough to judge by. */
  static final int MIN_BASELINE_DAYS = 14;

  private final DetectSpec spec;

  PcaJudge(DetectSpec spec) {
    this.spec = spec;
  }

  Optional<Finding> judge(LocalDate date, Map<MetricKey, MetricRecord> today, MetricHistory history) {
    List<MetricKey> keys = Detection.judgedKeys(today, spec);
    List<LocalDate> days = history.days();
    if (keys.size() < 2 || days.isEmpty()) {
      return Optional.empty();
    }
    double[][] baseline = new double[days.size()][keys.size()];
    boolean[] relative = new boolean[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      relative[k] = history.relativeDates(keys.get(k));
    }
    for (int d = 0; d < days.size(); d++) {
      Map<MetricKey, MetricRecord> day = history.day(days.get(d));
      for (int k = 0; k < keys.size(); k++) {
        MetricRecord m = day.get(keys.get(k));
        baseline[d][k] = m == null ? Double.NaN : MetricHistory.comparable(m, day, relative[k]);
      }
    }
    double[] vector = new double[keys.size()];
    List<String> names = new ArrayList<>();
    Map<String, MetricKey> byName = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      vector[k] = MetricHistory.comparable(today.get(keys.get(k)), today, relative[k]);
      String name = MetricHistory.nameOf(keys.get(k));
      names.add(name);
      byName.put(name, keys.get(k));
    }
    PcaOptions options = PcaOptions.defaults()
        .withExplainedVariance(spec.pcaExplainedVariance())
        .withConfidence(spec.pcaConfidence(), spec.pcaSevereConfidence())
        .withMinBaselineRows(Math.max(MIN_BASELINE_DAYS, spec.minHistory()));
    Optional<PcaModel> model = PcaModel.fit(baseline, days, date, names, options);
    if (model.isEmpty()) {
      return Optional.empty();
    }
    PcaScore score = model.get().score(vector);
    // A distribution statistic that happened to sit still (an integer column's p25) may move by a step;
    // only a bad-data counter leaving its constant (0 malformed rows, then 30) is a break worth a finding.
    List<PcaScore.ConstantBreak> breaks = score.constantBreaks().stream()
        .filter(b -> SeriesJudge.QUALITY.contains(byName.get(b.metric()).metric()))
        .toList();
    boolean anomalous = score.t2Exceeded() || score.speExceeded() || !breaks.isEmpty();
    boolean severe = score.t2() > score.t2SevereLimit() || score.spe() > score.speSevereLimit() || !breaks.isEmpty();
    if (!anomalous) {
      return Optional.empty();
    }
    Map<String, Double> byColumn = new LinkedHashMap<>();
    score.contributions().forEach((metric, share) -> {
      String column = MetricHistory.columnOf(byName.get(metric));
      byColumn.merge(column == null ? "(dataset)" : column, share, Double::sum);
    });
    breaks.forEach(b -> {
      String column = MetricHistory.columnOf(byName.get(b.metric()));
      byColumn.merge(column == null ? "(dataset)" : column, 1.0, Double::sum);
    });
    List<Map.Entry<String, Double>> ranked = byColumn.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
    String top = ranked.isEmpty() ? null : ranked.get(0).getKey();
    String columns = ranked.stream().limit(3)
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * Math.min(1, e.getValue())))
        .collect(Collectors.joining(", "));
    double ratio = Math.max(score.t2Limit() > 0 ? score.t2() / score.t2Limit() : 0,
        score.speLimit() > 0 ? score.spe() / score.speLimit() : 0);
    return Optional.of(new Finding("pca", "t2_spe", "(dataset)".equals(top) ? null : top, null, ratio, Double.NaN,
        1.0, ratio, spec.severity(severe ? "pca-severe" : "pca"),
        "metric vector off its baseline (" + history.cleanDays() + " clean days); columns: " + columns + "; "
            + score.explanation()));
  }
}
