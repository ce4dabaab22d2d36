package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pair sort and the duplicate counts of the kernel's key and row hashes. */
class KeyHashesTest {

  @Test
  void pairsSortByGroupThenRowAsLongCompareOrders() {
    Random random = new Random(3);
    int n = 20_000;
    long[] g = new long[n];
    long[] r = new long[n];
    long[] extremes = {Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE, 0x0000_FFFF_0000_0000L};
    for (int k = 0; k < n; k++) {
      // many repeated groups (a few hundred values, both signs) and some extremes, rows likewise
      g[k] = k % 50 == 0 ? extremes[k % extremes.length] : random.nextInt(600) - 300 + ((long) random.nextInt(3) << 40);
      r[k] = k % 7 == 0 ? extremes[(k / 7) % extremes.length] : random.nextLong();
    }
    assertSortsAsLongCompare(g, r);
  }

  @Test
  void countsOverTwoTasksRuns() {
    KeyHashes a = new KeyHashes();
    KeyHashes b = new KeyHashes();
    // group 10: rows 1, 1 (a duplicate row), then 2 in the other task; group 20 once; group 31 (a null key) once
    a.add(10, 1);
    a.add(20, 5);
    a.add(10, 1);
    b.add(31, 7);
    b.add(10, 2);
    a.finish();
    b.finish();
    a.merge(b);

    assertThat(a.count()).isEqualTo(new KeyHashes.Counts(5, 3, 1, 4));
  }

  @Test
  void countsOverManyTasksRunsOfSeveralChunksAreThoseOfTheirUnion() throws Exception {
    Random random = new Random(11);
    Map<Long, List<Long>> union = new HashMap<>();
    KeyHashes all = new KeyHashes();
    for (int task = 0; task < 5; task++) {
      KeyHashes one = new KeyHashes();
      for (int k = 0; k < 70_000; k++) {
        // full-range groups from a pool, so that groups repeat within and across tasks; rows from a small pool
        long group = new Random(random.nextInt(150_000)).nextLong();
        long row = random.nextInt(4) == 0 ? Long.MIN_VALUE + random.nextInt(3) : group ^ random.nextInt(2);
        one.add(group, row);
        union.computeIfAbsent(group, x -> new ArrayList<>()).add(row);
      }
      one.finish();
      all.merge(shipped(one));
    }
    long singles = union.entrySet().stream().filter(e -> e.getValue().size() == 1 && (e.getKey() & 1L) == 0).count();
    long distinctRows = union.values().stream().mapToLong(rows -> new HashSet<>(rows).size()).sum();

    assertThat(all.count()).isEqualTo(new KeyHashes.Counts(350_000, union.size(), singles, distinctRows));
  }

  @Test
  void fullRangeGroupsSortByGroupThenRow() {
    Random random = new Random(5);
    int n = 100_000;
    long[] g = new long[n];
    long[] r = new long[n];
    for (int k = 0; k < n; k++) {
      g[k] = k % 3 == 0 && k > 0 ? g[k - 1] : random.nextLong();
      r[k] = random.nextLong();
    }
    assertSortsAsLongCompare(g, r);
  }

  @Test
  void groupsSharingTheirTopBitsSortByTheirOtherBitsThenRow() {
    Random random = new Random(9);
    int n = 20_000;
    long[] g = new long[n];
    long[] r = new long[n];
    for (int k = 0; k < n; k++) {
      // a handful of buckets of thousands of pairs each, groups repeating now and then
      long top = (long) (random.nextInt(4) - 2) << 48;
      g[k] = k % 5 == 0 && k > 0 ? g[k - 1] : top | (random.nextLong() & 0xFFFF_FFFF_FFFFL);
      r[k] = random.nextInt(3) == 0 ? 7 : random.nextLong();
    }
    assertSortsAsLongCompare(g, r);
  }

  @Test
  void aLargeTasksPairsSplitOnMoreTopBitsSortAlike() {
    Random random = new Random(13);
    int n = (1 << 20) + 12_345;
    assertThat(KeyHashes.topBits(n)).isEqualTo(21);
    long[] g = new long[n];
    long[] r = new long[n];
    for (int k = 0; k < n; k++) {
      // full-range groups, and one in 100 in a cluster sharing its top 24 bits (a bucket past insertion sort)
      long group = k % 100 == 0 ? 0x1234_5600_0000_0000L | (random.nextLong() & 0xFF_FFFF_FFFFL) : random.nextLong();
      g[k] = k % 4 == 0 && k > 0 ? g[k - 1] : group;
      r[k] = random.nextInt(5) == 0 ? -3 : random.nextLong();
    }
    assertSortsAsLongCompare(g, r);
  }

  /** A task's finished pairs as the driver gets them: serialized and read back. */
  private static KeyHashes shipped(KeyHashes keys) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(keys);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (KeyHashes) in.readObject();
    }
  }

  /** Sorts the pairs and checks them against a sort of the pairs by group, then row, as Long.compare orders. */
  private static void assertSortsAsLongCompare(long[] g, long[] r) {
    int n = g.length;
    long[][] expected = new long[n][];
    for (int k = 0; k < n; k++) {
      expected[k] = new long[] {g[k], r[k]};
    }
    Arrays.sort(expected, Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));

    KeyHashes.sort(g, r, n);

    for (int k = 0; k < n; k++) {
      assertThat(new long[] {g[k], r[k]}).as("pair " + k).containsExactly(expected[k]);
    }
  }
}
