package io.dqgate.pipeline;

import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.PartitionProfile;
import io.dqgate.rules.RuleResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What profiling one day stored: its metrics and rule metrics, the rules' results, and how long it took. */
public record ProfiledDay(DatasetSpec dataset, LocalDate date, PartitionProfile profile, List<RuleResult> rules,
    long millis) {

  public ProfiledDay {
    rules = List.copyOf(rules);
  }

  /** A dataset-wide metric of the day; NaN when it was not computed. */
  public double metric(String metric) {
    return profile.metrics().stream()
        .filter(m -> m.metric().equals(metric) && m.instance().equals(MetricKey.WHOLE_DATASET))
        .mapToDouble(MetricRecord::value)
        .findFirst()
        .orElse(Double.NaN);
  }

  public List<RuleResult> broken() {
    return rules.stream().filter(r -> !r.passed()).toList();
  }

  /** One line: rows, columns, metrics, rules, where it went and how long it took. */
  public String summary(String repository) {
    List<RuleResult> broken = broken();
    String rulesPart = rules.isEmpty() ? "no rules"
        : String.format(Locale.ROOT, "rules %d/%d held", rules.size() - broken.size(), rules.size())
            + (broken.isEmpty() ? "" : " (broken: " + broken.stream()
                .map(r -> r.instance() + " " + r.rule() + " " + r.message()).collect(Collectors.joining("; ")) + ")");
    return String.format(Locale.ROOT, "profile %s %s: %d rows, %d columns, %d metrics, %s -> %s [%.1f s]",
        dataset.name(), date, (long) metric("row_count"), profile.columns().size(),
        profile.metrics().size(), rulesPart, repository, millis / 1000.0);
  }
}
