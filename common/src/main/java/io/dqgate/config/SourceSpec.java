package io.dqgate.config;

import io.dqgate.BadConfigException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a dataset's partitions live and how to read them. A partition is either a folder found by
 * expanding {@code partitioning} (for example {@code dt={date}} or {@code year={yyyy}/month={MM}/day={dd}})
 * below {@code path}, or, when {@code partition-column} is set, the rows of the table at {@code path}
 * whose column equals the date.
 */
public record SourceSpec(
    String path,
    SourceFormat format,
    Optional<PartitionTemplate> partitioning,
    Optional<String> partitionColumn,
    Map<String, String> options) {

  static final Set<String> KEYS = Set.of("path", "format", "partitioning", "partition-column", "options");

  public SourceSpec {
    options = Map.copyOf(options);
    if (partitioning.isPresent() == partitionColumn.isPresent()) {
      throw new BadConfigException("source: exactly one of partitioning and partition-column must be set");
    }
  }

  static SourceSpec from(ConfigReader reader) {
    reader.requireOnly(KEYS);
    String path = reader.string("path");
    SourceFormat format = SourceFormat.parse(reader.path("format"), reader.string("format"));
    Optional<String> column = reader.optionalString("partition-column");
    Optional<PartitionTemplate> template = column.isPresent()
        ? Optional.empty()
        : Optional.of(PartitionTemplate.parse(reader.path("partitioning"), reader.string("partitioning")));
    Map<String, String> options = reader.stringMap("options");
    return new SourceSpec(path, format, template, column, options);
  }

  /** Whether the source sets any of the reader options {@code names} (Spark's option names ignore case). */
  public boolean setsOption(String... names) {
    return options.keySet().stream().anyMatch(k -> java.util.Arrays.stream(names).anyMatch(k::equalsIgnoreCase));
  }

  /** The folder that holds one date's partition; only for folder-partitioned sources. */
  public String partitionPath(LocalDate date) {
    PartitionTemplate template = partitioning.orElseThrow(
        () -> new IllegalStateException("source is partitioned by column, not by folder"));
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return base + "/" + template.expand(date);
  }
}
