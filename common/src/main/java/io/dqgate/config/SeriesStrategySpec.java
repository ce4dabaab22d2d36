package io.dqgate.config;

import io.dqgate.DqgateException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One of Deequ's anomaly strategies as configured for a series ({@code detect.series.strategy} or a
 * {@code detect.series.metrics} entry) with the numeric parameters of {@code detect.series.parameters},
 * checked whole when the config is loaded so that a bad name or value is reported as
 * {@code <key>: <rule>, was <value>} before any data is read, never as Deequ's {@code requirement failed}.
 * Names and parameters (all optional unless noted):
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
 * Every strategy also takes {@code min-history} (whole, >= 0).
 */
public final class SeriesStrategySpec {
  /** dqgate's own series detector; not a Deequ strategy. */
  public static final String AUTO = "auto";
  public static final String RELATIVE_RATE_OF_CHANGE = "deequ-relative-rate-of-change";
  public static final String ABSOLUTE_CHANGE = "deequ-absolute-change";
  public static final String SIMPLE_THRESHOLD = "deequ-simple-threshold";
  public static final String ONLINE_NORMAL = "deequ-online-normal";
  public static final String BATCH_NORMAL = "deequ-batch-normal";
  public static final String HOLT_WINTERS = "deequ-holt-winters";

  public static final String MAX_RATE_DECREASE = "max-rate-decrease";
  public static final String MAX_RATE_INCREASE = "max-rate-increase";
  public static final String ORDER = "order";
  public static final String LOWER_BOUND = "lower-bound";
  public static final String UPPER_BOUND = "upper-bound";
  public static final String LOWER_DEVIATION_FACTOR = "lower-deviation-factor";
  public static final String UPPER_DEVIATION_FACTOR = "upper-deviation-factor";
  public static final String IGNORE_START_PERCENTAGE = "ignore-start-percentage";
  public static final String MIN_HISTORY = "min-history";

  private static final Map<String, Set<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    PARAMETERS.put(RELATIVE_RATE_OF_CHANGE, Set.of(MAX_RATE_DECREASE, MAX_RATE_INCREASE, ORDER, MIN_HISTORY));
    PARAMETERS.put(ABSOLUTE_CHANGE, Set.of(MAX_RATE_DECREASE, MAX_RATE_INCREASE, ORDER, MIN_HISTORY));
    PARAMETERS.put(SIMPLE_THRESHOLD, Set.of(LOWER_BOUND, UPPER_BOUND, MIN_HISTORY));
    PARAMETERS.put(ONLINE_NORMAL,
        Set.of(LOWER_DEVIATION_FACTOR, UPPER_DEVIATION_FACTOR, IGNORE_START_PERCENTAGE, MIN_HISTORY));
    PARAMETERS.put(BATCH_NORMAL, Set.of(LOWER_DEVIATION_FACTOR, UPPER_DEVIATION_FACTOR, MIN_HISTORY));
    PARAMETERS.put(HOLT_WINTERS, Set.of(MIN_HISTORY));
  }

  private final String name;
  private final String strategyKey;
  private final String parametersKey;
  private final Map<String, Double> values;

  private SeriesStrategySpec(String name, String strategyKey, String parametersKey, Map<String, Double> values) {
    this.name = name;
    this.strategyKey = strategyKey;
    this.parametersKey = parametersKey;
    this.values = values;
  }

  /** The Deequ strategy names, in a stable order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(PARAMETERS.keySet()));
  }

  /**
   * Checks a Deequ strategy and its parameters whole.
   *
   * @param strategyKey the config key the name was read from; name errors and rules between parameters
   *     name it
   * @param parametersKey the config key of the parameters; an error about one names
   *     {@code parametersKey.parameter}
   * @throws DqgateException for an unknown name, a parameter the strategy does not take, or a value Deequ
   *     would refuse (NaN and infinities included)
   */
  public static SeriesStrategySpec of(String name, Map<String, Double> parameters, String strategyKey,
      String parametersKey) {
    Set<String> accepted = PARAMETERS.get(name);
    if (accepted == null) {
      throw DqgateException.of("%s: unknown Deequ strategy, must be one of %s, was %s",
          strategyKey, PARAMETERS.keySet(), name);
    }
    Map<String, Double> sorted = new TreeMap<>();
    if (parameters != null) {
      sorted.putAll(parameters);
    }
    SeriesStrategySpec spec = new SeriesStrategySpec(name, strategyKey, parametersKey, sorted);
    for (Map.Entry<String, Double> entry : sorted.entrySet()) {
      if (!accepted.contains(entry.getKey())) {
        throw spec.invalid(entry.getKey(),
            "not a parameter of " + name + ", must be one of " + new TreeSet<>(accepted), entry.getValue());
      }
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value)) {
        throw spec.invalid(entry.getKey(), "must be a finite number", value);
      }
    }
    spec.checkRules();
    return spec;
  }

  private void checkRules() {
    checkWholeNumber(MIN_HISTORY, 0);
    switch (name) {
      case RELATIVE_RATE_OF_CHANGE, ABSOLUTE_CHANGE -> {
        requireOneOf(MAX_RATE_DECREASE, MAX_RATE_INCREASE);
        requireOrdered(MAX_RATE_DECREASE, MAX_RATE_INCREASE);
        // Deequ's relative diff divides x[i] by x[i - order], so order 0 would fail inside detect.
        checkWholeNumber(ORDER, name.equals(RELATIVE_RATE_OF_CHANGE) ? 1 : 0);
      }
      case SIMPLE_THRESHOLD -> {
        requireOneOf(LOWER_BOUND, UPPER_BOUND);
        requireOrdered(LOWER_BOUND, UPPER_BOUND);
      }
      case ONLINE_NORMAL -> {
        checkNonNegative(LOWER_DEVIATION_FACTOR);
        checkNonNegative(UPPER_DEVIATION_FACTOR);
        OptionalDouble ignoreStart = optional(IGNORE_START_PERCENTAGE);
        if (ignoreStart.isPresent()) {
          double v = ignoreStart.getAsDouble();
          if (v < 0 || v > 1) {
            throw invalid(IGNORE_START_PERCENTAGE, "must be in [0, 1]", v);
          }
          if (v == 1.0) {
            throw invalid(IGNORE_START_PERCENTAGE,
                "must be below 1 (at 1 Deequ never judges the newest point)", v);
          }
        }
      }
      case BATCH_NORMAL -> {
        checkNonNegative(LOWER_DEVIATION_FACTOR);
        checkNonNegative(UPPER_DEVIATION_FACTOR);
      }
      default -> { }
    }
  }

  public String name() {
    return name;
  }

  /** A parameter as given, or empty. */
  public OptionalDouble optional(String parameter) {
    Double value = values.get(parameter);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public double orDefault(String parameter, double defaultValue) {
    return optional(parameter).orElse(defaultValue);
  }

  /** A whole-number parameter (checked when the spec was made), or the default. */
  public int wholeNumber(String parameter, int defaultValue) {
    OptionalDouble given = optional(parameter);
    return given.isEmpty() ? defaultValue : (int) given.getAsDouble();
  }

  private void checkNonNegative(String parameter) {
    OptionalDouble given = optional(parameter);
    if (given.isPresent() && given.getAsDouble() < 0) {
      throw invalid(parameter, "must be >= 0", given.getAsDouble());
    }
  }

  private void checkWholeNumber(String parameter, int minimum) {
    OptionalDouble given = optional(parameter);
    if (given.isEmpty()) {
      return;
    }
    double value = given.getAsDouble();
    if (value != Math.rint(value) || value < minimum || value > Integer.MAX_VALUE) {
      throw invalid(parameter, "must be a whole number >= " + minimum, value);
    }
  }

  /** Deequ's change strategies and the threshold strategy need at least one of a pair of limits. */
  private void requireOneOf(String first, String second) {
    if (optional(first).isEmpty() && optional(second).isEmpty()) {
      String where = parametersKey.equals(strategyKey) ? "" : " in " + parametersKey;
      throw DqgateException.of("%s: %s needs %s or %s (or both)%s, was %s",
          strategyKey, name, first, second, where, values);
    }
  }

  /** {@code low <= high} when both are given, as Deequ requires of its rate and value bounds. */
  private void requireOrdered(String low, String high) {
    OptionalDouble lowValue = optional(low);
    OptionalDouble highValue = optional(high);
    if (lowValue.isPresent() && highValue.isPresent() && highValue.getAsDouble() < lowValue.getAsDouble()) {
      throw invalid(high, "must be >= " + low + " (" + lowValue.getAsDouble() + ")", highValue.getAsDouble());
    }
  }

  private DqgateException invalid(String parameter, String rule, Object value) {
    return DqgateException.of("%s.%s: %s, was %s", parametersKey, parameter, rule, value);
  }
}
