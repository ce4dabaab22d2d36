package io.dqgate.files;

import static io.dqgate.files.FileScannerTestSupport.count;
import static io.dqgate.files.FileScannerTestSupport.scan;
import static io.dqgate.files.FileScannerTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SourceFormat;
import io.dqgate.files.FileScannerTestSupport.Expected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed text through Hadoop's codecs: counts are of the decompressed content, size and SHA-256 of the
 * file as stored, and a truncated archive is a read error, not an exception.
 */
class FileScannerCompressedTest {
  private static final Pattern TRUNCATED =
      Pattern.compile("truncated (\\w+) archive: unexpected end of stream after (\\d+) bytes");

  @TempDir Path dir;

  private interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  @Test
  void gzipCsv() throws IOException {
    byte[] csv = csv(1_000);
    Path file = write(dir, "part-0.csv.gz", compress(csv, GZIPOutputStream::new));
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(
        Expected.of(file).codec("gzip").lines(1_001).records(1_000).columns("id", "name", "score").build());
  }

  @Test
  void concatenatedGzipMembers() throws IOException {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(compress("id,name\n1,a\n".getBytes(StandardCharsets.UTF_8), GZIPOutputStream::new));
    both.writeBytes(compress("2,b\n3,c,d\n".getBytes(StandardCharsets.UTF_8), GZIPOutputStream::new));
    Path file = write(dir, "two.csv.gz", both.toByteArray());
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(
        Expected.of(file).codec("gzip").lines(4).records(3).columns("id", "name").malformed(4L).build());
  }

  @Test
  void bzip2Csv() throws IOException {
    byte[] csv = csv(1_000);
    Path file = write(dir, "part-0.csv.bz2", compress(csv, BZip2CompressorOutputStream::new));
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(
        Expected.of(file).codec("bzip2").lines(1_001).records(1_000).columns("id", "name", "score").build());
  }

  @Test
  void deflateJsonLines() throws IOException {
    Path file = write(dir, "part-0.json.deflate",
        compress("{\"a\":1}\n{\"a\":\n".getBytes(StandardCharsets.UTF_8), DeflaterOutputStream::new));
    assertThat(scan(file, SourceFormat.JSON)).isEqualTo(
        Expected.of(file).codec("deflate").lines(2).records(2).malformed(2L).build());
  }

  @Test
  void gzipWithLatin1Content() throws IOException {
    byte[] latin1 = "id,name\n1,José\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = write(dir, "latin1.csv.gz", compress(latin1, GZIPOutputStream::new));
    Expected expected = Expected.of(file).codec("gzip").lines(2).records(1).columns("id", "name");
    expected.invalidUtf8 = 1;
    expected.firstInvalidUtf8 = 13; // an offset in the decompressed content
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void truncatedGzip() throws IOException {
    byte[] csv = csv(20_000);
    byte[] gzip = compress(csv, GZIPOutputStream::new);
    Path file = write(dir, "cut.csv.gz", Arrays.copyOf(gzip, gzip.length * 3 / 5));
    assertTruncated(file, csv, "gzip");
  }

  @Test
  void gzipCutInsideItsTrailer() throws IOException {
    byte[] csv = csv(100);
    byte[] gzip = compress(csv, GZIPOutputStream::new);
    Path file = write(dir, "no-trailer.csv.gz", Arrays.copyOf(gzip, gzip.length - 4));
    FileScan scan = assertTruncated(file, csv, "gzip");
    assertThat(scan.records()).isEqualTo(100); // all content came out; only the checksum trailer is missing
  }

  @Test
  void truncatedBzip2() throws IOException {
    byte[] csv = csv(60_000); // several 900 kB blocks, so whole blocks come out before the cut
    byte[] bzip2 = compress(csv, BZip2CompressorOutputStream::new);
    Path file = write(dir, "cut.csv.bz2", Arrays.copyOf(bzip2, bzip2.length / 2));
    assertTruncated(file, csv, "bzip2");
  }

  @Test
  void zeroByteGzipIsNotAnArchive() throws IOException {
    Path file = write(dir, "empty.csv.gz", new byte[0]);
    Expected expected = Expected.of(file).codec("gzip");
    expected.readError = "truncated gzip archive: unexpected end of stream after 0 bytes";
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void garbageWithAGzipName() throws IOException {
    byte[] garbage = new byte[10_000];
    new Random(7).nextBytes(garbage);
    Path file = write(dir, "garbage.csv.gz", garbage);
    FileScan scan = scan(file, SourceFormat.CSV);
    assertThat(scan.readError()).startsWith("corrupt gzip archive after 0 bytes: ").doesNotContain("\n");
    assertThat(scan.bytes()).isEqualTo(10_000);
    assertThat(scan.sha256()).isEqualTo(FileScannerTestSupport.sha256(garbage));
  }

  /** Figures cover the complete lines decoded before the error: a prefix of the original content. */
  private static FileScan assertTruncated(Path file, byte[] content, String codec) throws IOException {
    FileScan scan = scan(file, SourceFormat.CSV);
    assertThat(scan.readError()).matches(TRUNCATED);
    Matcher m = TRUNCATED.matcher(scan.readError());
    assertThat(m.matches()).isTrue();
    int decoded = Integer.parseInt(m.group(2));
    assertThat(m.group(1)).isEqualTo(codec);
    assertThat(decoded).isPositive().isLessThanOrEqualTo(content.length);
    long lines = count(content, 0, decoded, (byte) '\n');
    Expected expected = Expected.of(file).codec(codec).lines(lines).records(lines - 1).columns("id", "name", "score");
    expected.readError = scan.readError();
    assertThat(scan).isEqualTo(expected.build());
    return scan;
  }

  /** Rows varied enough that the compressed stream is long. */
  private static byte[] csv(int rows) {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder("id,name,score\n");
    for (int i = 1; i <= rows; i++) {
      text.append(i).append(",name-").append(Long.toHexString(random.nextLong())).append(',')
          .append(random.nextDouble()).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] compress(byte[] content, Compressor compressor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.wrap(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }
}
