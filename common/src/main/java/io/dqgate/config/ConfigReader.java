package io.dqgate.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.dqgate.BadConfigException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of one config subtree. Every error names the full key (from the root of the user's config)
 * and the bad value: {@code datasets.applications.columns.age.max: must be a number, was "abc"}.
 */
final class ConfigReader {
  private final Config config;
  private final String prefix;

  ConfigReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  static BadConfigException error(String key, String problem) {
    return new BadConfigException(key + ": " + problem);
  }

  /** The full key of this subtree. */
  String key() {
    return prefix;
  }

  String path(String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  BadConfigException errorAt(String key, String problem) {
    return error(path(key), problem);
  }

  boolean has(String key) {
    return config.hasPath(key);
  }

  ConfigReader child(String key) {
    if (!config.hasPath(key)) {
      if (config.hasPathOrNull(key)) {
        throw errorAt(key, "must be an object { ... }, was null");
      }
      return new ConfigReader(com.typesafe.config.ConfigFactory.empty(), path(key));
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw errorAt(key, "must be an object { ... }, was " + render(value));
    }
    return new ConfigReader(config.getConfig(key), path(key));
  }

  /** Keys directly below this node, in file order where Typesafe keeps it. */
  Set<String> keys() {
    return new TreeSet<>(config.root().keySet());
  }

  /** Rejects keys that are not part of the schema, so a typo does not silently fall back to a default. */
  void requireOnly(Set<String> allowed) {
    for (String key : config.root().keySet()) {
      if (!allowed.contains(key)) {
        throw errorAt(key, "unknown key (expected one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  String string(String key) {
    ConfigValue value = require(key);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
      throw errorAt(key, "must be a string, was " + render(value));
    }
    String s = String.valueOf(value.unwrapped());
    if (s.isBlank()) {
      throw errorAt(key, "must not be empty");
    }
    return s;
  }

  Optional<String> optionalString(String key) {
    return config.hasPath(key) ? Optional.of(string(key)) : Optional.empty();
  }

  String string(String key, String fallback) {
    return optionalString(key).orElse(fallback);
  }

  /** A finite number: "NaN" and "Infinity" parse as doubles, but no setting means them. */
  double number(String key) {
    ConfigValue value = require(key);
    double v;
    try {
      v = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw errorAt(key, "must be a number, was " + render(value));
    }
    if (!Double.isFinite(v)) {
      throw errorAt(key, "must be a finite number, was " + render(value));
    }
    return v;
  }

  Optional<Double> optionalNumber(String key) {
    return config.hasPath(key) ? Optional.of(number(key)) : Optional.empty();
  }

  int integer(String key) {
    ConfigValue value = require(key);
    try {
      int v = config.getInt(key);
      // getInt truncates: top-values = 2.5 would silently become 2.
      if (config.getDouble(key) != v) {
        throw errorAt(key, "must be an integer, was " + render(value));
      }
      return v;
    } catch (ConfigException.WrongType e) {
      throw errorAt(key, "must be an integer, was " + render(value));
    }
  }

  int positiveInteger(String key) {
    int v = integer(key);
    if (v < 1) {
      throw errorAt(key, "must be at least 1, was " + v);
    }
    return v;
  }

  boolean bool(String key, boolean fallback) {
    if (!config.hasPath(key)) {
      return fallback;
    }
    ConfigValue value = require(key);
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw errorAt(key, "must be true or false, was " + render(value));
    }
  }

  double fraction(String key) {
    double v = number(key);
    if (!(v >= 0.0 && v <= 1.0)) {
      throw errorAt(key, "must be a fraction between 0 and 1, was " + v);
    }
    return v;
  }

  Optional<Double> optionalFraction(String key) {
    return config.hasPath(key) ? Optional.of(fraction(key)) : Optional.empty();
  }

  LocalDate date(String key) {
    String s = string(key);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw errorAt(key, "must be a date YYYY-MM-DD, was \"" + s + "\"");
    }
  }

  /** A list of strings; a single string is accepted as a one-element list ({@code primary-key = id}). */
  List<String> stringList(String key) {
    if (!config.hasPath(key)) {
      return List.of();
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() == ConfigValueType.STRING) {
      String s = ((String) value.unwrapped()).trim();
      if (s.isEmpty()) {
        return List.of();
      }
      List<String> parts = new ArrayList<>();
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
      return List.copyOf(parts);
    }
    if (value.valueType() != ConfigValueType.LIST) {
      throw errorAt(key, "must be a list of strings, was " + render(value));
    }
    List<String> out = new ArrayList<>();
    List<? extends ConfigValue> items = config.getList(key);
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST
          || item.valueType() == ConfigValueType.NULL) {
        throw error(path(key) + "[" + i + "]", "must be a string, was " + render(item));
      }
      out.add(String.valueOf(item.unwrapped()));
    }
    return List.copyOf(out);
  }

  /** A flat object of string values, such as reader options; keys may contain dots when quoted. */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!config.hasPath(key)) {
      return out;
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw errorAt(key, "must be an object { ... }, was " + render(value));
    }
    for (Map.Entry<String, ConfigValue> entry : config.getConfig(key).entrySet()) {
      List<String> parts = ConfigUtil.splitPath(entry.getKey());
      String name = String.join(".", parts);
      ConfigValue v = entry.getValue();
      if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
        throw error(path(key) + "." + entry.getKey(), "must be a plain value, was " + render(v));
      }
      out.put(name, String.valueOf(v.unwrapped()));
    }
    return out;
  }

  private ConfigValue require(String key) {
    if (!config.hasPath(key)) {
      if (config.hasPathOrNull(key)) {
        throw errorAt(key, "must not be null");
      }
      throw errorAt(key, "missing");
    }
    return config.getValue(key);
  }

  static String render(ConfigValue value) {
    return switch (value.valueType()) {
      case STRING -> "\"" + value.unwrapped() + "\"";
      case OBJECT -> "an object";
      case LIST -> "a list " + value.render(com.typesafe.config.ConfigRenderOptions.concise());
      case NULL -> "null";
      default -> String.valueOf(value.unwrapped());
    };
  }
}
