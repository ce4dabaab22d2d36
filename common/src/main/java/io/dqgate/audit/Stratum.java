package io.dqgate.audit;

import org.apache.spark.sql.Column;

/**
 * Rows that carry one of the verdict's findings: {@code reason} says what is wrong with such a row ("income is
 * null"), {@code kind} the kind of defect, {@code column} where, {@code finding} which finding (detector and
 * metric) it stands for, and {@code carries} is true exactly for such rows.
 */
public record Stratum(String reason, RowDefect kind, String column, String finding, Column carries) {

  /** The kinds of defect a single row can show. */
  public enum RowDefect {
    NULL("null-spike"),
    DUPLICATE_KEY("duplicates"),
    OUT_OF_RANGE("out-of-range"),
    NEW_VALUE("new-values"),
    UNPARSEABLE_DATE("format-change"),
    NOT_A_NUMBER("type-change");

    private final String cause;

    RowDefect(String cause) {
      this.cause = cause;
    }

    /** The verdict's cause word for this defect. */
    public String cause() {
      return cause;
    }
  }
}
