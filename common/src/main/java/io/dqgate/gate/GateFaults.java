package io.dqgate.gate;

import java.io.IOException;

/** Points inside a commit where tests make the gate fail, to show that nothing half-done stays visible. */
@FunctionalInterface
public interface GateFaults {
  enum Point {
    /** The new version is fully staged; nothing live has changed yet. */
    BEFORE_COMMIT,
    /** Rename commits only: the old version has been moved aside, the new one not yet moved in. */
    BETWEEN_RENAMES
  }

  void at(Point point) throws IOException;

  GateFaults NONE = point -> {};
}
