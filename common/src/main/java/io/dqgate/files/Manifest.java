package io.dqgate.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.config.FilesSpec.ManifestFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What a partition's producer says it wrote: a checksum (and optionally size and rows) per file. */
public record Manifest(Map<String, Entry> files) {
  static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;
  private static final Pattern SHA256SUM_LINE = Pattern.compile("^([0-9a-fA-F]{64})\\s+\\*?(.+)$");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  public record Entry(String sha256, OptionalLong bytes, OptionalLong rows) {}

  public Manifest {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Thrown for a manifest that cannot be parsed; the message names the file and the problem. */
  public static final class UnreadableManifest extends Exception {
    UnreadableManifest(String message) {
      super(message);
    }
  }

  static byte[] readBytes(FileSystem fs, Path path) throws IOException {
    long size = fs.getFileStatus(path).getLen();
    if (size > MAX_MANIFEST_BYTES) {
      throw new IOException(path + " is " + size + " bytes, more than a manifest may be");
    }
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  public static Manifest parse(byte[] bytes, ManifestFormat format, String name) throws UnreadableManifest {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Map<String, Entry> files = new LinkedHashMap<>();
    if (format == ManifestFormat.SHA256SUM) {
      int lineNumber = 0;
      for (String line : text.split("\\R")) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        Matcher m = SHA256SUM_LINE.matcher(line.strip());
        if (!m.matches()) {
          throw new UnreadableManifest(name + ": line " + lineNumber + " is not \"<sha256>  <file>\": " + line);
        }
        files.put(baseName(m.group(2)),
            new Entry(m.group(1).toLowerCase(), OptionalLong.empty(), OptionalLong.empty()));
      }
      return new Manifest(files);
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UnreadableManifest(name + ": not JSON: " + e.getMessage().split("\\R", 2)[0]);
    }
    JsonNode entries = root == null ? null : root.get("files");
    if (entries == null || !entries.isObject()) {
      throw new UnreadableManifest(name + ": expected {\"files\": {\"<file>\": {\"sha256\": \"<hex>\"}}}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode sha = e.getValue().get("sha256");
      if (sha == null || !HEX.matcher(sha.asText()).matches()) {
        throw new UnreadableManifest(name + ": files." + e.getKey() + ".sha256 must be 64 hex digits, was "
            + (sha == null ? "missing" : "\"" + sha.asText() + "\""));
      }
      files.put(e.getKey(), new Entry(sha.asText().toLowerCase(), optionalLong(e.getValue(), "bytes"),
          optionalLong(e.getValue(), "rows")));
    }
    return new Manifest(files);
  }

  /** The first token of a sidecar "FILE.sha256" written by sha256sum, or null when it holds none. */
  static String sidecarDigest(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    String first = text.split("\\s+", 2)[0];
    return HEX.matcher(first).matches() ? first.toLowerCase() : null;
  }

  /** True when {@code signatureHex} is the HMAC-SHA256 of {@code manifest} under {@code key}. */
  static boolean signatureMatches(byte[] manifest, String signatureHex, byte[] key) {
    byte[] expected = hmac(manifest, key);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signatureHex.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  public static byte[] hmac(byte[] data, byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static OptionalLong optionalLong(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.canConvertToLong() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
  }

  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
