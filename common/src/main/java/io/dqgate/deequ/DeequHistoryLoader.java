package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.javaList;
import static io.dqgate.deequ.ScalaInterop.javaMap;
import static io.dqgate.deequ.ScalaInterop.scalaMap;
import static io.dqgate.deequ.ScalaInterop.scalaSeq;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.MetricsRepositoryMultipleResultsLoader;
import com.amazon.deequ.repository.ResultKey;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import scala.collection.Seq;

/**
 * Deequ's query over stored results, answered day by day from dqgate's repository. The filters mean what
 * they mean in Deequ's {@code InMemoryMetricsRepository} (checked against its source and the 2.1.0 jar):
 * {@code after} and {@code before} are both inclusive bounds on the key's {@code dataSetDate}, here the start
 * of the partition's UTC day; {@code withTagValues} keeps results whose tags contain all the given pairs; and
 * {@code forAnalyzers} keeps only those analyzers' metrics, still returning days that have none of them.
 *
 * <p>Results carry only the {@value DeequMetricsRepository#DATASET_TAG} tag, so filtering on any other tag
 * returns nothing, as Deequ would for results saved without it.
 */
final class DeequHistoryLoader implements MetricsRepositoryMultipleResultsLoader {
  private final DeequMetricsRepository adapter;
  private Map<String, String> tagValues = Map.of();
  private Optional<List<Analyzer<?, Metric<?>>>> analyzers = Optional.empty();
  private Long after;
  private Long before;

  DeequHistoryLoader(DeequMetricsRepository adapter) {
    this.adapter = adapter;
  }

  @Override
  public MetricsRepositoryMultipleResultsLoader withTagValues(scala.collection.immutable.Map<String, String> tags) {
    this.tagValues = tags == null ? Map.of() : javaMap(tags);
    return this;
  }

  @Override
  public MetricsRepositoryMultipleResultsLoader forAnalyzers(Seq<Analyzer<?, Metric<?>>> analyzers) {
    this.analyzers = analyzers == null ? Optional.empty() : Optional.of(List.copyOf(javaList(analyzers)));
    return this;
  }

  @Override
  public MetricsRepositoryMultipleResultsLoader after(long dateTime) {
    this.after = dateTime;
    return this;
  }

  @Override
  public MetricsRepositoryMultipleResultsLoader before(long dateTime) {
    this.before = dateTime;
    return this;
  }

  /** The stored days of the dataset the tags name (or the default dataset) within the bounds, ascending. */
  @Override
  public Seq<AnalysisResult> get() {
    String dataset = adapter.datasetOf(tagValues);
    Map<String, String> keyTags = Map.of(DeequMetricsRepository.DATASET_TAG, dataset);
    if (!keyTags.entrySet().containsAll(tagValues.entrySet())) {
      return scalaSeq(List.of());
    }
    List<AnalysisResult> results = new ArrayList<>();
    for (LocalDate day : adapter.repository().days(dataset)) {
      long dataSetDate = DeequMetricsRepository.startOfDay(day);
      if ((after != null && dataSetDate < after) || (before != null && dataSetDate > before)) {
        continue;
      }
      List<MetricRecord> records = adapter.repository().loadDay(dataset, day);
      // A day written empty is absent for loadByKey too.
      if (!records.isEmpty()) {
        results.add(new AnalysisResult(new ResultKey(dataSetDate, scalaMap(keyTags)),
            adapter.contextOf(records, analyzers)));
      }
    }
    return scalaSeq(results);
  }
}
