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

    List<Finding> out = TailOnly.soften(List.of(stddev, max), java.util.Set.<String>of()::contains);

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

    List<Finding> out = TailOnly.soften(List.of(stddev, median, range, max, blocking, otherColumn),
        java.util.Set.<String>of()::contains);

    assertThat(out).containsExactly(stddev, median, range, max, blocking, otherColumn);
  }

  @Test
  void oneRowAlonePastTheRangeMakesItsColumnsMomentsAndVectorWarnAtMost() {
    Finding max = series("col_rec_tat", "max", 61_370, Severity.BLOCK);
    Finding stddev = series("col_rec_tat", "stddev", 5061, Severity.BLOCK);
    Finding median = series("col_rec_tat", "median", 40, Severity.BLOCK);
    Finding vector = new Finding("pca", "t2_spe", "col_rec_tat", null, 900, 0, 30, 30, Severity.BLOCK, "pca");
    Finding otherColumn = series("rec_ver_tat", "max", 900, Severity.BLOCK);

    List<Finding> out = TailOnly.soften(List.of(max, stddev, median, vector, otherColumn),
        java.util.Set.of("col_rec_tat")::contains);

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.WARN, Severity.WARN, Severity.BLOCK,
        Severity.WARN, Severity.BLOCK);
    assertThat(out.get(0).message()).endsWith("one row alone past col_rec_tat's clean range moved it: an error of "
        + "one row warns");
  }
}
