package io.dqgate.profile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

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

  private transient long[] groups = new long[1024];
  private transient long[] rows = new long[1024];
  private transient int size;
  /** Sorted runs, one per task. */
  private final List<long[][]> runs = new ArrayList<>();

  void add(long group, long row) {
    if (size == groups.length) {
      int grown = Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8, size * 2L));
      groups = java.util.Arrays.copyOf(groups, grown);
      rows = java.util.Arrays.copyOf(rows, grown);
    }
    groups[size] = group;
    rows[size] = row;
    size++;
  }

  /** Ends a task's collection: its pairs become one sorted run. */
  void finish() {
    long[] g = java.util.Arrays.copyOf(groups, size);
    long[] r = java.util.Arrays.copyOf(rows, size);
    if (size > 0) {
      sort(g, r, size);
    }
    runs.add(new long[][] {g, r});
    groups = null;
    rows = null;
  }

  void merge(KeyHashes other) {
    runs.addAll(other.runs);
  }

  /** What the pairs say about one day. */
  record Counts(long rows, long distinctGroups, long singleCompleteGroups, long distinctRows) {}

  /** Counts over every run, in one k-way merge of the sorted runs. */
  Counts count() {
    PriorityQueue<int[]> heads = new PriorityQueue<>((x, y) -> {
      long[][] a = runs.get(x[0]);
      long[][] b = runs.get(y[0]);
      int c = Long.compare(a[0][x[1]], b[0][y[1]]);
      return c != 0 ? c : Long.compare(a[1][x[1]], b[1][y[1]]);
    });
    for (int k = 0; k < runs.size(); k++) {
      if (runs.get(k)[0].length > 0) {
        heads.add(new int[] {k, 0});
      }
    }
    long total = 0;
    long distinctGroups = 0;
    long singles = 0;
    long distinctRows = 0;
    boolean first = true;
    long group = 0;
    long row = 0;
    long groupSize = 0;
    while (!heads.isEmpty()) {
      int[] head = heads.poll();
      long[][] run = runs.get(head[0]);
      long g = run[0][head[1]];
      long r = run[1][head[1]];
      if (++head[1] < run[0].length) {
        heads.add(head);
      }
      total++;
      if (first || g != group) {
        if (!first && groupSize == 1 && (group & 1L) == 0) {
          singles++;
        }
        distinctGroups++;
        distinctRows++;
        group = g;
        row = r;
        groupSize = 1;
        first = false;
      } else {
        groupSize++;
        if (r != row) {
          distinctRows++;
          row = r;
        }
      }
    }
    if (!first && groupSize == 1 && (group & 1L) == 0) {
      singles++;
    }
    return new Counts(total, distinctGroups, singles, distinctRows);
  }

  /**
   * Sorts (group, row) pairs by group then row: a least-significant-digit radix sort of the groups (four
   * passes of 16 bits, the pairs moving together), then each run of equal groups, short unless a key
   * repeats a lot, by row. Far fewer moves per pair than a comparison sort of 16-byte pairs.
   */
  static void sort(long[] g, long[] r, int size) {
    long[] g2 = new long[size];
    long[] r2 = new long[size];
    int[] counts = new int[1 << 16];
    long[] fromG = g;
    long[] fromR = r;
    long[] toG = g2;
    long[] toR = r2;
    for (int shift = 0; shift < 64; shift += 16) {
      java.util.Arrays.fill(counts, 0);
      for (int k = 0; k < size; k++) {
        counts[digit(fromG[k], shift)]++;
      }
      if (counts[digit(fromG[0], shift)] == size) {
        continue; // every pair has this digit: the pass would not move anything
      }
      int position = 0;
      for (int d = 0; d < counts.length; d++) {
        int c = counts[d];
        counts[d] = position;
        position += c;
      }
      for (int k = 0; k < size; k++) {
        int to = counts[digit(fromG[k], shift)]++;
        toG[to] = fromG[k];
        toR[to] = fromR[k];
      }
      long[] t = fromG;
      fromG = toG;
      toG = t;
      t = fromR;
      fromR = toR;
      toR = t;
    }
    if (fromG != g) {
      System.arraycopy(fromG, 0, g, 0, size);
      System.arraycopy(fromR, 0, r, 0, size);
    }
    int runStart = 0;
    for (int k = 1; k <= size; k++) {
      if (k == size || g[k] != g[runStart]) {
        if (k - runStart > 1) {
          java.util.Arrays.sort(r, runStart, k);
        }
        runStart = k;
      }
    }
  }

  /** The 16-bit digit at {@code shift} of a signed long, in the order of {@link Long#compare}. */
  private static int digit(long value, int shift) {
    return (int) (((value ^ Long.MIN_VALUE) >>> shift) & 0xFFFF);
  }
}
