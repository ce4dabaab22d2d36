package io.dqgate.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** File-system facts the gate depends on. */
final class GateFileSystems {
  /** Schemes whose rename is a copy (not atomic), so commits go through a marker instead. */
  static final Set<String> OBJECT_STORES = Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss");

  private GateFileSystems() {}

  /** Local disks are wrapped in a checksumming file system that would add .crc files to the copy. */
  static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  /** Hadoop renames into an existing folder rather than failing: callers make sure {@code to} is absent. */
  static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  static GateMarker readMarker(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return GateMarker.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path.toString());
    }
  }

  static void writeMarker(FileSystem fs, Path path, GateMarker marker) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(marker.toJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  static boolean isObjectStore(String scheme) {
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT));
  }
}
