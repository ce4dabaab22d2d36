package io.dqgate.files;

import io.dqgate.repository.RecordOwner;
import io.dqgate.testing.StoredDays;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.FileCheck;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of bad partitions; each must give its own finding and nothing else. */
@ExtendWith(SparkExtension.class)
class FileCheckerTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 5);
  static final String CLEAN = "customer_id,name,amount\n1,Ann,10.5\n2,Bob,20\n3,Cy,30\n";

  @TempDir
  Path dir;
  SparkSession spark;
  ParquetMetricsRepository repository;
  Path partition;

  @BeforeEach
  void setUp(SparkSession spark) throws IOException {
    this.spark = spark;
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(),
        spark.sparkContext().hadoopConfiguration());
    partition = dir.resolve("feed").resolve("dt=" + DAY);
    Files.createDirectories(partition);
  }

  private DatasetSpec dataset(String extra) throws IOException {
    Path conf = dir.resolve("test.conf");
    Files.writeString(conf, "datasets.fx { source.path = \"" + dir.resolve("feed") + "\"\n"
        + "manifest = \"_MANIFEST.json\"\n" + extra + "\n}\n");
    return DqgateConfig.load(conf.toFile(), Map.of()).dataset("fx");
  }

  private void write(String name, byte[] bytes) throws IOException {
    Files.createDirectories(partition.resolve(name).getParent());
    Files.write(partition.resolve(name), bytes);
  }

  private void write(String name, String text) throws IOException {
    write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A manifest of what is in the partition now (so later changes are tampering). */
  private byte[] writeManifest() throws IOException {
    StringBuilder json = new StringBuilder("{\"files\": {");
    List<Path> files;
    try (var stream = Files.list(partition)) {
      files = stream.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    }
    List<String> entries = new ArrayList<>();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      entries.add("\"" + f.getFileName() + "\": {\"sha256\": \"" + sha256(bytes) + "\", \"bytes\": " + bytes.length
          + "}");
    }
    json.append(String.join(", ", entries)).append("}}");
    byte[] manifest = json.toString().getBytes(StandardCharsets.UTF_8);
    write("_MANIFEST.json", manifest);
    return manifest;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private FileCheckReport check(DatasetSpec spec) {
    return check(spec, Map.of());
  }

  private FileCheckReport check(DatasetSpec spec, Map<String, String> env) {
    return new FileChecker(spark, repository, env::get)
        .check(spec, DAY, "run-1", Instant.parse("2026-08-06T00:00:00Z"));
  }

  private static List<String> checks(FileCheckReport report) {
    return report.findings().stream().map(f -> f.check().label()).toList();
  }

  @Test
  void cleanPartitionPasses() throws IOException {
    write("part-0.csv", CLEAN);
    write("part-1.csv", "customer_id,name,amount\n4,Dee,40\n");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(report.findings()).isEmpty();
    assertThat(report.status()).isEqualTo(Status.PASS);
    Map<MetricKey, Double> metrics = new LinkedHashMap<>();
    for (MetricRecord m : report.metrics()) {
      metrics.put(m.key(), m.value());
    }
    assertThat(metrics.get(MetricKey.dataset(MetricNames.FILE_COUNT))).isEqualTo(2.0);
    assertThat(metrics.get(MetricKey.dataset(MetricNames.TOTAL_ROWS))).isEqualTo(4.0);
    assertThat(metrics.get(MetricKey.dataset(MetricNames.TOTAL_BYTES)))
        .isEqualTo((double) (CLEAN.length() + "customer_id,name,amount\n4,Dee,40\n".length()));
    assertThat(metrics.get(new MetricKey(Entity.FILE, "part-0.csv", MetricNames.FILE_ROWS))).isEqualTo(3.0);
    assertThat(metrics.get(MetricKey.dataset(MetricNames.CHECKSUM_MISMATCH_COUNT))).isEqualTo(0.0);
  }

  @Test
  void latin1TextIsInvalidUtf8() throws IOException {
    write("part-0.csv", "customer_id,name,amount\n1,José Müller,10\n".getBytes(StandardCharsets.ISO_8859_1));
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("invalid-utf8");
    assertThat(report.findings().get(0).message())
        .isEqualTo("part-0.csv: 2 invalid UTF-8 sequence(s), first at byte 29 "
            + "(not UTF-8: latin-1 or another encoding?)");
    assertThat(report.status()).isEqualTo(Status.BLOCK);
  }

  @Test
  void nulBytes() throws IOException {
    write("part-0.csv", "customer_id,name,amount\n1,A\0nn,10\n");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("nul-bytes");
    assertThat(report.findings().get(0).message()).isEqualTo("part-0.csv: 1 NUL byte(s), first at byte 27");
  }

  @Test
  void byteOrderMarkWarnsOnly() throws IOException {
    write("part-0.csv", "\uFEFF" + CLEAN);
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("bom");
    assertThat(report.status()).isEqualTo(Status.WARN);
  }

  /** The day before {@link #DAY}, checked: its files' columns, and whether they began with a byte order mark. */
  private void checkedDayBefore(boolean bom) {
    LocalDate before = DAY.minusDays(1);
    List<MetricRecord> yesterday = new ArrayList<>();
    for (String column : List.of("customer_id", "name", "amount")) {
      yesterday.add(new MetricRecord("fx", before, "h", Instant.EPOCH, Entity.COLUMN, column,
          MetricNames.FILE_COLUMN_PRESENT, 1, null));
    }
    yesterday.add(new MetricRecord("fx", before, "h", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
        MetricNames.BOM_FILE_COUNT, bom ? 1 : 0, null));
    StoredDays.write(repository, "fx", before, yesterday);
  }

  /** The check of a day whose file begins with a BOM, after a checked day whose files did ({@code before}) or not. */
  private FileCheckReport bomDay(boolean before, String extra) throws IOException {
    checkedDayBefore(before);
    write("part-0.csv", "\uFEFF" + CLEAN);
    writeManifest();
    return check(dataset(extra));
  }

  @Test
  void aByteOrderMarkTheLastCheckedDaysFilesCarriedIsTheFeedsOwn() throws IOException {
    FileCheckReport report = bomDay(true, "");
    assertThat(checks(report)).containsExactly("bom");
    assertThat(report.findings().get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(report.findings().get(0).message())
        .isEqualTo("part-0.csv: starts with a UTF-8 byte order mark, as the last checked day's files did");
    assertThat(report.status()).isEqualTo(Status.PASS);
  }

  @Test
  void aByteOrderMarkTheLastCheckedDaysFilesDidNotCarryWarns() throws IOException {
    FileCheckReport report = bomDay(false, "");
    assertThat(checks(report)).containsExactly("bom");
    assertThat(report.status()).isEqualTo(Status.WARN);
  }

  @Test
  void aByteOrderMarkSetToBlockBlocksWhateverTheFilesBeforeCarried() throws IOException {
    assertThat(bomDay(true, "files.severity { bom = block }").status()).isEqualTo(Status.BLOCK);
  }

  @Test
  void aByteOrderMarkSetToWarnWarnsWhateverTheFilesBeforeCarried() throws IOException {
    assertThat(bomDay(true, "files.severity { bom = warn }").status()).isEqualTo(Status.WARN);
  }

  @Test
  void unterminatedQuote() throws IOException {
    write("part-0.csv", "customer_id,name,amount\n1,\"Ann,10\n2,Bob,20\n");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("malformed-rows");
    assertThat(report.findings().get(0).message()).startsWith("part-0.csv: 1 malformed row(s)").contains("[2]")
        .doesNotContain("multiLine");
  }

  @Test
  void aQuotedFieldHoldingALineBreakParsesAndSaysHowToReadItWhereTheSourceReadsOneLineARecord()
      throws IOException {
    write("part-0.csv", "customer_id,name,amount\n1,\"Ann\nSmith\",10\n2,Bob,20\n");
    writeManifest();
    assertThat(check(dataset("")).findings()).isEmpty();
    FileCheckReport report = check(dataset("source.options { multiLine = false }"));
    assertThat(checks(report)).containsExactly("malformed-rows");
    assertThat(report.findings().get(0).message()).isEqualTo("part-0.csv: 2 malformed row(s) (unterminated quote), "
        + "first at line(s) [2, 3]; a quoted field holds line breaks: with source.options.multiLine = true every "
        + "record of the file parses");
  }

  @Test
  void wrongDelimiterOnSomeLines() throws IOException {
    write("part-0.csv", "customer_id,name,amount\n1,Ann,10\n2;Bob;20\n3,Cy,30\n4;Dee;40\n");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("malformed-rows");
    assertThat(report.findings().get(0).message()).isEqualTo("part-0.csv: 2 malformed row(s), first at line(s) [3, 5]");
  }

  @Test
  void truncatedLastLine() throws IOException {
    write("part-0.csv", "customer_id,name,amount\n1,Ann,10\n2,Bob,20\n3,C");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactlyInAnyOrder("malformed-rows", "truncated-last-line");
  }

  @Test
  void headerOnlyIsAnEmptyPartition() throws IOException {
    write("part-0.csv", "customer_id,name,amount\n");
    writeManifest();
    assertThat(checks(check(dataset("")))).containsExactly("partition-empty");
  }

  @Test
  void zeroByteFileBesideGoodData() throws IOException {
    write("part-0.csv", CLEAN);
    write("part-1.csv", new byte[0]);
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("zero-byte-file");
    assertThat(report.findings().get(0).file()).isEqualTo("part-1.csv");
  }

  @Test
  void truncatedGzip() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 2000; i++) {
        String line = i == 0 ? "customer_id,name,amount\n" : i + ",N" + i + "," + i + "\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = gz.toByteArray();
    write("part-0.csv.gz", java.util.Arrays.copyOf(whole, whole.length / 2));
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("unreadable-file");
    assertThat(report.findings().get(0).file()).isEqualTo("part-0.csv.gz");
  }

  @Test
  void fileChangedAfterItsManifestWasWritten() throws IOException {
    write("part-0.csv", CLEAN);
    writeManifest();
    write("part-0.csv", CLEAN.replace("20", "99"));
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("checksum-mismatch");
    assertThat(report.findings().get(0).message()).startsWith("part-0.csv: sha256 ")
        .endsWith("changed after the manifest was written");
  }

  /** The dataset with no manifest in its config: whatever manifest the partition holds is found. */
  private DatasetSpec datasetWithoutManifestConfig() throws IOException {
    Path conf = dir.resolve("bare.conf");
    Files.writeString(conf, "datasets.fx { source.path = \"" + dir.resolve("feed") + "\" }\n");
    return DqgateConfig.load(conf.toFile(), Map.of()).dataset("fx");
  }

  @Test
  void manifestInThePartitionIsVerifiedWithoutConfig() throws IOException {
    write("part-0.csv", CLEAN);
    write("part-1.csv", "customer_id,name,amount\n4,Dee,40\n");
    writeManifest();
    assertThat(check(datasetWithoutManifestConfig()).findings()).isEmpty();
    write("part-1.csv", "customer_id,name,amount\n4,Dee,41\n");
    FileCheckReport report = check(datasetWithoutManifestConfig());
    assertThat(checks(report)).containsExactly("checksum-mismatch");
    assertThat(report.status()).isEqualTo(Status.BLOCK);
    assertThat(report.findings().get(0).file()).isEqualTo("part-1.csv");
    assertThat(report.verdict().findings().get(0).cause()).isEqualTo("tampered");
    assertThat(report.verdict().summary()).isEqualTo("BLOCK fx " + DAY + ": tampered in part-1.csv");
  }

  @Test
  void sha256sumFileInThePartitionIsVerifiedWithoutConfigAndIsNotData() throws IOException {
    write("part-0.csv", CLEAN);
    write("part-1.csv", CLEAN.replace("Ann", "Ada"));
    write("SHA256SUMS", sha256(CLEAN.getBytes(StandardCharsets.UTF_8)) + "  part-0.csv\n"
        + sha256(CLEAN.replace("Ann", "Ada").getBytes(StandardCharsets.UTF_8)) + "  ./part-1.csv\n");
    FileCheckReport clean = check(datasetWithoutManifestConfig());
    assertThat(clean.findings()).isEmpty();
    assertThat(clean.scans()).hasSize(2);
    write("part-0.csv", CLEAN.replace("30", "31"));
    FileCheckReport report = check(datasetWithoutManifestConfig());
    assertThat(checks(report)).containsExactly("checksum-mismatch");
    assertThat(report.findings().get(0).message()).startsWith("part-0.csv: sha256 ")
        .endsWith(" differs from SHA256SUMS (" + sha256(CLEAN.getBytes(StandardCharsets.UTF_8))
            + "): changed after the manifest was written");
  }

  @Test
  void manifestListsAFileThatIsNotThere() throws IOException {
    write("part-0.csv", CLEAN);
    write("part-1.csv", CLEAN);
    writeManifest();
    Files.delete(partition.resolve("part-1.csv"));
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("file-missing");
    assertThat(report.findings().get(0).file()).isEqualTo("part-1.csv");
  }

  @Test
  void fileTheManifestDoesNotList() throws IOException {
    write("part-0.csv", CLEAN);
    writeManifest();
    write("part-9.csv", CLEAN);
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("file-not-in-manifest");
    assertThat(report.findings().get(0).message()).isEqualTo("part-9.csv is not listed in _MANIFEST.json");
  }

  @Test
  void renamedColumn() throws IOException {
    write("part-0.csv", CLEAN.replace("customer_id", "customerId"));
    writeManifest();
    FileCheckReport report = check(dataset("columns { customer_id { kind = id }, amount { min = 0 } }"));
    assertThat(checks(report)).containsExactly("renamed-column");
    assertThat(report.findings().get(0).message())
        .isEqualTo("column \"customer_id\" renamed to \"customerId\" in part-0.csv");
  }

  @Test
  void missingAndExtraColumnsAgainstTheLastCheckedDay() throws IOException {
    LocalDate before = DAY.minusDays(1);
    List<MetricRecord> yesterday = new ArrayList<>();
    for (String column : List.of("customer_id", "name", "amount")) {
      yesterday.add(new MetricRecord("fx", before, "h", Instant.EPOCH, Entity.COLUMN, column,
          MetricNames.FILE_COLUMN_PRESENT, 1, null));
    }
    StoredDays.write(repository, "fx", before, yesterday);
    write("part-0.csv", "customer_id,name,zip\n1,Ann,10\n");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(report.findings()).extracting(FileFinding::message).containsExactlyInAnyOrder(
        "column \"amount\" missing from part-0.csv", "unexpected column \"zip\" in part-0.csv");
  }

  @Test
  void configuredColumnsAloneNeverMakeOthersExtra() throws IOException {
    write("part-0.csv", "customer_id,name,zip\n1,Ann,10\n");
    writeManifest();
    FileCheckReport report = check(dataset("columns { amount { min = 0 } }"));
    assertThat(checks(report)).containsExactly("missing-column");
  }

  @Test
  void typeChangeInParquetAgainstTheLastCheckedDay() throws IOException {
    Path feed = dir.resolve("typed");
    LocalDate before = DAY.minusDays(1);
    spark.sql("select cast(id as int) as id, cast(id * 2 as double) as amount from range(5)")
        .write().parquet(feed.resolve("dt=" + before).toString());
    spark.sql("select cast(id as int) as id, cast(id * 2 as string) as amount from range(5)")
        .write().parquet(feed.resolve("dt=" + DAY).toString());
    Path conf = dir.resolve("typed.conf");
    Files.writeString(conf, "datasets.tx { source { path = \"" + feed + "\", format = parquet } }\n");
    DatasetSpec spec = DqgateConfig.load(conf.toFile(), Map.of()).dataset("tx");
    FileChecker checker = new FileChecker(spark, repository);
    FileCheckReport first = checker.check(spec, before, "r1", Instant.EPOCH);
    assertThat(first.findings()).isEmpty();
    repository.replaceOwned(RecordOwner.FILES, "tx", before, first.metrics());
    FileCheckReport second = checker.check(spec, DAY, "r2", Instant.EPOCH);
    assertThat(second.findings()).extracting(FileFinding::check).containsOnly(FileCheck.TYPE_CHANGE);
    assertThat(second.findings().get(0).message())
        .startsWith("column \"amount\" changed type from double to string in part-");
  }

  @Test
  void signedManifest() throws IOException {
    write("part-0.csv", CLEAN);
    byte[] manifest = writeManifest();
    String key = "s3cret";
    write("_MANIFEST.json.hmac",
        HexFormat.of().formatHex(Manifest.hmac(manifest, key.getBytes(StandardCharsets.UTF_8))));
    DatasetSpec spec = dataset("files.hmac-key-env = DQ_TEST_KEY");
    assertThat(check(spec, Map.of("DQ_TEST_KEY", key)).findings()).isEmpty();
    FileCheckReport wrongKey = check(spec, Map.of("DQ_TEST_KEY", "other"));
    assertThat(checks(wrongKey)).containsExactly("signature-invalid");
  }

  @Test
  void missingPartitionAndMarker() throws IOException {
    write("part-0.csv", CLEAN);
    writeManifest();
    assertThat(checks(check(dataset("files.require-marker = _SUCCESS")))).containsExactly("marker-missing");
    Files.walk(partition).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("partition-missing");
    assertThat(report.status()).isEqualTo(Status.BLOCK);
  }

  private void writeTenRows() throws IOException {
    StringBuilder small = new StringBuilder("customer_id,name,amount\n");
    for (int i = 0; i < 10; i++) {
      small.append(i).append(",N,1\n");
    }
    write("part-0.csv", small.toString());
    writeManifest();
  }

  /** total_rows of the {@code days} days before DAY: 10 on Wednesdays (DAY's weekday), 100 otherwise. */
  private void storeTotalRowsBefore(int days) {
    for (int d = 1; d <= days; d++) {
      LocalDate day = DAY.minusDays(d);
      double rows = day.getDayOfWeek() == DAY.getDayOfWeek() ? 10 : 100;
      StoredDays.write(repository, "fx", day, List.of(new MetricRecord("fx", day, "h", Instant.EPOCH, Entity.DATASET,
          "*", MetricNames.TOTAL_ROWS, rows, null)));
    }
  }

  /** A ten-row day passes against the stored history; a one-row day is a volume finding with this message. */
  private void assertOneRowDayIsAVolumeDrop(String message) throws IOException {
    writeTenRows();
    assertThat(check(dataset("")).findings()).isEmpty();
    write("part-0.csv", "customer_id,name,amount\n1,N,1\n");
    writeManifest();
    FileCheckReport report = check(dataset(""));
    assertThat(checks(report)).containsExactly("volume");
    assertThat(report.findings().get(0).message()).isEqualTo(message);
  }

  @Test
  void volumeAgainstTheSameWeekday() throws IOException {
    storeTotalRowsBefore(28);
    assertOneRowDayIsAVolumeDrop("total_rows 1 vs Wednesday median 10 (-90%)");
  }

  @Test
  void volumeInTheSecondWeekComparesWithTheOneEarlierSameWeekday() throws IOException {
    // Eight days of history: one Wednesday (10 rows), the other days 100.
    storeTotalRowsBefore(8);
    assertOneRowDayIsAVolumeDrop("total_rows 1 vs 8-day median 100 (-99%)");
  }
}
