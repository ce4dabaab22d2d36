package io.dqgate.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.config.GateSpec;
import io.dqgate.gate.GateFaults;
import io.dqgate.gate.GateMarker;
import io.dqgate.gate.PartitionGate;
import io.dqgate.gate.SourceFiles;
import io.dqgate.testing.HdfsExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gate's rename commits, rollback and failure recovery on a real HDFS (MiniDFSCluster). */
@ExtendWith(HdfsExtension.class)
class HdfsGateTest {
  private static final String PART = "dt=2026-08-05";
  private FileSystem fs;
  private Path base;

  @BeforeEach
  void setUp(FileSystem fs) {
    this.fs = fs;
    base = HdfsExtension.freshDir("gate");
  }

  private SourceFiles landed(String content) throws IOException {
    Path dir = new Path(base, "landing/" + PART);
    fs.delete(dir, true);
    write(new Path(dir, "part-0.csv"), content);
    write(new Path(dir, "_MANIFEST.json"), "{\"files\":{}}");
    return SourceFiles.asItIs(dir.toString(), HdfsExtension.configuration());
  }

  private void write(Path file, String content) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!fs.exists(dir)) {
      return out;
    }
    String prefix = fs.makeQualified(dir).toUri().getPath() + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      try (InputStream in = fs.open(p)) {
        out.put(p.toUri().getPath().substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private PartitionGate gate(GateFaults faults) {
    return new PartitionGate(new Path(base, "store").toString(), new GateSpec(Optional.empty(), Optional.empty(), 3,
        GateSpec.PublishFormat.FILES, GateSpec.CommitMode.AUTO), HdfsExtension.configuration(), faults);
  }

  private static GateMarker template(String runId) {
    return new GateMarker("orders", LocalDate.of(2026, 8, 5), PART, 0, runId, Instant.now(), "PASS", "", ".",
        List.of(), null);
  }

  @Test
  void publishRollbackAndAFailedCommitOnHdfs() throws IOException {
    PartitionGate gate = gate(GateFaults.NONE);
    assertThat(gate.mode()).isEqualTo(PartitionGate.CommitMode.RENAME);
    assertThat(gate.root()).startsWith("hdfs://127.0.0.1:");
    gate.publish(PART, landed("id\n1\n"), template("r1"));
    Map<String, String> version1 = tree(gate.livePath(PART));
    gate.publish(PART, landed("id\n1\n2\n"), template("r2"));
    assertThat(tree(gate.livePath(PART))).containsEntry("part-0.csv", "id\n1\n2\n");

    Map<String, String> beforeFailure = tree(new Path(base, "store"));
    PartitionGate failing = gate(point -> {
      if (point == GateFaults.Point.BETWEEN_RENAMES) {
        throw new IOException("name node went away (simulated)");
      }
    });
    assertThatThrownBy(() -> failing.publish(PART, landed("id\n3\n"), template("r3")))
        .isInstanceOf(DqgateException.class).hasMessageContaining("name node went away (simulated)");
    assertThat(tree(new Path(base, "store"))).isEqualTo(beforeFailure);

    gate.rollback(PART);
    assertThat(tree(gate.livePath(PART))).isEqualTo(version1);
    assertThat(gate.history(PART)).extracting(v -> v.marker().version() + (v.live() ? "*" : ""))
        .containsExactly("2", "1*");
  }
}
