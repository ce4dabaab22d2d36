package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition folder templates and the source that uses them. */
class PartitionTemplateTest {
  private static final LocalDate DAY = LocalDate.of(2024, 3, 5);
  private static final String KEY = "datasets.applications.source.partitioning";

  @TempDir Path dir;

  private SourceSpec source(String body) {
    Path file = dir.resolve("application.conf");
    try {
      Files.writeString(file, "datasets.applications.source { " + body + " }\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DqgateConfig.load(file.toFile(), Map.of()).dataset("applications").source();
  }

  private static String expand(String template) {
    return PartitionTemplate.parse(KEY, template).expand(DAY);
  }

  private static void assertTemplateFails(String template, String message) {
    assertThatThrownBy(() -> PartitionTemplate.parse(KEY, template))
        .isInstanceOf(DqgateException.class)
        .hasMessage(message);
  }

  @Test
  void datePlaceholderIsIsoDate() {
    assertThat(expand("dt={date}")).isEqualTo("dt=2024-03-05");
  }

  @Test
  void anyOtherPlaceholderIsADateTimePattern() {
    assertThat(expand("year={yyyy}/month={MM}/day={dd}")).isEqualTo("year=2024/month=03/day=05");
    assertThat(expand("{yyyyMMdd}")).isEqualTo("20240305");
    assertThat(expand("ingest/{yyyy}/{date}/")).isEqualTo("ingest/2024/2024-03-05/");
    assertThat(expand("day={d}")).isEqualTo("day=5");
  }

  @Test
  void toStringIsTheTemplateAsWritten() {
    assertThat(PartitionTemplate.parse(KEY, "year={yyyy}/day={dd}")).hasToString("year={yyyy}/day={dd}");
  }

  @Test
  void templateWithoutPlaceholder() {
    assertTemplateFails("daily",
        KEY + ": must contain a date placeholder such as {date} or {yyyy}, was \"daily\"");
    assertTemplateFails("dt={date",
        KEY + ": must contain a date placeholder such as {date} or {yyyy}, was \"dt={date\"");
  }

  @Test
  void absoluteTemplate() {
    assertTemplateFails("/dt={date}", KEY + ": must be relative to source.path, was \"/dt={date}\"");
  }

  @Test
  void badPattern() {
    assertTemplateFails("dt={bogus}", KEY + ": not a date pattern: {bogus} in \"dt={bogus}\"");
    assertTemplateFails("dt={}", KEY + ": not a date pattern: {} in \"dt={}\"");
  }

  @Test
  void patternThatADateCannotFillIsRejectedUpFront() {
    // HH is a valid pattern, but a day's date has no hour: expanding it would fail at run time.
    assertTemplateFails("dt={date}/hour={HH}", KEY + ": not a date pattern: {HH} in \"dt={date}/hour={HH}\"");
  }

  @Test
  void templateErrorsFromTheConfigNameTheFullKey() {
    assertThatThrownBy(() -> source("path = \"/data\", partitioning = \"latest\""))
        .isInstanceOf(DqgateException.class)
        .hasMessage(KEY + ": must contain a date placeholder such as {date} or {yyyy}, was \"latest\"");
  }

  @Test
  void partitionPathWithAndWithoutTrailingSlash() {
    assertThat(source("path = \"/data/applications\"").partitionPath(DAY))
        .isEqualTo("/data/applications/dt=2024-03-05");
    assertThat(source("path = \"/data/applications/\"").partitionPath(DAY))
        .isEqualTo("/data/applications/dt=2024-03-05");
    assertThat(source("path = \"hdfs://nn:8020/feeds/apps/\", partitioning = \"year={yyyy}/month={MM}/day={dd}\"")
        .partitionPath(DAY)).isEqualTo("hdfs://nn:8020/feeds/apps/year=2024/month=03/day=05");
  }

  @Test
  void partitionColumnInsteadOfPartitioning() {
    SourceSpec source = source("path = \"/warehouse/applications\", format = parquet, "
        + "partition-column = snapshot_date");

    assertThat(source.partitionColumn()).hasValue("snapshot_date");
    assertThat(source.partitioning()).isEmpty();
    assertThatThrownBy(() -> source.partitionPath(DAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("source is partitioned by column, not by folder");
  }

  @Test
  void sourceNeedsExactlyOneWayToFindAPartition() {
    PartitionTemplate template = PartitionTemplate.parse(KEY, "dt={date}");
    assertThatThrownBy(() -> new SourceSpec("/data", SourceFormat.CSV, Optional.of(template),
        Optional.of("dt"), Map.of()))
        .isInstanceOf(DqgateException.class)
        .hasMessage("source: exactly one of partitioning and partition-column must be set");
    assertThatThrownBy(() -> new SourceSpec("/data", SourceFormat.CSV, Optional.empty(), Optional.empty(),
        Map.of()))
        .isInstanceOf(DqgateException.class)
        .hasMessage("source: exactly one of partitioning and partition-column must be set");
  }

  @Test
  void formatsAreCaseInsensitiveAndKnowWhetherTheyAreTyped() {
    assertThat(source("path = \"/d\", format = TSV").format()).isEqualTo(SourceFormat.TSV);
    assertThat(SourceFormat.CSV.isUntyped()).isTrue();
    assertThat(SourceFormat.JSON.isUntyped()).isFalse();
    assertThat(SourceFormat.JSON.isText()).isTrue();
    assertThat(SourceFormat.ORC.isText()).isFalse();
    assertThat(SourceFormat.choices()).isEqualTo("csv, tsv, json, parquet, orc");
  }
}
