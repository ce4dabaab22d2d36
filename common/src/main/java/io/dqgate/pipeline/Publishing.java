package io.dqgate.pipeline;

import io.dqgate.BadConfigException;
import io.dqgate.CommitConflictException;
import io.dqgate.DqgateException;
import io.dqgate.NoProfileException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.GateSpec;
import io.dqgate.config.SourceSpec;
import io.dqgate.files.PartitionFiles;
import io.dqgate.gate.GateFaults;
import io.dqgate.gate.GateMarker;
import io.dqgate.gate.GateResult;
import io.dqgate.gate.PartitionGate;
import io.dqgate.gate.PartitionWriter;
import io.dqgate.gate.SourceFiles;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.source.PartitionReader;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    return new PartitionGate(publishRoot(dataset), dataset.gate(), conf, GateFaults.PAUSE);
  }

  /**
   * Publishes or quarantines the verdict's partition: exactly the files check-files hashed ({@code judged}),
   * each verified again while it is copied. Returns empty when a blocked partition has no quarantine
   * configured: then nothing is copied anywhere.
   */
  static Optional<GateResult> apply(DatasetSpec dataset, LocalDate date, Verdict verdict, String runId,
      Configuration conf, Supplier<SparkSession> spark, List<PartitionFiles.CheckedFile> judged) {
    if (!verdict.dataset().equals(dataset.name()) || !verdict.partitionDate().equals(date)) {
      throw new DqgateException("verdict is for " + verdict.dataset() + "@" + verdict.partitionDate()
          + ", not for " + dataset.name() + "@" + date);
    }
    GateSpec spec = dataset.gate();
    String partition = partitionName(dataset.source(), date);
    PartitionWriter writer = writer(dataset, date, conf, spark, judged);
    GateMarker template = new GateMarker(dataset.name(), date, partition, 0, runId, Instant.now(),
        verdict.status().name(), "", GateMarker.OWN_FOLDER, List.of(), verdict.toJson());
    if (verdict.status() == Status.BLOCK) {
      if (spec.quarantineTo().isEmpty()) {
        return Optional.empty();
      }
      PartitionGate quarantine = new PartitionGate(spec.quarantineTo().get(), spec, conf, GateFaults.PAUSE);
      return Optional.of(quarantine.quarantine(partition, writer, template));
    }
    return Optional.of(publishGate(dataset, conf).publish(partition, writer, template));
  }

  /**
   * The files check-files hashed for the day, stored with it (file metrics). Files checked again after the
   * day was judged were not what the verdict is about. Empty for a table partitioned by a column (no
   * files of its own).
   */
  static List<PartitionFiles.CheckedFile> storedJudgedFiles(DatasetSpec dataset, LocalDate date,
      List<MetricRecord> day, String location) {
    if (dataset.source().partitioning().isEmpty()) {
      return List.of();
    }
    List<PartitionFiles.CheckedFile> files = PartitionFiles.checked(day);
    String name = dataset.name();
    if (files.isEmpty()) {
      throw new NoProfileException("no file checks stored for " + name + "@" + date + " in " + location
          + ": the gate publishes only files that were checked; run check-files and detect (or run) first");
    }
    Optional<Instant> judgedAt = day.stream().filter(m -> m.metric().equals(MetricNames.VERDICT_STATUS))
        .map(MetricRecord::computedAt).findFirst();
    Optional<Instant> checkedAt = day.stream().filter(m -> m.metric().equals(MetricNames.FILE_BYTES))
        .map(MetricRecord::computedAt).max(Comparator.naturalOrder());
    if (judgedAt.isPresent() && checkedAt.isPresent() && checkedAt.get().isAfter(judgedAt.get())) {
      throw new CommitConflictException("the files of " + name + "@" + date + " were checked again ("
          + checkedAt.get() + ") after the day was judged (" + judgedAt.get() + "): run detect again before gating");
    }
    return files;
  }

  private static PartitionWriter writer(DatasetSpec dataset, LocalDate date, Configuration conf,
      Supplier<SparkSession> spark, List<PartitionFiles.CheckedFile> judged) {
    SourceSpec source = dataset.source();
    // A table partitioned by a column has no files of its own to check: its rows are published as read.
    SourceFiles files = source.partitioning().isEmpty() ? null : judgedFiles(dataset, date, conf, judged);
    if (dataset.gate().publishAs() == GateSpec.PublishFormat.FILES) {
      if (files == null) {
        throw new BadConfigException("datasets." + dataset.name() + ".gate.publish-as: files needs a source "
            + "partitioned by folder; a table partitioned by column " + source.partitionColumn().orElseThrow()
            + " is published as parquet");
      }
      return files;
    }
    return new PartitionWriter() {
      @Override
      public List<GateMarker.GatedFile> writeInto(FileSystem fs, Path folder) throws IOException {
        if (files != null) {
          files.verify();
        }
        // The reader leaves out the partition column (the folder name holds it) and Spark's corrupt-record column.
        Dataset<Row> rows = new PartitionReader(spark.get()).read(source, date).rows();
        rows.write().mode("overwrite").parquet(folder.toString());
        if (files != null) {
          files.verify(); // unchanged before and after the read: the rows written are the rows judged
        }
        return SourceFiles.describe(fs, folder);
      }

      @Override
      public String source() {
        return source.partitioning().isPresent() ? source.partitionPath(date)
            : source.path() + " where " + source.partitionColumn().orElseThrow() + " = " + date;
      }
    };
  }

  private static SourceFiles judgedFiles(DatasetSpec dataset, LocalDate date, Configuration conf,
      List<PartitionFiles.CheckedFile> judged) {
    String folder = dataset.source().partitionPath(date);
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(conf);
      List<GateMarker.GatedFile> files = new ArrayList<>();
      String qualified = fs.makeQualified(path).toUri().getPath().replaceAll("/+$", "") + "/";
      String partition = "/" + partitionName(dataset.source(), date) + "/";
      for (PartitionFiles.CheckedFile f : judged) {
        String checked = new Path(f.path()).toUri().getPath();
        String relative;
        if (checked.startsWith(qualified)) {
          relative = checked.substring(qualified.length());
        } else {
          // A landing zone that moved since the check (copied, remounted) keeps the paths below the partition.
          int at = checked.indexOf(partition);
          if (at < 0) {
            throw new DqgateException("gate: judged file " + f.path() + " is not in the partition " + folder);
          }
          relative = checked.substring(at + partition.length());
        }
        files.add(new GateMarker.GatedFile(relative, f.bytes(), f.sha256()));
      }
      return new SourceFiles(folder, files, (sourceFs, dir) -> PartitionFiles.list(sourceFs, dir, dataset), conf);
    } catch (IOException e) {
      throw new DqgateException("gate: cannot open source partition " + folder + ": " + e.getMessage(), e);
    }
  }
}
