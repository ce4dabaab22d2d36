package io.dqgate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named instants where a process stops when {@code -Ddqgate.pause-at=NAME} names one: it writes its pid to
 * the file {@code -Ddqgate.pause-file} and waits until that file is deleted, so a test in another process
 * can kill it exactly there (kill -9) and check what the next run makes of the leftovers, or change
 * something and let it go on. Without the properties a point costs one property lookup.
 */
public final class PausePoints {
  public static final String AT = "dqgate.pause-at";
  public static final String FILE = "dqgate.pause-file";

  private PausePoints() {}

  public static void reach(String name) {
    if (!name.equals(System.getProperty(AT))) {
      return;
    }
    Path signal = Path.of(System.getProperty(FILE, "dqgate-paused"));
    try {
      Path tmp = signal.resolveSibling(signal.getFileName() + ".tmp");
      Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
      Files.move(tmp, signal, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      while (Files.exists(signal)) {
        Thread.sleep(50);
      }
    } catch (IOException e) {
      throw new IllegalStateException("pause point " + name + ": cannot write " + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
