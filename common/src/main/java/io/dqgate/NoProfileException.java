package io.dqgate;

/** A day that has no stored profile, so it cannot be judged. */
public class NoProfileException extends DqgateException {
  public NoProfileException(String message) {
    super(message);
  }

  public NoProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
