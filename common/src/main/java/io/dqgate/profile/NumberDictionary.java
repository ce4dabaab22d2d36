package io.dqgate.profile;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * A numeric column's Parquet dictionary (a row group's): each entry's value as a double and its hash, read
 * once, and how often the batch being read holds each entry, in the order the entries first occur in it.
 * A dictionary-encoded column then gives its quantiles and distinct count one update per entry and batch
 * ({@link DayAccumulator#addQuantiles}) instead of one per value.
 */
final class NumberDictionary {
  private static final long LARGEST_EXACT_LONG = 1L << 53;

  private Object dictionary;
  private boolean[] known = new boolean[0];
  double[] values = new double[0];
  /** The hash each entry gives the row's hashes. */
  long[] hashes = new long[0];
  /** The hash each entry gives the distinct count ({@link DayAccumulator#doubleHash}). */
  long[] distinctHashes = new long[0];
  /** The batch's count of each entry; 0 for an entry not in it. */
  private long[] counts = new long[0];
  /** The batch's entries in the order they first occur in it. */
  private int[] order = new int[0];
  private int entries;

  /** Starts over when the batch is encoded with another dictionary. */
  void use(Object dictionary) {
    if (this.dictionary != dictionary) {
      this.dictionary = dictionary;
      Arrays.fill(known, false);
    }
  }

  boolean known(int id) {
    return id < known.length && known[id];
  }

  /**
   * Reads the entry's value from row {@code r} of {@code v}, which holds it: its double and the hash the
   * row's hashes take for it (a long past 2^53, which a double no longer tells apart, its own).
   */
  void learn(int id, ColumnVector v, int r, VectorColumns.Stored stored) {
    if (id >= known.length) {
      int size = Math.max(id + 1, known.length * 2);
      known = Arrays.copyOf(known, size);
      values = Arrays.copyOf(values, size);
      hashes = Arrays.copyOf(hashes, size);
      distinctHashes = Arrays.copyOf(distinctHashes, size);
      counts = Arrays.copyOf(counts, size);
      order = Arrays.copyOf(order, size);
    }
    double d;
    long hash;
    if (stored == VectorColumns.Stored.LONG) {
      long x = v.getLong(r);
      d = x;
      hash = x >= -LARGEST_EXACT_LONG && x <= LARGEST_EXACT_LONG ? DayAccumulator.doubleHash(d)
          : XXH64.hashLong(x, DayAccumulator.SEED);
    } else {
      d = stored == VectorColumns.Stored.INT ? v.getInt(r) : v.getDouble(r);
      hash = DayAccumulator.doubleHash(d);
    }
    values[id] = d;
    hashes[id] = hash;
    distinctHashes[id] = DayAccumulator.doubleHash(d);
    known[id] = true;
  }

  /** Counts one value of the entry in this batch. */
  void count(int id) {
    if (counts[id]++ == 0) {
      order[entries++] = id;
    }
  }

  /** How many entries the batch holds. */
  int batchEntries() {
    return entries;
  }

  /** The batch's {@code j}-th entry in the order of first occurrence. */
  int batchEntry(int j) {
    return order[j];
  }

  long batchCount(int id) {
    return counts[id];
  }

  /** Forgets the batch's counts. */
  void endBatch() {
    for (int j = 0; j < entries; j++) {
      counts[order[j]] = 0;
    }
    entries = 0;
  }
}
