package io.dqgate.pipeline;

import io.dqgate.BadConfigException;
import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.GateSpec;
import io.dqgate.config.SourceSpec;
import io.dqgate.gate.GateFaults;
import io.dqgate.gate.GateMarker;
import io.dqgate.gate.GateResult;
import io.dqgate.gate.PartitionGate;
import io.dqgate.gate.PartitionWriter;
import io.dqgate.gate.SourceFiles;
import io.dqgate.source.PartitionReader;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The gate step: PASS/WARN publishes the partition to {@code gate.publish-to}, BLOCK copies it to
 * {@code gate.quarantine-to}; and where a dataset's partitions are published, for history and rollback.
 */
public final class Publishing {
  private Publishing() {}

  /** The partition's folder name below the publish root, e.g. {@code dt=2026-08-05}. */
  public static String partitionName(SourceSpec source, LocalDate date) {
    return source.partitioning().map(t -> t.expand(date))
        .orElseGet(() -> source.partitionColumn().orElseThrow() + "=" + date);
  }

  /** The feature-store location, or an error naming the key. */
  public static String publishRoot(DatasetSpec dataset) {
    return dataset.gate().publishTo().orElseThrow(() -> new BadConfigException("datasets." + dataset.name()
        + ".gate.publish-to: not set (or --publish-to DIR): the feature-store location is needed to publish"));
  }

  /** The gate of the feature store, for publishing, history and rollback. */
  public static PartitionGate publishGate(DatasetSpec dataset, Configuration conf) {
    return new PartitionGate(publishRoot(dataset), dataset.gate(), conf, GateFaults.NONE);
  }

  /**
   * Publishes or quarantines the verdict's partition. Returns empty when a blocked partition has no
   * quarantine configured: then nothing is copied anywhere.
   */
  static Optional<GateResult> apply(DatasetSpec dataset, LocalDate date, Verdict verdict, String runId,
      Configuration conf, Supplier<SparkSession> spark) {
    if (!verdict.dataset().equals(dataset.name()) || !verdict.partitionDate().equals(date)) {
      throw new DqgateException("verdict is for " + verdict.dataset() + "@" + verdict.partitionDate()
          + ", not for " + dataset.name() + "@" + date);
    }
    GateSpec spec = dataset.gate();
    String partition = partitionName(dataset.source(), date);
    PartitionWriter writer = writer(dataset, date, conf, spark);
    GateMarker template = new GateMarker(dataset.name(), date, partition, 0, runId, Instant.now(),
        verdict.status().name(), "", GateMarker.OWN_FOLDER, List.of(), verdict.toJson());
    if (verdict.status() == Status.BLOCK) {
      if (spec.quarantineTo().isEmpty()) {
        return Optional.empty();
      }
      PartitionGate quarantine = new PartitionGate(spec.quarantineTo().get(), spec, conf, GateFaults.NONE);
      return Optional.of(quarantine.quarantine(partition, writer, template));
    }
    return Optional.of(publishGate(dataset, conf).publish(partition, writer, template));
  }

  private static PartitionWriter writer(DatasetSpec dataset, LocalDate date, Configuration conf,
      Supplier<SparkSession> spark) {
    SourceSpec source = dataset.source();
    if (dataset.gate().publishAs() == GateSpec.PublishFormat.FILES) {
      if (source.partitioning().isEmpty()) {
        throw new BadConfigException("datasets." + dataset.name() + ".gate.publish-as: files needs a source "
            + "partitioned by folder; a table partitioned by column " + source.partitionColumn().orElseThrow()
            + " is published as parquet");
      }
      return new SourceFiles(source.partitionPath(date), conf);
    }
    return new PartitionWriter() {
      @Override
      public List<GateMarker.GatedFile> writeInto(FileSystem fs, Path folder) throws IOException {
        // The reader leaves out the partition column (the folder name holds it) and Spark's corrupt-record column.
        new PartitionReader(spark.get()).read(source, date).rows().write().mode("overwrite").parquet(folder.toString());
        return SourceFiles.describe(fs, folder);
      }

      @Override
      public String source() {
        return source.partitioning().isPresent() ? source.partitionPath(date)
            : source.path() + " where " + source.partitionColumn().orElseThrow() + " = " + date;
      }
    };
  }
}
