package io.dqgate.profile;

import java.io.Serializable;

/**
 * Pearson correlations of column pairs over the rows where both values are present (as Spark's
 * {@code corr}), accumulated row by row in one task and merged across tasks.
 *
 * <p>Within a task the sums are of values minus a shift (the column's first value), so that large
 * offsets do not cancel the co-moments; a row with every paired column present (the common case) adds
 * one product per pair and its values once per column, and only rows with gaps pay the per-pair sums.
 * {@link #finish} turns the sums into means and centred co-moments, which {@link #merge} combines with
 * the parallel-variance formula (Chan et al.).
 */
final class PairMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The pairs, as positions in the row's value array. */
  private final int[] first;
  private final int[] second;
  /** The value positions any pair uses. */
  private final int[] used;

  // accumulating (one task)
  private transient double[] shift;
  private transient long fullRows;
  private transient double[] fullSum;
  private transient double[] fullSquares;
  private transient double[] fullProducts;
  private transient long[] gapCount;
  private transient double[] gapSumFirst;
  private transient double[] gapSumSecond;
  private transient double[] gapSquaresFirst;
  private transient double[] gapSquaresSecond;
  private transient double[] gapProducts;
  /** A batch's paired values less their shifts, by column. */
  private transient double[][] centred;

  // finished: per pair n, means, centred co-moment and second moments
  private long[] n;
  private double[] meanFirst;
  private double[] meanSecond;
  private double[] comoment;
  private double[] m2First;
  private double[] m2Second;

  PairMoments(int[] first, int[] second, int values) {
    this.first = first.clone();
    this.second = second.clone();
    boolean[] isUsed = new boolean[values];
    for (int p = 0; p < first.length; p++) {
      isUsed[first[p]] = true;
      isUsed[second[p]] = true;
    }
    int count = 0;
    for (boolean u : isUsed) {
      count += u ? 1 : 0;
    }
    used = new int[count];
    for (int v = 0, k = 0; v < values; v++) {
      if (isUsed[v]) {
        used[k++] = v;
      }
    }
    shift = new double[values];
    java.util.Arrays.fill(shift, Double.NaN);
    fullSum = new double[values];
    fullSquares = new double[values];
    int pairs = first.length;
    fullProducts = new double[pairs];
    gapCount = new long[pairs];
    gapSumFirst = new double[pairs];
    gapSumSecond = new double[pairs];
    gapSquaresFirst = new double[pairs];
    gapSquaresSecond = new double[pairs];
    gapProducts = new double[pairs];
  }

  int pairs() {
    return first.length;
  }

  /**
   * Adds one row: {@code values[v]} is valid where {@code present[v]}; {@code scratch} has the length of
   * {@code values} and is overwritten.
   */
  void add(double[] values, boolean[] present, double[] scratch) {
    boolean full = true;
    for (int v : used) {
      if (present[v]) {
        if (Double.isNaN(shift[v])) {
          shift[v] = Double.isFinite(values[v]) ? values[v] : 0.0;
        }
        scratch[v] = values[v] - shift[v];
      } else {
        full = false;
      }
    }
    if (full) {
      fullRows++;
      for (int v : used) {
        double d = scratch[v];
        fullSum[v] += d;
        fullSquares[v] += d * d;
      }
      for (int p = 0; p < first.length; p++) {
        fullProducts[p] += scratch[first[p]] * scratch[second[p]];
      }
      return;
    }
    for (int p = 0; p < first.length; p++) {
      int a = first[p];
      int b = second[p];
      if (present[a] && present[b]) {
        double da = scratch[a];
        double db = scratch[b];
        gapCount[p]++;
        gapSumFirst[p] += da;
        gapSumSecond[p] += db;
        gapSquaresFirst[p] += da * da;
        gapSquaresSecond[p] += db * db;
        gapProducts[p] += da * db;
      }
    }
  }

  /**
   * Adds rows {@code 0..n-1} of a batch whose numeric values are held a column at a time ({@code
   * values[v][r]}, valid where {@code present[v][r]}). A batch with every paired value present is summed a
   * column and a few pairs at a time, each sum over the rows in their order, so that every sum is the one
   * {@link #add} row by row makes; other batches go row by row through {@code rowValues}, {@code
   * rowPresent} and {@code scratch} (each as long as a row's values).
   */
  void addBatch(double[][] values, boolean[][] present, int n, double[] rowValues, boolean[] rowPresent,
      double[] scratch) {
    if (n == 0) {
      return;
    }
    if (!allPresent(present, n)) {
      for (int r = 0; r < n; r++) {
        for (int k = 0; k < values.length; k++) {
          rowValues[k] = values[k][r];
          rowPresent[k] = present[k][r];
        }
        add(rowValues, rowPresent, scratch);
      }
      return;
    }
    if (centred == null || centred[0].length < n) {
      centred = new double[values.length][Math.max(n, 4096)];
    }
    for (int v : used) {
      double[] x = values[v];
      if (Double.isNaN(shift[v])) {
        shift[v] = Double.isFinite(x[0]) ? x[0] : 0.0;
      }
      double s = shift[v];
      double[] d = centred[v];
      double sum = fullSum[v];
      double squares = fullSquares[v];
      for (int r = 0; r < n; r++) {
        double dr = x[r] - s;
        d[r] = dr;
        sum += dr;
        squares += dr * dr;
      }
      fullSum[v] = sum;
      fullSquares[v] = squares;
    }
    fullRows += n;
    int pairs = first.length;
    int p = 0;
    // four sums side by side: each is added to in row order, and the four do not wait on each other
    for (; p + 4 <= pairs; p += 4) {
      double[] a0 = centred[first[p]];
      double[] b0 = centred[second[p]];
      double[] a1 = centred[first[p + 1]];
      double[] b1 = centred[second[p + 1]];
      double[] a2 = centred[first[p + 2]];
      double[] b2 = centred[second[p + 2]];
      double[] a3 = centred[first[p + 3]];
      double[] b3 = centred[second[p + 3]];
      double s0 = fullProducts[p];
      double s1 = fullProducts[p + 1];
      double s2 = fullProducts[p + 2];
      double s3 = fullProducts[p + 3];
      for (int r = 0; r < n; r++) {
        s0 += a0[r] * b0[r];
        s1 += a1[r] * b1[r];
        s2 += a2[r] * b2[r];
        s3 += a3[r] * b3[r];
      }
      fullProducts[p] = s0;
      fullProducts[p + 1] = s1;
      fullProducts[p + 2] = s2;
      fullProducts[p + 3] = s3;
    }
    for (; p < pairs; p++) {
      double[] a = centred[first[p]];
      double[] b = centred[second[p]];
      double s = fullProducts[p];
      for (int r = 0; r < n; r++) {
        s += a[r] * b[r];
      }
      fullProducts[p] = s;
    }
  }

  private boolean allPresent(boolean[][] present, int n) {
    for (int v : used) {
      boolean[] column = present[v];
      for (int r = 0; r < n; r++) {
        if (!column[r]) {
          return false;
        }
      }
    }
    return true;
  }

  /** Ends accumulation: the sums become means and centred moments, ready to ship and merge. */
  void finish() {
    int pairs = first.length;
    n = new long[pairs];
    meanFirst = new double[pairs];
    meanSecond = new double[pairs];
    comoment = new double[pairs];
    m2First = new double[pairs];
    m2Second = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      int a = first[p];
      int b = second[p];
      long count = fullRows + gapCount[p];
      n[p] = count;
      if (count == 0) {
        continue;
      }
      double sa = fullSum[a] + gapSumFirst[p];
      double sb = fullSum[b] + gapSumSecond[p];
      double ma = sa / count;
      double mb = sb / count;
      meanFirst[p] = shift[a] + ma;
      meanSecond[p] = shift[b] + mb;
      comoment[p] = fullProducts[p] + gapProducts[p] - count * ma * mb;
      m2First[p] = fullSquares[a] + gapSquaresFirst[p] - count * ma * ma;
      m2Second[p] = fullSquares[b] + gapSquaresSecond[p] - count * mb * mb;
    }
    shift = null;
    fullSum = fullSquares = fullProducts = null;
    gapCount = null;
    centred = null;
    gapSumFirst = gapSumSecond = gapSquaresFirst = gapSquaresSecond = gapProducts = null;
  }

  /** Adds another task's finished moments of the same pairs to these finished ones. */
  void merge(PairMoments other) {
    for (int p = 0; p < first.length; p++) {
      long n1 = n[p];
      long n2 = other.n[p];
      if (n2 == 0) {
        continue;
      }
      if (n1 == 0) {
        n[p] = n2;
        meanFirst[p] = other.meanFirst[p];
        meanSecond[p] = other.meanSecond[p];
        comoment[p] = other.comoment[p];
        m2First[p] = other.m2First[p];
        m2Second[p] = other.m2Second[p];
        continue;
      }
      double total = n1 + n2;
      double da = other.meanFirst[p] - meanFirst[p];
      double db = other.meanSecond[p] - meanSecond[p];
      double weight = n1 * (double) n2 / total;
      comoment[p] += other.comoment[p] + da * db * weight;
      m2First[p] += other.m2First[p] + da * da * weight;
      m2Second[p] += other.m2Second[p] + db * db * weight;
      meanFirst[p] += da * n2 / total;
      meanSecond[p] += db * n2 / total;
      n[p] = n1 + n2;
    }
  }

  /** Pearson's r of pair {@code p}; NaN when fewer than two rows have both values or either is constant. */
  double correlation(int p) {
    if (n[p] < 2 || m2First[p] <= 0 || m2Second[p] <= 0) {
      return Double.NaN;
    }
    double r = comoment[p] / Math.sqrt(m2First[p] * m2Second[p]);
    return Math.max(-1.0, Math.min(1.0, r));
  }
}
