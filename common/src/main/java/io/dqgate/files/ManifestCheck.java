package io.dqgate.files;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.FilesSpec;
import io.dqgate.config.FilesSpec.ManifestFormat;
import io.dqgate.vocabulary.FileCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Integrity: each file's sha256 (and size and rows when given) against the manifest, files the manifest
 * does not list or lists but are gone, and, with a key, the manifest's own HMAC-SHA256 signature, so a
 * file or a manifest changed in transit is caught. With no manifest configured, one found in the partition
 * under a usual name ({@link #FOUND_WITHOUT_CONFIG}) is verified all the same; without any, sidecar
 * {@code FILE.sha256} files are.
 */
final class ManifestCheck {
  private final FileSystem fs;
  private final Path partition;
  private final DatasetSpec dataset;
  private final FilesSpec spec;
  private final java.util.function.Function<String, String> environment;

  ManifestCheck(FileSystem fs, Path partition, DatasetSpec dataset,
      java.util.function.Function<String, String> environment) {
    this.environment = environment;
    this.fs = fs;
    this.partition = partition;
    this.dataset = dataset;
    this.spec = dataset.files();
  }

  /**
   * Manifests found in a partition folder without any config, and how each is written: producers commonly
   * leave one of these beside the data. The configured {@code manifest} wins over them.
   */
  static final Map<String, ManifestFormat> FOUND_WITHOUT_CONFIG = foundWithoutConfig();

  private static Map<String, ManifestFormat> foundWithoutConfig() {
    Map<String, ManifestFormat> names = new java.util.LinkedHashMap<>();
    names.put("_MANIFEST.json", ManifestFormat.JSON);
    names.put("_SHA256SUMS", ManifestFormat.SHA256SUM);
    names.put("SHA256SUMS", ManifestFormat.SHA256SUM);
    names.put("SHA256SUMS.txt", ManifestFormat.SHA256SUM);
    names.put("sha256sums.txt", ManifestFormat.SHA256SUM);
    return java.util.Collections.unmodifiableMap(names);
  }

  List<FileFinding> check(List<FileScan> scans) throws IOException {
    List<FileFinding> out = new ArrayList<>();
    String manifestName;
    ManifestFormat format;
    if (dataset.manifest().isPresent()) {
      manifestName = dataset.manifest().get();
      format = spec.manifestFormat();
    } else {
      manifestName = FOUND_WITHOUT_CONFIG.keySet().stream()
          .filter(name -> exists(new Path(partition, name))).findFirst().orElse(null);
      if (manifestName == null) {
        return checkSidecars(scans);
      }
      format = FOUND_WITHOUT_CONFIG.get(manifestName);
    }
    Path manifestPath = new Path(partition, manifestName);
    if (!fs.exists(manifestPath)) {
      out.add(finding(FileCheck.MANIFEST_MISSING, null, 1, "manifest " + manifestName + " missing in " + partition));
      return out;
    }
    byte[] bytes = Manifest.readBytes(fs, manifestPath);
    if (spec.hmacKeyEnv().isPresent()) {
      out.addAll(checkSignature(bytes, manifestName, spec.hmacKeyEnv().get()));
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(bytes, format, manifestName);
    } catch (Manifest.UnreadableManifest e) {
      out.add(finding(FileCheck.MANIFEST_UNREADABLE, null, 1, e.getMessage()));
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (FileScan scan : scans) {
      String file = relative(scan.path());
      seen.add(file);
      Manifest.Entry entry = manifest.files().get(file);
      if (entry == null) {
        out.add(finding(FileCheck.FILE_NOT_IN_MANIFEST, file, 1, file + " is not listed in " + manifestName));
        continue;
      }
      if (!entry.sha256().equals(scan.sha256())) {
        out.add(finding(FileCheck.CHECKSUM_MISMATCH, file, 1, file + ": sha256 " + scan.sha256() + " differs from "
            + manifestName + " (" + entry.sha256() + "): changed after the manifest was written"));
      }
      if (entry.bytes().isPresent() && entry.bytes().getAsLong() != scan.bytes()) {
        out.add(finding(FileCheck.SIZE_MISMATCH, file, scan.bytes(), String.format(Locale.ROOT,
            "%s: %d bytes, %s says %d", file, scan.bytes(), manifestName, entry.bytes().getAsLong())));
      }
      long rows = FileChecker.rowsOf(scan);
      if (entry.rows().isPresent() && entry.rows().getAsLong() != rows) {
        out.add(finding(FileCheck.ROW_COUNT_MISMATCH, file, rows, String.format(Locale.ROOT,
            "%s: %d rows, %s says %d", file, rows, manifestName, entry.rows().getAsLong())));
      }
    }
    for (Map.Entry<String, Manifest.Entry> listed : manifest.files().entrySet()) {
      if (!seen.contains(listed.getKey())) {
        out.add(finding(FileCheck.FILE_MISSING, listed.getKey(), 1,
            listed.getKey() + " is listed in " + manifestName + " but missing from " + partition));
      }
    }
    return out;
  }

  /** Without a manifest: each file's sidecar {@code FILE.sha256}, where there is one. */
  private List<FileFinding> checkSidecars(List<FileScan> scans) throws IOException {
    List<FileFinding> out = new ArrayList<>();
    for (FileScan scan : scans) {
      Path sidecar = new Path(scan.path() + ".sha256");
      if (fs.exists(sidecar)) {
        String digest = Manifest.sidecarDigest(Manifest.readBytes(fs, sidecar));
        String file = FileChecker.name(scan.path());
        if (digest == null) {
          out.add(finding(FileCheck.MANIFEST_UNREADABLE, file, 1, sidecar.getName() + " holds no sha256 digest"));
        } else if (!digest.equals(scan.sha256())) {
          out.add(finding(FileCheck.CHECKSUM_MISMATCH, file, 1, file + ": sha256 " + scan.sha256()
              + " differs from " + sidecar.getName() + " (" + digest + "): changed after it was written"));
        }
      }
    }
    return out;
  }

  private boolean exists(Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new DqgateException("cannot check files of " + partition + ": " + e.getMessage(), e);
    }
  }

  private List<FileFinding> checkSignature(byte[] manifest, String manifestName, String env) throws IOException {
    String key = environment.apply(env);
    if (key == null || key.isEmpty()) {
      throw new DqgateException("datasets." + dataset.name() + ".files.hmac-key-env: environment variable " + env
          + " is not set");
    }
    String signatureName = manifestName + spec.signatureSuffix();
    Path signature = new Path(partition, signatureName);
    if (!fs.exists(signature)) {
      return List.of(finding(FileCheck.SIGNATURE_INVALID, null, 1,
          "manifest signature " + signatureName + " missing in " + partition));
    }
    String hex = new String(Manifest.readBytes(fs, signature), StandardCharsets.UTF_8);
    if (!Manifest.signatureMatches(manifest, hex, key.getBytes(StandardCharsets.UTF_8))) {
      return List.of(finding(FileCheck.SIGNATURE_INVALID, null, 1, manifestName
          + ": HMAC-SHA256 signature does not match (manifest altered, or signed with another key)"));
    }
    return List.of();
  }

  private String relative(String path) {
    String base = partition.toUri().getPath();
    String p = new Path(path).toUri().getPath();
    return p.startsWith(base + "/") ? p.substring(base.length() + 1) : new Path(path).getName();
  }

  private FileFinding finding(FileCheck check, String file, double observed, String message) {
    return FileFinding.of(check, spec.severity(check), file, null, observed, message);
  }
}
