package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.gate.GateMarker;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}, {@code gate}, {@code history} and {@code rollback} through the command line on the sample
 * feed: a clean day is published whole with its marker, the contaminated day is quarantined with exit 2
 * and never reaches the feature store, rollback restores the earlier bytes, and bad input changes nothing.
 */
@ExtendWith(SparkExtension.class)
class RunAndGateCommandTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  private static final LocalDate CLEAN = START.plusDays(2);
  private static final LocalDate BAD = START.plusDays(3);

  @TempDir
  Path dir;
  Path feed;
  Path store;
  Path quarantine;

  @BeforeEach
  void feed() {
    feed = dir.resolve("landing").resolve("applications");
    store = dir.resolve("store");
    quarantine = dir.resolve("quarantine");
    SampleFeedGenerator.builder().days(4).contaminatedDay(BAD).rowsPerWeekday(200).build().write(feed);
  }

  private String[] command(String name, LocalDate date, String... extra) {
    List<String> args = new ArrayList<>(List.of(name, "--conf", "../conf/application.conf", "--dataset",
        "applications", "--set", "datasets.applications.source.path=" + feed, "--repository",
        dir.resolve("metrics").toString(), "--publish-to", store.toString(), "--quarantine-to",
        quarantine.toString(), "--date", date.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static Map<String, String> files(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(folder)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = folder.relativize(p).toString();
        // the data files: the marker, _SUCCESS and the manifest are not published as data
        if (!p.getFileName().toString().startsWith("_")) {
          out.put(name, Files.readString(p));
        }
      }
    }
    return out;
  }

  @Test
  void runPublishesACleanDayAndQuarantinesAContaminatedOne() throws IOException {
    CommandLineTest.Result backfill = CommandLineTest.run("backfill", "--conf", "../conf/application.conf",
        "--dataset", "applications", "--set", "datasets.applications.source.path=" + feed, "--repository",
        dir.resolve("metrics").toString(), "--from", START.toString(), "--to", START.plusDays(1).toString());
    assertThat(backfill.code()).as(backfill.err()).isEqualTo(0);

    Path verdict = dir.resolve("clean.json");
    CommandLineTest.Result clean = CommandLineTest.run(command("run", CLEAN, "--verdict-json", verdict.toString()));
    assertThat(clean.code()).as(clean.out() + clean.err()).isEqualTo(Main.OK);
    Path published = store.resolve("dt=" + CLEAN);
    assertThat(files(published)).isEqualTo(files(feed.resolve("dt=" + CLEAN))).isNotEmpty();
    GateMarker marker = GateMarker.parse(Files.readString(published.resolve(GateMarker.FILE_NAME)), "marker");
    assertThat(marker.version()).isEqualTo(1);
    assertThat(marker.status()).isIn("PASS", "WARN");
    assertThat(clean.out()).contains("published version 1");

    Path report = dir.resolve("bad.html");
    CommandLineTest.Result bad = CommandLineTest.run(command("run", BAD, "--report", report.toString()));
    assertThat(bad.code()).as(bad.out() + bad.err()).isEqualTo(Main.BLOCKED);
    assertThat(store.resolve("dt=" + BAD)).doesNotExist();
    Path quarantined = quarantine.resolve("dt=" + BAD);
    assertThat(files(quarantined)).isEqualTo(files(feed.resolve("dt=" + BAD)));
    GateMarker blocked = GateMarker.parse(Files.readString(quarantined.resolve(GateMarker.FILE_NAME)), "q");
    assertThat(blocked.status()).isEqualTo("BLOCK");
    assertThat(blocked.verdictJson()).contains("\"severity\":\"BLOCK\"");
    assertThat(bad.out()).contains("BLOCK applications " + BAD).contains("quarantined");
    assertThat(Files.readString(report)).contains("BLOCK").contains("<svg");

    // A rerun of the clean day is safe: same files, nothing changes.
    CommandLineTest.Result rerun = CommandLineTest.run(command("run", CLEAN));
    assertThat(rerun.code()).as(rerun.err()).isEqualTo(Main.OK);
    assertThat(rerun.out()).contains("already holds these files");

    // The day re-lands with different bytes (a late correction, its manifest with it). The stored verdict
    // was about the old bytes: gate refuses them, naming the file; run judges them and publishes version 2,
    // and rollback brings back version 1 byte for byte.
    Map<String, String> version1 = files(published);
    Path part = feed.resolve("dt=" + CLEAN).resolve("part-00000.csv");
    Files.writeString(part, Files.readString(part) + "\n");
    relist(feed.resolve("dt=" + CLEAN), "part-00000.csv");
    CommandLineTest.Result refused = CommandLineTest.run(command("gate", CLEAN));
    assertThat(refused.code()).isEqualTo(Main.FAILED);
    assertThat(refused.err()).startsWith("dqgate gate: error: gate: " + feed.resolve("dt=" + CLEAN)
        + " changed after it was judged: part-00000.csv changed (");
    assertThat(files(published)).isEqualTo(version1);
    CommandLineTest.Result gated = CommandLineTest.run(command("run", CLEAN));
    assertThat(gated.code()).as(gated.err()).isEqualTo(Main.OK);
    assertThat(gated.out()).contains("published version 2");
    assertThat(files(published)).isNotEqualTo(version1);

    CommandLineTest.Result history = CommandLineTest.run(command("history", CLEAN));
    assertThat(history.code()).as(history.err()).isEqualTo(0);
    assertThat(history.out().lines().skip(1).map(l -> l.split("\\s+")[0] + (l.contains(" * ") ? "*" : "")))
        .containsExactly("2*", "1");

    CommandLineTest.Result rollback = CommandLineTest.run(command("rollback", CLEAN));
    assertThat(rollback.code()).as(rollback.err()).isEqualTo(0);
    assertThat(rollback.out()).contains("rolled back to version 1");
    assertThat(files(published)).isEqualTo(version1);

    // Bad input: each a clear line, exit 1, nothing changed.
    Map<String, String> before = files(store);
    CommandLineTest.Result noOlder = CommandLineTest.run(command("rollback", CLEAN));
    assertThat(noOlder.code()).isEqualTo(Main.FAILED);
    assertThat(noOlder.err()).startsWith("dqgate rollback: error: rollback: no version of dt=" + CLEAN
        + " older than the live version 1");
    CommandLineTest.Result mismatch = CommandLineTest.run(command("gate", BAD, "--verdict", verdict.toString()));
    assertThat(mismatch.code()).isEqualTo(Main.FAILED);
    assertThat(mismatch.err().strip()).isEqualTo("dqgate gate: error: verdict is for applications@" + CLEAN
        + ", not for applications@" + BAD);
    CommandLineTest.Result missing = CommandLineTest.run(command("gate", CLEAN, "--verdict",
        dir.resolve("nope.json").toString()));
    assertThat(missing.code()).isEqualTo(Main.FAILED);
    assertThat(missing.err().strip()).isEqualTo("dqgate gate: error: --verdict: no such file "
        + dir.resolve("nope.json"));
    assertThat(files(store)).isEqualTo(before);
  }

  /** Updates a file's size and SHA-256 in the partition's manifest. */
  private static void relist(Path partition, String file) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Path manifest = partition.resolve("_MANIFEST.json");
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest.toFile());
    byte[] bytes = Files.readAllBytes(partition.resolve(file));
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("files").get(file))
        .put("sha256", org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes)).put("bytes", bytes.length);
    json.writeValue(manifest.toFile(), root);
  }

  @Test
  void aPublishTargetThatCannotBeWrittenIsAnErrorBeforeAnythingIsCopied() throws IOException {
    CommandLineTest.Result checked = CommandLineTest.run("check-files", "--conf", "../conf/application.conf",
        "--dataset", "applications", "--set", "datasets.applications.source.path=" + feed, "--repository",
        dir.resolve("metrics").toString(), "--date", CLEAN.toString());
    assertThat(checked.code()).as(checked.err()).isIn(Main.OK, Main.BLOCKED);
    Path notAFolder = dir.resolve("a-file");
    Files.writeString(notAFolder, "x");
    Path verdict = dir.resolve("v.json");
    Files.writeString(verdict, new Verdict("applications", CLEAN, Status.PASS, List.of()).toJson());
    CommandLineTest.Result result = CommandLineTest.run(command("gate", CLEAN, "--verdict", verdict.toString(),
        "--publish-to", notAFolder.resolve("store").toString()));
    assertThat(result.code()).isEqualTo(Main.FAILED);
    assertThat(result.err())
        .startsWith("dqgate gate: error: gate: cannot write to file:" + notAFolder.resolve("store"));
    assertThat(Files.readString(notAFolder)).isEqualTo("x");
  }

  @Test
  void runWithoutAFeatureStoreLocationFailsBeforeAnyWork() {
    CommandLineTest.Result result = CommandLineTest.run("run", "--conf", "../conf/application.conf", "--dataset",
        "applications", "--set", "datasets.applications.source.path=" + feed, "--repository",
        dir.resolve("metrics").toString(), "--date", CLEAN.toString());
    assertThat(result.code()).isEqualTo(Main.FAILED);
    assertThat(result.err().strip()).isEqualTo("dqgate run: error: datasets.applications.gate.publish-to: not set "
        + "(or --publish-to DIR): the feature-store location is needed to publish");
    assertThat(dir.resolve("metrics")).doesNotExist();
  }
}
