package io.dqgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.ColumnResolver;
import io.dqgate.profile.ResolvedColumn;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The audit sample of a judged day: strata from the verdict ({@link StrataPlanner}), the draw
 * ({@link AuditSampler}), the sample written atomically with its summary ({@link AuditWriter}), and the
 * summary as the day's {@link MetricNames#AUDIT_SAMPLE} record.
 */
public final class AuditSampling {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditSampling() {}

  /**
   * Draws and writes the sample of {@code day} (the day's rows as read from the source).
   *
   * @param before stored records of the days before {@code date}, for ranges and known categories
   */
  public static AuditSummary draw(Dataset<Row> day, List<ResolvedColumn> columns, Verdict verdict,
      DatasetSpec dataset, LocalDate date, List<MetricRecord> before, AuditRequest request, Configuration hadoop) {
    StrataPlanner.Plan plan = new StrataPlanner(dataset, date, columns, before).plan(verdict);
    AuditSampler.Drawn drawn = AuditSampler.draw(day, plan.strata(), request.fraction(), request.seed());
    Dataset<Row> sample = drawn.sample().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Stratum> strata = plan.strata();
      Column reasons = functions.split(functions.col(AuditSampler.REASON), "; ");
      List<Column> counts = new ArrayList<>();
      counts.add(functions.sum(functions.when(functions.col(AuditSampler.REASON).equalTo(AuditSampler.ORDINARY), 1L)
          .otherwise(0L)));
      for (Stratum s : strata) {
        counts.add(functions.sum(functions.when(functions.array_contains(reasons, s.reason()), 1L).otherwise(0L)));
      }
      Row totals = sample.agg(functions.count(functions.lit(1)), counts.toArray(Column[]::new)).first();
      long sampleRows = totals.getLong(0);
      List<AuditSummary.StratumCount> strataCounts = new ArrayList<>();
      for (int i = 0; i < strata.size(); i++) {
        Stratum s = strata.get(i);
        strataCounts.add(new AuditSummary.StratumCount(s.reason(), s.kind().cause(), s.column(), s.finding(),
            drawn.strataRows()[i], longAt(totals, 2 + i)));
      }
      List<List<String>> first = new ArrayList<>();
      for (Row r : sample.limit(AuditSummary.FIRST_ROWS).collectAsList()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
          values.add(r.isNullAt(i) ? null : String.valueOf(r.get(i)));
        }
        first.add(values);
      }
      AuditSummary summary = new AuditSummary(dataset.name(), date.toString(), qualified(request.out(), hadoop),
          request.format().label(), request.fraction(), request.seed(), drawn.rows(), sampleRows, strataCounts,
          drawn.ordinaryRows(), longAt(totals, 1), plan.withoutRows(), List.of(sample.columns()), first);
      AuditWriter.write(sample, request.format(), request.out(), summary.toJson(), hadoop);
      return summary;
    } finally {
      sample.unpersist();
    }
  }

  /** The summary as the day's record (owner: audit). */
  public static MetricRecord record(AuditSummary summary, String runId, Instant computedAt) {
    return new MetricRecord(summary.dataset(), LocalDate.parse(summary.partitionDate()), runId, computedAt,
        Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.AUDIT_SAMPLE, summary.sampleRows(), summary.toJson());
  }

  /** The summary stored with a day, when an audit sample was drawn for it. */
  public static Optional<AuditSummary> stored(List<MetricRecord> day, String where) {
    return day.stream().filter(m -> m.metric().equals(MetricNames.AUDIT_SAMPLE) && m.detail() != null)
        .findFirst().map(m -> AuditSummary.parse(m.detail(), where));
  }

  /** Column kinds and formats profiling stored with the day, so the sample reads the columns as it did. */
  public static Map<String, ColumnResolver.KnownKind> storedKinds(List<MetricRecord> day) {
    Map<String, ColumnResolver.KnownKind> out = new HashMap<>();
    for (MetricRecord m : day) {
      if (!m.metric().equals(MetricNames.COLUMN_KIND) || m.detail() == null) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(m.detail());
        ColumnKind kind = ColumnKind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT));
        Optional<String> format = node.hasNonNull("format") ? Optional.of(node.get("format").asText())
            : Optional.empty();
        out.put(m.instance(), new ColumnResolver.KnownKind(kind, format, node.path("source_type").asText()));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        // an unreadable kind is inferred again from the rows, as on a first day
      }
    }
    return out;
  }

  private static long longAt(Row row, int i) {
    return row.isNullAt(i) ? 0 : row.getLong(i);
  }

  private static String qualified(String out, Configuration hadoop) {
    Path path = new Path(out);
    try {
      return path.getFileSystem(hadoop).makeQualified(path).toString();
    } catch (IOException e) {
      return out;
    }
  }
}
