package io.dqgate.deequ;

import io.dqgate.DqgateException;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The numeric parameters of one configured Deequ strategy, checked before Deequ sees them so that a bad value
 * is reported as {@code <config key>.<parameter>: <rule>, was <value>} rather than as Deequ's
 * {@code requirement failed}.
 */
final class DeequStrategyParameters {
  private final String strategy;
  private final String configKey;
  private final Map<String, Double> values;

  private DeequStrategyParameters(String strategy, String configKey, Map<String, Double> values) {
    this.strategy = strategy;
    this.configKey = configKey;
    this.values = values;
  }

  /** Rejects names outside {@code accepted} and values that are null, NaN or infinite. */
  static DeequStrategyParameters of(
      String strategy, Map<String, Double> parameters, Set<String> accepted, String configKey) {
    Map<String, Double> sorted = new TreeMap<>();
    if (parameters != null) {
      sorted.putAll(parameters);
    }
    DeequStrategyParameters checked = new DeequStrategyParameters(strategy, configKey, sorted);
    for (Map.Entry<String, Double> entry : sorted.entrySet()) {
      if (!accepted.contains(entry.getKey())) {
        throw checked.invalid(
            entry.getKey(),
            "not a parameter of " + strategy + ", must be one of " + new TreeSet<>(accepted),
            entry.getValue());
      }
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value)) {
        throw checked.invalid(entry.getKey(), "must be a finite number", value);
      }
    }
    return checked;
  }

  OptionalDouble optional(String name) {
    Double value = values.get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  double orDefault(String name, double defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** A factor or similar quantity that Deequ requires to be at least zero. */
  double nonNegative(String name, double defaultValue) {
    double value = orDefault(name, defaultValue);
    if (value < 0) {
      throw invalid(name, "must be >= 0", value);
    }
    return value;
  }

  double fraction(String name, double defaultValue) {
    double value = orDefault(name, defaultValue);
    if (value < 0 || value > 1) {
      throw invalid(name, "must be in [0, 1]", value);
    }
    return value;
  }

  int wholeNumber(String name, int defaultValue, int minimum) {
    OptionalDouble given = optional(name);
    if (given.isEmpty()) {
      return defaultValue;
    }
    double value = given.getAsDouble();
    if (value != Math.rint(value) || value < minimum || value > Integer.MAX_VALUE) {
      throw invalid(name, "must be a whole number >= " + minimum, value);
    }
    return (int) value;
  }

  /** Deequ's change strategies and the threshold strategy need at least one of a pair of limits. */
  void requireOneOf(String first, String second) {
    if (optional(first).isEmpty() && optional(second).isEmpty()) {
      throw new DqgateException(
          String.format(
              "%s: %s needs %s or %s (or both), was %s",
              DeequSeriesStrategies.keyOrName(configKey, strategy), strategy, first, second, values));
    }
  }

  /** {@code low <= high} when both are given, as Deequ requires of its rate and value bounds. */
  void requireOrdered(String low, String high) {
    OptionalDouble lowValue = optional(low);
    OptionalDouble highValue = optional(high);
    if (lowValue.isPresent()
        && highValue.isPresent()
        && highValue.getAsDouble() < lowValue.getAsDouble()) {
      throw invalid(
          high, "must be >= " + low + " (" + lowValue.getAsDouble() + ")", highValue.getAsDouble());
    }
  }

  DqgateException invalid(String name, String rule, Object value) {
    String key = configKey == null || configKey.isBlank() ? name : configKey + "." + name;
    return new DqgateException(String.format("%s: %s, was %s", key, rule, value));
  }
}
