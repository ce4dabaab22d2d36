package io.dqgate.gate;

import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;

/** File-system facts the gate depends on. */
final class GateFileSystems {
  /** Schemes whose rename is a copy (not atomic), so commits go through a marker instead. */
  static final Set<String> OBJECT_STORES = Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss");

  private GateFileSystems() {}

  /** Local disks are wrapped in a checksumming file system that would add .crc files to the copy. */
  static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  static boolean isObjectStore(String scheme) {
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT));
  }
}
