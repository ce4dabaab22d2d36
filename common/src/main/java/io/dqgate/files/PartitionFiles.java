package io.dqgate.files;

import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The data files of a partition folder, as check-files, profile and the gate all count them: every file
 * below the folder, subfolders included, except names starting with '_' or '.' at any level (Spark's
 * hidden files), {@code .sha256} sidecars, the manifest and its signature, and a manifest under a usual name
 * ({@link ManifestCheck#FOUND_WITHOUT_CONFIG}) with its signature.
 */
public final class PartitionFiles {
  private PartitionFiles() {}

  /** One file check-files hashed: where it was, its size and its SHA-256 (lower-case hex). */
  public record CheckedFile(String path, long bytes, String sha256) {}

  public static List<Path> list(FileSystem fs, Path partition, DatasetSpec dataset) throws IOException {
    return statuses(fs, partition, dataset).stream().map(FileStatus::getPath).toList();
  }

  /** As {@link #list(FileSystem, Path, DatasetSpec)}, with each file's length and modification time. */
  public static List<FileStatus> statuses(FileSystem fs, Path partition, DatasetSpec dataset) throws IOException {
    String manifest = dataset.manifest().orElse(null);
    return statuses(fs, partition, manifest, manifest == null ? null : manifest + dataset.files().signatureSuffix());
  }

  /** {@code manifest} and {@code signature} (file names, or null) are left out as well. */
  public static List<Path> list(FileSystem fs, Path partition, String manifest, String signature) throws IOException {
    return statuses(fs, partition, manifest, signature).stream().map(FileStatus::getPath).toList();
  }

  private static List<FileStatus> statuses(FileSystem fs, Path partition, String manifest, String signature)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(partition, true);
    Path qualified = fs.makeQualified(partition);
    while (it.hasNext()) {
      LocatedFileStatus status = it.next();
      Path p = status.getPath();
      if (hidden(qualified, p) || p.getName().endsWith(".sha256") || p.getName().equals(manifest)
          || p.getName().equals(signature) || usualManifestOrSignature(p.getName())) {
        continue;
      }
      files.add(status);
    }
    files.sort(Comparator.comparing(FileStatus::getPath));
    return files;
  }

  /** The files a check hashed, as it reported them. */
  public static List<CheckedFile> checked(FileCheckReport report) {
    return report.scans().stream().map(s -> new CheckedFile(s.path(), s.bytes(), s.sha256())).toList();
  }

  /**
   * The files the check stored with the day (file metrics: bytes as value, path and sha256 in detail);
   * empty when the day's files were never checked.
   */
  public static List<CheckedFile> checked(List<MetricRecord> day) {
    List<CheckedFile> out = new ArrayList<>();
    for (MetricRecord m : day) {
      if (m.entity() == Entity.FILE && m.metric().equals(MetricNames.FILE_BYTES) && m.detail() != null) {
        try {
          var detail = FileMetrics.JSON.readTree(m.detail());
          out.add(new CheckedFile(detail.path("path").asText(), (long) m.value(), detail.path("sha256").asText()));
        } catch (IOException e) {
          throw new io.dqgate.DqgateException("stored file metric of " + m.instance() + " for " + m.dataset() + "@"
              + m.partitionDate() + " is not JSON: " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static boolean usualManifestOrSignature(String name) {
    for (String usual : ManifestCheck.FOUND_WITHOUT_CONFIG.keySet()) {
      if (name.equals(usual) || name.startsWith(usual + ".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hidden(Path partition, Path file) {
    String relative = file.toUri().getPath().substring(partition.toUri().getPath().length());
    for (String part : relative.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
