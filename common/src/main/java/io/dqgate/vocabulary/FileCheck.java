package io.dqgate.vocabulary;

import java.util.Locale;

/**
 * Every file check and the severity it has unless {@code files.severity.<name>} says otherwise.
 * Tampering, unreadable bytes and missing columns block; what may be harmless warns.
 */
public enum FileCheck {
  PARTITION_MISSING(Severity.BLOCK, Cause.VOLUME),
  PARTITION_EMPTY(Severity.BLOCK, Cause.VOLUME),
  MARKER_MISSING(Severity.BLOCK, Cause.VOLUME),
  ZERO_BYTE_FILE(Severity.WARN, Cause.VOLUME),
  UNREADABLE_FILE(Severity.BLOCK, Cause.MALFORMED_ROWS),
  MALFORMED_ROWS(Severity.BLOCK, Cause.MALFORMED_ROWS),
  TRUNCATED_LAST_LINE(Severity.BLOCK, Cause.TRUNCATED),
  INVALID_UTF8(Severity.BLOCK, Cause.ENCODING),
  NUL_BYTES(Severity.BLOCK, Cause.ENCODING),
  BOM(Severity.WARN, Cause.ENCODING),
  MISSING_COLUMN(Severity.BLOCK, Cause.SCHEMA_CHANGE),
  RENAMED_COLUMN(Severity.BLOCK, Cause.SCHEMA_CHANGE),
  EXTRA_COLUMN(Severity.WARN, Cause.SCHEMA_CHANGE),
  TYPE_CHANGE(Severity.BLOCK, Cause.TYPE_CHANGE),
  HEADER_MISMATCH(Severity.BLOCK, Cause.SCHEMA_CHANGE),
  MANIFEST_MISSING(Severity.BLOCK, Cause.TAMPERED),
  MANIFEST_UNREADABLE(Severity.BLOCK, Cause.TAMPERED),
  SIGNATURE_INVALID(Severity.BLOCK, Cause.TAMPERED),
  CHECKSUM_MISMATCH(Severity.BLOCK, Cause.TAMPERED),
  SIZE_MISMATCH(Severity.BLOCK, Cause.TAMPERED),
  ROW_COUNT_MISMATCH(Severity.BLOCK, Cause.TAMPERED),
  FILE_NOT_IN_MANIFEST(Severity.BLOCK, Cause.TAMPERED),
  FILE_MISSING(Severity.BLOCK, Cause.TAMPERED),
  VOLUME(Severity.WARN, Cause.VOLUME);

  private final Severity defaultSeverity;
  private final String cause;

  FileCheck(Severity defaultSeverity, String cause) {
    this.defaultSeverity = defaultSeverity;
    this.cause = cause;
  }

  /** The kind of incident the check's findings stand for ({@link Cause}). */
  public String cause() {
    return cause;
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
