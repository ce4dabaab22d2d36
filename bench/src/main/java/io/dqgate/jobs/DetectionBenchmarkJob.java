package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.bench.AirlineFeed;
import io.dqgate.bench.FeedInjector;
import io.dqgate.bench.FeedInjector.Planted;
import io.dqgate.bench.PlantedIncident;
import io.dqgate.bench.ShapedFeed;
import io.dqgate.bench.TableFeed;
import io.dqgate.bench.TpchFeed;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code bench-detection}: detection on feeds of different shape that detection was never tuned on. Each
 * feed is written clean ({@code days} daily CSV partitions with their manifests), one incident of every
 * {@link PlantedIncident} kind the feed has a column for is planted every other day after the warm-up, all
 * days are profiled in one backfill with no dataset config beyond the source, and every day is judged on
 * the days before it (check-files + detect, as {@code backtest} does). Scored per feed: incidents blocked,
 * with the right column, with the right cause; clean days' WARN, BLOCK and PASS rates; and Deequ's
 * OnlineNormal strategy on the same stored metrics.
 */
final class DetectionBenchmarkJob {
  static final Set<String> OPTIONS = Set.of("out", "feeds", "days", "warmup", "min-rows", "max-rows", "tpch-sf",
      "flights", "stops", "pizza", "births", "covid", "hotels", "pets", "markdown", "incidents");
  /**
   * Any table as a feed of its own: {@code --table NAME=PATH} (Parquet, ORC, JSON lines, CSV or TSV), cut into
   * days by its one date or timestamp column or by {@code --table-date NAME=COLUMN}, from its first day.
   */
  static final Set<String> REPEATABLE = Set.of("table", "table-date");
  /** Judge again the profiles an earlier run stored, without profiling: for changes to detection alone. */
  static final String JUDGE_ONLY = "judge-only";
  /**
   * Judge as a team that reviews every blocked day would: a clean day that blocks is labelled accepted once it is
   * judged, as {@code dqgate label --as accepted} stores it, and rejoins the baselines of the days after it. Its
   * own verdict is scored as judged: the figures count the blocks a person had to review, and a real event
   * (a new market segment, an error in the published data) blocks once rather than on every day it lasts.
   */
  static final String ACCEPT_CLEAN_BLOCKS = "accept-clean-blocks";
  static final LocalDate SHAPED_START = LocalDate.of(2026, 1, 5);
  static final LocalDate TPCH_START = LocalDate.of(1994, 3, 1);
  static final LocalDate FLIGHTS_START = LocalDate.of(2001, 1, 1);
  static final LocalDate AIRLINE_START = LocalDate.of(2025, 1, 1);
  static final LocalDate STOPS_START = LocalDate.of(2017, 1, 1);
  static final LocalDate PIZZA_START = LocalDate.of(2015, 1, 1);
  static final LocalDate BIRTHS_START = LocalDate.of(1988, 1, 1);
  /** The first day of the COVID tests with at least 30 a day (the table's {@code pan_day} 11). */
  static final LocalDate COVID_START = LocalDate.of(2020, 3, 13);
  /** The first arrival day of the hotel bookings. */
  static final LocalDate HOTELS_START = LocalDate.of(2016, 7, 2);
  /** The first day of 2018, from which the pet licences come every day. */
  static final LocalDate PETS_START = LocalDate.of(2018, 1, 1);

  static final String DEFAULT_FEEDS =
      "shaped-1,shaped-2,shaped-3,airline-1,lineitem,orders,flights,stops,pizza,births,covid,hotels,pets";
  /** The real tables scripts/bench-detection fetches, each cut into days by its column {@code date}. */
  static final Map<String, LocalDate> TABLE_FEEDS = Map.of("stops", STOPS_START, "pizza", PIZZA_START,
      "births", BIRTHS_START, "covid", COVID_START, "hotels", HOTELS_START, "pets", PETS_START);

  /** One feed: its name, the day it starts and how its clean days are written. */
  record Feed(String name, LocalDate start, String shape) {}

  /**
   * A table given with {@code --table}: where it is, its rows as read once, the column that cuts it into days and
   * its first day.
   */
  record Table(String path, Dataset<Row> rows, String dateColumn, LocalDate firstDay) {
    /** What the feed's clean days were written from, for the marker that says whether to write them again. */
    String source() {
      return path + " by " + dateColumn + " from " + firstDay;
    }
  }

  static int run(Args args, PrintStream out) {
    String mode = args.flag(ACCEPT_CLEAN_BLOCKS)
        ? "Each clean day that blocked was labelled accepted once judged (--" + ACCEPT_CLEAN_BLOCKS + ").\n\n" : "";
    out.print(mode);
    // Each feed's table as soon as it is judged (a long run leaves what it finished), then all of them.
    List<DetectionScore.FeedResult> results = measure(args, done -> {
      out.print(DetectionScore.markdown(List.of(done)));
      out.flush();
    });
    String report = mode + DetectionScore.markdown(results);
    out.print(report);
    args.get("markdown").ifPresent(p -> {
      try {
        Files.writeString(Path.of(p), report);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    out.flush();
    return Main.OK;
  }

  /** Writes, plants, profiles and judges every feed the options name; returns each feed's judged days. */
  static List<DetectionScore.FeedResult> measure(Args args) {
    return measure(args, done -> { });
  }

  static List<DetectionScore.FeedResult> measure(Args args,
      java.util.function.Consumer<DetectionScore.FeedResult> feedDone) {
    Path root = Path.of(args.get("out").orElse("bench-output/detection"));
    int days = (int) SampleFeedOptions.parseLong("days", args.get("days").orElse("80"));
    int warmup = (int) SampleFeedOptions.parseLong("warmup", args.get("warmup").orElse("28"));
    int minRows = (int) SampleFeedOptions.parseLong("min-rows", args.get("min-rows").orElse("300"));
    int maxRows = (int) SampleFeedOptions.parseLong("max-rows", args.get("max-rows").orElse("50000"));
    double sf = Double.parseDouble(args.get("tpch-sf").orElse("1"));
    Map<String, String> tables = tables(args);
    List<String> names = new ArrayList<>();
    if (args.get("feeds").isPresent() || tables.isEmpty()) {
      names.addAll(List.of(args.get("feeds").orElse(DEFAULT_FEEDS).split(",")));
    }
    names.addAll(tables.keySet());
    List<PlantedIncident> kinds = args.get("incidents").map(DetectionBenchmarkJob::incidents)
        .orElse(List.of(PlantedIncident.values()));
    if (warmup + 2 * kinds.size() > days) {
      throw new DqgateException("--days: must leave room for the warm-up (" + warmup + ") and one incident every "
          + "other day (" + kinds.size() + "), was " + days);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("repository.path", root.resolve("metrics").toString());
    for (String name : names) {
      overrides.put("datasets." + name + ".source.path", root.resolve("feeds").resolve(name).toString());
    }
    DqgateConfig config = DqgateConfig.load(null, overrides);
    List<DetectionScore.FeedResult> results = new ArrayList<>();
    try (SparkSessions.JobSpark job = SparkSessions.open(config.spark(), "dqgate bench-detection")) {
      for (String name : names) {
        DatasetSpec dataset = config.dataset(name);
        Path feedRoot = root.resolve("feeds").resolve(name);
        Table table = tables.containsKey(name) ? table(job, name, tables.get(name), args) : null;
        Feed feed = table != null ? new Feed(name, table.firstDay(), "table") : feed(name, args, minRows, maxRows);
        String shape = write(job, feed, table, feedRoot, days, sf, args);
        Map<LocalDate, Planted> planted = plant(feedRoot, feed, days, warmup, kinds);
        DayPipeline pipeline = new DatasetSelection(config, dataset).pipeline(job);
        if (!args.flag(JUDGE_ONLY)) {
          backfill(pipeline, feed.start(), days, planted);
        }
        List<DetectionScore.Day> judged = new ArrayList<>();
        MetricsRepository repository = pipeline.repository();
        clearLabels(repository, name, feed.start(), feed.start().plusDays(days));
        for (int i = 0; i < days; i++) {
          LocalDate d = feed.start().plusDays(i);
          if (!Files.isDirectory(feedRoot.resolve("dt=" + d))) {
            continue;
          }
          Verdict verdict = pipeline.replay(d);
          if (args.flag(ACCEPT_CLEAN_BLOCKS)) {
            acceptIfClean(repository, d, planted.get(d), verdict);
          }
          judged.add(new DetectionScore.Day(d, i, planted.get(d), verdict,
              DetectionScore.onlineNormal(repository, dataset, feed.start(), d)));
        }
        results.add(new DetectionScore.FeedResult(name, shape, judged, dataset.detect().minHistory(), warmup));
        feedDone.accept(results.get(results.size() - 1));
      }
    }
    return results;
  }

  /**
   * Removes the labels stored for {@code dataset}'s days in [from, to): the benchmark's own repository holds
   * only labels a run with {@link #ACCEPT_CLEAN_BLOCKS} stored, and each run starts unlabelled.
   */
  static void clearLabels(MetricsRepository repository, String dataset, LocalDate from, LocalDate to) {
    repository.loadRange(dataset, from, to).stream().filter(r -> r.metric().equals(MetricNames.LABEL))
        .map(MetricRecord::partitionDate).distinct()
        .forEach(d -> repository.replaceOwned(RecordOwner.LABEL, dataset, d, List.of()));
  }

  /**
   * A reviewer's word on a judged day: a blocked day with nothing planted is labelled accepted, as {@code
   * dqgate label --as accepted} stores it; returns whether it was.
   */
  static boolean acceptIfClean(MetricsRepository repository, LocalDate day, Planted planted, Verdict verdict) {
    if (planted != null || verdict.status() != Status.BLOCK) {
      return false;
    }
    LabelJob.store(repository, verdict.dataset(), day, "bench-detection", MetricNames.LABEL_ACCEPTED, "accepted");
    return true;
  }

  /**
   * The tables {@code --table} names, by feed name; a name that is not a dataset name or that a feed of the
   * benchmark's own has is an error naming it.
   */
  static Map<String, String> tables(Args args) {
    Map<String, String> tables = args.pairs("table");
    for (String name : tables.keySet()) {
      if (!name.matches("[A-Za-z0-9_-]+")) {
        throw new DqgateException("--table: a feed name is letters, digits, '_' and '-', was \"" + name + "\"");
      }
      boolean own = List.of(DEFAULT_FEEDS.split(",")).contains(name) || name.startsWith("shaped-")
          || name.startsWith("airline-");
      if (own) {
        throw new DqgateException("--table: \"" + name + "\" is a feed of the benchmark's own; name the table "
            + "otherwise");
      }
    }
    for (String name : args.pairs("table-date").keySet()) {
      if (!tables.containsKey(name)) {
        throw new DqgateException("--table-date: no --table named \"" + name + "\"");
      }
    }
    return tables;
  }

  private static Table table(SparkSessions.JobSpark job, String name, String path, Args args) {
    Dataset<Row> rows = TableFeed.read(job.session(), path);
    String dateColumn = TableFeed.dateColumn(rows, Optional.ofNullable(args.pairs("table-date").get(name)), name);
    return new Table(path, rows, dateColumn, TableFeed.firstDay(rows, dateColumn, name));
  }

  private static Feed feed(String name, Args args, int minRows, int maxRows) {
    if (name.startsWith("shaped-")) {
      return new Feed(name, SHAPED_START, "shaped");
    }
    if (name.startsWith("airline-")) {
      return new Feed(name, AIRLINE_START, "airline");
    }
    return switch (name) {
      case "lineitem", "orders" -> new Feed(name, TPCH_START, name);
      case "flights" -> {
        if (args.get("flights").isEmpty()) {
          throw new DqgateException("--flights: the flights table (scripts/bench-detection fetches it) is needed "
              + "for feed flights");
        }
        yield new Feed(name, FLIGHTS_START, "flights");
      }
      case "stops", "pizza", "births", "covid", "hotels", "pets" -> {
        if (args.get(name).isEmpty()) {
          throw new DqgateException("--" + name + ": the table of feed " + name + " (scripts/bench-detection fetches "
              + "it) is needed");
        }
        yield new Feed(name, TABLE_FEEDS.get(name), name);
      }
      default -> throw new DqgateException("--feeds: unknown feed \"" + name
          + "\" (shaped-<seed>, airline-<seed>, lineitem, orders, flights, stops, pizza, births, covid, hotels, pets)");
    };
  }

  /**
   * Writes the feed's clean days (unless an earlier run left them complete, with the same parameters) and says
   * what its shape is.
   */
  private static String write(SparkSessions.JobSpark job, Feed feed, Table table, Path feedRoot, int days, double sf,
      Args args) {
    try {
      Path done = feedRoot.resolve("_CLEAN_WRITTEN");
      ShapedFeed shaped = feed.shape().equals("shaped") ? new ShapedFeed(Long.parseLong(feed.name().substring(7)),
          (int) SampleFeedOptions.parseLong("min-rows", args.get("min-rows").orElse("300")),
          (int) SampleFeedOptions.parseLong("max-rows", args.get("max-rows").orElse("50000"))) : null;
      // the feed is written again when an earlier run wrote it with other parameters
      String written = "days=" + days + " sf=" + sf + " rows=" + args.get("min-rows").orElse("300") + ".."
          + args.get("max-rows").orElse("50000") + (table == null ? "" : " table=" + table.source()) + "\n";
      AirlineFeed airline = feed.shape().equals("airline")
          ? new AirlineFeed(Long.parseLong(feed.name().substring(8)), days) : null;
      if (!Files.exists(done) || !Files.readString(done).equals(written)) {
        deleteTree(feedRoot);
        switch (feed.shape()) {
          case "shaped" -> shaped.write(feedRoot, feed.start(), days);
          case "airline" -> airline.write(feedRoot, feed.start());
          case "lineitem" -> TpchFeed.lineitem(feedRoot, sf, feed.start(), days);
          case "orders" -> TpchFeed.orders(feedRoot, sf, feed.start(), days);
          case "flights", "stops", "pizza", "births", "covid", "hotels", "pets" -> TableFeed.cut(
              job.session().read().parquet(args.get(feed.shape()).get()), "date", feedRoot, feed.start(), days);
          case "table" -> TableFeed.cut(table.rows(), table.dateColumn(), feedRoot, feed.start(), days);
          default -> throw new IllegalStateException(feed.shape());
        }
        Files.writeString(done, written);
      }
      return switch (feed.shape()) {
        case "shaped" -> "synthetic orders: " + shaped.describe();
        case "airline" -> "synthetic " + airline.describe();
        case "lineitem" -> "TPC-H lineitem SF " + sf + " by l_shipdate";
        case "orders" -> "TPC-H orders SF " + sf + " by o_orderdate";
        case "stops" -> "Minneapolis police stops 2017 (carData MplsStops) by date";
        case "pizza" -> "a pizza place's sales of 2015 (gt pizzaplace) by date";
        case "births" -> "US births a day per state in 1988 (mosaicData Birthdays) by date";
        case "covid" -> "COVID-19 tests at a children's hospital in 2020 (medicaldata covid_testing) by pan_day";
        case "hotels" -> "hotel bookings of 2016-2017 (modeldata hotel_rates) by arrival date";
        case "pets" -> "Seattle pet licences of 2018 (openintro seattlepets) by issue date";
        case "table" -> "the table " + table.path() + " by " + table.dateColumn();
        default -> "flights 2001 (vega-datasets flights-3m) by date";
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Plants every kind the feed fits, one every other day after the warm-up, into a copy of the clean day kept
   * beside it (so a rerun plants into clean data again).
   */
  static List<PlantedIncident> incidents(String labels) {
    List<PlantedIncident> out = new ArrayList<>();
    for (String label : labels.split(",")) {
      out.add(java.util.Arrays.stream(PlantedIncident.values()).filter(k -> k.label().equals(label.strip()))
          .findFirst().orElseThrow(() -> new DqgateException("--incidents: unknown incident \"" + label + "\" ("
              + String.join(", ", java.util.Arrays.stream(PlantedIncident.values()).map(PlantedIncident::label)
                  .toList()) + ")")));
    }
    return out;
  }

  /**
   * One backfill for the days whose files share a schema, the day a column was dropped on its own: Spark
   * reads days of one schema in one scan, but falls back to a scan per day for a range whose schemas differ.
   */
  private static void backfill(DayPipeline pipeline, LocalDate start, int days, Map<LocalDate, Planted> planted) {
    LocalDate end = start.plusDays(days - 1L);
    LocalDate from = start;
    for (Map.Entry<LocalDate, Planted> p : planted.entrySet()) {
      if (p.getValue().incident() == PlantedIncident.SCHEMA_CHANGE) {
        LocalDate odd = p.getKey();
        if (odd.isAfter(from)) {
          pipeline.backfill(from, odd.minusDays(1));
        }
        pipeline.backfill(odd, odd);
        from = odd.plusDays(1);
      }
    }
    if (!from.isAfter(end)) {
      pipeline.backfill(from, end);
    }
  }

  /**
   * Plants each kind on the first free incident day (every other day after the warm-up) whose data it fits,
   * keeping each day's clean copy beside the feed; the planted incidents by day.
   */
  static Map<LocalDate, Planted> plant(Path feedRoot, Feed feed, int days, int warmup,
      List<PlantedIncident> kinds) {
    Map<LocalDate, Planted> planted = new TreeMap<>();
    try {
      Path clean = feedRoot.resolveSibling(feedRoot.getFileName() + "-clean");
      Set<Integer> used = new HashSet<>();
      for (PlantedIncident kind : kinds) {
        // each kind on the first free slot that can take it: a slot whose day or day before has no partition (a
        // closed day) takes none, and one whose day cannot take a kind (a swap of day and month on the sixth of
        // June) is left to the kinds after it; a kind no day takes (no categorical column) is not planted
        for (int at = 0; warmup + 2 * at < days; at++) {
          LocalDate d = slotDay(feed, warmup, at);
          if (used.contains(at) || !plantable(feedRoot, d)) {
            continue;
          }
          Path partition = feedRoot.resolve("dt=" + d);
          Path previous = feedRoot.resolve("dt=" + d.minusDays(1));
          Path keep = clean.resolve("dt=" + d);
          if (Files.isDirectory(keep)) {
            deleteTree(partition);
            copyTree(keep, partition);
          } else {
            copyTree(partition, keep);
          }
          var result = FeedInjector.plant(partition, previous, kind, feed.name().hashCode() * 31L + kind.ordinal());
          if (result.isPresent()) {
            planted.put(d, result.get());
            used.add(at);
            break;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return planted;
  }

  private static LocalDate slotDay(Feed feed, int warmup, int slot) {
    return feed.start().plusDays(warmup + 2L * slot);
  }

  /** Whether the day and the day before it both have a partition (an incident may need the day before). */
  private static boolean plantable(Path feedRoot, LocalDate day) {
    return Files.isDirectory(feedRoot.resolve("dt=" + day))
        && Files.isDirectory(feedRoot.resolve("dt=" + day.minusDays(1)));
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
