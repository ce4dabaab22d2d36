package io.dqgate.config;

import io.dqgate.vocabulary.FileCheck;
import io.dqgate.vocabulary.Severity;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Incoming-file checks of a dataset; see reference.conf (dataset-defaults.files). */
public record FilesSpec(
    Optional<String> requireMarker,
    ManifestFormat manifestFormat,
    Optional<String> hmacKeyEnv,
    String signatureSuffix,
    Map<FileCheck, Severity> severities,
    int volumeMinHistory,
    int volumeLookbackDays,
    double volumeMaxRelativeChange) {

  /** {@code json}: {@code {"files": {name: {sha256, bytes, rows}}}}; {@code sha256sum}: lines "hex  name". */
  public enum ManifestFormat { JSON, SHA256SUM }

  static final Set<String> KEYS = Set.of("require-marker", "manifest-format", "hmac-key-env", "signature-suffix",
      "severity", "volume");

  public FilesSpec {
    severities = Map.copyOf(severities);
  }

  public Severity severity(FileCheck check) {
    return severities.getOrDefault(check, check.defaultSeverity());
  }

  static FilesSpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    String format = r.string("manifest-format", "json");
    ManifestFormat manifestFormat = switch (format) {
      case "json" -> ManifestFormat.JSON;
      case "sha256sum" -> ManifestFormat.SHA256SUM;
      default -> throw r.errorAt("manifest-format", "must be json or sha256sum, was \"" + format + "\"");
    };
    Map<FileCheck, Severity> severities = new EnumMap<>(FileCheck.class);
    ConfigReader severity = r.child("severity");
    for (String key : severity.keys()) {
      FileCheck check = FileCheck.fromLabel(key);
      if (check == null) {
        throw severity.errorAt(key, "unknown file check (expected one of "
            + Arrays.stream(FileCheck.values()).map(FileCheck::label).sorted().collect(Collectors.joining(", "))
            + ")");
      }
      severities.put(check, Severity.parse(severity.path(key), severity.string(key)));
    }
    ConfigReader volume = r.child("volume");
    volume.requireOnly(Set.of("min-history", "lookback-days", "max-relative-change"));
    double maxChange = volume.number("max-relative-change");
    if (!(maxChange > 0)) {
      throw volume.errorAt("max-relative-change", "must be > 0, was " + maxChange);
    }
    return new FilesSpec(r.optionalString("require-marker"), manifestFormat, r.optionalString("hmac-key-env"),
        r.string("signature-suffix", ".hmac"), severities, volume.positiveInteger("min-history"),
        volume.positiveInteger("lookback-days"), maxChange);
  }
}
