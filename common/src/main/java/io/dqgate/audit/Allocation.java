package io.dqgate.audit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How many rows each stratum of an audit sample aims at. The sample is {@code fraction} of the day's rows:
 * a quarter of it goes to ordinary rows (rows no finding touches, so a reviewer sees what normal looks
 * like), the rest is split evenly over the findings' strata, a stratum smaller than its share giving the
 * rest to the others; each stratum gets at least {@link #MIN_PER_STRATUM} rows (or all it has), so a tiny
 * fraction still shows every finding.
 *
 * @param strata the rows each stratum aims at, in the order of the strata
 * @param ordinary the rows aimed at among the ordinary rows
 */
public record Allocation(long[] strata, long ordinary) {
  public static final int MIN_PER_STRATUM = 5;
  static final double ORDINARY_SHARE = 0.25;

  /**
   * @param rows the day's rows
   * @param strataRows rows carrying each stratum's defect
   * @param ordinaryRows rows carrying none
   */
  public static Allocation of(long rows, long[] strataRows, long ordinaryRows, double fraction) {
    long budget = Math.max(1, (long) Math.ceil(fraction * rows));
    if (strataRows.length == 0) {
      return new Allocation(new long[0], Math.min(ordinaryRows, budget));
    }
    long ordinaryTarget = Math.min(ordinaryRows, (long) Math.ceil(budget * ORDINARY_SHARE));
    long left = budget - ordinaryTarget;
    long[] quota = new long[strataRows.length];
    Integer[] smallestFirst = IntStream.range(0, strataRows.length).boxed()
        .sorted(Comparator.comparingLong(i -> strataRows[i])).toArray(Integer[]::new);
    for (int k = 0; k < smallestFirst.length; k++) {
      int i = smallestFirst[k];
      long share = (long) Math.ceil(left / (double) (smallestFirst.length - k));
      quota[i] = Math.min(strataRows[i], Math.max(share, MIN_PER_STRATUM));
      left = Math.max(0, left - quota[i]);
    }
    long ordinary = Math.min(ordinaryRows, ordinaryTarget + left);
    return new Allocation(quota, ordinary);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Allocation a && Arrays.equals(strata, a.strata) && ordinary == a.ordinary;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(strata) + Long.hashCode(ordinary);
  }

  @Override
  public String toString() {
    return "Allocation" + Arrays.toString(strata) + " + " + ordinary + " ordinary";
  }
}
