package io.dqgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One gate at a time per partition: a lock file created exclusively that says who holds it (run, host,
 * pid and the process's start, when) and until when its lease runs. A later run takes a lock over when
 * the lease ran out, or at once when the owner was a process on the same host that no longer lives
 * (a kill -9 leaves its lock behind; an Airflow retry must not wait for a person).
 */
final class GateLock implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A lock file that is not (yet) an owner record: its writer died between create and write. */
  private static final Duration UNREADABLE_GRACE = Duration.ofMinutes(1);

  /** Who holds a lock. {@code processStart} tells a reused pid from the owner. */
  record Owner(String runId, String host, long pid, Instant processStart, Instant startedAt, Instant leaseUntil) {

    static Owner current(String runId, Duration lease) {
      Instant now = Instant.now();
      ProcessHandle self = ProcessHandle.current();
      return new Owner(runId, HOST, self.pid(), self.info().startInstant().orElse(Instant.EPOCH), now,
          now.plus(lease));
    }

    /** True when no live run can hold this lock any more. */
    boolean abandoned(Instant now) {
      if (now.isAfter(leaseUntil)) {
        return true;
      }
      if (!host.equals(HOST)) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      return process.isEmpty() || !process.get().isAlive()
          || !process.get().info().startInstant().orElse(Instant.EPOCH).equals(processStart);
    }

    String toJson() {
      return JSON.createObjectNode().put("run_id", runId).put("host", host).put("pid", pid)
          .put("process_start", processStart.toString()).put("started_at", startedAt.toString())
          .put("lease_until", leaseUntil.toString()).toString() + "\n";
    }

    static Owner parse(String json) throws IOException {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.hasNonNull("run_id") || !n.hasNonNull("lease_until")) {
        throw new IOException("not a lock record");
      }
      try {
        return new Owner(n.get("run_id").asText(), n.path("host").asText(), n.path("pid").asLong(),
            Instant.parse(n.path("process_start").asText()), Instant.parse(n.path("started_at").asText()),
            Instant.parse(n.get("lease_until").asText()));
      } catch (RuntimeException e) {
        throw new IOException("not a lock record: " + e.getMessage(), e);
      }
    }

    String describe() {
      return "run " + runId + " (pid " + pid + " on " + host + " since " + startedAt + ", lease until " + leaseUntil
          + ")";
    }
  }

  static final String HOST = hostName();

  private final FileSystem fs;
  private final Path file;
  private final Owner owner;
  private final Duration lease;
  private final String what;

  private GateLock(FileSystem fs, Path file, Owner owner, Duration lease, String what) {
    this.fs = fs;
    this.file = file;
    this.owner = owner;
    this.lease = lease;
    this.what = what;
  }

  /**
   * Takes the lock, taking over an abandoned one; {@code what} names the partition in messages.
   *
   * @return the lock, and the owner it took over from (if any)
   */
  static GateLock acquire(FileSystem fs, Path file, String runId, Duration lease, String what) throws IOException {
    fs.mkdirs(file.getParent());
    for (int attempt = 0; ; attempt++) {
      Owner me = Owner.current(runId, lease);
      try (OutputStream out = fs.create(file, false)) {
        out.write(me.toJson().getBytes(StandardCharsets.UTF_8));
        return new GateLock(fs, file, me, lease, what);
      } catch (FileAlreadyExistsException e) {
        Optional<Owner> holder = read(fs, file);
        if (holder.isEmpty() && !fs.exists(file) && attempt < 3) {
          continue; // released between our create and our read
        }
        boolean abandoned = holder.map(o -> o.abandoned(Instant.now()))
            .orElseGet(() -> olderThan(fs, file, UNREADABLE_GRACE));
        if (!abandoned || attempt >= 3 || !takeOver(fs, file, holder.orElse(null), runId)) {
          throw new DqgateException("gate: " + what + " is being gated by "
              + holder.map(Owner::describe).orElse("another run (lock " + file + " being written)")
              + "; try again when it is done");
        }
      }
    }
  }

  /**
   * Moves an abandoned lock out of the way. Two runs may try at once: only one rename of the name
   * succeeds, and a run that finds it moved a lock other than the one it judged abandoned puts it back.
   */
  private static boolean takeOver(FileSystem fs, Path file, Owner abandoned, String runId) throws IOException {
    Path moved = new Path(file.getParent(), file.getName() + "." + runId + ".abandoned");
    if (!fs.rename(file, moved)) {
      return false;
    }
    Optional<Owner> was = read(fs, moved);
    if (abandoned != null && !was.equals(Optional.of(abandoned))) {
      if (!fs.exists(file)) {
        fs.rename(moved, file);
      }
      return false;
    }
    fs.delete(moved, false);
    return true;
  }

  /** Extends the lease; a long gate calls this between steps. */
  void renew() throws IOException {
    Optional<Owner> now = read(fs, file);
    if (now.isEmpty() || !now.get().runId().equals(owner.runId())) {
      throw new DqgateException("gate: " + what + ": lock " + file + " was taken over by "
          + now.map(Owner::describe).orElse("nobody") + " while this run held it; stopped");
    }
    Owner renewed = new Owner(owner.runId(), owner.host(), owner.pid(), owner.processStart(), owner.startedAt(),
        Instant.now().plus(lease));
    try (OutputStream out = fs.create(file, true)) {
      out.write(renewed.toJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    try {
      Optional<Owner> now = read(fs, file);
      if (now.isPresent() && now.get().runId().equals(owner.runId())) {
        fs.delete(file, false);
      }
    } catch (IOException ignored) {
      // A lock left behind names its owner, and its lease runs out.
    }
  }

  static Optional<Owner> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return Optional.of(Owner.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // being written, or cut short by a kill
    }
  }

  private static boolean olderThan(FileSystem fs, Path file, Duration age) {
    try {
      return fs.getFileStatus(file).getModificationTime() < Instant.now().minus(age).toEpochMilli();
    } catch (IOException e) {
      return true;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown-host" : env;
    }
  }
}
