package io.dqgate.vocabulary;

import java.util.Collection;

/** A partition's verdict. Exit codes: PASS and WARN 0, BLOCK 2. */
public enum Status {
  PASS,
  WARN,
  BLOCK;

  /** The verdict the worst of these severities calls for. */
  public static Status of(Collection<Severity> severities) {
    if (severities.contains(Severity.BLOCK)) {
      return BLOCK;
    }
    return severities.contains(Severity.WARN) ? WARN : PASS;
  }
}
