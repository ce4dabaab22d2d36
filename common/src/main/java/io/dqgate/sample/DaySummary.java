package io.dqgate.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the generator wrote for one day, counted from the rows themselves rather than from the rates asked
 * for, so tests elsewhere can compare a profile's metrics with exact expected values without Spark.
 *
 * @param rows data rows in the file (the header excluded)
 * @param incidents empty on clean days
 * @param nullCounts per column, in file order: fields written empty
 * @param duplicateKeyCount rows minus distinct application_id values
 * @param duplicateRowCount rows identical to an earlier row in every column
 * @param formatMismatchCounts for birth_date (dd-MM-yyyy) and applied_at (yyyy-MM-dd HH:mm:ss): non-empty
 *     values that do not parse strictly with the column's format
 * @param sha256 lower-case hex digest of the data file, as in its manifest
 * @param bytes size of the data file
 */
public record DaySummary(
    LocalDate date,
    int rows,
    boolean contaminated,
    List<InjectedIncident> incidents,
    Map<String, Long> nullCounts,
    long duplicateKeyCount,
    long duplicateRowCount,
    Map<String, Long> formatMismatchCounts,
    String sha256,
    long bytes) {

  public DaySummary {
    incidents = List.copyOf(incidents);
    // Map.copyOf would lose the column order that makes a summary readable.
    nullCounts = Collections.unmodifiableMap(new LinkedHashMap<>(nullCounts));
    formatMismatchCounts = Map.copyOf(formatMismatchCounts);
  }

  public long nullCount(String column) {
    Long count = nullCounts.get(column);
    if (count == null) {
      throw new IllegalArgumentException("no column " + column + " in the applications table");
    }
    return count;
  }

  /** Null count over rows; the denominator Spark's null fraction uses. */
  public double nullFraction(String column) {
    return rows == 0 ? 0.0 : (double) nullCount(column) / rows;
  }

  public Optional<InjectedIncident> incident(Incident kind) {
    return incidents.stream().filter(i -> i.kind() == kind).findFirst();
  }

  public boolean isWeekend() {
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }
}
