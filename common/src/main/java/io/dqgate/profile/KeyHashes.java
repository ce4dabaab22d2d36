package io.dqgate.profile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One (group hash, row hash) pair per row, for the exact duplicate counts of one day: a task collects
 * its rows' pairs and sorts them; the driver walks all tasks' sorted runs in one merge, counting without
 * materialising the union. The group hash is the key's (its lowest bit set when a key component is null)
 * or, without a key, the row's first hash; the row hash is the row's (second) hash.
 *
 * <p>On the driver this costs 16 bytes per row of the partition while the counts are made.
 */
final class KeyHashes implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Pairs are collected in chunks of this many, so that collecting never copies what it holds. */
  private static final int CHUNK = 1 << 16;
  /** Buckets of a radix pass up to this size are sorted by insertion. */
  private static final int INSERTION_SORT_MAX = 48;
  /** Buckets of the first radix pass on the groups' top bits. */
  private static final int FIRST_PASS_BUCKETS = 1 << 11;

  private transient List<long[]> groupChunks = new ArrayList<>();
  private transient List<long[]> rowChunks = new ArrayList<>();
  private transient long[] groups;
  private transient long[] rows;
  private transient int fill = CHUNK;
  /** Longs a run is written and read in at a time. */
  private static final int IO_LONGS = 1 << 13;
  /** Sorted runs, one per task (written as bytes in blocks: Java serialization takes a long at a time). */
  private transient List<long[][]> runs = new ArrayList<>();

  void add(long group, long row) {
    if (fill == CHUNK) {
      groups = new long[CHUNK];
      rows = new long[CHUNK];
      groupChunks.add(groups);
      rowChunks.add(rows);
      fill = 0;
    }
    groups[fill] = group;
    rows[fill] = row;
    fill++;
  }

  /** Ends a task's collection: its pairs become one sorted run. */
  void finish() {
    long size = groupChunks.isEmpty() ? 0 : (long) (groupChunks.size() - 1) * CHUNK + fill;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("a task of " + size + " rows: more key hashes than one array holds");
    }
    long[] g = new long[(int) size];
    long[] r = new long[(int) size];
    sortInto(groupChunks, rowChunks, (int) size, g, r);
    runs.add(new long[][] {g, r});
    groupChunks = null;
    rowChunks = null;
    groups = null;
    rows = null;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    ByteBuffer buffer = ByteBuffer.allocate(8 * IO_LONGS).order(ByteOrder.LITTLE_ENDIAN);
    out.writeInt(runs.size());
    for (long[][] run : runs) {
      out.writeInt(run[0].length);
      for (long[] values : run) {
        for (int from = 0; from < values.length; from += IO_LONGS) {
          int length = Math.min(IO_LONGS, values.length - from);
          buffer.clear();
          buffer.asLongBuffer().put(values, from, length);
          out.write(buffer.array(), 0, 8 * length);
        }
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    ByteBuffer buffer = ByteBuffer.allocate(8 * IO_LONGS).order(ByteOrder.LITTLE_ENDIAN);
    int count = in.readInt();
    runs = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int size = in.readInt();
      long[][] run = {new long[size], new long[size]};
      for (long[] values : run) {
        for (int from = 0; from < size; from += IO_LONGS) {
          int length = Math.min(IO_LONGS, size - from);
          in.readFully(buffer.array(), 0, 8 * length);
          buffer.clear();
          buffer.asLongBuffer().get(values, from, length);
        }
      }
      runs.add(run);
    }
  }

  void merge(KeyHashes other) {
    runs.addAll(other.runs);
  }

  /** What the pairs say about one day. */
  record Counts(long rows, long distinctGroups, long singleCompleteGroups, long distinctRows) {}

  /**
   * Counts over every run, in one k-way merge of the sorted runs: a heap of the runs by their next pair,
   * whose pairs are kept beside it, so that a comparison reads no run.
   */
  Counts count() {
    int k = runs.size();
    long[][] g = new long[k][];
    long[][] r = new long[k][];
    int[] next = new int[k];
    int[] heap = new int[k];
    long[] headGroup = new long[k];
    long[] headRow = new long[k];
    int heapSize = 0;
    for (int i = 0; i < k; i++) {
      g[i] = runs.get(i)[0];
      r[i] = runs.get(i)[1];
      if (g[i].length > 0) {
        heap[heapSize] = heapSize;
        headGroup[heapSize] = g[i][0];
        headRow[heapSize] = r[i][0];
        g[heapSize] = g[i];
        r[heapSize] = r[i];
        heapSize++;
      }
    }
    for (int h = heapSize / 2 - 1; h >= 0; h--) {
      siftDown(heap, heapSize, h, headGroup, headRow);
    }
    Tally tally = new Tally();
    while (heapSize > 1) {
      int run = heap[0];
      tally.add(headGroup[run], headRow[run]);
      int at = ++next[run];
      if (at == g[run].length) {
        heap[0] = heap[--heapSize];
      } else {
        headGroup[run] = g[run][at];
        headRow[run] = r[run][at];
      }
      siftDown(heap, heapSize, 0, headGroup, headRow);
    }
    if (heapSize == 1) {
      int run = heap[0];
      long[] lastGroups = g[run];
      long[] lastRows = r[run];
      for (int at = next[run]; at < lastGroups.length; at++) {
        tally.add(lastGroups[at], lastRows[at]);
      }
    }
    return tally.counts();
  }

  /** The counts of pairs seen in order (by group, then row). */
  private static final class Tally {
    private long total;
    private long distinctGroups;
    private long singles;
    private long distinctRows;
    private long group;
    private long row;
    private long groupSize;

    void add(long pg, long pr) {
      if (total++ == 0 || pg != group) {
        if (groupSize == 1 && (group & 1L) == 0) {
          singles++;
        }
        distinctGroups++;
        distinctRows++;
        group = pg;
        row = pr;
        groupSize = 1;
      } else {
        groupSize++;
        if (pr != row) {
          distinctRows++;
          row = pr;
        }
      }
    }

    Counts counts() {
      long lastSingle = groupSize == 1 && (group & 1L) == 0 ? 1 : 0;
      return new Counts(total, distinctGroups, singles + lastSingle, distinctRows);
    }
  }

  private static void siftDown(int[] heap, int size, int at, long[] headGroup, long[] headRow) {
    int run = heap[at];
    long runGroup = headGroup[run];
    long runRow = headRow[run];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      int c = heap[child];
      if (child + 1 < size) {
        int d = heap[child + 1];
        if (headGroup[d] < headGroup[c] || headGroup[d] == headGroup[c] && headRow[d] < headRow[c]) {
          child++;
          c = d;
        }
      }
      if (!(headGroup[c] < runGroup || headGroup[c] == runGroup && headRow[c] < runRow)) {
        break;
      }
      heap[at] = c;
      at = child;
    }
    heap[at] = run;
  }

  /** Sorts (group, row) pairs by group then row, as {@link Long#compare} orders them. */
  static void sort(long[] g, long[] r, int size) {
    sortInto(List.of(java.util.Arrays.copyOf(g, size)), List.of(java.util.Arrays.copyOf(r, size)), size, g, r);
  }

  /**
   * Sorts the pairs held in chunks into {@code g} and {@code r} by the groups' top bits in two radix
   * passes, the first moving each pair from its chunk into one of {@value #FIRST_PASS_BUCKETS} buckets
   * (few enough that the pass writes to places the cache holds), the second splitting a bucket, small
   * enough by then to stay in the cache, on the next bits. Each final bucket, a pair or two for hashed
   * groups, is then sorted on its own: by insertion, or, when a group repeats a lot, by radix
   * passes over the remaining bits and a sort of each run of equal groups by row.
   */
  private static void sortInto(List<long[]> groupChunks, List<long[]> rowChunks, int size, long[] g, long[] r) {
    int bits = topBits(size);
    int firstBits = Integer.numberOfTrailingZeros(FIRST_PASS_BUCKETS);
    int buckets = FIRST_PASS_BUCKETS;
    int[] starts = new int[buckets + 1];
    for (int c = 0; c < groupChunks.size(); c++) {
      long[] chunk = groupChunks.get(c);
      int length = Math.min(chunk.length, size - c * chunk.length);
      for (int k = 0; k < length; k++) {
        starts[top(chunk[k], firstBits) + 1]++;
      }
    }
    int largest = 0;
    for (int d = 0; d < buckets; d++) {
      largest = Math.max(largest, starts[d + 1]);
      starts[d + 1] += starts[d];
    }
    int[] at = java.util.Arrays.copyOf(starts, buckets);
    for (int c = 0; c < groupChunks.size(); c++) {
      long[] gc = groupChunks.get(c);
      long[] rc = rowChunks.get(c);
      int length = Math.min(gc.length, size - c * gc.length);
      for (int k = 0; k < length; k++) {
        int to = at[top(gc[k], firstBits)]++;
        g[to] = gc[k];
        r[to] = rc[k];
      }
    }
    Split split = new Split(largest, bits - firstBits);
    for (int d = 0; d < buckets; d++) {
      int from = starts[d];
      int to = starts[d + 1];
      if (to - from <= INSERTION_SORT_MAX) {
        insertionSort(g, r, from, to);
      } else {
        split.sort(g, r, from, to, firstBits, bits);
      }
    }
  }

  /** The second pass of {@link #sortInto}, with its buffers. */
  private static final class Split {
    private final long[] groups;
    private final long[] rows;
    private final int[] starts;
    private final int[] at;
    private final long[][] scratch = new long[2][];

    Split(int largest, int bits) {
      groups = new long[largest];
      rows = new long[largest];
      starts = new int[(1 << bits) + 1];
      at = new int[1 << bits];
    }

    /** Sorts the pairs of {@code [from, to)}, whose groups share their top {@code shared} bits. */
    void sort(long[] g, long[] r, int from, int to, int shared, int bits) {
      int width = bits - shared;
      int buckets = 1 << width;
      int mask = buckets - 1;
      java.util.Arrays.fill(starts, 0, buckets + 1, 0);
      for (int k = from; k < to; k++) {
        starts[(top(g[k], bits) & mask) + 1]++;
      }
      for (int d = 0; d < buckets; d++) {
        starts[d + 1] += starts[d];
      }
      System.arraycopy(starts, 0, at, 0, buckets);
      for (int k = from; k < to; k++) {
        int t = at[top(g[k], bits) & mask]++;
        groups[t] = g[k];
        rows[t] = r[k];
      }
      for (int d = 0; d < buckets; d++) {
        int start = starts[d];
        int end = starts[d + 1];
        if (end - start <= INSERTION_SORT_MAX) {
          insertionSort(groups, rows, start, end);
        } else {
          if (scratch[0] == null || scratch[0].length < end - start) {
            scratch[0] = new long[end - start];
            scratch[1] = new long[end - start];
          }
          radixSort(groups, rows, start, end, bits, scratch[0], scratch[1]);
        }
      }
      System.arraycopy(groups, 0, g, from, to - from);
      System.arraycopy(rows, 0, r, from, to - from);
    }
  }

  /**
   * How many top bits of the group hashes the radix passes split on: about as many as the task has pairs
   * (16 at least, 22 at most), so that hashed groups fall one or two to a bucket and the insertion sort of
   * a bucket is all but free.
   */
  static int topBits(int size) {
    return Math.max(16, Math.min(22, 32 - Integer.numberOfLeadingZeros(size)));
  }

  private static void insertionSort(long[] g, long[] r, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long kg = g[i];
      long kr = r[i];
      int j = i - 1;
      while (j >= from && (g[j] > kg || g[j] == kg && r[j] > kr)) {
        g[j + 1] = g[j];
        r[j + 1] = r[j];
        j--;
      }
      g[j + 1] = kg;
      r[j + 1] = kr;
    }
  }

  /**
   * Sorts a range whose groups share their top {@code bits} bits: a least-significant-digit radix sort of
   * the other bits in bytes (the pairs moving together; 256 counters a pass, so that a bucket of a hundred
   * pairs does not pay for 65,536), then each run of equal groups by row.
   */
  private static void radixSort(long[] g, long[] r, int from, int to, int bits, long[] g2, long[] r2) {
    int size = to - from;
    int[] counts = new int[1 << 8];
    long[] fromG = g;
    long[] fromR = r;
    int fromOffset = from;
    long[] toG = g2;
    long[] toR = r2;
    int toOffset = 0;
    for (int shift = 0; shift < 64 - bits; shift += 8) {
      java.util.Arrays.fill(counts, 0);
      for (int k = 0; k < size; k++) {
        counts[digitByte(fromG[fromOffset + k], shift)]++;
      }
      if (counts[digitByte(fromG[fromOffset], shift)] == size) {
        continue; // every pair has this digit: the pass would not move anything
      }
      int position = 0;
      for (int d = 0; d < counts.length; d++) {
        int c = counts[d];
        counts[d] = position;
        position += c;
      }
      for (int k = 0; k < size; k++) {
        int t = toOffset + counts[digitByte(fromG[fromOffset + k], shift)]++;
        toG[t] = fromG[fromOffset + k];
        toR[t] = fromR[fromOffset + k];
      }
      long[] t = fromG;
      fromG = toG;
      toG = t;
      t = fromR;
      fromR = toR;
      toR = t;
      int o = fromOffset;
      fromOffset = toOffset;
      toOffset = o;
    }
    if (fromG != g) {
      System.arraycopy(fromG, fromOffset, g, from, size);
      System.arraycopy(fromR, fromOffset, r, from, size);
    }
    int runStart = from;
    for (int k = from + 1; k <= to; k++) {
      if (k == to || g[k] != g[runStart]) {
        if (k - runStart > 1) {
          java.util.Arrays.sort(r, runStart, k);
        }
        runStart = k;
      }
    }
  }

  /** The 8-bit digit at {@code shift} of a signed long, in the order of {@link Long#compare}. */
  private static int digitByte(long value, int shift) {
    return (int) (((value ^ Long.MIN_VALUE) >>> shift) & 0xFF);
  }

  /** The top {@code bits} bits of a signed long, in the order of {@link Long#compare}. */
  private static int top(long value, int bits) {
    return (int) ((value ^ Long.MIN_VALUE) >>> (64 - bits));
  }
}
