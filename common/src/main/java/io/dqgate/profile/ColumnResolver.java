package io.dqgate.profile;

import io.dqgate.DqgateException;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.ColumnSpec;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DateFormats;
import io.dqgate.config.ProfileSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Decides how each column is profiled: the config's word where it gives one, otherwise the source type,
 * otherwise a small sample of the partition (numbers, date formats, low-cardinality values, identifiers).
 * Also checks that every column the config names exists, before any scan.
 */
public final class ColumnResolver {
  private static final Pattern ID_NAME = Pattern.compile("(?i)(^id$|_id$|^id_|uuid|guid|_key$)");
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private ColumnResolver() {}

  /** A kind (and format) decided on an earlier day, kept so that a bad day cannot change a column's kind. */
  public record KnownKind(ColumnKind kind, Optional<String> format, String sourceType) {}

  public static List<ResolvedColumn> resolve(Dataset<Row> rows, DatasetSpec dataset, String location) {
    return resolve(rows, dataset, location, Map.of());
  }

  /**
   * Resolves every column; a column the config does not describe keeps the kind it was given on the last
   * profiled day ({@code known}), so inference happens once per column, on its first day.
   */
  public static List<ResolvedColumn> resolve(Dataset<Row> rows, DatasetSpec dataset, String location,
      Map<String, KnownKind> known) {
    return resolve(rows.schema(), () -> rows, dataset, location, known, Set.of());
  }

  /**
   * As above, for rows of the given schema that are planned only if a column must be sampled (planning a
   * CSV partition reads its header with a Spark job).
   */
  static List<ResolvedColumn> resolve(org.apache.spark.sql.types.StructType schema,
      java.util.function.Supplier<Dataset<Row>> sampled, DatasetSpec dataset, String location,
      Map<String, KnownKind> known) {
    return resolve(schema, sampled, dataset, location, known, Set.of());
  }

  /**
   * As above for one scan of a batch of days: a configured column that other scans of the batch have
   * ({@code inOtherScans}) may be missing from this one (a day on which it was renamed or dropped). Those
   * days are profiled without it, and detection judges the schema change; a configured column no scan
   * has is a config error.
   */
  static List<ResolvedColumn> resolve(org.apache.spark.sql.types.StructType schema,
      java.util.function.Supplier<Dataset<Row>> sampled, DatasetSpec dataset, String location,
      Map<String, KnownKind> known, Set<String> inOtherScans) {
    return resolve(schema, sampled, null, dataset, location, known, inOtherScans);
  }

  /**
   * As above, where the sampled day is the first of several read together ({@code later}, all of them): a column
   * with no value on the first day takes its kind from the first values the days after it hold.
   */
  static List<ResolvedColumn> resolve(org.apache.spark.sql.types.StructType schema,
      java.util.function.Supplier<Dataset<Row>> sampled, java.util.function.Supplier<Dataset<Row>> later,
      DatasetSpec dataset, String location, Map<String, KnownKind> known, Set<String> inOtherScans) {
    StructField[] fields = schema.fields();
    Set<String> names = new HashSet<>(Arrays.asList(schema.fieldNames()));
    String columnList = String.join(", ", schema.fieldNames());
    String prefix = "datasets." + dataset.name() + ".";
    for (String key : dataset.primaryKey()) {
      if (!names.contains(key)) {
        throw new DqgateException(prefix + "primary-key: column \"" + key + "\" not found in " + location
            + " (columns: " + columnList + ")");
      }
    }
    dataset.target().ifPresent(target -> {
      if (!names.contains(target)) {
        throw new DqgateException(prefix + "target: column \"" + target + "\" not found in " + location
            + " (columns: " + columnList + ")");
      }
    });
    for (String column : dataset.columns().keySet()) {
      if (!names.contains(column) && !inOtherScans.contains(column)) {
        throw new DqgateException(prefix + "columns." + column + ": column not found in " + location
            + " (columns: " + columnList + ")");
      }
    }

    Map<String, ResolvedColumn> resolved = new LinkedHashMap<>();
    List<String> toSample = new ArrayList<>();
    for (StructField field : fields) {
      ColumnSpec spec = dataset.column(field.name());
      Optional<ResolvedColumn> decided = fromConfigOrType(field, spec, dataset);
      KnownKind before = known.get(field.name());
      if (decided.isEmpty() && before != null && before.sourceType().equals(field.dataType().typeName())) {
        decided = Optional.of(new ResolvedColumn(field.name(), field.dataType(), before.kind(), before.format(),
            spec, true));
      }
      if (decided.isPresent()) {
        resolved.put(field.name(), decided.get());
      } else {
        resolved.put(field.name(), null);
        toSample.add(field.name());
      }
    }
    if (!toSample.isEmpty()) {
      Dataset<Row> rows = sampled.get();
      List<Row> sample = rows
          .select(toSample.stream().map(Sql::column).toArray(org.apache.spark.sql.Column[]::new))
          .limit(dataset.profile().inferenceSampleRows())
          .collectAsList();
      for (int i = 0; i < toSample.size(); i++) {
        String name = toSample.get(i);
        List<String> values = new ArrayList<>(sample.size());
        for (Row row : sample) {
          Object v = row.get(i);
          if (v != null && !v.toString().isBlank()) {
            values.add(v.toString().trim());
          }
        }
        int limit = dataset.profile().inferenceSampleRows();
        if (values.isEmpty() && later != null) {
          values = filledValues(later.get(), name, limit);
        }
        StructField field = schema.apply(name);
        ResolvedColumn column = fromSample(field, dataset.column(name), values, sample.size(), dataset);
        if (later != null && sample.size() < limit && !column.unseen() && column.inferred()
            && (column.kind() == ColumnKind.TEXT || column.kind() == ColumnKind.ID) && !ID_NAME.matcher(name).find()) {
          // a short first day shows every entity of a panel once (forty cities, one row each): the days read
          // with it say whether those values come back, a vocabulary, or keep turning over, text or keys; only
          // that question is theirs to answer, and numbers and formats stay the first day's
          List<String> more = filledValues(later.get(), name, limit);
          if (more.size() > values.size() && categorical(more, dataset.profile())) {
            column = new ResolvedColumn(name, field.dataType(), ColumnKind.CATEGORICAL, Optional.empty(),
                dataset.column(name), true);
          }
        }
        resolved.put(name, column);
      }
    }
    return List.copyOf(resolved.values());
  }

  private static Optional<ResolvedColumn> fromConfigOrType(StructField field, ColumnSpec spec, DatasetSpec ds) {
    DataType type = field.dataType();
    String name = field.name();
    if (spec.kind().isPresent()) {
      ColumnKind kind = spec.kind().get();
      if (kind.isTemporal() && type instanceof StringType && spec.format().isEmpty()) {
        return Optional.empty(); // the format still has to be inferred from the values
      }
      return Optional.of(new ResolvedColumn(name, type, kind,
          type instanceof StringType ? spec.format() : Optional.empty(), spec, false));
    }
    if (ds.primaryKey().contains(name)) {
      return Optional.of(new ResolvedColumn(name, type, ColumnKind.ID, Optional.empty(), spec, true));
    }
    if (type instanceof NumericType) {
      return Optional.of(new ResolvedColumn(name, type, ColumnKind.NUMERIC, Optional.empty(), spec, true));
    }
    if (type instanceof DateType) {
      return Optional.of(new ResolvedColumn(name, type, ColumnKind.DATE, Optional.empty(), spec, true));
    }
    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      return Optional.of(new ResolvedColumn(name, type, ColumnKind.TIMESTAMP, Optional.empty(), spec, true));
    }
    if (type instanceof BooleanType) {
      return Optional.of(new ResolvedColumn(name, type, ColumnKind.CATEGORICAL, Optional.empty(), spec, true));
    }
    if (type instanceof StringType) {
      return Optional.empty();
    }
    // Structs, arrays, maps, binary: nulls and distinct counts only.
    return Optional.of(new ResolvedColumn(name, type, ColumnKind.TEXT, Optional.empty(), spec, true));
  }

  /** Up to {@code limit} of a column's values that are not null or blank, trimmed, in the rows' order. */
  private static List<String> filledValues(Dataset<Row> rows, String name, int limit) {
    org.apache.spark.sql.Column text = Sql.column(name).cast("string");
    return rows.select(functions.trim(text))
        .where(text.isNotNull().and(functions.trim(text).notEqual("")))
        .limit(limit)
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  static ResolvedColumn fromSample(StructField field, ColumnSpec spec, List<String> values, int sampled,
      DatasetSpec ds) {
    ProfileSpec profile = ds.profile();
    String name = field.name();
    if (spec.kind().isPresent()) {
      // A configured date/timestamp kind whose format must come from the values.
      ColumnKind kind = spec.kind().get();
      Optional<String> format = bestDateFormat(values, 0.0, kind);
      return new ResolvedColumn(name, field.dataType(), kind, format, spec, true);
    }
    if (values.isEmpty()) {
      return new ResolvedColumn(name, field.dataType(), ColumnKind.TEXT, Optional.empty(), spec, true, true);
    }
    double numeric = values.stream().filter(v -> NUMBER.matcher(v).matches()).count() / (double) values.size();
    if (numeric >= profile.inferenceMinMatch() && !ID_NAME.matcher(name).find()) {
      return new ResolvedColumn(name, field.dataType(), ColumnKind.NUMERIC, Optional.empty(), spec, true);
    }
    Optional<String> format = bestDateFormat(values, profile.inferenceMinMatch(), null);
    if (format.isPresent()) {
      ColumnKind kind = DateFormats.hasTimeOfDay(format.get()) ? ColumnKind.TIMESTAMP : ColumnKind.DATE;
      return new ResolvedColumn(name, field.dataType(), kind, format, spec, true);
    }
    long distinct = values.stream().distinct().count();
    if (categorical(values, profile)) {
      return new ResolvedColumn(name, field.dataType(), ColumnKind.CATEGORICAL, Optional.empty(), spec, true);
    }
    if (ID_NAME.matcher(name).find() || distinct >= 0.95 * values.size()
        && values.stream().noneMatch(v -> v.contains(" "))) {
      return new ResolvedColumn(name, field.dataType(), ColumnKind.ID, Optional.empty(), spec, true);
    }
    return new ResolvedColumn(name, field.dataType(), ColumnKind.TEXT, Optional.empty(), spec, true);
  }

  /** Whether sampled values are few enough, and repeat enough, to be a vocabulary. */
  private static boolean categorical(List<String> values, ProfileSpec profile) {
    long distinct = values.stream().distinct().count();
    return distinct <= profile.categoricalMaxDistinct()
        && distinct <= Math.max(2, profile.categoricalMaxDistinctRatio() * values.size());
  }

  /**
   * The candidate format that parses the largest share of values, when that share reaches
   * {@code minMatch}. Day-first wins ties with month-first, as candidates are ordered.
   */
  static Optional<String> bestDateFormat(List<String> values, double minMatch, ColumnKind wanted) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    // Every candidate starts with a digit and is 8 to 23 characters long; other values (free text,
    // names) cannot match any of them and are not parsed at all: a failed parse throws, and 10,000 text
    // values times 14 patterns cost seconds per column.
    List<String> dateLike = values.stream()
        .filter(v -> v.length() >= 8 && v.length() <= 23 && Character.isDigit(v.charAt(0))).toList();
    String best = null;
    double bestShare = 0;
    for (String pattern : DateFormats.CANDIDATES) {
      boolean timed = DateFormats.hasTimeOfDay(pattern);
      if (wanted == ColumnKind.DATE && timed || wanted == ColumnKind.TIMESTAMP && !timed) {
        continue;
      }
      DateTimeFormatter formatter = strict(pattern);
      // Stop a pattern as soon as its misses rule out beating the best so far or reaching minMatch: each
      // miss throws, and on a date column the right pattern usually comes first, so the others stop early.
      long ok = 0;
      long missed = values.size() - dateLike.size();
      for (String v : dateLike) {
        if (parses(formatter, v, timed)) {
          ok++;
        } else {
          double reachable = (values.size() - ++missed) / (double) values.size();
          if (reachable <= bestShare || reachable < minMatch) {
            break;
          }
        }
      }
      double share = ok / (double) values.size();
      if (share > bestShare) {
        best = pattern;
        bestShare = share;
      }
    }
    return best != null && bestShare >= minMatch && bestShare > 0 ? Optional.of(best) : Optional.empty();
  }

  static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private static boolean parses(DateTimeFormatter formatter, String value, boolean timed) {
    try {
      if (timed) {
        LocalDateTime.parse(value, formatter);
      } else {
        LocalDate.parse(value, formatter);
      }
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
