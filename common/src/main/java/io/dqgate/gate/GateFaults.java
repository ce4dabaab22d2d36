package io.dqgate.gate;

import io.dqgate.PausePoints;
import java.io.IOException;

/** Points inside a commit where tests make the gate fail or stop, to show that nothing half-done stays visible. */
@FunctionalInterface
public interface GateFaults {
  enum Point {
    /** The gate holds the lock and has written its intent; nothing is staged yet. */
    LOCKED,
    /** The new version is fully staged; nothing live has changed yet. */
    BEFORE_COMMIT,
    /** Rename commits only: the old version has been moved aside, the new one not yet moved in. */
    BETWEEN_RENAMES,
    /** The new version is live; the intent is not yet cleared and old versions not yet pruned. */
    COMMITTED
  }

  void at(Point point) throws IOException;

  GateFaults NONE = point -> {};

  /** Pauses at {@code gate.<point>} (lower case, '-' for '_') when {@link PausePoints} asks for it. */
  GateFaults PAUSE = point -> PausePoints.reach("gate." + point.name().toLowerCase(java.util.Locale.ROOT)
      .replace('_', '-'));
}
