package io.dqgate.profile;

import io.dqgate.config.ColumnKind;
import io.dqgate.config.ColumnSpec;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A column as it will be profiled: its kind and, for dates and timestamps stored as text, the format
 * its values should have. {@code inferred} says whether the kind (or format) came from the data;
 * {@code unseen} that the data held no value to infer it from (a column empty on the day): it is text for that
 * day, and the first day with values decides its kind.
 */
public record ResolvedColumn(
    String name,
    DataType sourceType,
    ColumnKind kind,
    Optional<String> format,
    ColumnSpec spec,
    boolean inferred,
    boolean unseen) {

  public ResolvedColumn(String name, DataType sourceType, ColumnKind kind, Optional<String> format, ColumnSpec spec,
      boolean inferred) {
    this(name, sourceType, kind, format, spec, inferred, false);
  }

  public boolean isString() {
    return sourceType.equals(DataTypes.StringType);
  }

  /** A date/timestamp column whose values are text to be parsed with {@link #format}. */
  public boolean isTemporalText() {
    return kind.isTemporal() && isString() && format.isPresent();
  }

  public String describe() {
    return name + ":" + kind.label() + format.map(f -> "(" + f + ")").orElse("") + (inferred ? "*" : "");
  }
}
