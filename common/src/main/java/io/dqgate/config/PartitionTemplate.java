package io.dqgate.config;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder template for one day's partition. {@code {date}} stands for {@code yyyy-MM-dd}; any other
 * {@code {PATTERN}} is a {@link DateTimeFormatter} pattern ({@code {yyyy}}, {@code {MM}}, {@code {yyyyMMdd}}).
 */
public final class PartitionTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private final String template;
  private final List<Object> parts;

  private PartitionTemplate(String template, List<Object> parts) {
    this.template = template;
    this.parts = parts;
  }

  public static PartitionTemplate parse(String key, String template) {
    List<Object> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    boolean sawPlaceholder = false;
    while (m.find()) {
      parts.add(template.substring(last, m.start()));
      String pattern = m.group(1).equals("date") ? "yyyy-MM-dd" : m.group(1);
      try {
        if (pattern.isBlank()) {
          throw new IllegalArgumentException("empty pattern");
        }
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern);
        // {HH} or {VV} are valid patterns a date cannot fill: fail now rather than on every run.
        formatter.format(LocalDate.of(2000, 1, 1));
        parts.add(formatter);
      } catch (IllegalArgumentException | DateTimeException e) {
        throw ConfigReader.error(key, "not a date pattern: {" + m.group(1) + "} in \"" + template + "\"");
      }
      sawPlaceholder = true;
      last = m.end();
    }
    parts.add(template.substring(last));
    if (!sawPlaceholder) {
      throw ConfigReader.error(key, "must contain a date placeholder such as {date} or {yyyy}, was \""
          + template + "\"");
    }
    if (template.startsWith("/")) {
      throw ConfigReader.error(key, "must be relative to source.path, was \"" + template + "\"");
    }
    if (java.util.Arrays.asList(template.split("/")).contains("..")) {
      throw ConfigReader.error(key, "must stay below source.path (no \"..\"), was \"" + template + "\"");
    }
    return new PartitionTemplate(template, List.copyOf(parts));
  }

  public String expand(LocalDate date) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      out.append(part instanceof DateTimeFormatter f ? f.format(date) : (String) part);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return template;
  }
}
