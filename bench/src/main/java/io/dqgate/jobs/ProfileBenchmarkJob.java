package io.dqgate.jobs;

import io.dqgate.Provenance;
import io.dqgate.DqgateException;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.deequ.DeequProfilers;
import io.dqgate.profile.ColumnResolver;
import io.dqgate.profile.ResolvedColumn;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.repository.ParquetMetricsRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@code dqgate bench}: what profiling costs, side by side in one JVM and one Spark session on the same
 * data — a bare scan of the partition (the floor), dqgate's profile, Deequ's ColumnProfilerRunner and
 * AnalysisRunner, a 30-day backfill against 30 single-day profiles, and detection of one day — with warm-up
 * and repeats; prints medians and ratios against the floor measured in the same run, and rewrites the
 * figures section of BENCHMARKS.md ({@code --markdown FILE}).
 */
final class ProfileBenchmarkJob {
  static final Set<String> OPTIONS = Set.of("dir", "sf", "days", "wide-rows", "wide-columns", "repeats", "warmup",
      "only", "tables", "markdown", "command", "master", "detect-days", "detect-metrics", "backtest-days",
      "launcher");
  /** {@code --spark-conf key=value}: a Spark SQL setting for the whole run (to compare plans side by side). */
  static final Set<String> REPEATABLE = Set.of("spark-conf");
  static final Set<String> FLAGS = Set.of("quick");
  static final List<String> CONTENDERS = List.of("floor", "dqgate", "dqgate-plan", "deequ-profiler", "deequ-analysis",
      "backfill", "backfill-drift", "backtest", "quantile-sketch", "detection");
  /**
   * Contenders run only when named in {@code --only}: one {@code dqgate profile} process per day against one
   * {@code dqgate backfill} process (minutes of JVM starts at 30 days).
   */
  static final List<String> ON_REQUEST = List.of("backfill-processes");
  /** The backtest case: the sample feed's CSV days (a year by default), two of them with another header. */
  static final int BACKTEST_ROWS_PER_WEEKDAY = 1000;
  /** dqgate's stored quantiles (ScalarPass.QUANTILES), asked of Deequ's ApproxQuantiles too. */
  static final double[] QUANTILES = {0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60,
      0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.0};

  /** The run's settings, after --quick and the flags. */
  record Settings(Path dir, double sf, int days, long wideRows, int wideColumns, int warmup, int repeats,
      Set<String> contenders, Set<String> tables, String master, int detectDays, int detectMetrics,
      int backtestDays, String command, Path markdown, Path launcher) {

    static Settings from(Args args, List<String> argv) {
      boolean quick = args.flag("quick");
      Set<String> only = new LinkedHashSet<>(list(args.get("only").orElse(String.join(",", CONTENDERS))));
      for (String c : only) {
        if (!CONTENDERS.contains(c) && !ON_REQUEST.contains(c)) {
          throw new DqgateException("--only: unknown contender \"" + c + "\" (contenders: "
              + String.join(", ", CONTENDERS) + "; on request: " + String.join(", ", ON_REQUEST) + ")");
        }
      }
      Set<String> tables = new LinkedHashSet<>(list(args.get("tables").orElse("lineitem,wide")));
      for (String t : tables) {
        if (!Set.of("lineitem", "wide").contains(t)) {
          throw new DqgateException("--tables: unknown table \"" + t + "\" (tables: lineitem, wide)");
        }
      }
      return new Settings(
          Path.of(args.get("dir").orElse("bench-output")),
          Double.parseDouble(args.get("sf").orElse(quick ? "0.01" : "1")),
          (int) SampleFeedOptions.parseLong("days", args.get("days").orElse(quick ? "5" : "30")),
          SampleFeedOptions.parseLong("wide-rows", args.get("wide-rows").orElse(quick ? "20000" : "1000000")),
          (int) SampleFeedOptions.parseLong("wide-columns", args.get("wide-columns").orElse(quick ? "40" : "200")),
          (int) SampleFeedOptions.parseLong("warmup", args.get("warmup").orElse(quick ? "0" : "1")),
          (int) SampleFeedOptions.parseLong("repeats", args.get("repeats").orElse(quick ? "1" : "3")),
          only, tables, args.get("master").orElse("local[2]"),
          (int) SampleFeedOptions.parseLong("detect-days", args.get("detect-days").orElse(quick ? "60" : "366")),
          (int) SampleFeedOptions.parseLong("detect-metrics", args.get("detect-metrics").orElse("500")),
          (int) SampleFeedOptions.parseLong("backtest-days", args.get("backtest-days").orElse(quick ? "30" : "365")),
          args.get("command").orElse("dqgate bench " + String.join(" ", argv)),
          args.get("markdown").map(Path::of).orElse(null),
          args.get("launcher").map(Path::of).orElse(null));
    }

    private static List<String> list(String csv) {
      return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
  }

  static int run(Args args, List<String> argv, PrintStream out) {
    Settings s = Settings.from(args, argv);
    BenchReport report = new BenchReport(s);
    report.loadBefore();
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("spark.master", s.master());
    DqgateConfig base = DqgateConfig.load(null, overrides);
    try (SparkSessions.JobSpark job = SparkSessions.open(base.spark(), "dqgate bench")) {
      SparkSession spark = job.session();
      args.pairs("spark-conf").forEach(spark.conf()::set);
      BenchMeter meter = new BenchMeter(spark, s.warmup(), s.repeats());
      List<BenchMeter.Result> results = new ArrayList<>();
      if (s.tables().contains("lineitem")) {
        BenchData.Table[] lineitem = BenchData.lineitem(spark, s.dir().resolve("data"), s.sf(), s.days());
        report.table(lineitem[0]);
        out.printf("data: %s%n", BenchReport.describe(lineitem[0]));
        results.addAll(partitionContenders(spark, meter, s, lineitem[0], List.of("l_orderkey", "l_linenumber"), out));
        if (s.contenders().contains("backfill") || s.contenders().contains("backfill-drift")) {
          report.table(lineitem[1]);
          out.printf("data: %s%n", BenchReport.describe(lineitem[1]));
          results.addAll(backfill(spark, meter, s, lineitem[1], out));
        }
        if (s.contenders().contains("backfill-processes")) {
          if (!s.contenders().contains("backfill") && !s.contenders().contains("backfill-drift")) {
            report.table(lineitem[1]);
          }
          BackfillProcesses.run(s, lineitem[1], List.of("l_orderkey", "l_linenumber"))
              .forEach(r -> results.add(show(out, r)));
        }
      }
      if (s.tables().contains("wide")) {
        BenchData.Table wide = BenchData.wide(spark, s.dir().resolve("data"), s.wideRows(), s.wideColumns());
        report.table(wide);
        out.printf("data: %s%n", BenchReport.describe(wide));
        results.addAll(partitionContenders(spark, meter, s, wide, List.of("row_id"), out));
      }
      if (s.contenders().contains("backtest")) {
        results.addAll(backtest(spark, s, out));
      }
      if (s.contenders().contains("quantile-sketch")) {
        quantileSketches(new BenchMeter(null, 1, Math.max(3, s.repeats()))).forEach(r -> results.add(show(out, r)));
      }
      if (s.contenders().contains("detection")) {
        results.add(show(out, detection(new BenchMeter(null, 3, Math.max(5, s.repeats())), s)));
      }
      report.finish(results, spark.version());
    }
    report.print(out);
    if (s.markdown() != null) {
      report.rewrite(s.markdown());
      out.println("rewrote the figures section of " + s.markdown());
    }
    return Main.OK;
  }

  private static BenchMeter.Result show(PrintStream out, BenchMeter.Result r) {
    out.printf(java.util.Locale.ROOT,
        "  %-10s %-34s median %8.2f s  runs %s  CPU %.2f s  jobs %d stages %d  heap %d MiB%n",
        r.data(), r.contender(), r.median(), r.seconds().stream().map(x -> String.format(java.util.Locale.ROOT,
            "%.2f", x)).toList(), r.medianCpu(), r.jobs(), r.stages(), r.peakHeapBytes() >> 20);
    out.flush();
    return r;
  }

  private static DayPipeline pipeline(SparkSession spark, DatasetSpec dataset, Path repository) {
    Provenance provenance = Provenance.ofBuild(Provenance.newRunId(), dataset.configSha256());
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return new DayPipeline(dataset, new ParquetMetricsRepository(repository.toString(), hadoop, provenance),
        () -> spark, hadoop, provenance);
  }

  static DatasetSpec dataset(String name, Path root, List<String> key, Path repository) {
    return dataset(name, root, key, repository, "kernel");
  }

  static DatasetSpec dataset(String name, Path root, List<String> key, Path repository, String scan) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("datasets." + name + ".profile.scan", scan);
    o.put("datasets." + name + ".source.path", root.toString());
    o.put("datasets." + name + ".source.format", "parquet");
    o.put("datasets." + name + ".source.partitioning", "day={date}");
    o.put("datasets." + name + ".primary-key", "[" + String.join(", ", key) + "]");
    o.put("repository.path", repository.toString());
    return DqgateConfig.load(null, o).dataset(name);
  }

  /** Floor, dqgate, ColumnProfilerRunner and AnalysisRunner on one partition. */
  private static List<BenchMeter.Result> partitionContenders(SparkSession spark, BenchMeter meter, Settings s,
      BenchData.Table table, List<String> key, PrintStream out) {
    String location = table.partition(BenchData.DAY);
    Path repoDir = fresh(s.dir().resolve("work").resolve(table.name() + "-metrics"));
    DatasetSpec dataset = dataset(table.name(), table.root(), key, repoDir);
    Dataset<Row> rows = spark.read().parquet(location);
    String[] columns = rows.columns();
    java.util.LinkedHashMap<String, java.util.function.Supplier<Long>> contenders = new java.util.LinkedHashMap<>();
    if (s.contenders().contains("floor")) {
      contenders.put("floor: bare scan (noop write)", () -> {
        spark.read().parquet(location).select(Arrays.stream(columns).map(c -> functions.col("`" + c + "`"))
            .toArray(org.apache.spark.sql.Column[]::new)).write().format("noop").mode("overwrite").save();
        return table.rows();
      });
    }
    if (s.contenders().contains("dqgate")) {
      DayPipeline pipeline = pipeline(spark, dataset, repoDir);
      contenders.put("dqgate profile", () -> (long) pipeline.profile(BenchData.DAY).profile().metrics().size());
    }
    if (s.contenders().contains("dqgate-plan")) {
      Path planRepo = fresh(s.dir().resolve("work").resolve(table.name() + "-plan-metrics"));
      DayPipeline planned = pipeline(spark, dataset(table.name(), table.root(), key, planRepo, "plan"), planRepo);
      contenders.put("plan scan: dqgate profile, profile.scan = plan", () ->
          (long) planned.profile(BenchData.DAY).profile().metrics().size());
    }
    if (s.contenders().contains("deequ-profiler")) {
      contenders.put("Deequ ColumnProfilerRunner", () ->
          (long) DeequProfilers.columnProfiler(spark.read().parquet(location)));
    }
    if (s.contenders().contains("deequ-analysis")) {
      DeequProfilers.Columns deequColumns = deequColumns(ColumnResolver.resolve(rows, dataset, location), key);
      contenders.put("Deequ AnalysisRunner (same metrics)", () ->
          (long) DeequProfilers.analysisRunner(spark.read().parquet(location), deequColumns, QUANTILES,
              dataset.profile().quantileRankError(), BenchData.DAY.toString(),
              dataset.profile().dateFloor().toString()));
    }
    List<BenchMeter.Result> results = meter.interleaved(table.name(), contenders);
    results.forEach(r -> show(out, r));
    return results;
  }

  /** dqgate's column kinds, as Deequ analyzer groups. */
  static DeequProfilers.Columns deequColumns(List<ResolvedColumn> resolved, List<String> key) {
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    Map<String, String> temporalText = new LinkedHashMap<>();
    List<String> dates = new ArrayList<>();
    List<String> other = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    for (ResolvedColumn c : resolved) {
      if (c.isString()) {
        strings.add(c.name());
      }
      if (c.kind() == ColumnKind.NUMERIC && !c.isString()) {
        numeric.add(c.name());
      } else if (c.kind() == ColumnKind.CATEGORICAL) {
        categorical.add(c.name());
      } else if (c.isTemporalText()) {
        temporalText.put(c.name(), regexOf(c.format().get()));
      } else if (c.kind().isTemporal() && !c.isString()) {
        dates.add(c.name());
      } else {
        other.add(c.name());
      }
    }
    return new DeequProfilers.Columns(numeric, categorical, temporalText, dates, other, strings, key);
  }

  /** A java.time pattern as the regex of its shape (digits where the pattern has letters). */
  static String regexOf(String pattern) {
    StringBuilder regex = new StringBuilder("^");
    int i = 0;
    while (i < pattern.length()) {
      char ch = pattern.charAt(i);
      int j = i;
      while (j < pattern.length() && pattern.charAt(j) == ch) {
        j++;
      }
      if (Character.isLetter(ch)) {
        regex.append("\\d{").append(j - i == 1 ? "1,2" : Integer.toString(j - i)).append('}');
      } else {
        regex.append(java.util.regex.Pattern.quote(pattern.substring(i, j)));
      }
      i = j;
    }
    return regex.append('$').toString();
  }

  /**
   * One backfill over all days against one profile run per day, and (backfill-drift) the same backfill with
   * two of the days in another schema (a renamed column); same JVM, fresh repositories, runs interleaved.
   */
  private static List<BenchMeter.Result> backfill(SparkSession spark, BenchMeter meter, Settings s,
      BenchData.Table table, PrintStream out) {
    LocalDate from = BenchData.DAY;
    LocalDate to = from.plusDays(s.days() - 1L);
    int[] run = {0};
    List<String> key = List.of("l_orderkey", "l_linenumber");
    java.util.LinkedHashMap<String, java.util.function.Supplier<Long>> contenders = new java.util.LinkedHashMap<>();
    if (s.contenders().contains("backfill")) {
      contenders.put(s.days() + " single-day profile runs", () -> {
        Path repo = fresh(s.dir().resolve("work").resolve("single-" + run[0]++));
        DayPipeline pipeline = pipeline(spark, dataset("lineitem", table.root(), key, repo), repo);
        long metrics = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          metrics += pipeline.profile(d).profile().metrics().size();
        }
        return metrics;
      });
    }
    contenders.put("backfill of " + s.days() + " days in one job",
        () -> backfillOnce(spark, s, table.root(), key, from, to, "backfill-" + run[0]++));
    if (s.contenders().contains("backfill-drift")) {
      List<LocalDate> changed = List.of(from.plusDays(s.days() / 3), from.plusDays(2L * s.days() / 3));
      BenchData.Table drift = BenchData.withOtherSchema(spark, table, changed);
      contenders.put("backfill of " + s.days() + " days, " + changed.size() + " in another schema", () ->
          backfillOnce(spark, s, drift.root(), key, from, to, "backfill-drift-" + run[0]++));
    }
    List<BenchMeter.Result> results = meter.interleaved(table.name(), contenders);
    results.forEach(r -> show(out, r));
    return results;
  }

  private static long backfillOnce(SparkSession spark, Settings s, Path root, List<String> key, LocalDate from,
      LocalDate to, String work) {
    Path repo = fresh(s.dir().resolve("work").resolve(work));
    return pipeline(spark, dataset("lineitem", root, key, repo), repo).backfill(from, to).days().values().stream()
        .mapToLong(p -> p.profile().metrics().size()).sum();
  }

  /**
   * A year of small CSV days (the sample feed, {@link #BACKTEST_ROWS_PER_WEEKDAY} rows a weekday, two days
   * with a renamed header column): one backfill of all of them, then the backtest of the year on the
   * stored profiles. One run each (no warm-up): the backtest replays file checks and detection day by day.
   */
  private static List<BenchMeter.Result> backtest(SparkSession spark, Settings s, PrintStream out) {
    Path feed = BenchData.sampleFeed(s.dir().resolve("data"), s.backtestDays(), BACKTEST_ROWS_PER_WEEKDAY);
    LocalDate from = BenchData.FEED_START;
    LocalDate to = from.plusDays(s.backtestDays() - 1L);
    BenchMeter once = new BenchMeter(spark, 0, 1);
    Path repo = fresh(s.dir().resolve("work").resolve("backtest-metrics"));
    List<String> source = List.of("--source", feed.toString(), "--format", "csv", "--partitioning", "dt={date}",
        "--dataset", "applications", "--repository", repo.toString(), "--primary-key", "application_id",
        "--from", from.toString(), "--to", to.toString());
    List<BenchMeter.Result> results = new ArrayList<>();
    results.add(show(out, once.measure("feed", "backfill of " + s.backtestDays() + " CSV days, 2 with another header",
        () -> (long) BackfillJob.run(Args.parse("backfill", source, BackfillJob.OPTIONS,
            DatasetSelection.REPEATABLE, Set.of())))));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    results.add(show(out, once.measure("feed", "backtest of " + s.backtestDays() + " days (files already profiled)",
        () -> (long) BacktestJob.run(Args.parse("backtest", source, BacktestJob.OPTIONS,
            DatasetSelection.REPEATABLE, Set.of()), quiet))));
    return results;
  }

  /**
   * The two mergeable quantile sketches at the promised rank error (0.5 %), fed the same 6 M doubles in one
   * thread: DataSketches KLL (what the profile uses) and Spark's own QuantileSummaries (percentile_approx's).
   */
  static List<BenchMeter.Result> quantileSketches(BenchMeter meter) {
    int n = 6_000_000;
    double rankError = 0.005;
    double[] values = new double[n];
    Random random = new Random(5);
    for (int i = 0; i < n; i++) {
      values[i] = random.nextGaussian() * 100 + i % 7;
    }
    // the profile's choice: the smallest k whose normalised rank error is within the promise
    int k = org.apache.datasketches.kll.KllSketch.getKFromEpsilon(rankError, false);
    while (org.apache.datasketches.kll.KllSketch.getNormalizedRankError(k, false) > rankError) {
      k++;
    }
    final int size = k;
    java.util.LinkedHashMap<String, java.util.function.Supplier<Long>> contenders = new java.util.LinkedHashMap<>();
    contenders.put("DataSketches KLL, k = " + size + " (rank error 0.5 %), 6 M doubles", () -> {
      var sketch = org.apache.datasketches.kll.KllDoublesSketch.newHeapInstance(size);
      for (double v : values) {
        sketch.update(v);
      }
      return (long) sketch.getNumRetained();
    });
    contenders.put("Spark QuantileSummaries at 0.005, 6 M doubles", () -> {
      var summary = new org.apache.spark.sql.catalyst.util.QuantileSummaries(
          org.apache.spark.sql.catalyst.util.QuantileSummaries.defaultCompressThreshold(), rankError,
          new org.apache.spark.sql.catalyst.util.QuantileSummaries.Stats[0], 0L, false);
      for (double v : values) {
        summary = summary.insert(v);
      }
      return (long) summary.compress().sampled().length;
    });
    return meter.interleaved("sketch", contenders);
  }

  /** Detection of one day: every metric's series detector and a PCA fit on the days × metrics baseline. */
  static BenchMeter.Result detection(BenchMeter meter, Settings s) {
    return DetectionCost.measure(meter, s.detectDays(), s.detectMetrics());
  }

  static Path fresh(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (var walk = Files.walk(dir)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dir.getParent());
      return dir.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
