package io.dqgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricNames;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.profile.ColumnResolver;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Audit samples of real days: what is drawn and why, reproducibly, written whole. */
@ExtendWith(SparkExtension.class)
class AuditSamplingTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  /** The tenth day: nine days of history before it. */
  private static final LocalDate BAD = START.plusDays(9);
  private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd-MM-uuuu")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);

  @TempDir
  Path dir;

  @Test
  void aSingleNullSpikeFillsThreeQuartersOfTheSampleEachRowSayingWhy(SparkSession spark) {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("income", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(RowFactory.create(String.format("id%04d", i), i % 50 == 7 ? null : String.valueOf(1000 + i)));
    }
    Dataset<Row> day = spark.createDataFrame(rows, schema);
    DatasetSpec dataset = DqgateConfig.load(null, Map.of("datasets.t.source.path", dir.resolve("t").toString(),
        "datasets.t.columns.income.kind", "numeric", "repository.path", dir.resolve("m").toString())).dataset("t");
    Verdict verdict = Verdict.of("t", BAD, List.of(new Finding("series", MetricNames.NULL_FRACTION, "income", null,
        0.02, 0, 0.005, 12, Severity.BLOCK, "income.null_fraction = 0.02")));
    Path out = dir.resolve("sample");
    AuditSummary summary = AuditSampling.draw(day, ColumnResolver.resolve(day, dataset, "test"), verdict, dataset,
        BAD, List.of(), new AuditRequest(out.toString(), 0.02, 7, AuditRequest.Format.CSV), hadoop(spark));

    // 2% of 1000 rows: 18 of the 20 null rows, 2 of the 980 ordinary ones
    assertThat(summary.rows()).isEqualTo(1000);
    assertThat(summary.sampleRows()).isEqualTo(20);
    assertThat(summary.strata()).containsExactly(new AuditSummary.StratumCount("income is null or blank",
        "null-spike", "income", "series null_fraction on income", 20, 18));
    assertThat(summary.ordinaryRows()).isEqualTo(980);
    assertThat(summary.ordinaryDrawn()).isEqualTo(2);
    assertThat(summary.strata().get(0).overRepresentation(summary.rows(), summary.sampleRows())).isEqualTo(45.0);

    List<Row> written = spark.read().option("header", "true").csv(out.toString()).collectAsList();
    assertThat(written).hasSize(20);
    assertThat(written.stream().filter(r -> r.isNullAt(1)).map(r -> r.getString(2)).distinct().toList())
        .containsExactly("income is null or blank");
    assertThat(written.stream().filter(r -> !r.isNullAt(1)).map(r -> r.getString(2)).distinct().toList())
        .containsExactly(AuditSampler.ORDINARY);
    assertThat(summary.firstRows()).hasSize(20);
    assertThat(summary.firstRows().get(0).get(2)).isEqualTo("income is null or blank");
    assertThat(AuditSummary.parse(read(out.resolve(AuditSummary.FILE)), "test")).isEqualTo(summary);
  }

  @Test
  void theContaminatedDaysSampleOverRepresentsEveryFindingsRowsReproduciblyAndRunDrawsTheSame(SparkSession spark)
      throws Exception {
    Path feed = dir.resolve("landing").resolve("applications");
    SampleFeedGenerator.builder().days(10).contaminatedDay(BAD).rowsPerWeekday(400).build().write(feed);
    DatasetSpec dataset = DqgateConfig.load(Path.of("../conf/application.conf").toFile(), Map.of(
        "datasets.applications.source.path", feed.toString(),
        "datasets.applications.gate.publish-to", dir.resolve("store").toString(),
        "datasets.applications.gate.quarantine-to", dir.resolve("quarantine").toString(),
        "repository.path", dir.resolve("metrics").toString())).dataset("applications");
    Provenance provenance = new Provenance("audit-test", "0.1.0", "c0ffee", dataset.configSha256());
    Configuration hadoop = hadoop(spark);
    ParquetMetricsRepository repository = new ParquetMetricsRepository(dir.resolve("metrics").toString(), hadoop,
        provenance);
    DayPipeline pipeline = new DayPipeline(dataset, repository, () -> spark, hadoop, provenance);
    pipeline.backfill(START, BAD);
    assertThatThrownBy(() -> pipeline.sample(BAD, request("first", 0)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("no verdict of applications on " + BAD + " in " + repository.location()
            + ": run detect or run for the day first");
    for (LocalDate d = START; !d.isAfter(BAD); d = d.plusDays(1)) {
      pipeline.replay(d);
    }

    AuditSummary summary = pipeline.sample(BAD, request("first", 0));
    Dataset<Row> day = spark.read().option("header", "true").option("escape", "\"")
        .csv(feed.resolve(SampleFeedGenerator.partitionFolder(BAD)).toString());
    day.createOrReplaceTempView("day");
    Map<String, String> carrying = new LinkedHashMap<>();
    carrying.put("age outside [18, 120]", "try_cast(age as double) > 120 or try_cast(age as double) < 18");
    carrying.put("gender not in [Male, Female, Undeclared]",
        "gender is not null and gender not in ('Male', 'Female', 'Undeclared')");
    carrying.put("birth_date does not parse as dd-MM-yyyy",
        "trim(birth_date) != '' and try_to_timestamp(birth_date, 'dd-MM-yyyy') is null");
    carrying.put("income is null or blank", "income is null or trim(income) = ''");
    carrying.put("key (application_id) occurs more than once",
        "application_id in (select application_id from day group by application_id having count(*) > 1)");
    carrying.put("applied_at after " + BAD + " or before 1900-01-01",
        "to_date(try_to_timestamp(applied_at, 'yyyy-MM-dd HH:mm:ss')) > date'" + BAD + "'"
            + " or to_date(try_to_timestamp(applied_at, 'yyyy-MM-dd HH:mm:ss')) < date'1900-01-01'");
    List<String> reasons = summary.strata().stream().map(AuditSummary.StratumCount::reason).toList();
    assertThat(carrying.keySet()).containsAll(reasons);
    List<String> flags = reasons.stream().map(r -> "coalesce(" + carrying.get(r) + ", false)").toList();
    for (int i = 0; i < reasons.size(); i++) {
      assertThat(summary.strata().get(i).dayRows()).as(reasons.get(i)).isEqualTo(count(spark, flags.get(i)));
    }
    assertThat(summary.rows()).isEqualTo(day.count());

    // the same allocation from the day's profiles counted here: every stratum's rows in the sample as planned
    String profile = flags.stream().map(f -> "if(" + f + ", '1', '0')").collect(Collectors.joining(", ", "concat(",
        ")"));
    List<Allocation.Profile> profiles = new ArrayList<>();
    long ordinaryRows = 0;
    for (Row r : spark.sql("select " + profile + " as p, count(*) from day group by 1 order by p desc")
        .collectAsList()) {
      BitSet carries = new BitSet();
      for (int i = 0; i < reasons.size(); i++) {
        if (r.getString(0).charAt(i) == '1') {
          carries.set(i);
        }
      }
      if (carries.isEmpty()) {
        ordinaryRows = r.getLong(1);
      } else {
        profiles.add(new Allocation.Profile(carries, r.getLong(1)));
      }
    }
    assertThat(summary.ordinaryRows()).isEqualTo(ordinaryRows);
    Allocation allocation = Allocation.of(summary.rows(), reasons.size(), profiles, ordinaryRows, 0.02);
    assertThat(summary.sampleRows()).isEqualTo(allocation.total());
    assertThat(summary.ordinaryDrawn()).isEqualTo(allocation.ordinary());
    assertThat(summary.strata().stream().mapToLong(AuditSummary.StratumCount::inSample).toArray())
        .containsExactly(allocation.strataRows(reasons.size(), profiles));
    for (AuditSummary.StratumCount s : summary.strata()) {
      assertThat(s.inSample()).as(s.reason()).isGreaterThanOrEqualTo(Allocation.MIN_PER_STRATUM);
      assertThat(s.overRepresentation(summary.rows(), summary.sampleRows())).as(s.reason()).isGreaterThan(1);
    }

    // each row says every finding it carries, and only those; rows with the most findings come first
    List<Row> sample = spark.read().parquet(dir.resolve("first").toString()).collectAsList();
    assertThat(sample).hasSize((int) summary.sampleRows());
    Map<String, Long> duplicated = spark.sql("select application_id, count(*) from day group by application_id")
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    for (Row r : sample) {
      List<String> why = List.of(((String) r.getAs(AuditSampler.REASON)).split("; "));
      List<String> carried = reasons.stream().filter(reason -> carries(r, reason, duplicated)).toList();
      assertThat(why).as(r.toString()).isEqualTo(carried.isEmpty() ? List.of(AuditSampler.ORDINARY) : carried);
    }
    int reasonColumn = summary.columns().indexOf(AuditSampler.REASON);
    List<Integer> findingsPerRow = summary.firstRows().stream().map(r -> r.get(reasonColumn))
        .map(w -> w.equals(AuditSampler.ORDINARY) ? 0 : w.split("; ").length).toList();
    assertThat(findingsPerRow).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    assertThat(pipeline.sample(BAD, request("again", 0)).strata()).isEqualTo(summary.strata());
    assertThat(rowsOf(spark, "again")).isEqualTo(rowsOf(spark, "first"));
    assertThat(rowsOf(spark, "first")).isNotEqualTo(pipeline.sample(BAD, request("other-seed", 1)).sampleRows() >= 0
        ? rowsOf(spark, "other-seed") : Set.of());

    // run draws its sample from the rows profiling read: no query of the run scans the day's files more
    // often than a run without a sample does, and nothing stays cached
    String partition = feed.resolve(SampleFeedGenerator.partitionFolder(BAD)).toString();
    int plainScans = fileScansDuring(spark, partition, () -> pipeline.run(BAD, v -> { }, Optional.empty()));
    int sampledScans = fileScansDuring(spark, partition,
        () -> pipeline.run(BAD, v -> { }, Optional.of(request("from-run", 0))));
    assertThat(sampledScans).isEqualTo(plainScans);
    assertThat(spark.sharedState().cacheManager().isEmpty()).isTrue();
    assertThat(rowsOf(spark, "from-run")).isEqualTo(rowsOf(spark, "first"));
    assertThat(AuditSampling.stored(repository.loadDay("applications", BAD), "test").orElseThrow().path())
        .isEqualTo("file:" + dir.resolve("from-run"));
    // replaced whole: nothing staged or set aside is left beside it
    pipeline.sample(BAD, request("first", 0));
    try (Stream<Path> beside = Files.list(dir)) {
      assertThat(beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList()).isEmpty();
    }
  }

  /** Spark SQL queries' scans of files under {@code folder} while {@code work} runs (cached scans not counted). */
  private static int fileScansDuring(SparkSession spark, String folder, Runnable work) throws Exception {
    List<FileSourceScanExec> scans = new java.util.concurrent.CopyOnWriteArrayList<>();
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        collectScans(qe.executedPlan(), scans);
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        collectScans(qe.executedPlan(), scans);
      }
    };
    spark.listenerManager().register(listener);
    try {
      work.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.listenerManager().unregister(listener);
    }
    return (int) scans.stream().filter(f -> f.relation().location().rootPaths().toString().contains(folder)).count();
  }

  private static void collectScans(SparkPlan plan, List<FileSourceScanExec> out) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      collectScans(adaptive.executedPlan(), out);
    } else if (plan instanceof QueryStageExec stage) {
      collectScans(stage.plan(), out);
    } else if (plan instanceof FileSourceScanExec scan) {
      out.add(scan);
    } else {
      scala.collection.Iterator<SparkPlan> children = plan.children().iterator();
      while (children.hasNext()) {
        collectScans(children.next(), out);
      }
    }
  }

  private AuditRequest request(String folder, long seed) {
    return new AuditRequest(dir.resolve(folder).toString(), 0.02, seed, AuditRequest.Format.PARQUET);
  }

  private Set<String> rowsOf(SparkSession spark, String folder) {
    return spark.read().parquet(dir.resolve(folder).toString()).collectAsList().stream().map(Row::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean carries(Row r, String why, Map<String, Long> copies) {
    String income = r.getAs("income");
    String age = r.getAs("age");
    String gender = r.getAs("gender");
    String birth = r.getAs("birth_date");
    String applied = r.getAs("applied_at");
    return switch (why) {
      case "income is null or blank" -> income == null || income.isBlank();
      case "age outside [18, 120]" -> age != null && (Double.parseDouble(age) > 120 || Double.parseDouble(age) < 18);
      case "gender not in [Male, Female, Undeclared]" -> gender != null
          && !List.of("Male", "Female", "Undeclared").contains(gender);
      case "birth_date does not parse as dd-MM-yyyy" -> birth != null && !birth.isBlank() && !parses(birth);
      case "key (application_id) occurs more than once" -> copies.get((String) r.getAs("application_id")) > 1;
      default -> {
        assertThat(why).isEqualTo("applied_at after " + BAD + " or before 1900-01-01");
        LocalDate d = appliedOn(applied);
        yield d != null && (d.isAfter(BAD) || d.isBefore(LocalDate.of(1900, 1, 1)));
      }
    };
  }

  private static LocalDate appliedOn(String applied) {
    try {
      return applied == null ? null : java.time.LocalDateTime.parse(applied, APPLIED_AT).toLocalDate();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static boolean parses(String date) {
    try {
      DAY_FIRST.parse(date);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static long count(SparkSession spark, String where) {
    return spark.sql("select count(*) from day where " + where).first().getLong(0);
  }

  private static Configuration hadoop(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
