package io.dqgate.files;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-level facts about text content: length, line ends, NUL bytes, a leading UTF-8 byte order mark. */
final class TextByteStats {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** Eight bytes at a time: counting line ends is the one per-byte job every text file needs. */
  static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private long offset;
  private long newlines;
  private long nulBytes;
  private long firstNulOffset = -1;
  private int bomMatched;
  private byte last;
  private boolean cutShort;

  void update(byte[] bytes, int from, int length) {
    int end = from + length;
    int i = from;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      newlines += Long.bitCount(zeroBytes(word ^ NEWLINES));
      if (zeroBytes(word) != 0) {
        countNuls(bytes, i, i + Long.BYTES, from);
      }
    }
    for (; i < end; i++) {
      if (bytes[i] == '\n') {
        newlines++;
      }
    }
    countNuls(bytes, end - (end - from) % Long.BYTES, end, from);
    for (int j = from; j < end && offset + j - from < BOM.length; j++) {
      long at = offset + j - from;
      if (bomMatched == at && bytes[j] == BOM[(int) at]) {
        bomMatched++;
      }
    }
    if (length > 0) {
      last = bytes[end - 1];
    }
    offset += length;
  }

  /** The high bit of each byte of the result is set exactly where {@code word} has a zero byte. */
  private static long zeroBytes(long word) {
    return ~(((word & LOW7) + LOW7) | word | LOW7);
  }

  private void countNuls(byte[] bytes, int from, int to, int chunkStart) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == 0 && nulBytes++ == 0) {
        firstNulOffset = offset + i - chunkStart;
      }
    }
  }

  /** The content ended early (a decoding error): the last partial line is not counted or judged. */
  void cutShort() {
    cutShort = true;
  }

  long bytes() {
    return offset;
  }

  /** Lines, counting a last one without '\n'. */
  long lines() {
    return newlines + (truncatedLastLine() ? 1 : 0);
  }

  boolean truncatedLastLine() {
    return !cutShort && offset > 0 && last != '\n';
  }

  long nulBytes() {
    return nulBytes;
  }

  long firstNulOffset() {
    return firstNulOffset;
  }

  boolean bom() {
    return bomMatched == BOM.length;
  }
}
