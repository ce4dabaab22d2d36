package io.dqgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic orders feed whose shape the seed draws: rows a day (log-uniform within the given bounds),
 * how much weekends and holidays lose, a trend, heavy-tailed day-to-day levels (Student-t with 3 degrees
 * of freedom) in volume, prices and the share of unrated orders, category mixes, and discrete numbers
 * (quantities, four discount levels, 1–5 ratings). Each day is drawn from its own stream (seed and date),
 * so a day does not depend on the days before it.
 */
public final class ShapedFeed {
  static final List<String> CITIES = List.of("Zürich", "Genève", "Basel", "Bern", "Lausanne", "Lugano", "Luzern",
      "St. Gallen");
  static final List<String> CHANNELS = List.of("web", "app", "store", "phone");
  static final double[] DISCOUNTS = {0, 0.05, 0.1, 0.2};

  private final long seed;
  private final int baseRows;
  private final double weekendVolume;
  private final double trend;
  private final double priceLog;
  private final double priceSpread;
  private final int maxQuantity;
  private final double[] cityWeights;
  private final int holidayEvery;

  public ShapedFeed(long seed, int minRows, int maxRows) {
    this.seed = seed;
    Random shape = new Random(seed * 7919L);
    this.baseRows = (int) Math.round(Math.exp(Math.log(minRows) + shape.nextDouble()
        * (Math.log(maxRows) - Math.log(minRows))));
    this.weekendVolume = 0.35 + 0.5 * shape.nextDouble();
    this.trend = (shape.nextDouble() - 0.3) * 0.008;
    this.priceLog = 2 + 2 * shape.nextDouble();
    this.priceSpread = 0.4 + 0.7 * shape.nextDouble();
    this.maxQuantity = 3 + shape.nextInt(6);
    int cities = 4 + shape.nextInt(5);
    this.cityWeights = new double[cities];
    for (int i = 0; i < cities; i++) {
      cityWeights[i] = 0.2 + shape.nextDouble();
    }
    this.holidayEvery = 19 + shape.nextInt(12);
  }

  /** Rows a weekday has before trend and noise. */
  public int baseRows() {
    return baseRows;
  }

  public String describe() {
    return String.format(Locale.ROOT, "%d rows a weekday, weekends ×%.2f, trend %+.2f%%/day, price lognormal(%.1f, "
        + "%.2f), %d cities, quantities 1-%d, a holiday every %d days", baseRows, weekendVolume, 100 * trend,
        priceLog, priceSpread, cityWeights.length, maxQuantity, holidayEvery);
  }

  public void write(Path root, LocalDate start, int days) throws IOException {
    long nextId = 1;
    for (int i = 0; i < days; i++) {
      LocalDate day = start.plusDays(i);
      CsvTable table = day(day, i, nextId);
      nextId += table.rows.size();
      Feeds.writeDay(root.resolve("dt=" + day), table);
    }
  }

  CsvTable day(LocalDate day, int index, long firstId) {
    Random r = new Random(seed * 1_000_003L + day.toEpochDay());
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    boolean holiday = index % holidayEvery == holidayEvery - 1;
    double volume = (weekend ? weekendVolume : 1.0) * (holiday ? 0.25 : 1.0) * Math.exp(index * trend)
        * Math.exp(0.08 * studentT(r));
    int n = Math.max(50, (int) Math.round(baseRows * volume));
    double level = Math.exp(0.03 * studentT(r) + index * trend / 2);
    double unrated = Math.min(0.6, 0.04 * Math.exp(0.5 * studentT(r)) * (holiday ? 3 : 1));
    double[] weights = cityWeights.clone();
    for (int k = 0; k < weights.length; k++) {
      weights[k] *= Math.exp(0.1 * r.nextGaussian());
    }
    List<String[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double unitPrice = level * Math.exp(priceLog + priceSpread * r.nextGaussian());
      int quantity = 1 + (int) Math.min(maxQuantity - 1, Math.floor(-Math.log(1 - r.nextDouble()) * 1.3));
      double discount = DISCOUNTS[r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(3)];
      double amount = unitPrice * quantity * (1 - discount);
      String rating = r.nextDouble() < unrated ? ""
          : String.valueOf(1 + (int) Math.min(4, Math.floor(5 * Math.sqrt(r.nextDouble()))));
      int delivery = (int) Math.min(30, Math.floor(-Math.log(1 - r.nextDouble()) * (holiday ? 5 : 2.5)));
      int score = (int) Math.max(300, Math.min(850, Math.round(600 + 80 * r.nextGaussian() + 0.002 * amount)));
      String channel = weekend || holiday ? CHANNELS.get(r.nextDouble() < 0.6 ? 1 : r.nextInt(4))
          : CHANNELS.get(r.nextDouble() < 0.5 ? 0 : r.nextInt(4));
      int seconds = (int) (86_399 * r.nextDouble());
      rows.add(new String[] {String.valueOf(firstId + i),
          String.format(Locale.ROOT, "%s %02d:%02d:%02d", day, seconds / 3600, seconds / 60 % 60, seconds % 60),
          pick(CITIES, weights, r), channel, money(unitPrice), String.valueOf(quantity), money(amount),
          String.valueOf(discount), rating, String.valueOf(delivery), String.valueOf(score)});
    }
    return new CsvTable(List.of("order_id", "created_at", "city", "channel", "unit_price", "quantity", "amount",
        "discount", "rating", "delivery_days", "score"), rows);
  }

  private static String pick(List<String> values, double[] weights, Random r) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int k = 0; k < weights.length; k++) {
      u -= weights[k];
      if (u <= 0) {
        return values.get(k);
      }
    }
    return values.get(weights.length - 1);
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Student-t with 3 degrees of freedom, scaled to unit variance: mostly quiet, now and then a big day. */
  static double studentT(Random r) {
    double chi = 0;
    for (int k = 0; k < 3; k++) {
      double g = r.nextGaussian();
      chi += g * g;
    }
    return r.nextGaussian() / Math.sqrt(chi / 3) / Math.sqrt(3);
  }
}
