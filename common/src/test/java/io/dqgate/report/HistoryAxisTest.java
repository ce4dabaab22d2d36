package io.dqgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistoryAxisTest {
  private static final double[] NARROW = {9, 10, 11, 10, 9, 11, 10, 10, 9, 11};
  private static final double[] DECADE = {1000, 900, 1100, 950, 1000, 100, 120, 1000, 980, 1050, 990, 1010, 110, 100};

  @Test
  void aDayNearItsHistorySharesOneLinearAxisWithIt() {
    HistoryAxis axis = HistoryAxis.of(NARROW, new double[] {8.5, 11.5}, 14);
    assertThat(axis.kind()).isEqualTo(HistoryAxis.Kind.LINEAR);
    assertThat(axis.low()).isCloseTo(8.5 - 0.08 * 5.5, within(1e-12));
    assertThat(axis.high()).isCloseTo(14 + 0.08 * 5.5, within(1e-12));
  }

  @Test
  void aDayAHundredTimesANarrowHistoryIsClippedAtTheTopEdge() {
    // positive and two orders of magnitude apart, but on a log axis reaching 1000 the history 9..11 would
    // keep 4 % of the height: clipped instead, the history keeps 3 / 3.9 of it
    HistoryAxis axis = HistoryAxis.of(NARROW, new double[] {8.5, 11.5}, 1000);
    assertThat(axis.kind()).isEqualTo(HistoryAxis.Kind.CLIPPED_ABOVE);
    assertThat(axis.low()).isCloseTo(8.26, within(1e-12));
    assertThat(axis.high()).isCloseTo(12.4, within(1e-12));
    assertThat(axis.dayAt()).isCloseTo(12.22, within(1e-12));
  }

  @Test
  void aDayAHundredTimesAHistoryThatSpansADecadeGetsALogAxis() {
    HistoryAxis axis = HistoryAxis.of(DECADE, new double[] {50, 1500}, 110_000);
    assertThat(axis.kind()).isEqualTo(HistoryAxis.Kind.LOG);
    assertThat(axis.low()).isCloseTo(100 / 1.5, within(1e-9));
    assertThat(axis.high()).isCloseTo(165_000, within(1e-9));
    assertThat(axis.dayAt()).isEqualTo(110_000);
  }

  @Test
  void aHistoryAtZeroCannotBeLogScaledAndIsClipped() {
    HistoryAxis axis = HistoryAxis.of(new double[] {0, 0, 0, 0}, new double[] {-6, 6}, 365);
    assertThat(axis.kind()).isEqualTo(HistoryAxis.Kind.CLIPPED_ABOVE);
    assertThat(axis.low()).isCloseTo(-6.96, within(1e-12));
    assertThat(axis.high()).isCloseTo(9.6, within(1e-12));
    assertThat(axis.dayAt()).isCloseTo(8.88, within(1e-12));
  }

  @Test
  void aDayFarBelowItsHistoryIsClippedAtTheBottomEdge() {
    HistoryAxis axis = HistoryAxis.of(new double[] {1000, 1010, 990, 1005}, new double[] {980, 1020}, 1);
    assertThat(axis.kind()).isEqualTo(HistoryAxis.Kind.CLIPPED_BELOW);
    assertThat(axis.low()).isCloseTo(968, within(1e-12));
    assertThat(axis.high()).isCloseTo(1023.2, within(1e-12));
    assertThat(axis.dayAt()).isCloseTo(970.4, within(1e-12));
  }
}
