package io.dqgate.jobs;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.deequ.DeequSeriesStrategies;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.sample.Incident;
import io.dqgate.sample.IncidentInjector;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code dqgate bench-contamination}: the project's own contamination benchmark. Writes a clean seasonal
 * feed, injects one incident every other day after three weeks, profiles all days in one backfill, replays
 * check-files + detect day by day, and scores recall, false alarms on clean days and whether the right
 * column was named — for dqgate and, on the same stored metrics, for Deequ's strategies alone.
 */
final class ContaminationBenchmarkJob {
  static final Set<String> OPTIONS = Set.of("out", "conf", "days", "rows-per-weekday", "first-incident",
      "reuse");
  static final Map<String, Map<String, Double>> DEEQU = new LinkedHashMap<>();

  static {
    DEEQU.put(DeequSeriesStrategies.ONLINE_NORMAL, Map.of());
    DEEQU.put(DeequSeriesStrategies.RELATIVE_RATE_OF_CHANGE,
        Map.of(DeequSeriesStrategies.MAX_RATE_DECREASE, 0.5, DeequSeriesStrategies.MAX_RATE_INCREASE, 2.0));
    DEEQU.put(DeequSeriesStrategies.HOLT_WINTERS, Map.of());
  }

  record DayResult(LocalDate date, Incident incident, Verdict verdict, Map<String, List<MetricKey>> deequFlags) {}

  static int run(Args args, PrintStream out) {
    Path root = Path.of(args.get("out").orElse("bench-contamination"));
    int days = (int) SampleFeedOptions.parseLong("days", args.get("days").orElse("51"));
    int rows = (int) SampleFeedOptions.parseLong("rows-per-weekday", args.get("rows-per-weekday").orElse("1000"));
    int first = (int) SampleFeedOptions.parseLong("first-incident", args.get("first-incident").orElse("21"));
    Path feed = root.resolve("feed").resolve("applications");
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("datasets.applications.source.path", feed.toString());
    overrides.put("repository.path", root.resolve("metrics").toString());
    File conf = args.file("conf").orElse(null);
    if (conf == null) {
      overrides.put("datasets.applications.primary-key", "application_id");
      overrides.put("datasets.applications.target", "defaulted");
      overrides.put("datasets.applications.manifest", "_MANIFEST.json");
    }
    DqgateConfig config = DqgateConfig.load(conf, overrides);
    DatasetSpec dataset = config.dataset("applications");
    LocalDate start = SampleFeedGenerator.DEFAULT_START;
    // --reuse true: judge again the feed and profiles an earlier run left in --out (for tuning detection).
    boolean reuse = Boolean.parseBoolean(args.get("reuse").orElse("false"))
        && java.nio.file.Files.isDirectory(root.resolve("metrics"));
    if (!reuse) {
      SampleFeedGenerator.builder().days(days).noContamination().rowsPerWeekday(rows).build().write(feed);
    }
    Map<LocalDate, Incident> schedule = new TreeMap<>();
    Incident[] kinds = Incident.values();
    for (int k = 0; k < kinds.length && first + 2 * k < days; k++) {
      LocalDate d = start.plusDays(first + 2L * k);
      schedule.put(d, kinds[k]);
      if (!reuse) {
        IncidentInjector.inject(feed.resolve(SampleFeedGenerator.partitionFolder(d)), kinds[k], 1000 + k);
      }
    }

    List<DayResult> results = new ArrayList<>();
    try (SparkSessions.JobSpark job = SparkSessions.open(config.spark(), "dqgate bench-contamination")) {
      DayPipeline pipeline = new DatasetSelection(config, dataset).pipeline(job);
      if (!reuse) {
        pipeline.backfill(start, start.plusDays(days - 1L));
      }
      for (int i = 0; i < days; i++) {
        LocalDate d = start.plusDays(i);
        Verdict verdict = pipeline.replay(d);
        results.add(new DayResult(d, schedule.get(d), verdict, deequ(pipeline.repository(), dataset, start, d)));
      }
    }
    report(results, out);
    return Main.OK;
  }

  /** Metrics Deequ's strategies flag on day {@code d}, judged on every earlier day (Deequ excludes none). */
  static Map<String, List<MetricKey>> deequ(MetricsRepository repository, DatasetSpec dataset, LocalDate start,
      LocalDate d) {
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    repository.loadDay(dataset.name(), d).forEach(m -> today.put(m.key(), m));
    List<MetricRecord> history = repository.loadRange(dataset.name(), start, d);
    Map<String, List<MetricKey>> flags = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> s : DEEQU.entrySet()) {
      DeequSeriesStrategies.Strategy strategy = DeequSeriesStrategies.create(s.getKey(), s.getValue(), "bench");
      List<MetricKey> flagged = new ArrayList<>();
      for (MetricKey key : Detection.judgedKeys(today, dataset.detect())) {
        double[] series = history.stream().filter(m -> m.key().equals(key) && !Double.isNaN(m.value()))
            .mapToDouble(MetricRecord::value).toArray();
        if (series.length < 7) {
          continue;
        }
        DeequSeriesStrategies.Result r = strategy.judge(series, today.get(key).value());
        if (r.enoughHistory() && r.anomalous()) {
          flagged.add(key);
        }
      }
      flags.put(s.getKey(), flagged);
    }
    return flags;
  }

  static boolean rightColumn(Incident incident, Verdict verdict) {
    for (Finding f : verdict.findings()) {
      if (f.severity() == io.dqgate.vocabulary.Severity.INFO) {
        continue;
      }
      if (incident.column().equals("(files)") ? f.detector().equals("files") && !f.metric().equals("volume")
          : incident.column().equals("(dataset)") ? f.column() == null && (f.metric().equals("volume")
              || f.metric().equals(MetricNames.ROW_COUNT) || f.metric().equals(MetricNames.TOTAL_ROWS)
              || f.metric().equals(MetricNames.TOTAL_BYTES) || f.message().contains("row_count"))
          : incident.columns().stream().anyMatch(c -> c.equals(f.column()) || f.message().contains(c + "."))) {
        return true;
      }
    }
    return false;
  }

  static boolean rightColumn(Incident incident, List<MetricKey> flagged) {
    for (MetricKey k : flagged) {
      if (incident.column().equals("(files)") ? MetricNames.FILE_METRICS.contains(k.metric())
          : incident.column().equals("(dataset)") ? k.entity() == Entity.DATASET
          : incident.columns().stream().anyMatch(c -> c.equals(k.instance()) || k.instance().startsWith(c + ","))) {
        return true;
      }
    }
    return false;
  }

  static void report(List<DayResult> results, PrintStream out) {
    out.printf("%-10s %-24s %-6s %-5s", "date", "incident", "dqgate", "col");
    DEEQU.keySet().forEach(s -> out.printf(" %-22s", s.replace("deequ-", "deequ ") + " (col)"));
    out.println();
    int incidents = 0;
    int caught = 0;
    int blocked = 0;
    int named = 0;
    int cleanDays = 0;
    int falseWarn = 0;
    int falseBlock = 0;
    Map<String, int[]> deequ = new LinkedHashMap<>();
    DEEQU.keySet().forEach(s -> deequ.put(s, new int[3]));
    for (DayResult r : results) {
      boolean warmup = r.date().isBefore(results.get(0).date().plusDays(7));
      if (r.incident() == null) {
        if (warmup) {
          continue;
        }
        cleanDays++;
        if (r.verdict().status() != Status.PASS) {
          falseWarn++;
        }
        if (r.verdict().status() == Status.BLOCK) {
          falseBlock++;
        }
        r.deequFlags().forEach((s, f) -> deequ.get(s)[2] += f.isEmpty() ? 0 : 1);
        continue;
      }
      incidents++;
      boolean hit = r.verdict().status() != Status.PASS;
      boolean col = hit && rightColumn(r.incident(), r.verdict());
      caught += hit ? 1 : 0;
      blocked += r.verdict().status() == Status.BLOCK ? 1 : 0;
      named += col ? 1 : 0;
      out.printf(Locale.ROOT, "%-10s %-24s %-6s %-5s", r.date(), r.incident().name().toLowerCase(Locale.ROOT),
          r.verdict().status(), col ? "yes" : "no");
      r.deequFlags().forEach((s, f) -> {
        boolean dhit = !f.isEmpty();
        boolean dcol = dhit && rightColumn(r.incident(), f);
        deequ.get(s)[0] += dhit ? 1 : 0;
        deequ.get(s)[1] += dcol ? 1 : 0;
        out.printf(" %-22s", (dhit ? "flag" : "-") + (dcol ? " (yes)" : dhit ? " (no)" : ""));
      });
      out.println();
    }
    out.println();
    out.printf(Locale.ROOT, "dqgate: caught %d/%d incidents (%d blocked), right column %d/%d; "
        + "false alarms on %d clean days after warm-up: %d WARN-or-BLOCK, %d BLOCK%n", caught, incidents, blocked,
        named, incidents, cleanDays, falseWarn, falseBlock);
    final int totalIncidents = incidents;
    final int totalClean = cleanDays;
    deequ.forEach((s, c) -> out.printf(Locale.ROOT, "%s alone on the same metrics: flagged %d/%d incidents, right "
        + "column %d/%d; flagged %d of %d clean days%n", s, c[0], totalIncidents, c[1], totalIncidents, c[2],
        totalClean));
    out.flush();
  }
}
