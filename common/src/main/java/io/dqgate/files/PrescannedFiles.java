package io.dqgate.files;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The files of many partitions scanned ahead of their checks, in one Spark job instead of one job per
 * partition: what a run over many days (a backtest) needs, where each day's files are few and small and a
 * job's fixed cost would outweigh the scan. A check takes a scan from here only while the file is as it was
 * when scanned (same length and modification time) and scans any other file itself.
 */
public final class PrescannedFiles {
  private static final PrescannedFiles NONE = new PrescannedFiles(Map.of());

  private record Scanned(long length, long modified, FileScan scan) {}

  private final Map<String, Scanned> byPath;

  private PrescannedFiles(Map<String, Scanned> byPath) {
    this.byPath = byPath;
  }

  /** No file scanned ahead: every check scans its own files. */
  public static PrescannedFiles none() {
    return NONE;
  }

  /**
   * Scans, in one Spark job, the files the checks of {@code dates} would scan: those of every partition
   * folder that is there and, when the dataset requires a completeness marker, has it.
   */
  public static PrescannedFiles scan(SparkSession spark, DatasetSpec dataset, Collection<LocalDate> dates) {
    if (dataset.source().partitioning().isEmpty()) {
      return NONE;
    }
    Path root = new Path(dataset.source().path());
    List<FileStatus> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return NONE;
      }
      for (LocalDate date : dates) {
        Path partition = new Path(dataset.source().partitionPath(date));
        if (FileChecker.scannedWhenChecked(fs, partition, dataset.files())) {
          files.addAll(PartitionFiles.statuses(fs, partition, dataset));
        }
      }
    } catch (IOException e) {
      throw new DqgateException("cannot list files of " + dataset.source().path() + ": " + e.getMessage(), e);
    }
    List<FileScan> scans = ParallelScan.run(spark, files.stream().map(f -> f.getPath().toString()).toList(),
        ScanOptions.from(dataset.source()));
    Map<String, Scanned> byPath = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      FileStatus f = files.get(i);
      byPath.put(f.getPath().toString(), new Scanned(f.getLen(), f.getModificationTime(), scans.get(i)));
    }
    return new PrescannedFiles(byPath);
  }

  /** The scan of {@code file}, when it was scanned here and has not changed since. */
  Optional<FileScan> of(FileStatus file) {
    Scanned s = byPath.get(file.getPath().toString());
    return s != null && s.length() == file.getLen() && s.modified() == file.getModificationTime()
        ? Optional.of(s.scan()) : Optional.empty();
  }

  /** How many files were scanned ahead. */
  public int size() {
    return byPath.size();
  }
}
