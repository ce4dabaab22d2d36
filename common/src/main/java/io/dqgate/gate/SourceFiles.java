package io.dqgate.gate;

import io.dqgate.DqgateException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Copies exactly the files a verdict was reached on from a partition folder, each checked again on the
 * way (size and SHA-256 of the bytes copied against what was judged), so the published partition is
 * byte-identical to what was checked. A partition that changed since (a file added, removed or changed)
 * is refused with {@link PartitionChangedException} naming the file; nothing is published then.
 */
public final class SourceFiles implements PartitionWriter {
  /** Lists the partition's data files now, by the same rule the check used. */
  @FunctionalInterface
  public interface Listing {
    List<Path> dataFiles(FileSystem fs, Path folder) throws IOException;
  }

  /** Every file below the folder except the gate's own marker. */
  public static final Listing ALL_FILES = (fs, folder) -> {
    List<Path> out = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      if (!p.getName().equals(GateMarker.FILE_NAME)) {
        out.add(p);
      }
    }
    return out;
  };

  /** The partition changed after it was judged. */
  public static final class PartitionChangedException extends DqgateException {
    PartitionChangedException(String message) {
      super(message);
    }
  }

  private final Path folder;
  private final FileSystem sourceFs;
  private final String prefix;
  private final Map<String, GateMarker.GatedFile> judged = new LinkedHashMap<>();
  private final Listing listing;

  /**
   * @param judged the judged files, paths relative to {@code folder} (subfolders with '/')
   */
  public SourceFiles(String folder, List<GateMarker.GatedFile> judged, Listing listing, Configuration conf) {
    this.folder = new Path(folder);
    this.listing = listing;
    try {
      this.sourceFs = GateFileSystems.raw(this.folder.getFileSystem(conf));
      if (!sourceFs.getFileStatus(this.folder).isDirectory()) {
        throw new DqgateException("gate: source partition " + folder + " is not a folder");
      }
      this.prefix = prefix(sourceFs, this.folder);
    } catch (FileNotFoundException e) {
      throw new DqgateException("gate: source partition " + folder + " does not exist", e);
    } catch (IOException e) {
      throw new DqgateException("gate: cannot open source partition " + folder + ": " + e.getMessage(), e);
    }
    if (judged.isEmpty()) {
      throw new DqgateException("gate: no judged files for " + folder + ": the day's files were never checked "
          + "(run check-files, or run)");
    }
    judged.stream().sorted(Comparator.comparing(GateMarker.GatedFile::path)).forEach(f -> this.judged.put(f.path(), f));
  }

  /** Judges a folder as it is now: every file below it, hashed (for callers that checked nothing else). */
  public static SourceFiles asItIs(String folder, Configuration conf) {
    Path path = new Path(folder);
    try {
      FileSystem fs = GateFileSystems.raw(path.getFileSystem(conf));
      if (!fs.exists(path)) {
        throw new DqgateException("gate: source partition " + folder + " does not exist");
      }
      return new SourceFiles(folder, describe(fs, path, ALL_FILES), ALL_FILES, conf);
    } catch (IOException e) {
      throw new DqgateException("gate: cannot open source partition " + folder + ": " + e.getMessage(), e);
    }
  }

  /** A judged file's path relative to {@code folder}; {@code file} may be qualified or not. */
  public static String relative(FileSystem fs, Path folder, Path file) {
    String p = fs.makeQualified(file).toUri().getPath();
    String base = prefix(fs, folder);
    if (!p.startsWith(base)) {
      throw new DqgateException("gate: judged file " + file + " is not in the partition " + folder);
    }
    return p.substring(base.length());
  }

  private static String prefix(FileSystem fs, Path folder) {
    return fs.makeQualified(folder).toUri().getPath().replaceAll("/+$", "") + "/";
  }

  @Override
  public String source() {
    return folder.toString();
  }

  public List<GateMarker.GatedFile> judged() {
    return List.copyOf(judged.values());
  }

  @Override
  public List<GateMarker.GatedFile> writeInto(FileSystem fs, Path target) throws IOException {
    requireUnchangedListing();
    List<GateMarker.GatedFile> files = new ArrayList<>();
    for (GateMarker.GatedFile expected : judged.values()) {
      GateMarker.GatedFile copied = copy(new Path(folder, expected.path()), fs, new Path(target, expected.path()),
          expected.path());
      if (copied.bytes() != expected.bytes() || !copied.sha256().equals(expected.sha256())) {
        throw changed(expected.path() + " changed (" + copied.bytes() + " bytes, sha256 " + copied.sha256()
            + "; judged " + expected.bytes() + " bytes, sha256 " + expected.sha256() + ")");
      }
      files.add(copied);
    }
    requireUnchangedListing();
    return files;
  }

  /** Verifies the files against the judged ones without copying them (before a rewrite of their rows). */
  public void verify() throws IOException {
    requireUnchangedListing();
    for (GateMarker.GatedFile expected : judged.values()) {
      GateMarker.GatedFile now = hash(sourceFs, new Path(folder, expected.path()), expected.path());
      if (now.bytes() != expected.bytes() || !now.sha256().equals(expected.sha256())) {
        throw changed(expected.path() + " changed (" + now.bytes() + " bytes, sha256 " + now.sha256()
            + "; judged " + expected.bytes() + " bytes, sha256 " + expected.sha256() + ")");
      }
    }
    requireUnchangedListing();
  }

  private void requireUnchangedListing() throws IOException {
    Map<String, Long> now = new LinkedHashMap<>();
    for (Path p : listing.dataFiles(sourceFs, folder)) {
      now.put(relative(sourceFs, folder, p), sourceFs.getFileStatus(p).getLen());
    }
    for (Map.Entry<String, Long> e : now.entrySet()) {
      if (!judged.containsKey(e.getKey())) {
        throw changed(e.getKey() + " was added (" + e.getValue() + " bytes)");
      }
    }
    for (GateMarker.GatedFile f : judged.values()) {
      Long bytes = now.get(f.path());
      if (bytes == null) {
        throw changed(f.path() + " was removed");
      }
      if (bytes != f.bytes()) {
        throw changed(f.path() + " changed (" + bytes + " bytes; judged " + f.bytes() + ")");
      }
    }
  }

  private PartitionChangedException changed(String what) {
    return new PartitionChangedException("gate: " + folder + " changed after it was judged: " + what
        + "; nothing was published (run it again to judge the files as they are now)");
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
    } catch (FileNotFoundException e) {
      throw changed(relative + " was removed");
    }
    return new GateMarker.GatedFile(relative, bytes, HexFormat.of().formatHex(sha.digest()));
  }

  private GateMarker.GatedFile hash(FileSystem fs, Path file, String relative) throws IOException {
    try {
      return digest(fs, file, relative);
    } catch (FileNotFoundException e) {
      throw changed(relative + " was removed");
    }
  }

  private static GateMarker.GatedFile digest(FileSystem fs, Path file, String relative) throws IOException {
    MessageDigest sha = sha256();
    long bytes = 0;
    try (InputStream in = new DigestInputStream(fs.open(file), sha)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
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
   * The files {@code listing} finds below a folder, with sizes and digests, paths relative to it; for a
   * folder another writer (Spark) filled, hidden files (Hadoop's .crc checksums) are left out.
   */
  public static List<GateMarker.GatedFile> describe(FileSystem fs, Path folder, Listing listing) throws IOException {
    List<GateMarker.GatedFile> files = new ArrayList<>();
    for (Path file : listing.dataFiles(fs, folder)) {
      String relative = relative(fs, folder, file);
      files.add(digest(fs, file, relative));
    }
    files.sort(Comparator.comparing(GateMarker.GatedFile::path));
    return files;
  }

  /** The files Spark wrote into a folder, without its hidden files. */
  public static List<GateMarker.GatedFile> describe(FileSystem fs, Path folder) throws IOException {
    return describe(fs, folder, (f, dir) -> ALL_FILES.dataFiles(f, dir).stream()
        .filter(p -> !p.getName().startsWith(".")).toList());
  }
}
