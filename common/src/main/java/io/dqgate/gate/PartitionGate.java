package io.dqgate.gate;

import io.dqgate.CommitConflictException;
import io.dqgate.DqgateException;
import io.dqgate.config.GateSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
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
 *
 * <p>Every change holds the partition's {@link GateLock} and is announced in a {@link GateIntent} first:
 * the next command on the partition (publish, quarantine, rollback, history) finishes a commit that a
 * killed gate started, or undoes a staging it left, so once a version was live some version stays live.
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
  private final GateJournal journal;

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
    this.journal = new GateJournal(fs, controlPath("intents"), controlPath("staging"), faults);
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
    return locked(partition, marker.runId(), () -> mode == CommitMode.RENAME
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
    Path staging = stagingPath(partition, template.runId());
    Path aside = current == null ? null : versionPath(partition, current.version());
    GateIntent intent = new GateIntent(template.runId(), GateIntent.Phase.STAGING, false, staging.toString(),
        live.toString(), aside == null ? null : aside.toString(), false);
    GateMarker marker = journal.staged(partition, intent, () -> {
      GateMarker staged = stage(writer, staging, template.withVersion(version, GateMarker.OWN_FOLDER));
      if (aside != null) {
        requireAbsent(aside);
      }
      return staged;
    });
    if (marker.sameFilesAs(current)) {
      journal.undo(partition, intent);
      return new GateResult(GateResult.Action.UNCHANGED, live.toString(), current);
    }
    journal.commit(partition, intent);
    prune(partition, -1);
    return new GateResult(GateResult.Action.PUBLISHED, live.toString(), marker);
  }

  private GateResult publishByMarker(String partition, PartitionWriter writer, GateMarker template)
      throws IOException {
    GateMarker current = liveMarker(partition).orElse(null);
    int version = nextVersion(partition, current);
    Path folder = versionPath(partition, version);
    requireAbsent(folder);
    GateIntent intent = new GateIntent(template.runId(), GateIntent.Phase.STAGING, true, folder.toString(),
        livePath(partition).toString(), null, false);
    GateMarker marker = journal.staged(partition, intent,
        () -> stage(writer, folder, template.withVersion(version, relative(folder))));
    if (marker.sameFilesAs(current)) {
      journal.undo(partition, intent);
      return new GateResult(GateResult.Action.UNCHANGED, livePath(partition).toString(), current);
    }
    journal.commit(partition, intent);
    prune(partition, version);
    return new GateResult(GateResult.Action.PUBLISHED, livePath(partition).toString(), marker);
  }

  /** Copies a blocked partition to this root (the quarantine), replacing an earlier quarantine of it. */
  public GateResult quarantine(String partition, PartitionWriter writer, GateMarker template) {
    return locked(partition, template.runId(), () -> {
      Path target = livePath(partition);
      Path staging = stagingPath(partition, template.runId());
      Path replaced = stagingPath(partition, template.runId() + ".replaced");
      GateIntent intent = new GateIntent(template.runId(), GateIntent.Phase.STAGING, false, staging.toString(),
          target.toString(), replaced.toString(), true);
      GateMarker marker = journal.staged(partition, intent,
          () -> stage(writer, staging, template.withVersion(0, GateMarker.OWN_FOLDER)));
      journal.commit(partition, intent);
      return new GateResult(GateResult.Action.QUARANTINED, target.toString(), marker);
    });
  }

  /** Puts the newest kept version older than the live one back in place. */
  public GateResult rollback(String partition) {
    String runId = "rollback-" + java.util.UUID.randomUUID();
    return locked(partition, runId, () -> {
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
      // A kept version is complete already: only the commit is announced (undoing a staging would delete it).
      journal.commit(partition, new GateIntent(runId, GateIntent.Phase.STAGING, false,
          versionPath(partition, previous.version()).toString(), live.toString(), aside.toString(), false));
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
    if (journal.pending(partition) || hasLock(partition)) {
      try {
        locked(partition, "history-" + java.util.UUID.randomUUID(), () -> null);
      } catch (GateBusyException e) {
        // a live gate is at work on the partition: show what is there now
      }
    }
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

  private void rename(Path from, Path to) throws IOException {
    GateFileSystems.rename(fs, from, to);
  }

  private GateMarker readMarker(Path path) throws IOException {
    return GateFileSystems.readMarker(fs, path);
  }

  private void writeMarker(Path path, GateMarker marker) throws IOException {
    GateFileSystems.writeMarker(fs, path, marker);
  }

  private void requireAbsent(Path path) throws IOException {
    if (fs.exists(path)) {
      throw new DqgateException("gate: " + path + " exists already; the version folders of " + root
          + " are not as dqgate left them");
    }
  }

  @FunctionalInterface
  private interface GateStep {
    GateResult run() throws IOException;
  }

  /**
   * Runs {@code step} holding the partition's lock, after finishing or undoing what a killed gate left
   * and clearing staged leftovers of the partition.
   */
  private GateResult locked(String partition, String runId, GateStep step) {
    String what = partition + " in " + root;
    Path lockFile = lockPath(partition);
    GateLock lock;
    try {
      lock = GateLock.acquire(fs, lockFile, runId, LOCK_LEASE, what);
    } catch (DqgateException e) {
      throw new GateBusyException(e.getMessage());
    } catch (IOException e) {
      throw new DqgateException("gate: cannot write to " + root + ": " + e.getMessage(), e);
    }
    try (lock) {
      journal.recover(partition);
      clearStaging(partition);
      faults.at(GateFaults.Point.LOCKED);
      lock.renew();
      return step.run();
    } catch (IOException e) {
      throw new DqgateException("gate: " + what + ": " + e.getMessage() + " (the live partition is as it was)", e);
    }
  }

  /** The lock is held by a run that is alive (or whose lease has not run out). */
  public static final class GateBusyException extends CommitConflictException {
    GateBusyException(String message) {
      super(message);
    }
  }

  /** A gate holds its lock this long without renewing it; a later run may then take it over. */
  static final java.time.Duration LOCK_LEASE = java.time.Duration.ofMinutes(30);

  private Path lockPath(String partition) {
    return new Path(controlPath("locks"), partition.replace('/', '_') + ".lock");
  }

  private boolean hasLock(String partition) {
    try {
      return fs.exists(lockPath(partition));
    } catch (IOException e) {
      return false;
    }
  }

  /** Staged copies of this partition no intent refers to any more (the lock is held: no one else stages it). */
  private void clearStaging(String partition) throws IOException {
    Path folder = new Path(controlPath("staging"), partition);
    fs.delete(folder, true);
  }

  private Path controlPath(String name) {
    return new Path(new Path(root, CONTROL), name);
  }

  private Path stagingPath(String partition, String runId) {
    return new Path(new Path(controlPath("staging"), partition), runId);
  }
}
