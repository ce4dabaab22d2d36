package io.dqgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one median: middle value, mean of the two middle values, NaN for none; the input stays as it was. */
class MedianTest {
  @Test
  void middleValueOrMeanOfTheTwoMiddleValues() {
    double[] odd = {9, 1, 5, 3, 7};
    assertThat(Median.of(odd)).isEqualTo(5);
    assertThat(odd).containsExactly(9, 1, 5, 3, 7);
    assertThat(Median.of(new double[] {0.1, 0.7})).isEqualTo((0.1 + 0.7) / 2);
    assertThat(Median.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Median.of(List.of(-2.0))).isEqualTo(-2.0);
    assertThat(Median.of(new double[0])).isNaN();
  }

  @Test
  void inPlaceLooksOnlyAtTheFirstValues() {
    double[] scratch = {8, 2, 6, 100, -100};
    assertThat(Median.inPlace(scratch, 3)).isEqualTo(6);
    assertThat(scratch).endsWith(100, -100);
  }
}
