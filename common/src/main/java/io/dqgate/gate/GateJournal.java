package io.dqgate.gate;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The gate's intent log: a change to a partition is announced before it is made ({@link GateIntent}), so
 * the next command on the partition finishes a commit a killed gate announced, or undoes a staging it
 * left. Callers hold the partition's lock.
 */
final class GateJournal {
  private final FileSystem fs;
  private final Path intents;
  private final Path staging;
  private final GateFaults faults;

  GateJournal(FileSystem fs, Path intents, Path staging, GateFaults faults) {
    this.fs = fs;
    this.intents = intents;
    this.staging = staging;
    this.faults = faults;
  }

  private Path intentPath(String partition, GateIntent.Phase phase) {
    return new Path(intents, partition.replace('/', '_') + "."
        + phase.name().toLowerCase(java.util.Locale.ROOT) + ".json");
  }

  /** An intent of the partition is left: a gate is at work on it, or was killed. */
  boolean pending(String partition) {
    try {
      return fs.exists(intentPath(partition, GateIntent.Phase.STAGING))
          || fs.exists(intentPath(partition, GateIntent.Phase.COMMITTING));
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes a staged copy and returns its marker. */
  @FunctionalInterface
  interface Staging {
    GateMarker write() throws IOException;
  }

  /**
   * Announces a staging, runs it and reaches the point before the commit; a failure drops what was
   * staged (a kill leaves it to the next command's recovery).
   */
  GateMarker staged(String partition, GateIntent intent, Staging work) throws IOException {
    writeNew(intentPath(partition, GateIntent.Phase.STAGING), intent.toJson());
    try {
      GateMarker marker = work.write();
      faults.at(GateFaults.Point.BEFORE_COMMIT);
      return marker;
    } catch (IOException | RuntimeException e) {
      undo(partition, intent);
      throw e;
    }
  }

  /** Announces the commit, makes {@code intent.from} live and clears the intent. */
  void commit(String partition, GateIntent intent) throws IOException {
    writeNew(intentPath(partition, GateIntent.Phase.COMMITTING), intent.committing().toJson());
    try {
      finish(intent.committing(), true);
    } catch (IOException | RuntimeException e) {
      // Still running: put back what this run moved, so the failure leaves the live partition as it was.
      Path live = new Path(intent.live());
      if (!intent.markerCommit() && intent.aside() != null && !fs.exists(live) && fs.exists(new Path(intent.aside()))) {
        GateFileSystems.rename(fs, new Path(intent.aside()), live);
      }
      if (intent.markerCommit() || isStaging(new Path(intent.from()))) {
        fs.delete(new Path(intent.from()), true); // a staged copy; a kept version (rollback) stays
      }
      clearIntents(partition);
      throw e;
    }
    faults.at(GateFaults.Point.COMMITTED);
    clearIntents(partition);
  }

  /** Drops a staging that will not be committed. */
  void undo(String partition, GateIntent intent) throws IOException {
    fs.delete(new Path(intent.from()), true);
    clearIntents(partition);
  }

  private void clearIntents(String partition) throws IOException {
    fs.delete(intentPath(partition, GateIntent.Phase.COMMITTING), false);
    fs.delete(intentPath(partition, GateIntent.Phase.STAGING), false);
  }

  /** Finishes (commit announced) or undoes (only staging announced) what a killed gate left. */
  void recover(String partition) throws IOException {
    Optional<GateIntent> committing = readIntent(intentPath(partition, GateIntent.Phase.COMMITTING));
    if (committing.isPresent()) {
      finish(committing.get(), false);
      clearIntents(partition);
      return;
    }
    Optional<GateIntent> staging = readIntent(intentPath(partition, GateIntent.Phase.STAGING));
    if (staging.isPresent()) {
      undo(partition, staging.get());
    }
    clearIntents(partition);
  }

  /**
   * Makes {@code intent.from} live, from whatever point a run got to: every step checks where things
   * are, so running it again after a kill at any instant ends in the same place.
   */
  private void finish(GateIntent intent, boolean firstRun) throws IOException {
    Path from = new Path(intent.from());
    Path live = new Path(intent.live());
    if (intent.markerCommit()) {
      Path marker = new Path(from, GateMarker.FILE_NAME);
      if (fs.exists(marker)) {
        GateFileSystems.writeMarker(fs, new Path(live, GateMarker.FILE_NAME), GateFileSystems.readMarker(fs, marker));
      }
      return;
    }
    Path aside = intent.aside() == null ? null : new Path(intent.aside());
    if (fs.exists(from)) {
      if (fs.exists(live)) {
        if (aside == null) {
          throw new IOException(live + " appeared while the gate ran; " + from + " stays staged");
        }
        if (fs.exists(aside)) {
          throw new IOException(aside + " exists already; the version folders are not as dqgate left them");
        }
        fs.mkdirs(aside.getParent());
        GateFileSystems.rename(fs, live, aside);
      }
      if (firstRun) {
        faults.at(GateFaults.Point.BETWEEN_RENAMES);
      }
      fs.mkdirs(live.getParent());
      GateFileSystems.rename(fs, from, live);
    } else if (!fs.exists(live) && aside != null && fs.exists(aside)) {
      GateFileSystems.rename(fs, aside, live); // the staged copy is gone: the old version comes back
    }
    if (intent.discardAside() && aside != null) {
      fs.delete(aside, true);
    }
  }

  private Optional<GateIntent> readIntent(Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return Optional.of(GateIntent.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path.toString()));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // cut short by a kill: the step it announced never began
    }
  }

  private void writeNew(Path path, String content) throws IOException {
    fs.mkdirs(path.getParent());
    try (OutputStream out = fs.create(path, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private boolean isStaging(Path path) {
    return fs.makeQualified(path).toString().startsWith(fs.makeQualified(staging).toString() + "/");
  }
}
