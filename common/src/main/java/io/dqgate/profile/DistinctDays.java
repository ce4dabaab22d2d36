package io.dqgate.profile;

import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.sql.catalyst.expressions.XXH64;

/**
 * The days a date column has held in one task, for its distinct count: a bitmap over a window of
 * {@link #WINDOW} days around the first one, and the days in the order they were first seen. At the end
 * ({@link #finish}) the column's HLL sketch gets each day's hash once, in that order: a sketch's state
 * depends only on the order of first occurrences, so it ends as if it had been updated value by value,
 * where a date column of a few thousand days would have missed the recent-hash filter and updated the
 * sketch for most values. A day outside the window gives the sketch what it is owed and hands the
 * column back to value-by-value updates.
 */
final class DistinctDays {
  static final int WINDOW = 1 << 16;

  private HllSketch owed;
  private long[] bitmap;
  private int base;
  private int[] firstSeen = new int[64];
  private int seen;

  DistinctDays(HllSketch distinct) {
    this.owed = distinct;
  }

  /** Takes the day on; false when the caller adds its hash to the sketch itself (outside the window). */
  boolean add(int day) {
    if (owed == null) {
      return false;
    }
    if (bitmap == null) {
      bitmap = new long[WINDOW / 64];
      base = day - WINDOW / 2;
    }
    int offset = day - base;
    if (offset < 0 || offset >= WINDOW) {
      finish();
      return false;
    }
    long bit = 1L << offset;
    int word = offset >>> 6;
    if ((bitmap[word] & bit) == 0) {
      bitmap[word] |= bit;
      if (seen == firstSeen.length) {
        firstSeen = Arrays.copyOf(firstSeen, seen * 2);
      }
      firstSeen[seen++] = day;
    }
    return true;
  }

  /** Gives the sketch the days' hashes it is owed; later days are the caller's to add. */
  void finish() {
    if (owed != null) {
      for (int j = 0; j < seen; j++) {
        owed.update(XXH64.hashInt(firstSeen[j], DayAccumulator.SEED));
      }
      owed = null;
      bitmap = null;
      firstSeen = null;
    }
  }
}
