package io.dqgate.bench;

import io.dqgate.bench.ColumnRoles.DateLayout;
import io.dqgate.bench.ColumnRoles.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Plants one incident into a day's partition of any CSV feed (one data file and its {@code _MANIFEST.json}),
 * choosing a column the incident fits from what the day's values show ({@link ColumnRoles}). The manifest
 * is rewritten after the incident, as a producer that wrote the bad data would, except for tampering, which
 * changes the file after its manifest. Returns what was planted, or nothing when the feed has no column the
 * incident fits.
 */
public final class FeedInjector {
  /** What was planted: the incident, the column it is visible in ("(files)", "(dataset)"), in words. */
  public record Planted(PlantedIncident incident, String column, String description) {}

  private static final double[] UNIT_FACTORS = {1.61, 60, 100, 1000};

  private FeedInjector() {}

  public static Optional<Planted> plant(Path partition, Path previous, PlantedIncident incident, long seed)
      throws IOException {
    Path file = Feeds.dataFile(partition);
    CsvTable table = CsvTable.read(file);
    ColumnRoles roles = ColumnRoles.infer(table);
    Random random = new Random(seed);
    Optional<Planted> planted = switch (incident) {
      case NULL_SPIKE -> pick(random, eligible(roles, 0.1, Role.CONTINUOUS, Role.DISCRETE, Role.CATEGORICAL))
          .map(c -> {
            setShare(table, c, 0.35, random, v -> "");
            return new Planted(incident, c, "35% of " + c + " emptied");
          });
      case DUPLICATE_ROWS -> {
        int n = table.rows.size();
        for (int k = 0; k < n * 0.08; k++) {
          table.rows.set(random.nextInt(n), table.rows.get(random.nextInt(n)).clone());
        }
        yield Optional.of(new Planted(incident, "(dataset)", "8% of rows replaced by copies of others"));
      }
      case UNIT_CHANGE -> pick(random, roles.columns(Role.CONTINUOUS)).map(c -> {
        double factor = UNIT_FACTORS[random.nextInt(UNIT_FACTORS.length)];
        setShare(table, c, 1.0, random, v -> scaled(v, factor));
        return new Planted(incident, c, c + " ×" + factor);
      });
      case SEGMENT_UNIT_CHANGE -> {
        Optional<String> numeric = pick(random, roles.columns(Role.CONTINUOUS));
        if (numeric.isEmpty()) {
          yield Optional.empty();
        }
        int col = table.column(numeric.get());
        // a segment whose values are mostly 0 (a take-off run's height) is the same in any unit
        Optional<Map.Entry<String, String>> segment = segment(table, roles, random, 0.1, 0.4,
            s -> mostlyNonZero(table, table.column(s.getKey()), s.getValue(), col));
        if (segment.isEmpty()) {
          yield Optional.empty();
        }
        int by = table.column(segment.get().getKey());
        for (String[] row : table.rows) {
          if (segment.get().getValue().equals(row[by]) && !row[col].isEmpty()) {
            row[col] = scaled(row[col], 100);
          }
        }
        yield Optional.of(new Planted(incident, numeric.get(), numeric.get() + " ×100 where "
            + segment.get().getKey() + " = " + segment.get().getValue()));
      }
      case NEW_SPELLINGS -> segment(table, roles, random, 0.1, 0.9).map(s -> {
        int col = table.column(s.getKey());
        String value = s.getValue();
        String respelled = !value.toLowerCase(Locale.ROOT).equals(value) ? value.toLowerCase(Locale.ROOT)
            : !value.toUpperCase(Locale.ROOT).equals(value) ? value.toUpperCase(Locale.ROOT) : value + " ";
        for (String[] row : table.rows) {
          if (value.equals(row[col]) && random.nextDouble() < 0.5) {
            row[col] = respelled;
          }
        }
        return new Planted(incident, s.getKey(), "half of " + s.getKey() + " = \"" + value + "\" written \""
            + respelled + "\"");
      });
      case NEW_VALUES -> pick(random, roles.columns(Role.CATEGORICAL)).map(c -> {
        setShare(table, c, 0.12, random, v -> "UNKNOWN");
        return new Planted(incident, c, "12% of " + c + " set to UNKNOWN");
      });
      case FORMAT_CHANGE -> pick(random, roles.columns(Role.DATE)).map(c -> {
        DateLayout layout = roles.layout(c);
        setShare(table, c, 0.3, random, v -> rewriteDate(v, layout, false));
        return new Planted(incident, c, "30% of " + c + " in another date format");
      });
      case DAY_MONTH_SWAP -> mostVariedDay(table, roles).map(c -> {
        DateLayout layout = roles.layout(c);
        setShare(table, c, 1.0, random, v -> rewriteDate(v, layout, true));
        return new Planted(incident, c, c + " with day and month swapped");
      });
      case TYPE_CHANGE -> pick(random, roles.columns(Role.CONTINUOUS)).map(c -> {
        setShare(table, c, 0.2, random, v -> v.isEmpty() ? v : "$" + v);
        return new Planted(incident, c, "20% of " + c + " written with a currency sign");
      });
      case SENTINEL -> pick(random, roles.columns(Role.CONTINUOUS)).map(c -> {
        setShare(table, c, 0.03, random, v -> "9999999");
        return new Planted(incident, c, "3% of " + c + " set to 9999999");
      });
      case SCHEMA_CHANGE -> pick(random, eligible(roles, 1.0, Role.CONTINUOUS, Role.DISCRETE, Role.CATEGORICAL))
          .map(c -> {
            int col = table.column(c);
            table.header.remove(col);
            for (int i = 0; i < table.rows.size(); i++) {
              List<String> fields = new ArrayList<>(List.of(table.rows.get(i)));
              fields.remove(col);
              table.rows.set(i, fields.toArray(String[]::new));
            }
            return new Planted(incident, c, "column " + c + " dropped");
          });
      case STALE_COPY -> {
        CsvTable before = CsvTable.read(Feeds.dataFile(previous));
        table.rows.clear();
        table.rows.addAll(before.rows);
        yield Optional.of(new Planted(incident, "(dataset)", "the previous day's file delivered again"));
      }
      case RELATION_BROKEN -> correlatedPair(table, roles).map(pair -> {
        int col = table.column(pair[1]);
        List<String> values = new ArrayList<>();
        table.rows.forEach(r -> values.add(r[col]));
        Collections.shuffle(values, random);
        for (int i = 0; i < table.rows.size(); i++) {
          table.rows.get(i)[col] = values.get(i);
        }
        return new Planted(incident, pair[1] + "|" + pair[0], pair[1] + " shuffled against " + pair[0]);
      });
      case ENCODING -> pick(random, roles.columns(Role.CATEGORICAL)).map(c -> {
        setShare(table, c, 0.2, random, v -> v + "é");
        return new Planted(incident, "(files)", "20% of " + c + " with an accent, the file in ISO-8859-1");
      });
      case TAMPERED, TRUNCATION, MALFORMED_ROWS -> Optional.of(new Planted(incident, "(files)", incident.label()));
      case SEGMENT_LOSS -> segment(table, roles, random, 0.05, 0.4).map(s -> {
        int col = table.column(s.getKey());
        table.rows.removeIf(r -> s.getValue().equals(r[col]));
        return new Planted(incident, s.getKey(), "rows of " + s.getKey() + " = " + s.getValue() + " lost");
      });
    };
    if (planted.isEmpty()) {
      return planted;
    }
    switch (incident) {
      case ENCODING -> table.write(file, StandardCharsets.ISO_8859_1);
      case MALFORMED_ROWS -> {
        StringBuilder text = new StringBuilder(table.text());
        for (int k = 0; k < Math.max(2, table.rows.size() / 100); k++) {
          text.append("\"unterminated,").append(k).append('\n');
        }
        Files.writeString(file, text);
      }
      default -> table.write(file);
    }
    if (incident == PlantedIncident.TRUNCATION) {
      byte[] bytes = Files.readAllBytes(file);
      int cut = (int) (bytes.length * 0.6);
      while (cut < bytes.length && bytes[cut - 1] == '\n') {
        cut++;
      }
      Files.write(file, java.util.Arrays.copyOf(bytes, cut));
    }
    Feeds.writeManifest(partition);
    if (incident == PlantedIncident.TAMPERED) {
      CsvTable changed = CsvTable.read(file);
      String[] row = changed.rows.get(random.nextInt(changed.rows.size()));
      int field = 0;
      while (field < row.length - 1 && !row[field].matches("-?\\d+")) {
        field++;
      }
      row[field] = row[field].matches("-?\\d+") ? String.valueOf(Long.parseLong(row[field]) + 1) : row[field] + "0";
      changed.write(file);
    }
    return planted;
  }

  private static List<String> eligible(ColumnRoles roles, double maxNullShare, Role... kinds) {
    List<String> out = new ArrayList<>();
    for (Role r : kinds) {
      roles.columns(r).stream().filter(c -> roles.nullShare(c) <= maxNullShare).forEach(out::add);
    }
    Collections.sort(out);
    return out;
  }

  private static Optional<String> pick(Random random, List<String> columns) {
    return columns.isEmpty() ? Optional.empty() : Optional.of(columns.get(random.nextInt(columns.size())));
  }

  private static void setShare(CsvTable table, String column, double share, Random random,
      java.util.function.UnaryOperator<String> change) {
    int col = table.column(column);
    boolean changed = false;
    for (String[] row : table.rows) {
      if (share >= 1.0 || random.nextDouble() < share) {
        row[col] = change.apply(row[col]);
        changed = true;
      }
    }
    // a day of a row or two may draw none: an incident that changed nothing is no incident
    if (!changed && !table.rows.isEmpty()) {
      String[] row = table.rows.get(random.nextInt(table.rows.size()));
      row[col] = change.apply(row[col]);
    }
  }

  /** A categorical value whose share of the day's rows lies in [low, high], with its column. */
  private static Optional<Map.Entry<String, String>> segment(CsvTable table, ColumnRoles roles, Random random,
      double low, double high) {
    return segment(table, roles, random, low, high, s -> true);
  }

  /** Whether most filled values of column {@code col} on the rows where {@code by} is {@code value} are not 0. */
  static boolean mostlyNonZero(CsvTable table, int by, String value, int col) {
    int filled = 0;
    int nonZero = 0;
    for (String[] row : table.rows) {
      if (value.equals(row[by]) && !row[col].isEmpty()) {
        filled++;
        nonZero += Double.parseDouble(row[col]) != 0 ? 1 : 0;
      }
    }
    return 2 * nonZero > filled;
  }

  /** As {@link #segment(CsvTable, ColumnRoles, Random, double, double)}, among the segments {@code keep} accepts. */
  private static Optional<Map.Entry<String, String>> segment(CsvTable table, ColumnRoles roles, Random random,
      double low, double high, java.util.function.Predicate<Map.Entry<String, String>> keep) {
    List<Map.Entry<String, String>> candidates = new ArrayList<>();
    for (String c : roles.columns(Role.CATEGORICAL).stream().sorted().toList()) {
      int col = table.column(c);
      Map<String, Integer> counts = new LinkedHashMap<>();
      table.rows.forEach(r -> counts.merge(r[col], 1, Integer::sum));
      counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .filter(e -> !e.getKey().isEmpty())
          .filter(e -> e.getValue() >= low * table.rows.size() && e.getValue() <= high * table.rows.size())
          .map(e -> Map.entry(c, e.getKey()))
          .filter(keep)
          .forEach(candidates::add);
    }
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
  }

  /**
   * The date column whose day of month varies most (so a swap breaks the most values), of those the swap
   * changes at all: on the sixth of June, a column holding that day only is the same swapped, and nothing is
   * planted.
   */
  static Optional<String> mostVariedDay(CsvTable table, ColumnRoles roles) {
    String best = null;
    long most = -1;
    for (String c : roles.columns(Role.DATE).stream().sorted().toList()) {
      int col = table.column(c);
      DateLayout layout = roles.layout(c);
      long overTwelve = 0;
      long changed = 0;
      for (String[] r : table.rows) {
        Matcher m = layout.pattern.matcher(r[col]);
        if (m.matches()) {
          int day = Integer.parseInt(layout == DateLayout.YMD ? m.group(4) : m.group(1));
          int month = Integer.parseInt(m.group(3));
          overTwelve += day > 12 ? 1 : 0;
          changed += day != month ? 1 : 0;
        }
      }
      if (changed > 0 && overTwelve > most) {
        most = overTwelve;
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The two continuous columns with the strongest correlation (at least 0.5 in size), stronger side first. */
  private static Optional<String[]> correlatedPair(CsvTable table, ColumnRoles roles) {
    List<String> numeric = roles.columns(Role.CONTINUOUS).stream().sorted().toList();
    String[] best = null;
    double strongest = 0.5;
    for (int i = 0; i < numeric.size(); i++) {
      for (int j = i + 1; j < numeric.size(); j++) {
        double r = Math.abs(pearson(table, numeric.get(i), numeric.get(j)));
        if (r >= strongest) {
          strongest = r;
          best = new String[] {numeric.get(i), numeric.get(j)};
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static double pearson(CsvTable table, String a, String b) {
    int ca = table.column(a);
    int cb = table.column(b);
    double n = 0;
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    for (String[] r : table.rows) {
      if (r[ca].isEmpty() || r[cb].isEmpty()) {
        continue;
      }
      double x = Double.parseDouble(r[ca]);
      double y = Double.parseDouble(r[cb]);
      n++;
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
    }
    double cov = sab / n - sa / n * sb / n;
    double va = saa / n - sa / n * sa / n;
    double vb = sbb / n - sb / n * sb / n;
    return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
  }

  static String scaled(String value, double factor) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    double v = Double.parseDouble(value) * factor;
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** The date part rewritten: day and month swapped, or in the other layout (yyyy-MM-dd ↔ dd/MM/yyyy). */
  static String rewriteDate(String value, DateLayout layout, boolean swap) {
    Matcher m = layout.pattern.matcher(value);
    if (!m.matches()) {
      return value;
    }
    if (layout == DateLayout.YMD) {
      String y = m.group(1);
      String mo = m.group(3);
      String d = m.group(4);
      return swap ? y + m.group(2) + d + m.group(2) + mo + m.group(5) : d + "/" + mo + "/" + y + m.group(5);
    }
    String d = m.group(1);
    String mo = m.group(3);
    String y = m.group(4);
    return swap ? mo + m.group(2) + d + m.group(2) + y + m.group(5) : y + "-" + mo + "-" + d + m.group(5);
  }
}
