package io.dqgate.files;

import static io.dqgate.files.FileScannerTestSupport.scan;
import static io.dqgate.files.FileScannerTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SourceFormat;
import io.dqgate.files.FileScannerTestSupport.Expected;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV/TSV structure: each corpus file gives exactly the counts it should and nothing else. */
class FileScannerCsvTest {
  private static final ScanOptions CSV = ScanOptions.defaults(SourceFormat.CSV);
  private static final ScanOptions MULTI_LINE = ScanOptions.of(SourceFormat.CSV, Map.of("multiLine", "true"));

  @TempDir Path dir;

  @Test
  void cleanCsv() throws IOException {
    Path file = write(dir, "clean.csv", "id,name,city\n1,Ann,Paris\n2,\"Bob, Jr\",Lyon\n3,,\n");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(4).records(3).columns("id", "name", "city").build());
  }

  @Test
  void wrongDelimiterOnSomeLinesIsAFieldCountMismatch() throws IOException {
    Path file = write(dir, "semicolons.csv",
        "id,name,city\n1,Ann,Paris\n2;Bob;Lyon\n3,Cid,Nice\n4;Dan;Metz\n5,Eve,Pau\n");
    assertThat(scan(file, CSV)).isEqualTo(
        Expected.of(file).lines(6).records(5).columns("id", "name", "city").malformed(3L, 5L).build());
  }

  @Test
  void tooManyFieldsIsMalformedToo() throws IOException {
    Path file = write(dir, "extra.csv", "a,b\n1,2\n1,2,3\n\n4,5\n");
    assertThat(scan(file, CSV))
        .isEqualTo(Expected.of(file).lines(5).records(3).columns("a", "b").malformed(3L).build());
  }

  @Test
  void onlyTheFirstExamplesAreKept() throws IOException {
    Path file = write(dir, "many.csv", "a,b\n" + "x\n".repeat(8) + "1,2\n");
    FileScan scan = scan(file, CSV.withMaxExamples(3));
    assertThat(scan.malformedRecords()).isEqualTo(8);
    assertThat(scan.malformedLines()).containsExactly(2L, 3L, 4L);
  }

  @Test
  void unterminatedQuoteEndsAtTheLineEndWithoutMultiLine() throws IOException {
    Path file = write(dir, "open.csv", "id,comment\n1,\"ok\"\n2,\"broken\n3,fine\n");
    Expected expected = Expected.of(file).lines(4).records(3).columns("id", "comment").malformed(3L);
    expected.unterminatedQuote = true;
    assertThat(scan(file, CSV)).isEqualTo(expected.build());
  }

  @Test
  void unterminatedQuoteRunsToTheEndOfTheFileWithMultiLine() throws IOException {
    Path file = write(dir, "open-multi.csv", "id,comment\n1,\"ok\"\n2,\"broken\n3,fine\n");
    Expected expected = Expected.of(file).lines(4).records(2).columns("id", "comment").malformed(3L);
    expected.unterminatedQuote = true;
    assertThat(scan(file, MULTI_LINE)).isEqualTo(expected.build());
  }

  @Test
  void quotedNewlinesArePartOfTheFieldWithMultiLine() throws IOException {
    Path file = write(dir, "multi.csv", "id,text,n\n1,\"line one\nline two, still\",5\n2,\"a\",6\n");
    assertThat(scan(file, MULTI_LINE))
        .isEqualTo(Expected.of(file).lines(4).records(2).columns("id", "text", "n").build());
  }

  @Test
  void quotedNewlinesBreakTheRecordWithoutMultiLine() throws IOException {
    Path file = write(dir, "multi.csv", "id,text,n\n1,\"line one\nline two\",5\n2,\"a\",6\n");
    Expected expected = Expected.of(file).lines(4).records(3).columns("id", "text", "n").malformed(2L, 3L);
    expected.unterminatedQuote = true;
    assertThat(scan(file, CSV)).isEqualTo(expected.build());
  }

  @Test
  void doubledQuotesWithRfcEscape() throws IOException {
    Path file = write(dir, "rfc.csv", "id,\"quote \"\"x\"\"\"\n1,\"she said \"\"hi, there\"\"\"\n2,\"\"\"\"\n3,\"\"\n");
    ScanOptions rfc = ScanOptions.of(SourceFormat.CSV, Map.of("escape", "\""));
    assertThat(scan(file, rfc)).isEqualTo(Expected.of(file).lines(4).records(3).columns("id", "quote \"x\"").build());
    // Spark's default backslash escape reads doubled quotes the same way.
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(4).records(3).columns("id", "quote \"x\"").build());
  }

  @Test
  void backslashEscapes() throws IOException {
    Path file = write(dir, "backslash.csv", "id,\"q\\\"\\\\\"\n1,\"a \\\"b, c\\\" d\"\n2,\"e\\\\\"\n3,\"f\\g\"\n");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(4).records(3).columns("id", "q\"\\").build());
  }

  @Test
  void backslashBeforeTheClosingQuoteLeavesItOpenWithoutThatEscape() throws IOException {
    Path file = write(dir, "path.csv", "id,dir\n1,\"C:\\\"\n2,x\n");
    Expected expected = Expected.of(file).lines(3).records(2).columns("id", "dir").malformed(2L);
    expected.unterminatedQuote = true;
    assertThat(scan(file, CSV)).isEqualTo(expected.build());
    ScanOptions noEscape = ScanOptions.of(SourceFormat.CSV, Map.of("escape", ""));
    assertThat(scan(file, noEscape)).isEqualTo(Expected.of(file).lines(3).records(2).columns("id", "dir").build());
  }

  @Test
  void textAfterAClosingQuoteStaysInTheField() throws IOException {
    Path file = write(dir, "after.csv", "a,b\n\"x\"y,z\n");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(2).records(1).columns("a", "b").build());
  }

  @Test
  void tsv() throws IOException {
    Path file = write(dir, "data.tsv", "id\tname\n1\tAnn, Smith\n2\tBob\n3\tx\ty\n");
    assertThat(scan(file, SourceFormat.TSV)).isEqualTo(
        Expected.of(file).lines(4).records(3).columns("id", "name").malformed(4L).build());
  }

  @Test
  void customDelimiterAndNoQuoting() throws IOException {
    Path file = write(dir, "pipes.csv", "a|b\n\"x|y\n");
    ScanOptions pipes = ScanOptions.of(SourceFormat.CSV, Map.of("sep", "|", "quote", ""));
    assertThat(scan(file, pipes)).isEqualTo(Expected.of(file).lines(2).records(1).columns("a", "b").build());
  }

  @Test
  void headerOnly() throws IOException {
    Path file = write(dir, "header.csv", "id,name\n");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(1).records(0).columns("id", "name").build());
  }

  @Test
  void zeroBytes() throws IOException {
    Path file = write(dir, "empty.csv", "");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).build());
    assertThat(scan(file, CSV).sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void blankLinesAreNotRecords() throws IOException {
    Path file = write(dir, "blank.csv", "\n\na,b\n\n1,2\r\n\r\n3,4\n\n");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(8).records(2).columns("a", "b").build());
  }

  @Test
  void crlfLineEnds() throws IOException {
    Path file = write(dir, "crlf.csv", "id,name\r\n1,Ann\r\n2,\"Bob\"\r\n3,\r\n");
    assertThat(scan(file, CSV)).isEqualTo(Expected.of(file).lines(4).records(3).columns("id", "name").build());
  }

  @Test
  void lastLineWithoutNewlineIsStillARecord() throws IOException {
    Path file = write(dir, "cut.csv", "id,name\n1,Ann\n2,Bob");
    Expected expected = Expected.of(file).lines(3).records(2).columns("id", "name");
    expected.truncatedLastLine = true;
    assertThat(scan(file, CSV)).isEqualTo(expected.build());
  }

  @Test
  void truncatedLastLineWithTooFewFields() throws IOException {
    Path file = write(dir, "cut-short.csv", "id,name,city\n1,Ann,Paris\n2,Bo");
    Expected expected = Expected.of(file).lines(3).records(2).columns("id", "name", "city").malformed(3L);
    expected.truncatedLastLine = true;
    assertThat(scan(file, CSV)).isEqualTo(expected.build());
  }

  @Test
  void withoutHeaderTheFirstRecordSetsTheFieldCount() throws IOException {
    Path file = write(dir, "noheader.csv", "1,Ann\n2,Bob\n3\n");
    ScanOptions noHeader = ScanOptions.of(SourceFormat.CSV, Map.of("header", "false"));
    assertThat(scan(file, noHeader)).isEqualTo(Expected.of(file).lines(3).records(3).malformed(3L).build());
  }
}
