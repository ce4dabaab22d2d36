package io.dqgate.jobs;

import io.dqgate.DqgateException;

/** Turns any failure into the one line the user sees; the full trace goes to the debug log only. */
final class Failures {
  private Failures() {}

  static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DqgateException) {
        return c.getMessage();
      }
    }
    Throwable root = t;
    String fileProblem = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      root = c;
      String m = c.getMessage();
      if (m != null && (m.contains("is not a Parquet file") || m.contains("Could not read footer")
          || m.contains("Malformed ORC") || m.contains("ORC file") || m.contains("Encountered error while reading file")
          || m.contains("FAILED_READ_FILE") || m.contains("Cannot read") && m.contains("file:"))) {
        fileProblem = firstLine(m);
      }
    }
    if (fileProblem != null) {
      return "unreadable source file: " + fileProblem;
    }
    return "failed: " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.strip().split("\\R", 2)[0];
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }
}
