package io.dqgate.files;

import static io.dqgate.files.FileScannerTestSupport.scan;
import static io.dqgate.files.FileScannerTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SourceFormat;
import io.dqgate.files.FileScannerTestSupport.Expected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines: one object per non-blank line; anything else is malformed, with its line number. */
class FileScannerJsonTest {
  @TempDir Path dir;

  @Test
  void jsonLinesWithTwoBadLines() throws IOException {
    Path file = write(dir, "events.json", """
        {"a":1,"b":"x"}
        {"a":2,

        [1,2]
        {"a":"y\\n\\u00e9"}\t\r

        {"b":{"c":[1,{},null,true,1.5e3]}}
        """);
    assertThat(scan(file, SourceFormat.JSON))
        .isEqualTo(Expected.of(file).lines(7).records(5).malformed(2L, 4L).build());
  }

  @Test
  void everyKindOfNonObjectLine() throws IOException {
    Path file = write(dir, "bad.json", String.join("\n",
        "{\"ok\":1}", "5", "\"text\"", "{} {}", "{\"a\":1}x", "{\"a\":tru}", "null", "{\"a\":1}}", "{'a':1}",
        "{\"ok\":2}", ""));
    Expected expected = Expected.of(file).lines(10).records(10).malformed(2L, 3L, 4L, 5L, 6L);
    expected.malformed = 8; // only the first five line numbers are kept by default
    assertThat(scan(file, SourceFormat.JSON)).isEqualTo(expected.build());
    assertThat(scan(file, ScanOptions.defaults(SourceFormat.JSON).withMaxExamples(10)).malformedLines())
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void unfinishedLastLine() throws IOException {
    Path file = write(dir, "cut.json", "{\"a\":1}\n{\"a\":");
    Expected expected = Expected.of(file).lines(2).records(2).malformed(2L);
    expected.truncatedLastLine = true;
    assertThat(scan(file, SourceFormat.JSON)).isEqualTo(expected.build());
  }

  @Test
  void completeLastLineWithoutNewline() throws IOException {
    Path file = write(dir, "last.json", "{\"a\":1}\r\n{\"a\":2}");
    Expected expected = Expected.of(file).lines(2).records(2);
    expected.truncatedLastLine = true;
    assertThat(scan(file, SourceFormat.JSON)).isEqualTo(expected.build());
  }

  @Test
  void byteOrderMarkAndLongLinesAcrossBuffers() throws IOException {
    String big = "x".repeat(200_000);
    Path file = write(dir, "long.json", "\uFEFF{\"big\":\"" + big + "\",\"n\":[" + "1,".repeat(50_000) + "2]}\n"
        + "{\"big\":\"" + big + "\"\n{}\n");
    Expected expected = Expected.of(file).lines(3).records(3).malformed(2L);
    expected.bom = true;
    assertThat(scan(file, SourceFormat.JSON)).isEqualTo(expected.build());
  }

  @Test
  void overlongLinesAreMalformedWithoutBeingHeld() {
    JsonLinesCounter counter = new JsonLinesCounter(5, 100);
    byte[] text = ("{\"a\":\"" + "x".repeat(200) + "\"}\n{\"b\":1}\n{\"c\":\"" + "y".repeat(50) + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    counter.accept(text, 0, text.length);
    counter.finish();
    assertThat(counter.records()).isEqualTo(3);
    assertThat(counter.malformedRecords()).isEqualTo(1);
    assertThat(counter.malformedLines()).containsExactly(1L);
  }

  @Test
  void latin1InsideAJsonString() throws IOException {
    Path file = write(dir, "latin1.json",
        "{\"name\":\"José\"}\n{\"name\":\"Ann\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    Expected expected = Expected.of(file).lines(2).records(2).malformed(1L);
    expected.invalidUtf8 = 1;
    expected.firstInvalidUtf8 = 12;
    assertThat(scan(file, SourceFormat.JSON)).isEqualTo(expected.build());
  }

  @Test
  void zeroBytesAndBlankOnly() throws IOException {
    Path empty = write(dir, "empty.json", "");
    assertThat(scan(empty, SourceFormat.JSON)).isEqualTo(Expected.of(empty).build());
    Path blank = write(dir, "blank.json", "\n  \n\t\n");
    assertThat(scan(blank, SourceFormat.JSON)).isEqualTo(Expected.of(blank).lines(3).build());
  }
}
