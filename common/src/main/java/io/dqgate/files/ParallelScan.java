package io.dqgate.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Scans many files at once on the executors, one task per file: each task streams its file from the
 * file system itself, so the driver only ever sees the small {@link FileScan} summaries.
 */
final class ParallelScan {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParallelScan.class);
  private ParallelScan() {}

  static List<FileScan> run(SparkSession spark, List<String> paths, ScanOptions options) {
    if (paths.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // broadcast: each task would otherwise deserialize the whole Hadoop configuration again
    Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    ScanTask task = new ScanTask(conf, options);
    jsc.setJobDescription("dqgate check-files: scan " + paths.size() + " file(s)");
    long start = System.nanoTime();
    List<FileScan> scans;
    try {
      scans = new ArrayList<>(jsc.parallelize(paths, Math.min(paths.size(), 10_000)).map(task).collect());
    } finally {
      jsc.setJobDescription(null);
      conf.destroy();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double mib = scans.stream().mapToLong(FileScan::bytes).sum() / 1048576.0;
    LOG.info(String.format(java.util.Locale.ROOT, "scanned %d file(s), %.0f MiB in %.2f s (%.1f MiB/s)",
        scans.size(), mib, seconds, mib / seconds));
    return scans;
  }

  /** Runs on an executor. */
  static final class ScanTask implements Function<String, FileScan> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SerializableConfiguration> conf;
    private final ScanOptions options;

    ScanTask(Broadcast<SerializableConfiguration> conf, ScanOptions options) {
      this.conf = conf;
      this.options = options;
    }

    @Override
    public FileScan call(String file) throws IOException {
      Path path = new Path(file);
      return FileScanner.scan(path.getFileSystem(conf.value().get()), path, options);
    }
  }

  /** Hadoop's Configuration is Writable, not Serializable. */
  static final class SerializableConfiguration implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient Configuration conf;

    SerializableConfiguration(Configuration conf) {
      this.conf = conf;
    }

    Configuration get() {
      return conf;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      conf.write(new DataOutputStream(bytes));
      out.writeInt(bytes.size());
      out.write(bytes.toByteArray());
    }

    private void readObject(ObjectInputStream in) throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      conf = new Configuration(false);
      try {
        conf.readFields(new DataInputStream(new ByteArrayInputStream(bytes)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
