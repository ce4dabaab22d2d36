package io.dqgate.deequ;

import io.dqgate.config.SeriesStrategySpec;
import java.util.Map;
import java.util.Set;

/**
 * Deequ's anomaly detection strategies, selectable per metric by name, run on a plain series with no Spark.
 *
 * <p>Each strategy judges today the way Deequ's own {@code VerificationSuite} anomaly checks do
 * ({@code AnomalyDetector(strategy).isNewPointAnomalous(history, today)}), so "Deequ's verdict" in a
 * side-by-side comparison means exactly that. Names and parameters are those of {@link SeriesStrategySpec},
 * which checks them when the config is loaded. Below {@code min-history}, and below what Deequ itself needs,
 * the result says {@code enoughHistory = false} instead of judging.
 */
public final class DeequSeriesStrategies {
  public static final String RELATIVE_RATE_OF_CHANGE = SeriesStrategySpec.RELATIVE_RATE_OF_CHANGE;
  public static final String ABSOLUTE_CHANGE = SeriesStrategySpec.ABSOLUTE_CHANGE;
  public static final String SIMPLE_THRESHOLD = SeriesStrategySpec.SIMPLE_THRESHOLD;
  public static final String ONLINE_NORMAL = SeriesStrategySpec.ONLINE_NORMAL;
  public static final String BATCH_NORMAL = SeriesStrategySpec.BATCH_NORMAL;
  public static final String HOLT_WINTERS = SeriesStrategySpec.HOLT_WINTERS;

  public static final String MAX_RATE_DECREASE = SeriesStrategySpec.MAX_RATE_DECREASE;
  public static final String MAX_RATE_INCREASE = SeriesStrategySpec.MAX_RATE_INCREASE;
  public static final String ORDER = SeriesStrategySpec.ORDER;
  public static final String LOWER_BOUND = SeriesStrategySpec.LOWER_BOUND;
  public static final String UPPER_BOUND = SeriesStrategySpec.UPPER_BOUND;
  public static final String LOWER_DEVIATION_FACTOR = SeriesStrategySpec.LOWER_DEVIATION_FACTOR;
  public static final String UPPER_DEVIATION_FACTOR = SeriesStrategySpec.UPPER_DEVIATION_FACTOR;
  public static final String IGNORE_START_PERCENTAGE = SeriesStrategySpec.IGNORE_START_PERCENTAGE;
  public static final String MIN_HISTORY = SeriesStrategySpec.MIN_HISTORY;

  private DeequSeriesStrategies() {}

  /** The accepted strategy names, in a stable order. */
  public static Set<String> names() {
    return SeriesStrategySpec.names();
  }

  /**
   * Checks {@code name} and {@code parameters} as {@link SeriesStrategySpec#of} does, every error naming
   * {@code configKey}, and makes the strategy.
   */
  public static Strategy create(String name, Map<String, Double> parameters, String configKey) {
    return create(SeriesStrategySpec.of(name, parameters, configKey, configKey));
  }

  /** The strategy a checked spec names. */
  public static Strategy create(SeriesStrategySpec spec) {
    String name = spec.name();
    int minHistory = spec.wholeNumber(MIN_HISTORY, 0);
    return switch (name) {
      case RELATIVE_RATE_OF_CHANGE -> DeequSeriesChange.relative(name, spec, minHistory);
      case ABSOLUTE_CHANGE -> DeequSeriesChange.absolute(name, spec, minHistory);
      case SIMPLE_THRESHOLD -> DeequSeriesThreshold.from(name, spec, minHistory);
      case ONLINE_NORMAL -> DeequSeriesOnlineNormal.from(name, spec, minHistory);
      case BATCH_NORMAL -> DeequSeriesBatchNormal.from(name, spec, minHistory);
      case HOLT_WINTERS -> DeequSeriesHoltWinters.from(name, spec, minHistory);
      default -> throw new IllegalStateException("no factory for " + name);
    };
  }

  /** A configured Deequ strategy. Immutable and safe to share between threads. */
  public interface Strategy {
    String name();

    /**
     * @param history the metric's values strictly before today, ascending; NaN marks a day whose metric could
     *     not be computed and is skipped, as Deequ skips data points without a value
     * @param today today's value, not NaN
     */
    Result judge(double[] history, double today);
  }

  /**
   * @param anomalous Deequ flags today; always false without enough history
   * @param enoughHistory false when the history is too short for Deequ (or for {@code min-history}) to judge:
   *     a cold start to warn about, never a pass
   * @param expectedLow the lowest value today could have had without being flagged, as far as Deequ reveals
   *     it; −∞ for an open side; NaN if the strategy gives none
   * @param expectedHigh likewise the highest
   * @param explanation Deequ's anomaly detail when flagged, otherwise a one-line reason
   */
  public record Result(
      boolean anomalous,
      boolean enoughHistory,
      double expectedLow,
      double expectedHigh,
      String explanation) {}
}
