package io.dqgate.files;

/**
 * Strict streaming UTF-8 validation as a byte state machine (Unicode 15, table 3-7 "well-formed UTF-8 byte
 * sequences"): overlong forms, surrogates U+D800..U+DFFF, code points above U+10FFFF, stray continuation
 * bytes, bytes C0, C1 and F5..FF, and a sequence cut short (mid-stream or at the end) are all invalid.
 *
 * <p>Invalid input is counted the way the Unicode "best practice for U+FFFD substitution" (and the W3C
 * encoding standard) would replace it: each maximal subpart of an ill-formed sequence counts once, so a
 * latin-1 {@code é} followed by ASCII counts 1, and {@code ED A0 80} (an encoded surrogate) counts 3. Feed
 * bytes in any chunking with {@link #update}; call {@link #finish} at the end.
 */
final class Utf8Validator {
  private static final long HIGH_BITS = 0x8080808080808080L;

  private long offset;
  private long invalid;
  private long firstInvalidOffset = -1;
  /** Continuation bytes still expected by the sequence in progress; 0 between characters. */
  private int pending;
  private int low = 0x80;
  private int high = 0xBF;
  private long sequenceStart;

  void update(byte[] bytes, int from, int length) {
    int end = from + length;
    int i = from;
    while (i < end) {
      if (pending == 0) {
        // ASCII runs, eight bytes at a time: the overwhelmingly common case
        while (i + Long.BYTES <= end && ((long) TextByteStats.LONGS.get(bytes, i) & HIGH_BITS) == 0) {
          i += Long.BYTES;
        }
        if (i == end) {
          break;
        }
        int b = bytes[i];
        if (b < 0) {
          lead(b & 0xFF, offset + i - from);
        }
      } else {
        int u = bytes[i] & 0xFF;
        if (u >= low && u <= high) {
          pending--;
          low = 0x80;
          high = 0xBF;
        } else {
          // The bytes so far are a maximal subpart: one replacement, then this byte starts afresh.
          invalid(sequenceStart);
          pending = 0;
          low = 0x80;
          high = 0xBF;
          continue;
        }
      }
      i++;
    }
    offset += length;
  }

  /** Ends the stream: a sequence still waiting for continuation bytes is one more invalid subpart. */
  void finish() {
    if (pending > 0) {
      invalid(sequenceStart);
      pending = 0;
    }
  }

  private void lead(int u, long at) {
    sequenceStart = at;
    if (u >= 0xC2 && u <= 0xDF) {
      pending = 1;
    } else if (u >= 0xE0 && u <= 0xEF) {
      pending = 2;
      if (u == 0xE0) {
        low = 0xA0; // below is overlong
      } else if (u == 0xED) {
        high = 0x9F; // above is a surrogate
      }
    } else if (u >= 0xF0 && u <= 0xF4) {
      pending = 3;
      if (u == 0xF0) {
        low = 0x90; // below is overlong
      } else if (u == 0xF4) {
        high = 0x8F; // above is beyond U+10FFFF
      }
    } else {
      invalid(at); // 80..BF stray continuation, C0/C1 overlong lead, F5..FF never valid
    }
  }

  private void invalid(long at) {
    if (invalid == 0) {
      firstInvalidOffset = at;
    }
    invalid++;
  }

  long invalidSequences() {
    return invalid;
  }

  /** Byte offset of the first invalid sequence, or -1 when there is none. */
  long firstInvalidOffset() {
    return firstInvalidOffset;
  }
}
