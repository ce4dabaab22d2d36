package io.dqgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verdicts as {@code detect} stored them with the day ({@link MetricNames#VERDICT_STATUS}, the verdict JSON in
 * its detail), read back for reports.
 */
final class StoredVerdicts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredVerdicts() {}

  /** The verdict stored among a day's metrics; empty when the day was never judged. */
  static Optional<Verdict> of(Map<MetricKey, MetricRecord> day) {
    MetricRecord stored = day.get(MetricKey.dataset(MetricNames.VERDICT_STATUS));
    if (stored == null) {
      return Optional.empty();
    }
    if (stored.detail() == null || stored.detail().isBlank()) {
      // An old or hand-written row with only the status: the verdict without its reasons.
      return Optional.of(new Verdict(stored.dataset(), stored.partitionDate(), statusOf(stored.value()), List.of()));
    }
    return Optional.of(parse(stored.detail(), stored.dataset() + " " + stored.partitionDate()));
  }

  static Status statusOf(double stored) {
    if (stored == MetricNames.STATUS_BLOCK) {
      return Status.BLOCK;
    }
    return stored == MetricNames.STATUS_WARN ? Status.WARN : Status.PASS;
  }

  /** Parses {@link Verdict#toJson()}; {@code where} names the stored row in errors. */
  static Verdict parse(String json, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      List<Finding> findings = new ArrayList<>();
      for (JsonNode f : root.path("findings")) {
        findings.add(new Finding(text(f, "detector"), text(f, "metric"), text(f, "column"), text(f, "file"),
            number(f, "observed"), number(f, "expected_low"), number(f, "expected_high"), number(f, "score"),
            Severity.valueOf(f.path("severity").asText("WARN")), text(f, "message")));
      }
      return new Verdict(root.path("dataset").asText(), LocalDate.parse(root.path("partition_date").asText()),
          Status.valueOf(root.path("status").asText()), findings);
    } catch (IOException | RuntimeException e) {
      throw new DqgateException("stored verdict of " + where + " (metric " + MetricNames.VERDICT_STATUS
          + "): not a verdict JSON: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }
}
