package io.dqgate.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A daily feed cut from any table Spark reads (a real dataset): the rows of {@code days} days from
 * {@code start} by a date or timestamp column, one CSV a day, timestamps written {@code yyyy-MM-dd HH:mm:ss}.
 */
public final class TableFeed {
  private TableFeed() {}

  /**
   * A table at {@code path}, read by its name's extension (or, for a folder, its first data file's): Parquet,
   * ORC, JSON lines, CSV or TSV with a header row (types inferred).
   */
  public static Dataset<Row> read(SparkSession spark, String path) {
    String format = format(path);
    return switch (format) {
      case "csv", "tsv" -> spark.read().option("header", true).option("inferSchema", true)
          .option("sep", format.equals("tsv") ? "\t" : ",").csv(path);
      default -> spark.read().format(format).load(path);
    };
  }

  /** The format {@link #read} reads {@code path} as; a path it cannot tell is an error naming it. */
  static String format(String path) {
    Path p = Path.of(path);
    String name = p.getFileName() == null ? path : p.getFileName().toString();
    if (Files.isDirectory(p)) {
      try (Stream<Path> files = Files.list(p)) {
        name = files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".") && !f.startsWith("_"))
            .sorted().findFirst().orElse(name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : EXTENSIONS) {
      if (lower.endsWith(e.getKey())) {
        return e.getValue();
      }
    }
    throw new DqgateException("--table: cannot tell the format of " + path + " (a file or folder of "
        + String.join(", ", EXTENSIONS.stream().map(Map.Entry::getKey).toList()) + ")");
  }

  /** The extensions {@link #read} knows, with the format each is read as, in the order they are tried. */
  private static final List<Map.Entry<String, String>> EXTENSIONS = List.of(Map.entry(".parquet", "parquet"),
      Map.entry(".orc", "orc"), Map.entry(".json", "json"), Map.entry(".jsonl", "json"), Map.entry(".csv", "csv"),
      Map.entry(".tsv", "tsv"));

  /**
   * The column that cuts {@code rows} into days: {@code named} when given (it must exist), else the table's one
   * date or timestamp column; none or several is an error naming the table and the candidates.
   */
  public static String dateColumn(Dataset<Row> rows, Optional<String> named, String table) {
    List<String> columns = List.of(rows.columns());
    if (named.isPresent()) {
      if (!columns.contains(named.get())) {
        throw new DqgateException("--table-date: table " + table + " has no column \"" + named.get()
            + "\" (columns: " + String.join(", ", columns) + ")");
      }
      return named.get();
    }
    List<String> dated = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      if (f.dataType().equals(DataTypes.DateType) || timestamp(f.dataType())) {
        dated.add(f.name());
      }
    }
    if (dated.size() != 1) {
      throw new DqgateException("--table-date: table " + table + " has " + (dated.isEmpty()
          ? "no date or timestamp column" : "several date or timestamp columns (" + String.join(", ", dated) + ")")
          + "; name the one that cuts it into days with --table-date " + table + "=COLUMN");
    }
    return dated.get(0);
  }

  /** The first day of {@code rows} by {@code dateColumn}; a column with no date is an error naming it. */
  public static LocalDate firstDay(Dataset<Row> rows, String dateColumn, String table) {
    Row first = rows.agg(min(to_date(col(dateColumn))).cast("string")).head();
    if (first.isNullAt(0)) {
      throw new DqgateException("--table-date: column " + dateColumn + " of table " + table + " holds no date");
    }
    return LocalDate.parse(first.getString(0));
  }

  private static boolean timestamp(DataType t) {
    return t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType);
  }

  /** Writes the rows of {@code days} days from {@code start}, by {@code dateColumn}, one partition a day. */
  public static void cut(Dataset<Row> rows, String dateColumn, Path root, LocalDate start, int days)
      throws IOException {
    List<Column> columns = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      Column c = col(f.name());
      columns.add((timestamp(f.dataType()) ? date_format(c, "yyyy-MM-dd HH:mm:ss") : c.cast("string")).as(f.name()));
      header.add(f.name());
    }
    columns.add(to_date(col(dateColumn)).cast("string").as("__day"));
    Dataset<Row> window = rows.select(columns.toArray(Column[]::new))
        .where(col("__day").geq(start.toString()).and(col("__day").lt(start.plusDays(days).toString())))
        .orderBy(col("__day"));
    Map<LocalDate, List<String[]>> byDay = new TreeMap<>();
    Iterator<Row> it = window.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      String[] fields = new String[header.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = r.isNullAt(i) ? "" : r.getString(i);
      }
      byDay.computeIfAbsent(LocalDate.parse(r.getString(header.size())), d -> new ArrayList<>()).add(fields);
    }
    for (Map.Entry<LocalDate, List<String[]>> day : byDay.entrySet()) {
      Feeds.writeDay(root.resolve("dt=" + day.getKey()), new CsvTable(header, day.getValue()));
    }
  }
}
