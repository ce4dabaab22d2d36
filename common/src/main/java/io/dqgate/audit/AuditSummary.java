package io.dqgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.dqgate.DqgateException;
import java.util.List;
import java.util.Locale;

/**
 * What an audit sample holds: where it was written, how it was drawn, each stratum's rows in the day and in
 * the sample, and its first rows (for the report). Stored with the day in the metrics repository and as
 * {@link #FILE} inside the sample's folder.
 *
 * @param rows the day's rows
 * @param sampleRows rows in the sample
 * @param ordinaryRows the day's rows that carry no finding
 * @param ordinaryDrawn ordinary rows drawn at random
 * @param withoutRows findings no single row stands for (volume, the PCA vector, a correlation)
 * @param columns the sample's columns: the day's, then {@link AuditSampler#REASON}
 * @param firstRows the sample's first rows as text (null values as null)
 */
public record AuditSummary(String dataset, String partitionDate, String path, String format, double fraction,
    long seed, long rows, long sampleRows, List<StratumCount> strata, long ordinaryRows, long ordinaryDrawn,
    List<String> withoutRows, List<String> columns, List<List<String>> firstRows) {

  /** The summary's file in the sample's folder. */
  public static final String FILE = "_DQ_AUDIT.json";
  /** Rows of the sample kept in the summary for the report. */
  public static final int FIRST_ROWS = 20;
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public AuditSummary {
    strata = List.copyOf(strata);
    withoutRows = List.copyOf(withoutRows);
    columns = List.copyOf(columns);
    firstRows = firstRows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
        .toList();
  }

  /**
   * One stratum: {@code dayRows} rows of the day carry its defect and {@code inSample} rows of the sample do
   * (a row carrying several strata counts for each).
   */
  public record StratumCount(String reason, String cause, String column, String finding, long dayRows,
      long inSample) {

    /** How many times its share of the day the stratum's share of the sample is; NaN when undefined. */
    public double overRepresentation(long rows, long sampleRows) {
      if (dayRows == 0 || sampleRows == 0) {
        return Double.NaN;
      }
      return (inSample / (double) sampleRows) / (dayRows / (double) rows);
    }
  }

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit summary not serializable: " + e.getMessage(), e);
    }
  }

  public static AuditSummary parse(String json, String where) {
    try {
      return JSON.readValue(json, AuditSummary.class);
    } catch (JsonProcessingException e) {
      throw new DqgateException("unreadable audit sample summary in " + where + ": "
          + e.getOriginalMessage().split("\\R", 2)[0]);
    }
  }

  /** One line: rows drawn and why ("39 of 1906 rows -> /tmp/audit: 35 income is null or blank, ..."). */
  public String describe() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "audit sample %s %s: %d of %d rows -> %s",
        dataset, partitionDate, sampleRows, rows, path));
    String sep = ": ";
    for (StratumCount s : strata) {
      out.append(sep).append(String.format(Locale.ROOT, "%d %s (%.1fx its share)", s.inSample(), s.reason(),
          s.overRepresentation(rows, sampleRows)));
      sep = ", ";
    }
    out.append(sep).append(ordinaryDrawn).append(" ordinary");
    return out.toString();
  }
}
