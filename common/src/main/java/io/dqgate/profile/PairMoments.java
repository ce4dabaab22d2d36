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
