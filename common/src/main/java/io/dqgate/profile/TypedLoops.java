package io.dqgate.profile;

import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The common shapes of a batch's column, each in a loop of its own: numbers stored as longs, ints or
 * doubles, dates, dictionary-encoded categories and plain text. A loop that sees one storage and one use
 * of its values compiles once to straight code, where the general loops (over every storage and use)
 * branch per value and are compiled again each time another column's values change what the compiler had
 * seen. Each loop sends the accumulator what the general loops send it for the same values.
 */
final class TypedLoops {
  private static final long LARGEST_EXACT_LONG = 1L << 53;
  /** Entries of a numeric column's dictionary up to which its batches are counted by entry. */
  static final int SMALL_DICTIONARY = 1 << 10;

  private TypedLoops() {}

  /** Adds a numeric column's batch; false (nothing added) for a column these loops do not read. */
  static boolean addNumbers(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i, ColumnVector v,
      int n, VectorColumns.Stored stored) {
    if (!c.numeric || c.numberIndex < 0) {
      return false;
    }
    Object dictionary = stored == VectorColumns.Stored.LONG || stored == VectorColumns.Stored.INT
        || stored == VectorColumns.Stored.DOUBLE ? DictionaryValues.dictionaryOf(v) : null;
    // a larger dictionary's entries, read at random, would miss the cache where decoding them does not
    if (dictionary instanceof org.apache.parquet.column.Dictionary d && d.getMaxId() < SMALL_DICTIONARY) {
      dictionaryNumbers(columns, acc, c, i, v, n, stored, columns.numberDictionary(i, dictionary));
      return true;
    }
    switch (stored) {
      case LONG -> longs(columns, acc, c, i, v, n);
      case INT -> ints(columns, acc, c, i, v, n);
      case DOUBLE -> doubles(columns, acc, c, i, v, n);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void longs(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i, ColumnVector v,
      int n) {
    double[] values = columns.numbers(c.numberIndex);
    boolean[] present = columns.present(c.numberIndex);
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    for (int r = 0; r < n; r++) {
      if (nulls && v.isNullAt(r)) {
        hashes[r] = VectorColumns.NULL_HASH;
        present[r] = false;
        continue;
      }
      long x = v.getLong(r);
      double d = x;
      long hash = acc.addQuantile(i, d);
      // past 2^53 a double no longer tells longs apart: the row's hashes take the long's own
      hashes[r] = x >= -LARGEST_EXACT_LONG && x <= LARGEST_EXACT_LONG ? hash
          : XXH64.hashLong(x, DayAccumulator.SEED);
      values[r] = d;
      present[r] = true;
    }
    acc.addMoments(c, i, values, present, n, !nulls);
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nulls ? nonNull(present, n) : n;
  }

  private static void ints(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i, ColumnVector v,
      int n) {
    double[] values = columns.numbers(c.numberIndex);
    boolean[] present = columns.present(c.numberIndex);
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    for (int r = 0; r < n; r++) {
      if (nulls && v.isNullAt(r)) {
        hashes[r] = VectorColumns.NULL_HASH;
        present[r] = false;
        continue;
      }
      double d = v.getInt(r);
      hashes[r] = acc.addQuantile(i, d);
      values[r] = d;
      present[r] = true;
    }
    acc.addMoments(c, i, values, present, n, !nulls);
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nulls ? nonNull(present, n) : n;
  }

  private static void doubles(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i,
      ColumnVector v, int n) {
    double[] values = columns.numbers(c.numberIndex);
    boolean[] present = columns.present(c.numberIndex);
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    for (int r = 0; r < n; r++) {
      if (nulls && v.isNullAt(r)) {
        hashes[r] = VectorColumns.NULL_HASH;
        present[r] = false;
        continue;
      }
      double d = v.getDouble(r);
      hashes[r] = acc.addQuantile(i, d);
      values[r] = d;
      present[r] = true;
    }
    acc.addMoments(c, i, values, present, n, !nulls);
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nulls ? nonNull(present, n) : n;
  }

  /**
   * A dictionary-encoded batch of longs, ints or doubles: each entry's value and hashes read once, the rows
   * counted by entry, the quantiles and distinct count given each entry once ({@link
   * DayAccumulator#addQuantiles}).
   */
  private static void dictionaryNumbers(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i,
      ColumnVector v, int n, VectorColumns.Stored stored, NumberDictionary entries) {
    double[] values = columns.numbers(c.numberIndex);
    boolean[] present = columns.present(c.numberIndex);
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    int[] ids = VectorArrays.ints(((WritableColumnVector) v).getDictionaryIds(), n, columns.intScratch());
    for (int r = 0; r < n; r++) {
      if (nulls && v.isNullAt(r)) {
        hashes[r] = VectorColumns.NULL_HASH;
        present[r] = false;
        continue;
      }
      int id = ids[r];
      if (!entries.known(id)) {
        entries.learn(id, v, r, stored);
      }
      values[r] = entries.values[id];
      hashes[r] = entries.hashes[id];
      present[r] = true;
      entries.count(id);
    }
    acc.addQuantiles(i, entries);
    acc.addMoments(c, i, values, present, n, !nulls);
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nulls ? nonNull(present, n) : n;
  }

  private static long nonNull(boolean[] present, int n) {
    long count = 0;
    for (int r = 0; r < n; r++) {
      if (present[r]) {
        count++;
      }
    }
    return count;
  }

  /** Adds a date column's batch (its days and their hashes); false for a column this loop does not read. */
  static boolean addDates(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i, ColumnVector v,
      int n, VectorColumns.Stored stored) {
    if (stored != VectorColumns.Stored.DATE || !c.temporal || c.numberIndex >= 0) {
      return false;
    }
    boolean nulls = v.hasNull();
    int[] days = days(columns, i, v, n, nulls);
    long[] hashes = columns.columnHashes();
    IntHashes recent = columns.intHashes(i);
    DistinctInts seen = acc.daysSeen(i);
    // the day's counters in locals for the batch: stored to the accumulator's arrays, they would be
    // reloaded after every call the loop makes
    long parsed = acc.parsed[i];
    long before = parsed;
    int low = parsed == 0 ? Integer.MAX_VALUE : acc.minDay[i];
    int high = parsed == 0 ? Integer.MIN_VALUE : acc.maxDay[i];
    long future = 0;
    long beforeFloor = 0;
    long today = acc.epochDay();
    int floor = c.floorEpochDay;
    for (int r = 0; r < n; r++) {
      if (nulls && v.isNullAt(r)) {
        hashes[r] = VectorColumns.NULL_HASH;
        continue;
      }
      int day = days[r];
      long hash = recent.of(day);
      hashes[r] = hash;
      parsed++;
      if (!seen.add(day)) {
        acc.addDistinct(i, hash);
      }
      low = Math.min(low, day);
      high = Math.max(high, day);
      if (day > today) {
        future++;
      }
      if (day < floor) {
        beforeFloor++;
      }
    }
    if (parsed > 0) {
      acc.minDay[i] = low;
      acc.maxDay[i] = high;
    }
    acc.parsed[i] = parsed;
    acc.future[i] += future;
    acc.beforeFloor[i] += beforeFloor;
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += parsed - before;
    return true;
  }

  /**
   * A date batch's days, row by row (a null row's is any int): a dictionary-encoded batch's decoded from
   * the dictionary's days read once per dictionary ({@link VectorColumns#dayDictionary}), a plain one's
   * the vector's own.
   */
  private static int[] days(VectorColumns columns, int i, ColumnVector v, int n, boolean nulls) {
    Object dictionary = DictionaryValues.dictionaryOf(v);
    if (!(dictionary instanceof org.apache.parquet.column.Dictionary d)) {
      return VectorArrays.ints(v, n, columns.intScratch());
    }
    int[] table = columns.dayDictionary(i, d);
    int[] ids = VectorArrays.ints(((WritableColumnVector) v).getDictionaryIds(), n, columns.intScratch());
    int[] days = columns.dayScratch();
    for (int r = 0; r < n; r++) {
      // a null row's id may be left from another dictionary's batch
      days[r] = nulls && v.isNullAt(r) ? 0 : table[ids[r]];
    }
    return days;
  }

  /**
   * The xxhash64 of the ints an int column (a date's epoch day, a line number) held last, by the int's low
   * bits: a date column's days mostly fall within a few years, and a small key component repeats.
   */
  static final class IntHashes {
    private static final int SIZE = 1 << 12;
    private final int[] ints = new int[SIZE];
    private final long[] hashes = new long[SIZE];

    IntHashes() {
      for (int slot = 0; slot < SIZE; slot++) {
        ints[slot] = slot + 1; // never found in this slot: no int maps to the slot after its own
      }
    }

    long of(int x) {
      int slot = x & (SIZE - 1);
      if (ints[slot] != x) {
        ints[slot] = x;
        hashes[slot] = XXH64.hashInt(x, DayAccumulator.SEED);
      }
      return hashes[slot];
    }
  }

  /**
   * Adds a long or int column's batch whose values are kept for their distinct count only (an identifier,
   * a key component); false for a column this loop does not read.
   */
  static boolean addIds(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i, ColumnVector v,
      int n, VectorColumns.Stored stored) {
    if (!c.distinct || c.numeric || c.categorical || c.temporal || c.numberIndex >= 0) {
      return false;
    }
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    long nonNull = 0;
    if (stored == VectorColumns.Stored.LONG) {
      // an identifier's rows often come sorted by it, a value on several rows: its hash is taken once
      long last = 0;
      long lastHash = XXH64.hashLong(last, DayAccumulator.SEED);
      for (int r = 0; r < n; r++) {
        if (nulls && v.isNullAt(r)) {
          hashes[r] = VectorColumns.NULL_HASH;
          continue;
        }
        long x = v.getLong(r);
        if (x != last) {
          last = x;
          lastHash = XXH64.hashLong(x, DayAccumulator.SEED);
        }
        hashes[r] = lastHash;
        nonNull++;
        acc.addDistinct(i, lastHash);
      }
    } else if (stored == VectorColumns.Stored.INT) {
      IntHashes recent = columns.intHashes(i);
      for (int r = 0; r < n; r++) {
        if (nulls && v.isNullAt(r)) {
          hashes[r] = VectorColumns.NULL_HASH;
          continue;
        }
        long hash = recent.of(v.getInt(r));
        hashes[r] = hash;
        nonNull++;
        acc.addDistinct(i, hash);
      }
    } else {
      return false;
    }
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nonNull;
    return true;
  }

  /**
   * Adds a categorical text column's dictionary-encoded batch, each entry's value worked out once; false
   * for a column this loop does not read.
   */
  static boolean addCategories(VectorColumns columns, DayAccumulator acc, KernelLayout layout, int i, ColumnVector v,
      int n, DictionaryValues entries, TextValues reader) {
    KernelLayout.Column c = layout.columns[i];
    if (entries == null || !c.categorical || c.distinct || c.numberIndex >= 0) {
      return false;
    }
    int[] ids = VectorArrays.ints(((WritableColumnVector) v).getDictionaryIds(), n, columns.intScratch());
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    long nonNull = 0;
    for (int r = 0; r < n; r++) {
      if (nulls && v.isNullAt(r)) {
        hashes[r] = VectorColumns.NULL_HASH;
        continue;
      }
      int id = ids[r];
      if (!entries.known(id)) {
        entries.learn(id, v, r, c, reader);
      }
      hashes[r] = entries.hash(id);
      nonNull++;
      entries.countInBatch(id);
    }
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nonNull;
    acc.empty[i] += entries.endCategoryBatch(i, layout.categoryLimit);
    return true;
  }

  /**
   * Adds a text column's plain (not dictionary-encoded) batch whose values are kept for their distinct
   * count only; false for a column this loop does not read.
   */
  static boolean addText(VectorColumns columns, DayAccumulator acc, KernelLayout.Column c, int i, ColumnVector v,
      int n, DictionaryValues entries) {
    if (entries != null || !c.distinct || c.numeric || c.categorical || c.temporal || c.numberIndex >= 0) {
      return false;
    }
    boolean nulls = v.hasNull();
    long[] hashes = columns.columnHashes();
    long nonNull = 0;
    long empty = 0;
    byte[] bytes = VectorArrays.bytes(v);
    if (bytes != null) {
      OnHeapColumnVector w = (OnHeapColumnVector) v;
      for (int r = 0; r < n; r++) {
        if (nulls && w.isNullAt(r)) {
          hashes[r] = VectorColumns.NULL_HASH;
          continue;
        }
        int at = w.getArrayOffset(r);
        int length = w.getArrayLength(r);
        long hash = XXH64.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET + at, length, DayAccumulator.SEED);
        hashes[r] = hash;
        nonNull++;
        if (isBlank(bytes, at, length)) {
          empty++;
        }
        acc.addDistinct(i, hash);
      }
    } else {
      for (int r = 0; r < n; r++) {
        if (nulls && v.isNullAt(r)) {
          hashes[r] = VectorColumns.NULL_HASH;
          continue;
        }
        UTF8String s = v.getUTF8String(r);
        long hash = XXH64.hashUnsafeBytes(s.getBaseObject(), s.getBaseOffset(), s.numBytes(), DayAccumulator.SEED);
        hashes[r] = hash;
        nonNull++;
        if (DayAccumulator.isBlank(s)) {
          empty++;
        }
        acc.addDistinct(i, hash);
      }
    }
    columns.foldColumn(i, n, v, nulls);
    acc.nonNull[i] += nonNull;
    acc.empty[i] += empty;
    return true;
  }

  /** {@link DayAccumulator#isBlank} of the value at {@code at} for {@code length} bytes. */
  private static boolean isBlank(byte[] bytes, int at, int length) {
    for (int k = at, end = at + length; k < end; k++) {
      if (bytes[k] != ' ') {
        return false;
      }
    }
    return true;
  }
}
