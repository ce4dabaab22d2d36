package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A number far outside a vocabulary of numbers: a sentinel, however many new entries the vocabulary took. */
class SentinelCodeTest {
  private static final Signal.Factory MAKE = new Signal.Factory(Severity.BLOCK);

  @Test
  void aNumberFarOutsideEveryKnownNumberIsASentinel() {
    Set<String> plots = Set.of("1", "2", "12", "24");
    var sentinel = OpenVocabulary.sentinel(plots);
    assertThat(sentinel.test("9999999")).isTrue();
    assertThat(sentinel.test("-1")).as("negative where none was").isTrue();
    assertThat(sentinel.test("2400")).isTrue();
    assertThat(sentinel.test("25")).isFalse();
    assertThat(sentinel.test("240")).isFalse();
    assertThat(sentinel.test("NA")).isFalse();
    assertThat(OpenVocabulary.sentinel(Set.of("1", "two")).test("9999999")).as("not all numbers").isFalse();
    assertThat(OpenVocabulary.alien(plots).test("9999999")).isTrue();
  }

  /**
   * A survey's day: about 150 animals over plots "1" to "20", and from the tenth day on plots "21" to "24" too,
   * which a growing survey added.
   */
  private static Map<String, Long> day(int d, Random random) {
    Map<String, Long> counts = new LinkedHashMap<>();
    int plots = d < 10 ? 20 : 24;
    for (int i = 0; i < 150; i++) {
      counts.merge(String.valueOf(1 + random.nextInt(plots)), 1L, Long::sum);
    }
    return counts;
  }

  private static Optional<Finding> judged(String value, long rows) {
    Random random = new Random(4);
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      clean.add(CategoricalDistribution.of(day(d, random), 0));
    }
    Map<String, Long> today = day(30, random);
    today.put(value, rows);
    return CategorySignatures.judgeColumn("plot_id", CategoricalDistribution.of(today, 0), clean, MAKE);
  }

  @Test
  void aSentinelAmongPlotsBlocksWhereANewPlotOfItsRowsDoesNot() {
    Finding sentinel = judged("9999999", 6).orElseThrow();
    assertThat(sentinel.severity()).isEqualTo(Severity.BLOCK);
    assertThat(sentinel.cause()).isEqualTo("out-of-range");
    assertThat(sentinel.message()).startsWith("plot_id: 3.8% of rows hold values no clean day of the last 30 listed "
        + "(\"9999999\"); new values took at most 0.0% of a clean day's rows")
        .endsWith("; numbers far outside every number it listed: a sentinel");
    assertThat(judged("25", 6)).as("the survey's next plot, as many rows as the plots it added").isEmpty();
  }

  @Test
  void plotsWrittenWithACurrencySignAreATypeChange() {
    assertThat(OpenVocabulary.numberWrittenOtherwise(Set.of("1", "24")).test("$12")).isTrue();
    assertThat(OpenVocabulary.numberWrittenOtherwise(Set.of("1", "24")).test("NA")).as("no digit").isFalse();
    assertThat(OpenVocabulary.numberWrittenOtherwise(Set.of("1", "24")).test("25")).as("a number").isFalse();
    assertThat(OpenVocabulary.numberWrittenOtherwise(Set.of("1", "b")).test("$12")).as("not all numbers").isFalse();
    Random random = new Random(8);
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      clean.add(CategoricalDistribution.of(day(0, random), 0));
    }
    Map<String, Long> today = day(0, random);
    for (int plot = 1; plot <= 10; plot++) {
      today.put("$" + plot, 3L);
    }
    assertThat(OpenVocabulary.alien(Set.of("1", "24")).test("$12")).as("written by another hand").isTrue();
    Finding retyped = CategorySignatures.judgeColumn("plot_id", CategoricalDistribution.of(today, 0), clean, MAKE)
        .orElseThrow();
    assertThat(retyped.cause()).isEqualTo("type-change");
    assertThat(retyped.message()).endsWith("; numbers written as no number where it listed only numbers: a type "
        + "change");
  }
}
