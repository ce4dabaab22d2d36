package io.dqgate.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.util.List;

/**
 * JSON lines: every non-blank line must hold exactly one JSON object. Each line goes through Jackson's
 * non-blocking parser as the chunks arrive, so a line is never buffered whole; only the token being parsed
 * is. To keep that bounded, a string value longer than {@link #MAX_STRING_CHARS} or a line longer than
 * {@link #MAX_LINE_BYTES} makes its line malformed (Spark would have to hold such a line whole) and the rest
 * of the line is skipped. Blank (whitespace-only) lines are not records, as in Spark.
 */
final class JsonLinesCounter extends TextRecordCounter {
  static final int MAX_STRING_CHARS = 16 << 20;
  static final long MAX_LINE_BYTES = 64L << 20;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
      .build();

  private final long maxLineBytes;
  private long line = 1;
  private long lineBytes;
  /** Parser of the current line; null while the line is blank so far, or once it is known to be malformed. */
  private JsonParser parser;
  private boolean lineMalformed;
  private int depth;
  private boolean objectDone;

  JsonLinesCounter(int maxExamples) {
    this(maxExamples, MAX_LINE_BYTES);
  }

  JsonLinesCounter(int maxExamples, long maxLineBytes) {
    super(maxExamples);
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  void consume(byte[] bytes, int from, int length) {
    int end = from + length;
    int start = from;
    for (int i = from; i < end; i++) {
      if (bytes[i] == '\n') {
        segment(bytes, start, i);
        lineEnd();
        start = i + 1;
      }
    }
    if (start < end) {
      segment(bytes, start, end);
    }
  }

  @Override
  void end() {
    lineEnd();
  }

  @Override
  List<String> columns() {
    return List.of();
  }

  private void segment(byte[] bytes, int from, int to) {
    if (lineMalformed || from == to) {
      return;
    }
    if (parser == null) {
      while (from < to && isBlank(bytes[from])) {
        from++;
      }
      if (from == to) {
        return;
      }
      record();
      try {
        parser = FACTORY.createNonBlockingByteArrayParser();
      } catch (IOException e) {
        throw new IllegalStateException("Jackson cannot create a parser", e);
      }
      depth = 0;
      objectDone = false;
      lineBytes = 0;
    }
    lineBytes += to - from;
    if (lineBytes > maxLineBytes) {
      markMalformed();
      return;
    }
    try {
      ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(bytes, from, to);
      advance();
    } catch (IOException e) {
      markMalformed();
    }
  }

  private void lineEnd() {
    if (parser != null && !lineMalformed) {
      try {
        ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).endOfInput();
        advance();
        if (!lineMalformed && !objectDone) {
          markMalformed();
        }
      } catch (IOException e) {
        markMalformed();
      }
    }
    close();
    lineMalformed = false;
    line++;
  }

  /** Reads every token the input so far allows; anything but one object per line is malformed. */
  private void advance() throws IOException {
    JsonToken token;
    while (!lineMalformed && (token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      if (objectDone || depth == 0 && token != JsonToken.START_OBJECT) {
        markMalformed(); // a second value, or a value that is not an object
      } else if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd() && --depth == 0) {
        objectDone = true;
      }
    }
  }

  private void markMalformed() {
    lineMalformed = true;
    malformed(line);
    close();
  }

  private void close() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // nothing to release but buffers
      }
      parser = null;
    }
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }
}
