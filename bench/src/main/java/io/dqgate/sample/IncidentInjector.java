package io.dqgate.sample;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Injects one {@link Incident} into one day of a feed written by {@link SampleFeedGenerator}: rewrites that
 * day's CSV and (except for a tampered file) its manifest, so that only the incident is wrong.
 */
public final class IncidentInjector {
  private static final List<String> COLUMNS = SampleFeedGenerator.COLUMNS;

  private IncidentInjector() {}

  public static void inject(Path partition, Incident incident, long seed) {
    Path csv = partition.resolve(SampleFeedGenerator.DATA_FILE);
    try {
      List<List<String>> rows = CsvFormat.parse(Files.readString(csv, StandardCharsets.UTF_8));
      List<String> header = new ArrayList<>(rows.remove(0));
      Random random = new Random(seed);
      int age = COLUMNS.indexOf("age");
      int income = COLUMNS.indexOf("income");
      int loan = COLUMNS.indexOf("loan_amount");
      int credit = COLUMNS.indexOf("credit_score");
      switch (incident) {
        case NULL_SPIKE -> rows.forEach(r -> r.set(income, random.nextDouble() < 0.4 ? null : r.get(income)));
        case DUPLICATE_KEYS -> {
          int copies = rows.size() / 20;
          for (int i = 0; i < copies; i++) {
            rows.set(random.nextInt(rows.size()), new ArrayList<>(rows.get(random.nextInt(rows.size()))));
          }
        }
        case UNIT_CHANGE -> rows.forEach(r -> r.set(loan, scale(r.get(loan), 100)));
        case NEW_CATEGORY_SPELLINGS -> rows.forEach(r -> {
          if (random.nextDouble() < 0.15) {
            r.set(COLUMNS.indexOf("gender"), r.get(COLUMNS.indexOf("gender")).substring(0, 1));
          }
        });
        case DAY_MONTH_SWAP -> rows.forEach(r -> {
          String b = r.get(COLUMNS.indexOf("birth_date"));
          if (random.nextDouble() < 0.3 && b != null && b.length() == 10) {
            r.set(COLUMNS.indexOf("birth_date"), b.substring(3, 5) + "-" + b.substring(0, 2) + b.substring(5));
          }
        });
        case VOLUME_DROP -> rows.removeIf(r -> random.nextDouble() < 0.7);
        case FUTURE_DATES -> rows.forEach(r -> {
          String a = r.get(COLUMNS.indexOf("applied_at"));
          if (random.nextDouble() < 0.05) {
            r.set(COLUMNS.indexOf("applied_at"), (Integer.parseInt(a.substring(0, 4)) + 1) + a.substring(4));
          }
        });
        case OUT_OF_RANGE -> rows.forEach(r -> {
          if (random.nextDouble() < 0.05) {
            r.set(age, String.valueOf(150 + random.nextInt(50)));
          }
        });
        case LABEL_LEAK -> rows.forEach(r -> r.set(credit, "1".equals(r.get(COLUMNS.indexOf("defaulted")))
            ? String.valueOf(300 + random.nextInt(40)) : String.valueOf(700 + random.nextInt(150))));
        case MEAN_SHIFT -> rows.forEach(r -> r.set(income, scale(r.get(income), 1.25)));
        case SCHEMA_CHANGE -> header.set(COLUMNS.indexOf("channel"), "sales_channel");
        case BAD_ENCODING, TAMPERED_FILE, MALFORMED_ROWS -> { }
        case SUBTLE_CORRELATED_SHIFT -> rows.forEach(r -> {
          r.set(income, scale(r.get(income), 1.04));
          r.set(loan, scale(r.get(loan), 0.94));
          // rows on the cap keep it, so the column's maximum does not move by itself
          int score = Integer.parseInt(r.get(credit));
          r.set(credit, String.valueOf(score < 850 ? Math.max(300, score - 4) : score));
        });
        default -> throw new IllegalStateException("unhandled incident " + incident);
      }
      StringBuilder out = new StringBuilder();
      CsvFormat.appendLine(out, header);
      for (int i = 0; i < rows.size(); i++) {
        if (incident == Incident.MALFORMED_ROWS && random.nextDouble() < 0.02) {
          List<String> shorter = new ArrayList<>(rows.get(i));
          shorter.remove(shorter.size() - 1);
          CsvFormat.appendLine(out, shorter);
        } else {
          CsvFormat.appendLine(out, rows.get(i));
        }
      }
      String text = out.toString();
      byte[] bytes = incident == Incident.BAD_ENCODING
          ? text.replace("@", "é@").getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8);
      if (incident == Incident.TAMPERED_FILE) {
        // Same size, one digit changed after the manifest was written.
        bytes = Files.readAllBytes(csv);
        int at = bytes.length / 2;
        while (bytes[at] < '0' || bytes[at] > '8') {
          at++;
        }
        bytes[at]++;
        Files.write(csv, bytes);
        return;
      }
      Files.write(csv, bytes);
      String manifest = "{\"files\": {\"" + SampleFeedGenerator.DATA_FILE + "\": {\"sha256\": \"" + sha256(bytes)
          + "\", \"bytes\": " + bytes.length + "}}}";
      Files.writeString(partition.resolve(SampleFeedGenerator.MANIFEST_FILE), manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DqgateException("cannot inject " + incident + " into " + csv + ": " + e.getMessage(), e);
    }
  }

  private static String scale(String value, double factor) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(value) * factor);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
