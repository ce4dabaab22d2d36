package io.dqgate.vocabulary;

import java.util.Comparator;

/**
 * One reason in a verdict. {@code metric} is the metric or check that fired, {@code column} the column
 * that drove it (null for the dataset as a whole), {@code file} the incoming file (file checks only).
 * Bands and scores are NaN when a detector has none. {@code cause} names the kind of incident the finding
 * looks like (null when none is known); {@code rarity} says how often a score this high came on the
 * dataset's clean days (null when the detector is not calibrated).
 */
public record Finding(
    String detector,
    String metric,
    String column,
    String file,
    double observed,
    double expectedLow,
    double expectedHigh,
    double score,
    Severity severity,
    String message,
    String cause,
    Rarity rarity) {

  /**
   * The order findings are reported in: severity first; then the file checks (a tampered, truncated or
   * mis-encoded file explains whatever its values show), then contamination signatures, which name what
   * happened, before the detectors that only say that something moved; then score (a missing score counts as 0).
   */
  public static final Comparator<Finding> RANKING = Comparator.comparing(Finding::severity).reversed()
      .thenComparing((Finding f) -> "files".equals(f.detector()) ? 0 : "signature".equals(f.detector()) ? 1 : 2)
      .thenComparing(Comparator.comparingDouble((Finding f) -> Double.isNaN(f.score()) ? 0 : f.score())
          .reversed());

  /** A finding with no cause and no calibration. */
  public Finding(String detector, String metric, String column, String file, double observed,
      double expectedLow, double expectedHigh, double score, Severity severity, String message) {
    this(detector, metric, column, file, observed, expectedLow, expectedHigh, score, severity, message, null,
        null);
  }

  /**
   * How rare the finding's score is on the dataset: {@code asHigh} of the {@code cleanDays} calibrated clean
   * days scored at least as high.
   */
  public record Rarity(int asHigh, int cleanDays) {
    public Rarity {
      if (cleanDays < 0 || asHigh < 0 || asHigh > cleanDays) {
        throw new IllegalArgumentException("rarity: need 0 <= asHigh <= cleanDays, was " + asHigh + " of "
            + cleanDays);
      }
    }

    /** "a score this high on 1 of 400 clean days". */
    public String describe() {
      return "a score this high on " + asHigh + " of " + cleanDays + " clean days";
    }
  }

  public Finding withSeverity(Severity newSeverity, String newMessage) {
    return new Finding(detector, metric, column, file, observed, expectedLow, expectedHigh, score, newSeverity,
        newMessage, cause, rarity);
  }

  public Finding withMessage(String newMessage) {
    return withSeverity(severity, newMessage);
  }

  public Finding withCause(String newCause) {
    return new Finding(detector, metric, column, file, observed, expectedLow, expectedHigh, score, severity,
        message, newCause, rarity);
  }

  public Finding withRarity(Rarity newRarity) {
    return new Finding(detector, metric, column, file, observed, expectedLow, expectedHigh, score, severity,
        message, cause, newRarity);
  }
}
