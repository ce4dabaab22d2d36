package io.dqgate.anomaly;

import java.util.Arrays;

/**
 * T² and SPE of each baseline day scored by a model that did not see it (K-fold, contiguous folds).
 *
 * <p>Why: the textbook limits take the sample eigenvalues as the truth. With p metrics and n ≤ p days the
 * sample covariance has rank < n, so a new normal day has variance in directions where the baseline has
 * none, and the smallest retained eigenvalues are underestimated: in-sample theory then alarms on most
 * normal days. Held-out statistics show how large these numbers really get for days the model has not
 * seen; a limit matched to them (g·χ²_h, see {@link ControlLimits#scaledChiSquared}) stays honest.
 *
 * <p>Everything runs on the full centred Gram matrix G = X·Xᵀ: re-centring a fold on its own mean only
 * shifts G by rank-one terms, so no fold touches the p-dimensional data and a fold costs one eigen
 * decomposition of its own size.
 */
final class HeldOutCalibration {
  private HeldOutCalibration() {}

  /** @return {@code {t2, spe}}, each with one value per baseline row */
  static double[][] statistics(double[][] gram, int k, int folds) {
    int n = gram.length;
    double[] t2 = new double[n];
    double[] spe = new double[n];
    boolean[] held = new boolean[n];
    for (int fold = 0; fold < folds; fold++) {
      int from = (int) ((long) n * fold / folds);
      int to = (int) ((long) n * (fold + 1) / folds);
      Arrays.fill(held, false);
      for (int h = from; h < to; h++) {
        held[h] = true;
      }
      int[] train = new int[n - (to - from)];
      int t = 0;
      for (int i = 0; i < n; i++) {
        if (!held[i]) {
          train[t++] = i;
        }
      }
      scoreFold(gram, train, from, to, k, t2, spe);
    }
    return new double[][] {t2, spe};
  }

  private static void scoreFold(
      double[][] gram, int[] train, int from, int to, int k, double[] t2, double[] spe) {
    int n = gram.length;
    int m = train.length;
    // a[i] = (x_i − mean)·(trainMean − mean), b = |trainMean − mean|²: centring on the training mean
    // turns G(i, j) into G(i, j) − a[i] − a[j] + b
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int l : train) {
        sum += gram[i][l];
      }
      a[i] = sum / m;
    }
    double b = 0;
    for (int l : train) {
      b += a[l];
    }
    b /= m;
    double[][] local = new double[m][m];
    for (int r = 0; r < m; r++) {
      for (int c = 0; c <= r; c++) {
        local[r][c] = gram[train[r]][train[c]] - a[train[r]] - a[train[c]] + b;
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(local);
    double[] lambda = new double[m];
    for (int i = 0; i < m; i++) {
      lambda[i] = Math.max(0, eigen.values[i]) / (m - 1);
    }
    int rank = PrincipalComponents.rank(lambda);
    int kf = Math.min(k, Math.max(1, Math.min(rank - 1, m - 1)));
    double[] cross = new double[m];
    for (int h = from; h < to; h++) {
      for (int r = 0; r < m; r++) {
        cross[r] = gram[h][train[r]] - a[h] - a[train[r]] + b;
      }
      double norm2 = gram[h][h] - 2 * a[h] + b;
      double captured = 0;
      double hotelling = 0;
      for (int i = 0; i < kf && lambda[i] > 0; i++) {
        double score = PrincipalComponents.dot(eigen.vectors[i], cross) / Math.sqrt(lambda[i] * (m - 1));
        captured += score * score;
        hotelling += score * score / lambda[i];
      }
      t2[h] = hotelling;
      spe[h] = Math.max(0, norm2 - captured);
    }
  }
}
