package io.dqgate.profile;

import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.sql.catalyst.expressions.XXH64;

/**
 * The ints a column has held in one task (a date column's epoch days, or a numeric column's whole
 * values), for its distinct count: a bitmap over a window around the first one, and the ints in the
 * order they were first seen. At the end ({@link #finish}) the column's HLL sketch gets each int's hash
 * once, in that order: a sketch's state depends only on the order of first occurrences, so it ends as if
 * it had been updated value by value, where a column of thousands of values would have missed the
 * recent-hash filter and updated the sketch for most values. An int outside the window, or a value the
 * caller does not take as an int, gives the sketch what it is owed and hands the column back to
 * value-by-value updates.
 */
final class DistinctInts {
  static final int DAY_WINDOW = 1 << 16;
  /** Wide enough for identifiers up to about 260,000 from any first value among them (64 KiB). */
  static final int NUMBER_WINDOW = 1 << 19;

  private final int window;
  private final boolean numbers;
  private HllSketch owed;
  private long[] bitmap;
  private long base;
  private int[] firstSeen = new int[64];
  private int seen;

  private DistinctInts(HllSketch distinct, int window, boolean numbers) {
    this.owed = distinct;
    this.window = window;
    this.numbers = numbers;
  }

  /** A date column's days, hashed as Spark's {@code xxhash64} hashes a date. */
  static DistinctInts days(HllSketch distinct) {
    return new DistinctInts(distinct, DAY_WINDOW, false);
  }

  /** A numeric column's whole values, hashed as their doubles ({@link DayAccumulator#doubleHash}). */
  static DistinctInts wholeNumbers(HllSketch distinct) {
    return new DistinctInts(distinct, NUMBER_WINDOW, true);
  }

  /** Takes the int on; false when the caller adds its hash to the sketch itself (outside the window). */
  boolean add(int x) {
    if (owed == null) {
      return false;
    }
    if (bitmap == null) {
      bitmap = new long[window / 64];
      base = (long) x - window / 2;
    }
    long offset = x - base;
    if (offset < 0 || offset >= window) {
      finish();
      return false;
    }
    long bit = 1L << offset;
    int word = (int) (offset >>> 6);
    if ((bitmap[word] & bit) == 0) {
      bitmap[word] |= bit;
      if (seen == firstSeen.length) {
        firstSeen = Arrays.copyOf(firstSeen, seen * 2);
      }
      firstSeen[seen++] = x;
    }
    return true;
  }

  /** Gives the sketch the ints' hashes it is owed; later values are the caller's to add. */
  void finish() {
    if (owed != null) {
      for (int j = 0; j < seen; j++) {
        int x = firstSeen[j];
        owed.update(numbers ? DayAccumulator.doubleHash(x) : XXH64.hashInt(x, DayAccumulator.SEED));
      }
      owed = null;
      bitmap = null;
      firstSeen = null;
    }
  }
}
