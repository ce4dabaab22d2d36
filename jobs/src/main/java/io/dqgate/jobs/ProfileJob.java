package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.PausePoints;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.files.FileChecker;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.PartitionProfile;
import io.dqgate.profile.Profiler;
import io.dqgate.profile.ResolvedColumn;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.rules.RuleResult;
import io.dqgate.rules.StaticRules;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate profile}: reads one partition, computes its metrics and static rules, and replaces that
 * day in the metrics repository. Nothing is written unless every metric was computed.
 */
final class ProfileJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = union(DatasetSelection.SOURCE_OPTIONS, Set.of("date"));

  /** What one profiled day produced. */
  record Outcome(DatasetSpec dataset, LocalDate date, PartitionProfile profile, List<RuleResult> rules,
      String repository, long millis) {

    double metric(String metric) {
      return profile.metrics().stream()
          .filter(m -> m.metric().equals(metric) && m.instance().equals("*"))
          .mapToDouble(MetricRecord::value)
          .findFirst()
          .orElse(Double.NaN);
    }

    List<RuleResult> broken() {
      return rules.stream().filter(r -> !r.passed()).toList();
    }

    String summary() {
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

  static int run(Args args) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    DqgateConfig config = selection.config();
    Outcome outcome;
    try (SparkSessions.JobSpark job = SparkSessions.open(config.spark(),
        "dqgate profile " + selection.dataset().name())) {
      SparkSession spark = job.session();
      MetricsRepository repository = new ParquetMetricsRepository(config.repository().path(),
          spark.sparkContext().hadoopConfiguration());
      RepositoryCheck.requireUsable(config.repository().path(), spark.sparkContext().hadoopConfiguration(),
          repository, selection.dataset().name(), date);
      outcome = profileDay(spark, repository, selection.dataset(), date);
    }
    LOG.info(outcome.summary());
    return 0;
  }

  /** Profiles one day and commits it to the repository; shared by profile and quickstart. */
  static Outcome profileDay(SparkSession spark, MetricsRepository repository, DatasetSpec dataset,
      LocalDate date) {
    long start = System.currentTimeMillis();
    String runId = newRunId();
    Instant now = Instant.now();
    PartitionProfile profile;
    try {
      SourcePartition partition = new PartitionReader(spark).read(dataset.source(), date);
      profile = new Profiler(repository).profile(partition, dataset, dataset.source().format(), date, runId, now);
    } catch (DqgateException e) {
      throw e;
    } catch (Exception e) { // Spark's own exceptions are checked ones to Java (SparkException, AnalysisException)
      // Spark names the file only for some read failures: find the unreadable one to name it.
      java.util.Optional<String> unreadable = new FileChecker(spark, repository).firstUnreadable(dataset, date);
      if (unreadable.isPresent()) {
        throw new DqgateException("cannot read " + unreadable.get(), e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
    LOG.info("{} {}: columns {}", dataset.name(), date,
        profile.columns().stream().map(ResolvedColumn::describe).collect(Collectors.joining(", ")));
    List<RuleResult> rules = StaticRules.evaluate(dataset, profile.metrics());
    List<MetricRecord> records = new ArrayList<>(profile.metrics());
    records.addAll(StaticRules.asMetrics(rules, dataset.name(), date, runId, now, dataset));
    PausePoints.reach("profile.before-write");
    // The day's file-check metrics belong to check-files: keep them.
    repository.replaceOwned(dataset.name(), date, records,
        m -> !io.dqgate.metrics.MetricNames.FILE_METRICS.contains(m.metric()));
    return new Outcome(dataset, date, new PartitionProfile(profile.columns(), records), rules,
        repository.location(), System.currentTimeMillis() - start);
  }

  static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @SafeVarargs
  static Set<String> union(Set<String>... sets) {
    java.util.HashSet<String> out = new java.util.HashSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return Set.copyOf(out);
  }
}
