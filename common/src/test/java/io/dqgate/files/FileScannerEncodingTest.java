package io.dqgate.files;

import static io.dqgate.files.FileScannerTestSupport.scan;
import static io.dqgate.files.FileScannerTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SourceFormat;
import io.dqgate.files.FileScannerTestSupport.Expected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encoding checks of text files: strict UTF-8, byte order mark, NUL bytes; records are unaffected. */
class FileScannerEncodingTest {
  @TempDir Path dir;

  @Test
  void latin1TextWithAccents() throws IOException {
    String text = "id,name\n1,José\n2,Zoë Müller\n3,Ann\n";
    Path file = write(dir, "latin1.csv", text.getBytes(StandardCharsets.ISO_8859_1));
    Expected expected = Expected.of(file).lines(4).records(3).columns("id", "name");
    expected.invalidUtf8 = 3; // é, ë, ü: each a lone lead byte followed by ASCII
    expected.firstInvalidUtf8 = "id,name\n1,Jos".length();
    assertThat(expected.firstInvalidUtf8).isEqualTo(13);
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void theSameTextInUtf8IsClean() throws IOException {
    Path file = write(dir, "utf8.csv", "id,name\n1,José\n2,Zoë Müller\n3,李\n4,😀\n");
    assertThat(scan(file, SourceFormat.CSV))
        .isEqualTo(Expected.of(file).lines(5).records(4).columns("id", "name").build());
  }

  @Test
  void invalidSequencesOfEveryKind() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("a\n".getBytes(StandardCharsets.US_ASCII));
    int first = out.size();
    out.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'}); // overlong '/': 2
    out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // surrogate U+D800: 3
    out.writeBytes(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '\n'}); // U+110000: 4
    out.writeBytes(new byte[] {(byte) 0x80, '\n'}); // stray continuation: 1
    out.writeBytes(new byte[] {(byte) 0xE2, (byte) 0x82, 'x', '\n'}); // cut-short euro sign: 1
    out.writeBytes(new byte[] {'y', (byte) 0xF0, (byte) 0x9F, (byte) 0x98}); // cut short at the end of the file: 1
    Path file = write(dir, "bad.csv", out.toByteArray());
    Expected expected = Expected.of(file).lines(7).records(6).columns("a");
    expected.invalidUtf8 = 12;
    expected.firstInvalidUtf8 = first;
    expected.truncatedLastLine = true;
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void nulBytes() throws IOException {
    Path file = write(dir, "nul.csv", "a,b\n1,\0x\n2,y\0\0\n");
    Expected expected = Expected.of(file).lines(3).records(2).columns("a", "b");
    expected.nulBytes = 3;
    expected.firstNul = 6;
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void utf8ByteOrderMarkIsReportedAndStrippedFromTheHeader() throws IOException {
    Path file = write(dir, "bom.csv", "\uFEFFid,name\n1,a\n");
    Expected expected = Expected.of(file).lines(2).records(1).columns("id", "name");
    expected.bom = true;
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void byteOrderMarkBeforeAQuotedHeaderField() throws IOException {
    Path file = write(dir, "bom-quoted.csv", "\uFEFF\"id\",\"na,me\"\n1,a\n");
    Expected expected = Expected.of(file).lines(2).records(1).columns("id", "na,me");
    expected.bom = true;
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void aFileThatIsOnlyAPartialByteOrderMark() throws IOException {
    Path file = write(dir, "partial-bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB});
    Expected expected = Expected.of(file).lines(1).records(0).columns("\uFFFD");
    expected.invalidUtf8 = 1;
    expected.firstInvalidUtf8 = 0;
    expected.truncatedLastLine = true;
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }

  @Test
  void nulBytesAndLineEndsAnywhereInLargeFiles() throws IOException {
    java.util.Random random = new java.util.Random(5);
    for (int round = 0; round < 5; round++) {
      byte[] bytes = new byte[200_000 + random.nextInt(100_000)];
      for (int i = 0; i < bytes.length; i++) {
        int r = random.nextInt(100);
        bytes[i] = (byte) (r == 0 ? 0 : r < 3 ? '\n' : 'a' + r % 26);
      }
      long nuls = FileScannerTestSupport.count(bytes, 0, bytes.length, (byte) 0);
      long newlines = FileScannerTestSupport.count(bytes, 0, bytes.length, (byte) '\n');
      int firstNul = 0;
      while (bytes[firstNul] != 0) {
        firstNul++;
      }
      FileScan scan = scan(write(dir, "random-" + round + ".json", bytes), SourceFormat.JSON);
      boolean unterminated = bytes[bytes.length - 1] != '\n';
      assertThat(scan.nulBytes()).isEqualTo(nuls);
      assertThat(scan.firstNulOffset()).isEqualTo(firstNul);
      assertThat(scan.lines()).isEqualTo(newlines + (unterminated ? 1 : 0));
      assertThat(scan.truncatedLastLine()).isEqualTo(unterminated);
      assertThat(scan.invalidUtf8Sequences()).isZero();
    }
  }

  @Test
  void largeFileAcrossManyBuffers() throws IOException {
    StringBuilder text = new StringBuilder("id,name,note\n");
    int rows = 50_000;
    for (int i = 1; i <= rows; i++) {
      text.append(i).append(",Zoë ").append(i).append(",\"multi, ").append(i % 7 == 0 ? "quoted \"\"x\"\"" : "plain")
          .append("\"\n");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    int cut = bytes.length / 2; // one latin-1 byte far into the file, well past the first 64 KiB buffer
    while (bytes[cut] != 'Z') {
      cut++;
    }
    bytes[cut + 3] = (byte) 0xEB; // "Zoë " is 5A 6F C3 AB 20; now C3 EB 20: C3 is cut short, then EB is too
    Path file = write(dir, "large.csv", bytes);
    Expected expected = Expected.of(file).lines(rows + 1).records(rows).columns("id", "name", "note");
    expected.invalidUtf8 = 2;
    expected.firstInvalidUtf8 = cut + 2;
    assertThat(scan(file, SourceFormat.CSV)).isEqualTo(expected.build());
  }
}
