package io.dqgate.anomaly;

/**
 * How one metric's value for today compares with its history.
 *
 * @param anomalous whether {@code observed} lies outside {@code [expectedLow, expectedHigh]}
 * @param score distance from the expected value in robust standard deviations (always >= 0), comparable
 *     across metrics and methods
 * @param method the detector that judged: {@code robust-mad}, {@code weekday-mad} or {@code holt-winters}
 * @param explanation one line saying why, with the numbers
 */
public record SeriesVerdict(
    boolean anomalous,
    double observed,
    double expectedLow,
    double expectedHigh,
    double score,
    String method,
    String explanation) {

  SeriesVerdict withExplanationPrefix(String prefix) {
    return new SeriesVerdict(
        anomalous, observed, expectedLow, expectedHigh, score, method, prefix + explanation);
  }
}
