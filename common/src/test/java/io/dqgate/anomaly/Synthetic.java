package io.dqgate.anomaly;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic data for the anomaly tests and the benchmark. */
final class Synthetic {
  /** A Monday. */
  static final LocalDate START = LocalDate.of(2024, 1, 1);

  private Synthetic() {}

  /** Weekdays around {@code weekday}, Saturdays {@code saturday}, Sundays {@code sunday}, plus noise. */
  static List<SeriesPoint> weekly(int days, double weekday, double saturday, double sunday, double noise,
      long seed) {
    Random random = new Random(seed);
    List<SeriesPoint> points = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      LocalDate date = START.plusDays(d);
      points.add(new SeriesPoint(date,
          weeklyLevel(date, weekday, saturday, sunday) + noise * random.nextGaussian()));
    }
    return points;
  }

  static double weeklyLevel(LocalDate date, double weekday, double saturday, double sunday) {
    DayOfWeek dow = date.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY ? saturday : dow == DayOfWeek.SUNDAY ? sunday : weekday;
  }

  static List<SeriesPoint> gaussian(int days, double mean, double sd, long seed) {
    Random random = new Random(seed);
    List<SeriesPoint> points = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      points.add(new SeriesPoint(START.plusDays(d), mean + sd * random.nextGaussian()));
    }
    return points;
  }

  static List<SeriesPoint> constant(int days, double value) {
    List<SeriesPoint> points = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      points.add(new SeriesPoint(START.plusDays(d), value));
    }
    return points;
  }

  /** The date after the last point. */
  static LocalDate next(List<SeriesPoint> history) {
    return history.get(history.size() - 1).date().plusDays(1);
  }

  /**
   * Metric vectors from a latent factor model: metric j = mean_j + scale_j · (Σ_f L_jf·F_f + ε_j), with
   * {@code factors} independent normal factors, loadings N(0, loading²), ε ~ N(0, 1). Row d is day d; a
   * weekly effect on factor 0 (weekends lower by {@code weekendDip}) when it is non-zero.
   */
  static final class FactorData {
    final double[][] loadings;
    final double[] mean;
    final double[] scale;
    final double weekendDip;
    private final Random random;

    FactorData(int metrics, int factors, double loading, double weekendDip, long seed) {
      random = new Random(seed);
      loadings = new double[metrics][factors];
      mean = new double[metrics];
      scale = new double[metrics];
      for (int j = 0; j < metrics; j++) {
        for (int f = 0; f < factors; f++) {
          loadings[j][f] = loading * random.nextGaussian();
        }
        mean[j] = 10 + 1000 * random.nextDouble();
        scale[j] = 0.5 + 20 * random.nextDouble();
      }
      this.weekendDip = weekendDip;
    }

    double[][] days(int count, int firstDay) {
      double[][] rows = new double[count][];
      for (int d = 0; d < count; d++) {
        rows[d] = day(firstDay + d);
      }
      return rows;
    }

    double[] day(int dayIndex) {
      int factors = loadings[0].length;
      double[] f = new double[factors];
      for (int i = 0; i < factors; i++) {
        f[i] = random.nextGaussian();
      }
      DayOfWeek dow = START.plusDays(dayIndex).getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        f[0] -= weekendDip;
      }
      double[] row = new double[mean.length];
      for (int j = 0; j < row.length; j++) {
        double v = random.nextGaussian();
        for (int i = 0; i < factors; i++) {
          v += loadings[j][i] * f[i];
        }
        row[j] = mean[j] + scale[j] * v;
      }
      return row;
    }
  }

  static List<String> names(int metrics) {
    List<String> names = new ArrayList<>(metrics);
    for (int j = 0; j < metrics; j++) {
      names.add("m" + j);
    }
    return names;
  }
}
