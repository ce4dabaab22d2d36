package io.dqgate.profile;

import java.lang.invoke.MethodHandle;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * The arrays behind Spark's on-heap column vectors, so that a loop over a batch reads them directly: a
 * vector's accessors are calls that check for a dictionary on every value, and a string's accessor makes
 * a {@code UTF8String} of every value.
 */
final class VectorArrays {
  private static final MethodHandle BYTES = DictionaryValues.getter(OnHeapColumnVector.class, "byteData");
  private static final MethodHandle INTS = DictionaryValues.getter(OnHeapColumnVector.class, "intData");

  private VectorArrays() {}

  /**
   * The bytes a plain (not dictionary-encoded) on-heap string vector keeps its values in, each at its
   * {@code getArrayOffset} for its {@code getArrayLength}; null for any other vector.
   */
  static byte[] bytes(ColumnVector v) {
    if (BYTES == null || !(v instanceof OnHeapColumnVector w) || w.hasDictionary()
        || !(w.arrayData() instanceof OnHeapColumnVector values)) {
      return null;
    }
    try {
      return (byte[]) BYTES.invoke(values);
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * The first {@code n} ints of an int vector (a date column's days, a dictionary's ids): its own array
   * where it keeps them plain on the heap, else read into {@code scratch}. A null row's int is whatever
   * the vector holds there.
   */
  static int[] ints(ColumnVector v, int n, int[] scratch) {
    if (INTS != null && v instanceof OnHeapColumnVector w && !w.hasDictionary()) {
      try {
        int[] own = (int[]) INTS.invoke(w);
        if (own != null && own.length >= n) {
          return own;
        }
      } catch (Throwable e) {
        // read through the accessor below
      }
    }
    for (int r = 0; r < n; r++) {
      scratch[r] = v.isNullAt(r) ? 0 : v.getInt(r);
    }
    return scratch;
  }
}
