package io.dqgate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.junit.jupiter.api.Test;

/**
 * Filtered HLL updates against value-by-value updates of the same values: the sketches serialize to the
 * same bytes, in the sparse modes and past them, with values given to the sketch directly between.
 */
class HllUpdatesTest {

  @Test
  void filteredUpdatesLeaveTheSketchAsValueByValueUpdatesDo() {
    for (int lgK : new int[] {4, 11, 14}) {
      for (int values : new int[] {1, 10, 3_000, 200_000, 1_000_000}) {
        HllSketch plain = new HllSketch(lgK, TgtHllType.HLL_8);
        HllSketch sketch = new HllSketch(lgK, TgtHllType.HLL_8);
        HllUpdates updates = new HllUpdates(sketch);
        SplittableRandom random = new SplittableRandom(lgK * 31L + values);
        for (int k = 0; k < values; k++) {
          // a third of the values repeat an earlier one
          long datum = random.nextInt(3) == 0 ? random.nextLong(k + 1L) : random.nextLong();
          plain.update(datum);
          updates.update(datum);
          if (k % 9_973 == 0) {
            // a value the sketch gets without the filter (as a column's owed hashes reach it)
            long direct = random.nextLong();
            plain.update(direct);
            sketch.update(direct);
          }
        }
        String at = "lgK " + lgK + ", " + values + " values";
        assertThat(sketch.toUpdatableByteArray()).as(at).isEqualTo(plain.toUpdatableByteArray());
        assertThat(sketch.toCompactByteArray()).as(at).isEqualTo(plain.toCompactByteArray());
        assertThat(sketch.getEstimate()).as(at).isEqualTo(plain.getEstimate());
      }
    }
  }

  @Test
  void aSketchKeepsRegistersOnlyPastItsSparseModes() {
    HllSketch sketch = new HllSketch(14, TgtHllType.HLL_8);
    SplittableRandom random = new SplittableRandom(7);
    sketch.update(random.nextLong());
    assertThat(HllUpdates.keepsRegisters(sketch)).isFalse();
    for (int k = 0; k < 100_000; k++) {
      sketch.update(random.nextLong());
    }
    assertThat(HllUpdates.keepsRegisters(sketch)).isTrue();
  }
}
