package io.dqgate;

/**
 * A commit that another writer stands in the way of: a lock held by another run, or a target changed under
 * the write.
 */
public class CommitConflictException extends DqgateException {
  public CommitConflictException(String message) {
    super(message);
  }

  public CommitConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
