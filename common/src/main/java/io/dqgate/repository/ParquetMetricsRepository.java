package io.dqgate.repository;

import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.UnreadableInputException;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.parquet.hadoop.ParquetFileReader;
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
 * The metrics repository as a Hive-style partitioned Parquet table on any Hadoop file system, one file per
 * owner of a day: {@code <root>/dataset=<name>/partition_date=<yyyy-MM-dd>/<owner>.parquet} with owner
 * {@code files}, {@code profile}, {@code verdict}, {@code label} or {@code calibration}, so that
 * {@code spark.read.parquet(root)} sees columns dataset, partition_date, run_id, computed_at, entity,
 * instance, metric, value, detail over every owner. Each file carries the writer's {@link Provenance} as
 * Parquet key-value metadata.
 *
 * <p>Writing an owner's records stages its file under {@code <root>/_staging} (hidden from Spark) as
 * {@code <dataset>.<date>.<owner>.<uuid>.parquet} and commits it with one rename that replaces the owner's
 * previous file: atomic on HDFS (rename with OVERWRITE) and on local disks (POSIX rename). On object stores,
 * where rename is a copy, the commit is a delete followed by a rename and a reader may briefly see that
 * owner's records missing, never half of them. A staged file a killed writer left behind is deleted by the
 * next successful write of the same day and owner. Two writers of the same owner and day: the last commit
 * wins.
 *
 * <p>A day written before owners had their own files is one {@code metrics.parquet}: it is read split by
 * {@link RecordOwner#of}, an owner's own file taking the place of its share, and removed once every owner
 * it held has its own file.
 *
 * <p>The repository does not need Spark: the CLI's {@code metrics} command and detection read it directly.
 */
public final class ParquetMetricsRepository implements MetricsRepository {
  /** The single file of a day written before each owner had its own. */
  static final String LEGACY_DAY_FILE = "metrics.parquet";
  static final String STAGING = "_staging";
  private static final String PARQUET = ".parquet";

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
  private final Provenance writer;
  private final CommitHook commitHook;

  /** Called between staging and commit; tests use it to fail there. */
  @FunctionalInterface
  public interface CommitHook {
    void beforeCommit(Path staged, Path target) throws IOException;

    CommitHook NONE = (staged, target) -> {};
  }

  /** A repository whose writes record no run, build or config (readers, tests). */
  public ParquetMetricsRepository(String location, Configuration conf) {
    this(location, conf, new Provenance(null, null, null, null), CommitHook.NONE);
  }

  public ParquetMetricsRepository(String location, Configuration conf, CommitHook commitHook) {
    this(location, conf, new Provenance(null, null, null, null), commitHook);
  }

  /** A repository whose every write records {@code writer} in the file it commits. */
  public ParquetMetricsRepository(String location, Configuration conf, Provenance writer) {
    this(location, conf, writer, CommitHook.NONE);
  }

  public ParquetMetricsRepository(String location, Configuration conf, Provenance writer, CommitHook commitHook) {
    this.conf = new Configuration(conf);
    this.writer = writer;
    this.commitHook = commitHook;
    Path path = new Path(location);
    try {
      // Our own instance: checksum writing is switched off on it, which must not leak into Spark's.
      FileSystem shared = path.getFileSystem(this.conf);
      this.fs = FileSystem.newInstance(shared.getUri(), this.conf);
      this.root = fs.makeQualified(path);
    } catch (IOException | RuntimeException e) {
      throw new UnreadableInputException("repository.path: cannot open " + location + ": " + e.getMessage(), e);
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

  /** The name of {@code owner}'s file in a day folder, e.g. {@code profile.parquet}. */
  public static String fileOf(RecordOwner owner) {
    return owner.label() + PARQUET;
  }

  /** Staged files of one day and owner start with this; dataset names hold no dot, so it is unambiguous. */
  static String stagedPrefix(String dataset, LocalDate date, RecordOwner owner) {
    return dataset + "." + date + "." + owner.label() + ".";
  }

  @Override
  public void replaceOwned(RecordOwner owner, String dataset, LocalDate date, List<MetricRecord> records) {
    for (MetricRecord r : records) {
      if (!r.dataset().equals(dataset) || !r.partitionDate().equals(date)) {
        throw new IllegalArgumentException("record for " + r.dataset() + "@" + r.partitionDate()
            + " in a write of " + dataset + "@" + date);
      }
      if (RecordOwner.of(r) != owner) {
        throw new IllegalArgumentException("record " + r.metric() + " of " + r.instance() + " belongs to "
            + RecordOwner.of(r).label() + ", not to " + owner.label());
      }
    }
    Path staging = new Path(root, STAGING);
    Path staged = new Path(staging, stagedPrefix(dataset, date, owner) + UUID.randomUUID() + PARQUET);
    Path target = new Path(dayDir(dataset, date), fileOf(owner));
    long stagedAt;
    try {
      write(staged, records);
      stagedAt = fs.getFileStatus(staged).getModificationTime();
      commitHook.beforeCommit(staged, target);
      io.dqgate.PausePoints.reach("repository.before-commit");
      fs.mkdirs(target.getParent());
      commit(staged, target);
    } catch (IOException e) {
      throw new DqgateException("repository " + root + ": cannot write " + owner.label() + " of " + dataset + "@"
          + date + ": " + e.getMessage(), e);
    } finally {
      deleteStaged(staged);
    }
    deleteLeftovers(staging, stagedPrefix(dataset, date, owner), stagedAt);
    retireLegacyFile(dataset, date);
  }

  private void deleteStaged(Path staged) {
    try {
      fs.delete(staged, false);
      // The writer goes through Hadoop's shared (checksummed) file system, which leaves a .crc next to the
      // staged file; once the file is renamed away, delete(staged) no longer removes that checksum.
      if (fs instanceof ChecksumFileSystem checksummed) {
        checksummed.getRawFileSystem().delete(checksummed.getChecksumFile(staged), false);
      }
    } catch (IOException ignored) {
      // A leftover staged file is hidden from readers; the next write of this day and owner deletes it.
    }
  }

  /**
   * Deletes what killed writers of the same day and owner staged: files older than the one just committed.
   * A writer of the same owner still staging at this moment may lose its file and then fails its own
   * commit; the commit just made stands.
   */
  private void deleteLeftovers(Path staging, String prefix, long stagedAt) {
    try {
      for (FileStatus s : fs.listStatus(staging, p -> p.getName().startsWith(prefix)
          && p.getName().endsWith(PARQUET))) {
        if (s.getModificationTime() < stagedAt) {
          deleteStaged(s.getPath());
        }
      }
    } catch (IOException ignored) {
      // Leftovers stay hidden from readers; the next write tries again.
    }
  }

  /** Removes a day's {@link #LEGACY_DAY_FILE} once every owner it holds has its own file. */
  private void retireLegacyFile(String dataset, LocalDate date) {
    Path legacy = new Path(dayDir(dataset, date), LEGACY_DAY_FILE);
    try {
      if (status(legacy) == null) {
        return;
      }
      for (MetricRecord r : read(legacy, dataset, date)) {
        if (status(new Path(legacy.getParent(), fileOf(RecordOwner.of(r)))) == null) {
          return;
        }
      }
      fs.delete(legacy, false);
    } catch (IOException | RuntimeException e) {
      // The old file's shares are shadowed by the owners' files anyway; a later write removes it.
    }
  }

  private void write(Path staged, List<MetricRecord> records) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> out = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(staged, conf))
        .withType(SCHEMA)
        .withConf(conf)
        .withExtraMetaData(writer.asMap())
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
        out.write(g);
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
    Path dayDir = dayDir(dataset, date);
    Map<String, FileStatus> files = dayFiles(dayDir);
    Map<RecordOwner, List<MetricRecord>> byOwner = new EnumMap<>(RecordOwner.class);
    for (RecordOwner owner : RecordOwner.values()) {
      FileStatus own = files.get(fileOf(owner));
      if (own != null) {
        readStable(own.getPath(), dataset, date).ifPresent(records -> byOwner.put(owner, records));
      }
    }
    FileStatus legacy = files.get(LEGACY_DAY_FILE);
    if (legacy != null) {
      Map<RecordOwner, List<MetricRecord>> shares = new EnumMap<>(RecordOwner.class);
      readStable(legacy.getPath(), dataset, date).orElse(List.of())
          .forEach(r -> shares.computeIfAbsent(RecordOwner.of(r), o -> new ArrayList<>()).add(r));
      shares.forEach(byOwner::putIfAbsent);
    }
    List<MetricRecord> out = new ArrayList<>();
    byOwner.values().forEach(out::addAll);
    return out;
  }

  /** The day folder's files by name; empty when the folder is not there. */
  private Map<String, FileStatus> dayFiles(Path dayDir) {
    Map<String, FileStatus> out = new HashMap<>();
    try {
      for (FileStatus s : fs.listStatus(dayDir)) {
        if (s.isFile()) {
          out.put(s.getPath().getName(), s);
        }
      }
    } catch (FileNotFoundException e) {
      return out;
    } catch (IOException e) {
      throw new UnreadableInputException("repository " + root + ": cannot list " + dayDir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Reads a file that a writer may replace meanwhile; empty when it vanished (an object store's commit). */
  private Optional<List<MetricRecord>> readStable(Path file, String dataset, LocalDate date) {
    for (int attempt = 1; ; attempt++) {
      FileStatus before = null;
      try {
        before = status(file);
        if (before == null) {
          return Optional.empty();
        }
        return Optional.of(read(file, dataset, date));
      } catch (IOException | RuntimeException e) {
        // The reader takes the file's length, then opens it by name: a replace in between pairs the old
        // length with the new file ("Cannot seek after EOF" on HDFS, "not a Parquet file" locally). The file
        // itself is whole; read it again.
        if (attempt < READ_ATTEMPTS && replacedSince(file, before)) {
          continue;
        }
        throw new UnreadableInputException("repository " + root + ": cannot read " + file + ": " + e.getMessage(),
            e);
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
            if (holdsMetrics(status.getPath())) {
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
      throw new UnreadableInputException("repository " + root + ": cannot list " + datasetDir + ": "
          + e.getMessage(), e);
    }
    days.sort(Comparator.naturalOrder());
    return days;
  }

  private boolean holdsMetrics(Path dayDir) {
    Map<String, FileStatus> files = dayFiles(dayDir);
    if (files.containsKey(LEGACY_DAY_FILE)) {
      return true;
    }
    for (RecordOwner owner : RecordOwner.values()) {
      if (files.containsKey(fileOf(owner))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<RecordOwner, Provenance> provenance(String dataset, LocalDate date) {
    Map<RecordOwner, Provenance> out = new EnumMap<>(RecordOwner.class);
    Map<String, FileStatus> files = dayFiles(dayDir(dataset, date));
    for (RecordOwner owner : RecordOwner.values()) {
      FileStatus own = files.get(fileOf(owner));
      if (own != null) {
        out.put(owner, provenanceOf(own.getPath()));
      }
    }
    return out;
  }

  private Provenance provenanceOf(Path file) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      return Provenance.fromMap(reader.getFooter().getFileMetaData().getKeyValueMetaData())
          .orElse(new Provenance(null, null, null, null));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableInputException("repository " + root + ": cannot read the footer of " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * A reader of a file's groups with the repository's Hadoop configuration: the reader built from a path
   * makes a fresh configuration and parses Hadoop's default XML for every file read.
   */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(org.apache.parquet.io.InputFile file) {
      super(file);
    }

    @Override
    protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  private List<MetricRecord> read(Path file, String dataset, LocalDate date) throws IOException {
    List<MetricRecord> out = new ArrayList<>();
    try (ParquetReader<Group> reader = new GroupReaderBuilder(HadoopInputFile.fromPath(file, conf)).build()) {
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
}
