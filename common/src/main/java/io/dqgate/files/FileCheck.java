package io.dqgate.files;

import io.dqgate.verdict.Severity;
import java.util.Locale;

/**
 * Every file check and the severity it has unless {@code files.severity.<name>} says otherwise.
 * Tampering, unreadable bytes and missing columns block; what may be harmless warns.
 */
public enum FileCheck {
  PARTITION_MISSING(Severity.BLOCK),
  PARTITION_EMPTY(Severity.BLOCK),
  MARKER_MISSING(Severity.BLOCK),
  ZERO_BYTE_FILE(Severity.WARN),
  UNREADABLE_FILE(Severity.BLOCK),
  MALFORMED_ROWS(Severity.BLOCK),
  TRUNCATED_LAST_LINE(Severity.BLOCK),
  INVALID_UTF8(Severity.BLOCK),
  NUL_BYTES(Severity.BLOCK),
  BOM(Severity.WARN),
  MISSING_COLUMN(Severity.BLOCK),
  RENAMED_COLUMN(Severity.BLOCK),
  EXTRA_COLUMN(Severity.WARN),
  TYPE_CHANGE(Severity.BLOCK),
  HEADER_MISMATCH(Severity.BLOCK),
  MANIFEST_MISSING(Severity.BLOCK),
  MANIFEST_UNREADABLE(Severity.BLOCK),
  SIGNATURE_INVALID(Severity.BLOCK),
  CHECKSUM_MISMATCH(Severity.BLOCK),
  SIZE_MISMATCH(Severity.BLOCK),
  ROW_COUNT_MISMATCH(Severity.BLOCK),
  FILE_NOT_IN_MANIFEST(Severity.BLOCK),
  FILE_MISSING(Severity.BLOCK),
  VOLUME(Severity.WARN);

  private final Severity defaultSeverity;

  FileCheck(Severity defaultSeverity) {
    this.defaultSeverity = defaultSeverity;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The config and report name: {@code checksum-mismatch}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static FileCheck fromLabel(String label) {
    for (FileCheck c : values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    return null;
  }
}
