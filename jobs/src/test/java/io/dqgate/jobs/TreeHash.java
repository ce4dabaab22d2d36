package io.dqgate.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Every regular file below a folder: relative path to SHA-256 of its bytes (empty when the folder is absent). */
final class TreeHash {
  private TreeHash() {}

  static Map<String, String> of(Path root) {
    return of(root, p -> true);
  }

  /** Only the files whose relative path {@code keep} accepts. */
  static Map<String, String> of(Path root, Predicate<String> keep) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(p).toString();
        if (keep.test(relative)) {
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
          out.put(relative, HexFormat.of().formatHex(digest));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
