package io.dqgate.profile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Every per-column metric of one partition day, updated row by row in primitive arrays and sketches
 * (one task), then merged with the other tasks' on the driver. Counts, min/max and moments are exact;
 * quantiles are exact for few distinct values, else from a KLL sketch ({@link NumberQuantiles}); distinct
 * counts come from an HLL sketch (all mergeable); categorical values are counted exactly, up to
 * {@link KernelLayout#categoryLimit} distinct values per column.
 */
final class DayAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Spark's seed for xxhash64, so that distinct counts hash values as {@code xxhash64} does. */
  static final long SEED = 42L;
  private static final int RECENT_HASHES = 256;
  private static final int RECENT_CATEGORIES = 8;

  private final long epochDay;
  long rows;
  final long[] nonNull;
  final long[] empty;
  final long[] notNumeric;
  final long[] outOfRange;
  final long[] outOfDomain;
  final long[] numbers;
  final double[] min;
  final double[] max;
  /** Per numeric column, its second smallest and second largest value ({@link RunnerUps}). */
  final double[] minNext;
  final double[] maxNext;
  /** Numeric moments: while accumulating, sums of value - shift; once finished, mean and M2. */
  final double[] shift;
  final double[] sum;
  final double[] squares;
  final long[] parsed;
  final long[] swapped;
  final long[] future;
  final long[] beforeFloor;
  final int[] minDay;
  final int[] maxDay;
  long nullKeyRows;
  final NumberQuantiles[] quantiles;
  transient HllSketch[] distinct;
  /** Per distinct-counted column, the last hash seen in each slot (a slot's own index never matches it). */
  private transient long[][] recent;
  /** Per date column counted by its days, those days. */
  private transient DistinctInts[] days;
  /** Per numeric column whose sketch counts its values, its whole values while they fit a window. */
  private transient DistinctInts[] wholeNumbers;
  final Map<UTF8String, long[]>[] categories;
  final boolean[] categoryOverflow;
  final PairMoments pairs;
  final KeyHashes keys;
  private transient Set<UTF8String>[] domains;
  /** Per categorical column, the values last added to its map, their counters there, and whether in the domain. */
  private transient UTF8String[][] recentCategories;
  private transient long[][][] recentCounts;
  private transient boolean[][] recentInDomain;
  private transient int[] recentNext;

  /** The accumulator of the partition day {@code day} (yyyy-MM-dd), its quantiles sampled as the layout says. */
  DayAccumulator(KernelLayout layout, String day) {
    this(layout, ScanKernel.epochDayOf(day), layout.sampleRates(day));
  }

  /**
   * {@code sampleRates}: by column, the share of its values its quantile sketch takes (null: every value
   * of every column).
   */
  @SuppressWarnings("unchecked")
  DayAccumulator(KernelLayout layout, long epochDay, double[] sampleRates) {
    this.epochDay = epochDay;
    int n = layout.columns.length;
    nonNull = new long[n];
    empty = new long[n];
    notNumeric = new long[n];
    outOfRange = new long[n];
    outOfDomain = new long[n];
    numbers = new long[n];
    min = new double[n];
    max = new double[n];
    minNext = new double[n];
    maxNext = new double[n];
    shift = new double[n];
    sum = new double[n];
    squares = new double[n];
    parsed = new long[n];
    swapped = new long[n];
    future = new long[n];
    beforeFloor = new long[n];
    minDay = new int[n];
    maxDay = new int[n];
    quantiles = new NumberQuantiles[n];
    distinct = new HllSketch[n];
    recent = new long[n][];
    days = new DistinctInts[n];
    wholeNumbers = new DistinctInts[n];
    categories = new Map[n];
    categoryOverflow = new boolean[n];
    domains = new Set[n];
    recentCategories = new UTF8String[n][];
    recentCounts = new long[n][][];
    recentInDomain = new boolean[n][];
    recentNext = new int[n];
    for (int i = 0; i < n; i++) {
      KernelLayout.Column c = layout.columns[i];
      if (c.distinct) {
        // HLL_8 updates faster than the default HLL_4 and estimates the same; the stored form is compact
        distinct[i] = new HllSketch(layout.hllLgK, TgtHllType.HLL_8);
        recent[i] = new long[RECENT_HASHES];
        for (int slot = 0; slot < RECENT_HASHES; slot++) {
          recent[i][slot] = slot + 1;
        }
      }
      if (c.numeric) {
        double rate = sampleRates == null ? 1.0 : sampleRates[i];
        quantiles[i] = rate < 1
            ? new NumberQuantiles(layout.sampledKllK, distinct[i], layout.exactBudget(), rate, sampleSeed(i))
            : new NumberQuantiles(layout.kllK, distinct[i], layout.exactBudget());
      }
      if (c.categorical) {
        categories[i] = new HashMap<>();
        recentCategories[i] = new UTF8String[RECENT_CATEGORIES];
        recentCounts[i] = new long[RECENT_CATEGORIES][];
        recentInDomain[i] = new boolean[RECENT_CATEGORIES];
        if (c.domain != null) {
          domains[i] = new HashSet<>();
          for (String v : c.domain) {
            domains[i].add(UTF8String.fromString(v));
          }
        }
      }
    }
    pairs = layout.pairFirst.length == 0 ? null
        : new PairMoments(layout.pairFirst, layout.pairSecond, layout.numericValues);
    keys = layout.rowHash1 >= 0 ? new KeyHashes() : null;
  }

  /** A column's sampling seed in this task: the task's partition and the column's position, mixed. */
  private static long sampleSeed(int column) {
    long x = (org.apache.spark.TaskContext.getPartitionId() + 1L) * 0x9E3779B97F4A7C15L + column;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    return x ^ (x >>> 31);
  }

  /**
   * Adds one row. {@code values} and {@code present} (one slot per numeric value) and {@code scratch}
   * are the caller's reusable buffers.
   */
  void add(KernelLayout layout, InternalRow row, double[] values, boolean[] present, double[] scratch) {
    rows++;
    KernelLayout.Column[] columns = layout.columns;
    for (int i = 0; i < columns.length; i++) {
      KernelLayout.Column c = columns[i];
      UTF8String text = null;
      if (c.text >= 0) {
        if (row.isNullAt(c.text)) {
          if (c.numberIndex >= 0) {
            present[c.numberIndex] = false;
          }
          continue;
        }
        text = row.getUTF8String(c.text);
      } else if (c.hash >= 0) {
        if (row.isNullAt(c.hash)) {
          continue;
        }
        if (c.distinct) {
          addDistinct(i, row.getLong(c.hash));
        }
      } else if (c.hashDay) {
        if (row.isNullAt(c.day)) {
          continue;
        }
        int day = row.getInt(c.day);
        addDistinctDay(i, day, XXH64.hashInt(day, SEED));
      } else if (c.number >= 0) {
        if (row.isNullAt(c.number)) {
          present[c.numberIndex] = false;
          continue;
        }
      } else if (c.category >= 0 && row.isNullAt(c.category)) {
        continue;
      }
      nonNull[i]++;
      boolean blank = false;
      if (text != null) {
        blank = isBlank(text);
        if (blank) {
          empty[i]++;
        }
        if (c.distinct && !c.numeric) {
          addDistinct(i, XXH64.hashUnsafeBytes(text.getBaseObject(), text.getBaseOffset(), text.numBytes(), SEED));
        }
      }
      if (c.numeric) {
        addNumber(c, i, row, blank, values, present);
      } else if (c.categorical) {
        addCategory(i, c.category >= 0 ? row.getUTF8String(c.category) : text, layout.categoryLimit);
      } else if (c.temporal && c.day >= 0) {
        addDay(c, i, row);
      }
    }
    if (layout.extraNumber >= 0) {
      boolean has = !row.isNullAt(layout.extraNumber);
      present[layout.extraNumberIndex] = has;
      if (has) {
        values[layout.extraNumberIndex] = row.getDouble(layout.extraNumber);
      }
    }
    if (pairs != null) {
      pairs.add(values, present, scratch);
    }
    if (keys != null) {
      long rowHash = row.getLong(layout.rowHash2);
      if (layout.keyHash >= 0) {
        boolean nullKey = row.getBoolean(layout.keyNull);
        if (nullKey) {
          nullKeyRows++;
        }
        keys.add((row.getLong(layout.keyHash) & ~1L) | (nullKey ? 1L : 0L), rowHash);
      } else {
        keys.add(row.getLong(layout.rowHash1), rowHash);
      }
    }
  }

  /** Spark's {@code trim} removes spaces (0x20) only; a value of nothing else is empty. */
  static boolean isBlank(UTF8String text) {
    int n = text.numBytes();
    Object base = text.getBaseObject();
    long offset = text.getBaseOffset();
    for (int k = 0; k < n; k++) {
      if (org.apache.spark.unsafe.Platform.getByte(base, offset + k) != ' ') {
        return false;
      }
    }
    return true;
  }

  private void addNumber(KernelLayout.Column c, int i, InternalRow row, boolean blank, double[] values,
      boolean[] present) {
    if (row.isNullAt(c.number)) {
      present[c.numberIndex] = false;
      if (c.countNotNumeric && !blank) {
        notNumeric[i]++;
      }
      return;
    }
    double v = row.getDouble(c.number);
    values[c.numberIndex] = v;
    present[c.numberIndex] = true;
    addNumber(c, i, v);
  }

  /**
   * A numeric column's non-null value: moments, range, quantiles, distinct count. Returns the value's
   * {@link #doubleHash} (the exact quantile table keeps the hash of each value it counts).
   */
  long addNumber(KernelLayout.Column c, int i, double v) {
    long n = ++numbers[i];
    if (n == 1) {
      min[i] = v;
      max[i] = v;
      minNext[i] = RunnerUps.NONE_BELOW;
      maxNext[i] = RunnerUps.NONE_ABOVE;
      shift[i] = Double.isFinite(v) ? v : 0.0;
    } else {
      if (!(v > minNext[i] && v < maxNext[i])) { // at or past a runner-up, or NaN
        minNext[i] = RunnerUps.below(min[i], minNext[i], v);
        maxNext[i] = RunnerUps.above(max[i], maxNext[i], v);
      }
      // Spark orders NaN above every number: it is the max once seen, the min only when all are NaN.
      if (v < min[i] || Double.isNaN(min[i])) {
        min[i] = v;
      }
      if (v > max[i] || Double.isNaN(v)) {
        max[i] = v;
      }
    }
    double d = v - shift[i];
    sum[i] += d;
    squares[i] += d * d;
    if (c.min != null && v < c.min || c.max != null && (v > c.max || Double.isNaN(v))) {
      outOfRange[i]++;
    }
    return addQuantile(i, v);
  }

  /**
   * A batch of a numeric column's values, {@code values[r]} where {@code present[r]} (every row when
   * {@code all}): what {@link #addNumber} adds for each but its quantiles and distinct count ({@link
   * #addQuantile}), the sums added to in the same order, kept in locals for the batch.
   */
  void addMoments(KernelLayout.Column c, int i, double[] values, boolean[] present, int n, boolean all) {
    long count = numbers[i];
    double low = min[i];
    double high = max[i];
    double lowNext = minNext[i];
    double highNext = maxNext[i];
    double from = shift[i];
    double s = sum[i];
    double q = squares[i];
    boolean hasMin = c.min != null;
    boolean hasMax = c.max != null;
    double rangeMin = hasMin ? c.min : 0.0;
    double rangeMax = hasMax ? c.max : 0.0;
    long outside = 0;
    for (int r = 0; r < n; r++) {
      if (!all && !present[r]) {
        continue;
      }
      double v = values[r];
      if (++count == 1) {
        low = v;
        high = v;
        lowNext = RunnerUps.NONE_BELOW;
        highNext = RunnerUps.NONE_ABOVE;
        from = Double.isFinite(v) ? v : 0.0;
      } else {
        if (!(v > lowNext && v < highNext)) { // at or past a runner-up, or NaN
          lowNext = RunnerUps.below(low, lowNext, v);
          highNext = RunnerUps.above(high, highNext, v);
        }
        if (v < low || Double.isNaN(low)) {
          low = v;
        }
        if (v > high || Double.isNaN(v)) {
          high = v;
        }
      }
      double d = v - from;
      s += d;
      q += d * d;
      if (hasMin && v < rangeMin || hasMax && (v > rangeMax || Double.isNaN(v))) {
        outside++;
      }
    }
    numbers[i] = count;
    min[i] = low;
    max[i] = high;
    minNext[i] = lowNext;
    maxNext[i] = highNext;
    shift[i] = from;
    sum[i] = s;
    squares[i] = q;
    outOfRange[i] += outside;
  }

  /** A numeric column's non-null value into its quantiles and distinct count; returns its {@link #doubleHash}. */
  long addQuantile(int i, double v) {
    NumberQuantiles q = quantiles[i];
    long hash = q.add(v);
    if (!q.holdsDistinct()) {
      addDistinctNumber(i, v, hash);
    }
    return hash;
  }

  /**
   * A dictionary-encoded batch of a numeric column into its quantiles and distinct count: each entry the
   * batch holds once, with its count, in the order the entries first occur (the distinct-count sketch
   * then sees the first occurrences in the order value-by-value updates give it; repeats change nothing).
   */
  void addQuantiles(int i, NumberDictionary entries) {
    NumberQuantiles q = quantiles[i];
    for (int j = 0, m = entries.batchEntries(); j < m; j++) {
      int id = entries.batchEntry(j);
      double v = entries.values[id];
      q.addRepeated(v, entries.batchCount(id));
      if (!q.holdsDistinct()) {
        addDistinctNumber(i, v, entries.distinctHashes[id]);
      }
    }
    entries.endBatch();
  }

  /**
   * A numeric value's hash into the column's HLL sketch: a whole value's by way of the column's window
   * of whole values ({@link DistinctInts}) while it has one; any other value ends the window first, so
   * that the sketch still sees first occurrences in their order.
   */
  private void addDistinctNumber(int i, double v, long hash) {
    DistinctInts whole = wholeNumbers[i];
    int x = (int) v;
    if (x == v) {
      if (whole == null) {
        whole = DistinctInts.wholeNumbers(distinct[i]);
        wholeNumbers[i] = whole;
      }
      if (whole.add(x)) {
        return;
      }
    } else if (whole != null) {
      whole.finish();
    }
    addDistinct(i, hash);
  }

  /** xxhash64 of a double as Spark takes it: of its bits, with -0.0 as 0.0. */
  static long doubleHash(double v) {
    return XXH64.hashLong(Double.doubleToLongBits(v == 0.0 ? 0.0 : v), SEED);
  }

  /**
   * A value's hash into the column's HLL sketch, unless the column's small direct-mapped filter of recent
   * hashes holds it already: a sketch's state does not change when a hash repeats, so low-cardinality
   * columns skip almost every update.
   */
  void addDistinct(int i, long hash) {
    long[] seen = recent[i];
    int slot = (int) hash & (RECENT_HASHES - 1);
    if (seen[slot] != hash) {
      seen[slot] = hash;
      distinct[i].update(hash);
    }
  }

  /** The partition day (epoch day). */
  long epochDay() {
    return epochDay;
  }

  /** Date column {@code i}'s days seen, for its distinct count. */
  DistinctInts daysSeen(int i) {
    if (days[i] == null) {
      days[i] = DistinctInts.days(distinct[i]);
    }
    return days[i];
  }

  /** A date column's value: its day and the day's xxhash64, its distinct hash. */
  void addDistinctDay(int i, int day, long hash) {
    if (!daysSeen(i).add(day)) {
      addDistinct(i, hash);
    }
  }

  void addCategory(int i, UTF8String value, int limit) {
    if (!categoryOverflow[i]) {
      // the few recent values first, compared by their bytes: no hash of the value in the common case
      UTF8String[] recentValues = recentCategories[i];
      for (int k = 0; k < RECENT_CATEGORIES && recentValues[k] != null; k++) {
        if (recentValues[k].equals(value)) {
          recentCounts[i][k][0]++;
          if (!recentInDomain[i][k]) {
            outOfDomain[i]++;
          }
          return;
        }
      }
    }
    boolean inDomain = domains[i] == null || domains[i].contains(value);
    if (!inDomain) {
      outOfDomain[i]++;
    }
    if (categoryOverflow[i]) {
      return;
    }
    long[] count = categories[i].get(value);
    if (count != null) {
      count[0]++;
      return; // a value past the recent ones: a column of many values would only churn them
    }
    if (categories[i].size() >= limit) {
      categoryOverflow[i] = true;
      categories[i].clear();
      return;
    }
    UTF8String key = value.clone();
    count = new long[] {1};
    categories[i].put(key, count);
    int k = recentNext[i];
    recentNext[i] = (k + 1) % RECENT_CATEGORIES;
    recentCategories[i][k] = key;
    recentCounts[i][k] = count;
    recentInDomain[i][k] = inDomain;
  }

  private void addDay(KernelLayout.Column c, int i, InternalRow row) {
    if (c.countSwapped && row.getBoolean(c.swapped)) {
      swapped[i]++;
    }
    if (!row.isNullAt(c.day)) {
      addDay(c, i, row.getInt(c.day));
    }
  }

  /** A temporal column's value that has a day (epoch day): its range, future and before-floor counts. */
  void addDay(KernelLayout.Column c, int i, int day) {
    if (parsed[i]++ == 0) {
      minDay[i] = day;
      maxDay[i] = day;
    } else {
      minDay[i] = Math.min(minDay[i], day);
      maxDay[i] = Math.max(maxDay[i], day);
    }
    if (day > epochDay) {
      future[i]++;
    }
    if (day < c.floorEpochDay) {
      beforeFloor[i]++;
    }
  }

  /** Ends the task's accumulation: moments centred, distinct counts completed, pairs and keys finished. */
  void finish() {
    for (int i = 0; i < numbers.length; i++) {
      if (quantiles[i] != null) {
        quantiles[i].finishDistinct();
      }
      if (days[i] != null) {
        days[i].finish();
      }
      if (wholeNumbers[i] != null) {
        wholeNumbers[i].finish();
      }
      long n = numbers[i];
      if (n > 0) {
        double meanShifted = sum[i] / n;
        sum[i] = shift[i] + meanShifted;
        squares[i] = squares[i] - n * meanShifted * meanShifted;
      }
    }
    if (pairs != null) {
      pairs.finish();
    }
    if (keys != null) {
      keys.finish();
    }
  }

  /** Adds another task's finished accumulator of the same day to this finished one. */
  void merge(DayAccumulator o) {
    rows += o.rows;
    nullKeyRows += o.nullKeyRows;
    for (int i = 0; i < nonNull.length; i++) {
      nonNull[i] += o.nonNull[i];
      empty[i] += o.empty[i];
      notNumeric[i] += o.notNumeric[i];
      outOfRange[i] += o.outOfRange[i];
      outOfDomain[i] += o.outOfDomain[i];
      swapped[i] += o.swapped[i];
      future[i] += o.future[i];
      beforeFloor[i] += o.beforeFloor[i];
      mergeMoments(i, o);
      if (o.parsed[i] > 0) {
        minDay[i] = parsed[i] == 0 ? o.minDay[i] : Math.min(minDay[i], o.minDay[i]);
        maxDay[i] = parsed[i] == 0 ? o.maxDay[i] : Math.max(maxDay[i], o.maxDay[i]);
        parsed[i] += o.parsed[i];
      }
      if (quantiles[i] != null) {
        quantiles[i].merge(o.quantiles[i]);
      }
      if (distinct[i] != null) {
        Union union = new Union(distinct[i].getLgConfigK());
        union.update(distinct[i]);
        union.update(o.distinct[i]);
        distinct[i] = union.getResult(distinct[i].getTgtHllType());
      }
      if (categories[i] != null) {
        if (categoryOverflow[i] || o.categoryOverflow[i]) {
          categoryOverflow[i] = true;
          categories[i].clear();
        } else {
          Map<UTF8String, long[]> mine = categories[i];
          o.categories[i].forEach((value, count) -> mine.merge(value, count, (a, b) -> {
            a[0] += b[0];
            return a;
          }));
        }
      }
    }
    if (pairs != null) {
      pairs.merge(o.pairs);
    }
    if (keys != null) {
      keys.merge(o.keys);
    }
  }

  private void mergeMoments(int i, DayAccumulator o) {
    long n1 = numbers[i];
    long n2 = o.numbers[i];
    if (n2 == 0) {
      return;
    }
    if (n1 == 0) {
      numbers[i] = n2;
      min[i] = o.min[i];
      max[i] = o.max[i];
      minNext[i] = o.minNext[i];
      maxNext[i] = o.maxNext[i];
      sum[i] = o.sum[i];
      squares[i] = o.squares[i];
      return;
    }
    // the other's two smallest and two largest values join this one's, as values would one by one
    joinLow(i, o.min[i]);
    joinHigh(i, o.max[i]);
    if (n2 > 1) {
      joinLow(i, o.minNext[i]);
      joinHigh(i, o.maxNext[i]);
    }
    double total = n1 + n2;
    double delta = o.sum[i] - sum[i];
    squares[i] += o.squares[i] + delta * delta * n1 * (double) n2 / total;
    sum[i] += delta * n2 / total;
    numbers[i] = n1 + n2;
  }

  private void joinLow(int i, double v) {
    minNext[i] = RunnerUps.below(min[i], minNext[i], v);
    if (v < min[i] || Double.isNaN(min[i])) {
      min[i] = v;
    }
  }

  private void joinHigh(int i, double v) {
    maxNext[i] = RunnerUps.above(max[i], maxNext[i], v);
    if (v > max[i] || Double.isNaN(v)) {
      max[i] = v;
    }
  }

  double mean(int i) {
    return numbers[i] == 0 ? Double.NaN : sum[i];
  }

  double sampleStddev(int i) {
    return numbers[i] < 2 ? Double.NaN : Math.sqrt(Math.max(0.0, squares[i]) / (numbers[i] - 1));
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    byte[][] d = new byte[distinct.length][];
    for (int i = 0; i < d.length; i++) {
      d[i] = distinct[i] == null ? null : distinct[i].toCompactByteArray();
    }
    out.writeObject(d);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    byte[][] d = (byte[][]) in.readObject();
    distinct = new HllSketch[d.length];
    for (int i = 0; i < d.length; i++) {
      distinct[i] = d[i] == null ? null : HllSketch.heapify(Memory.wrap(d[i]));
    }
  }
}
