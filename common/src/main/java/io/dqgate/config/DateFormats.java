package io.dqgate.config;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** Date/time patterns: validation, day/month swapping, and the candidates tried when inferring a format. */
public final class DateFormats {
  private DateFormats() {}

  /** Tried in order when a string column's format is not configured; the first that fits wins. */
  public static final List<String> CANDIDATES = List.of(
      "yyyy-MM-dd",
      "yyyy-MM-dd HH:mm:ss",
      "yyyy-MM-dd'T'HH:mm:ss",
      "yyyy-MM-dd'T'HH:mm:ss.SSS",
      "yyyy-MM-dd HH:mm:ss.SSS",
      "yyyy/MM/dd",
      "dd-MM-yyyy",
      "MM-dd-yyyy",
      "dd/MM/yyyy",
      "MM/dd/yyyy",
      "dd.MM.yyyy",
      "yyyyMMdd",
      "dd-MM-yyyy HH:mm:ss",
      "MM/dd/yyyy HH:mm:ss");

  static void validatePattern(String key, String pattern) {
    try {
      DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw ConfigReader.error(key, "not a date/time pattern: \"" + pattern + "\" (" + e.getMessage() + ")");
    }
    if (!pattern.contains("y") && !pattern.contains("u")) {
      throw ConfigReader.error(key, "a date pattern needs a year (yyyy), was \"" + pattern + "\"");
    }
  }

  public static boolean hasTimeOfDay(String pattern) {
    String unquoted = pattern.replaceAll("'[^']*'", "");
    return unquoted.contains("H") || unquoted.contains("h") || unquoted.contains("m")
        || unquoted.contains("s");
  }

  /**
   * The pattern with day and month exchanged ({@code dd-MM-yyyy} ↔ {@code MM-dd-yyyy}), or null when the
   * pattern lacks a numeric day or month. Values that parse only this way are dd-mm ↔ mm-dd mix-ups.
   */
  public static String swapDayMonth(String pattern) {
    String unquoted = pattern.replaceAll("'[^']*'", "");
    if (!unquoted.contains("dd") || !unquoted.contains("MM") || unquoted.contains("MMM")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        out.append(c);
      } else if (!quoted && c == 'd') {
        out.append('M');
      } else if (!quoted && c == 'M') {
        out.append('d');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
