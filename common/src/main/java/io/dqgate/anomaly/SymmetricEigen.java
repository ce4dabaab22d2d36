package io.dqgate.anomaly;

import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal form and
 * the implicit QL algorithm (EISPACK tred2/tql2, as in JAMA). Written out here, not taken from Commons
 * Math, for speed: Commons Math's EigenDecomposition needs ~650 ms for a 364×364 matrix, which alone would
 * spend the whole one-second budget of a day's detection; this needs a fraction of that, mainly because
 * the QL rotations run over contiguous rows (eigenvectors are stored as rows).
 */
final class SymmetricEigen {
  /** Eigenvalues, descending. */
  final double[] values;
  /** {@code vectors[i]} is the unit eigenvector of {@code values[i]}. */
  final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /** Decomposes {@code a} (only its lower triangle is read); {@code a} is overwritten. */
  static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[] d = new double[n];
    double[] e = new double[n];
    tridiagonalize(a, d, e);
    double[][] rows = transpose(a);
    diagonalize(rows, d, e);
    return sorted(d, rows);
  }

  /** tred2: on return {@code v} holds the accumulated transformation (eigenvectors as columns). */
  private static void tridiagonalize(double[][] v, double[] d, double[] e) {
    int n = v.length;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        v[i][j] = v[j][i];
      }
    }
    System.arraycopy(v[n - 1], 0, d, 0, n);
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
          v[j][i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j][i] = f;
          g = e[j] + v[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k][j] * d[k];
            e[k] += v[k][j] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k][j] -= f * e[k] + g * d[k];
          }
          d[j] = v[i - 1][j];
          v[i][j] = 0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k][i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += v[k][i + 1] * v[k][j];
          }
          for (int k = 0; k <= i; k++) {
            v[k][j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k][i + 1] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0;
    }
    v[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  /** tql2 on the tridiagonal (d, e); {@code rows[k]} is the k-th eigenvector, rotated in place. */
  private static void diagonalize(double[][] rows, double[] d, double[] e) {
    int n = d.length;
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double tst1 = 0;
    double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
        m++;
      }
      if (m > l) {
        int iterations = 0;
        do {
          if (++iterations > 100) {
            throw new ArithmeticException("eigen decomposition did not converge");
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.sqrt(p * p + 1);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.sqrt(p * p + e[i] * e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            double[] lower = rows[i];
            double[] upper = rows[i + 1];
            for (int k = 0; k < n; k++) {
              double hk = upper[k];
              upper[k] = s * lower[k] + c * hk;
              lower[k] = c * lower[k] - s * hk;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
  }

  private static double[][] transpose(double[][] a) {
    int n = a.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  private static SymmetricEigen sorted(double[] d, double[][] rows) {
    int n = d.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(d[y], d[x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][];
    for (int i = 0; i < n; i++) {
      values[i] = d[order[i]];
      vectors[i] = rows[order[i]];
    }
    return new SymmetricEigen(values, vectors);
  }
}
