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
  /**
   * Multivariate only: income ×1.04, loan_amount ×0.94 and credit_score −4 points (below the 850 cap), each
   * location metric moved by at most about 1.7 σ of its clean-day noise at 1000 rows a weekday, but against
   * the way the three move together on clean days (more income comes with larger loans and better scores).
   */
  SUBTLE_CORRELATED_SHIFT("income", "loan_amount", "credit_score");

  private final String column;
  private final java.util.List<String> columns;

  Incident(String column, String... others) {
    this.column = column;
    java.util.List<String> all = new java.util.ArrayList<>();
    all.add(column);
    all.addAll(java.util.List.of(others));
    this.columns = java.util.List.copyOf(all);
  }

  /** The column a finding should name; "(dataset)" or "(files)" for partition-level evidence. */
  public String column() {
    return column;
  }

  /** Every column the incident touched, {@link #column()} first: naming any of them names the incident. */
  public java.util.List<String> columns() {
    return columns;
  }
}
