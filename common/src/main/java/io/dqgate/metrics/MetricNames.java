package io.dqgate.metrics;

/** Metric names are part of dqgate's contract: detection, reports and users' queries depend on them. */
public final class MetricNames {
  private MetricNames() {}

  // dataset
  public static final String ROW_COUNT = "row_count";
  public static final String COLUMN_COUNT = "column_count";
  /** Rows whose key already appeared: rows minus distinct keys (nulls compare equal, as in GROUP BY). */
  public static final String DUPLICATE_KEY_COUNT = "duplicate_key_count";
  /** Rows whose key is complete (no null component) and occurs exactly once, over all rows. */
  public static final String KEY_UNIQUENESS = "key_uniqueness";
  /** Rows with at least one null key component, over all rows. */
  public static final String NULL_KEY_FRACTION = "null_key_fraction";
  /** Rows identical to an earlier row in every column, over all rows. */
  public static final String DUPLICATE_ROW_FRACTION = "duplicate_row_fraction";

  // every column
  /**
   * How the column was profiled, as JSON in {@code detail} ({@code {"kind":"date","format":"dd-MM-yyyy"}});
   * value 1 when inferred from the data, 0 when configured. Later days reuse inferred kinds.
   */
  public static final String COLUMN_KIND = "column_kind";
  public static final String NULL_FRACTION = "null_fraction";
  public static final String EMPTY_STRING_FRACTION = "empty_string_fraction";
  public static final String DISTINCT_COUNT_APPROX = "distinct_count_approx";

  // numeric
  public static final String MIN = "min";
  public static final String MAX = "max";
  /**
   * The field of a {@link #MIN} or {@link #MAX} metric's detail that holds the runner-up, the column's second
   * smallest or second largest value ({@code {"next": 2.5}}): one row past a range or more.
   */
  public static final String NEXT = "next";
  public static final String MEAN = "mean";
  public static final String STDDEV = "stddev";
  public static final String P25 = "p25";
  public static final String MEDIAN = "median";
  public static final String P75 = "p75";
  public static final String IQR = "iqr";
  /** Non-null values outside the configured [min, max], over non-null values. */
  public static final String OUT_OF_RANGE_FRACTION = "out_of_range_fraction";
  /** Non-empty text values that are not numbers, over non-null values (text sources only). */
  public static final String NOT_NUMERIC_FRACTION = "not_numeric_fraction";
  /** Quantile sketch (0%, 5%, …, 100%) in {@code detail}, for drift without re-reading the data. */
  public static final String QUANTILES = "quantiles";

  // categorical
  /** Top values with their proportions of non-null rows, the rest as one bucket, in {@code detail}. */
  public static final String VALUE_PROPORTIONS = "value_proportions";
  public static final String OUT_OF_DOMAIN_FRACTION = "out_of_domain_fraction";
  public static final String NEW_VALUE_COUNT = "new_value_count";

  // date / timestamp strings
  public static final String FORMAT_MATCH_FRACTION = "format_match_fraction";
  public static final String SWAPPED_DAY_MONTH_FRACTION = "swapped_day_month_fraction";
  public static final String MIN_DATE = "min_date";
  public static final String MAX_DATE = "max_date";
  public static final String FUTURE_FRACTION = "future_fraction";
  public static final String BEFORE_FLOOR_FRACTION = "before_floor_fraction";

  // numeric feature <-> target
  public static final String TARGET_CORRELATION = "target_correlation";
  /**
   * Entity column-pair, instance "a,b" (schema order): Pearson's r of two numeric columns over the rows
   * where both are present; NaN when fewer than two such rows or either is constant. Only the first
   * {@code profile.correlation-max-columns} numeric columns are paired.
   */
  public static final String CORRELATION = "correlation";

  // incoming files (check-files), dataset entity unless noted
  public static final String FILE_COUNT = "file_count";
  public static final String TOTAL_BYTES = "total_bytes";
  public static final String TOTAL_ROWS = "total_rows";
  public static final String ZERO_BYTE_FILE_COUNT = "zero_byte_file_count";
  public static final String UNREADABLE_FILE_COUNT = "unreadable_file_count";
  public static final String MALFORMED_ROW_COUNT = "malformed_row_count";
  public static final String TRUNCATED_FILE_COUNT = "truncated_file_count";
  public static final String INVALID_UTF8_COUNT = "invalid_utf8_count";
  public static final String NUL_BYTE_COUNT = "nul_byte_count";
  public static final String BOM_FILE_COUNT = "bom_file_count";
  public static final String CHECKSUM_MISMATCH_COUNT = "checksum_mismatch_count";
  public static final String UNLISTED_FILE_COUNT = "unlisted_file_count";
  public static final String MISSING_FILE_COUNT = "missing_file_count";
  public static final String MISSING_COLUMN_COUNT = "missing_column_count";
  public static final String EXTRA_COLUMN_COUNT = "extra_column_count";
  /** Entity file: bytes of one file; {@code detail} holds its sha256, rows and codec. */
  public static final String FILE_BYTES = "file_bytes";
  /** Entity file: data rows of one file. */
  public static final String FILE_ROWS = "file_rows";
  /** Entity column: the column's type as the files declare it (typed formats), in {@code detail}. */
  public static final String FILE_COLUMN_TYPE = "file_column_type";
  /** Entity column: 1 when the column was present in the files. */
  public static final String FILE_COLUMN_PRESENT = "file_column_present";

  /** Metrics check-files writes; profile leaves them alone when it rewrites a day, and the reverse. */
  public static final java.util.Set<String> FILE_METRICS = java.util.Set.of(FILE_COUNT, TOTAL_BYTES, TOTAL_ROWS,
      ZERO_BYTE_FILE_COUNT, UNREADABLE_FILE_COUNT, MALFORMED_ROW_COUNT, TRUNCATED_FILE_COUNT, INVALID_UTF8_COUNT,
      NUL_BYTE_COUNT, BOM_FILE_COUNT, CHECKSUM_MISMATCH_COUNT, UNLISTED_FILE_COUNT, MISSING_FILE_COUNT,
      MISSING_COLUMN_COUNT, EXTRA_COLUMN_COUNT, FILE_BYTES, FILE_ROWS, FILE_COLUMN_TYPE, FILE_COLUMN_PRESENT);

  // verdicts and labels (dataset entity)
  /** The verdict detect gave the day: 0 PASS, 1 WARN, 2 BLOCK; the verdict JSON in {@code detail}. */
  public static final String VERDICT_STATUS = "verdict_status";
  /** The day's audit sample: value = rows drawn; its summary (strata, counts, first rows) as JSON in detail. */
  public static final String AUDIT_SAMPLE = "audit_sample";
  /** A person's word on the day: 1 accepted, 0 rejected (dqgate label). */
  public static final String LABEL = "label";
  public static final double STATUS_PASS = 0;
  public static final double STATUS_WARN = 1;
  public static final double STATUS_BLOCK = 2;
  public static final double LABEL_ACCEPTED = 1;
  public static final double LABEL_REJECTED = 0;

  /**
   * Whether the day's verdict was announced to the dataset's webhook: 1 sent, 0 not (failed, or a WARN streak
   * already announced); what was announced in {@code detail}.
   */
  public static final String NOTIFICATION = "notification";

  /** Static rules: 1 when the rule holds, 0 when it is broken; the message is in {@code detail}. */
  public static final String RULE_PREFIX = "rule.";
}
