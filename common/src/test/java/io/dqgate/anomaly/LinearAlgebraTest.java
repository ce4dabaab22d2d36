package io.dqgate.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** The hand-written eigen solver and the PCA plumbing against Commons Math. */
class LinearAlgebraTest {

  private static double[][] randomRows(int n, int p, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        row[j] = random.nextGaussian() * (1 + j % 5);
      }
    }
    return x;
  }

  private static double[][] centred(double[][] x) {
    int p = x[0].length;
    double[] mean = new double[p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    double[][] c = new double[x.length][p];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < p; j++) {
        c[i][j] = x[i][j] - mean[j];
      }
    }
    return c;
  }

  @Test
  void symmetricEigenMatchesCommonsMath() {
    double[][] x = randomRows(40, 30, 1);
    double[][] a = PrincipalComponents.gram(centred(x)); // 40×40, rank 29
    double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(a)).getRealEigenvalues().clone();
    Arrays.sort(expected);
    double[][] copy = new double[40][];
    Arrays.setAll(copy, i -> a[i].clone());
    SymmetricEigen eigen = SymmetricEigen.of(copy);
    for (int i = 0; i < 40; i++) {
      assertThat(eigen.values[i]).isCloseTo(expected[39 - i], within(1e-9 * expected[39]));
      // A·v = λ·v and |v| = 1
      double[] v = eigen.vectors[i];
      assertThat(PrincipalComponents.dot(v, v)).isCloseTo(1.0, within(1e-12));
      for (int r = 0; r < 40; r++) {
        assertThat(PrincipalComponents.dot(a[r], v)).isCloseTo(eigen.values[i] * v[r], within(1e-8));
      }
    }
    assertThat(eigen.values[29]).isPositive();
    assertThat(Math.abs(eigen.values[30])).isLessThan(1e-9);
  }

  @Test
  void gramRouteEqualsTheSvdOfTheData() {
    double[][] x = centred(randomRows(15, 60, 2)); // p > n: the Gram route
    PrincipalComponents pcs = PrincipalComponents.fit(x, null, 0.9, Integer.MAX_VALUE);
    double[] singular = new SingularValueDecomposition(new Array2DRowRealMatrix(x)).getSingularValues();
    for (int i = 0; i < 14; i++) {
      assertThat(pcs.eigenvalues[i]).isCloseTo(singular[i] * singular[i] / 14, within(1e-9));
    }
    assertThat(pcs.rank).isEqualTo(14);
    // loadings are orthonormal and reproduce the scores
    for (int i = 0; i < pcs.components(); i++) {
      for (int j = 0; j <= i; j++) {
        assertThat(PrincipalComponents.dot(pcs.loadings[i], pcs.loadings[j]))
            .isCloseTo(i == j ? 1 : 0, within(1e-9));
      }
      for (int r = 0; r < 15; r++) {
        assertThat(PrincipalComponents.dot(x[r], pcs.loadings[i])).isCloseTo(pcs.scores[r][i], within(1e-9));
      }
    }
    // and the scatter route (n > p) gives the same spectrum as Commons Math's covariance eigenvalues
    double[][] tall = centred(randomRows(80, 12, 3));
    PrincipalComponents byScatter = PrincipalComponents.fit(tall, null, 0.9, Integer.MAX_VALUE);
    double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(tall)).getSingularValues();
    for (int i = 0; i < 12; i++) {
      assertThat(byScatter.eigenvalues[i]).isCloseTo(sv[i] * sv[i] / 79, within(1e-9));
    }
  }

  @Test
  void componentsByExplainedVariance() {
    double[] lambda = {5, 3, 1, 0.5, 0.5};
    // total 10: 5 → 50 %, 8 → 80 %, 9 → 90 %
    assertThat(PrincipalComponents.chooseComponents(lambda, 5, 100, 0.9, 100)).isEqualTo(3);
    assertThat(PrincipalComponents.chooseComponents(lambda, 5, 100, 0.8, 100)).isEqualTo(2);
    assertThat(PrincipalComponents.chooseComponents(lambda, 5, 100, 1.0, 100)).isEqualTo(4); // rank − 1
    assertThat(PrincipalComponents.chooseComponents(lambda, 5, 3, 0.9, 100)).isEqualTo(2); // n − 1
    assertThat(PrincipalComponents.chooseComponents(lambda, 5, 100, 0.9, 1)).isEqualTo(1);
  }

  @Test
  void heldOutStatisticsEqualARefitWithoutTheDay() {
    double[][] x = centred(randomRows(12, 30, 4));
    int k = 3;
    double[][] heldOut = HeldOutCalibration.statistics(PrincipalComponents.gram(x), k, 12); // leave-one-out
    for (int h : new int[] {0, 5, 11}) {
      double[][] rest = new double[11][];
      for (int i = 0, r = 0; i < 12; i++) {
        if (i != h) {
          rest[r++] = x[i];
        }
      }
      double[] mean = new double[30];
      for (double[] row : rest) {
        for (int j = 0; j < 30; j++) {
          mean[j] += row[j] / 11;
        }
      }
      double[][] restCentred = new double[11][30];
      double[] day = new double[30];
      for (int j = 0; j < 30; j++) {
        for (int r = 0; r < 11; r++) {
          restCentred[r][j] = rest[r][j] - mean[j];
        }
        day[j] = x[h][j] - mean[j];
      }
      PrincipalComponents refit = PrincipalComponents.fit(restCentred, null, 1.0, k);
      double t2 = 0;
      double captured = 0;
      for (int i = 0; i < k; i++) {
        double t = PrincipalComponents.dot(refit.loadings[i], day);
        t2 += t * t / refit.eigenvalues[i];
        captured += t * t;
      }
      double spe = PrincipalComponents.dot(day, day) - captured;
      assertThat(heldOut[0][h]).isCloseTo(t2, within(1e-9 * t2));
      assertThat(heldOut[1][h]).isCloseTo(spe, within(1e-9 * spe));
    }
  }
}
