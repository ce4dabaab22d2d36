package io.dqgate.audit;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes an audit sample into its folder so that a reader finds the previous sample or the new one, never
 * half of one: Spark writes the rows and the summary into a hidden staging folder beside the target, which
 * then takes the target's place by rename (the previous folder is renamed aside first and deleted last).
 */
final class AuditWriter {
  private AuditWriter() {}

  static void write(Dataset<Row> sample, AuditRequest.Format format, String out, String summaryJson,
      Configuration hadoop) {
    Path target = new Path(out);
    FileSystem fs;
    try {
      fs = target.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new DqgateException("--out: cannot open the file system of " + out + ": " + e.getMessage(), e);
    }
    Path parent = fs.makeQualified(target).getParent();
    String token = UUID.randomUUID().toString();
    Path staging = new Path(parent, "." + target.getName() + ".staging-" + token);
    Path previous = new Path(parent, "." + target.getName() + ".previous-" + token);
    boolean replaced = false;
    try {
      if (fs.exists(target) && !fs.getFileStatus(target).isDirectory()) {
        throw new DqgateException("--out: " + out + " is a file, not a folder");
      }
      var writer = sample.write().format(format.label());
      if (format == AuditRequest.Format.CSV) {
        writer = writer.option("header", "true");
      }
      writer.save(staging.toString());
      try (OutputStream summary = fs.create(new Path(staging, AuditSummary.FILE), false)) {
        summary.write(summaryJson.getBytes(StandardCharsets.UTF_8));
      }
      if (fs.exists(target)) {
        rename(fs, target, previous);
        replaced = true;
      }
      rename(fs, staging, target);
      if (replaced) {
        fs.delete(previous, true);
      }
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(staging, true);
        if (replaced && !fs.exists(target)) {
          rename(fs, previous, target);
        }
      } catch (IOException | RuntimeException undo) {
        e.addSuppressed(undo);
      }
      if (e instanceof DqgateException d) {
        throw d;
      }
      throw new DqgateException("--out: cannot write the audit sample to " + out + ": " + e.getMessage(), e);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }
}
