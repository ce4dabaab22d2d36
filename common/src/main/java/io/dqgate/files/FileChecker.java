package io.dqgate.files;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.FilesSpec;
import io.dqgate.config.SourceFormat;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.metrics.MetricsReader;
import io.dqgate.vocabulary.FileCheck;
import io.dqgate.vocabulary.Severity;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The incoming-file checks of one partition, on any Hadoop file system: completeness marker, per-file
 * scans (run in parallel on the executors), schema, manifest checksums and signature, and volume against
 * history. Returns findings and the metrics to store; writes nothing itself.
 */
public final class FileChecker {
  private final SparkSession spark;
  private final MetricsReader history;
  private final java.util.function.Function<String, String> environment;
  private final PrescannedFiles prescanned;

  public FileChecker(SparkSession spark, MetricsReader history) {
    this(spark, history, System::getenv);
  }

  /** {@code environment} resolves the HMAC key's environment variable (tests pass their own). */
  public FileChecker(SparkSession spark, MetricsReader history,
      java.util.function.Function<String, String> environment) {
    this(spark, history, environment, PrescannedFiles.none());
  }

  private FileChecker(SparkSession spark, MetricsReader history,
      java.util.function.Function<String, String> environment, PrescannedFiles prescanned) {
    this.spark = spark;
    this.history = history;
    this.environment = environment;
    this.prescanned = prescanned;
  }

  /** The same checks, taking the scans of files unchanged since {@code scans} read them from there. */
  public FileChecker withPrescanned(PrescannedFiles scans) {
    return new FileChecker(spark, history, environment, scans);
  }

  public FileCheckReport check(DatasetSpec dataset, LocalDate date, String runId, Instant computedAt) {
    FilesSpec spec = dataset.files();
    if (dataset.source().partitioning().isEmpty()) {
      throw new DqgateException("datasets." + dataset.name() + ".source: check-files needs a folder per partition "
          + "(source.partitioning), not partition-column");
    }
    Path root = new Path(dataset.source().path());
    Path partition = new Path(dataset.source().partitionPath(date));
    FileSystem fs = fileSystem(root);
    List<FileFinding> findings = new ArrayList<>();
    try {
      if (!fs.exists(root)) {
        throw new DqgateException("source.path: folder not found: " + dataset.source().path());
      }
      if (!fs.exists(partition)) {
        findings.add(FileFinding.of(FileCheck.PARTITION_MISSING, spec.severity(FileCheck.PARTITION_MISSING), null,
            null, 0, "no partition for " + date + ": " + partition + " not found"));
        return report(dataset, date, partition, List.of(), findings, runId, computedAt, false);
      }
      if (!scannedWhenChecked(fs, partition, spec)) {
        findings.add(FileFinding.of(FileCheck.MARKER_MISSING, spec.severity(FileCheck.MARKER_MISSING), null, null, 0,
            "completeness marker " + spec.requireMarker().get() + " missing in " + partition));
        return report(dataset, date, partition, List.of(), findings, runId, computedAt, false);
      }
      List<FileScan> scans = scan(PartitionFiles.statuses(fs, partition, dataset), dataset);
      LastChecked last = lastChecked(dataset, date);
      findings.addAll(perFile(scans, spec, dataset.source().format().isText(), last.bom(),
          spanningLines(scans, dataset)));
      if (scans.isEmpty() || scans.stream().mapToLong(FileChecker::rowsOf).sum() == 0) {
        findings.add(FileFinding.of(FileCheck.PARTITION_EMPTY, spec.severity(FileCheck.PARTITION_EMPTY), null, null,
            0, "partition for " + date + " has no data rows (" + scans.size() + " file(s)) in " + partition));
      }
      Set<String> expected = new LinkedHashSet<>(dataset.columns().keySet());
      expected.addAll(dataset.primaryKey());
      dataset.target().ifPresent(expected::add);
      expected.addAll(last.columns());
      findings.addAll(SchemaCheck.check(scans, expected, !last.columns().isEmpty(), last.types(), spec));
      findings.addAll(new ManifestCheck(fs, partition, dataset, environment).check(scans));
      return report(dataset, date, partition, scans, findings, runId, computedAt, true);
    } catch (IOException e) {
      throw new DqgateException("cannot check files of " + partition + ": " + e.getMessage(), e);
    }
  }

  /** Whether a check of a partition folder that is there scans its files: unless a required marker is missing. */
  static boolean scannedWhenChecked(FileSystem fs, Path partition, FilesSpec spec) throws IOException {
    return fs.exists(partition)
        && (spec.requireMarker().isEmpty() || fs.exists(new Path(partition, spec.requireMarker().get())));
  }

  /** The scans of {@code files}, in their order: prescanned where unchanged, the others in one Spark job. */
  private List<FileScan> scan(List<FileStatus> files, DatasetSpec dataset) {
    List<FileScan> scans = new ArrayList<>(files.size());
    List<String> unscanned = new ArrayList<>();
    for (FileStatus f : files) {
      Optional<FileScan> ahead = prescanned.of(f);
      scans.add(ahead.orElse(null));
      if (ahead.isEmpty()) {
        unscanned.add(f.getPath().toString());
      }
    }
    if (unscanned.isEmpty()) {
      return scans;
    }
    Iterator<FileScan> fresh = ParallelScan.run(spark, unscanned, ScanOptions.from(dataset.source())).iterator();
    scans.replaceAll(s -> s != null ? s : fresh.next());
    return scans;
  }

  /**
   * The first of the partition's files that cannot be read to its end, as "{@code <file>: <why>}": what a
   * failed scan of the partition was about, when Spark's own error does not name the file (a gzip cut
   * short fails deep inside a task). Empty when every file reads, or the source has no partition folders.
   */
  public Optional<String> firstUnreadable(DatasetSpec dataset, LocalDate date) {
    if (dataset.source().partitioning().isEmpty()) {
      return Optional.empty();
    }
    Path partition = new Path(dataset.source().partitionPath(date));
    try {
      List<Path> files = PartitionFiles.list(fileSystem(partition), partition, dataset);
      return ParallelScan.run(spark, files.stream().map(Path::toString).toList(), ScanOptions.from(dataset.source()))
          .stream().filter(s -> s.readError() != null).findFirst().map(s -> s.path() + ": " + s.readError());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private FileCheckReport report(DatasetSpec dataset, LocalDate date, Path partition, List<FileScan> scans,
      List<FileFinding> findings, String runId, Instant computedAt, boolean present) {
    Map<String, Double> volume = new LinkedHashMap<>();
    volume.put(MetricNames.FILE_COUNT, (double) scans.size());
    volume.put(MetricNames.TOTAL_BYTES, (double) scans.stream().mapToLong(FileScan::bytes).sum());
    volume.put(MetricNames.TOTAL_ROWS, (double) scans.stream().mapToLong(FileChecker::rowsOf).sum());
    if (present) {
      LocalDate from = date.minusDays(dataset.files().volumeLookbackDays());
      List<MetricRecord> past = history.loadRange(dataset.name(), from, date);
      findings.addAll(VolumeCheck.check(date, volume, past, dataset.files()));
    }
    List<MetricRecord> metrics = new FileMetrics(dataset.name(), date, runId, computedAt)
        .of(scans, findings, volume);
    return new FileCheckReport(dataset.name(), date, partition.toString(), scans, findings, metrics);
  }

  /**
   * The findings of each file on its own. A byte order mark the last checked day's files carried too is the
   * feed's own way of writing them (a spreadsheet's "CSV UTF-8" export, every day): unless the config sets the
   * check's severity it is INFO then, and a mark that comes or goes still warns.
   */
  private static List<FileFinding> perFile(List<FileScan> scans, FilesSpec spec, boolean text, boolean bomBefore,
      Set<String> spanningLines) {
    List<FileFinding> out = new ArrayList<>();
    for (FileScan s : scans) {
      String file = name(s.path());
      if (s.bytes() == 0) {
        out.add(FileFinding.of(FileCheck.ZERO_BYTE_FILE, spec.severity(FileCheck.ZERO_BYTE_FILE), file, null, 0,
            file + " is empty (0 bytes)"));
        continue;
      }
      if (s.readError() != null) {
        // What was read of a broken file says nothing more: its content findings would only repeat this.
        out.add(FileFinding.of(FileCheck.UNREADABLE_FILE, spec.severity(FileCheck.UNREADABLE_FILE), file, null, 1,
            file + ": " + s.readError()));
        continue;
      }
      if (s.malformedRecords() > 0) {
        out.add(FileFinding.of(FileCheck.MALFORMED_ROWS, spec.severity(FileCheck.MALFORMED_ROWS), file, null,
            s.malformedRecords(), String.format(Locale.ROOT, "%s: %d malformed row(s)%s, first at line(s) %s%s",
                file, s.malformedRecords(), s.unterminatedQuote() ? " (unterminated quote)" : "",
                s.malformedLines(), spanningLines.contains(s.path()) ? "; a quoted field holds line breaks: with "
                    + "source.options.multiLine = true every record of the file parses" : "")));
      }
      if (text && s.truncatedLastLine()) {
        out.add(FileFinding.of(FileCheck.TRUNCATED_LAST_LINE, spec.severity(FileCheck.TRUNCATED_LAST_LINE), file,
            null, 1, file + ": last line has no line end (truncated file?) at line " + s.lines()));
      }
      if (s.invalidUtf8Sequences() > 0) {
        out.add(FileFinding.of(FileCheck.INVALID_UTF8, spec.severity(FileCheck.INVALID_UTF8), file, null,
            s.invalidUtf8Sequences(), String.format(Locale.ROOT,
                "%s: %d invalid UTF-8 sequence(s), first at byte %d (not UTF-8: latin-1 or another encoding?)",
                file, s.invalidUtf8Sequences(), s.firstInvalidUtf8Offset())));
      }
      if (s.nulBytes() > 0) {
        out.add(FileFinding.of(FileCheck.NUL_BYTES, spec.severity(FileCheck.NUL_BYTES), file, null, s.nulBytes(),
            String.format(Locale.ROOT, "%s: %d NUL byte(s), first at byte %d", file, s.nulBytes(),
                s.firstNulOffset())));
      }
      if (s.bom()) {
        boolean asBefore = bomBefore && !spec.severities().containsKey(FileCheck.BOM);
        String message = file + ": starts with a UTF-8 byte order mark";
        out.add(FileFinding.of(FileCheck.BOM, asBefore ? Severity.INFO : spec.severity(FileCheck.BOM), file, null, 1,
            asBefore ? message + ", as the last checked day's files did" : message));
      }
    }
    return out;
  }

  /**
   * The CSV/TSV files among {@code scans} with a quoted field that runs past a line end, read again with quoted
   * fields spanning lines: those that then parse whole, for the finding to say how to read them. Nothing when
   * they were scanned so already (dqgate's default, unless the source sets {@code multiLine = false}).
   */
  private Set<String> spanningLines(List<FileScan> scans, DatasetSpec dataset) {
    SourceFormat format = dataset.source().format();
    List<String> unterminated = scans.stream().filter(s -> s.unterminatedQuote() && s.readError() == null)
        .map(FileScan::path).toList();
    if (format != SourceFormat.CSV && format != SourceFormat.TSV || unterminated.isEmpty()
        || ScanOptions.from(dataset.source()).multiLine()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    ScanOptions spanning = ScanOptions.from(dataset.source()).withMultiLine(true);
    for (FileScan again : ParallelScan.run(spark, unterminated, spanning)) {
      if (again.readError() == null && again.malformedRecords() == 0 && !again.unterminatedQuote()) {
        out.add(again.path());
      }
    }
    return out;
  }

  /** The last checked clean day's files: their columns, the columns' declared types, whether they carried a BOM. */
  private record LastChecked(Set<String> columns, Map<String, String> types, boolean bom) {}

  /** What the files of the last of the 7 days before {@code date} that was checked and not blocked were like. */
  private LastChecked lastChecked(DatasetSpec dataset, LocalDate date) {
    Set<String> previous = new LinkedHashSet<>();
    Map<String, String> types = new LinkedHashMap<>();
    boolean bom = false;
    List<LocalDate> earlier = history.days(dataset.name()).stream().filter(d -> d.isBefore(date)).toList();
    for (int i = earlier.size() - 1; i >= Math.max(0, earlier.size() - 7); i--) {
      List<MetricRecord> day = history.loadDay(dataset.name(), earlier.get(i));
      if (blockedOrRejected(day)) {
        continue; // a quarantined day's columns are not what the files should look like
      }
      boolean checked = false;
      for (MetricRecord m : day) {
        if (m.metric().equals(MetricNames.FILE_COLUMN_PRESENT)) {
          previous.add(m.instance());
          checked = true;
        } else if (m.metric().equals(MetricNames.FILE_COLUMN_TYPE) && m.detail() != null) {
          types.put(m.instance(), m.detail());
        } else if (m.metric().equals(MetricNames.BOM_FILE_COUNT)) {
          bom = m.value() > 0;
        }
      }
      if (checked) {
        return new LastChecked(previous, types, bom);
      }
      bom = false;
    }
    return new LastChecked(previous, types, false);
  }

  private static boolean blockedOrRejected(List<MetricRecord> day) {
    boolean blocked = false;
    Double label = null;
    for (MetricRecord m : day) {
      if (m.metric().equals(MetricNames.VERDICT_STATUS)) {
        blocked = m.value() == MetricNames.STATUS_BLOCK;
      } else if (m.metric().equals(MetricNames.LABEL)) {
        label = m.value();
      }
    }
    return label != null ? label == MetricNames.LABEL_REJECTED : blocked;
  }

  static long rowsOf(FileScan s) {
    return s.footerRows() >= 0 ? s.footerRows() : s.records();
  }

  static String name(String path) {
    return new Path(path).getName();
  }

  private FileSystem fileSystem(Path path) {
    try {
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new DqgateException("source.path: cannot open file system of " + path + ": " + e.getMessage(), e);
    }
  }
}
