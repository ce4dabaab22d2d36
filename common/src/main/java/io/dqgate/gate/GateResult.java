package io.dqgate.gate;

/** What the gate did to one partition; {@code location} is where the partition now is. */
public record GateResult(Action action, String location, GateMarker marker) {

  public enum Action {
    /** A new version is live in the feature store. */
    PUBLISHED,
    /** The live version already had exactly these files; nothing was written. */
    UNCHANGED,
    /** The partition was copied to quarantine; the feature store was not touched. */
    QUARANTINED,
    /** The previous version is live again. */
    ROLLED_BACK
  }

  public String summary() {
    return switch (action) {
      case PUBLISHED -> "published version " + marker.version() + " (" + marker.files().size() + " file(s), "
          + marker.totalBytes() + " bytes) to " + location;
      case UNCHANGED -> "version " + marker.version() + " at " + location + " already holds these files; unchanged";
      case QUARANTINED -> "quarantined " + marker.files().size() + " file(s) to " + location;
      case ROLLED_BACK -> "rolled back to version " + marker.version() + " at " + location;
    };
  }
}
