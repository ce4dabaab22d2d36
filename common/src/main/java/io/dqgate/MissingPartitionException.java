package io.dqgate;

/** A partition of the source (a folder or a table's rows for a date) that is not there or holds no data. */
public class MissingPartitionException extends DqgateException {
  public MissingPartitionException(String message) {
    super(message);
  }

  public MissingPartitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
