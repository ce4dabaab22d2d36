package io.dqgate.sample;

import java.util.List;

/** RFC 4180 lines: fields quoted only when they must be, quotes doubled, '\n' line ends. */
final class CsvFormat {
  private CsvFormat() {}

  static void appendLine(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendField(out, fields.get(i));
    }
    out.append('\n');
  }

  /** A null is written as nothing at all; an empty string is quoted so readers can tell the two apart. */
  static void appendField(StringBuilder out, String value) {
    if (value == null) {
      return;
    }
    if (!value.isEmpty() && !needsQuotes(value)) {
      out.append(value);
      return;
    }
    out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    // Readers that trim would silently change such a value.
    return Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1));
  }
}
