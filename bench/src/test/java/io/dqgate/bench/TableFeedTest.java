package io.dqgate.bench;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Any table as a daily feed: read by its extension, cut by its date column into one CSV a day. */
@ExtendWith(SparkExtension.class)
class TableFeedTest {
  @TempDir
  Path dir;

  private static final StructType SCHEMA = new StructType()
      .add("booked", DataTypes.TimestampType)
      .add("city", DataTypes.StringType)
      .add("price", DataTypes.DoubleType);

  private static Dataset<Row> bookings(SparkSession spark) {
    return spark.createDataFrame(List.of(
        RowFactory.create(Timestamp.valueOf("2024-03-02 23:15:00"), "Oslo", 120.5),
        RowFactory.create(Timestamp.valueOf("2024-03-01 08:00:00"), "Bergen", null),
        RowFactory.create(Timestamp.valueOf("2024-03-01 09:30:00"), "Oslo", 99.0),
        RowFactory.create(Timestamp.valueOf("2024-03-04 10:00:00"), "Tromsø", 150.0)), SCHEMA);
  }

  @Test
  void parquetCutByItsTimestampColumnFromItsFirstDay(SparkSession spark) throws IOException {
    Path table = dir.resolve("bookings.parquet");
    bookings(spark).write().parquet(table.toString());
    Dataset<Row> rows = TableFeed.read(spark, table.toString());
    String column = TableFeed.dateColumn(rows, Optional.empty(), "bookings");
    LocalDate first = TableFeed.firstDay(rows, column, "bookings");
    Path feed = dir.resolve("feed");
    TableFeed.cut(rows, column, feed, first, 3);

    assertThat(column).isEqualTo("booked");
    assertThat(first).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(Files.readAllLines(feed.resolve("dt=2024-03-01").resolve(Feeds.DATA_FILE)))
        .containsExactlyInAnyOrder("booked,city,price", "2024-03-01 08:00:00,Bergen,",
            "2024-03-01 09:30:00,Oslo,99.0");
    assertThat(Files.readAllLines(feed.resolve("dt=2024-03-02").resolve(Feeds.DATA_FILE)))
        .containsExactly("booked,city,price", "2024-03-02 23:15:00,Oslo,120.5");
    assertThat(feed.resolve("dt=2024-03-03")).doesNotExist(); // a day without rows has no partition
    assertThat(feed.resolve("dt=2024-03-04")).doesNotExist(); // past the days asked for
  }

  @Test
  void csvWithATextDateNamedByTheUser(SparkSession spark) throws IOException {
    Path table = dir.resolve("stops.csv");
    Files.writeString(table, "day,kind,count\n2023-05-02,car,3\n2023-05-01,bike,1\n2023-05-02,bike,2\n");
    Dataset<Row> rows = TableFeed.read(spark, table.toString());
    String column = TableFeed.dateColumn(rows, Optional.of("day"), "stops");
    assertThat(TableFeed.firstDay(rows, column, "stops")).isEqualTo(LocalDate.of(2023, 5, 1));
    assertThat(TableFeed.format(dir.resolve("x.tsv").toString())).isEqualTo("tsv");
    assertThat(TableFeed.format(dir.resolve("x.jsonl").toString())).isEqualTo("json");
  }

  @Test
  void whatCannotBeCutIsNamed(SparkSession spark) throws IOException {
    Path table = dir.resolve("two.parquet");
    bookings(spark).withColumn("paid", col("booked")).write().parquet(table.toString());
    Dataset<Row> rows = TableFeed.read(spark, table.toString());

    assertThatThrownBy(() -> TableFeed.dateColumn(rows, Optional.empty(), "two"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--table-date: table two has several date or timestamp columns (booked, paid); name the one "
            + "that cuts it into days with --table-date two=COLUMN");
    assertThatThrownBy(() -> TableFeed.dateColumn(rows, Optional.of("when"), "two"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--table-date: table two has no column \"when\" (columns: booked, city, price, paid)");
    assertThatThrownBy(() -> TableFeed.firstDay(rows, "city", "two"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("--table-date: column city of table two holds no date");
    assertThatThrownBy(() -> TableFeed.format(dir.resolve("notes.txt").toString()))
        .isInstanceOf(DqgateException.class)
        .hasMessageContaining("--table: cannot tell the format of " + dir.resolve("notes.txt"));
  }
}
