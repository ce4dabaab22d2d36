package io.dqgate.files;

import io.dqgate.vocabulary.FileCheck;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;

/**
 * One problem with the incoming files. {@code file} and {@code column} are null when the finding is about
 * the partition as a whole; {@code expectedLow}/{@code expectedHigh} are NaN when there is no band.
 */
public record FileFinding(
    FileCheck check,
    Severity severity,
    String file,
    String column,
    double observed,
    double expectedLow,
    double expectedHigh,
    String message) {

  /** As a verdict finding of the "files" detector. */
  public Finding toFinding() {
    return new Finding("files", check.label(), column, file, observed, expectedLow, expectedHigh,
        Double.NaN, severity, message, check.cause(), null);
  }

  static FileFinding of(FileCheck check, Severity severity, String file, String column, double observed,
      String message) {
    return new FileFinding(check, severity, file, column, observed, Double.NaN, Double.NaN, message);
  }
}
