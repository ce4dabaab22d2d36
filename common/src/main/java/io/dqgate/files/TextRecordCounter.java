package io.dqgate.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the records of a text file fed to it in chunks, and the malformed ones with their first line
 * numbers. A leading UTF-8 byte order mark is taken off before the format sees the bytes (Spark's line
 * reader drops it too), however the chunks happen to split it.
 */
abstract class TextRecordCounter {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final int BOM_DECIDED = -1;

  private final int maxExamples;
  private final List<Long> malformedLines = new ArrayList<>();
  private int bomMatched;
  private long records;
  private long malformed;
  private boolean unterminatedQuote;

  TextRecordCounter(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  /** Creates the counter for a text format. */
  static TextRecordCounter forOptions(ScanOptions options) {
    return switch (options.format()) {
      case CSV, TSV -> new CsvRecordCounter(options);
      case JSON -> new JsonLinesCounter(options.maxExamples());
      default -> throw new IllegalArgumentException(options.format().label() + " is not a text format");
    };
  }

  final void accept(byte[] bytes, int from, int length) {
    int i = from;
    int end = from + length;
    while (bomMatched != BOM_DECIDED && i < end) {
      if (bytes[i] == BOM[bomMatched]) {
        i++;
        bomMatched = bomMatched + 1 == BOM.length ? BOM_DECIDED : bomMatched + 1;
      } else {
        consume(BOM, 0, bomMatched); // a prefix of the mark that turned out to be content
        bomMatched = BOM_DECIDED;
      }
    }
    if (i < end) {
      consume(bytes, i, end - i);
    }
  }

  /** The end of the content: a last line without a line end is still a record. */
  final void finish() {
    if (bomMatched > 0) {
      consume(BOM, 0, bomMatched);
    }
    bomMatched = BOM_DECIDED;
    end();
  }

  /** Format-specific tokenizing of content bytes (BOM already removed). */
  abstract void consume(byte[] bytes, int from, int length);

  abstract void end();

  /** Header field names for CSV/TSV with a header; empty otherwise. */
  abstract List<String> columns();

  final void record() {
    records++;
  }

  final void malformed(long line) {
    malformed++;
    if (malformedLines.size() < maxExamples) {
      malformedLines.add(line);
    }
  }

  final void unterminatedQuote() {
    unterminatedQuote = true;
  }

  final long records() {
    return records;
  }

  final long malformedRecords() {
    return malformed;
  }

  final List<Long> malformedLines() {
    return List.copyOf(malformedLines);
  }

  final boolean hasUnterminatedQuote() {
    return unterminatedQuote;
  }
}
