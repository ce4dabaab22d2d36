package io.dqgate.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tokenizers give the same answer however the bytes are split into chunks. Chunks of 1..4 bytes never
 * take the 8-bytes-at-a-time skipping inside fields, so they check that path too.
 */
class CsvRecordCounterTest {
  private static final String CSV =
      "\uFEFFid,\"na\"\"me\",\"c\\\"x\"\r\n1,\"a\nb\",c\n\n2,\"x\",\"y\"\"\"\n3,4\n\"open,5,6\n7,8,9";
  private static final String JSON = "\uFEFF{\"a\":[1,2,{\"b\":\"c\\\"d\"}]}\n[]\n\n {\"x\": 1.5e10 }\r\n{\"y\":\n{}";

  @Test
  void csvChunkingDoesNotMatter() {
    for (boolean multiLine : new boolean[] {false, true}) {
      ScanOptions options = ScanOptions.of(SourceFormat.CSV, Map.of("multiLine", String.valueOf(multiLine)));
      List<Object> whole = summary(TextRecordCounter.forOptions(options), CSV, Integer.MAX_VALUE, null);
      Random random = new Random(multiLine ? 1 : 2);
      for (int round = 0; round < 200; round++) {
        assertThat(summary(TextRecordCounter.forOptions(options), CSV, 0, random)).isEqualTo(whole);
      }
    }
  }

  @Test
  void csvSummaries() {
    ScanOptions single = ScanOptions.defaults(SourceFormat.CSV);
    // line 2 opens a quote it closes on line 3 (malformed twice without multiLine); line 7 never closes its quote
    assertThat(summary(TextRecordCounter.forOptions(single), CSV, Integer.MAX_VALUE, null))
        .isEqualTo(List.of(6L, 4L, List.of(2L, 3L, 6L, 7L), true, List.of("id", "na\"me", "c\"x")));
    ScanOptions multi = ScanOptions.of(SourceFormat.CSV, Map.of("multiLine", "true"));
    assertThat(summary(TextRecordCounter.forOptions(multi), CSV, Integer.MAX_VALUE, null))
        .isEqualTo(List.of(4L, 2L, List.of(6L, 7L), true, List.of("id", "na\"me", "c\"x")));
  }

  @Test
  void randomCsvGivesTheSameCountsWholeAndByteByByte() {
    Random random = new Random(11);
    String[] pieces =
        {"a", "long plain text ", ",", ",", "\"", "\"\"", "\\", "\\\"", "\n", "\r\n", "\t", "é", "0123456789"};
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(400); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      for (String escape : new String[] {"\\", "\"", ""}) {
        ScanOptions options = ScanOptions.of(SourceFormat.CSV,
            Map.of("escape", escape, "multiLine", String.valueOf(random.nextBoolean())));
        List<Object> whole = summary(TextRecordCounter.forOptions(options), text.toString(), Integer.MAX_VALUE, null);
        List<Object> small = summary(TextRecordCounter.forOptions(options), text.toString(), 0, random);
        assertThat(whole).as(options + ": " + text).isEqualTo(small);
      }
    }
  }

  @Test
  void jsonChunkingDoesNotMatter() {
    ScanOptions options = ScanOptions.defaults(SourceFormat.JSON);
    List<Object> whole = summary(TextRecordCounter.forOptions(options), JSON, Integer.MAX_VALUE, null);
    assertThat(whole).isEqualTo(List.of(5L, 2L, List.of(2L, 5L), false, List.of()));
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      assertThat(summary(TextRecordCounter.forOptions(options), JSON, 0, random)).isEqualTo(whole);
    }
  }

  /** Feeds the text in chunks of {@code size} bytes, or of random sizes 1..4 when a random is given. */
  private static List<Object> summary(TextRecordCounter counter, String text, int size, Random random) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(bytes.length - at, random == null ? size : 1 + random.nextInt(4));
      byte[] chunk = new byte[n + 2]; // fed at an offset inside a larger array, as from a reused buffer
      System.arraycopy(bytes, at, chunk, 1, n);
      counter.accept(chunk, 1, n);
      at += n;
    }
    counter.finish();
    return List.of(counter.records(), counter.malformedRecords(), counter.malformedLines(),
        counter.hasUnterminatedQuote(), counter.columns());
  }
}
