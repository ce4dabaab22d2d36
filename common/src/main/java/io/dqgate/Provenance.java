package io.dqgate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Where a result came from: the run that produced it, the dqgate version and build commit that ran, and the
 * SHA-256 of the resolved dataset config it was judged with. Every verdict, gate marker and stored day of
 * metrics carries one, so a result can be traced to the exact code and config behind it.
 */
public record Provenance(String runId, String version, String commit, String configSha256) {
  /** What a value is when it was not recorded (a result written before provenance existed). */
  public static final String UNKNOWN = "unknown";

  /** Keys under which a provenance is stored in file metadata and JSON. */
  public static final String RUN_ID = "run_id";
  public static final String VERSION = "dqgate_version";
  public static final String COMMIT = "dqgate_commit";
  public static final String CONFIG_SHA256 = "config_sha256";

  private static final String BUILD_RESOURCE = "/io/dqgate/build.properties";
  private static final Properties BUILD = loadBuild();

  public Provenance {
    runId = orUnknown(runId);
    version = orUnknown(version);
    commit = orUnknown(commit);
    configSha256 = orUnknown(configSha256);
  }

  /** A provenance for {@code runId} of this build, with the config digest {@code configSha256}. */
  public static Provenance ofBuild(String runId, String configSha256) {
    return new Provenance(runId, buildVersion(), buildCommit(), configSha256);
  }

  /** The version of the running dqgate, from the build; {@code unknown} outside a built jar. */
  public static String buildVersion() {
    return buildValue("version");
  }

  /** The git commit the running dqgate was built from; {@code unknown} when built outside a git checkout. */
  public static String buildCommit() {
    return buildValue("commit");
  }

  /** A fresh run id: UTC time to the second and a random suffix, e.g. {@code 20260805T061530-1a2b3c4d}. */
  public static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The lower-case hex SHA-256 of {@code text} as UTF-8. */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The four values under {@link #RUN_ID}, {@link #VERSION}, {@link #COMMIT}, {@link #CONFIG_SHA256}. */
  public Map<String, String> asMap() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(RUN_ID, runId);
    out.put(VERSION, version);
    out.put(COMMIT, commit);
    out.put(CONFIG_SHA256, configSha256);
    return out;
  }

  /** The provenance stored under the keys of {@link #asMap()}; empty when none of them is there. */
  public static Optional<Provenance> fromMap(Map<String, String> values) {
    if (values == null || !(values.containsKey(RUN_ID) || values.containsKey(VERSION)
        || values.containsKey(COMMIT) || values.containsKey(CONFIG_SHA256))) {
      return Optional.empty();
    }
    return Optional.of(new Provenance(values.get(RUN_ID), values.get(VERSION), values.get(COMMIT),
        values.get(CONFIG_SHA256)));
  }

  /** One line for listings: {@code run R, dqgate V (commit C), config S}. */
  public String describe() {
    return "run " + runId + ", dqgate " + version + " (commit " + shortCommit() + "), config "
        + (configSha256.length() > 12 ? configSha256.substring(0, 12) : configSha256);
  }

  private String shortCommit() {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value;
  }

  private static String buildValue(String key) {
    String value = BUILD.getProperty(key);
    // An unfiltered resource (an IDE build) still holds the Maven placeholders.
    return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.trim();
  }

  private static Properties loadBuild() {
    Properties props = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream(BUILD_RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // No build information: every value reads as unknown.
    }
    return props;
  }
}
