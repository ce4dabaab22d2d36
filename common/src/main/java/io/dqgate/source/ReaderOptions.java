package io.dqgate.source;

import io.dqgate.DqgateException;
import io.dqgate.config.SourceFormat;
import io.dqgate.config.SourceSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Spark reader options a source may set, per format (Spark 3.5's data source option tables; names
 * are case-insensitive there as here). Spark itself ignores an option it does not know, so a typo
 * ({@code seperator}) would silently profile the day the wrong way: dqgate rejects it before any scan.
 */
public final class ReaderOptions {
  /** {@code header} too: reference.conf sets it for every dataset, and Spark ignores it outside CSV. */
  private static final Set<String> ANY_FILE = Set.of("ignorecorruptfiles", "ignoremissingfiles", "pathglobfilter",
      "recursivefilelookup", "modifiedbefore", "modifiedafter", "header");
  private static final Set<String> CSV = Set.of("sep", "delimiter", "encoding", "charset", "quote", "quoteall",
      "escape", "escapequotes", "comment", "header", "inferschema", "preferdate", "enforceschema",
      "ignoreleadingwhitespace", "ignoretrailingwhitespace", "nullvalue", "nanvalue", "positiveinf", "negativeinf",
      "dateformat", "timestampformat", "timestampntzformat", "enabledatetimeparsingfallback", "maxcolumns",
      "maxcharspercolumn", "mode", "columnnameofcorruptrecord", "multiline", "chartoescapequoteescaping",
      "samplingratio", "emptyvalue", "locale", "linesep", "unescapedquotehandling", "compression", "codec",
      "timezone");
  private static final Set<String> JSON = Set.of("timezone", "primitivesasstring", "prefersdecimal", "allowcomments",
      "allowunquotedfieldnames", "allowsinglequotes", "allownumericleadingzeros",
      "allowbackslashescapinganycharacter", "mode", "columnnameofcorruptrecord", "dateformat", "timestampformat",
      "timestampntzformat", "enabledatetimeparsingfallback", "multiline", "allowunquotedcontrolchars", "encoding",
      "linesep", "samplingratio", "dropfieldifallnull", "locale", "allownonnumericnumbers", "compression");
  private static final Set<String> PARQUET = Set.of("datetimerebasemode", "int96rebasemode", "mergeschema",
      "compression");
  private static final Set<String> ORC = Set.of("mergeschema", "compression");

  private ReaderOptions() {}

  /**
   * Checks every option of {@code source} for its format; {@code key} is the config path of the options
   * ({@code datasets.orders.source.options}), named in errors.
   */
  public static void validate(SourceSpec source, String key) {
    Set<String> known = known(source.format());
    for (Map.Entry<String, String> option : source.options().entrySet()) {
      String name = option.getKey().toLowerCase(Locale.ROOT);
      if (!known.contains(name)) {
        throw new DqgateException(key + "." + option.getKey() + ": not a Spark " + source.format().label()
            + " reader option (known: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
      }
      if ((name.equals("sep") || name.equals("delimiter")) && unescaped(option.getValue()).length() != 1) {
        throw new DqgateException(key + "." + option.getKey() + ": the field separator must be one character, was \""
            + option.getValue() + "\"");
      }
    }
  }

  private static Set<String> known(SourceFormat format) {
    Set<String> own = switch (format) {
      case CSV, TSV -> CSV;
      case JSON -> JSON;
      case PARQUET -> PARQUET;
      case ORC -> ORC;
    };
    return Stream.concat(ANY_FILE.stream(), own.stream()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Spark's own escapes for a separator: \t and \\u0001-style code points. */
  private static String unescaped(String value) {
    if (value.equals("\\t")) {
      return "\t";
    }
    if (value.matches("\\\\u[0-9a-fA-F]{4}")) {
      return String.valueOf((char) Integer.parseInt(value.substring(2), 16));
    }
    return value;
  }
}
