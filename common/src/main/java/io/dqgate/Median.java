package io.dqgate;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median, for every part of dqgate that needs one: the middle value, or the mean of the two middle
 * values of an even count; NaN for no values. Found by selection (quickselect, median-of-three pivots)
 * rather than a sort, since detection takes several per metric per day. Values must not be NaN.
 */
public final class Median {
  private Median() {}

  /** The median of {@code values}, which are left as they are. */
  public static double of(double[] values) {
    return inPlace(Arrays.copyOf(values, values.length), values.length);
  }

  public static double of(Collection<Double> values) {
    return inPlace(values.stream().mapToDouble(Double::doubleValue).toArray(), values.size());
  }

  /** The median of {@code values[0..n)}; reorders that range, allocates nothing. */
  public static double inPlace(double[] values, int n) {
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
