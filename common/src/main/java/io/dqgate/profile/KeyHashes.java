package io.dqgate.profile;

import java.io.Serializable;
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
  /** Buckets of the first radix pass up to this size are sorted by insertion. */
  private static final int INSERTION_SORT_MAX = 48;

  private transient List<long[]> groupChunks = new ArrayList<>();
  private transient List<long[]> rowChunks = new ArrayList<>();
  private transient long[] groups;
  private transient long[] rows;
  private transient int fill = CHUNK;
  /** Sorted runs, one per task. */
  private final List<long[][]> runs = new ArrayList<>();

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

  void merge(KeyHashes other) {
    runs.addAll(other.runs);
  }

  /** What the pairs say about one day. */
  record Counts(long rows, long distinctGroups, long singleCompleteGroups, long distinctRows) {}

  /** Counts over every run, in one k-way merge of the sorted runs (a heap of the runs by their next pair). */
  Counts count() {
    int k = runs.size();
    long[][] g = new long[k][];
    long[][] r = new long[k][];
    int[] next = new int[k];
    int[] heap = new int[k];
    int heapSize = 0;
    for (int i = 0; i < k; i++) {
      g[i] = runs.get(i)[0];
      r[i] = runs.get(i)[1];
      if (g[i].length > 0) {
        heap[heapSize++] = i;
      }
    }
    for (int h = heapSize / 2 - 1; h >= 0; h--) {
      siftDown(heap, heapSize, h, g, r, next);
    }
    long total = 0;
    long distinctGroups = 0;
    long singles = 0;
    long distinctRows = 0;
    boolean first = true;
    long group = 0;
    long row = 0;
    long groupSize = 0;
    while (heapSize > 0) {
      int run = heap[0];
      long pg = g[run][next[run]];
      long pr = r[run][next[run]];
      if (++next[run] == g[run].length) {
        heap[0] = heap[--heapSize];
      }
      if (heapSize > 0) {
        siftDown(heap, heapSize, 0, g, r, next);
      }
      total++;
      if (first || pg != group) {
        if (!first && groupSize == 1 && (group & 1L) == 0) {
          singles++;
        }
        distinctGroups++;
        distinctRows++;
        group = pg;
        row = pr;
        groupSize = 1;
        first = false;
      } else {
        groupSize++;
        if (pr != row) {
          distinctRows++;
          row = pr;
        }
      }
    }
    if (!first && groupSize == 1 && (group & 1L) == 0) {
      singles++;
    }
    return new Counts(total, distinctGroups, singles, distinctRows);
  }

  private static void siftDown(int[] heap, int size, int at, long[][] g, long[][] r, int[] next) {
    int run = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child], g, r, next)) {
        child++;
      }
      if (!before(heap[child], run, g, r, next)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = run;
  }

  /** Whether run {@code a}'s next pair sorts before run {@code b}'s. */
  private static boolean before(int a, int b, long[][] g, long[][] r, int[] next) {
    long ga = g[a][next[a]];
    long gb = g[b][next[b]];
    return ga < gb || ga == gb && r[a][next[a]] < r[b][next[b]];
  }

  /** Sorts (group, row) pairs by group then row, as {@link Long#compare} orders them. */
  static void sort(long[] g, long[] r, int size) {
    sortInto(List.of(java.util.Arrays.copyOf(g, size)), List.of(java.util.Arrays.copyOf(r, size)), size, g, r);
  }

  /**
   * Sorts the pairs held in chunks into {@code g} and {@code r}: one radix pass on the groups' top bits
   * moves each pair from its chunk straight into its bucket, then each bucket, a handful of pairs for hashed
   * groups, is sorted on its own (by insertion, or, when a group repeats a lot, by radix passes over the
   * remaining bits and a sort of each run of equal groups by row). One pass over the pairs where sorting
   * them whole would take four.
   */
  private static void sortInto(List<long[]> groupChunks, List<long[]> rowChunks, int size, long[] g, long[] r) {
    int bits = topBits(size);
    int buckets = 1 << bits;
    int[] starts = new int[buckets + 1];
    for (int c = 0; c < groupChunks.size(); c++) {
      long[] chunk = groupChunks.get(c);
      int length = Math.min(chunk.length, size - c * chunk.length);
      for (int k = 0; k < length; k++) {
        starts[top(chunk[k], bits) + 1]++;
      }
    }
    for (int d = 0; d < buckets; d++) {
      starts[d + 1] += starts[d];
    }
    int[] at = java.util.Arrays.copyOf(starts, buckets);
    for (int c = 0; c < groupChunks.size(); c++) {
      long[] gc = groupChunks.get(c);
      long[] rc = rowChunks.get(c);
      int length = Math.min(gc.length, size - c * gc.length);
      for (int k = 0; k < length; k++) {
        int to = at[top(gc[k], bits)]++;
        g[to] = gc[k];
        r[to] = rc[k];
      }
    }
    long[][] scratch = new long[2][];
    for (int d = 0; d < buckets; d++) {
      int from = starts[d];
      int to = starts[d + 1];
      if (to - from <= INSERTION_SORT_MAX) {
        insertionSort(g, r, from, to);
      } else {
        if (scratch[0] == null || scratch[0].length < to - from) {
          scratch[0] = new long[to - from];
          scratch[1] = new long[to - from];
        }
        radixSort(g, r, from, to, bits, scratch[0], scratch[1]);
      }
    }
  }

  /**
   * How many top bits of the group hashes the first pass splits on: 16, or more for a large task, so that
   * hashed groups fall about 16 to a bucket (a bucket past the insertion-sort size costs radix passes).
   */
  static int topBits(int size) {
    return Math.max(16, Math.min(20, 32 - Integer.numberOfLeadingZeros(size / 16)));
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
