package io.dqgate;

/** A config key or command-line argument with a bad value; the message names the key and the value. */
public class BadConfigException extends DqgateException {
  public BadConfigException(String message) {
    super(message);
  }

  public BadConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
