package io.dqgate.files;

import io.dqgate.config.SourceFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes corpus files and scans them on Hadoop's local file system. {@link Expected} starts from a clean
 * file whose size and SHA-256 are computed here with plain Java, so a test names only what it expects to be
 * flagged and an {@code isEqualTo} on the whole {@link FileScan} proves nothing else is.
 */
final class FileScannerTestSupport {
  private FileScannerTestSupport() {}

  static FileSystem localFs() {
    try {
      return FileSystem.getLocal(new Configuration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static java.nio.file.Path write(java.nio.file.Path dir, String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  static java.nio.file.Path write(java.nio.file.Path dir, String name, String content) throws IOException {
    return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  static FileScan scan(java.nio.file.Path file, ScanOptions options) throws IOException {
    return FileScanner.scan(localFs(), hadoopPath(file), options);
  }

  static FileScan scan(java.nio.file.Path file, SourceFormat format) throws IOException {
    return scan(file, ScanOptions.defaults(format));
  }

  static Path hadoopPath(java.nio.file.Path file) {
    return new Path(file.toUri());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(byte[] bytes, int from, int to, byte b) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n += bytes[i] == b ? 1 : 0;
    }
    return n;
  }

  /** The scan a clean file would give; tests change only what they expect flagged. */
  static final class Expected {
    private final String path;
    private final long bytes;
    private final String sha256;
    String codec;
    String readError;
    long lines;
    long records;
    long malformed;
    List<Long> malformedLines = List.of();
    boolean unterminatedQuote;
    boolean truncatedLastLine;
    long invalidUtf8;
    long firstInvalidUtf8 = -1;
    boolean bom;
    long nulBytes;
    long firstNul = -1;
    List<String> columns = List.of();
    Map<String, String> columnTypes = Map.of();
    long footerRows = -1;

    private Expected(java.nio.file.Path file) throws IOException {
      byte[] content = Files.readAllBytes(file);
      path = hadoopPath(file).toString();
      bytes = content.length;
      sha256 = FileScannerTestSupport.sha256(content);
    }

    static Expected of(java.nio.file.Path file) throws IOException {
      return new Expected(file);
    }

    Expected lines(long n) {
      lines = n;
      return this;
    }

    Expected records(long n) {
      records = n;
      return this;
    }

    Expected columns(String... names) {
      columns = List.of(names);
      return this;
    }

    Expected malformed(Long... lineNumbers) {
      malformed = lineNumbers.length;
      malformedLines = List.of(lineNumbers);
      return this;
    }

    Expected codec(String name) {
      codec = name;
      return this;
    }

    Expected types(String... nameTypePairs) {
      Map<String, String> types = new LinkedHashMap<>();
      for (int i = 0; i < nameTypePairs.length; i += 2) {
        types.put(nameTypePairs[i], nameTypePairs[i + 1]);
      }
      columnTypes = types;
      columns = List.copyOf(types.keySet());
      return this;
    }

    FileScan build() {
      return new FileScan(path, bytes, sha256, codec, readError, lines, records, malformed, malformedLines,
          unterminatedQuote, truncatedLastLine, invalidUtf8, firstInvalidUtf8, bom, nulBytes, firstNul, columns,
          columnTypes, footerRows);
    }
  }
}
