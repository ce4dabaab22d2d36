package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.javaMap;
import static io.dqgate.deequ.ScalaInterop.scalaMap;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.MetricsRepositoryMultipleResultsLoader;
import com.amazon.deequ.repository.ResultKey;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import scala.Option;

/**
 * dqgate's metrics repository seen through Deequ's {@code MetricsRepository} trait, so that Deequ's own
 * anomaly checks ({@code VerificationSuite ... useRepository(repo).addAnomalyCheck(strategy, Size())}) and
 * {@code AnomalyDetector} run on the history dqgate profiled.
 *
 * <p>A Deequ {@link ResultKey} names one dqgate partition: the dataset is the {@value #DATASET_TAG} tag (or
 * the default dataset given here), the partition date is the UTC day of {@code dataSetDate}. Loaded keys carry
 * the start of that day in epoch millis and the dataset tag only: dqgate keeps one result per dataset and day,
 * so any other tag is not stored, and every key within a day reads and writes the same partition.
 *
 * <p>Only metrics with a Deequ analyzer cross over (see {@link AnalyzerMapping}); the others stay untouched in
 * the repository and are invisible to Deequ. Deequ's convention that a stored metric is a successful one is
 * kept both ways: failed Deequ metrics are not saved, undefined (NaN) dqgate metrics are not loaded.
 */
public final class DeequMetricsRepository implements com.amazon.deequ.repository.MetricsRepository {
  /** The ResultKey tag that names the dataset. */
  public static final String DATASET_TAG = "dataset";
  static final String RUN_ID_PREFIX = "deequ-";

  private final MetricsRepository repository;
  private final String defaultDataset;
  private final AnalyzerMapping mapping;
  private final Clock clock;

  /**
   * @param defaultDataset used when a key has no {@value #DATASET_TAG} tag; null to require the tag
   * @param primaryKey the dataset's key columns, which {@code key_uniqueness} is about; may be empty
   * @param target the target column {@code target_correlation} correlates with; null when there is none
   */
  public DeequMetricsRepository(MetricsRepository repository, String defaultDataset, List<String> primaryKey,
      String target) {
    this(repository, defaultDataset, primaryKey, target, Clock.systemUTC());
  }

  /** An adapter for a dataset without primary key or target. */
  public DeequMetricsRepository(MetricsRepository repository, String defaultDataset) {
    this(repository, defaultDataset, List.of(), null);
  }

  DeequMetricsRepository(MetricsRepository repository, String defaultDataset, List<String> primaryKey,
      String target, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.defaultDataset = defaultDataset;
    this.mapping = new AnalyzerMapping(Objects.requireNonNull(primaryKey, "primaryKey"), target);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The key under which Deequ sees {@code dataset}'s partition of {@code date}. */
  public static ResultKey resultKey(String dataset, LocalDate date) {
    return new ResultKey(startOfDay(date), scalaMap(Map.of(DATASET_TAG, dataset)));
  }

  static long startOfDay(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  static LocalDate dayOf(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Where the metrics live, for messages. */
  public String location() {
    return repository.location();
  }

  /**
   * Merges the successful metrics of {@code analyzerContext} into the key's partition: a metric replaces the
   * stored one with the same dqgate key, every other metric of the day stays. A value equal to what
   * {@link #loadByKey} reports for the stored metric keeps the stored record, because Deequ's
   * {@code saveOrAppendResult} saves back everything it loaded and the round trip through Deequ's units
   * (1 − null fraction, population standard deviation) is not exact in floating point.
   *
   * <p>Read-modify-write of the day's profile records only: file checks, verdict, label and calibration
   * are never read or written here. Two Deequ writers of the same day at the same time can lose one's
   * metrics; a dqgate profile of the day at the same time replaces them.
   */
  @Override
  public void save(ResultKey resultKey, AnalyzerContext analyzerContext) {
    String dataset = datasetOf(javaMap(resultKey.tags()));
    LocalDate day = dayOf(resultKey.dataSetDate());
    Map<MetricKey, Double> deequValues = successfulValues(analyzerContext);
    if (deequValues.isEmpty()) {
      return;
    }
    List<MetricRecord> stored = repository.loadDay(dataset, day).stream()
        .filter(r -> RecordOwner.of(r) == RecordOwner.PROFILE).toList();
    Map<MetricKey, Double> storedAsDeequ = deequView(dqgateValues(stored));
    Map<MetricKey, Double> incoming = toDqgate(deequValues);

    String runId = RUN_ID_PREFIX + UUID.randomUUID();
    Instant now = clock.instant();
    List<MetricRecord> changed = new ArrayList<>();
    for (Map.Entry<MetricKey, Double> e : incoming.entrySet()) {
      MetricKey key = e.getKey();
      Double before = storedAsDeequ.get(key);
      if (before == null || Double.compare(before, deequValues.get(key)) != 0) {
        changed.add(new MetricRecord(dataset, day, runId, now, key.entity(), key.instance(), key.metric(),
            e.getValue(), null));
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    Set<MetricKey> replaced = new HashSet<>();
    changed.forEach(r -> replaced.add(r.key()));
    List<MetricRecord> merged = new ArrayList<>();
    for (MetricRecord r : stored) {
      if (!replaced.contains(r.key())) {
        merged.add(r);
      }
    }
    merged.addAll(changed);
    repository.replaceOwned(RecordOwner.PROFILE, dataset, day, merged);
  }

  /** The key's partition as Deequ metrics; None when dqgate stored nothing for that day. */
  @Override
  public Option<AnalyzerContext> loadByKey(ResultKey resultKey) {
    String dataset = datasetOf(javaMap(resultKey.tags()));
    List<MetricRecord> day = repository.loadDay(dataset, dayOf(resultKey.dataSetDate()));
    return day.isEmpty() ? Option.empty() : Option.apply(contextOf(day, Optional.empty()));
  }

  @Override
  public MetricsRepositoryMultipleResultsLoader load() {
    return new DeequHistoryLoader(this);
  }

  MetricsRepository repository() {
    return repository;
  }

  /** The dataset a key's tags name, falling back on the default dataset. */
  String datasetOf(Map<String, String> tags) {
    String dataset = tags.getOrDefault(DATASET_TAG, defaultDataset);
    if (dataset == null || dataset.isBlank()) {
      throw new IllegalArgumentException("Deequ result key has no '" + DATASET_TAG + "' tag and the adapter on "
          + repository.location() + " has no default dataset, tags were: " + tags);
    }
    return dataset;
  }

  /**
   * One stored day as Deequ metrics. With {@code requested} present, only those analyzers, each keyed by the
   * requested instance itself so that Deequ finds it whatever options it was built with.
   */
  AnalyzerContext contextOf(List<MetricRecord> day, Optional<List<Analyzer<?, Metric<?>>>> requested) {
    Map<MetricKey, Double> dqgate = dqgateValues(day);
    Map<Analyzer<?, Metric<?>>, Metric<?>> metrics = new LinkedHashMap<>();
    if (requested.isPresent()) {
      for (Analyzer<?, Metric<?>> analyzer : requested.get()) {
        mapping.keyOf(analyzer).filter(dqgate::containsKey).ifPresent(key -> metrics.put(analyzer,
            AnalyzerMapping.successMetric(analyzer, AnalyzerMapping.toDeequ(key, dqgate.get(key), dqgate))));
      }
    } else {
      for (Map.Entry<MetricKey, Double> e : dqgate.entrySet()) {
        mapping.analyzerOf(e.getKey()).ifPresent(analyzer -> metrics.put(analyzer, AnalyzerMapping.successMetric(
            analyzer, AnalyzerMapping.toDeequ(e.getKey(), e.getValue(), dqgate))));
      }
    }
    return ScalaInterop.context(metrics);
  }

  /** Defined values by key; NaN marks a metric undefined for the partition, which Deequ would call failed. */
  private static Map<MetricKey, Double> dqgateValues(List<MetricRecord> day) {
    Map<MetricKey, Double> values = new LinkedHashMap<>();
    for (MetricRecord r : day) {
      if (!Double.isNaN(r.value())) {
        values.put(r.key(), r.value());
      }
    }
    return values;
  }

  /** What Deequ would be given for each mappable stored metric. */
  private Map<MetricKey, Double> deequView(Map<MetricKey, Double> dqgate) {
    Map<MetricKey, Double> view = new LinkedHashMap<>();
    dqgate.forEach((key, value) -> {
      if (mapping.analyzerOf(key).isPresent()) {
        view.put(key, AnalyzerMapping.toDeequ(key, value, dqgate));
      }
    });
    return view;
  }

  /** Successful double metrics of unfiltered analyzers that have a dqgate metric, in Deequ's units. */
  private Map<MetricKey, Double> successfulValues(AnalyzerContext context) {
    Map<MetricKey, Double> values = new LinkedHashMap<>();
    javaMap(context.metricMap()).forEach((analyzer, metric) -> {
      if (metric instanceof DoubleMetric doubleMetric && doubleMetric.value().isSuccess()) {
        double value = ((Number) doubleMetric.value().get()).doubleValue();
        if (!Double.isNaN(value)) {
          mapping.keyOf(analyzer).ifPresent(key -> values.put(key, value));
        }
      }
    });
    return values;
  }

  /**
   * Deequ values in dqgate's units. Standard deviation needs the column's non-null count, taken only from the
   * same run (its Size and Completeness): a count from another run of the day may describe other data.
   */
  private static Map<MetricKey, Double> toDqgate(Map<MetricKey, Double> deequValues) {
    Map<MetricKey, Double> counts = new LinkedHashMap<>();
    MetricKey rowCount = MetricKey.dataset(MetricNames.ROW_COUNT);
    if (deequValues.containsKey(rowCount)) {
      counts.put(rowCount, deequValues.get(rowCount));
    }
    deequValues.forEach((key, value) -> {
      if (key.metric().equals(MetricNames.NULL_FRACTION)) {
        counts.put(key, AnalyzerMapping.toDqgate(key, value, Map.of()));
      }
    });
    Map<MetricKey, Double> out = new LinkedHashMap<>();
    deequValues.forEach((key, value) -> out.put(key, AnalyzerMapping.toDqgate(key, value, counts)));
    return out;
  }
}
