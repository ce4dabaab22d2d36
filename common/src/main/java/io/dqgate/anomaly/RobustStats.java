package io.dqgate.anomaly;

import java.util.Arrays;

/** Median and MAD on primitive arrays without sorting (quickselect), since they run per metric per day. */
final class RobustStats {
  /** MAD of a normal sample times this estimates its standard deviation. */
  static final double MAD_TO_SIGMA = 1.4826;

  private RobustStats() {}

  /** Median of {@code values[0..n)}; reorders that range. */
  static double medianInPlace(double[] values, int n) {
    if (n <= 0) {
      return Double.NaN;
    }
    int mid = n / 2;
    double upper = select(values, 0, n - 1, mid);
    if ((n & 1) == 1) {
      return upper;
    }
    // after select, everything left of mid is <= upper: the lower middle is their maximum
    double lower = values[0];
    for (int i = 1; i < mid; i++) {
      lower = Math.max(lower, values[i]);
    }
    return (lower + upper) / 2;
  }

  static double median(double[] values) {
    return medianInPlace(Arrays.copyOf(values, values.length), values.length);
  }

  /** Median absolute deviation of {@code values[0..n)} around {@code center}, using {@code scratch}. */
  static double mad(double[] values, int n, double center, double[] scratch) {
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(values[i] - center);
    }
    return medianInPlace(scratch, n);
  }

  /**
   * A robust standard deviation for predicting one new value from {@code n} points whose median is the
   * prediction: MAD·1.4826 with the small-sample correction n/(n−0.8) (the MAD underestimates below ~30
   * points), widened by the median's own uncertainty (variance π/2·σ²/n).
   */
  static double predictiveSigma(double mad, int n) {
    double sigma = mad * MAD_TO_SIGMA * n / (n - 0.8);
    return sigma * Math.sqrt(1 + Math.PI / (2.0 * n));
  }

  private static double select(double[] a, int left, int right, int k) {
    while (right > left) {
      int mid = (left + right) >>> 1;
      // median of three guards against sorted input, which a daily series often nearly is
      if (a[mid] < a[left]) {
        swap(a, mid, left);
      }
      if (a[right] < a[left]) {
        swap(a, right, left);
      }
      if (a[right] < a[mid]) {
        swap(a, right, mid);
      }
      double pivot = a[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
