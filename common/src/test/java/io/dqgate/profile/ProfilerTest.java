package io.dqgate.profile;

import io.dqgate.testing.StoredDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.source.PartitionReader;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each metric against a value computed here in plain Java from the same rows, on a fixture with nulls,
 * empty strings, duplicate keys with null components, skewed categories, dd-MM vs MM-dd dates and
 * future dates.
 */
@ExtendWith(SparkExtension.class)
class ProfilerTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 5);
  static final String[] HEADER = {"id", "part", "age", "gender", "income", "birth", "seen_at", "name", "label"};
  // null = empty field. Spark's CSV reader makes every empty field null, quoted or not, so an "empty
  // string" in CSV is a blank one ("  ").
  static final String[][] ROWS = {
      {"1", "a", "30", "Male", "100.5", "05-03-1990", "2026-08-05 10:00:00", "Ann", "0"},
      {"1", "a", "40", "Female", null, "31-12-1985", "2026-08-05 11:00:00", "Bob", "1"},
      {"2", null, "50", "Male", "200", "12-25-1990", "2027-01-01 00:00:00", "  ", "0"},
      {"2", null, null, "Male", "300", "01-01-1800", "2026-08-05 12:00:00", "Cy", "1"},
      {"3", "b", "25", "Female", "400", "15-06-2000", "bad", "Di", "0"},
      {null, "c", "35", "female", "500", null, "2026-08-04 09:00:00", "Ed", "0"},
      {"4", "d", "131", "Male", "abc", "13-13-2001", "2026-08-03 08:00:00", "Flo", "1"},
      {"3", "b", "25", "Female", "400", "15-06-2000", "bad", "Di", "0"},
  };

  @TempDir
  Path dir;
  SparkSession spark;
  ParquetMetricsRepository repository;

  @BeforeEach
  void setUp(SparkSession spark) {
    this.spark = spark;
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(),
        spark.sparkContext().hadoopConfiguration());
  }

  private Path writeCsv(String[] header, String[][] rows, LocalDate day) throws IOException {
    Path partition = dir.resolve("feed").resolve("dt=" + day);
    Files.createDirectories(partition);
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (String[] row : rows) {
      csv.append(Arrays.stream(row).map(v -> v == null ? "" : v)
          .collect(Collectors.joining(","))).append('\n');
    }
    Files.writeString(partition.resolve("part-00000.csv"), csv, StandardCharsets.UTF_8);
    return dir.resolve("feed");
  }

  private DatasetSpec dataset(String extra) throws IOException {
    Path conf = dir.resolve("test.conf");
    Files.writeString(conf, "datasets.fx { source.path = \"" + dir.resolve("feed") + "\"\n" + extra + "\n}\n");
    return DqgateConfig.load(conf.toFile(), Map.of()).dataset("fx");
  }

  private Map<MetricKey, MetricRecord> profile(DatasetSpec spec, LocalDate day) {
    var partition = new PartitionReader(spark).read(spec.source(), day);
    PartitionProfile p = new Profiler(repository)
        .profile(partition, spec, spec.source().format(), day, "run-1", Instant.parse("2026-08-06T00:00:00Z"));
    return p.byKey();
  }

  private static double value(Map<MetricKey, MetricRecord> m, String column, String metric) {
    MetricRecord r = m.get(MetricKey.column(column, metric));
    assertThat(r).as(column + "." + metric).isNotNull();
    return r.value();
  }

  private static List<String> column(String name) {
    int i = Arrays.asList(HEADER).indexOf(name);
    List<String> out = new ArrayList<>();
    for (String[] row : ROWS) {
      out.add(row[i]);
    }
    return out;
  }

  private static List<Double> numbers(String name) {
    List<Double> out = new ArrayList<>();
    for (String v : column(name)) {
      try {
        out.add(v == null ? null : Double.valueOf(v));
      } catch (NumberFormatException e) {
        out.add(null);
      }
    }
    return out;
  }

  static final String FIXTURE_CONFIG = """
      primary-key = [id, part]
      target = label
      columns {
        age { min = 0, max = 120 }
        gender { domain = [Male, Female] }
        birth { format = "dd-MM-yyyy" }
        seen_at { format = "yyyy-MM-dd HH:mm:ss" }
        income { kind = numeric }
        name { kind = text }
      }
      """;

  /** The fixture's day written, with a config that gives every kind of measure. */
  private DatasetSpec fixture() throws IOException {
    writeCsv(HEADER, ROWS, DAY);
    return dataset(FIXTURE_CONFIG);
  }

  @Test
  void everyMetricMatchesAnIndependentComputation() throws IOException {
    DatasetSpec spec = fixture();
    Map<MetricKey, MetricRecord> m = profile(spec, DAY);
    int n = ROWS.length;

    assertThat(m.get(MetricKey.dataset(MetricNames.ROW_COUNT)).value()).isEqualTo(n);
    assertThat(m.get(MetricKey.dataset(MetricNames.COLUMN_COUNT)).value()).isEqualTo(HEADER.length);

    // Keys with null-safe equality: rows minus distinct keys; unique = complete keys seen once.
    Map<List<String>, Integer> keys = new HashMap<>();
    for (String[] row : ROWS) {
      keys.merge(Arrays.asList(row[0], row[1]), 1, Integer::sum);
    }
    long unique = keys.entrySet().stream()
        .filter(e -> e.getValue() == 1 && !e.getKey().contains(null)).count();
    long nullKeyRows = Arrays.stream(ROWS).filter(r -> r[0] == null || r[1] == null).count();
    MetricKey dupKey = new MetricKey(Entity.DATASET, "id,part", MetricNames.DUPLICATE_KEY_COUNT);
    assertThat(m.get(dupKey).value()).isEqualTo(n - keys.size()).isEqualTo(3);
    assertThat(m.get(new MetricKey(Entity.DATASET, "id,part", MetricNames.KEY_UNIQUENESS)).value())
        .isCloseTo(unique / (double) n, within(1e-12));
    assertThat(m.get(new MetricKey(Entity.DATASET, "id,part", MetricNames.NULL_KEY_FRACTION)).value())
        .isCloseTo(nullKeyRows / (double) n, within(1e-12));
    Set<List<String>> distinctRows = new HashSet<>();
    for (String[] row : ROWS) {
      distinctRows.add(Arrays.asList(row));
    }
    assertThat(m.get(MetricKey.dataset(MetricNames.DUPLICATE_ROW_FRACTION)).value())
        .isCloseTo((n - distinctRows.size()) / (double) n, within(1e-12));

    for (String c : HEADER) {
      long nulls = column(c).stream().filter(Objects::isNull).count();
      long empty = column(c).stream().filter(v -> v != null && v.isBlank()).count();
      assertThat(value(m, c, MetricNames.NULL_FRACTION)).as(c).isCloseTo(nulls / (double) n, within(1e-12));
      assertThat(value(m, c, MetricNames.EMPTY_STRING_FRACTION)).as(c).isCloseTo(empty / (double) n, within(1e-12));
    }

    // Numeric: age (range rule), income (one value not a number).
    List<Double> ages = numbers("age").stream().filter(Objects::nonNull).toList();
    assertThat(value(m, "age", MetricNames.MIN)).isEqualTo(ages.stream().mapToDouble(d -> d).min().getAsDouble());
    assertThat(value(m, "age", MetricNames.MAX)).isEqualTo(131.0);
    assertThat(value(m, "age", MetricNames.MEAN)).isCloseTo(mean(ages), within(1e-9));
    assertThat(value(m, "age", MetricNames.STDDEV)).isCloseTo(sampleStddev(ages), within(1e-9));
    assertThat(value(m, "age", MetricNames.OUT_OF_RANGE_FRACTION)).isCloseTo(1.0 / ages.size(), within(1e-12));
    assertThat(value(m, "age", MetricNames.MEDIAN)).isEqualTo(lowerMedian(ages));
    assertThat(value(m, "age", MetricNames.IQR))
        .isEqualTo(value(m, "age", MetricNames.P75) - value(m, "age", MetricNames.P25));
    List<Double> incomes = numbers("income").stream().filter(Objects::nonNull).toList();
    assertThat(value(m, "income", MetricNames.MEAN)).isCloseTo(mean(incomes), within(1e-9));
    assertThat(value(m, "income", MetricNames.NOT_NUMERIC_FRACTION)).isCloseTo(1.0 / 7, within(1e-12));
    assertThat(value(m, "age", MetricNames.DISTINCT_COUNT_APPROX)).isEqualTo(new HashSet<>(ages).size());

    // Target correlation: Pearson over rows where both are numbers.
    List<Double> labels = numbers("label");
    List<double[]> pairs = new ArrayList<>();
    List<Double> allAges = numbers("age");
    for (int i = 0; i < n; i++) {
      if (allAges.get(i) != null && labels.get(i) != null) {
        pairs.add(new double[] {allAges.get(i), labels.get(i)});
      }
    }
    assertThat(m.get(new MetricKey(Entity.COLUMN_PAIR, "age,label", MetricNames.TARGET_CORRELATION)).value())
        .isCloseTo(pearson(pairs), within(1e-9));

    // Categorical: skewed proportions, exact distinct count, out-of-domain ("female").
    MetricRecord proportions = m.get(MetricKey.column("gender", MetricNames.VALUE_PROPORTIONS));
    JsonNode detail = new ObjectMapper().readTree(proportions.detail());
    assertThat(detail.get("total").asLong()).isEqualTo(n);
    assertThat(detail.get("values").get(0).get("value").asText()).isEqualTo("Male");
    assertThat(detail.get("values").get(0).get("count").asLong()).isEqualTo(4);
    assertThat(detail.get("values").get(1).get("value").asText()).isEqualTo("Female");
    assertThat(detail.get("values").get(2).get("value").asText()).isEqualTo("female");
    assertThat(proportions.value()).isCloseTo(4.0 / n, within(1e-12));
    assertThat(value(m, "gender", MetricNames.DISTINCT_COUNT_APPROX)).isEqualTo(3);
    assertThat(value(m, "gender", MetricNames.OUT_OF_DOMAIN_FRACTION)).isCloseTo(1.0 / n, within(1e-12));

    // Dates as text: 7 non-null births; 5 match dd-MM-yyyy; "12-25-1990" parses only month-first;
    // "13-13-2001" parses neither way; 1800 is before the 1900 floor.
    assertThat(value(m, "birth", MetricNames.FORMAT_MATCH_FRACTION)).isCloseTo(5.0 / 7, within(1e-12));
    assertThat(value(m, "birth", MetricNames.SWAPPED_DAY_MONTH_FRACTION)).isCloseTo(1.0 / 7, within(1e-12));
    assertThat(value(m, "birth", MetricNames.BEFORE_FLOOR_FRACTION)).isCloseTo(1.0 / 5, within(1e-12));
    assertThat(value(m, "birth", MetricNames.MIN_DATE)).isEqualTo(LocalDate.of(1800, 1, 1).toEpochDay());
    assertThat(value(m, "birth", MetricNames.MAX_DATE)).isEqualTo(LocalDate.of(2000, 6, 15).toEpochDay());
    // seen_at: two "bad"; one value after the partition date.
    assertThat(value(m, "seen_at", MetricNames.FORMAT_MATCH_FRACTION)).isCloseTo(6.0 / 8, within(1e-12));
    assertThat(value(m, "seen_at", MetricNames.FUTURE_FRACTION)).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(value(m, "seen_at", MetricNames.MAX_DATE)).isEqualTo(LocalDate.of(2027, 1, 1).toEpochDay());
  }

  /** Pearson's r of every pair of numeric columns in schema order, over rows where both are numbers. */
  @Test
  void correlationOfEveryNumericPairMatchesAnIndependentComputation() throws IOException {
    DatasetSpec spec = fixture();
    Map<MetricKey, MetricRecord> m = profile(spec, DAY);
    List<String> numeric = List.of("age", "income", "label");
    for (int a = 0; a < numeric.size(); a++) {
      for (int b = a + 1; b < numeric.size(); b++) {
        List<Double> x = numbers(numeric.get(a));
        List<Double> y = numbers(numeric.get(b));
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < ROWS.length; i++) {
          if (x.get(i) != null && y.get(i) != null) {
            pairs.add(new double[] {x.get(i), y.get(i)});
          }
        }
        String instance = numeric.get(a) + "," + numeric.get(b);
        assertThat(m.get(new MetricKey(Entity.COLUMN_PAIR, instance, MetricNames.CORRELATION)).value())
            .as(instance).isCloseTo(pearson(pairs), within(1e-9));
      }
    }
    assertThat(m.keySet().stream().filter(k -> k.metric().equals(MetricNames.CORRELATION))).hasSize(3);
  }

  /** A constant column, or a pair with fewer than two rows holding both values, has no correlation. */
  @Test
  void correlationIsNaNWhenUndefined() throws IOException {
    String[] header = {"x", "flat", "sparse"};
    String[][] rows = {{"1", "5", "1"}, {"2", "5", null}, {"3", "5", null}, {"4", "5", null}};
    writeCsv(header, rows, DAY);
    DatasetSpec spec = dataset("columns { x.kind = numeric, flat.kind = numeric, sparse.kind = numeric }");
    Map<MetricKey, MetricRecord> m = profile(spec, DAY);
    assertThat(m.get(new MetricKey(Entity.COLUMN_PAIR, "x,flat", MetricNames.CORRELATION)).value()).isNaN();
    assertThat(m.get(new MetricKey(Entity.COLUMN_PAIR, "x,sparse", MetricNames.CORRELATION)).value()).isNaN();
    DatasetSpec capped = dataset("columns { x.kind = numeric, flat.kind = numeric, sparse.kind = numeric }\n"
        + "profile.correlation-max-columns = 2");
    assertThat(profile(capped, DAY).keySet().stream().filter(k -> k.metric().equals(MetricNames.CORRELATION))
        .map(MetricKey::instance)).containsExactly("x,flat");
  }

  /** Column names are names: dots, backticks, spaces, quotes and accents are not Spark syntax. */
  @Test
  void everyColumnNameCanBeProfiled() throws IOException {
    Path partition = dir.resolve("feed").resolve("dt=" + DAY);
    Files.createDirectories(partition);
    Files.writeString(partition.resolve("part-00000.csv"),
        "a.b,x`y,sp ace,q\"uote,naïve,it's\n"
            + "1,10,red,2026-08-01,u,x\n"
            + "2,20,red,2026-08-02,v,\n"
            + "2,,blue,2026-09-01,w,y\n", StandardCharsets.UTF_8);
    DatasetSpec spec = dataset("primary-key = [\"a.b\"]\ntarget = \"x`y\"\n"
        + "columns { \"sp ace\".kind = categorical, \"q\\\"uote\" { kind = date, format = \"yyyy-MM-dd\" } }");
    Map<MetricKey, MetricRecord> m = profile(spec, DAY);
    assertThat(m.get(new MetricKey(Entity.DATASET, "a.b", MetricNames.DUPLICATE_KEY_COUNT)).value()).isEqualTo(1);
    assertThat(value(m, "x`y", MetricNames.MEAN)).isEqualTo(15.0);
    assertThat(value(m, "x`y", MetricNames.NULL_FRACTION)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(value(m, "sp ace", MetricNames.DISTINCT_COUNT_APPROX)).isEqualTo(2);
    assertThat(value(m, "q\"uote", MetricNames.FUTURE_FRACTION)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(value(m, "naïve", MetricNames.DISTINCT_COUNT_APPROX)).isEqualTo(3);
    assertThat(value(m, "it's", MetricNames.NULL_FRACTION)).isCloseTo(1.0 / 3, within(1e-12));
  }

  /**
   * The kernel and the Spark plan give every metric alike on the fixture (a partition small enough for
   * the quantile sketches to be exact), and on three days of three files each, merged across tasks.
   */
  @Test
  void kernelAndPlanGiveTheSameMetrics() throws IOException {
    DatasetSpec kernel = fixture();
    DatasetSpec plan = dataset(FIXTURE_CONFIG + "\nprofile.scan = plan");
    assertSameMetrics(profile(kernel, DAY), profile(plan, DAY), 0.0);
  }

  /**
   * Three days of three files each (one task per file; keys repeated across files), read in one scan:
   * the kernel's merged accumulators give the plan's exact metrics, distinct counts within the HLL's
   * error, and quantiles whose rank in the data is within the stated rank error (each task's values
   * counted exactly, a day's together past the exact limit, so the merge goes to the sketch).
   */
  private static final int ROWS_PER_FILE = NumberQuantiles.EXACT_VALUES * 3 / 8;

  @Test
  void kernelMergesTasksAndDaysLikeThePlan() throws IOException {
    java.util.Random random = new java.util.Random(7);
    String[] header = {"id", "grp", "v", "w", "d"};
    Map<LocalDate, List<Double>> values = new HashMap<>();
    Map<LocalDate, Set<String>> ids = new HashMap<>();
    List<LocalDate> days = List.of(DAY, DAY.plusDays(1), DAY.plusDays(2));
    for (LocalDate day : days) {
      Path partition = dir.resolve("feed").resolve("dt=" + day);
      Files.createDirectories(partition);
      for (int file = 0; file < 3; file++) {
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (int r = 0; r < ROWS_PER_FILE; r++) {
          String id = String.valueOf(random.nextInt(3000));
          double v = 1e6 + random.nextGaussian() * 100;
          String w = random.nextInt(10) == 0 ? "" : String.valueOf(v * 0.5 + random.nextGaussian() * 20);
          csv.append(id).append(',').append("g").append(random.nextInt(5)).append(',').append(v).append(',')
              .append(w).append(',').append(day.minusDays(random.nextInt(400))).append('\n');
          values.computeIfAbsent(day, k -> new ArrayList<>()).add(v);
          ids.computeIfAbsent(day, k -> new HashSet<>()).add(id);
        }
        Files.writeString(partition.resolve("part-0000" + file + ".csv"), csv, StandardCharsets.UTF_8);
      }
    }
    String config = "primary-key = [id]\ncolumns { grp.kind = categorical, v.kind = numeric, w.kind = numeric,"
        + " d { kind = date, format = \"yyyy-MM-dd\" } }";
    Map<LocalDate, Map<MetricKey, MetricRecord>> kernel = profileInOneScan(dataset(config), days);
    Map<LocalDate, Map<MetricKey, MetricRecord>> plan =
        profileInOneScan(dataset(config + "\nprofile.scan = plan"), days);
    for (LocalDate day : days) {
      Map<MetricKey, MetricRecord> k = kernel.get(day);
      Map<MetricKey, MetricRecord> p = plan.get(day);
      for (String column : List.of("id", "v", "w", "d")) {
        MetricKey distinct = MetricKey.column(column, MetricNames.DISTINCT_COUNT_APPROX);
        assertThat(k.get(distinct).value()).as(day + " " + column)
            .isCloseTo(p.get(distinct).value(), within(0.05 * p.get(distinct).value()));
        k.remove(distinct);
        p.remove(distinct);
      }
      assertThat(k.get(MetricKey.column("id", MetricNames.DISTINCT_COUNT_APPROX))).isNull();
      assertThat(k.get(new MetricKey(Entity.DATASET, "id", MetricNames.DUPLICATE_KEY_COUNT)).value())
          .isEqualTo(3 * ROWS_PER_FILE - ids.get(day).size());
      JsonNode detail = new ObjectMapper().readTree(k.get(MetricKey.column("v", MetricNames.QUANTILES)).detail());
      double bound = detail.get("rank_error").asDouble();
      assertThat(bound).isGreaterThan(0.0).isLessThanOrEqualTo(0.005);
      List<Double> sorted = values.get(day).stream().sorted().toList();
      for (int q = 0; q < ScalarPass.QUANTILES.length; q++) {
        double estimate = detail.get("values").get(q).asDouble();
        long below = sorted.stream().filter(x -> x < estimate).count();
        long atOrBelow = sorted.stream().filter(x -> x <= estimate).count();
        double wanted = ScalarPass.QUANTILES[q] * sorted.size();
        // the value's rank interval [below, atOrBelow] is within bound * n of the wanted rank
        assertThat(Math.max(0, Math.max(below - wanted, wanted - atOrBelow)))
            .as(day + " q" + ScalarPass.QUANTILES[q]).isLessThanOrEqualTo(bound * sorted.size() + 1);
      }
      // each extreme's runner-up, the second value from its end, merged across the day's three tasks
      assertThat(new ObjectMapper().readTree(k.get(MetricKey.column("v", MetricNames.MIN)).detail())
          .get(MetricNames.NEXT).asDouble()).as(day + " min").isEqualTo(sorted.get(1));
      assertThat(new ObjectMapper().readTree(k.get(MetricKey.column("v", MetricNames.MAX)).detail())
          .get(MetricNames.NEXT).asDouble()).as(day + " max").isEqualTo(sorted.get(sorted.size() - 2));
      assertSameMetrics(k, p, bound);
    }
  }

  private Map<LocalDate, Map<MetricKey, MetricRecord>> profileInOneScan(DatasetSpec spec, List<LocalDate> days) {
    PartitionReader reader = new PartitionReader(spark);
    Map<LocalDate, io.dqgate.source.SourcePartition> partitions = new HashMap<>();
    days.forEach(d -> partitions.put(d, reader.read(spec.source(), d)));
    var oneScan = reader.readDaysInOneScan(spec.source(), partitions, Profiler.DAY_COLUMN);
    assertThat(oneScan).isPresent();
    Map<LocalDate, Map<MetricKey, MetricRecord>> out = new HashMap<>();
    new Profiler(repository).profileDays(partitions, oneScan, spec, "run-1", Instant.parse("2026-08-09T00:00:00Z"))
        .forEach((d, p) -> out.put(d, new HashMap<>(p.byKey())));
    return out;
  }

  /** A categorical column past the kernel's per-task limit gets its exact histogram from the shuffle. */
  @Test
  void categoriesPastTheKernelsLimitAreCountedByTheShuffle() throws IOException {
    DatasetSpec spec = fixture();
    var rows = new PartitionReader(spark).read(spec.source(), DAY).rows()
        .withColumn(Profiler.DAY_COLUMN, org.apache.spark.sql.functions.lit(DAY.toString()));
    List<ResolvedColumn> columns = ColumnResolver.resolve(rows.drop(Profiler.DAY_COLUMN), spec, "fixture");
    int gender = Arrays.asList(HEADER).indexOf("gender");
    GroupingPass.Histogram exact = new GroupingPass(columns, spec).run(rows).get(DAY.toString()).histogram(gender);
    assertThat(exact.distinct()).isEqualTo(3);
    for (int limit : new int[] {2, 3}) {
      GroupingPass.Histogram kernel = new ScanKernel(columns, spec, limit, true).run(rows).grouped().get(DAY.toString())
          .histogram(gender);
      assertThat(kernel).as("limit " + limit).isEqualTo(exact);
    }
  }

  private static void assertSameMetrics(Map<MetricKey, MetricRecord> kernel, Map<MetricKey, MetricRecord> plan,
      double rankError) {
    assertThat(kernel.keySet()).isEqualTo(plan.keySet());
    for (MetricKey k : kernel.keySet()) {
      MetricRecord a = kernel.get(k);
      MetricRecord b = plan.get(k);
      if (Double.isNaN(b.value())) {
        assertThat(a.value()).as(k.toString()).isNaN();
      } else if (rankError > 0 && Set.of(MetricNames.P25, MetricNames.MEDIAN, MetricNames.P75, MetricNames.IQR)
          .contains(k.metric())) {
        continue; // compared by rank in the caller
      } else {
        assertThat(a.value()).as(k.toString()).isCloseTo(b.value(), within(1e-9 * Math.max(1, Math.abs(b.value()))));
      }
      if (!k.metric().equals(MetricNames.QUANTILES) && !k.metric().equals(MetricNames.DUPLICATE_KEY_COUNT)) {
        assertThat(a.detail()).as(k.toString()).isEqualTo(b.detail());
      }
    }
  }

  /**
   * Duplicate rows are counted from the key's GROUP BY when every repeated key repeats one row, and from
   * the row hash when a repeated key holds different rows or there is no key; all three agree with a
   * count done here. Rows that differ only in which field is null ("x",null vs null,"x") are not equal.
   */
  @Test
  void duplicateRowsAreExactWithAndWithoutAKey() throws IOException {
    String[] header = {"id", "a", "b"};
    String[][] copiesOnly = {
        {"1", "x", null}, {"1", "x", null}, {"1", "x", null}, {"2", null, "x"}, {"3", "x", null},
        {"4", "y", "y"}, {"4", "y", "y"}, {null, "z", "z"}, {null, "z", "z"}};
    String[][] conflicting = {
        {"1", "x", null}, {"1", "x", null}, {"1", null, "x"}, {"2", "y", "y"}, {"2", "y", "y"}, {"3", "z", "z"}};
    LocalDate other = DAY.plusDays(1);
    writeCsv(header, copiesOnly, DAY);
    writeCsv(header, conflicting, other);
    for (String key : List.of("primary-key = [id]", "")) {
      DatasetSpec spec = dataset(key + "\ncolumns { a { kind = categorical }, b { kind = categorical } }");
      var reader = new PartitionReader(spark);
      var days = new Profiler(repository).profileDays(
          Map.of(DAY, reader.read(spec.source(), DAY), other, reader.read(spec.source(), other)),
          spec, "run-1", Instant.parse("2026-08-07T00:00:00Z"));
      assertThat(days.get(DAY).byKey().get(MetricKey.dataset(MetricNames.DUPLICATE_ROW_FRACTION)).value())
          .as(key).isCloseTo(duplicates(copiesOnly) / (double) copiesOnly.length, within(1e-12))
          .isCloseTo(4.0 / 9, within(1e-12));
      assertThat(days.get(other).byKey().get(MetricKey.dataset(MetricNames.DUPLICATE_ROW_FRACTION)).value())
          .as(key).isCloseTo(duplicates(conflicting) / (double) conflicting.length, within(1e-12))
          .isCloseTo(2.0 / 6, within(1e-12));
    }
  }

  private static long duplicates(String[][] rows) {
    Set<List<String>> seen = new HashSet<>();
    return Arrays.stream(rows).filter(r -> !seen.add(Arrays.asList(r))).count();
  }

  /**
   * Aggregates split over several scans (past 90 per scan) give every value one scan gives, on the fixture
   * with every kind of measure; a column's measures stay in one scan.
   */
  @Test
  void aggregatesSplitOverScansGiveTheValuesOfOneScan() throws IOException {
    DatasetSpec spec = fixture();
    var rows = new PartitionReader(spark).read(spec.source(), DAY).rows()
        .withColumn(Profiler.DAY_COLUMN, org.apache.spark.sql.functions.lit(DAY.toString()));
    ScalarPass pass = new ScalarPass(ColumnResolver.resolve(rows, spec, "fixture"), spec);
    Map<String, Object> wide = pass.run(rows, 10_000).get(DAY.toString());
    Map<String, Object> tall = pass.run(rows, 3).get(DAY.toString());
    assertThat(tall.keySet()).isEqualTo(wide.keySet());
    assertThat(wide).containsKeys("c2_q", "c2_target_8", "c2_pair_4", "c2_oor", "c3_ood", "c5_swapped", "c6_future",
        "c0_distinct");
    for (String k : wide.keySet()) {
      Object w = wide.get(k);
      Object t = tall.get(k);
      if (w instanceof Double d && !d.isNaN()) {
        assertThat((Double) t).as(k).isCloseTo(d, within(1e-9));
      } else {
        assertThat(t).as(k).isEqualTo(w);
      }
    }
  }

  /** The HLL size is the smallest whose standard error 1.04 / sqrt(2^k) is within the configured one. */
  @Test
  void hllSizeFollowsTheConfiguredError() {
    assertThat(ScalarPass.hllLgK(0.02)).isEqualTo(12); // 1.04 / 64 = 1.6 %; k = 11 gives 2.3 %
    assertThat(ScalarPass.hllLgK(0.01)).isEqualTo(14); // 0.81 %; k = 13 gives 1.15 %
    assertThat(ScalarPass.hllLgK(0.39)).isEqualTo(4); // the sketch's smallest
  }

  /** The date-likeness filter in front of the parsers lets every candidate's own output through. */
  @Test
  void everyCandidateFormatIsFoundFromItsOwnValues() {
    java.time.LocalDateTime t = java.time.LocalDateTime.of(2026, 8, 25, 13, 4, 5, 678_000_000);
    for (String pattern : io.dqgate.config.DateFormats.CANDIDATES) {
      String text = ColumnResolver.strict(pattern).format(t);
      assertThat(ColumnResolver.bestDateFormat(List.of(text, text, "free text"), 0.5, null)).as(pattern)
          .contains(pattern);
    }
  }

  @Test
  void kindsAndFormatsAreInferredWithoutConfig() throws IOException {
    writeCsv(HEADER, ROWS, DAY);
    DatasetSpec spec = dataset("primary-key = [id, part]");
    var partition = new PartitionReader(spark).read(spec.source(), DAY);
    Map<String, ResolvedColumn> columns = ColumnResolver.resolve(partition.rows(), spec, "fixture").stream()
        .collect(Collectors.toMap(ResolvedColumn::name, c -> c));
    assertThat(columns.get("id").kind()).isEqualTo(ColumnKind.ID);
    assertThat(columns.get("age").kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(columns.get("label").kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(columns.get("gender").kind()).isEqualTo(ColumnKind.CATEGORICAL);
    // 6 of 8 parse: too few to infer a timestamp from this day alone.
    assertThat(columns.get("seen_at").kind()).isNotEqualTo(ColumnKind.TIMESTAMP);
    // 5 of 7 parse day-first (71 %): below the 95 % needed to call it a date on a first sight.
    assertThat(columns.get("birth").kind()).isNotEqualTo(ColumnKind.DATE);
  }

  @Test
  void aBadDayKeepsTheKindInferredOnEarlierDays() throws IOException {
    String[] header = {"id", "seen"};
    String[][] clean = {{"1", "2026-08-04 10:00:00"}, {"2", "2026-08-04 11:00:00"}, {"3", "2026-08-04 12:00:00"}};
    String[][] bad = {{"4", "2026-08-05 10:00:00"}, {"5", "05/08/2026 11:00"}, {"6", "oops"}, {"7", "x"}};
    writeCsv(header, clean, DAY.minusDays(1));
    writeCsv(header, bad, DAY);
    DatasetSpec spec = dataset("");
    Map<MetricKey, MetricRecord> first = profile(spec, DAY.minusDays(1));
    assertThat(first.get(MetricKey.column("seen", MetricNames.COLUMN_KIND)).detail())
        .isEqualTo("{\"kind\":\"timestamp\",\"source_type\":\"string\",\"format\":\"yyyy-MM-dd HH:mm:ss\"}");
    assertThat(value(first, "seen", MetricNames.FORMAT_MATCH_FRACTION)).isEqualTo(1.0);
    StoredDays.write(repository, "fx", DAY.minusDays(1), List.copyOf(first.values()));
    Map<MetricKey, MetricRecord> second = profile(spec, DAY);
    assertThat(value(second, "seen", MetricNames.FORMAT_MATCH_FRACTION)).isEqualTo(0.25);
  }

  /** A column empty on its first day (a field not yet filled) takes its kind from the first day that fills it. */
  @Test
  void aColumnEmptyOnItsFirstDayIsDecidedByTheFirstDayWithValues() throws IOException {
    String[] header = {"id", "weight"};
    writeCsv(header, new String[][] {{"1", null}, {"2", null}, {"3", ""}}, DAY.minusDays(1));
    writeCsv(header, new String[][] {{"4", "41.5"}, {"5", "12"}, {"6", null}}, DAY);
    DatasetSpec spec = dataset("");
    Map<MetricKey, MetricRecord> first = profile(spec, DAY.minusDays(1));
    assertThat(first.get(MetricKey.column("weight", MetricNames.COLUMN_KIND)).detail())
        .isEqualTo("{\"kind\":\"text\",\"source_type\":\"string\",\"unseen\":true}");
    StoredDays.write(repository, "fx", DAY.minusDays(1), List.copyOf(first.values()));
    Map<MetricKey, MetricRecord> second = profile(spec, DAY);
    assertThat(second.get(MetricKey.column("weight", MetricNames.COLUMN_KIND)).detail()).contains("\"numeric\"");
    assertThat(value(second, "weight", MetricNames.MAX)).isEqualTo(41.5);
    // read together, the days after the first decide for all of them
    var reader = new PartitionReader(spark);
    var both = new Profiler(new ParquetMetricsRepository(dir.resolve("other").toString(),
        spark.sparkContext().hadoopConfiguration())).profileDays(Map.of(DAY.minusDays(1),
            reader.read(spec.source(), DAY.minusDays(1)), DAY, reader.read(spec.source(), DAY)),
        spec, "run-1", Instant.parse("2026-08-07T00:00:00Z"));
    assertThat(both.get(DAY.minusDays(1)).byKey().get(MetricKey.column("weight", MetricNames.NULL_FRACTION)).value())
        .isEqualTo(1.0);
    assertThat(both.get(DAY).byKey().get(MetricKey.column("weight", MetricNames.COLUMN_KIND)).detail())
        .contains("\"numeric\"");
  }

  @Test
  void aPanelsEntityColumnReadWithTheDaysAfterItsFirstIsAVocabulary() throws IOException {
    // one row per city a day: the first day alone shows six values once each, the days together the same six
    String[] header = {"city", "remark", "sales"};
    String[] cities = {"Abilene", "Amarillo", "Bay Area", "Corpus Christi", "El Paso", "Waco"};
    Map<java.time.LocalDate, io.dqgate.source.SourcePartition> days = new java.util.TreeMap<>();
    DatasetSpec spec = dataset("");
    var reader = new PartitionReader(spark);
    for (int d = 0; d < 4; d++) {
      String[][] rows = new String[cities.length][];
      for (int c = 0; c < cities.length; c++) {
        rows[c] = new String[] {cities[c], "note " + d + "-" + c, String.valueOf(10 * c + d)};
      }
      writeCsv(header, rows, DAY.minusDays(3 - d));
    }
    for (int d = 0; d < 4; d++) {
      days.put(DAY.minusDays(3 - d), reader.read(spec.source(), DAY.minusDays(3 - d)));
    }
    var together = new Profiler(new ParquetMetricsRepository(dir.resolve("panel").toString(),
        spark.sparkContext().hadoopConfiguration())).profileDays(days, spec, "run-1",
            Instant.parse("2026-08-07T00:00:00Z"));
    Map<MetricKey, MetricRecord> last = together.get(DAY).byKey();
    assertThat(last.get(MetricKey.column("city", MetricNames.COLUMN_KIND)).detail()).contains("\"categorical\"");
    assertThat(last.get(MetricKey.column("remark", MetricNames.COLUMN_KIND)).detail())
        .as("values that keep turning over").contains("\"text\"");
    assertThat(last.get(MetricKey.column("city", MetricNames.VALUE_PROPORTIONS))).isNotNull();
    Map<MetricKey, MetricRecord> alone = profile(spec, DAY.minusDays(3));
    assertThat(alone.get(MetricKey.column("city", MetricNames.COLUMN_KIND)).detail())
        .as("the first day profiled alone").doesNotContain("\"categorical\"");
  }

  @Test
  void aTimestampCutShortIsCountedAsNotMatchingItsFormat() throws IOException {
    // java.time rejects a seconds field of one digit where Spark's legacy parser would read it: the scan's tasks
    // must parse with the session's settings, not fail on the difference.
    String[] header = {"id", "seen"};
    String[][] clean = {{"1", "2026-08-04 10:00:00"}, {"2", "2026-08-04 11:00:00"}, {"3", "2026-08-04 12:00:00"}};
    String[][] cut = {{"4", "2026-08-05 10:00:00"}, {"5", "2026-08-05 06:00:0"}};
    writeCsv(header, clean, DAY.minusDays(1));
    writeCsv(header, cut, DAY);
    DatasetSpec spec = dataset("columns.seen { kind = timestamp, format = \"yyyy-MM-dd HH:mm:ss\" }");
    StoredDays.write(repository, "fx", DAY.minusDays(1), List.copyOf(profile(spec, DAY.minusDays(1)).values()));
    Map<MetricKey, MetricRecord> second = profile(spec, DAY);
    assertThat(value(second, "seen", MetricNames.FORMAT_MATCH_FRACTION)).isEqualTo(0.5);
  }

  @Test
  void dayFirstFormatIsPreferredWhenBothReadingsFit() {
    List<String> ambiguous = List.of("01-02-2020", "03-04-2021", "25-12-2020");
    assertThat(ColumnResolver.bestDateFormat(ambiguous, 0.95, null)).contains("dd-MM-yyyy");
    List<String> monthFirst = List.of("01-02-2020", "12-25-2020", "11-30-2021");
    assertThat(ColumnResolver.bestDateFormat(monthFirst, 0.95, null)).contains("MM-dd-yyyy");
  }

  @Test
  void newValuesAreCountedAgainstStoredDays() throws IOException {
    String[] header = {"id", "color"};
    String[][] day1 = {{"1", "red"}, {"2", "blue"}, {"3", "red"}};
    String[][] day2 = {{"4", "red"}, {"5", "green"}, {"6", "teal"}, {"7", "blue"}};
    writeCsv(header, day1, DAY.minusDays(1));
    writeCsv(header, day2, DAY);
    DatasetSpec spec = dataset("columns.color.kind = categorical");
    Map<MetricKey, MetricRecord> first = profile(spec, DAY.minusDays(1));
    assertThat(first).doesNotContainKey(MetricKey.column("color", MetricNames.NEW_VALUE_COUNT));
    StoredDays.write(repository, "fx", DAY.minusDays(1), List.copyOf(first.values()));
    Map<MetricKey, MetricRecord> second = profile(spec, DAY);
    assertThat(value(second, "color", MetricNames.NEW_VALUE_COUNT)).isEqualTo(2);
  }

  @Test
  void topValuesAreCappedWithTheRestInOneBucket() throws IOException {
    String[] header = {"id", "letter"};
    List<String[]> rows = new ArrayList<>();
    String letters = "aaaaabbbbcccdde";
    for (int i = 0; i < letters.length(); i++) {
      rows.add(new String[] {String.valueOf(i), String.valueOf(letters.charAt(i))});
    }
    writeCsv(header, rows.toArray(String[][]::new), DAY);
    DatasetSpec spec = dataset("columns.letter.kind = categorical\nprofile.top-values = 2");
    JsonNode detail = new ObjectMapper().readTree(
        profile(spec, DAY).get(MetricKey.column("letter", MetricNames.VALUE_PROPORTIONS)).detail());
    assertThat(detail.get("values")).hasSize(2);
    assertThat(detail.get("distinct").asLong()).isEqualTo(5);
    assertThat(detail.get("other").get("count").asLong()).isEqualTo(6);
    assertThat(detail.get("other").get("proportion").asDouble()).isCloseTo(6.0 / 15, within(1e-12));
  }

  static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(d -> d).average().orElseThrow();
  }

  static double sampleStddev(List<Double> xs) {
    double mu = mean(xs);
    double ss = xs.stream().mapToDouble(x -> (x - mu) * (x - mu)).sum();
    return Math.sqrt(ss / (xs.size() - 1));
  }

  /** percentile_approx returns an element of the data: the smallest x with rank >= p * n. */
  static double lowerMedian(List<Double> xs) {
    List<Double> sorted = xs.stream().sorted().toList();
    return sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1);
  }

  static double pearson(List<double[]> pairs) {
    double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
