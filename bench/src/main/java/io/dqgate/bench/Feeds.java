package io.dqgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A feed's day on disk: {@code dt=YYYY-MM-DD/} with one CSV data file and its {@code _MANIFEST.json}. */
public final class Feeds {
  public static final String DATA_FILE = "part-00000.csv";
  public static final String MANIFEST = "_MANIFEST.json";

  private Feeds() {}

  /** The one data file of a partition (names starting with "_" or "." are not data). */
  public static Path dataFile(Path partition) throws IOException {
    try (Stream<Path> files = Files.list(partition)) {
      List<Path> data = files.filter(p -> !p.getFileName().toString().startsWith("_")
          && !p.getFileName().toString().startsWith(".")).sorted().toList();
      if (data.size() != 1) {
        throw new IOException(partition + ": expected one data file, found " + data.size());
      }
      return data.get(0);
    }
  }

  /** Writes a day: its CSV and the manifest of it. */
  public static void writeDay(Path partition, CsvTable table) throws IOException {
    Files.createDirectories(partition);
    table.write(partition.resolve(DATA_FILE));
    writeManifest(partition);
  }

  /** The manifest of what the partition holds now: each data file's sha256 and size. */
  public static void writeManifest(Path partition) throws IOException {
    Path file = dataFile(partition);
    byte[] bytes = Files.readAllBytes(file);
    String json = "{\"files\": {\"" + file.getFileName() + "\": {\"sha256\": \"" + sha256(bytes) + "\", \"bytes\": "
        + bytes.length + "}}}\n";
    Files.writeString(partition.resolve(MANIFEST), json, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
