package io.dqgate.repository;

import io.dqgate.DqgateException;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricRecord;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The metrics repository as a Hive-style partitioned Parquet table on any Hadoop file system:
 * {@code <root>/dataset=<name>/partition_date=<yyyy-MM-dd>/metrics.parquet}, one file per day, so that
 * {@code spark.read.parquet(root)} sees columns dataset, partition_date, run_id, computed_at, entity,
 * instance, metric, value, detail.
 *
 * <p>Writing a day stages the whole file under {@code <root>/_staging} (hidden from Spark) and commits it
 * with one rename that replaces the previous file: atomic on HDFS (rename with OVERWRITE) and on local
 * disks (POSIX rename). On object stores, where rename is a copy, the commit is a delete followed by a
 * rename and a reader may briefly see the day missing, never half of it.
 *
 * <p>The repository does not need Spark: the CLI's {@code metrics} command and detection read it directly.
 */
public final class ParquetMetricsRepository implements MetricsRepository {
  static final String DAY_FILE = "metrics.parquet";
  static final String STAGING = "_staging";

  static final MessageType SCHEMA = Types.buildMessage()
      .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("run_id")
      .required(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named("computed_at")
      .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("entity")
      .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("instance")
      .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("metric")
      .optional(PrimitiveTypeName.DOUBLE).named("value")
      .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("detail")
      .named("dqgate_metric");

  private final Path root;
  private final Configuration conf;
  private final FileSystem fs;
  private final CommitHook commitHook;

  /** Called between staging and commit; tests use it to fail there. */
  @FunctionalInterface
  public interface CommitHook {
    void beforeCommit(Path staged, Path target) throws IOException;

    CommitHook NONE = (staged, target) -> {};
  }

  public ParquetMetricsRepository(String location, Configuration conf) {
    this(location, conf, CommitHook.NONE);
  }

  public ParquetMetricsRepository(String location, Configuration conf, CommitHook commitHook) {
    this.conf = new Configuration(conf);
    this.commitHook = commitHook;
    Path path = new Path(location);
    try {
      // Our own instance: checksum writing is switched off on it, which must not leak into Spark's.
      FileSystem shared = path.getFileSystem(this.conf);
      this.fs = FileSystem.newInstance(shared.getUri(), this.conf);
      this.root = fs.makeQualified(path);
    } catch (IOException e) {
      throw new DqgateException("repository.path: cannot open " + location + ": " + e.getMessage(), e);
    }
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
  }

  @Override
  public String location() {
    return root.toString();
  }

  Path dayDir(String dataset, LocalDate date) {
    return new Path(new Path(root, "dataset=" + dataset), "partition_date=" + date);
  }

  @Override
  public void replaceDay(String dataset, LocalDate date, List<MetricRecord> records) {
    for (MetricRecord r : records) {
      if (!r.dataset().equals(dataset) || !r.partitionDate().equals(date)) {
        throw new IllegalArgumentException("record for " + r.dataset() + "@" + r.partitionDate()
            + " in a write of " + dataset + "@" + date);
      }
    }
    Path staged = new Path(new Path(root, STAGING), dataset + "-" + date + "-" + UUID.randomUUID() + ".parquet");
    Path target = new Path(dayDir(dataset, date), DAY_FILE);
    try {
      write(staged, records);
      commitHook.beforeCommit(staged, target);
      io.dqgate.PausePoints.reach("repository.before-commit");
      fs.mkdirs(target.getParent());
      commit(staged, target);
    } catch (IOException e) {
      throw new DqgateException("repository " + root + ": cannot write " + dataset + "@" + date + ": "
          + e.getMessage(), e);
    } finally {
      try {
        fs.delete(staged, false);
        // The writer goes through Hadoop's shared (checksummed) file system, which leaves a .crc next to the
        // staged file; once the file is renamed away, delete(staged) no longer removes that checksum.
        if (fs instanceof ChecksumFileSystem checksummed) {
          checksummed.getRawFileSystem().delete(checksummed.getChecksumFile(staged), false);
        }
      } catch (IOException ignored) {
        // A leftover staged file is hidden from readers and replaced by the next write.
      }
    }
  }

  private void write(Path staged, List<MetricRecord> records) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(staged, conf))
        .withType(SCHEMA)
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (MetricRecord r : records) {
        Group g = groups.newGroup()
            .append("run_id", r.runId())
            .append("computed_at", epochMicros(r.computedAt()))
            .append("entity", r.entity().label())
            .append("instance", r.instance())
            .append("metric", r.metric());
        if (!Double.isNaN(r.value())) {
          g.append("value", r.value());
        }
        if (r.detail() != null) {
          g.append("detail", r.detail());
        }
        writer.write(g);
      }
    }
  }

  /** Microseconds since the epoch, sub-microsecond digits dropped (floor, also before 1970). */
  static long epochMicros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }

  /** Replaces {@code target} by {@code staged} in one step where the file system allows it. */
  private void commit(Path staged, Path target) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      java.nio.file.Path from = local.pathToFile(staged).toPath();
      java.nio.file.Path to = local.pathToFile(target).toPath();
      // Checksums are off for our files; a stale .crc from another writer would make readers fail.
      Files.deleteIfExists(to.resolveSibling("." + to.getFileName() + ".crc"));
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else if ("hdfs".equals(fs.getScheme())) {
      FileContext.getFileContext(fs.getUri(), conf).rename(staged, target, Options.Rename.OVERWRITE);
    } else {
      fs.delete(target, false);
      if (!fs.rename(staged, target)) {
        throw new IOException("rename " + staged + " -> " + target + " failed");
      }
    }
  }

  @Override
  public List<MetricRecord> loadDay(String dataset, LocalDate date) {
    Path file = new Path(dayDir(dataset, date), DAY_FILE);
    for (int attempt = 1; ; attempt++) {
      FileStatus before = null;
      try {
        before = status(file);
        if (before == null) {
          return List.of();
        }
        return read(file, dataset, date);
      } catch (IOException | RuntimeException e) {
        // The reader takes the file's length, then opens it by name: a replace in between pairs the old
        // length with the new file ("Cannot seek after EOF" on HDFS, "not a Parquet file" locally). The day
        // itself is whole; read it again.
        if (attempt < READ_ATTEMPTS && replacedSince(file, before)) {
          continue;
        }
        throw new DqgateException("repository " + root + ": cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static final int READ_ATTEMPTS = 5;

  private FileStatus status(Path file) throws IOException {
    try {
      return fs.getFileStatus(file);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private boolean replacedSince(Path file, FileStatus before) {
    try {
      FileStatus now = status(file);
      return before != null && (now == null || now.getLen() != before.getLen()
          || now.getModificationTime() != before.getModificationTime());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public List<MetricRecord> loadRange(String dataset, LocalDate fromInclusive, LocalDate toExclusive) {
    List<MetricRecord> out = new ArrayList<>();
    for (LocalDate day : days(dataset)) {
      if (!day.isBefore(fromInclusive) && day.isBefore(toExclusive)) {
        out.addAll(loadDay(dataset, day));
      }
    }
    return out;
  }

  @Override
  public List<LocalDate> days(String dataset) {
    Path datasetDir = new Path(root, "dataset=" + dataset);
    List<LocalDate> days = new ArrayList<>();
    try {
      for (FileStatus status : fs.listStatus(datasetDir)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && name.startsWith("partition_date=")) {
          try {
            LocalDate day = LocalDate.parse(name.substring("partition_date=".length()));
            if (fs.exists(new Path(status.getPath(), DAY_FILE))) {
              days.add(day);
            }
          } catch (DateTimeParseException ignored) {
            // Not ours.
          }
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new DqgateException("repository " + root + ": cannot list " + datasetDir + ": " + e.getMessage(), e);
    }
    days.sort(Comparator.naturalOrder());
    return days;
  }

  private List<MetricRecord> read(Path file, String dataset, LocalDate date) throws IOException {
    List<MetricRecord> out = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        HadoopInputFile.fromPath(file, conf).getPath()).withConf(conf).build()) {
      Group g;
      while ((g = reader.read()) != null) {
        long micros = g.getLong("computed_at", 0);
        out.add(new MetricRecord(
            dataset,
            date,
            g.getString("run_id", 0),
            Instant.EPOCH.plusNanos(TimeUnit.MICROSECONDS.toNanos(micros)),
            Entity.fromLabel(g.getString("entity", 0)),
            g.getString("instance", 0),
            g.getString("metric", 0),
            g.getFieldRepetitionCount("value") == 0 ? Double.NaN : g.getDouble("value", 0),
            g.getFieldRepetitionCount("detail") == 0 ? null : g.getString("detail", 0)));
      }
    }
    return out;
  }

  /** Opens the repository at {@code location} with a default Hadoop configuration. */
  public static ParquetMetricsRepository open(String location) {
    return new ParquetMetricsRepository(location, new Configuration());
  }
}
