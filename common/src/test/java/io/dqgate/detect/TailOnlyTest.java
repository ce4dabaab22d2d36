package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A series warning on a column's standard deviation, minimum or maximum is INFO when nothing else of the
 * column warned that day; with a quartile, drift, signature or metric-vector finding on it, or as a block, it
 * stays.
 */
class TailOnlyTest {
  private static Finding series(String column, String metric, double observed, Severity severity) {
    return new Finding("series", metric, column, null, observed, 4.2, 55.5, 26.2, severity,
        column + "." + metric + " = " + observed);
  }

  @Test
  void aRecordOrAWiderSpreadWithNothingElseOfTheColumnMovingIsTheTail() {
    Finding stddev = series("unit_price", "stddev", 142.0, Severity.WARN);
    Finding max = series("amount", "max", 4642, Severity.WARN);

    List<Finding> out = TailOnly.soften(List.of(stddev, max));

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.INFO);
    assertThat(out.get(0).detector()).isEqualTo(TailOnly.DETECTOR);
    assertThat(out.get(0).metric()).isEqualTo("series:stddev");
    assertThat(out.get(0).column()).isEqualTo("unit_price");
    assertThat(out.get(0).message()).isEqualTo("unit_price.stddev = 142.0 — the column's tail alone: nothing else "
        + "of unit_price moved (quartiles, distribution, range, units)");
  }

  @Test
  void anotherWarningOnTheColumnOrABlockKeepsIt() {
    Finding stddev = series("unit_price", "stddev", 142.0, Severity.WARN);
    Finding median = series("unit_price", "median", 31.0, Severity.WARN);
    Finding range = new Finding("signature", "max", "amount", null, 9_999_999, 0.39, 328.6, 3.0, Severity.WARN,
        "amount.max far outside");
    Finding max = series("amount", "max", 9_999_999, Severity.WARN);
    Finding blocking = series("score", "max", 90, Severity.BLOCK);
    Finding otherColumn = series("rating", "null_fraction", 0.2, Severity.WARN);

    List<Finding> out = TailOnly.soften(List.of(stddev, median, range, max, blocking, otherColumn));

    assertThat(out).containsExactly(stddev, median, range, max, blocking, otherColumn);
  }
}
