package io.dqgate.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and SHA-256-hashes every byte read from the raw file, whoever reads it (a decompressor on top, or
 * {@link #drain}). Remembers whether the raw stream itself failed, so a decompression error can be told
 * apart from an unreadable file.
 */
final class HashingInputStream extends FilterInputStream {
  static final int BUFFER = 64 * 1024;

  private final MessageDigest digest;
  private long count;
  private IOException failure;

  HashingInputStream(InputStream raw) {
    super(raw);
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      throw failed(e);
    }
    if (b >= 0) {
      digest.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw failed(e);
    }
    if (n > 0) {
      digest.update(buffer, offset, n);
      count += n;
    }
    return n;
  }

  /** Skipped bytes must be hashed too, so skipping reads. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int limit) {
    // not supported: a reset would hash bytes twice
  }

  @Override
  public void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** Reads the rest of the raw file, so the count and hash cover all of it. */
  void drain() throws IOException {
    byte[] buffer = new byte[BUFFER];
    while (read(buffer, 0, buffer.length) >= 0) {
      // hashing happens in read
    }
  }

  long count() {
    return count;
  }

  /** The raw stream's own failure, if reading the stored bytes failed; null otherwise. */
  IOException failure() {
    return failure;
  }

  String hexDigest() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private IOException failed(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
