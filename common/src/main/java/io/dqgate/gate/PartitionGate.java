package io.dqgate.gate;

import io.dqgate.CommitConflictException;
import io.dqgate.DqgateException;
import io.dqgate.config.GateSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Write-audit-publish for one dataset's feature-store location: a checked partition becomes live whole
 * or not at all, the previous versions stay for rollback, and a blocked one goes to quarantine instead.
 *
 * <p>Layout below the publish root: the live partition at {@code <root>/<partition>/} (for example
 * {@code dt=2026-08-05/}) with its {@link GateMarker#FILE_NAME}; older versions in
 * {@code <root>/_dqgate/versions/<partition>/v000001/ ...}; work in {@code _dqgate/staging} and
 * {@code _dqgate/locks} (names starting with '_' are hidden from Spark's and Hive's readers).
 *
 * <p>{@link CommitMode#RENAME} (local disks, HDFS): the new version is staged, the live folder is renamed
 * into the versions, the staged folder is renamed to the live name. Each rename is atomic; between the two
 * a reader sees the partition absent, never half of it, and a failure there moves the old version back.
 * {@link CommitMode#MARKER} (object stores): every version is written to its own version folder and the
 * partition folder holds only the marker, rewritten in one put, that lists the live version's files;
 * readers must go through that list.
 */
public final class PartitionGate {
  static final String CONTROL = "_dqgate";
  private static final String VERSION_PREFIX = "v";

  /** How a version becomes live; the config's {@code auto} is resolved from the root's scheme. */
  public enum CommitMode { RENAME, MARKER }

  private final FileSystem fs;
  private final Path root;
  private final CommitMode mode;
  private final int keepVersions;
  private final GateFaults faults;

  public PartitionGate(String root, GateSpec spec, Configuration conf, GateFaults faults) {
    this.keepVersions = spec.keepVersions();
    this.faults = faults;
    Path path = new Path(root);
    try {
      this.fs = GateFileSystems.raw(path.getFileSystem(conf));
      this.root = fs.makeQualified(path);
    } catch (IOException e) {
      throw new DqgateException("gate: cannot open " + root + ": " + e.getMessage(), e);
    }
    this.mode = switch (spec.commit()) {
      case RENAME -> CommitMode.RENAME;
      case MARKER -> CommitMode.MARKER;
      case AUTO -> GateFileSystems.isObjectStore(this.root.toUri().getScheme()) ? CommitMode.MARKER : CommitMode.RENAME;
    };
  }

  public CommitMode mode() {
    return mode;
  }

  public String root() {
    return root.toString();
  }

  /** The folder a partition is live in, e.g. {@code <root>/dt=2026-08-05}. */
  public Path livePath(String partition) {
    return new Path(root, partition);
  }

  /**
   * Makes {@code writer}'s data the live version of {@code partition}; a rerun with the same files
   * changes nothing. {@code marker} gives everything but version, data folder and files.
   */
  public GateResult publish(String partition, PartitionWriter writer, GateMarker marker) {
    return locked(partition, () -> mode == CommitMode.RENAME
        ? publishByRename(partition, writer, marker)
        : publishByMarker(partition, writer, marker));
  }

  private GateResult publishByRename(String partition, PartitionWriter writer, GateMarker template)
      throws IOException {
    Path live = livePath(partition);
    GateMarker current = liveMarker(partition).orElse(null);
    if (current == null && fs.exists(live)) {
      throw new DqgateException("gate: " + live + " holds data dqgate did not publish (no " + GateMarker.FILE_NAME
          + "); move it away first");
    }
    int version = nextVersion(partition, current);
    Path staging = new Path(new Path(new Path(root, CONTROL), "staging"), partition + "/" + template.runId());
    try {
      GateMarker marker = stage(writer, staging, template.withVersion(version, GateMarker.OWN_FOLDER));
      if (marker.sameFilesAs(current)) {
        return new GateResult(GateResult.Action.UNCHANGED, live.toString(), current);
      }
      faults.at(GateFaults.Point.BEFORE_COMMIT);
      Path aside = current == null ? null : versionPath(partition, current.version());
      if (aside != null) {
        requireAbsent(aside);
        fs.mkdirs(aside.getParent());
        rename(live, aside);
      }
      try {
        faults.at(GateFaults.Point.BETWEEN_RENAMES);
        fs.mkdirs(live.getParent());
        rename(staging, live);
      } catch (IOException | RuntimeException e) {
        if (aside != null && !fs.exists(live)) {
          rename(aside, live);
        }
        throw e;
      }
      prune(partition, -1);
      return new GateResult(GateResult.Action.PUBLISHED, live.toString(), marker);
    } finally {
      discard(staging);
    }
  }

  private GateResult publishByMarker(String partition, PartitionWriter writer, GateMarker template)
      throws IOException {
    GateMarker current = liveMarker(partition).orElse(null);
    int version = nextVersion(partition, current);
    Path folder = versionPath(partition, version);
    requireAbsent(folder);
    boolean committed = false;
    try {
      GateMarker marker = stage(writer, folder, template.withVersion(version, relative(folder)));
      if (marker.sameFilesAs(current)) {
        return new GateResult(GateResult.Action.UNCHANGED, livePath(partition).toString(), current);
      }
      faults.at(GateFaults.Point.BEFORE_COMMIT);
      writeMarker(new Path(livePath(partition), GateMarker.FILE_NAME), marker);
      committed = true;
      prune(partition, version);
      return new GateResult(GateResult.Action.PUBLISHED, livePath(partition).toString(), marker);
    } finally {
      if (!committed) {
        fs.delete(folder, true);
      }
    }
  }

  /** Copies a blocked partition to this root (the quarantine), replacing an earlier quarantine of it. */
  public GateResult quarantine(String partition, PartitionWriter writer, GateMarker template) {
    return locked(partition, () -> {
      Path target = livePath(partition);
      Path staging = new Path(new Path(new Path(root, CONTROL), "staging"), partition + "/" + template.runId());
      try {
        GateMarker marker = stage(writer, staging, template.withVersion(0, GateMarker.OWN_FOLDER));
        faults.at(GateFaults.Point.BEFORE_COMMIT);
        fs.delete(target, true);
        fs.mkdirs(target.getParent());
        rename(staging, target);
        return new GateResult(GateResult.Action.QUARANTINED, target.toString(), marker);
      } finally {
        discard(staging);
      }
    });
  }

  /** Puts the newest kept version older than the live one back in place. */
  public GateResult rollback(String partition) {
    return locked(partition, () -> {
      GateMarker current = liveMarker(partition).orElseThrow(() -> new DqgateException(
          "rollback: nothing is published for " + partition + " in " + root));
      List<GateMarker> older = kept(partition).stream().filter(m -> m.version() < current.version()).toList();
      if (older.isEmpty()) {
        throw new DqgateException("rollback: no version of " + partition + " older than the live version "
            + current.version() + " is kept in " + root + " (gate.keep-versions = " + keepVersions + ")");
      }
      GateMarker previous = older.get(0);
      Path live = livePath(partition);
      if (mode == CommitMode.MARKER) {
        writeMarker(new Path(live, GateMarker.FILE_NAME), previous);
        return new GateResult(GateResult.Action.ROLLED_BACK, live.toString(), previous);
      }
      Path aside = versionPath(partition, current.version());
      requireAbsent(aside);
      rename(live, aside);
      try {
        faults.at(GateFaults.Point.BETWEEN_RENAMES);
        rename(versionPath(partition, previous.version()), live);
      } catch (IOException | RuntimeException e) {
        if (!fs.exists(live)) {
          rename(aside, live);
        }
        throw e;
      }
      return new GateResult(GateResult.Action.ROLLED_BACK, live.toString(), previous);
    });
  }

  /** The live version's marker, if the partition is published. */
  public Optional<GateMarker> liveMarker(String partition) {
    Path marker = new Path(livePath(partition), GateMarker.FILE_NAME);
    try {
      return Optional.of(readMarker(marker));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new DqgateException("gate: cannot read " + marker + ": " + e.getMessage(), e);
    }
  }

  /** Kept versions other than the live one (rename commits) or all of them (marker commits), newest first. */
  public List<GateMarker> kept(String partition) {
    List<GateMarker> out = new ArrayList<>();
    Path folder = new Path(new Path(new Path(root, CONTROL), "versions"), partition);
    try {
      if (!fs.exists(folder)) {
        return out;
      }
      for (FileStatus status : fs.listStatus(folder)) {
        if (status.isDirectory() && status.getPath().getName().startsWith(VERSION_PREFIX)) {
          Path marker = new Path(status.getPath(), GateMarker.FILE_NAME);
          if (fs.exists(marker)) {
            out.add(readMarker(marker));
          }
        }
      }
    } catch (IOException e) {
      throw new DqgateException("gate: cannot list versions in " + folder + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingInt(GateMarker::version).reversed());
    return out;
  }

  /** Every version of a partition, newest first, the live one flagged. */
  public List<VersionInfo> history(String partition) {
    Optional<GateMarker> live = liveMarker(partition);
    List<VersionInfo> out = new ArrayList<>();
    live.ifPresent(m -> out.add(new VersionInfo(m, true)));
    for (GateMarker m : kept(partition)) {
      if (live.isEmpty() || m.version() != live.get().version()) {
        out.add(new VersionInfo(m, false));
      }
    }
    out.sort(Comparator.comparingInt((VersionInfo v) -> v.marker().version()).reversed());
    return out;
  }

  /** One version of a published partition. */
  public record VersionInfo(GateMarker marker, boolean live) {}

  private GateMarker stage(PartitionWriter writer, Path folder, GateMarker template) throws IOException {
    fs.delete(folder, true);
    fs.mkdirs(folder);
    List<GateMarker.GatedFile> files = writer.writeInto(fs, folder);
    GateMarker marker = new GateMarker(template.dataset(), template.partitionDate(), template.partition(),
        template.version(), template.runId(), template.gatedAt(), template.status(), writer.source(),
        template.dataFolder(), files, template.verdictJson());
    writeMarker(new Path(folder, GateMarker.FILE_NAME), marker);
    return marker;
  }

  /** Deletes a staging folder and the partition folders above it that it leaves empty. */
  private void discard(Path staging) throws IOException {
    fs.delete(staging, true);
    Path stagingRoot = new Path(new Path(root, CONTROL), "staging");
    for (Path p = staging.getParent(); p != null && !p.equals(stagingRoot) && p.depth() > stagingRoot.depth();
        p = p.getParent()) {
      FileStatus[] left = fs.exists(p) ? fs.listStatus(p) : null;
      if (left == null || left.length > 0) {
        break;
      }
      fs.delete(p, false);
    }
  }

  private int nextVersion(String partition, GateMarker live) {
    int max = live == null ? 0 : live.version();
    for (GateMarker m : kept(partition)) {
      max = Math.max(max, m.version());
    }
    return max + 1;
  }

  /** Keeps the newest {@code keepVersions} versions in all, the live one counted and never removed. */
  private void prune(String partition, int liveVersion) throws IOException {
    List<GateMarker> kept = kept(partition).stream().filter(m -> m.version() != liveVersion).toList();
    for (GateMarker old : kept.subList(Math.min(kept.size(), keepVersions - 1), kept.size())) {
      fs.delete(versionPath(partition, old.version()), true);
    }
  }

  private Path versionPath(String partition, int version) {
    return new Path(new Path(new Path(new Path(root, CONTROL), "versions"), partition),
        String.format("%s%06d", VERSION_PREFIX, version));
  }

  private String relative(Path folder) {
    return root.toUri().relativize(fs.makeQualified(folder).toUri()).getPath().replaceAll("/+$", "");
  }

  private void requireAbsent(Path path) throws IOException {
    if (fs.exists(path)) {
      throw new DqgateException("gate: " + path + " exists already; the version folders of " + root
          + " are not as dqgate left them");
    }
  }

  private void rename(Path from, Path to) throws IOException {
    // Hadoop renames into an existing folder rather than failing: callers make sure `to` is absent.
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed");
    }
  }

  private GateMarker readMarker(Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return GateMarker.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path.toString());
    }
  }

  private void writeMarker(Path path, GateMarker marker) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(marker.toJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  @FunctionalInterface
  private interface GateStep {
    GateResult run() throws IOException;
  }

  /** One gate at a time per partition: a lock file created exclusively, removed when done. */
  private GateResult locked(String partition, GateStep step) {
    Path lock = new Path(new Path(new Path(root, CONTROL), "locks"), partition.replace('/', '_') + ".lock");
    try {
      fs.mkdirs(lock.getParent());
      try (OutputStream out = fs.create(lock, false)) {
        out.write((Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (FileAlreadyExistsException e) {
      throw new CommitConflictException("gate: " + partition + " in " + root + " is being gated by another run (lock "
          + lock + "); remove the lock if no run is alive");
    } catch (IOException e) {
      throw new DqgateException("gate: cannot write to " + root + ": " + e.getMessage(), e);
    }
    try {
      return step.run();
    } catch (IOException e) {
      throw new DqgateException("gate: " + partition + " in " + root + ": " + e.getMessage()
          + " (the live partition is as it was)", e);
    } finally {
      try {
        fs.delete(lock, false);
      } catch (IOException ignored) {
        // a stale lock names itself in the next run's error
      }
    }
  }
}
