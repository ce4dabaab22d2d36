package io.dqgate.report;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a result file on the local file system (a verdict's JSON, an HTML report) so that a reader sees the
 * old file or the new one, never half of one: a temporary file beside the target, then a rename.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes {@code content} as UTF-8 to {@code path}, creating its folder and replacing a file there.
   *
   * @param option the command-line option that named the file, for the message when it cannot be written
   */
  public static void write(Path path, String content, String option) {
    Path tmp = null;
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // A unique name beside the target (same file system, so the move is a rename); created with the
      // umask's permissions, unlike createTempFile's owner-only ones, so the file stays readable to others.
      tmp = parent.resolve("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; the message below names the file
        }
      }
      throw new DqgateException(option + ": cannot write " + path + ": " + e, e);
    }
  }
}
