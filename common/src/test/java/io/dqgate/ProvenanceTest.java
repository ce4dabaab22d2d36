package io.dqgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.config.DqgateConfig;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run id, build version and commit, and the config digest that every result carries. */
class ProvenanceTest {
  @TempDir
  Path dir;

  @Test
  void sha256IsTheHexDigestOfUtf8() {
    assertThat(Provenance.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Provenance.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void theBuildRecordsItsVersionAndTheGitCommitItWasBuiltFrom() throws Exception {
    assertThat(Provenance.buildVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(Provenance.buildCommit()).isEqualTo(gitHead());
  }

  /** What git says HEAD is where the build ran, "unknown" outside a git checkout. */
  private static String gitHead() throws IOException, InterruptedException {
    Process git;
    try {
      git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    } catch (IOException noGit) {
      return Provenance.UNKNOWN;
    }
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return git.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : Provenance.UNKNOWN;
  }

  @Test
  void missingValuesReadAsUnknownAndAMapRoundTrips() {
    Provenance p = new Provenance("r-1", null, " ", "abc");
    assertThat(p).isEqualTo(new Provenance("r-1", "unknown", "unknown", "abc"));
    assertThat(p.asMap()).containsExactly(Map.entry("run_id", "r-1"), Map.entry("dqgate_version", "unknown"),
        Map.entry("dqgate_commit", "unknown"), Map.entry("config_sha256", "abc"));
    assertThat(Provenance.fromMap(p.asMap())).contains(p);
    assertThat(Provenance.fromMap(Map.of("other", "x"))).isEmpty();
    assertThat(new Provenance("run-1", "0.1.0", "0123456789abcdef0123", "fedcba9876543210fedc").describe())
        .isEqualTo("run run-1, dqgate 0.1.0 (commit 0123456789ab), config fedcba987654");
    assertThat(Provenance.newRunId()).matches("\\d{8}T\\d{6}-[0-9a-f]{8}");
  }

  @Test
  void aVerdictCarriesItsProvenanceThroughJson() {
    Provenance p = new Provenance("run-9", "0.1.0", "abc", "def");
    Verdict verdict = Verdict.of("orders", LocalDate.parse("2026-08-05"), List.of()).withProvenance(p);
    String json = verdict.toJson();
    assertThat(json).contains("\"provenance\" : {\n    \"run_id\" : \"run-9\",\n    \"dqgate_version\" : \"0.1.0\","
        + "\n    \"dqgate_commit\" : \"abc\",\n    \"config_sha256\" : \"def\"\n  }");
    Verdict parsed = Verdict.parse(json, "test");
    assertThat(parsed.provenance()).isEqualTo(p);
    assertThat(parsed.status()).isEqualTo(Status.PASS);
    assertThat(Verdict.parse(Verdict.of("orders", LocalDate.parse("2026-08-05"), List.of()).toJson(), "old")
        .provenance()).isNull();
  }

  @Test
  void theConfigDigestIsTheSameForTheSameResolvedDatasetWhateverTheKeyOrderAndChangesWithAValue()
      throws IOException {
    Path a = Files.writeString(dir.resolve("a.conf"),
        "datasets.orders { source { path = \"/d\", format = csv }, primary-key = [id] }\n");
    Path b = Files.writeString(dir.resolve("b.conf"),
        "datasets.orders { primary-key = [id]\n source { format = csv\n path = \"/d\" } }\n");
    String digestA = DqgateConfig.load(a.toFile(), Map.of()).dataset("orders").configSha256();
    String digestB = DqgateConfig.load(b.toFile(), Map.of()).dataset("orders").configSha256();
    String changed = DqgateConfig.load(a.toFile(), Map.of("datasets.orders.detect.max-findings", "3"))
        .dataset("orders").configSha256();
    String otherRepository = DqgateConfig.load(a.toFile(), Map.of("repository.path", "/elsewhere"))
        .dataset("orders").configSha256();

    assertThat(digestA).matches("[0-9a-f]{64}").isEqualTo(digestB).isEqualTo(otherRepository);
    assertThat(changed).matches("[0-9a-f]{64}").isNotEqualTo(digestA);
  }
}
