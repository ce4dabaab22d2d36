package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.EOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any failure into the one line the user sees: dqgate's own failures as they are, Spark's and
 * Hadoop's mapped to the file or key they are about and the cause. The stack trace goes to the debug log
 * (and to stderr under --verbose) only.
 */
final class Failures {
  private static final Pattern READING_FILE =
      Pattern.compile("Encountered error while reading file (\\S+?)\\.? Details");
  private static final Pattern NOT_PARQUET = Pattern.compile("(\\S+) is not a Parquet file");
  private static final Pattern FOOTER =
      Pattern.compile("Could not read footer for file: (?:FileStatus\\{path=)?([^;}\\s]+?)\\.?(?:[;}\\s]|$)");
  private static final Pattern MASTER = Pattern.compile("Could not parse Master URL: '(.*)'");
  private static final Pattern ORC = Pattern.compile("Malformed ORC file (\\S+)");

  private Failures() {}

  static String describe(Throwable t) {
    return printable(oneLine(t));
  }

  private static String oneLine(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DqgateException) {
        return c.getMessage() == null ? "(no message)" : c.getMessage().strip().split("\\R", 2)[0];
      }
    }
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause()) {
      root = c;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage();
      Matcher master = MASTER.matcher(m);
      if (master.find()) {
        return "spark.master: cannot parse \"" + master.group(1)
            + "\" (local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL)";
      }
      Matcher parquet = NOT_PARQUET.matcher(m);
      if (parquet.find()) {
        return "cannot read " + parquet.group(1) + ": not a Parquet file (no Parquet footer at its end; "
            + "truncated or another format?)";
      }
      Matcher footer = FOOTER.matcher(m);
      if (footer.find()) {
        return "cannot read " + footer.group(1) + ": unreadable Parquet footer (" + cause(root) + ")";
      }
      Matcher orc = ORC.matcher(m);
      if (orc.find()) {
        return "cannot read " + orc.group(1) + ": not a readable ORC file (" + cause(root) + ")";
      }
      Matcher reading = READING_FILE.matcher(m);
      if (reading.find()) {
        return "cannot read " + reading.group(1) + ": " + (root instanceof EOFException
            ? "truncated (the compressed stream ends early: " + firstLine(root.getMessage()) + ")"
            : cause(root));
      }
    }
    return "failed: " + cause(root);
  }

  private static String cause(Throwable root) {
    return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.strip().split("\\R", 2)[0];
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }

  /** Control characters and undecodable bytes (U+FFFD) become '?': a message never carries raw bytes. */
  static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints().forEach(cp -> out.appendCodePoint(
        Character.isISOControl(cp) || cp == 0xFFFD || Character.getType(cp) == Character.UNASSIGNED
            || Character.getType(cp) == Character.PRIVATE_USE || Character.getType(cp) == Character.SURROGATE
            ? '?' : cp));
    return out.toString();
  }
}
