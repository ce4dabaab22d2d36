package io.dqgate.profile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllDoublesSketchIterator;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The quantiles of one numeric column: exact counts per value while the column has at most
 * {@link #EXACT_VALUES} distinct values (an open-addressing table, so that a low-cardinality column costs a
 * lookup per value), a KLL sketch once it has more. Leaving the exact mode replays the counted values into
 * the sketch, so its error bound is the sketch's as if it had seen every value. NaN is ignored, as the
 * sketch ignores it.
 *
 * <p>Where a day has far more values than the stated rank error needs, the sketch may take a Bernoulli
 * sample of them at one rate for every task of the scan ({@link #sampleRate}, drawn by geometric skips, so
 * that a value passed over costs a count down): the sampled empirical distribution is within {@link
 * #samplingError} of the whole's (Dvoretzky–Kiefer–Wolfowitz), and {@link #rankError} states that bound
 * added to the sketch's. The exact table still counts every value (exact quantiles stay exact), up to
 * {@link #SMALL_EXACT_VALUES} values then.
 *
 * <p>While a task accumulates, the column's distinct-count sketch gets the hashes of the exactly counted
 * values from here, once each and in the order they were first seen, when the table is given up or the
 * task finishes ({@link #finishDistinct}): an HLL sketch's state depends only on that order of first
 * occurrences, so it ends as if it had been updated value by value, without an update per value.
 */
final class NumberQuantiles implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Distinct values counted exactly before the sketch takes over. */
  static final int EXACT_VALUES = 16_384;
  /** Distinct values any column counts exactly; past them, its table grows while its task's budget lasts. */
  static final int SMALL_EXACT_VALUES = 256;
  /**
   * Distinct values one task's tables may hold past {@link #SMALL_EXACT_VALUES} each, over all columns and
   * days (about 32 bytes a value while counting): a backfill of many days and numeric columns stays small.
   */
  static final long TASK_EXACT_VALUES = 1 << 20;

  /** What is left of a task's {@link #TASK_EXACT_VALUES}, shared by its tables. */
  static final class Budget {
    private long left;

    Budget(long values) {
      left = values;
    }

    boolean take() {
      if (left > 0) {
        left--;
        return true;
      }
      return false;
    }

    void giveBack(long values) {
      left += values;
    }
  }

  /** The chance that the sampling error exceeds {@link #samplingError}: 1 %, as the sketch's bound's. */
  static final double SAMPLING_FAILURE = 0.01;

  private final int k;
  /** The share of the values the sketch takes, the same on every task of the day (1: every value). */
  private final double sampleRate;
  /** log(1 - sampleRate), the geometric skips' divisor. */
  private final double logKeep;
  /** The sampling's random seed (a task's own). */
  private final long seed;
  /** Values left to pass, this one included, until the next sampled one (0: not drawn yet). */
  private long skip;
  private transient SplittableRandom random;
  /**
   * By slot, a value's bits then its count (side by side: a lookup reads one cache line); a count of 0
   * marks an empty slot.
   */
  private long[] table = new long[2 * 16];
  /** Slots of a table small enough to keep its values' hashes beside it (in the cache with it). */
  private static final int HASHED_SLOTS = 1 << 10;
  /**
   * By slot, the value's distinct hash ({@link DayAccumulator#doubleHash}) while a task counts into a table
   * of at most {@link #HASHED_SLOTS} slots, else null: past that, reading a hash from memory the cache may
   * not hold costs more than hashing the value.
   */
  private transient long[] hashes = new long[16];
  private int distinct;
  private transient KllDoublesSketch sketch;
  /** The column's distinct-count sketch while the hashes of counted values are owed to it, else null. */
  private transient HllSketch owedDistinct;
  /** The counted values' bits in the order first seen (a NaN once, too), while owed. */
  private transient long[] firstSeen;
  private transient int seen;
  private transient boolean sawNaN;
  /** The task's budget of exact values past the small table (null: no limit but {@link #EXACT_VALUES}). */
  private transient Budget budget;

  NumberQuantiles(int k) {
    this(k, null, null);
  }

  /**
   * {@code distinct}: the column's distinct-count sketch, which the caller leaves to these quantiles for
   * every value {@link #update} takes on (null: none); {@code budget}: the task's (null: none).
   */
  NumberQuantiles(int k, HllSketch distinct, Budget budget) {
    this(k, distinct, budget, 1.0, 0L);
  }

  /**
   * As above, the sketch taking a share {@code sampleRate} of the values (1: every value), sampled with
   * the random {@code seed}; the exact table then holds no more than {@link #SMALL_EXACT_VALUES} values.
   */
  NumberQuantiles(int k, HllSketch distinct, Budget budget, double sampleRate, long seed) {
    if (!(sampleRate > 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("sample rate must be in (0, 1], was " + sampleRate);
    }
    this.k = k;
    this.sampleRate = sampleRate;
    this.logKeep = Math.log1p(-sampleRate);
    this.seed = seed;
    this.owedDistinct = distinct;
    this.firstSeen = distinct == null ? null : new long[16];
    this.budget = budget;
  }

  /**
   * Adds a value; true when its distinct hash is left to these quantiles (the exact table counts it),
   * false when the caller adds it to the distinct-count sketch itself.
   */
  boolean update(double value) {
    add(value);
    return holdsDistinct();
  }

  /**
   * Adds a value and returns its distinct hash ({@link DayAccumulator#doubleHash}), read from the exact
   * table where the table counts the value; {@link #holdsDistinct} then says whose it is to add.
   */
  long add(double value) {
    if (sketch != null) {
      if (--skip <= 0) {
        sketch.update(value);
        skip = nextSkip();
      }
      return DayAccumulator.doubleHash(value);
    }
    if (Double.isNaN(value)) {
      if (owedDistinct != null && !sawNaN) {
        sawNaN = true;
        remember(Double.doubleToLongBits(Double.NaN));
      }
      return DayAccumulator.doubleHash(value);
    }
    long b = Double.doubleToRawLongBits(value);
    int slot = slotFor(b);
    if (slot >= 0) {
      table[2 * slot + 1]++;
      return hashes != null ? hashes[slot] : DayAccumulator.doubleHash(value);
    } else if (distinct < exactLimit() && (distinct < SMALL_EXACT_VALUES || budget == null || budget.take())) {
      add(b, 1);
    } else {
      toSketch();
      add(value);
    }
    return DayAccumulator.doubleHash(value);
  }

  /**
   * Adds {@code count} occurrences of a value at once, as {@link #add} would one by one (a sketch then gets
   * the values in another order than theirs; its bound holds for any order).
   */
  void addRepeated(double value, long count) {
    if (sketch != null) {
      long c = count;
      while (c >= skip) {
        c -= skip;
        sketch.update(value);
        skip = nextSkip();
      }
      skip -= c;
      return;
    }
    if (Double.isNaN(value)) {
      add(value);
      return;
    }
    long b = Double.doubleToRawLongBits(value);
    int slot = slotFor(b);
    if (slot >= 0) {
      table[2 * slot + 1] += count;
    } else if (distinct < exactLimit() && (distinct < SMALL_EXACT_VALUES || budget == null || budget.take())) {
      add(b, count);
    } else {
      toSketch();
      addRepeated(value, count);
    }
  }

  /**
   * Whether the distinct hashes of the values added are left to these quantiles (given to the column's
   * distinct-count sketch at {@link #finishDistinct}); false once the sketch counts the values, or without
   * a distinct-count sketch.
   */
  boolean holdsDistinct() {
    return owedDistinct != null;
  }

  private void remember(long b) {
    if (seen == firstSeen.length) {
      firstSeen = Arrays.copyOf(firstSeen, seen * 2);
    }
    firstSeen[seen++] = b;
  }

  /** Gives the distinct-count sketch the hashes still owed to it; later values are the caller's to add. */
  void finishDistinct() {
    if (owedDistinct != null) {
      for (int j = 0; j < seen; j++) {
        owedDistinct.update(DayAccumulator.doubleHash(Double.longBitsToDouble(firstSeen[j])));
      }
      owedDistinct = null;
      firstSeen = null;
      seen = 0;
    }
  }

  /**
   * The home slot of a value's bits: the top bits of their product with the golden ratio (Fibonacci
   * hashing), which depend on every bit. A double's low bits are zero for small integers and short
   * decimals, so a slot taken from the product's low or middle bits would put all of them in one place.
   */
  private static int slotOf(long b, int mask) {
    return (int) ((b * 0x9E3779B97F4A7C15L) >>> Long.numberOfLeadingZeros(mask));
  }

  private int slots() {
    return table.length / 2;
  }

  private void grow() {
    long[] old = table;
    long[] oldHashes = hashes;
    table = new long[old.length * 2];
    hashes = oldHashes == null || table.length / 2 > HASHED_SLOTS ? null : new long[table.length / 2];
    int mask = slots() - 1;
    for (int s = 0; s < old.length; s += 2) {
      if (old[s + 1] != 0) {
        int slot = slotOf(old[s], mask);
        while (table[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        table[2 * slot] = old[s];
        table[2 * slot + 1] = old[s + 1];
        if (hashes != null) {
          hashes[slot] = oldHashes[s / 2];
        }
      }
    }
  }

  /** Distinct values the exact table may hold: few while the sketch samples (the sampled sketch is cheaper). */
  private int exactLimit() {
    return sampleRate < 1 ? SMALL_EXACT_VALUES : EXACT_VALUES;
  }

  /** How many values to pass, the next sampled one included: geometric with the sample rate (1 for every value). */
  private long nextSkip() {
    if (sampleRate >= 1) {
      return 1;
    }
    if (random == null) {
      random = new SplittableRandom(seed);
    }
    double u = 1.0 - random.nextDouble(); // in (0, 1]
    return 1 + (long) Math.floor(Math.log(u) / logKeep);
  }

  private void toSketch() {
    finishDistinct();
    if (budget != null && distinct > SMALL_EXACT_VALUES && sampleRate >= 1) {
      budget.giveBack(distinct - SMALL_EXACT_VALUES);
    }
    sketch = KllDoublesSketch.newHeapInstance(k);
    replayInto(sketch);
    table = null;
    hashes = null;
    distinct = 0;
  }

  /** The counted values into {@code target}, sampled as the values added to it one by one are. */
  private void replayInto(KllDoublesSketch target) {
    replayInto(target, this);
  }

  /** As above, drawn by {@code sampler}'s skips (the quantiles merged into). */
  private void replayInto(KllDoublesSketch target, NumberQuantiles sampler) {
    if (sampler.skip <= 0) {
      sampler.skip = sampler.nextSkip();
    }
    for (int s = 0; s < table.length; s += 2) {
      double v = Double.longBitsToDouble(table[s]);
      long c = table[s + 1];
      while (c >= sampler.skip) {
        c -= sampler.skip;
        target.update(v);
        sampler.skip = sampler.nextSkip();
      }
      sampler.skip -= c;
    }
  }

  /** Adds another column's values (of the same k) to these. */
  void merge(NumberQuantiles other) {
    if (sketch == null && other.sketch == null) {
      if (distinct + other.newValues(this) <= exactLimit()) {
        for (int s = 0; s < other.table.length; s += 2) {
          if (other.table[s + 1] != 0) {
            add(other.table[s], other.table[s + 1]);
          }
        }
        return;
      }
      toSketch();
    }
    if (sketch == null) {
      toSketch();
    }
    if (other.sketch == null) {
      other.replayInto(sketch, this);
    } else {
      sketch.merge(other.sketch);
    }
  }

  /** How many of these (exact) values {@code o}'s exact table lacks. */
  private int newValues(NumberQuantiles o) {
    int n = 0;
    for (int s = 0; s < table.length; s += 2) {
      if (table[s + 1] != 0 && o.slotFor(table[s]) < 0) {
        n++;
      }
    }
    return n;
  }

  /** The slot holding {@code b}, or -1 - the empty slot where it would go. */
  private int slotFor(long b) {
    int mask = slots() - 1;
    int slot = slotOf(b, mask);
    while (table[2 * slot + 1] != 0) {
      if (table[2 * slot] == b) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1 - slot;
  }

  /** Adds {@code count} occurrences of the value with bits {@code b}; the caller keeps the exact limit. */
  private void add(long b, long count) {
    int slot = slotFor(b);
    if (slot >= 0) {
      table[2 * slot + 1] += count;
      return;
    }
    table[2 * (-1 - slot)] = b;
    table[2 * (-1 - slot) + 1] = count;
    if (hashes != null) {
      hashes[-1 - slot] = DayAccumulator.doubleHash(Double.longBitsToDouble(b));
    }
    if (owedDistinct != null) {
      remember(b);
    }
    // a load of at most two thirds: a table of 10,000 values fits in 16,384 slots (256 KiB)
    if (++distinct * 3 > slots() * 2) {
      grow();
    }
  }

  boolean isEmpty() {
    return sketch == null ? distinct == 0 : sketch.isEmpty();
  }

  /** Whether the values are counted in the exact table (no sketch). */
  boolean isExact() {
    return sketch == null;
  }

  /** Whether the quantiles are estimates (the sketch has compacted or sampled values) rather than exact. */
  boolean isEstimationMode() {
    return sketch != null && (sketch.isEstimationMode() || sampleRate < 1);
  }

  /**
   * The bound on the quantiles' normalised rank error (99 % confidence each part): 0 while exact; the
   * sketch's own once it has compacted values, plus the sampling's ({@link #samplingError}) when it samples.
   */
  double rankError() {
    if (sketch == null) {
      return 0.0;
    }
    double error = sketch.isEstimationMode() ? KllSketch.getNormalizedRankError(k, false) : 0.0;
    return sampleRate < 1 ? error + samplingError(sketch.getN()) : error;
  }

  /**
   * The largest distance between the distribution of a Bernoulli sample of {@code sampled} values and the
   * whole's that the Dvoretzky–Kiefer–Wolfowitz inequality allows with {@link #SAMPLING_FAILURE}:
   * P(sup |F_n - F| > e) <= 2 exp(-2 n e^2).
   */
  static double samplingError(long sampled) {
    return sampled == 0 ? 1.0 : Math.min(1.0, Math.sqrt(Math.log(2 / SAMPLING_FAILURE) / (2.0 * sampled)));
  }

  /** The sample size whose {@link #samplingError} is {@code error}. */
  static long sampleSize(double error) {
    return (long) Math.ceil(Math.log(2 / SAMPLING_FAILURE) / (2 * error * error));
  }

  /**
   * The quantiles as {@code percentile_approx} defines them: the smallest value whose cumulative count
   * reaches {@code p} of the count (exact in the exact mode and while the sketch holds every value).
   */
  List<Double> quantiles(double[] probabilities) {
    if (sketch != null) {
      return inclusiveQuantiles(sketch, probabilities);
    }
    double[] values = new double[distinct];
    int m = 0;
    for (int s = 0; s < table.length; s += 2) {
      if (table[s + 1] != 0) {
        values[m++] = Double.longBitsToDouble(table[s]);
      }
    }
    // Double.compare's order (-0.0 before 0.0, both kept apart as the table keeps them)
    Arrays.sort(values);
    long[] weights = new long[m];
    long total = 0;
    for (int j = 0; j < m; j++) {
      weights[j] = table[2 * slotFor(Double.doubleToRawLongBits(values[j])) + 1];
      total += weights[j];
    }
    List<Double> out = new ArrayList<>(probabilities.length);
    for (double p : probabilities) {
      if (p <= 0) {
        out.add(values[0]);
        continue;
      }
      double target = p * total * (1 - 1e-12);
      long cumulative = 0;
      double value = values[m - 1];
      if (p < 1) {
        for (int j = 0; j < m; j++) {
          cumulative += weights[j];
          if (cumulative >= target) {
            value = values[j];
            break;
          }
        }
      }
      out.add(value);
    }
    return out;
  }

  /**
   * As {@link #quantiles(double[])}, with the ends (p 0 and 1) the column's exact {@code min} and {@code
   * max} where the sketch samples (its own ends are the sample's), unless NaN (which the quantiles ignore).
   */
  List<Double> quantiles(double[] probabilities, double min, double max) {
    List<Double> out = quantiles(probabilities);
    if (sketch != null && sampleRate < 1) {
      for (int j = 0; j < probabilities.length; j++) {
        if (probabilities[j] <= 0 && !Double.isNaN(min)) {
          out.set(j, min);
        } else if (probabilities[j] >= 1 && !Double.isNaN(max)) {
          out.set(j, max);
        }
      }
    }
    return out;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeObject(sketch == null ? null : sketch.toByteArray());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    // a copy merged into on the driver samples with a stream of its own (not the task's again)
    random = sampleRate < 1 ? new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L) : null;
    byte[] b = (byte[]) in.readObject();
    sketch = b == null ? null : KllDoublesSketch.heapify(Memory.wrap(b));
  }

  /**
   * The sketch's quantiles as {@code percentile_approx} defines them: the smallest retained value whose
   * cumulative weight reaches {@code p} of the count (exact while the sketch holds every value).
   */
  static List<Double> inclusiveQuantiles(KllDoublesSketch sketch, double[] probabilities) {
    int retained = sketch.getNumRetained();
    double[] values = new double[retained];
    long[] weights = new long[retained];
    KllDoublesSketchIterator it = sketch.iterator();
    int m = 0;
    while (it.next()) {
      values[m] = it.getValue();
      weights[m] = it.getWeight();
      m++;
    }
    Integer[] order = new Integer[m];
    for (int k = 0; k < m; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    long total = 0;
    for (int k = 0; k < m; k++) {
      total += weights[k];
    }
    List<Double> out = new ArrayList<>(probabilities.length);
    for (double p : probabilities) {
      if (p <= 0) {
        out.add(sketch.getMinValue());
        continue;
      }
      if (p >= 1) {
        out.add(sketch.getMaxValue());
        continue;
      }
      double target = p * total * (1 - 1e-12);
      long cumulative = 0;
      double value = sketch.getMaxValue();
      for (int k = 0; k < m; k++) {
        cumulative += weights[order[k]];
        if (cumulative >= target) {
          value = values[order[k]];
          break;
        }
      }
      out.add(value);
    }
    return out;
  }
}
