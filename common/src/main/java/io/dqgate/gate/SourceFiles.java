package io.dqgate.gate;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Copies a partition folder's files as they are (every file below it, manifest included), hashing the
 * bytes on the way, so the published partition is byte-identical to what was checked.
 */
public final class SourceFiles implements PartitionWriter {
  private final Path folder;
  private final FileSystem sourceFs;

  public SourceFiles(String folder, Configuration conf) {
    this.folder = new Path(folder);
    try {
      this.sourceFs = GateFileSystems.raw(this.folder.getFileSystem(conf));
      if (!sourceFs.getFileStatus(this.folder).isDirectory()) {
        throw new DqgateException("gate: source partition " + folder + " is not a folder");
      }
    } catch (java.io.FileNotFoundException e) {
      throw new DqgateException("gate: source partition " + folder + " does not exist", e);
    } catch (IOException e) {
      throw new DqgateException("gate: cannot open source partition " + folder + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String source() {
    return folder.toString();
  }

  @Override
  public List<GateMarker.GatedFile> writeInto(FileSystem fs, Path target) throws IOException {
    List<GateMarker.GatedFile> files = new ArrayList<>();
    Path qualified = sourceFs.makeQualified(folder);
    String prefix = qualified.toUri().getPath().replaceAll("/+$", "") + "/";
    RemoteIterator<LocatedFileStatus> it = sourceFs.listFiles(qualified, true);
    while (it.hasNext()) {
      FileStatus status = it.next();
      String relative = status.getPath().toUri().getPath().substring(prefix.length());
      if (relative.equals(GateMarker.FILE_NAME)) {
        continue; // a marker of an earlier gate is not data
      }
      files.add(copy(status.getPath(), fs, new Path(target, relative), relative));
    }
    if (files.isEmpty()) {
      throw new DqgateException("gate: source partition " + folder + " has no files");
    }
    files.sort(java.util.Comparator.comparing(GateMarker.GatedFile::path));
    return files;
  }

  private GateMarker.GatedFile copy(Path from, FileSystem fs, Path to, String relative) throws IOException {
    MessageDigest sha = sha256();
    long bytes = 0;
    try (InputStream in = new DigestInputStream(sourceFs.open(from), sha);
        OutputStream out = fs.create(to, false)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        bytes += n;
      }
    }
    return new GateMarker.GatedFile(relative, bytes, HexFormat.of().formatHex(sha.digest()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The files below a folder another writer (Spark) filled, with sizes and digests, paths relative to it;
   * hidden files are left out.
   */
  public static List<GateMarker.GatedFile> describe(FileSystem fs, Path folder) throws IOException {
    List<GateMarker.GatedFile> files = new ArrayList<>();
    String prefix = fs.makeQualified(folder).toUri().getPath().replaceAll("/+$", "") + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
    while (it.hasNext()) {
      Path file = it.next().getPath();
      if (file.getName().startsWith(".")) {
        continue; // Hadoop's .crc checksums of Spark's output, not data
      }
      MessageDigest sha = sha256();
      long bytes = 0;
      try (InputStream in = new DigestInputStream(fs.open(file), sha)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          bytes += n;
        }
      }
      files.add(new GateMarker.GatedFile(file.toUri().getPath().substring(prefix.length()), bytes,
          HexFormat.of().formatHex(sha.digest())));
    }
    files.sort(java.util.Comparator.comparing(GateMarker.GatedFile::path));
    return files;
  }
}
