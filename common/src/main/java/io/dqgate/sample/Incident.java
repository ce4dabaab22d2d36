package io.dqgate.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of contamination dqgate is meant to catch in the applications feed, each with the column a
 * detector should name ("(dataset)" for the partition as a whole, "(files)" when the evidence is in the files
 * rather than in a column). The sample feed's contaminated day carries six of them at once
 * ({@link SampleFeedGenerator#CONTAMINATED_DAY_RATES}); the contamination benchmark injects each alone into a
 * day of its own.
 */
public enum Incident {
  /** A column left empty far more often than on clean days. */
  NULL_SPIKE("income"),
  /** Rows replaced by copies of other rows of the day, so the primary key repeats. */
  DUPLICATE_KEYS("application_id"),
  /** A numeric column written in another unit. */
  UNIT_CHANGE("loan_amount"),
  /** Known categories spelled in new ways ("male", "M", "F"). */
  NEW_CATEGORY_SPELLINGS("gender"),
  /**
   * birth_date written month first. Where the day is 12 or less the value still parses as dd-MM-yyyy, to the
   * wrong date, which is why {@link DaySummary#formatMismatchCounts()} is smaller than the incident's rows.
   */
  DAY_MONTH_SWAP("birth_date"),
  /** Far fewer rows than the weekday brings. */
  VOLUME_DROP("(dataset)"),
  /** applied_at a year ahead, keeping the time of day. */
  FUTURE_DATES("applied_at"),
  /** Values outside the column's possible range (an age in months, an age of 150). */
  OUT_OF_RANGE("age"),
  /** A feature that suddenly follows the target. */
  LABEL_LEAK("credit_score"),
  /** A column's level moved while its shape stayed. */
  MEAN_SHIFT("income"),
  /** A column renamed in the header. */
  SCHEMA_CHANGE("channel"),
  /** Bytes that are not UTF-8. */
  BAD_ENCODING("(files)"),
  /** Records with a field missing. */
  MALFORMED_ROWS("(files)"),
  /** A file changed after its manifest was written. */
  TAMPERED_FILE("(files)"),
  /**
   * Multivariate only: income ×1.04, loan_amount ×0.94 and credit_score −4 points (below the 850 cap), each
   * location metric moved by at most about 1.7 σ of its clean-day noise at 1000 rows a weekday, but against
   * the way the three move together on clean days (more income comes with larger loans and better scores).
   */
  SUBTLE_CORRELATED_SHIFT("income", "loan_amount", "credit_score");

  private final String column;
  private final List<String> columns;

  Incident(String column, String... others) {
    this.column = column;
    List<String> all = new ArrayList<>();
    all.add(column);
    all.addAll(List.of(others));
    this.columns = List.copyOf(all);
  }

  /** The column a finding should name; "(dataset)" or "(files)" for partition-level evidence. */
  public String column() {
    return column;
  }

  /** Every column the incident touched, {@link #column()} first: naming any of them names the incident. */
  public List<String> columns() {
    return columns;
  }
}
