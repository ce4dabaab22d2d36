package io.dqgate.sample;

/**
 * The contamination benchmark's incident kinds (the seed's list), each with the column a detector should
 * name ("(files)" when the evidence is in the files rather than in a column).
 */
public enum Incident {
  NULL_SPIKE("income"),
  DUPLICATE_KEYS("application_id"),
  UNIT_CHANGE("loan_amount"),
  NEW_CATEGORY_SPELLINGS("gender"),
  DAY_MONTH_SWAP("birth_date"),
  VOLUME_DROP("(dataset)"),
  FUTURE_DATES("applied_at"),
  OUT_OF_RANGE("age"),
  LABEL_LEAK("credit_score"),
  MEAN_SHIFT("income"),
  SCHEMA_CHANGE("channel"),
  BAD_ENCODING("(files)"),
  MALFORMED_ROWS("(files)"),
  TAMPERED_FILE("(files)"),
  SUBTLE_CORRELATED_SHIFT("income");

  private final String column;

  Incident(String column) {
    this.column = column;
  }

  /** The column a finding should name; "(dataset)" or "(files)" for partition-level evidence. */
  public String column() {
    return column;
  }
}
