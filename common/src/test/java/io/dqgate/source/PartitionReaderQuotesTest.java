package io.dqgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DqgateConfig;
import io.dqgate.config.SourceSpec;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quote inside a quoted CSV or TSV field, with no reader option set: doubled as RFC 4180 writes it, or after a
 * backslash as Spark's writer does. Either way the field keeps its text and the fields after it their columns; a
 * quoted field may hold line breaks.
 */
@ExtendWith(SparkExtension.class)
class PartitionReaderQuotesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 5);

  @TempDir
  Path dir;

  @Test
  void aDoubledQuoteStaysInItsField(SparkSession spark) throws IOException {
    List<Row> rows = read(spark, "csv", "", """
        id,remarks,speed,sky
        1,"TOWER SAID THERE WERE ""PIGEONS"" 1500' DOWN, SO WE WENT ON",140,Some Cloud
        2,"plain, with a comma",120,No Cloud
        3,"",90,Overcast
        """);

    assertThat(rows).extracting(r -> r.getString(1)).containsExactly(
        "TOWER SAID THERE WERE \"PIGEONS\" 1500' DOWN, SO WE WENT ON", "plain, with a comma", null);
    assertThat(rows).extracting(r -> r.getString(2)).containsExactly("140", "120", "90");
    assertThat(rows).extracting(r -> r.getString(3)).containsExactly("Some Cloud", "No Cloud", "Overcast");
  }

  @Test
  void aQuoteAfterABackslashStaysInItsField(SparkSession spark) throws IOException {
    List<Row> rows = read(spark, "csv", "", """
        id,remarks,speed,sky
        1,"TOWER SAID THERE WERE \\"PIGEONS\\" 1500' DOWN, SO WE WENT ON",140,Some Cloud
        2,"plain, with a comma",120,No Cloud
        """);

    assertThat(rows).extracting(r -> r.getString(1)).containsExactly(
        "TOWER SAID THERE WERE \"PIGEONS\" 1500' DOWN, SO WE WENT ON", "plain, with a comma");
    assertThat(rows).extracting(r -> r.getString(3)).containsExactly("Some Cloud", "No Cloud");
  }

  @Test
  void aTsvFieldWithDoubledQuotesKeepsItsTabs(SparkSession spark) throws IOException {
    List<Row> rows = read(spark, "tsv", "", "id\tremarks\tsky\n1\t\"a \"\"quoted\"\"\tword\"\tClear\n");

    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.getString(1)).isEqualTo("a \"quoted\"\tword");
      assertThat(r.getString(2)).isEqualTo("Clear");
    });
  }

  @Test
  void anEscapeTheSourceSetsIsTheOneUsed(SparkSession spark) throws IOException {
    // a source that says a backslash escapes quotes reads a doubled quote as Spark's own default does: the
    // field as written, its quotes kept
    List<Row> rows = read(spark, "csv", ", options { escape = \"\\\\\" }", """
        id,remarks,sky
        1,"x ""y"" z",Clear
        """);

    assertThat(rows).singleElement().satisfies(r -> assertThat(r.getString(1)).isEqualTo("\"x \"\"y\"\" z\""));
  }

  @Test
  void aQuotedFieldMaySpanLines(SparkSession spark) throws IOException {
    List<Row> rows = read(spark, "csv", "",
        "id,remarks,sky\n1,\"TOWER SAID:\n\"\"BIRDS, 1500' DOWN\"\"\",Some Cloud\n2,plain,No Cloud\n");

    assertThat(rows).extracting(r -> r.getString(1))
        .containsExactly("TOWER SAID:\n\"BIRDS, 1500' DOWN\"", "plain");
    assertThat(rows).extracting(r -> r.getString(2)).containsExactly("Some Cloud", "No Cloud");
  }

  @Test
  void aSourceReadingOneLineARecordBreaksAQuotedFieldThatSpansLines(SparkSession spark) throws IOException {
    List<Row> rows = read(spark, "csv", ", options { multiLine = false }", """
        id,remarks,sky
        1,"TOWER SAID:
        BIRDS",Some Cloud
        """);

    assertThat(rows).hasSize(2);
  }

  private List<Row> read(SparkSession spark, String format, String options, String text) throws IOException {
    Path feed = dir.resolve("feed");
    Path day = feed.resolve("dt=" + DAY);
    Files.createDirectories(day);
    Files.writeString(day.resolve("part-00000." + format), text);
    Path conf = dir.resolve("reader.conf");
    Files.writeString(conf, """
        datasets.strikes {
          source { path = "%s", format = %s, partitioning = "dt={date}"%s }
        }
        """.formatted(feed, format, options));
    SourceSpec source = DqgateConfig.load(conf.toFile(), Map.of()).dataset("strikes").source();
    return new PartitionReader(spark).read(source, DAY).rows().orderBy("id").collectAsList();
  }
}
