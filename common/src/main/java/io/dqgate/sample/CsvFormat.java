package io.dqgate.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The sample feed's CSV: RFC 4180 lines, fields quoted only when they must be, quotes doubled, '\n' line ends;
 * an empty unquoted field is null.
 */
public final class CsvFormat {
  private CsvFormat() {}

  public static void appendLine(StringBuilder out, List<String> fields) {
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

  /** The records of a whole file, header included; an empty unquoted field is null. */
  public static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',' || c == '\n') {
        row.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        field.setLength(0);
        wasQuoted = false;
        if (c == '\n') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        field.append(c);
      }
    }
    return rows;
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
