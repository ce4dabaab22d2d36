package io.dqgate.config;

import java.util.Optional;
import java.util.Set;

/**
 * Where a gated partition goes: the feature store on PASS/WARN, quarantine on BLOCK; see reference.conf
 * (dataset-defaults.gate).
 *
 * @param keepVersions published versions of a partition kept for rollback, the live one included
 * @param publishAs {@code files}: the partition's files copied as they are; {@code parquet}: the partition's
 *     rows written as Parquet (the only way for a source partitioned by a column); configured {@code auto},
 *     it is files for a source partitioned by folder and parquet for one partitioned by a column
 * @param commit {@code rename}: the new version replaces the live folder by renames (local disk, HDFS);
 *     {@code marker}: versions stay in their own folders and the partition folder holds only a marker
 *     naming the live version's files, rewritten in one write (object stores, where rename is a copy);
 *     {@code auto}: marker on s3a/s3/gs/abfs/wasb/oss, rename elsewhere
 */
public record GateSpec(Optional<String> publishTo, Optional<String> quarantineTo, int keepVersions,
    PublishFormat publishAs, CommitMode commit) {

  public enum PublishFormat { FILES, PARQUET }

  public enum CommitMode { AUTO, RENAME, MARKER }

  static final Set<String> KEYS = Set.of("publish-to", "quarantine-to", "keep-versions", "publish-as", "commit");

  static GateSpec from(ConfigReader r, SourceSpec source) {
    r.requireOnly(KEYS);
    int keep = r.integer("keep-versions");
    if (keep < 1) {
      throw r.errorAt("keep-versions", "must be at least 1 (the live version), was " + keep);
    }
    String as = r.string("publish-as");
    boolean byFolder = source.partitioning().isPresent();
    PublishFormat format = switch (as) {
      case "auto" -> byFolder ? PublishFormat.FILES : PublishFormat.PARQUET;
      case "files" -> PublishFormat.FILES;
      case "parquet" -> PublishFormat.PARQUET;
      default -> throw r.errorAt("publish-as", "must be auto, files or parquet, was \"" + as + "\"");
    };
    if (format == PublishFormat.FILES && !byFolder) {
      throw r.errorAt("publish-as", "files needs a source partitioned by folder, but source.partition-column is "
          + source.partitionColumn().orElseThrow() + " (publish it as parquet or auto), was \"files\"");
    }
    String mode = r.string("commit");
    CommitMode commit = switch (mode) {
      case "auto" -> CommitMode.AUTO;
      case "rename" -> CommitMode.RENAME;
      case "marker" -> CommitMode.MARKER;
      default -> throw r.errorAt("commit", "must be auto, rename or marker, was \"" + mode + "\"");
    };
    return new GateSpec(r.optionalString("publish-to"), r.optionalString("quarantine-to"), keep, format, commit);
  }
}
