package io.dqgate.jobs;

import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.pipeline.HadoopSettings;
import io.dqgate.pipeline.ProfiledDay;
import io.dqgate.pipeline.Repositories;
import io.dqgate.rules.RuleResult;
import io.dqgate.sample.DaySummary;
import io.dqgate.sample.FeedSummary;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate quickstart}: writes the sample feed, profiles every day into a metrics repository with one
 * Spark session, and prints what each day looked like. With {@code --conf} the dataset named
 * {@code applications} in that file is used; without it, dqgate runs with zero config (inferred kinds).
 */
final class QuickstartJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = Set.of("out", "conf", "days", "start", "seed", "contaminated-day",
      "rows-per-weekday");
  static final String DATASET = "applications";

  static int run(Args args, PrintStream out) {
    Path root = Path.of(args.get("out").orElse("quickstart-output"));
    Path feed = root.resolve("feed").resolve(DATASET);
    Map<String, String> overrides = new LinkedHashMap<>(args.pairs("set"));
    overrides.put("datasets." + DATASET + ".source.path", feed.toString());
    overrides.put("repository.path", root.resolve("metrics").toString());
    File conf = args.file("conf").orElse(null);
    if (conf == null) {
      overrides.put("datasets." + DATASET + ".primary-key", "application_id");
      overrides.put("datasets." + DATASET + ".target", "defaulted");
    }
    DqgateConfig config = DqgateConfig.load(conf, overrides);
    DatasetSpec dataset = config.dataset(DATASET);

    FeedSummary feedSummary = SampleFeedOptions.generator(args).write(feed);
    LOG.info("quickstart: wrote {} daily partitions ({} rows) to {}", feedSummary.days().size(),
        feedSummary.totalRows(), feed);

    long start = System.currentTimeMillis();
    List<ProfiledDay> outcomes = new ArrayList<>();
    Map<java.time.LocalDate, Verdict> verdicts = new LinkedHashMap<>();
    Provenance provenance = Provenance.ofBuild(Provenance.newRunId(), dataset.configSha256());
    try (SparkSessions.JobSpark job = SparkSessions.open(config.spark(), "dqgate quickstart")) {
      SparkSession spark = job.session();
      DayPipeline pipeline = new DayPipeline(dataset, Repositories.open(config, Optional.of(spark), provenance),
          () -> spark, HadoopSettings.of(config.spark(), spark), provenance);
      for (DaySummary day : feedSummary.days()) {
        outcomes.add(pipeline.profile(day.date()));
      }
      // Each day judged only on the days before it, as a daily schedule would.
      for (DaySummary day : feedSummary.days()) {
        Verdict verdict = pipeline.judge(day.date());
        pipeline.record(verdict);
        verdicts.put(day.date(), verdict);
      }
    }
    printTable(outcomes, verdicts, out);
    verdicts.values().stream().filter(v -> v.status() == Status.BLOCK).forEach(v -> {
      out.println();
      JobOutput.printVerdict(v, out);
    });
    List<ProfiledDay> broken = outcomes.stream().filter(o -> !o.broken().isEmpty()).toList();
    out.println();
    out.println("Inspect a day:  scripts/dqgate metrics --repository " + config.repository().path()
        + " --dataset " + DATASET + " --date " + (broken.isEmpty() ? outcomes.get(0).date() : broken.get(0).date())
        + " --format csv");
    out.flush();
    LOG.info("quickstart: profiled {} days into {} in {} s; {} day(s) broke rules{}", outcomes.size(),
        config.repository().path(), (System.currentTimeMillis() - start) / 1000,
        broken.size(), broken.isEmpty() ? "" : " (" + broken.stream().map(o -> o.date().toString())
            .collect(Collectors.joining(", ")) + ")");
    return Main.OK;
  }

  static void printTable(List<ProfiledDay> outcomes, Map<java.time.LocalDate, Verdict> verdicts,
      PrintStream out) {
    out.printf("%-10s %-3s %6s %8s %-22s %8s %6s %-7s %-7s %s%n", "date", "day", "rows", "dup keys",
        "most nulls", "swapped", "new", "rules", "verdict", "broken rules");
    for (ProfiledDay o : outcomes) {
      List<MetricRecord> metrics = o.profile().metrics();
      MetricRecord worstNull = metrics.stream()
          .filter(m -> m.entity() == Entity.COLUMN && m.metric().equals(MetricNames.NULL_FRACTION))
          .max(Comparator.comparingDouble(MetricRecord::value))
          .orElse(null);
      double dupKeys = sum(metrics, MetricNames.DUPLICATE_KEY_COUNT);
      double swapped = max(metrics, MetricNames.SWAPPED_DAY_MONTH_FRACTION);
      double fresh = sum(metrics, MetricNames.NEW_VALUE_COUNT);
      List<RuleResult> broken = o.broken();
      Verdict verdict = verdicts.get(o.date());
      out.printf(Locale.ROOT, "%-10s %-3s %6d %8s %-22s %8s %6s %-7s %-7s %s%n",
          o.date(),
          o.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT),
          (long) o.metric(MetricNames.ROW_COUNT),
          Double.isNaN(dupKeys) ? "-" : String.valueOf((long) dupKeys),
          worstNull == null ? "-" : String.format(Locale.ROOT, "%s %.1f%%", worstNull.instance(),
              worstNull.value() * 100),
          Double.isNaN(swapped) ? "-" : String.format(Locale.ROOT, "%.1f%%", swapped * 100),
          Double.isNaN(fresh) ? "-" : String.valueOf((long) fresh),
          o.rules().isEmpty() ? "-" : (o.rules().size() - broken.size()) + "/" + o.rules().size(),
          verdict == null ? "-" : verdict.status().name(),
          broken.isEmpty() ? "" : "BROKEN " + broken.stream().map(r -> r.instance() + ":" + r.rule())
              .collect(Collectors.joining(", ")));
    }
  }

  private static double sum(List<MetricRecord> metrics, String metric) {
    List<MetricRecord> found = metrics.stream().filter(m -> m.metric().equals(metric)).toList();
    return found.isEmpty() ? Double.NaN : found.stream().mapToDouble(MetricRecord::value).sum();
  }

  private static double max(List<MetricRecord> metrics, String metric) {
    return metrics.stream().filter(m -> m.metric().equals(metric)).mapToDouble(MetricRecord::value)
        .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }
}
