package io.dqgate.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.files.FileCheckReport;
import io.dqgate.files.FileChecker;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.testing.HdfsExtension;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** check-files against real HDFS: the scans run in Spark tasks that open hdfs:// files themselves. */
@ExtendWith({SparkExtension.class, HdfsExtension.class})
class HdfsFileCheckerTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 5);
  static final String CSV = "id,name,amount\n1,José,10\n2,Bob,20\n";

  private static void write(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void cleanThenTamperedAndLatin1OnHdfs(SparkSession spark, FileSystem fs) throws Exception {
    Path base = HdfsExtension.freshDir("files");
    Path partition = new Path(base, "feed/orders/dt=" + DAY);
    byte[] good = CSV.getBytes(StandardCharsets.UTF_8);
    write(fs, new Path(partition, "part-0.csv"), good);
    write(fs, new Path(partition, "_MANIFEST.json"), ("{\"files\": {\"part-0.csv\": {\"sha256\": \"" + sha256(good)
        + "\", \"bytes\": " + good.length + ", \"rows\": 2}}}").getBytes(StandardCharsets.UTF_8));
    String root = HdfsExtension.uri() + new Path(base, "feed/orders").toUri().getPath();
    DatasetSpec spec = DqgateConfig.load(null, Map.of("datasets.orders.source.path", root,
        "datasets.orders.manifest", "_MANIFEST.json")).dataset("orders");
    ParquetMetricsRepository repository = new ParquetMetricsRepository(
        HdfsExtension.uri() + new Path(base, "metrics").toUri().getPath(), HdfsExtension.configuration());
    FileChecker checker = new FileChecker(spark, repository);

    FileCheckReport clean = checker.check(spec, DAY, "r1", Instant.EPOCH);
    assertThat(clean.findings()).isEmpty();
    assertThat(clean.scans()).hasSize(1);
    assertThat(clean.scans().get(0).sha256()).isEqualTo(sha256(good));
    assertThat(clean.scans().get(0).path()).startsWith("hdfs://");

    write(fs, new Path(partition, "part-0.csv"), CSV.replace("20", "90").getBytes(StandardCharsets.UTF_8));
    FileCheckReport tampered = checker.check(spec, DAY, "r2", Instant.EPOCH);
    assertThat(tampered.status()).isEqualTo(Status.BLOCK);
    assertThat(tampered.findings()).extracting(f -> f.check().label()).containsExactly("checksum-mismatch");

    byte[] latin1 = CSV.getBytes(StandardCharsets.ISO_8859_1);
    write(fs, new Path(partition, "part-0.csv"), latin1);
    write(fs, new Path(partition, "_MANIFEST.json"), ("{\"files\": {\"part-0.csv\": {\"sha256\": \""
        + sha256(latin1) + "\"}}}").getBytes(StandardCharsets.UTF_8));
    FileCheckReport encoding = checker.check(spec, DAY, "r3", Instant.EPOCH);
    assertThat(encoding.findings()).extracting(f -> f.check().label()).containsExactly("invalid-utf8");
    assertThat(encoding.findings().get(0).message())
        .isEqualTo("part-0.csv: 1 invalid UTF-8 sequence(s), first at byte 20 "
            + "(not UTF-8: latin-1 or another encoding?)");
  }
}
