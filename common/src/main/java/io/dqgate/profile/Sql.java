package io.dqgate.profile;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Spark SQL pieces the Column API of Spark 3.5 lacks (try_cast, try_to_timestamp), quoted safely. */
public final class Sql {
  private Sql() {}

  public static String ident(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A reference to the column of that exact name: dots, backticks, spaces and quotes are part of it. */
  public static Column column(String name) {
    return functions.col(ident(name));
  }

  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The trimmed text as a double, or null when it is not a number (also under ANSI mode). */
  static Column tryDouble(String column) {
    return functions.expr("try_cast(trim(" + ident(column) + ") as double)");
  }

  /** The text parsed with a java.time pattern, or null when it does not match (also under ANSI mode). */
  static Column tryTimestamp(String column, String pattern) {
    return functions.expr("try_to_timestamp(" + ident(column) + ", " + literal(pattern) + ")");
  }
}
