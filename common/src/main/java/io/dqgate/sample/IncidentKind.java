package io.dqgate.sample;

/**
 * The kinds of contamination the sample feed injects on its contaminated day, each on one known column, so
 * that a detector's findings can be checked against what was really done to the data.
 */
public enum IncidentKind {
  /** Income left empty until about {@code rate} of the day's rows have none (clean days: about 3 %). */
  INCOME_NULL_SPIKE("income", 0.40, "income left empty"),
  /** Rows replaced by exact copies of other rows of the same day, so their application_id repeats. */
  DUPLICATE_APPLICATION_ID("application_id", 0.05, "rows replaced by copies of other rows of the day"),
  /**
   * birth_date written month first. Where the day is 12 or less the value still parses as dd-MM-yyyy, to the
   * wrong date, which is why {@link DaySummary#formatMismatchCounts()} is smaller than the incident's rows.
   */
  BIRTH_DATE_MONTH_FIRST("birth_date", 0.30, "birth_date written as MM-dd-yyyy"),
  /** "male" or "M" for Male, "F" for Female; Undeclared rows are left alone. */
  GENDER_NEW_SPELLINGS("gender", 0.15, "gender spelled male, M or F"),
  /** Age in whole months (at least 216 for an adult), so every such value is above 200. */
  AGE_IN_MONTHS("age", 0.10, "age given in months"),
  /** applied_at moved one year ahead, keeping the time of day. */
  FUTURE_APPLIED_AT("applied_at", 0.05, "applied_at one year in the future");

  private final String column;
  private final double rate;
  private final String description;

  IncidentKind(String column, double rate, String description) {
    this.column = column;
    this.rate = rate;
    this.description = description;
  }

  /** The column of the applications table the incident is visible in. */
  public String column() {
    return column;
  }

  /** The share of the day's rows the incident aims at. */
  public double rate() {
    return rate;
  }

  public String description() {
    return description;
  }
}
