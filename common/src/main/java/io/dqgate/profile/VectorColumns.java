package io.dqgate.profile;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The scan kernel's work on the scan's own column vectors (Parquet's and ORC's vectorized readers): a
 * batch is taken a column at a time, each column in one loop over its values, updating the same
 * {@link DayAccumulator} the row path does with the same values. A string is hashed once: the one
 * xxhash64 is its distinct hash and its share of the row's and key's hashes, which combine the values'
 * hashes column by column (rows equal up to 64-bit value hashes and 128-bit row hashes share them).
 */
final class VectorColumns implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A null value's share of its row's hashes. */
  static final long NULL_HASH = 0x6a09e667f3bcc909L;
  private static final long MULTIPLIER_1 = 0x9E3779B97F4A7C15L;
  private static final long MULTIPLIER_2 = 0xC2B2AE3D27D4EB4FL;

  /** How a column's values are stored in its vector. */
  enum Stored { STRING, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP }

  /** Per profiled column: its vector in the batch, how it is stored, and its text reader (string columns). */
  final int[] vector;
  final Stored[] stored;
  final int[] precision;
  final int[] scale;
  final boolean[] inKey;
  final TextValues[] text;
  final String zone;
  private transient long[] rowHash1;
  private transient long[] rowHash2;
  private transient long[] keyHash;
  private transient long[] columnHashes;
  private transient boolean[] keyNull;
  private transient double[][] values;
  private transient boolean[][] present;
  private transient double[] rowValues;
  private transient boolean[] rowPresent;
  private transient double[] scratch;
  private transient java.time.ZoneId zoneId;
  private transient DictionaryValues[] dictionaries;
  private transient TypedLoops.IntHashes[] intHashes;
  private transient NumberDictionary[] numberDictionaries;
  private transient boolean keyed;
  private transient int[] intScratch;
  private transient int[] dayScratch;
  /** Per date column, the Parquet dictionary its last dictionary-encoded batch had, and its days. */
  private transient Object[] dayDictionaries;
  private transient int[][] dictionaryDays;

  VectorColumns(int[] vector, Stored[] stored, int[] precision, int[] scale, boolean[] inKey, TextValues[] text,
      String zone) {
    this.vector = vector;
    this.stored = stored;
    this.precision = precision;
    this.scale = scale;
    this.inKey = inKey;
    this.text = text;
    this.zone = zone;
  }

  /** Adds every row of the batch to the day's accumulator. */
  void add(DayAccumulator acc, KernelLayout layout, ColumnarBatch batch) {
    int n = batch.numRows();
    keyed = layout.keyHash >= 0;
    prepare(layout, n);
    acc.rows += n;
    KernelLayout.Column[] columns = layout.columns;
    for (int i = 0; i < columns.length; i++) {
      ColumnVector v = batch.column(vector[i]);
      if (stored[i] == Stored.STRING) {
        addStrings(acc, layout, i, v, n);
      } else if (!TypedLoops.addNumbers(this, acc, columns[i], i, v, n, stored[i])
          && !TypedLoops.addDates(this, acc, columns[i], i, v, n, stored[i])
          && !TypedLoops.addIds(this, acc, columns[i], i, v, n, stored[i])) {
        addTyped(acc, layout, i, v, n);
      }
    }
    if (acc.pairs != null) {
      acc.pairs.addBatch(values, present, n, rowValues, rowPresent, scratch);
    }
    if (acc.keys != null) {
      for (int r = 0; r < n; r++) {
        long row = mix(rowHash2[r]);
        if (keyed) {
          if (keyNull[r]) {
            acc.nullKeyRows++;
          }
          acc.keys.add((mix(keyHash[r]) & ~1L) | (keyNull[r] ? 1L : 0L), row);
        } else {
          acc.keys.add(mix(rowHash1[r]), row);
        }
      }
    }
  }

  /**
   * A string column's batch. Where the batch is dictionary-encoded, each dictionary entry's value, hash,
   * number and day are worked out once ({@link DictionaryValues}) and the rows look them up.
   */
  private void addStrings(DayAccumulator acc, KernelLayout layout, int i, ColumnVector v, int n) {
    KernelLayout.Column c = layout.columns[i];
    TextValues reader = text[i];
    Object dictionary = DictionaryValues.dictionaryOf(v);
    DictionaryValues entries = dictionary == null ? null : entries(i, layout, dictionary, acc);
    if (TypedLoops.addCategories(this, acc, layout, i, v, n, entries, reader)
        || TypedLoops.addText(this, acc, c, i, v, n, entries)) {
      return;
    }
    ColumnVector ids = entries == null ? null
        : ((org.apache.spark.sql.execution.vectorized.WritableColumnVector) v).getDictionaryIds();
    int number = c.numberIndex;
    for (int r = 0; r < n; r++) {
      if (v.isNullAt(r)) {
        fold(i, r, NULL_HASH, true);
        if (number >= 0) {
          present[number][r] = false;
        }
        continue;
      }
      int id = -1;
      UTF8String s;
      long hash;
      boolean blank;
      if (entries != null) {
        id = ids.getInt(r);
        if (!entries.known(id)) {
          entries.learn(id, v, r, c, reader);
        }
        s = entries.value(id);
        hash = entries.hash(id);
        blank = entries.blank(id);
      } else {
        s = v.getUTF8String(r);
        hash = XXH64.hashUnsafeBytes(s.getBaseObject(), s.getBaseOffset(), s.numBytes(), DayAccumulator.SEED);
        blank = DayAccumulator.isBlank(s);
      }
      fold(i, r, hash, false);
      acc.nonNull[i]++;
      if (blank) {
        acc.empty[i]++;
      }
      if (number >= 0) {
        Double d = entries != null ? entries.number(id) : reader.number(s);
        present[number][r] = d != null;
        if (d == null) {
          if (c.numeric && c.countNotNumeric && !blank) {
            acc.notNumeric[i]++;
          }
        } else {
          values[number][r] = d;
          if (c.numeric) {
            acc.addNumber(c, i, d);
          }
        }
      }
      if (c.distinct && !c.numeric) {
        acc.addDistinct(i, hash);
      }
      if (c.categorical) {
        if (entries != null) {
          entries.countCategory(i, id, layout.categoryLimit);
        } else {
          acc.addCategory(i, s, layout.categoryLimit);
        }
      } else if (c.temporal && c.day >= 0) {
        int day = entries != null ? entries.day(id) : reader.day(s);
        if (day != TextValues.NO_DAY) {
          acc.addDay(c, i, day);
        } else if (entries != null ? entries.swapped(id) : c.countSwapped && reader.swapped(s)) {
          acc.swapped[i]++;
        }
      }
    }
  }

  private DictionaryValues entries(int i, KernelLayout layout, Object dictionary, DayAccumulator acc) {
    if (dictionaries == null) {
      dictionaries = new DictionaryValues[layout.columns.length];
    }
    if (dictionaries[i] == null) {
      dictionaries[i] = new DictionaryValues();
    }
    dictionaries[i].use(dictionary, acc);
    return dictionaries[i];
  }

  private void addTyped(DayAccumulator acc, KernelLayout layout, int i, ColumnVector v, int n) {
    KernelLayout.Column c = layout.columns[i];
    Stored type = stored[i];
    int number = c.numberIndex;
    for (int r = 0; r < n; r++) {
      if (v.isNullAt(r)) {
        fold(i, r, NULL_HASH, true);
        if (number >= 0) {
          present[number][r] = false;
        }
        continue;
      }
      long hash;
      if (number >= 0) {
        double d = StoredValues.asDouble(v, r, type, precision[i], scale[i]);
        values[number][r] = d;
        present[number][r] = true;
        if (c.numeric) {
          long numberHash = acc.addNumber(c, i, d);
          // the number's hash stands for the value in the row's hashes wherever the number is the value
          hash = StoredValues.exactAsDouble(v, r, type) ? numberHash : typedHash(v, r, i);
        } else {
          hash = typedHash(v, r, i);
        }
      } else {
        hash = typedHash(v, r, i);
      }
      fold(i, r, hash, false);
      acc.nonNull[i]++;
      if (c.categorical) {
        acc.addCategory(i, StoredValues.asText(v, r, type), layout.categoryLimit);
      } else if (c.temporal) {
        acc.addDistinct(i, hash);
        acc.addDay(c, i, type == Stored.DATE ? v.getInt(r)
            : DateTimeUtils.microsToDays(v.getLong(r), zoneId()));
      } else if (c.distinct && !c.numeric) {
        acc.addDistinct(i, hash);
      }
    }
  }

  private long typedHash(ColumnVector v, int r, int i) {
    return StoredValues.typedHash(v, r, stored[i], precision[i], scale[i]);
  }

  /**
   * Adds a value's hash to its row's hashes: the row's second hash always, its first only without a key
   * (a keyed row is grouped by its key's hash instead).
   */
  private void fold(int i, int r, long hash, boolean isNull) {
    rowHash2[r] = (rowHash2[r] ^ hash) * MULTIPLIER_2;
    if (keyed) {
      if (inKey[i]) {
        keyHash[r] = (keyHash[r] + hash) * MULTIPLIER_1;
        keyNull[r] |= isNull;
      }
    } else {
      rowHash1[r] = (rowHash1[r] + hash) * MULTIPLIER_1;
    }
  }

  /**
   * The buffer a loop over one column of the batch writes its rows' value hashes to ({@link #NULL_HASH}
   * for a null), for {@link #foldColumn}.
   */
  long[] columnHashes() {
    return columnHashes;
  }

  /**
   * Folds column {@code i}'s value hashes of the batch ({@link #columnHashes}) into its rows' hashes, as
   * {@link #fold} does value by value, in loops that call nothing.
   */
  void foldColumn(int i, int n, ColumnVector v, boolean nulls) {
    long[] hashes = columnHashes;
    long[] second = rowHash2;
    for (int r = 0; r < n; r++) {
      second[r] = (second[r] ^ hashes[r]) * MULTIPLIER_2;
    }
    if (keyed) {
      if (inKey[i]) {
        long[] key = keyHash;
        for (int r = 0; r < n; r++) {
          key[r] = (key[r] + hashes[r]) * MULTIPLIER_1;
        }
        if (nulls) {
          for (int r = 0; r < n; r++) {
            keyNull[r] |= v.isNullAt(r);
          }
        }
      }
    } else {
      long[] first = rowHash1;
      for (int r = 0; r < n; r++) {
        first[r] = (first[r] + hashes[r]) * MULTIPLIER_1;
      }
    }
  }

  /** A buffer of a batch's ints (a column's ids or values), for one use at a time. */
  int[] intScratch() {
    return intScratch;
  }

  /** A second such buffer: a date batch's days decoded from its ids in {@link #intScratch}. */
  int[] dayScratch() {
    return dayScratch;
  }

  /** Date column {@code i}'s dictionary's days by id, read once per dictionary (a row group's). */
  int[] dayDictionary(int i, org.apache.parquet.column.Dictionary dictionary) {
    if (dayDictionaries == null) {
      dayDictionaries = new Object[vector.length];
      dictionaryDays = new int[vector.length][];
    }
    if (dayDictionaries[i] != dictionary) {
      int[] days = new int[dictionary.getMaxId() + 1];
      for (int id = 0; id < days.length; id++) {
        days[id] = dictionary.decodeToInt(id);
      }
      dayDictionaries[i] = dictionary;
      dictionaryDays[i] = days;
    }
    return dictionaryDays[i];
  }

  /** The numeric column's dictionary entries, started over when {@code dictionary} is another. */
  NumberDictionary numberDictionary(int i, Object dictionary) {
    if (numberDictionaries == null) {
      numberDictionaries = new NumberDictionary[vector.length];
    }
    if (numberDictionaries[i] == null) {
      numberDictionaries[i] = new NumberDictionary();
    }
    numberDictionaries[i].use(dictionary);
    return numberDictionaries[i];
  }

  /** Int column {@code i}'s recent hashes. */
  TypedLoops.IntHashes intHashes(int i) {
    if (intHashes == null) {
      intHashes = new TypedLoops.IntHashes[vector.length];
    }
    if (intHashes[i] == null) {
      intHashes[i] = new TypedLoops.IntHashes();
    }
    return intHashes[i];
  }

  /** The batch's values of the numeric column at {@code index} of the row's numeric values. */
  double[] numbers(int index) {
    return values[index];
  }

  /** Which rows of the batch have a value in that column. */
  boolean[] present(int index) {
    return present[index];
  }

  /** Murmur3's 64-bit finaliser: every bit of the folded hash reaches every bit of the result. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private void prepare(KernelLayout layout, int n) {
    if (rowHash1 == null || rowHash1.length < n) {
      int size = Math.max(n, 4096);
      rowHash1 = new long[size];
      rowHash2 = new long[size];
      keyHash = new long[size];
      keyNull = new boolean[size];
      columnHashes = new long[size];
      intScratch = new int[size];
      dayScratch = new int[size];
      values = new double[layout.numericValues][size];
      present = new boolean[layout.numericValues][size];
      rowValues = new double[layout.numericValues];
      rowPresent = new boolean[layout.numericValues];
      scratch = new double[layout.numericValues];
    }
    java.util.Arrays.fill(rowHash1, 0, n, 1L);
    java.util.Arrays.fill(rowHash2, 0, n, 2L);
    java.util.Arrays.fill(keyHash, 0, n, 3L);
    java.util.Arrays.fill(keyNull, 0, n, false);
  }

  private java.time.ZoneId zoneId() {
    if (zoneId == null) {
      zoneId = DateTimeUtils.getZoneId(zone);
    }
    return zoneId;
  }
}
