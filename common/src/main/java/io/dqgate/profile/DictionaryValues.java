package io.dqgate.profile;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What a string column's value gives every metric, worked out once per entry of the Parquet dictionary
 * its batch is encoded with (a row group's): the value, its hash, whether it is blank, its number or day
 * and, for a categorical column, its counter in the day's accumulator. A dictionary-encoded column of
 * few values then costs a lookup per row instead of decoding, hashing and parsing every value.
 */
final class DictionaryValues {
  private static final MethodHandle DICTIONARY = getter(WritableColumnVector.class, "dictionary");
  /** Parquet's dictionary inside Spark's wrapper of it, which the reader makes anew for every batch. */
  private static final MethodHandle PARQUET_DICTIONARY = getter(
      org.apache.spark.sql.execution.datasources.parquet.ParquetDictionary.class, "dictionary");

  private Object dictionary;
  private DayAccumulator acc;
  private UTF8String[] values = new UTF8String[0];
  private long[] hashes = new long[0];
  private boolean[] blank = new boolean[0];
  private Double[] numbers = new Double[0];
  private int[] days = new int[0];
  private boolean[] swapped = new boolean[0];
  private long[][] counters = new long[0][];
  private boolean[] inDomain = new boolean[0];
  /** The batch's count of each entry (0 for an entry not in it), and its entries in the order first seen. */
  private int[] batchCounts = new int[0];
  private int[] batchOrder = new int[0];
  private int batchEntries;

  /**
   * The dictionary a batch's column is encoded with (the same object for every batch of a row group), or
   * null when its values are stored plain.
   */
  static Object dictionaryOf(ColumnVector v) {
    if (DICTIONARY == null || !(v instanceof WritableColumnVector w) || !w.hasDictionary()) {
      return null;
    }
    try {
      Object dictionary = DICTIONARY.invoke(w);
      if (PARQUET_DICTIONARY != null
          && dictionary instanceof org.apache.spark.sql.execution.datasources.parquet.ParquetDictionary) {
        Object inner = PARQUET_DICTIONARY.invoke(dictionary);
        return inner == null ? dictionary : inner;
      }
      return dictionary;
    } catch (Throwable e) {
      return null;
    }
  }

  /** Starts over when the dictionary or the accumulator changed (the counters are the accumulator's). */
  void use(Object dictionary, DayAccumulator acc) {
    if (this.dictionary != dictionary || this.acc != acc) {
      this.dictionary = dictionary;
      this.acc = acc;
      java.util.Arrays.fill(values, null);
      java.util.Arrays.fill(counters, null);
    }
  }

  /** Whether the entry was seen; {@link #learn} it first otherwise. */
  boolean known(int id) {
    return id < values.length && values[id] != null;
  }

  /** Reads an entry's value (row {@code r} of {@code v} holds it) and what it gives the metrics. */
  void learn(int id, ColumnVector v, int r, KernelLayout.Column c, TextValues text) {
    if (id >= values.length) {
      int size = Math.max(id + 1, values.length * 2);
      values = java.util.Arrays.copyOf(values, size);
      hashes = java.util.Arrays.copyOf(hashes, size);
      blank = java.util.Arrays.copyOf(blank, size);
      numbers = java.util.Arrays.copyOf(numbers, size);
      days = java.util.Arrays.copyOf(days, size);
      swapped = java.util.Arrays.copyOf(swapped, size);
      counters = java.util.Arrays.copyOf(counters, size);
      inDomain = java.util.Arrays.copyOf(inDomain, size);
      batchCounts = java.util.Arrays.copyOf(batchCounts, size);
      batchOrder = java.util.Arrays.copyOf(batchOrder, size);
    }
    UTF8String s = v.getUTF8String(r).clone();
    values[id] = s;
    hashes[id] = XXH64.hashUnsafeBytes(s.getBaseObject(), s.getBaseOffset(), s.numBytes(), DayAccumulator.SEED);
    blank[id] = DayAccumulator.isBlank(s);
    numbers[id] = c.numberIndex >= 0 ? text.number(s) : null;
    if (c.temporal && c.day >= 0) {
      days[id] = text.day(s);
      swapped[id] = days[id] == TextValues.NO_DAY && c.countSwapped && text.swapped(s);
    }
    counters[id] = null;
  }

  UTF8String value(int id) {
    return values[id];
  }

  long hash(int id) {
    return hashes[id];
  }

  boolean blank(int id) {
    return blank[id];
  }

  Double number(int id) {
    return numbers[id];
  }

  int day(int id) {
    return days[id];
  }

  boolean swapped(int id) {
    return swapped[id];
  }

  /**
   * Counts the entry's value in categorical column {@code i}: by its remembered counter while the column
   * keeps exact counts, else as {@link DayAccumulator#addCategory} counts a value.
   */
  void countCategory(int i, int id, int limit) {
    countCategory(i, id, limit, 1);
  }

  /** As above, {@code count} values of the entry at once. */
  private void countCategory(int i, int id, int limit, long count) {
    long[] counter = counters[id];
    if (counter != null && !acc.categoryOverflow[i]) {
      counter[0] += count;
      if (!inDomain[id]) {
        acc.outOfDomain[i] += count;
      }
      return;
    }
    long outside = acc.outOfDomain[i];
    acc.addCategory(i, values[id], limit);
    boolean in = acc.outOfDomain[i] == outside;
    if (!in) {
      acc.outOfDomain[i] += count - 1;
    }
    if (!acc.categoryOverflow[i]) {
      counters[id] = acc.categories[i].get(values[id]);
      counters[id][0] += count - 1;
      inDomain[id] = in;
    }
  }

  /** Counts one value of the entry in the batch being read ({@link #endCategoryBatch} adds them up). */
  void countInBatch(int id) {
    if (batchCounts[id]++ == 0) {
      batchOrder[batchEntries++] = id;
    }
  }

  /**
   * Adds the batch's counts to categorical column {@code i}, entry by entry, as {@link #countCategory}
   * would value by value; returns how many of the batch's values are blank.
   */
  long endCategoryBatch(int i, int limit) {
    long blankValues = 0;
    for (int j = 0; j < batchEntries; j++) {
      int id = batchOrder[j];
      int count = batchCounts[id];
      batchCounts[id] = 0;
      if (blank[id]) {
        blankValues += count;
      }
      countCategory(i, id, limit, count);
    }
    batchEntries = 0;
    return blankValues;
  }

  /** A getter of a field Spark keeps to itself; null (every batch then read value by value) if it is gone. */
  static MethodHandle getter(Class<?> owner, String name) {
    try {
      java.lang.reflect.Field field = owner.getDeclaredField(name);
      field.setAccessible(true);
      return MethodHandles.lookup().unreflectGetter(field);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
