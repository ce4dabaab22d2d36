package io.dqgate.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Days of metrics as the profiler would store them for a small feed, computed from rows drawn afresh each
 * day with natural variation: weekly and holiday volume, heavy-tailed day levels, a slow trend. Each day
 * may be bent by a contamination applied to its rows before the metrics are taken.
 */
final class SignatureDays {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  static final String DATASET = "orders";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> CITIES = List.of("Zürich", "München", "Köln", "Berlin", "Paris");

  /** One day's rows, column by column. */
  static final class Rows {
    final LocalDate day;
    double[] price;
    double[] quantity;
    double[] loan;
    double[] income;
    Double[] nullable;
    String[] city;
    long[] appliedAt;
    double formatMisses;
    double swapped;
    double duplicateRows;

    Rows(LocalDate day) {
      this.day = day;
    }
  }

  private final Random random;

  SignatureDays(long seed) {
    this.random = new Random(seed);
  }

  /** Rows of a clean day: volume by weekday (a holiday every 17 days), heavy-tailed levels, a trend. */
  Rows clean(LocalDate day) {
    int index = (int) (day.toEpochDay() - START.toEpochDay());
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    double volume = (weekend ? 0.5 : 1.0) * (index % 17 == 5 ? 0.3 : 1.0) * Math.exp(0.15 * random.nextGaussian());
    int n = (int) Math.max(120, 900 * volume);
    // Student-t like day level: mostly quiet, now and then a larger swing.
    double level = Math.exp(0.03 * random.nextGaussian() / Math.sqrt(Math.max(0.2, random.nextDouble())))
        * (1 + 0.002 * index);
    Rows r = new Rows(day);
    r.price = new double[n];
    r.quantity = new double[n];
    r.loan = new double[n];
    r.income = new double[n];
    r.nullable = new Double[n];
    r.city = new String[n];
    r.appliedAt = new long[n];
    double nullRate = 0.03 * Math.exp(0.4 * random.nextGaussian());
    for (int i = 0; i < n; i++) {
      r.price[i] = level * Math.exp(3 + 0.8 * random.nextGaussian());
      r.quantity[i] = 1 + random.nextInt(4);
      r.income[i] = level * (30000 + 9000 * random.nextGaussian());
      r.loan[i] = 0.4 * r.income[i] + 2500 * random.nextGaussian();
      r.nullable[i] = random.nextDouble() < nullRate ? null : 18 + random.nextInt(70) * 1.0;
      double u = random.nextDouble();
      r.city[i] = u < 0.35 ? "Zürich" : u < 0.6 ? "München" : u < 0.8 ? "Köln" : u < 0.95 ? "Berlin" : "Paris";
      r.appliedAt[i] = day.toEpochDay();
    }
    r.formatMisses = 0;
    r.swapped = 0;
    r.duplicateRows = random.nextDouble() < 0.3 ? 1.0 / n : 0;
    return r;
  }

  /** The metrics of {@code days} clean days from {@link #START}, the last one bent by {@code incident}. */
  List<MetricRecord> days(int days, UnaryOperator<Rows> incident) {
    List<MetricRecord> out = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate day = START.plusDays(i);
      Rows rows = clean(day);
      out.addAll(metrics(i == days - 1 ? incident.apply(rows) : rows));
    }
    return out;
  }

  static List<MetricRecord> metrics(Rows r) {
    List<MetricRecord> out = new ArrayList<>();
    int n = r.price.length;
    out.add(record(r.day, Entity.DATASET, "*", MetricNames.ROW_COUNT, n, null));
    out.add(record(r.day, Entity.DATASET, "*", MetricNames.DUPLICATE_ROW_FRACTION, r.duplicateRows, null));
    numeric(out, r.day, "price", r.price);
    numeric(out, r.day, "quantity", r.quantity);
    numeric(out, r.day, "income", r.income);
    numeric(out, r.day, "loan_amount", r.loan);
    double[] ages = Arrays.stream(r.nullable).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
    numeric(out, r.day, "age", ages);
    out.add(record(r.day, Entity.COLUMN, "age", MetricNames.NULL_FRACTION, 1 - (double) ages.length / n, null));
    for (String c : List.of("price", "quantity", "income", "loan_amount", "city", "applied_at")) {
      out.add(record(r.day, Entity.COLUMN, c, MetricNames.NULL_FRACTION, 0, null));
    }
    out.add(record(r.day, Entity.COLUMN, "city", MetricNames.VALUE_PROPORTIONS, 0, proportions(r.city)));
    out.add(record(r.day, Entity.COLUMN, "applied_at", MetricNames.FORMAT_MATCH_FRACTION, 1 - r.formatMisses, null));
    out.add(record(r.day, Entity.COLUMN, "applied_at", MetricNames.SWAPPED_DAY_MONTH_FRACTION, r.swapped, null));
    long min = Arrays.stream(r.appliedAt).min().orElseThrow();
    long max = Arrays.stream(r.appliedAt).max().orElseThrow();
    out.add(record(r.day, Entity.COLUMN, "applied_at", MetricNames.MIN_DATE, min, null));
    out.add(record(r.day, Entity.COLUMN, "applied_at", MetricNames.MAX_DATE, max, null));
    long future = Arrays.stream(r.appliedAt).filter(d -> d > r.day.toEpochDay()).count();
    out.add(record(r.day, Entity.COLUMN, "applied_at", MetricNames.FUTURE_FRACTION, (double) future / n, null));
    out.add(record(r.day, Entity.COLUMN_PAIR, "income,loan_amount", RelationSignature.CORRELATION,
        pearson(r.income, r.loan), null));
    out.add(record(r.day, Entity.COLUMN_PAIR, "income,price", RelationSignature.CORRELATION,
        pearson(r.income, r.price), null));
    return out;
  }

  private static void numeric(List<MetricRecord> out, LocalDate day, String column, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    ObjectNode detail = grid(k -> k * 0.05,
        k -> sorted[(int) Math.min(sorted.length - 1, Math.round(k * 0.05 * (sorted.length - 1)))]);
    detail.put("count", sorted.length);
    out.add(record(day, Entity.COLUMN, column, MetricNames.QUANTILES, sorted.length, detail.toString()));
    out.add(record(day, Entity.COLUMN, column, MetricNames.MIN, sorted[0], null));
    out.add(record(day, Entity.COLUMN, column, MetricNames.MAX, sorted[sorted.length - 1], null));
    double mean = Arrays.stream(values).average().orElseThrow();
    out.add(record(day, Entity.COLUMN, column, MetricNames.MEAN, mean, null));
    out.add(record(day, Entity.COLUMN, column, MetricNames.STDDEV,
        Math.sqrt(Arrays.stream(values).map(x -> (x - mean) * (x - mean)).sum() / (values.length - 1)), null));
  }

  /** A day's stored quantile sketch (the 5 % grid) of a column's values. */
  static MetricRecord sketch(LocalDate date, String column, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    ObjectNode detail = grid(k -> k * 0.05, k -> sorted[(int) Math.round(k * 0.05 * (sorted.length - 1))]);
    detail.put("count", sorted.length);
    return record(date, Entity.COLUMN, column, MetricNames.QUANTILES, sorted.length, detail.toString());
  }

  /** A stored quantile sketch's 21 points (probabilities and values by step k = 0 … 20), without its count. */
  static ObjectNode grid(java.util.function.IntToDoubleFunction probability,
      java.util.function.IntToDoubleFunction value) {
    ObjectNode detail = JSON.createObjectNode();
    ArrayNode p = detail.putArray("probabilities");
    ArrayNode v = detail.putArray("values");
    for (int k = 0; k <= 20; k++) {
      p.add(probability.applyAsDouble(k));
      v.add(value.applyAsDouble(k));
    }
    return detail;
  }

  private static String proportions(String[] values) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String v : values) {
      counts.merge(v, 1L, Long::sum);
    }
    ObjectNode detail = JSON.createObjectNode();
    detail.put("total", values.length);
    detail.put("distinct", counts.size());
    ArrayNode list = detail.putArray("values");
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> list.addObject().put("value", e.getKey()).put("count", e.getValue())
            .put("proportion", (double) e.getValue() / values.length));
    detail.putObject("other").put("count", 0).put("proportion", 0.0);
    return detail.toString();
  }

  static double pearson(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElseThrow();
    double mb = Arrays.stream(b).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  static MetricRecord record(LocalDate day, Entity entity, String instance, String metric, double value,
      String detail) {
    return new MetricRecord(DATASET, day, "run", Instant.EPOCH, entity, instance, metric, value, detail);
  }

  /** The last day's metrics by key, and the days before it as history. */
  static Map<MetricKey, MetricRecord> lastDay(List<MetricRecord> all) {
    LocalDate last = all.stream().map(MetricRecord::partitionDate).max(LocalDate::compareTo).orElseThrow();
    Map<MetricKey, MetricRecord> out = new LinkedHashMap<>();
    all.stream().filter(m -> m.partitionDate().equals(last)).forEach(m -> out.put(m.key(), m));
    return out;
  }

  static MetricHistory before(List<MetricRecord> all) {
    LocalDate last = all.stream().map(MetricRecord::partitionDate).max(LocalDate::compareTo).orElseThrow();
    return new MetricHistory(all.stream().filter(m -> m.partitionDate().isBefore(last)).toList());
  }
}
