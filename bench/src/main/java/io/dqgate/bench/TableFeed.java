package io.dqgate.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.to_date;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  public static void cut(SparkSession spark, String table, String format, String dateColumn, Path root,
      LocalDate start, int days) throws IOException {
    Dataset<Row> rows = spark.read().format(format).load(table);
    List<Column> columns = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      DataType t = f.dataType();
      boolean timestamp = t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType);
      columns.add((timestamp ? date_format(col(f.name()), "yyyy-MM-dd HH:mm:ss") : col(f.name()).cast("string"))
          .as(f.name()));
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
