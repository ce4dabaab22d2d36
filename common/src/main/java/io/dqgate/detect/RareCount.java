package io.dqgate.detect;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * A defect counter's rows on the day against the rate its clean days held all together, where the clean days'
 * counts are what drawing their rows at that one rate gives (Poisson sampling): the chance of the day's count or
 * more follows. A handful of copied rows on a small day, where the clean days held three in fifteen hundred, is
 * past chance, however high one small clean day's share once stood. A counter whose clean days scatter further
 * (copies that come in batches, a share that runs higher some weeks than others) has a rate of each day's own,
 * whose tail the counts cannot give: its chance is not taken ({@link #scattered}). Nor is it where the day
 * expects a row or more at the pooled rate and holds more rows than any clean day: a day unlike the others (a
 * hotel's day of group bookings, twice the rooms and a group's identical rows) may bring what no pooled rate
 * foresees. A day of the clean days' size that expects a few copied rows and holds four times as many (twelve
 * of a pizzeria's 145 orders, where its days hold one in fifty) is past the pooled rate as surely as a small
 * day's handful.
 *
 * @param count the day's rows the counter counted
 * @param rows the day's rows
 * @param cleanCount the rows it counted on the clean days together
 * @param cleanRows the clean days' rows together
 * @param scattered whether the clean days' counts scatter past what Poisson sampling at their rate gives
 * @param expected the rows the day holds at the pooled rate, one row added to the clean days' count
 * @param chance the chance of {@code count} or more at the pooled rate
 * @param largestCleanDay the most rows one clean day held
 */
record RareCount(long count, double rows, double cleanCount, double cleanRows, boolean scattered, double expected,
    double chance, double largestCleanDay) {
  /**
   * The chance below which the clean counts' scatter is more than Poisson sampling at their rate gives. A few rows
   * among many days scatter by chance alone: a day of two copied rows among weeks of none is no sign of batches.
   */
  static final double SCATTER_SHOWN = 0.05;

  /** Rows the day must count: one row is an event, not yet a rate. */
  static final int MIN_COUNT = 2;

  /**
   * Whether the day's count, of at least {@link #MIN_COUNT} rows, is past chance below {@code maxChance}, on clean
   * days that hold to one rate, where the day expects less than one row or is no larger than the largest clean
   * day.
   */
  boolean pastChance(double maxChance) {
    return !scattered && (expected < 1 || rows <= largestCleanDay) && count >= MIN_COUNT && chance < maxChance;
  }

  /**
   * The day's count, {@code share} of {@code rows}, against the clean days' shares and rows. The pooled rate has
   * one row added to the clean days' count: a counter no clean day showed is rare, not impossible.
   */
  static RareCount of(double share, double rows, double[] cleanShares, double[] cleanRows) {
    double counted = 0;
    double total = 0;
    for (int i = 0; i < cleanShares.length; i++) {
      counted += cleanShares[i] * cleanRows[i];
      total += cleanRows[i];
    }
    boolean scattered = false;
    if (counted > 0 && cleanShares.length > 1) {
      double[] counts = new double[cleanShares.length];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = cleanShares[i] * cleanRows[i];
      }
      scattered = scatterChance(counts, cleanRows, chiSquare(counts, cleanRows, counted, total)) < SCATTER_SHOWN;
    }
    long count = Math.round(share * rows);
    double expected = (counted + 1) / total * rows;
    double chance = count <= 0 ? 1 : Gamma.regularizedGammaP(count, expected);
    return new RareCount(count, rows, counted, total, scattered, expected, chance,
        java.util.Arrays.stream(cleanRows).max().orElse(0));
  }

  /** Pearson's statistic of the counts against their days' rows at the pooled rate. */
  static double chiSquare(double[] counts, double[] rows, double counted, double total) {
    double out = 0;
    for (int i = 0; i < counts.length; i++) {
      double expected = counted / total * rows[i];
      out += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    return out;
  }

  /** Replicates of the clean days' counts drawn under Poisson sampling, for the scatter's chance. */
  static final int REPLICATES = 999;
  /** Counted rows from which the chi-square distribution gives the scatter's chance. */
  static final int ASYMPTOTIC_ROWS = 2000;

  /**
   * The chance that the clean counts scatter as far as {@code chiSquare} by sampling alone. Few counted rows over
   * many days are far from the chi-square distribution (one day of two among thirty days of none is no sign of
   * lumps, yet its statistic is large): their chance is drawn by laying the counted rows on the days at random,
   * each day taking its share of the rows, with a fixed seed so that a day is judged the same way every time.
   */
  static double scatterChance(double[] counts, double[] rows, double chiSquare) {
    double counted = java.util.Arrays.stream(counts).sum();
    int freedom = counts.length - 1;
    if (counted >= ASYMPTOTIC_ROWS) {
      return 1 - new ChiSquaredDistribution(freedom).cumulativeProbability(chiSquare);
    }
    double total = java.util.Arrays.stream(rows).sum();
    double[] cumulative = new double[rows.length];
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      sum += rows[i];
      cumulative[i] = sum / total;
    }
    long laid = Math.round(counted);
    java.util.SplittableRandom random = new java.util.SplittableRandom(0x5eed);
    double[] drawn = new double[counts.length];
    int asFar = 0;
    for (int r = 0; r < REPLICATES; r++) {
      java.util.Arrays.fill(drawn, 0);
      for (long k = 0; k < laid; k++) {
        int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        drawn[Math.min(rows.length - 1, at < 0 ? -at - 1 : at)]++;
      }
      if (chiSquare(drawn, rows, laid, total) >= chiSquare - 1e-9) {
        asFar++;
      }
    }
    return (asFar + 1.0) / (REPLICATES + 1.0);
  }

  /** "6 of 88 rows, where the clean days held 3 in 1490: as many by chance about once in 4.2e+06 such days". */
  String describe() {
    return String.format(java.util.Locale.ROOT, "%d of %.0f rows, where the clean days held %.0f in %.0f: "
        + "as many by chance about once in %s such days", count, rows, cleanCount, cleanRows,
        Signal.number(1 / chance));
  }
}
