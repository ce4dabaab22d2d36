package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The metrics repository is checked before a job scans anything: a repository that cannot be reached or
 * written would otherwise be found only after the whole scan.
 */
final class RepositoryCheck {
  private RepositoryCheck() {}

  /** Reachable and writable: a probe file created and deleted. */
  static void requireWritable(String location, Configuration conf) {
    Path root = new Path(location);
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
        throw new DqgateException("repository.path: " + location + " is a file, not a folder");
      }
      if (!fs.mkdirs(root)) {
        throw new DqgateException("repository.path: cannot create " + location);
      }
      Path probe = new Path(root, ".dqgate-write-probe-" + UUID.randomUUID());
      try (OutputStream out = fs.create(probe, false)) {
        out.write('\n');
      } finally {
        fs.delete(probe, false);
      }
    } catch (IOException e) {
      throw new DqgateException("repository.path: cannot write to " + location + ": " + Failures.firstLine(
          e.getMessage()), e);
    }
  }
}
