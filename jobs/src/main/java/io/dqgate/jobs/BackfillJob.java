package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.PausePoints;
import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.PartitionProfile;
import io.dqgate.profile.Profiler;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.rules.RuleResult;
import io.dqgate.rules.StaticRules;
import io.dqgate.source.PartitionReader;
import io.dqgate.source.SourcePartition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate backfill --from D1 --to D2}: profiles every partition in the range in one pass over all
 * of them (aggregates grouped by day) and writes each day to the repository, as single-day runs would.
 */
final class BackfillJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS, Set.of("from", "to"));
  static final int MAX_DAYS = 3660;

  static int run(Args args) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate from = args.date("from");
    LocalDate to = args.date("to");
    if (to.isBefore(from)) {
      throw new DqgateException("--to: must not be before --from (" + from + "), was " + to);
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new DqgateException("--to: at most " + MAX_DAYS + " days per backfill, was " + from + " .. " + to);
    }
    long start = System.currentTimeMillis();
    int written;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate backfill " + selection.dataset().name())) {
      MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration());
      RepositoryCheck.requireUsable(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration(), repository, selection.dataset().name(), null);
      written = backfill(job.session(), repository, selection.dataset(), from, to).size();
    }
    LOG.info("backfill {} {}..{}: {} day(s) profiled in one pass [{} s]", selection.dataset().name(), from, to,
        written, (System.currentTimeMillis() - start) / 1000.0);
    return Main.OK;
  }

  /** Profiles the days of [from, to] that have a partition and commits each; returns what was written. */
  static SortedMap<LocalDate, PartitionProfile> backfill(SparkSession spark, MetricsRepository repository,
      DatasetSpec dataset, LocalDate from, LocalDate to) {
    PartitionReader reader = new PartitionReader(spark);
    Map<LocalDate, SourcePartition> partitions = new LinkedHashMap<>();
    List<LocalDate> missing = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      try {
        partitions.put(d, reader.read(dataset.source(), d));
      } catch (DqgateException e) {
        if (e.getMessage().startsWith("source.path")) {
          throw e;
        }
        missing.add(d);
        LOG.warn("backfill {}: skipping {}: {}", dataset.name(), d, e.getMessage());
      }
    }
    if (partitions.isEmpty()) {
      throw new DqgateException("no partition between " + from + " and " + to + " in " + dataset.source().path());
    }
    String runId = ProfileJob.newRunId();
    Instant now = Instant.now();
    java.util.Optional<org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> oneScan =
        reader.readDaysInOneScan(dataset.source(), partitions, Profiler.DAY_COLUMN);
    LOG.info("backfill {}: {} day(s) in {}", dataset.name(), partitions.size(),
        oneScan.isPresent() ? "one scan" : "a union of per-day scans (schemas differ or table partitions)");
    SortedMap<LocalDate, PartitionProfile> profiles = new Profiler(repository)
        .profileDays(partitions, oneScan, dataset, runId, now);
    for (Map.Entry<LocalDate, PartitionProfile> e : profiles.entrySet()) {
      List<RuleResult> rules = StaticRules.evaluate(dataset, e.getValue().metrics());
      List<MetricRecord> records = new ArrayList<>(e.getValue().metrics());
      records.addAll(StaticRules.asMetrics(rules, dataset.name(), e.getKey(), runId, now, dataset));
      repository.replaceOwned(dataset.name(), e.getKey(), records,
          m -> !MetricNames.FILE_METRICS.contains(m.metric()));
      PausePoints.reach("backfill.day-written");
    }
    if (!missing.isEmpty()) {
      LOG.warn("backfill {}: {} day(s) without a partition: {}", dataset.name(), missing.size(), missing);
    }
    return profiles;
  }
}
