package io.dqgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.config.GateSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-audit-publish on a local disk: rename commits, marker commits, rollback, faults, locks. */
class PartitionGateTest {
  private static final LocalDate AUG_5 = LocalDate.of(2026, 8, 5);
  private static final String PART = "dt=2026-08-05";

  @TempDir Path tmp;

  private PartitionGate gate(GateSpec.CommitMode mode, int keep, GateFaults faults) {
    GateSpec spec = new GateSpec(Optional.empty(), Optional.empty(), keep, GateSpec.PublishFormat.FILES, mode);
    return new PartitionGate(tmp.resolve("store").toString(), spec, new Configuration(), faults);
  }

  private PartitionGate gate() {
    return gate(GateSpec.CommitMode.AUTO, 3, GateFaults.NONE);
  }

  /** A landed partition folder with the given files (name -> content). */
  private SourceFiles landed(String name, Map<String, String> files) throws IOException {
    Path dir = tmp.resolve("landing").resolve(name).resolve(PART);
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
    return SourceFiles.asItIs(dir.toString(), new Configuration());
  }

  private static GateMarker template(String runId, String status) {
    return new GateMarker("applications", AUG_5, PART, 0, runId, Instant.parse("2026-08-06T03:00:00Z"), status,
        "", ".", List.of(), "{\"status\":\"" + status + "\"}");
  }

  /** Every file below a folder, relative path -> content. */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private Path live() {
    return tmp.resolve("store").resolve(PART);
  }

  private static Map<String, String> withoutMarker(Map<String, String> files) {
    Map<String, String> out = new TreeMap<>(files);
    out.remove(GateMarker.FILE_NAME);
    return out;
  }

  @Test
  void publishesTheFilesAsTheyAreWithAMarker() throws IOException {
    Map<String, String> files = Map.of("part-0.csv", "a,b\n1,2\n", "sub/part-1.csv", "a,b\n3,4\n",
        "_MANIFEST.json", "{}");
    GateResult result = gate().publish(PART, landed("day1", files), template("run-1", "PASS"));

    assertThat(result.action()).isEqualTo(GateResult.Action.PUBLISHED);
    assertThat(result.marker().version()).isEqualTo(1);
    assertThat(withoutMarker(tree(live()))).isEqualTo(new TreeMap<>(files));
    GateMarker marker = GateMarker.parse(Files.readString(live().resolve(GateMarker.FILE_NAME)), "marker");
    assertThat(marker.status()).isEqualTo("PASS");
    assertThat(marker.dataFolder()).isEqualTo(".");
    assertThat(marker.files()).extracting(GateMarker.GatedFile::path)
        .containsExactly("_MANIFEST.json", "part-0.csv", "sub/part-1.csv");
    // sha256 of "a,b\n1,2\n"
    assertThat(marker.files().get(1).sha256())
        .isEqualTo(org.apache.commons.codec.digest.DigestUtils.sha256Hex("a,b\n1,2\n"));
    assertThat(marker.verdictJson()).contains("\"status\":\"PASS\"");
    // nothing left in staging or locks
    assertThat(tree(tmp.resolve("store/_dqgate/staging"))).isEmpty();
    assertThat(tree(tmp.resolve("store/_dqgate/locks"))).isEmpty();
  }

  @Test
  void aRerunWithTheSameFilesChangesNothing() throws IOException {
    PartitionGate gate = gate();
    gate.publish(PART, landed("day1", Map.of("a.csv", "x\n")), template("run-1", "PASS"));
    GateResult again = gate.publish(PART, landed("day1", Map.of("a.csv", "x\n")), template("run-2", "WARN"));

    assertThat(again.action()).isEqualTo(GateResult.Action.UNCHANGED);
    assertThat(again.marker().runId()).isEqualTo("run-1");
    assertThat(gate.history(PART)).hasSize(1);
  }

  @Test
  void newVersionsKeepThePreviousOnesAndRollbackRestoresThemByteForByte() throws IOException {
    PartitionGate gate = gate();
    Map<String, String> first = Map.of("a.csv", "first\n", "b.bin", "\u00ff\u0000\u0001");
    gate.publish(PART, landed("day1", first), template("run-1", "PASS"));
    gate.publish(PART, landed("day1", Map.of("a.csv", "second\n")), template("run-2", "WARN"));

    assertThat(withoutMarker(tree(live()))).isEqualTo(Map.of("a.csv", "second\n"));
    assertThat(gate.history(PART)).extracting(v -> v.marker().version() + (v.live() ? " live" : ""))
        .containsExactly("2 live", "1");

    GateResult back = gate.rollback(PART);

    assertThat(back.action()).isEqualTo(GateResult.Action.ROLLED_BACK);
    assertThat(back.marker().version()).isEqualTo(1);
    assertThat(withoutMarker(tree(live()))).isEqualTo(new TreeMap<>(first));
    assertThat(gate.history(PART)).extracting(v -> v.marker().version() + (v.live() ? " live" : ""))
        .containsExactly("2", "1 live");
    // the next publish gets a fresh number and moves version 1 aside again
    gate.publish(PART, landed("day1", Map.of("a.csv", "third\n")), template("run-3", "PASS"));
    assertThat(gate.history(PART)).extracting(v -> v.marker().version() + (v.live() ? " live" : ""))
        .containsExactly("3 live", "2", "1");
  }

  @Test
  void rollbackWithoutAnOlderVersionFailsAndChangesNothing() throws IOException {
    PartitionGate gate = gate();
    assertThatThrownBy(() -> gate.rollback(PART)).isInstanceOf(DqgateException.class)
        .hasMessage("rollback: nothing is published for " + PART + " in " + gate.root());

    gate.publish(PART, landed("day1", Map.of("a.csv", "only\n")), template("run-1", "PASS"));
    Map<String, String> before = tree(tmp.resolve("store"));
    assertThatThrownBy(() -> gate.rollback(PART)).isInstanceOf(DqgateException.class)
        .hasMessage("rollback: no version of " + PART + " older than the live version 1 is kept in " + gate.root()
            + " (gate.keep-versions = 3)");
    assertThat(tree(tmp.resolve("store"))).isEqualTo(before);
  }

  @Test
  void onlyKeepVersionsVersionsAreKept() throws IOException {
    PartitionGate gate = gate(GateSpec.CommitMode.RENAME, 2, GateFaults.NONE);
    for (int i = 1; i <= 4; i++) {
      gate.publish(PART, landed("day1", Map.of("a.csv", "v" + i)), template("run-" + i, "PASS"));
    }
    assertThat(gate.history(PART)).extracting(v -> v.marker().version()).containsExactly(4, 3);
    assertThat(tree(tmp.resolve("store/_dqgate/versions/" + PART)).keySet())
        .allMatch(p -> p.startsWith("v000003/"));
  }

  @Test
  void aFailureBeforeTheCommitLeavesTheLivePartitionAsItWas() throws IOException {
    gate().publish(PART, landed("day1", Map.of("a.csv", "good\n")), template("run-1", "PASS"));
    Map<String, String> before = tree(tmp.resolve("store"));
    PartitionGate failing = gate(GateSpec.CommitMode.AUTO, 3, point -> {
      if (point == GateFaults.Point.BEFORE_COMMIT) {
        throw new IOException("disk full (simulated)");
      }
    });

    assertThatThrownBy(() -> failing.publish(PART, landed("day1", Map.of("a.csv", "new\n")), template("run-2", "PASS")))
        .isInstanceOf(DqgateException.class)
        .hasMessage("gate: " + PART + " in " + failing.root()
            + ": disk full (simulated) (the live partition is as it was)");
    assertThat(tree(tmp.resolve("store"))).isEqualTo(before);
  }

  @Test
  void aFailureBetweenTheRenamesPutsTheOldVersionBack() throws IOException {
    gate().publish(PART, landed("day1", Map.of("a.csv", "good\n")), template("run-1", "PASS"));
    Map<String, String> before = tree(tmp.resolve("store"));
    PartitionGate failing = gate(GateSpec.CommitMode.RENAME, 3, point -> {
      if (point == GateFaults.Point.BETWEEN_RENAMES) {
        throw new IOException("killed (simulated)");
      }
    });

    assertThatThrownBy(() -> failing.publish(PART, landed("day1", Map.of("a.csv", "new\n")), template("run-2", "PASS")))
        .isInstanceOf(DqgateException.class).hasMessageContaining("killed (simulated)");
    assertThat(tree(tmp.resolve("store"))).isEqualTo(before);
  }

  @Test
  void markerCommitsListTheLiveVersionsFilesAndRollBackByRewritingTheMarker() throws IOException {
    PartitionGate gate = gate(GateSpec.CommitMode.MARKER, 3, GateFaults.NONE);
    gate.publish(PART, landed("day1", Map.of("a.csv", "first\n")), template("run-1", "PASS"));
    gate.publish(PART, landed("day1", Map.of("a.csv", "second\n")), template("run-2", "PASS"));

    assertThat(tree(live()).keySet()).containsExactly(GateMarker.FILE_NAME);
    GateMarker marker = gate.liveMarker(PART).orElseThrow();
    assertThat(marker.version()).isEqualTo(2);
    assertThat(marker.dataFolder()).isEqualTo("_dqgate/versions/" + PART + "/v000002");
    assertThat(Files.readString(tmp.resolve("store").resolve(marker.dataFolder()).resolve("a.csv")))
        .isEqualTo("second\n");

    gate.rollback(PART);
    GateMarker back = gate.liveMarker(PART).orElseThrow();
    assertThat(back.version()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("store").resolve(back.dataFolder()).resolve("a.csv")))
        .isEqualTo("first\n");
  }

  @Test
  void twoDaysGatedAtOnceDoNotDisturbEachOther() throws Exception {
    PartitionGate gate = gate();
    String other = "dt=2026-08-06";
    SourceFiles day5 = landed("day5", Map.of("a.csv", "five\n"));
    Path dir6 = tmp.resolve("landing/day6").resolve(other);
    Files.createDirectories(dir6);
    Files.writeString(dir6.resolve("a.csv"), "six\n");
    SourceFiles day6 = SourceFiles.asItIs(dir6.toString(), new Configuration());
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        Future<GateResult> a = pool.submit(() -> {
          start.await();
          return gate.publish(PART, day5, template("a", "PASS"));
        });
        Future<GateResult> b = pool.submit(() -> {
          start.await();
          return gate.publish(other, day6, template("b", "PASS"));
        });
        a.get();
        b.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(withoutMarker(tree(live()))).isEqualTo(Map.of("a.csv", "five\n"));
    assertThat(withoutMarker(tree(tmp.resolve("store").resolve(other)))).isEqualTo(Map.of("a.csv", "six\n"));
    assertThat(gate.history(PART)).hasSize(1);
  }

  private Path lockFile() {
    return tmp.resolve("store/_dqgate/locks/" + PART + ".lock");
  }

  private void writeLock(long pid, Instant processStart, Instant leaseUntil) throws IOException {
    Files.createDirectories(lockFile().getParent());
    Files.writeString(lockFile(), new GateLock.Owner("run-0", GateLock.HOST, pid, processStart,
        Instant.parse("2026-08-06T03:00:00Z"), leaseUntil).toJson());
  }

  @Test
  void aLockOfALiveRunStopsASecondGateOfTheSamePartition() throws IOException {
    PartitionGate gate = gate();
    ProcessHandle self = ProcessHandle.current();
    Instant lease = Instant.now().plusSeconds(600);
    writeLock(self.pid(), self.info().startInstant().orElseThrow(), lease);

    assertThatThrownBy(() -> gate.publish(PART, landed("day1", Map.of("a.csv", "x")), template("r", "PASS")))
        .isInstanceOf(PartitionGate.GateBusyException.class)
        .hasMessage("gate: " + PART + " in " + gate.root() + " is being gated by run run-0 (pid " + self.pid()
            + " on " + GateLock.HOST + " since 2026-08-06T03:00:00Z, lease until " + lease
            + "); try again when it is done");
    assertThat(Files.exists(live())).isFalse();
    assertThat(Files.exists(lockFile())).isTrue();
  }

  @Test
  void theLockOfADeadProcessOrAnExpiredLeaseIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeLock(gone.pid(), Instant.parse("2026-08-06T02:59:00Z"), Instant.now().plusSeconds(600));
    GateResult first = gate().publish(PART, landed("day1", Map.of("a.csv", "1\n")), template("r1", "PASS"));
    assertThat(first.action()).isEqualTo(GateResult.Action.PUBLISHED);
    assertThat(Files.exists(lockFile())).isFalse();

    // a run on another host whose lease ran out
    Files.writeString(lockFile(), new GateLock.Owner("run-9", "elsewhere", 1, Instant.EPOCH,
        Instant.parse("2026-08-06T03:00:00Z"), Instant.now().minusSeconds(1)).toJson());
    GateResult second = gate().publish(PART, landed("day1", Map.of("a.csv", "2\n")), template("r2", "PASS"));
    assertThat(second.marker().version()).isEqualTo(2);
    assertThat(tree(tmp.resolve("store/_dqgate/locks"))).isEmpty();
  }

  /** Stands for kill -9: nothing of the gate's own clean-up runs past it (the lock aside, see GateLock). */
  private static final class Killed extends Error {
    Killed() {
      super("killed");
    }
  }

  private PartitionGate killedAt(GateSpec.CommitMode mode, GateFaults.Point at) {
    return gate(mode, 3, point -> {
      if (point == at) {
        throw new Killed();
      }
    });
  }

  @Test
  void aGateKilledBetweenTheRenamesIsFinishedByTheNextCommand() throws IOException {
    gate().publish(PART, landed("day1", Map.of("a.csv", "old\n")), template("run-1", "PASS"));
    assertThatThrownBy(() -> killedAt(GateSpec.CommitMode.RENAME, GateFaults.Point.BETWEEN_RENAMES)
        .publish(PART, landed("day1", Map.of("a.csv", "new\n")), template("run-2", "PASS")))
        .isInstanceOf(Killed.class);
    assertThat(Files.exists(live())).isFalse(); // the instant with no version live

    assertThat(gate().history(PART)).extracting(v -> v.marker().version() + (v.live() ? " live" : ""))
        .containsExactly("2 live", "1");
    assertThat(withoutMarker(tree(live()))).isEqualTo(Map.of("a.csv", "new\n"));
    assertThat(tree(tmp.resolve("store/_dqgate/staging"))).isEmpty();
    assertThat(tree(tmp.resolve("store/_dqgate/intents"))).isEmpty();
  }

  @Test
  void aGateKilledBeforeItsCommitIsUndoneAndItsStagingCleared() throws IOException {
    gate().publish(PART, landed("day1", Map.of("a.csv", "old\n")), template("run-1", "PASS"));
    Map<String, String> before = tree(tmp.resolve("store"));
    for (GateSpec.CommitMode mode : List.of(GateSpec.CommitMode.RENAME, GateSpec.CommitMode.MARKER)) {
      assertThatThrownBy(() -> killedAt(mode, GateFaults.Point.BEFORE_COMMIT)
          .publish(PART, landed("day1", Map.of("a.csv", "new\n")), template("run-2", "PASS")))
          .isInstanceOf(Killed.class);
      assertThat(tree(tmp.resolve("store"))).isNotEqualTo(before); // staged copy and intent left behind

      assertThatThrownBy(() -> gate().rollback(PART)).hasMessageContaining("no version of " + PART + " older");
      assertThat(tree(tmp.resolve("store"))).isEqualTo(before);
    }
  }

  @Test
  void aRollbackKilledBetweenItsRenamesIsFinishedByTheNextCommand() throws IOException {
    gate().publish(PART, landed("day1", Map.of("a.csv", "one\n")), template("run-1", "PASS"));
    gate().publish(PART, landed("day1", Map.of("a.csv", "two\n")), template("run-2", "PASS"));
    assertThatThrownBy(() -> killedAt(GateSpec.CommitMode.RENAME, GateFaults.Point.BETWEEN_RENAMES).rollback(PART))
        .isInstanceOf(Killed.class);
    assertThat(Files.exists(live())).isFalse();

    GateResult next = gate().publish(PART, landed("day1", Map.of("a.csv", "three\n")), template("run-3", "PASS"));
    assertThat(next.marker().version()).isEqualTo(3);
    assertThat(gate().history(PART)).extracting(v -> v.marker().version() + (v.live() ? " live" : ""))
        .containsExactly("3 live", "2", "1");
  }

  @Test
  void aPartitionThatChangedAfterItWasJudgedIsRefusedNamingTheFile() throws IOException {
    SourceFiles judged = landed("day1", Map.of("a.csv", "a\n", "sub/b.csv", "b\n"));
    Path folder = tmp.resolve("landing/day1").resolve(PART);
    String prefix = "gate: " + folder + " changed after it was judged: ";
    String suffix = "; nothing was published (run it again to judge the files as they are now)";

    Files.writeString(folder.resolve("late.csv"), "late\n");
    assertThatThrownBy(() -> gate().publish(PART, judged, template("r1", "PASS")))
        .isInstanceOf(SourceFiles.PartitionChangedException.class)
        .hasMessage(prefix + "late.csv was added (5 bytes)" + suffix);
    Files.delete(folder.resolve("late.csv"));

    Files.writeString(folder.resolve("sub/b.csv"), "B\n"); // same size, other bytes
    assertThatThrownBy(() -> gate().publish(PART, judged, template("r2", "PASS")))
        .hasMessage(prefix + "sub/b.csv changed (2 bytes, sha256 "
            + org.apache.commons.codec.digest.DigestUtils.sha256Hex("B\n") + "; judged 2 bytes, sha256 "
            + org.apache.commons.codec.digest.DigestUtils.sha256Hex("b\n") + ")" + suffix);

    Files.delete(folder.resolve("sub/b.csv"));
    assertThatThrownBy(() -> gate().publish(PART, judged, template("r3", "PASS")))
        .hasMessage(prefix + "sub/b.csv was removed" + suffix);

    assertThat(Files.exists(live())).isFalse();
    assertThat(tree(tmp.resolve("store/_dqgate"))).isEmpty();
  }

  @Test
  void dataDqgateDidNotPublishIsNotOverwritten() throws IOException {
    Files.createDirectories(live());
    Files.writeString(live().resolve("theirs.csv"), "keep me");
    assertThatThrownBy(() -> gate().publish(PART, landed("day1", Map.of("a.csv", "x")), template("r", "PASS")))
        .isInstanceOf(DqgateException.class).hasMessageContaining("holds data dqgate did not publish");
    assertThat(tree(live())).isEqualTo(Map.of("theirs.csv", "keep me"));
  }

  @Test
  void quarantineReplacesAnEarlierQuarantineOfTheDay() throws IOException {
    PartitionGate quarantine = new PartitionGate(tmp.resolve("quarantine").toString(),
        new GateSpec(Optional.empty(), Optional.empty(), 3, GateSpec.PublishFormat.FILES, GateSpec.CommitMode.AUTO),
        new Configuration(), GateFaults.NONE);
    quarantine.quarantine(PART, landed("day1", Map.of("a.csv", "bad\n", "b.csv", "worse\n")), template("r1", "BLOCK"));
    GateResult again = quarantine.quarantine(PART, landed("day1", Map.of("a.csv", "bad again\n")),
        template("r2", "BLOCK"));

    assertThat(again.action()).isEqualTo(GateResult.Action.QUARANTINED);
    Path folder = tmp.resolve("quarantine").resolve(PART);
    assertThat(withoutMarker(tree(folder))).isEqualTo(Map.of("a.csv", "bad again\n"));
    assertThat(GateMarker.parse(Files.readString(folder.resolve(GateMarker.FILE_NAME)), "q").status())
        .isEqualTo("BLOCK");
  }

  @Test
  void aMissingSourceFolderIsNamed() {
    String missing = tmp.resolve("nowhere").toString();
    assertThatThrownBy(() -> SourceFiles.asItIs(missing, new Configuration()))
        .isInstanceOf(DqgateException.class).hasMessage("gate: source partition " + missing + " does not exist");
  }
}
