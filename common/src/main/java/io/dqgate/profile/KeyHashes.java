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
    sort(g, r, 0, size - 1);
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

  /** Quicksort of (group, row) pairs held in two arrays, by group then row. */
  private static void sort(long[] g, long[] r, int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      // median of three as the pivot
      if (less(g, r, mid, lo)) {
        swap(g, r, mid, lo);
      }
      if (less(g, r, hi, lo)) {
        swap(g, r, hi, lo);
      }
      if (less(g, r, hi, mid)) {
        swap(g, r, hi, mid);
      }
      long pg = g[mid];
      long pr = r[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (compare(g[i], r[i], pg, pr) < 0) {
          i++;
        }
        while (compare(g[j], r[j], pg, pr) > 0) {
          j--;
        }
        if (i <= j) {
          swap(g, r, i++, j--);
        }
      }
      // recurse into the smaller side, loop on the larger: stack depth stays logarithmic
      if (j - lo < hi - i) {
        sort(g, r, lo, j);
        lo = i;
      } else {
        sort(g, r, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && less(g, r, j, j - 1); j--) {
        swap(g, r, j, j - 1);
      }
    }
  }

  private static int compare(long g1, long r1, long g2, long r2) {
    int c = Long.compare(g1, g2);
    return c != 0 ? c : Long.compare(r1, r2);
  }

  private static boolean less(long[] g, long[] r, int i, int j) {
    return compare(g[i], r[i], g[j], r[j]) < 0;
  }

  private static void swap(long[] g, long[] r, int i, int j) {
    long t = g[i];
    g[i] = g[j];
    g[j] = t;
    t = r[i];
    r[i] = r[j];
    r[j] = t;
  }
}
