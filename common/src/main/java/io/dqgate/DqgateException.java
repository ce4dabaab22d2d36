package io.dqgate;

/**
 * A failure the user can act on: bad arguments or config, an unreadable source, a missing partition.
 * The message is one line that names the file, key or column and the bad value; the command line prints
 * it as is and exits 1.
 */
public class DqgateException extends RuntimeException {
  public DqgateException(String message) {
    super(message);
  }

  public DqgateException(String message, Throwable cause) {
    super(message, cause);
  }

  public static DqgateException of(String format, Object... args) {
    return new DqgateException(String.format(format, args));
  }
}
