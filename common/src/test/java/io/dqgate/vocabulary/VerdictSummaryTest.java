package io.dqgate.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line summary leads with the cause of the finding that decided the verdict. */
class VerdictSummaryTest {
  static final LocalDate DAY = LocalDate.of(2026, 3, 4);

  @Test
  void blockLeadsWithTheSignatureOverAHigherScoringSeries() {
    Finding series = new Finding("series", "mean", "total_price", null, 161, 90, 110, 40, Severity.BLOCK,
        "total_price.mean = 161");
    Finding unit = new Finding("signature", "quantiles", "total_price", null, 1.61, 0.9, 1.1, 2, Severity.BLOCK,
        "unit change in total_price, ×1.61: all its quantiles moved by ×1.61", Cause.UNIT_CHANGE, null);
    Verdict verdict = Verdict.of("orders", DAY, List.of(series, unit));
    assertThat(verdict.summary()).isEqualTo("BLOCK orders 2026-03-04: unit change in total_price, ×1.61 (+1 more "
        + "finding)");
    assertThat(verdict.findings().get(1).cause()).isEqualTo("distribution-shift");
  }

  @Test
  void everyBlockGetsACauseFromWhatItMeasured() {
    Finding rule = new Finding("rules", "range", "age", null, 0, Double.NaN, Double.NaN, 100, Severity.BLOCK,
        "rule range broken on age");
    Finding nulls = new Finding("series", "null_fraction", "income", null, 0.4, 0.01, 0.05, 104, Severity.BLOCK,
        "income.null_fraction = 0.4");
    Verdict verdict = Verdict.of("orders", DAY, List.of(rule, nulls));
    assertThat(verdict.findings()).extracting(Finding::cause).containsExactly("null-spike", "out-of-range");
    assertThat(verdict.summary()).isEqualTo("BLOCK orders 2026-03-04: null spike in income (+1 more finding)");
    assertThat(Verdict.parse(verdict.toJson(), "v.json").findings()).extracting(Finding::cause)
        .containsExactly("null-spike", "out-of-range");
  }

  @Test
  void passAndWarn() {
    assertThat(Verdict.of("orders", DAY, List.of()).summary()).isEqualTo("PASS orders 2026-03-04: no findings");
    Finding drift = new Finding("drift", "quantiles", "amount", null, 0.3, Double.NaN, 0.25, 0.3, Severity.WARN,
        "distribution of amount moved");
    assertThat(Verdict.of("orders", DAY, List.of(drift)).summary())
        .isEqualTo("WARN orders 2026-03-04: distribution shift in amount");
  }

  @Test
  void factorsKeepThreeSignificantDigits() {
    assertThat(Cause.threeDigits(1.6093)).isEqualTo("1.61");
    assertThat(Cause.threeDigits(100.0)).isEqualTo("100");
    assertThat(Cause.threeDigits(0.016667)).isEqualTo("0.0167");
  }
}
