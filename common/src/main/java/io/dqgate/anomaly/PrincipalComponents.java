package io.dqgate.anomaly;

/**
 * Principal axes of centred data (rows = days), from whichever of the n×n Gram matrix X·Xᵀ and the p×p
 * scatter matrix Xᵀ·X is smaller. With more metrics than days the Gram route is the SVD of X in disguise
 * (X = U·S·Vᵀ, X·Xᵀ = U·S²·Uᵀ, V = Xᵀ·U·S⁻¹): it never forms, let alone inverts, the singular p×p
 * covariance, and only directions with positive variance become components.
 */
final class PrincipalComponents {
  /** Eigenvalues below this share of the largest are numerical noise: the direction holds no variance. */
  static final double RANK_TOLERANCE = 1e-10;

  /** Covariance eigenvalues (divisor n−1), descending, min(n, p) of them, negatives from rounding → 0. */
  final double[] eigenvalues;
  /** The first k unit principal axes, each of length p. */
  final double[][] loadings;
  /** {@code scores[day][i]}: the baseline day's coordinate on axis i. */
  final double[][] scores;
  final int rank;

  private PrincipalComponents(double[] eigenvalues, double[][] loadings, double[][] scores, int rank) {
    this.eigenvalues = eigenvalues;
    this.loadings = loadings;
    this.scores = scores;
    this.rank = rank;
  }

  int components() {
    return loadings.length;
  }

  /**
   * @param x centred rows, n×p
   * @param gram x·xᵀ when already computed, else null
   */
  static PrincipalComponents fit(double[][] x, double[][] gram, double explained, int maxComponents) {
    int n = x.length;
    int p = x[0].length;
    boolean byGram = n <= p;
    SymmetricEigen eigen = SymmetricEigen.of(byGram ? copy(gram != null ? gram : gram(x)) : scatter(x));
    int m = Math.min(n, p);
    double[] lambda = new double[m];
    for (int i = 0; i < m; i++) {
      lambda[i] = Math.max(0, eigen.values[i]) / (n - 1);
    }
    int rank = rank(lambda);
    int k = chooseComponents(lambda, rank, n, explained, maxComponents);
    double[][] loadings = new double[k][];
    double[][] scores = new double[n][k];
    for (int i = 0; i < k; i++) {
      if (byGram) {
        double singular = Math.sqrt(lambda[i] * (n - 1));
        double[] u = eigen.vectors[i];
        double[] axis = new double[p];
        for (int r = 0; r < n; r++) {
          double weight = u[r] / singular;
          double[] row = x[r];
          for (int j = 0; j < p; j++) {
            axis[j] += weight * row[j];
          }
          scores[r][i] = u[r] * singular;
        }
        loadings[i] = axis;
      } else {
        loadings[i] = eigen.vectors[i];
        for (int r = 0; r < n; r++) {
          scores[r][i] = dot(x[r], loadings[i]);
        }
      }
    }
    return new PrincipalComponents(lambda, loadings, scores, rank);
  }

  /**
   * The fewest leading components that explain {@code explained} of the total variance, at least 1 and at
   * most rank − 1 (so some variance is left for the residual space that SPE watches) and n − 1 (so the
   * T² limit's F(k, n−k) exists).
   */
  static int chooseComponents(double[] lambda, int rank, int n, double explained, int maxComponents) {
    if (rank == 0) {
      return 0;
    }
    double total = 0;
    for (double value : lambda) {
      total += value;
    }
    int k = 0;
    double cumulative = 0;
    while (k < rank && cumulative < explained * total) {
      cumulative += lambda[k++];
    }
    int cap = Math.min(maxComponents, n - 1);
    if (rank > 1) {
      cap = Math.min(cap, rank - 1);
    }
    return Math.max(1, Math.min(k, cap));
  }

  static int rank(double[] descending) {
    if (descending.length == 0 || !(descending[0] > 0)) {
      return 0;
    }
    int rank = 0;
    while (rank < descending.length && descending[rank] > RANK_TOLERANCE * descending[0]) {
      rank++;
    }
    return rank;
  }

  static double[][] gram(double[][] x) {
    int n = x.length;
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double value = dot(x[i], x[j]);
        g[i][j] = value;
        g[j][i] = value;
      }
    }
    return g;
  }

  private static double[][] scatter(double[][] x) {
    int p = x[0].length;
    double[][] s = new double[p][p];
    for (double[] row : x) {
      for (int i = 0; i < p; i++) {
        double xi = row[i];
        double[] target = s[i];
        for (int j = 0; j <= i; j++) {
          target[j] += xi * row[j];
        }
      }
    }
    return s; // lower triangle suffices for SymmetricEigen
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double[][] copy(double[][] matrix) {
    double[][] result = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      result[i] = matrix[i].clone();
    }
    return result;
  }
}
