package io.dqgate.audit;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * How many rows an audit sample draws from each profile of the day (the rows that carry exactly the same
 * strata). The sample is {@code fraction} of the day's rows. A tenth of it ({@link #ORDINARY_SHARE}, at least
 * one row) goes to ordinary rows, so a reviewer sees what normal looks like; the rest goes to rows that carry
 * findings. A drawn row counts for every stratum it carries, so the strata are filled together: every stratum
 * aims at the same multiple of its share of the day (capped at all its rows), and the multiple is the highest
 * whose rows fit the budget; the strata that multiple holds at their aim are fixed there, and the others aim
 * higher with what is left (progressive filling: the least over-represented stratum is as high as the day
 * allows, then the next). Rows that close the most of the strata's remaining gaps are taken first, which
 * favours rows carrying several findings. Every stratum gets at least {@link #MIN_PER_STRATUM} rows (or all it
 * has), beyond the budget if need be, so a tiny fraction still shows every finding. When every stratum's rows
 * all fit, what is left of the budget goes to ordinary rows.
 *
 * @param profiles the rows drawn from each profile, in the order of the profiles given
 * @param ordinary the rows drawn from the ordinary rows
 */
public record Allocation(long[] profiles, long ordinary) {
  public static final int MIN_PER_STRATUM = 5;
  static final double ORDINARY_SHARE = 0.1;
  /** Picks per cover at most: on a large budget rows are taken in batches of budget / this. */
  private static final long MAX_PICKS = 500;

  /** The day's rows that carry exactly the strata {@code strata} (indexes into the list of strata). */
  public record Profile(BitSet strata, long rows) {
    public Profile {
      strata = (BitSet) strata.clone();
    }

    @Override
    public BitSet strata() {
      return (BitSet) strata.clone();
    }
  }

  /**
   * @param rows the day's rows
   * @param strataCount how many strata there are
   * @param flagged the profiles of the rows that carry at least one stratum
   * @param ordinaryRows rows carrying none
   */
  public static Allocation of(long rows, int strataCount, List<Profile> flagged, long ordinaryRows,
      double fraction) {
    long budget = Math.max(1, (long) Math.ceil(fraction * rows));
    if (flagged.isEmpty()) {
      return new Allocation(new long[0], Math.min(ordinaryRows, budget));
    }
    long ordinary = Math.min(ordinaryRows, Math.max(1, (long) Math.ceil(budget * ORDINARY_SHARE)));
    Filling filling = new Filling(strataCount, flagged, budget, rows, Math.max(0, budget - ordinary));
    Cover cover = filling.fill();
    if (cover.allRows(filling.dayRows)) {
      ordinary = Math.min(ordinaryRows, ordinary + Math.max(0, filling.flaggedBudget - cover.used));
    }
    return new Allocation(cover.take, ordinary);
  }

  /** Rows of the sample that carry each stratum: every drawn row counts for all the strata it carries. */
  public long[] strataRows(int strataCount, List<Profile> flagged) {
    long[] out = new long[strataCount];
    for (int p = 0; p < flagged.size(); p++) {
      BitSet s = flagged.get(p).strata();
      for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
        out[i] += profiles[p];
      }
    }
    return out;
  }

  /** Rows drawn in all. */
  public long total() {
    return Arrays.stream(profiles).sum() + ordinary;
  }

  /** The progressive filling of the flagged part of the budget. */
  private static final class Filling {
    private final int[][] members;
    private final long[] available;
    private final long[] dayRows;
    private final long[] floor;
    private final long budget;
    private final long rows;
    private final long flaggedBudget;
    private final long batch;

    Filling(int strataCount, List<Profile> flagged, long budget, long rows, long flaggedBudget) {
      this.members = new int[flagged.size()][];
      this.available = new long[flagged.size()];
      this.dayRows = new long[strataCount];
      for (int p = 0; p < flagged.size(); p++) {
        members[p] = flagged.get(p).strata().stream().toArray();
        available[p] = flagged.get(p).rows();
        for (int i : members[p]) {
          dayRows[i] += available[p];
        }
      }
      this.floor = Arrays.stream(dayRows).map(d -> Math.min(MIN_PER_STRATUM, d)).toArray();
      this.budget = budget;
      this.rows = rows;
      this.flaggedBudget = flaggedBudget;
      this.batch = Math.max(1, flaggedBudget / MAX_PICKS);
    }

    Cover fill() {
      long[] fixed = new long[dayRows.length];
      Arrays.fill(fixed, -1);
      for (int i = 0; i < dayRows.length; i++) {
        if (dayRows[i] == 0) {
          fixed[i] = 0;
        }
      }
      Cover last = cover(aims(0, fixed), Long.MAX_VALUE);
      if (last.used > flaggedBudget) {
        return last;
      }
      // at this multiple every stratum aims at all its rows
      double top = rows / (double) budget;
      while (Arrays.stream(fixed).anyMatch(f -> f < 0)) {
        double lo = 0;
        if (fits(aims(top, fixed))) {
          lo = top;
        } else {
          double hi = top;
          // until the multiple is known to a twentieth of a row of the largest unfixed stratum
          double rowsPerMultiple = 1;
          for (int i = 0; i < dayRows.length; i++) {
            if (fixed[i] < 0) {
              rowsPerMultiple = Math.max(rowsPerMultiple, dayRows[i] * (double) budget / rows);
            }
          }
          while ((hi - lo) * rowsPerMultiple > 0.05) {
            double mid = (lo + hi) / 2;
            if (fits(aims(mid, fixed))) {
              lo = mid;
            } else {
              hi = mid;
            }
          }
        }
        long[] aims = aims(lo, fixed);
        Cover next = cover(aims, Long.MAX_VALUE);
        if (!next.met || next.used > flaggedBudget) {
          // the greedy cover found no room above what the last round drew: keep that
          return last;
        }
        last = next;
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < dayRows.length; i++) {
          if (fixed[i] < 0) {
            lowest = Math.min(lowest, last.got[i] / (double) dayRows[i]);
          }
        }
        for (int i = 0; i < dayRows.length; i++) {
          if (fixed[i] < 0 && last.got[i] / (double) dayRows[i] <= lowest) {
            fixed[i] = aims[i];
          }
        }
      }
      return last;
    }

    /** Each stratum's aim: its fixed rows, or {@code multiple} times its share of the sample, within its bounds. */
    private long[] aims(double multiple, long[] fixed) {
      long[] out = new long[dayRows.length];
      for (int i = 0; i < out.length; i++) {
        long aim = (long) Math.ceil(multiple * dayRows[i] * budget / rows - 1e-9);
        out[i] = fixed[i] >= 0 ? fixed[i] : Math.min(dayRows[i], Math.max(floor[i], aim));
      }
      return out;
    }

    private boolean fits(long[] aims) {
      Cover c = cover(aims, flaggedBudget);
      return c.met && c.used <= flaggedBudget;
    }

    /**
     * Rows that give every stratum its aim, greedily: each pick takes rows of the profile that closes the most
     * of the strata's remaining gaps (each gap as a share of its aim; ties: the profile carrying more strata,
     * then the earlier one). Stops once more than {@code limit} rows are taken.
     */
    private Cover cover(long[] aims, long limit) {
      long[] left = available.clone();
      long[] got = new long[dayRows.length];
      long[] take = new long[members.length];
      long used = 0;
      while (used <= limit) {
        int best = -1;
        double bestScore = 0;
        for (int p = 0; p < members.length; p++) {
          if (left[p] == 0) {
            continue;
          }
          double score = 0;
          for (int i : members[p]) {
            if (got[i] < aims[i]) {
              score += (aims[i] - got[i]) / (double) aims[i];
            }
          }
          if (score > bestScore || score > 0 && score == bestScore && members[p].length > members[best].length) {
            best = p;
            bestScore = score;
          }
        }
        if (best < 0) {
          break;
        }
        long n = Math.min(left[best], batch);
        for (int i : members[best]) {
          if (got[i] < aims[i]) {
            n = Math.min(n, aims[i] - got[i]);
          }
        }
        left[best] -= n;
        take[best] += n;
        used += n;
        for (int i : members[best]) {
          got[i] += n;
        }
      }
      boolean met = true;
      for (int i = 0; i < aims.length; i++) {
        met &= got[i] >= aims[i];
      }
      return new Cover(take, got, used, met);
    }
  }

  private record Cover(long[] take, long[] got, long used, boolean met) {
    boolean allRows(long[] dayRows) {
      return Arrays.equals(got, dayRows);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Allocation a && Arrays.equals(profiles, a.profiles) && ordinary == a.ordinary;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(profiles) + Long.hashCode(ordinary);
  }

  @Override
  public String toString() {
    return "Allocation" + Arrays.toString(profiles) + " + " + ordinary + " ordinary";
  }
}
