package io.dqgate.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Strict UTF-8 with "maximal subpart" counting, checked on the Unicode standard's own examples and against
 * Java's decoder on random bytes in random chunkings. Java's decoder follows the same practice except for
 * encoded surrogates (ED A0..BF): it reports ED A0 80 as one malformed sequence where the Unicode standard
 * (table 3-10) and the W3C encoding standard count three, so random inputs holding such a pair are left to
 * the table cases.
 */
class Utf8ValidatorTest {
  @ParameterizedTest(name = "{0}: {1} invalid, first at {2}")
  @CsvSource({
      "'', 0, -1",
      "61, 0, -1",
      "c3a9, 0, -1", // é
      "e282ac, 0, -1", // €
      "f09f9880, 0, -1", // 😀
      "f48fbfbf, 0, -1", // U+10FFFF, the last code point
      "efbbbf41, 0, -1", // byte order mark
      "e9, 1, 0", // latin-1 é at the end
      "41e942, 1, 1", // latin-1 é between letters
      "c0af, 2, 0", // overlong '/': C0 is never valid, then a stray continuation
      "e08080, 3, 0", // overlong 3-byte NUL
      "f08f8080, 4, 0", // overlong 4-byte form
      "eda080, 3, 0", // surrogate U+D800
      "edbfbf, 3, 0", // surrogate U+DFFF
      "eda080edbfbf, 6, 0", // the Unicode standard's table 3-10
      "ed9fbf, 0, -1", // U+D7FF, the last code point before the surrogates
      "ee8080, 0, -1", // U+E000, the first after them
      "eda041, 2, 0",
      "f4908080, 4, 0", // U+110000
      "f5808080, 4, 0", // F5 is never valid
      "80, 1, 0", // stray continuation byte
      "bf80, 2, 0",
      "e282, 1, 0", // cut short at the end: one maximal subpart
      "e28241, 1, 0", // cut short before ASCII
      "f09f98, 1, 0",
      "4141f09f9841, 1, 2",
      "fe, 1, 0",
      "ff, 1, 0",
      // The Unicode standard's example (chapter 3, U+FFFD substitution): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64
      "61f18080e180c262806380bf64, 6, 1",
  })
  void countsMaximalSubparts(String hex, long invalid, long first) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    Utf8Validator validator = new Utf8Validator();
    validator.update(bytes, 0, bytes.length);
    validator.finish();
    assertThat(validator.invalidSequences()).isEqualTo(invalid);
    assertThat(validator.firstInvalidOffset()).isEqualTo(first);
  }

  @Test
  void agreesWithJavasDecoderOnRandomBytesInAnyChunking() {
    Random random = new Random(2024);
    int compared = 0;
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = randomMostlyUtf8(random, random.nextInt(200));
      if (hasEncodedSurrogatePrefix(bytes)) {
        continue;
      }
      long[] expected = javaDecoderCount(bytes);
      Utf8Validator validator = new Utf8Validator();
      int at = 0;
      boolean whole = round % 2 == 0; // whole buffers take the 8-bytes-at-a-time path, small chunks do not
      while (at < bytes.length) {
        int n = whole ? bytes.length : Math.min(bytes.length - at, 1 + random.nextInt(7));
        validator.update(bytes, at, n);
        at += n;
      }
      validator.finish();
      compared++;
      assertThat(new long[] {validator.invalidSequences(), validator.firstInvalidOffset()})
          .as(HexFormat.of().formatHex(bytes)).containsExactly(expected);
    }
    assertThat(compared).isGreaterThan(1_500);
  }

  /** Valid characters of every length mixed with arbitrary bytes. */
  private static byte[] randomMostlyUtf8(Random random, int pieces) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(5)) {
        case 4 -> hex.append("41".repeat(random.nextInt(20)));
        case 0 -> hex.append(String.format("%02x", random.nextInt(256)));
        case 1 -> hex.append(String.format("%02x", 0x80 + random.nextInt(0x80)));
        default -> {
          int cp = random.nextInt(3) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 'x';
          }
          hex.append(HexFormat.of().formatHex(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return HexFormat.of().parseHex(hex);
  }

  private static boolean hasEncodedSurrogatePrefix(byte[] bytes) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == (byte) 0xED && (bytes[i + 1] & 0xFF) >= 0xA0 && (bytes[i + 1] & 0xFF) <= 0xBF) {
        return true;
      }
    }
    return false;
  }

  /** {count, first offset} of malformed input as Java's UTF-8 decoder reports it. */
  private static long[] javaDecoderCount(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length * 2 + 2);
    long count = 0;
    long first = -1;
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        if (count++ == 0) {
          first = in.position();
        }
        in.position(in.position() + result.length());
      } else {
        break;
      }
    }
    return new long[] {count, first};
  }
}
