package io.dqgate.files;

import io.dqgate.config.SourceFormat;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;

/**
 * Scans one file in one sequential read on any Hadoop file system: byte count and SHA-256 of the bytes as
 * stored, then, for text formats, the content decoded by the Hadoop codec its extension names (gzip, bzip2,
 * deflate ...) checked for strict UTF-8, NUL bytes, a byte order mark, line count and CSV/TSV or JSON-lines
 * records. Parquet and ORC files get a footer read (row count, schema) besides the hashing read.
 *
 * <p>Memory stays bounded whatever the file's size: 64 KiB read buffers, the codec's own buffers, a CSV header
 * of at most 1 MiB, and one JSON string value of at most 16 Mi chars. Runs inside Spark tasks: stateless and
 * thread-safe.
 *
 * <p>A file that cannot be decoded to its end (a truncated or corrupt archive, an unreadable footer) is not an
 * exception: it is described in {@link FileScan#readError()}, and its bytes are still counted and hashed to the
 * end. The figures of a text file cut short cover the content decoded before the error, without its last
 * partial line. Only a failure to read the stored bytes themselves throws.
 */
public final class FileScanner {
  private FileScanner() {}

  public static FileScan scan(FileSystem fs, Path path, ScanOptions options) throws IOException {
    return options.format().isText() ? scanText(fs, path, options) : scanColumnar(fs, path, options);
  }

  private static FileScan scanText(FileSystem fs, Path path, ScanOptions options) throws IOException {
    CompressionCodec codec = new CompressionCodecFactory(fs.getConf()).getCodec(path);
    TextByteStats stats = new TextByteStats();
    Utf8Validator utf8 = new Utf8Validator();
    TextRecordCounter records = TextRecordCounter.forOptions(options);
    String readError = null;
    HashingInputStream hashed;
    try (FSDataInputStream raw = fs.open(path, HashingInputStream.BUFFER)) {
      hashed = new HashingInputStream(raw);
      Decompressor decompressor = null;
      try {
        InputStream content = hashed;
        if (codec != null) {
          try {
            decompressor = CodecPool.getDecompressor(codec);
            content = codec.createInputStream(hashed, decompressor);
          } catch (IOException | RuntimeException e) {
            rethrowRawFailure(hashed, e);
            readError = truncated(e)
                ? decodeError(codec, e, 0)
                : "cannot decode " + codecName(codec) + ": " + oneLine(e);
            content = null;
          }
        }
        byte[] buffer = new byte[HashingInputStream.BUFFER];
        while (content != null) {
          int n;
          try {
            n = content.read(buffer, 0, buffer.length);
          } catch (IOException | RuntimeException e) {
            if (codec == null) {
              throw e;
            }
            rethrowRawFailure(hashed, e);
            readError = decodeError(codec, e, stats.bytes());
            break;
          }
          if (n < 0) {
            break;
          }
          stats.update(buffer, 0, n);
          utf8.update(buffer, 0, n);
          records.accept(buffer, 0, n);
        }
      } finally {
        if (decompressor != null) {
          CodecPool.returnDecompressor(decompressor);
        }
      }
      hashed.drain(); // a decoder may stop early (error, trailing bytes): the hash covers the whole file
    }
    if (readError == null) {
      utf8.finish();
      records.finish();
    } else {
      stats.cutShort();
    }
    return new FileScan(path.toString(), hashed.count(), hashed.hexDigest(), codec == null ? null : codecName(codec),
        readError, stats.lines(), records.records(), records.malformedRecords(), records.malformedLines(),
        records.hasUnterminatedQuote(), stats.truncatedLastLine(), utf8.invalidSequences(),
        utf8.firstInvalidOffset(), stats.bom(), stats.nulBytes(), stats.firstNulOffset(), records.columns(),
        Map.of(), -1);
  }

  private static FileScan scanColumnar(FileSystem fs, Path path, ScanOptions options) throws IOException {
    HashingInputStream hashed;
    try (FSDataInputStream raw = fs.open(path, HashingInputStream.BUFFER)) {
      hashed = new HashingInputStream(raw);
      hashed.drain();
    }
    // The bytes were readable, so a failure now is the footer's content, not the file system.
    ColumnarFooterReader.Footer footer = null;
    String readError = null;
    String label = options.format() == SourceFormat.PARQUET ? "Parquet" : "ORC";
    try {
      footer = options.format() == SourceFormat.PARQUET
          ? ColumnarFooterReader.parquet(fs, path)
          : ColumnarFooterReader.orc(fs, path);
    } catch (IOException | RuntimeException e) {
      readError = "cannot read " + label + " footer: " + oneLine(e);
    }
    long rows = footer == null ? -1 : footer.rows();
    return new FileScan(path.toString(), hashed.count(), hashed.hexDigest(), null, readError, 0, Math.max(rows, 0),
        0, List.of(), false, false, 0, -1, false, 0, -1, footer == null ? List.of() : footer.columns(),
        footer == null ? Map.of() : footer.types(), rows);
  }

  /** A failure of the stored bytes themselves (not of decoding them) is the file system's: let it fail the task. */
  private static void rethrowRawFailure(HashingInputStream hashed, Exception e) throws IOException {
    if (hashed.failure() != null) {
      throw hashed.failure();
    }
  }

  private static String decodeError(CompressionCodec codec, Exception e, long decoded) {
    if (truncated(e)) {
      return "truncated " + codecName(codec) + " archive: unexpected end of stream after " + decoded + " bytes";
    }
    return "corrupt " + codecName(codec) + " archive after " + decoded + " bytes: " + oneLine(e);
  }

  /** Codecs say "the input ended too soon" with an EOFException or, like bzip2, in the message. */
  private static boolean truncated(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return e instanceof EOFException || message.contains("end of stream") || message.contains("end of input");
  }

  /** "gzip", "bzip2", "deflate", "lz4", "snappy", "zstd" ... from the codec's class name. */
  static String codecName(CompressionCodec codec) {
    String name = codec.getClass().getSimpleName().replace("Codec", "").toLowerCase(Locale.ROOT);
    return switch (name) {
      case "default" -> "deflate";
      case "zstandard" -> "zstd";
      default -> name;
    };
  }

  /** The exception's message (or its type when there is none) on one line. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
