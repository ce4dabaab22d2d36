package io.dqgate.jobs;

import io.dqgate.DqgateException;
import java.io.File;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of one command: {@code --name value} pairs, repeatable {@code --set k=v} and
 * {@code --option k=v}, and flags without a value. Unknown options are errors naming the option.
 */
final class Args {
  private final String command;
  private final Map<String, String> single = new LinkedHashMap<>();
  private final Map<String, List<String>> repeated = new LinkedHashMap<>();

  private Args(String command) {
    this.command = command;
  }

  static Args parse(String command, List<String> argv, Set<String> valued, Set<String> repeatable,
      Set<String> flags) {
    Args args = new Args(command);
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("--")) {
        throw new DqgateException(command + ": unexpected argument \"" + arg + "\"");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0 && !repeatable.contains(name)) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        args.single.put(name, value == null ? "true" : value);
        continue;
      }
      if (!valued.contains(name) && !repeatable.contains(name)) {
        throw new DqgateException(command + ": unknown option --" + name + " (options: "
            + String.join(", ", sortedOptions(valued, repeatable, flags)) + ")");
      }
      if (value == null) {
        if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) {
          throw new DqgateException("--" + name + ": missing value");
        }
        value = argv.get(++i);
      }
      if (repeatable.contains(name)) {
        args.repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        args.single.put(name, value);
      }
    }
    return args;
  }

  private static List<String> sortedOptions(Set<String> a, Set<String> b, Set<String> c) {
    List<String> all = new ArrayList<>();
    for (Set<String> s : List.of(a, b, c)) {
      for (String o : s) {
        all.add("--" + o);
      }
    }
    all.sort(String::compareTo);
    return all;
  }

  String command() {
    return command;
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(single.get(name));
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(single.get(name));
  }

  String require(String name, String what) {
    return get(name).orElseThrow(() -> new DqgateException("--" + name + ": missing (" + what + ")"));
  }

  LocalDate date(String name) {
    String value = require(name, "YYYY-MM-DD");
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new DqgateException("--" + name + ": not a date (YYYY-MM-DD): " + value);
    }
  }

  Optional<File> file(String name) {
    return get(name).map(File::new);
  }

  /** {@code k=v} pairs of a repeatable option. */
  Map<String, String> pairs(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : repeated.getOrDefault(name, List.of())) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new DqgateException("--" + name + ": expected key=value, was \"" + pair + "\"");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }
}
