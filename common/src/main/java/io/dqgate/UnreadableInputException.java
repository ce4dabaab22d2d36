package io.dqgate;

/**
 * An input that exists but cannot be read: a corrupt or undecodable file, a source root or repository that
 * cannot be opened or listed.
 */
public class UnreadableInputException extends DqgateException {
  public UnreadableInputException(String message) {
    super(message);
  }

  public UnreadableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
