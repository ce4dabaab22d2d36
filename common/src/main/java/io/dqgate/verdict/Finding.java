package io.dqgate.verdict;

/**
 * One reason in a verdict. {@code metric} is the metric or check that fired, {@code column} the column
 * that drove it (null for the dataset as a whole), {@code file} the incoming file (file checks only).
 * Bands and scores are NaN when a detector has none.
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
    String message) {}
