package io.dqgate.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each column of a feed is, read off one clean day's file, so the injector can plant an incident of
 * a kind in a column it fits, whatever the feed: identifiers, continuous and discrete numbers, categories,
 * dates (with the pattern they are written in) and free text.
 */
public final class ColumnRoles {
  public enum Role { ID, CONTINUOUS, DISCRETE, CATEGORICAL, DATE, TEXT }

  /** Date layouts the injector can rewrite: the order of year, month and day, and the separator. */
  public enum DateLayout {
    YMD(Pattern.compile("^(\\d{4})([-/])(\\d{2})\\2(\\d{2})(.*)$")),
    DMY(Pattern.compile("^(\\d{2})([-/.])(\\d{2})\\2(\\d{4})(.*)$"));

    final Pattern pattern;

    DateLayout(Pattern pattern) {
      this.pattern = pattern;
    }
  }

  private final Map<String, Role> roles = new LinkedHashMap<>();
  private final Map<String, DateLayout> layouts = new LinkedHashMap<>();
  private final Map<String, Double> nullShares = new LinkedHashMap<>();

  public static ColumnRoles infer(CsvTable table) {
    ColumnRoles out = new ColumnRoles();
    for (int c = 0; c < table.header.size(); c++) {
      Set<String> distinct = new HashSet<>();
      boolean numeric = true;
      boolean integral = true;
      int empty = 0;
      DateLayout layout = null;
      boolean allDates = true;
      for (String[] row : table.rows) {
        String v = c < row.length ? row[c] : "";
        if (v == null || v.isEmpty()) {
          empty++;
          continue;
        }
        distinct.add(v);
        if (numeric) {
          try {
            double d = Double.parseDouble(v);
            integral &= d == Math.rint(d);
          } catch (NumberFormatException e) {
            numeric = false;
          }
        }
        if (allDates) {
          DateLayout l = layoutOf(v);
          if (l == null || layout != null && layout != l) {
            allDates = false;
          } else {
            layout = l;
          }
        }
      }
      String name = table.header.get(c);
      int present = table.rows.size() - empty;
      out.nullShares.put(name, table.rows.isEmpty() ? 0 : (double) empty / table.rows.size());
      Role role;
      if (present == 0) {
        role = Role.TEXT;
      } else if (allDates && layout != null) {
        role = Role.DATE;
        out.layouts.put(name, layout);
      } else if (distinct.size() >= 0.9 * present && present >= 50 && (numeric ? integral : distinct.size() > 200)) {
        role = Role.ID;
      } else if (numeric) {
        role = distinct.size() > 20 ? Role.CONTINUOUS : Role.DISCRETE;
      } else if (distinct.size() <= 50) {
        role = Role.CATEGORICAL;
      } else {
        role = Role.TEXT;
      }
      out.roles.put(name, role);
    }
    return out;
  }

  static DateLayout layoutOf(String v) {
    for (DateLayout l : DateLayout.values()) {
      if (l.pattern.matcher(v).matches()) {
        return l;
      }
    }
    return null;
  }

  public Role role(String column) {
    return roles.get(column);
  }

  public DateLayout layout(String column) {
    return layouts.get(column);
  }

  public double nullShare(String column) {
    return nullShares.getOrDefault(column, 0.0);
  }

  public List<String> columns(Role role) {
    List<String> out = new ArrayList<>();
    roles.forEach((c, r) -> {
      if (r == role) {
        out.add(c);
      }
    });
    return out;
  }

  public Map<String, Role> all() {
    return roles;
  }
}
