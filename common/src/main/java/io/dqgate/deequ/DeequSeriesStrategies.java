package io.dqgate.deequ;

import io.dqgate.DqgateException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Deequ's anomaly detection strategies, selectable per metric by name, run on a plain series with no Spark.
 *
 * <p>Each strategy judges today the way Deequ's own {@code VerificationSuite} anomaly checks do
 * ({@code AnomalyDetector(strategy).isNewPointAnomalous(history, today)}), so "Deequ's verdict" in a
 * side-by-side comparison means exactly that. Names and parameters (all optional unless noted):
 *
 * <ul>
 *   <li>{@value #RELATIVE_RATE_OF_CHANGE}: {@code max-rate-decrease}, {@code max-rate-increase} (at least
 *       one; today / the value {@code order} points back), {@code order} (whole, >= 1, default 1)
 *   <li>{@value #ABSOLUTE_CHANGE}: {@code max-rate-decrease}, {@code max-rate-increase} (at least one; the
 *       {@code order}-th difference), {@code order} (whole, >= 0, default 1)
 *   <li>{@value #SIMPLE_THRESHOLD}: {@code lower-bound}, {@code upper-bound} (at least one)
 *   <li>{@value #ONLINE_NORMAL}: {@code lower-deviation-factor}, {@code upper-deviation-factor} (>= 0,
 *       default 3), {@code ignore-start-percentage} (in [0, 1), default 0.1)
 *   <li>{@value #BATCH_NORMAL}: {@code lower-deviation-factor}, {@code upper-deviation-factor} (>= 0,
 *       default 3)
 *   <li>{@value #HOLT_WINTERS}: weekly seasonality on daily points; no parameters of its own
 * </ul>
 *
 * Every strategy also takes {@code min-history} (whole, >= 0): below it, and below what Deequ itself needs,
 * the result says {@code enoughHistory = false} instead of judging.
 */
public final class DeequSeriesStrategies {
  public static final String RELATIVE_RATE_OF_CHANGE = "deequ-relative-rate-of-change";
  public static final String ABSOLUTE_CHANGE = "deequ-absolute-change";
  public static final String SIMPLE_THRESHOLD = "deequ-simple-threshold";
  public static final String ONLINE_NORMAL = "deequ-online-normal";
  public static final String BATCH_NORMAL = "deequ-batch-normal";
  public static final String HOLT_WINTERS = "deequ-holt-winters";

  public static final String MAX_RATE_DECREASE = DeequSeriesChange.MAX_RATE_DECREASE;
  public static final String MAX_RATE_INCREASE = DeequSeriesChange.MAX_RATE_INCREASE;
  public static final String ORDER = DeequSeriesChange.ORDER;
  public static final String LOWER_BOUND = DeequSeriesThreshold.LOWER_BOUND;
  public static final String UPPER_BOUND = DeequSeriesThreshold.UPPER_BOUND;
  public static final String LOWER_DEVIATION_FACTOR = DeequSeriesOnlineNormal.LOWER_DEVIATION_FACTOR;
  public static final String UPPER_DEVIATION_FACTOR = DeequSeriesOnlineNormal.UPPER_DEVIATION_FACTOR;
  public static final String IGNORE_START_PERCENTAGE = DeequSeriesOnlineNormal.IGNORE_START_PERCENTAGE;
  public static final String MIN_HISTORY = "min-history";

  private static final Map<String, Set<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    PARAMETERS.put(RELATIVE_RATE_OF_CHANGE, Set.of(MAX_RATE_DECREASE, MAX_RATE_INCREASE, ORDER, MIN_HISTORY));
    PARAMETERS.put(ABSOLUTE_CHANGE, Set.of(MAX_RATE_DECREASE, MAX_RATE_INCREASE, ORDER, MIN_HISTORY));
    PARAMETERS.put(SIMPLE_THRESHOLD, Set.of(LOWER_BOUND, UPPER_BOUND, MIN_HISTORY));
    PARAMETERS.put(
        ONLINE_NORMAL,
        Set.of(LOWER_DEVIATION_FACTOR, UPPER_DEVIATION_FACTOR, IGNORE_START_PERCENTAGE, MIN_HISTORY));
    PARAMETERS.put(BATCH_NORMAL, Set.of(LOWER_DEVIATION_FACTOR, UPPER_DEVIATION_FACTOR, MIN_HISTORY));
    PARAMETERS.put(HOLT_WINTERS, Set.of(MIN_HISTORY));
  }

  private DeequSeriesStrategies() {}

  /** The accepted strategy names, in a stable order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(PARAMETERS.keySet()));
  }

  /**
   * @param configKey the config key the strategy was read from; errors name it, and a parameter as
   *     {@code configKey.parameter}
   * @throws DqgateException naming the key and the bad value, for an unknown name, an unknown parameter or a
   *     value Deequ would refuse
   */
  public static Strategy create(String name, Map<String, Double> parameters, String configKey) {
    Set<String> accepted = PARAMETERS.get(name);
    if (accepted == null) {
      throw DqgateException.of(
          "%s: unknown Deequ strategy, must be one of %s, was %s",
          keyOrName(configKey, "strategy"), PARAMETERS.keySet(), name);
    }
    DeequStrategyParameters checked = DeequStrategyParameters.of(name, parameters, accepted, configKey);
    int minHistory = checked.wholeNumber(MIN_HISTORY, 0, 0);
    return switch (name) {
      case RELATIVE_RATE_OF_CHANGE -> DeequSeriesChange.relative(name, checked, minHistory);
      case ABSOLUTE_CHANGE -> DeequSeriesChange.absolute(name, checked, minHistory);
      case SIMPLE_THRESHOLD -> DeequSeriesThreshold.from(name, checked, minHistory);
      case ONLINE_NORMAL -> DeequSeriesOnlineNormal.from(name, checked, minHistory);
      case BATCH_NORMAL -> DeequSeriesBatchNormal.from(name, checked, minHistory);
      case HOLT_WINTERS -> DeequSeriesHoltWinters.from(name, checked, minHistory);
      default -> throw new IllegalStateException("no factory for " + name);
    };
  }

  static String keyOrName(String configKey, String fallback) {
    return configKey == null || configKey.isBlank() ? fallback : configKey;
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
