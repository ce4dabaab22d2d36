package io.dqgate.profile;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.datasketches.Util;
import org.apache.datasketches.hash.MurmurHash3;
import org.apache.datasketches.hll.HllSketch;

/**
 * Updates of one HLL sketch that pass over the values that cannot change it. A sketch takes a value's
 * 128-bit MurmurHash3 (DataSketches' seed), whose low bits pick a register and whose second word's
 * leading zeros, plus one, are the value offered to it; once the sketch keeps registers (past its sparse
 * modes), a register changes only when offered more than it holds. This keeps, per register, the largest
 * value it has been offered from here: never more than the register holds (the sketch may have been given
 * other values directly), so a value offered no more than that is one the sketch would ignore, and the
 * sketch ends as it would have updated value by value (its serialized form included).
 */
final class HllUpdates {
  private static final MethodHandle CURRENT_MODE = currentMode();
  /** Updates between two looks at whether the sketch keeps registers yet. */
  private static final int MODE_CHECK_INTERVAL = 1 << 10;

  private final HllSketch sketch;
  private final byte[] offered;
  private final int mask;
  private boolean registers;
  private int untilCheck;

  HllUpdates(HllSketch sketch) {
    this.sketch = sketch;
    this.offered = new byte[1 << sketch.getLgConfigK()];
    this.mask = offered.length - 1;
  }

  void update(long datum) {
    long[] h = MurmurHash3.hash(datum, Util.DEFAULT_UPDATE_SEED);
    int slot = (int) h[0] & mask;
    int value = Math.min(Long.numberOfLeadingZeros(h[1]), 62) + 1;
    if (value <= offered[slot]) {
      if (registers) {
        return;
      }
    } else {
      offered[slot] = (byte) value;
    }
    sketch.update(datum);
    if (!registers && --untilCheck <= 0) {
      untilCheck = MODE_CHECK_INTERVAL;
      registers = keepsRegisters(sketch);
    }
  }

  /** Whether the sketch is past its sparse modes (false when that cannot be told: every value then passes). */
  static boolean keepsRegisters(HllSketch sketch) {
    if (CURRENT_MODE == null) {
      return false;
    }
    try {
      return "HLL".equals(((Enum<?>) CURRENT_MODE.invoke(sketch)).name());
    } catch (Throwable e) {
      return false;
    }
  }

  private static MethodHandle currentMode() {
    try {
      java.lang.reflect.Method method = HllSketch.class.getDeclaredMethod("getCurMode");
      method.setAccessible(true);
      return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class, HllSketch.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
