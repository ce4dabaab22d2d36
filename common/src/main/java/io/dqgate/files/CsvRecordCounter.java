package io.dqgate.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte-level CSV/TSV tokenizer that counts records and fields without keeping them, the way Spark's CSV
 * reader (univocity, PERMISSIVE) splits them:
 * <ul>
 *   <li>a quote opens a quoted field only as the field's first character; inside, the delimiter and (with
 *       {@code multiLine}) line ends are content; a doubled quote is a literal quote, and so is
 *       escape + quote when an escape is set (escape + escape is a literal escape);</li>
 *   <li>text after a closing quote, up to the next delimiter, stays in the field (Spark's
 *       {@code STOP_AT_DELIMITER}); it does not change the field count;</li>
 *   <li>records end at '\n' ('\r\n' too); without {@code multiLine} also inside quotes, and such a record is
 *       malformed with an unterminated quote; empty lines are not records;</li>
 *   <li>the first record is the header when {@code header} is set (only its fields are kept, up to
 *       {@link #HEADER_LIMIT} bytes); a record whose field count differs from the header's (or, without a
 *       header, the first record's) is malformed, as is one still inside quotes at the end of the file.</li>
 * </ul>
 */
final class CsvRecordCounter extends TextRecordCounter {
  static final int HEADER_LIMIT = 1 << 20;
  private static final int NONE = 1000; // never equal to a byte value
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTED_ESCAPE = 3;
  private static final int AFTER_QUOTE = 4;

  private final int delimiter;
  private final int quote;
  private final int escape;
  private final boolean multiLine;
  private final long delimiterWord;
  private final long quoteWord;
  private final long escapeWord;
  private boolean headerPending;
  private final List<String> header = new ArrayList<>();
  private final ByteArrayOutputStream field = new ByteArrayOutputStream();
  private int headerBytes;

  private int state = FIELD_START;
  /** Fields begun in the current record; 0 while the line is still blank. */
  private int fields;
  private int expectedFields = -1;
  private long line = 1;
  private long recordLine = 1;

  CsvRecordCounter(ScanOptions options) {
    super(options.maxExamples());
    delimiter = options.delimiter();
    quote = options.quote() == '\0' ? NONE : options.quote();
    escape = options.escape() == '\0' || options.escape() == options.quote() ? NONE : options.escape();
    multiLine = options.multiLine();
    delimiterWord = repeated(delimiter);
    quoteWord = repeated(quote);
    escapeWord = repeated(escape);
    headerPending = options.header();
  }

  @Override
  void consume(byte[] bytes, int from, int length) {
    int end = from + length;
    for (int i = from; i < end; i++) {
      if (state == UNQUOTED && !headerPending) {
        i = skipWords(bytes, i, end, delimiterWord, NEWLINES);
      } else if (state == QUOTED && !headerPending) {
        i = skipWords(bytes, i, end, quoteWord, escapeWord);
      }
      if (i == end) {
        break;
      }
      int c = bytes[i];
      if (c == '\n') {
        lineEnd();
        continue;
      }
      switch (state) {
        case FIELD_START -> {
          if (c == '\r') {
            break; // part of a '\r\n' line end, or stray: not content
          }
          if (fields == 0) {
            fields = 1;
          }
          if (c == delimiter) {
            endField();
            fields++;
          } else if (c == quote) {
            state = QUOTED;
          } else {
            state = UNQUOTED;
            keep(c);
          }
        }
        case UNQUOTED -> {
          if (c == delimiter) {
            endField();
            fields++;
            state = FIELD_START;
          } else {
            keep(c);
          }
        }
        case QUOTED -> {
          if (c == escape) {
            state = QUOTED_ESCAPE;
          } else if (c == quote) {
            state = AFTER_QUOTE;
          } else {
            keep(c);
          }
        }
        case QUOTED_ESCAPE -> {
          if (c != quote && c != escape) {
            keep(escape); // only a quote or the escape itself is escaped; otherwise the escape is literal
          }
          keep(c);
          state = QUOTED;
        }
        default -> { // AFTER_QUOTE
          if (c == quote) {
            keep(c);
            state = QUOTED;
          } else if (c == delimiter) {
            endField();
            fields++;
            state = FIELD_START;
          } else if (c != '\r') {
            keep(c);
            state = UNQUOTED;
          }
        }
      }
    }
  }

  /**
   * Skips whole 8-byte words holding none of the bytes that could end the current state (and no line end):
   * inside a field most bytes are plain content.
   */
  private static int skipWords(byte[] bytes, int i, int end, long first, long second) {
    while (i + Long.BYTES <= end) {
      long word = (long) TextByteStats.LONGS.get(bytes, i);
      if ((hasZeroByte(word ^ first) | hasZeroByte(word ^ second) | hasZeroByte(word ^ NEWLINES)) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    return i;
  }

  /** Non-zero when some byte of the word is zero (may flag more bytes than that, never fewer). */
  private static long hasZeroByte(long word) {
    return (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
  }

  private static long repeated(int c) {
    return c == NONE ? NEWLINES : (c & 0xFFL) * 0x0101010101010101L;
  }

  private void lineEnd() {
    boolean inQuotes = state == QUOTED || state == QUOTED_ESCAPE;
    if (inQuotes && multiLine) {
      if (state == QUOTED_ESCAPE) {
        keep(escape);
      }
      keep('\n');
      state = QUOTED;
      line++;
      return;
    }
    endRecord(inQuotes);
    line++;
    recordLine = line;
  }

  @Override
  void end() {
    boolean inQuotes = state == QUOTED || state == QUOTED_ESCAPE;
    if (inQuotes || fields > 0) {
      endRecord(inQuotes);
    }
  }

  private void endRecord(boolean unterminated) {
    if (fields == 0) {
      return; // blank line
    }
    if (headerPending) {
      dropTrailingCarriageReturn();
      endField();
      headerPending = false;
    } else {
      record();
    }
    if (expectedFields < 0) {
      expectedFields = fields;
    }
    if (unterminated) {
      unterminatedQuote();
      malformed(recordLine);
    } else if (fields != expectedFields) {
      malformed(recordLine);
    }
    fields = 0;
    state = FIELD_START;
  }

  /** Only header fields are kept, and only up to {@link #HEADER_LIMIT} bytes in all. */
  private void keep(int c) {
    if (headerPending && headerBytes < HEADER_LIMIT) {
      field.write(c);
      headerBytes++;
    }
  }

  private void endField() {
    if (headerPending) {
      header.add(field.toString(StandardCharsets.UTF_8));
      field.reset();
    }
  }

  private void dropTrailingCarriageReturn() {
    byte[] kept = field.toByteArray();
    if (kept.length > 0 && kept[kept.length - 1] == '\r') {
      field.reset();
      field.write(kept, 0, kept.length - 1);
    }
  }

  @Override
  List<String> columns() {
    return List.copyOf(header);
  }
}
