package io.dqgate.files;

import io.dqgate.DqgateException;
import io.dqgate.config.SourceFormat;
import io.dqgate.config.SourceSpec;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link FileScanner} reads a file: the format and, for CSV/TSV, the same reader options Spark would use
 * (so a row the scanner calls malformed is one Spark would also read as corrupt).
 *
 * @param format file format; text formats get UTF-8, line and record checks, Parquet/ORC a footer read
 * @param delimiter field separator, one ASCII character
 * @param quote quote character, or {@code '\0'} for no quoting (Spark: {@code quote = ""})
 * @param escape inside quoted fields, the character that makes the next quote (or escape) literal; {@code '\0'}
 *     for none. {@code escape == quote} is RFC 4180 (doubled quotes). Doubled quotes are accepted with any escape,
 *     as Spark's parser does.
 * @param header the first record names the columns and is not a data record
 * @param multiLine quoted fields may span lines; when false a record ends at a line end even inside quotes
 * @param maxExamples how many malformed line numbers to keep per file
 */
public record ScanOptions(
    SourceFormat format, char delimiter, char quote, char escape, boolean header, boolean multiLine, int maxExamples)
    implements Serializable {

  public static final int DEFAULT_MAX_EXAMPLES = 5;

  public ScanOptions {
    if (format == null) {
      throw new IllegalArgumentException("format must be set");
    }
    requireAscii("delimiter", delimiter, false);
    requireAscii("quote", quote, true);
    requireAscii("escape", escape, true);
    if (delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter cannot be a line end");
    }
    if (quote != '\0' && quote == delimiter) {
      throw new IllegalArgumentException("quote and delimiter cannot both be '" + quote + "'");
    }
    if (maxExamples < 0) {
      throw new IllegalArgumentException("maxExamples must be at least 0, cannot be: " + maxExamples);
    }
  }

  /** Spark's defaults for the format: ',' (CSV) or tab (TSV), '"' quote, '\\' escape, header, single-line. */
  public static ScanOptions defaults(SourceFormat format) {
    return of(format, Map.of());
  }

  /**
   * Options for a configured source, from its Spark reader options, with dqgate's default for a CSV/TSV source
   * that does not set {@code multiLine}: quoted fields may span lines, as RFC 4180 allows and as dqgate reads
   * the rows ({@code PartitionReader}).
   */
  public static ScanOptions from(SourceSpec source) {
    ScanOptions options = of(source.format(), source.options());
    boolean text = source.format() == SourceFormat.CSV || source.format() == SourceFormat.TSV;
    return text && !source.setsOption("multiLine") ? options.withMultiLine(true) : options;
  }

  /**
   * Reads Spark-style reader options, keys case-insensitive as in Spark: {@code sep} or {@code delimiter},
   * {@code quote}, {@code escape}, {@code header} (dqgate's default: true) and {@code multiLine}.
   * Errors name the key, e.g. {@code source.options.sep: must be a single character, was "||"}.
   */
  public static ScanOptions of(SourceFormat format, Map<String, String> options) {
    char defaultSep = format == SourceFormat.TSV ? '\t' : ',';
    String sep = option(options, "sep");
    if (sep == null) {
      sep = option(options, "delimiter");
    }
    char delimiter = sep == null ? defaultSep : delimiterChar(sep);
    char quote = optionalChar(options, "quote", '"');
    char escape = optionalChar(options, "escape", '\\');
    boolean header = bool(options, "header", true);
    boolean multiLine = bool(options, "multiLine", false);
    try {
      return new ScanOptions(format, delimiter, quote, escape, header, multiLine, DEFAULT_MAX_EXAMPLES);
    } catch (IllegalArgumentException e) {
      throw new DqgateException("source.options: " + e.getMessage(), e);
    }
  }

  public ScanOptions withMaxExamples(int examples) {
    return new ScanOptions(format, delimiter, quote, escape, header, multiLine, examples);
  }

  /** The same options with quoted fields allowed, or not, to span lines. */
  public ScanOptions withMultiLine(boolean spanning) {
    return new ScanOptions(format, delimiter, quote, escape, header, spanning, maxExamples);
  }

  /** Spark's {@code CSVExprUtils.toChar}: one character or a backslash escape such as {@code \t}. */
  private static char delimiterChar(String value) {
    if (value.length() == 1) {
      return value.charAt(0);
    }
    if (value.equals("\\t")) {
      return '\t';
    }
    if (value.equals("\\\\")) {
      return '\\';
    }
    if (value.equals("\\'")) {
      return '\'';
    }
    if (value.equals("\\\"")) {
      return '"';
    }
    throw new DqgateException("source.options.sep: must be a single character, was \"" + value + "\"");
  }

  /** Spark's {@code CSVOptions.getChar}: absent means the default, empty means none ('\0'). */
  private static char optionalChar(Map<String, String> options, String key, char fallback) {
    String value = option(options, key);
    if (value == null) {
      return fallback;
    }
    if (value.isEmpty()) {
      return '\0';
    }
    if (value.length() != 1) {
      throw new DqgateException("source.options." + key + ": must be a single character, was \"" + value + "\"");
    }
    return value.charAt(0);
  }

  private static boolean bool(Map<String, String> options, String key, boolean fallback) {
    String value = option(options, key);
    if (value == null) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new DqgateException("source.options." + key + ": must be true or false, was \"" + value + "\"");
    };
  }

  private static String option(Map<String, String> options, String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void requireAscii(String name, char c, boolean noneAllowed) {
    if (c == '\0' ? !noneAllowed : c > 0x7F) {
      throw new IllegalArgumentException(name + " must be a single ASCII character, cannot be: U+"
          + String.format(Locale.ROOT, "%04X", (int) c));
    }
  }
}
