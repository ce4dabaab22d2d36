package io.dqgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.profile.ResolvedColumn;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import io.dqgate.profile.Sql;
import org.apache.spark.sql.functions;

/** A row's values as profiling reads them: numbers from text, dates parsed with the column's format. */
final class Values {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Values() {}

  /** The value as a double; null when the text is not a number (also under ANSI mode). */
  static Column numeric(ResolvedColumn c) {
    return c.isString() ? functions.expr("try_cast(trim(" + Sql.ident(c.name()) + ") as double)")
        : Sql.column(c.name()).cast("double");
  }

  /** The value as a timestamp: text parsed with the column's format (null when it does not match). */
  static Column temporal(ResolvedColumn c) {
    if (c.isTemporalText()) {
      String pattern = c.format().get().replace("\\", "\\\\").replace("'", "\\'");
      return functions.expr("try_to_timestamp(" + Sql.ident(c.name()) + ", '" + pattern + "')");
    }
    return Sql.column(c.name()).cast("timestamp");
  }

  /** The values named in a stored {@code value_proportions} detail. */
  static Set<String> histogramValues(String detail) {
    Set<String> out = new TreeSet<>();
    try {
      for (JsonNode v : JSON.readTree(detail).path("values")) {
        out.add(v.path("value").asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable value_proportions detail: " + detail, e);
    }
    return out;
  }
}
