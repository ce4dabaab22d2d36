package io.dqgate.deequ;

import io.dqgate.testing.StoredDays;
import static io.dqgate.deequ.ScalaInterop.anyAnalyzer;
import static io.dqgate.deequ.ScalaInterop.javaList;
import static io.dqgate.deequ.ScalaInterop.javaMap;
import static io.dqgate.deequ.ScalaInterop.none;
import static io.dqgate.deequ.ScalaInterop.scalaMap;
import static io.dqgate.deequ.ScalaInterop.scalaSeq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxQuantile;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Correlation;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.anomalydetection.AnomalyDetector;
import com.amazon.deequ.anomalydetection.DataPoint;
import com.amazon.deequ.anomalydetection.DetectionResult;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.testing.SparkExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

@ExtendWith(SparkExtension.class)
class DeequMetricsRepositoryTest {
  private static final String DATASET = "applications";
  private static final Instant PROFILED_AT = Instant.parse("2024-03-10T06:00:00Z");
  private static final Instant SAVED_AT = Instant.parse("2024-03-11T07:30:00Z");

  @TempDir
  Path dir;

  private ParquetMetricsRepository dqgate;
  private DeequMetricsRepository adapter;

  @BeforeEach
  void openRepository() {
    dqgate = new ParquetMetricsRepository(dir.resolve("metrics").toString(), new Configuration());
    adapter = new DeequMetricsRepository(dqgate, DATASET, List.of("application_id"), "defaulted",
        Clock.fixed(SAVED_AT, ZoneOffset.UTC));
  }

  @Test
  void loadByKeyReadsDqgateDaysInDeequUnits() {
    LocalDate first = LocalDate.parse("2024-03-01");
    for (int i = 0; i < 10; i++) {
      LocalDate day = first.plusDays(i);
      StoredDays.write(dqgate, DATASET, day, List.of(
          dataset(day, MetricNames.ROW_COUNT, 1000 + 100 * i),
          column(day, "age", MetricNames.NULL_FRACTION, i / 100.0),
          column(day, "age", MetricNames.MEAN, 40.0 + i),
          column(day, "age", MetricNames.STDDEV, 10.0),
          column(day, "age", MetricNames.EMPTY_STRING_FRACTION, 0.0),
          column(day, "income", MetricNames.MEAN, Double.NaN),
          column(day, "income", MetricNames.STDDEV, 7.0)));
    }

    LocalDate day = LocalDate.parse("2024-03-05");
    AnalyzerContext context = adapter.loadByKey(DeequMetricsRepository.resultKey(DATASET, day)).get();

    assertThat(value(context, new Size(none()))).isEqualTo(1400.0);
    assertThat(value(context, new Completeness("age", none(), none()))).isEqualTo(1 - 0.04);
    assertThat(value(context, new Mean("age", none()))).isEqualTo(44.0);
    // Sample (dqgate) to population (Deequ) standard deviation with n = 1400 * 0.96 = 1344 non-null ages.
    assertThat(value(context, new StandardDeviation("age", none()))).isEqualTo(10.0 * Math.sqrt(1343.0 / 1344.0));
    // No null fraction stored for income, so its n is unknown and the value passes as stored.
    assertThat(value(context, new StandardDeviation("income", none()))).isEqualTo(7.0);
    // empty_string_fraction has no analyzer, the NaN mean is no successful metric.
    assertThat(javaMap(context.metricMap())).hasSize(5);
    assertThat(context.metric(anyAnalyzer(new Mean("income", none()))).isEmpty()).isTrue();

    ResultKey noonWithoutTag = new ResultKey(
        Instant.parse("2024-03-05T12:34:56Z").toEpochMilli(), scalaMap(Map.of()));
    assertThat(adapter.loadByKey(noonWithoutTag)).isEqualTo(Option.apply(context));
    assertThat(adapter.loadByKey(DeequMetricsRepository.resultKey(DATASET, LocalDate.parse("2024-03-11"))))
        .isEqualTo(Option.empty());
    assertThat(adapter.loadByKey(DeequMetricsRepository.resultKey("other", day))).isEqualTo(Option.empty());
  }

  @Test
  void loaderFiltersLikeDeequsInMemoryRepository() {
    LocalDate first = LocalDate.parse("2024-03-01");
    for (int i = 0; i < 10; i++) {
      LocalDate day = first.plusDays(i);
      StoredDays.write(dqgate, DATASET, day, List.of(
          dataset(day, MetricNames.ROW_COUNT, 1000 + i),
          column(day, "age", MetricNames.MEAN, 40.0 + i)));
    }
    long march3 = DeequMetricsRepository.startOfDay(LocalDate.parse("2024-03-03"));
    long march6 = DeequMetricsRepository.startOfDay(LocalDate.parse("2024-03-06"));

    List<AnalysisResult> bounded = results(adapter.load().after(march3).before(march6));
    assertThat(bounded).extracting(r -> r.resultKey().dataSetDate())
        .containsExactly(march3, march3 + 86_400_000L, march3 + 2 * 86_400_000L, march6);
    assertThat(bounded).extracting(r -> javaMap(r.resultKey().tags()))
        .containsOnly(Map.of(DeequMetricsRepository.DATASET_TAG, DATASET));
    assertThat(bounded.get(0).analyzerContext().metricMap().size()).isEqualTo(2);

    Analyzer<?, Metric<?>> size = anyAnalyzer(new Size(none()));
    List<AnalysisResult> sizes = results(adapter.load().forAnalyzers(scalaSeq(List.of(size))).after(march6 + 1));
    assertThat(sizes).extracting(r -> value(r.analyzerContext(), new Size(none())))
        .containsExactly(1006.0, 1007.0, 1008.0, 1009.0);
    assertThat(sizes).allSatisfy(r -> assertThat(r.analyzerContext().metricMap().size()).isEqualTo(1));

    assertThat(results(adapter.load().withTagValues(scalaMap(Map.of(DeequMetricsRepository.DATASET_TAG, DATASET)))))
        .hasSize(10);
    assertThat(results(adapter.load().withTagValues(scalaMap(Map.of(DeequMetricsRepository.DATASET_TAG, "other")))))
        .isEmpty();
    assertThat(results(adapter.load().withTagValues(scalaMap(Map.of("region", "eu"))))).isEmpty();
  }

  @Test
  void deequRunMergesIntoADayWithoutLosingDqgateMetrics(SparkSession spark) {
    LocalDate day = LocalDate.parse("2024-03-10");
    MetricRecord staleRows = dataset(day, MetricNames.ROW_COUNT, 3);
    MetricRecord emptyNames = column(day, "name", MetricNames.EMPTY_STRING_FRACTION, 0.25);
    MetricRecord incomeNulls = column(day, "income", MetricNames.NULL_FRACTION, 0.1);
    MetricRecord staleMean = column(day, "age", MetricNames.MEAN, 99.0);
    StoredDays.write(dqgate, DATASET, day, List.of(staleRows, emptyNames, incomeNulls, staleMean));

    StructType schema = new StructType()
        .add("age", DataTypes.IntegerType, true)
        .add("name", DataTypes.StringType, true);
    Dataset<Row> df = spark.createDataFrame(List.of(
        RowFactory.create(20, "a"), RowFactory.create(30, "b"),
        RowFactory.create(null, ""), RowFactory.create(50, "d")), schema);

    // saveOrAppendResult loads the day through loadByKey, adds the run's metrics and saves it all back.
    AnalysisRunner.onData(df)
        .addAnalyzer(anyAnalyzer(new Size(none())))
        .addAnalyzer(anyAnalyzer(new Completeness("age", none(), none())))
        .addAnalyzer(anyAnalyzer(new Mean("age", none())))
        .addAnalyzer(anyAnalyzer(new StandardDeviation("age", none())))
        .addAnalyzer(anyAnalyzer(new Maximum("name", none(), none())))
        .addAnalyzer(anyAnalyzer(new Mean("age", Option.apply("age > 25"))))
        .useRepository(adapter)
        .saveOrAppendResult(DeequMetricsRepository.resultKey(DATASET, day))
        .run();

    List<MetricRecord> stored = dqgate.loadDay(DATASET, day);
    Map<MetricKey, MetricRecord> byKey = stored.stream().collect(Collectors.toMap(MetricRecord::key, r -> r));
    assertThat(byKey.keySet()).containsExactlyInAnyOrder(
        MetricKey.dataset(MetricNames.ROW_COUNT),
        MetricKey.column("name", MetricNames.EMPTY_STRING_FRACTION),
        MetricKey.column("income", MetricNames.NULL_FRACTION),
        MetricKey.column("age", MetricNames.NULL_FRACTION),
        MetricKey.column("age", MetricNames.MEAN),
        MetricKey.column("age", MetricNames.STDDEV));
    // Untouched by Deequ, or saved back unchanged by saveOrAppendResult: the very same records.
    assertThat(byKey.get(emptyNames.key())).isEqualTo(emptyNames);
    assertThat(byKey.get(incomeNulls.key())).isEqualTo(incomeNulls);

    MetricRecord rows = byKey.get(staleRows.key());
    assertThat(rows.value()).isEqualTo(4.0);
    assertThat(rows.runId()).startsWith(DeequMetricsRepository.RUN_ID_PREFIX);
    assertThat(rows.computedAt()).isEqualTo(SAVED_AT);
    assertThat(rows.entity()).isEqualTo(Entity.DATASET);
    assertThat(rows.instance()).isEqualTo(MetricKey.WHOLE_DATASET);
    assertThat(byKey.get(MetricKey.column("age", MetricNames.NULL_FRACTION)).value()).isEqualTo(0.25);
    // The filtered Mean(age > 25) = 40 must not replace the whole-partition mean.
    assertThat(byKey.get(staleMean.key()).value()).isEqualTo(100.0 / 3);
    // Deequ's population deviation of 20, 30, 50 stored as dqgate's sample deviation: n = 4 * 0.75 = 3.
    assertThat(byKey.get(MetricKey.column("age", MetricNames.STDDEV)).value())
        .isCloseTo(Math.sqrt(1400.0 / 3 / 2), within(1e-12));

    AnalyzerContext reloaded = adapter.loadByKey(DeequMetricsRepository.resultKey(DATASET, day)).get();
    assertThat(value(reloaded, new StandardDeviation("age", none())))
        .isCloseTo(Math.sqrt(1400.0 / 3 / 3), within(1e-12));
    assertThat(value(reloaded, new Completeness("income", none(), none()))).isEqualTo(0.9);

    // A second identical save changes nothing, not even run ids.
    AnalysisRunner.onData(df)
        .addAnalyzer(anyAnalyzer(new Size(none())))
        .useRepository(adapter)
        .saveOrAppendResult(DeequMetricsRepository.resultKey(DATASET, day))
        .run();
    assertThat(dqgate.loadDay(DATASET, day)).containsExactlyInAnyOrderElementsOf(stored);
  }

  @Test
  void saveSkipsFailedMetricsAndNeedsADataset() {
    LocalDate day = LocalDate.parse("2024-03-10");
    MetricRecord rows = dataset(day, MetricNames.ROW_COUNT, 1000);
    StoredDays.write(dqgate, DATASET, day, List.of(rows));
    Maximum max = new Maximum("name", none(), none());
    AnalyzerContext failed = ScalaInterop.context(Map.of(anyAnalyzer(max),
        max.toFailureMetric(new IllegalStateException("not numeric"))));

    adapter.save(DeequMetricsRepository.resultKey(DATASET, day), failed);

    assertThat(dqgate.loadDay(DATASET, day)).containsExactly(rows);
    DeequMetricsRepository withoutDefault = new DeequMetricsRepository(dqgate, null);
    assertThatThrownBy(() -> withoutDefault.loadByKey(new ResultKey(0L, scalaMap(Map.of("region", "eu")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Deequ result key has no 'dataset' tag and the adapter on " + dqgate.location()
            + " has no default dataset, tags were: {region=eu}");
  }

  @Test
  void analyzersAndDqgateMetricsMapBothWays() {
    AnalyzerMapping mapping = new AnalyzerMapping(List.of("id", "version"), "defaulted");
    Map<MetricKey, Object> expected = Map.of(
        MetricKey.dataset(MetricNames.ROW_COUNT), new Size(none()),
        MetricKey.dataset(MetricNames.KEY_UNIQUENESS),
        new Uniqueness(scalaSeq(List.of("id", "version")), none(), none()),
        MetricKey.column("age", MetricNames.NULL_FRACTION), new Completeness("age", none(), none()),
        MetricKey.column("age", MetricNames.MEDIAN), new ApproxQuantile("age", 0.5, 0.01, none()),
        MetricKey.column("age", MetricNames.TARGET_CORRELATION), new Correlation("age", "defaulted", none()));
    expected.forEach((key, analyzer) -> {
      assertThat(mapping.analyzerOf(key)).contains(anyAnalyzer((Analyzer<?, ?>) analyzer));
      assertThat(mapping.keyOf(analyzer)).contains(key);
    });
    assertThat(mapping.keyOf(new Uniqueness(scalaSeq(List.of("version", "id")), none(), none())))
        .contains(MetricKey.dataset(MetricNames.KEY_UNIQUENESS));
    assertThat(mapping.keyOf(new Correlation("defaulted", "age", none())))
        .contains(MetricKey.column("age", MetricNames.TARGET_CORRELATION));
    assertThat(mapping.keyOf(new Uniqueness(scalaSeq(List.of("id")), none(), none()))).isEmpty();
    assertThat(mapping.keyOf(new Size(Option.apply("age > 1")))).isEmpty();
    assertThat(mapping.keyOf(new ApproxQuantile("age", 0.9, 0.01, none()))).isEmpty();
    assertThat(mapping.analyzerOf(MetricKey.column("age", MetricNames.EMPTY_STRING_FRACTION))).isEmpty();
    assertThat(new AnalyzerMapping(List.of(), null).analyzerOf(MetricKey.dataset(MetricNames.KEY_UNIQUENESS)))
        .isEmpty();
    assertThat(AnalyzerMapping.successMetric(new ApproxQuantile("age", 0.5, 0.01, none()), 41.0).name())
        .isEqualTo("ApproxQuantile-0.5");
  }

  @Test
  void deequAnomalyCheckReadsDqgateHistory(SparkSession spark) {
    LocalDate first = LocalDate.parse("2024-04-01");
    for (int i = 0; i < 14; i++) {
      LocalDate day = first.plusDays(i);
      // 990, 1000, 1010, 990, …; the last day (i = 13) has 1000 rows.
      StoredDays.write(dqgate, DATASET, day, List.of(
          dataset(day, MetricNames.ROW_COUNT, 1000 + 10 * (i % 3 - 1)),
          column(day, "age", MetricNames.MEAN, 40.0)));
    }
    RelativeRateOfChangeStrategy strategy =
        new RelativeRateOfChangeStrategy(Option.apply(0.9), Option.apply(1.1), 1);

    VerificationResult tooMany = anomalyCheck(spark.range(5000).toDF(), strategy);
    assertThat(tooMany.status()).isEqualTo(CheckStatus.Warning());
    ConstraintResult failed = onlyConstraintResult(tooMany);
    assertThat(failed.message()).isEqualTo(Option.apply("Value: 5000.0 does not meet the constraint requirement!"));

    VerificationResult usual = anomalyCheck(spark.range(1050).toDF(), strategy);
    assertThat(usual.status()).isEqualTo(CheckStatus.Success());
    assertThat(onlyConstraintResult(usual).message()).isEqualTo(Option.empty());

    // The same history handed to AnomalyDetector directly.
    List<DataPoint<Object>> series = new ArrayList<>();
    for (AnalysisResult r : results(adapter.load().forAnalyzers(scalaSeq(List.of(anyAnalyzer(new Size(none()))))))) {
      series.add(new DataPoint<>(r.resultKey().dataSetDate(),
          Option.apply(value(r.analyzerContext(), new Size(none())))));
    }
    series.sort(Comparator.comparingLong(DataPoint::time));
    assertThat(series).extracting(p -> p.metricValue().get())
        .containsExactly(990.0, 1000.0, 1010.0, 990.0, 1000.0, 1010.0, 990.0, 1000.0, 1010.0, 990.0, 1000.0,
            1010.0, 990.0, 1000.0);
    long nextDay = DeequMetricsRepository.startOfDay(first.plusDays(14));
    DetectionResult detection = new AnomalyDetector(strategy)
        .isNewPointAnomalous(scalaSeq(series), new DataPoint<>(nextDay, Option.apply(5000.0)));
    assertThat(javaList(detection.anomalies())).hasSize(1);
    assertThat(javaList(detection.anomalies()).get(0)._1()).isEqualTo(nextDay);
    assertThat(javaList(detection.anomalies()).get(0)._2().value()).isEqualTo(Option.apply(5000.0));
  }

  @Test
  void anomalyCheckWithoutHistoryFailsLikeDeequ(SparkSession spark) {
    DeequMetricsRepository empty = new DeequMetricsRepository(dqgate, "never-profiled");
    VerificationResult result = new VerificationSuite().onData(spark.range(10).toDF())
        .useRepository(empty)
        .addAnomalyCheck(new RelativeRateOfChangeStrategy(Option.apply(0.9), Option.apply(1.1), 1), sizeForChecks(),
            Option.empty())
        .run();
    assertThat(result.status()).isEqualTo(CheckStatus.Warning());
    assertThat(onlyConstraintResult(result).message()).isEqualTo(Option.apply(
        "Can't execute the assertion: requirement failed: There have to be previous results in the "
            + "MetricsRepository!!"));
  }

  private VerificationResult anomalyCheck(Dataset<Row> data, RelativeRateOfChangeStrategy strategy) {
    return new VerificationSuite().onData(data)
        .useRepository(adapter)
        .addAnomalyCheck(strategy, sizeForChecks(), Option.empty())
        .run();
  }

  /** addAnomalyCheck wants {@code Analyzer[S, Metric[Double]]}, which Java sees as Metric<Object>. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<NumMatches, Metric<Object>> sizeForChecks() {
    return (Analyzer) new Size(none());
  }

  private static ConstraintResult onlyConstraintResult(VerificationResult result) {
    List<CheckResult> checks = new ArrayList<>(javaMap(result.checkResults()).values());
    assertThat(checks).hasSize(1);
    List<ConstraintResult> constraints = javaList(checks.get(0).constraintResults());
    assertThat(constraints).hasSize(1);
    return constraints.get(0);
  }

  private static List<AnalysisResult> results(com.amazon.deequ.repository.MetricsRepositoryMultipleResultsLoader q) {
    List<AnalysisResult> results = new ArrayList<>(javaList(q.get()));
    results.sort(Comparator.comparingLong(r -> r.resultKey().dataSetDate()));
    return results;
  }

  private static double value(AnalyzerContext context, Analyzer<?, ?> analyzer) {
    Option<Metric<?>> metric = context.metric(anyAnalyzer(analyzer));
    assertThat(metric.isDefined()).as("metric for %s", analyzer).isTrue();
    return ((Number) metric.get().value().get()).doubleValue();
  }

  private static MetricRecord dataset(LocalDate day, String metric, double value) {
    return new MetricRecord(DATASET, day, "profile-1", PROFILED_AT, Entity.DATASET, MetricKey.WHOLE_DATASET, metric,
        value, null);
  }

  private static MetricRecord column(LocalDate day, String column, String metric, double value) {
    return new MetricRecord(DATASET, day, "profile-1", PROFILED_AT, Entity.COLUMN, column, metric, value, null);
  }
}
