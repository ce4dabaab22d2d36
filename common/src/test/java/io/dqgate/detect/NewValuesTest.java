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
import org.junit.jupiter.api.Test;

/**
 * Values no clean day listed, on a column whose profile lists its top values and counts the rest as other:
 * a value hidden there that crosses the cut by a row or two is not new, one that brings many rows is.
 */
class NewValuesTest {
  private static final Signal.Factory MAKE = new Signal.Factory(Severity.BLOCK);

  /** 48 listed values of 20, 10, 4 and (the least) 2 rows per 500, scaled by {@code scale}. */
  private static Map<String, Long> listed(double scale) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < 48; i++) {
      int rows = i < 10 ? 20 : i < 30 ? 10 : i < 47 ? 4 : 2;
      counts.put(String.format("D%02d", i), Math.max(1, Math.round(rows * scale)));
    }
    return counts;
  }

  /** 28 clean days of 500 rows, 30 of them in the other bucket; then today, 60 % of that plus {@code extra}. */
  private static Optional<Finding> judge(Map<String, Long> extra) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(CategoricalDistribution.of(listed(1), 30));
    }
    Map<String, Long> today = listed(0.6);
    today.putAll(extra);
    return CategorySignatures.judgeColumn("dest", CategoricalDistribution.of(today, 18), clean, MAKE);
  }

  @Test
  void valuesCrossingTheTopValuesCutByARowOrTwoAreNotNew() {
    // the least listed value held 2 of 500 rows (0.4 %): a value hidden at that share brings 3 of today's
    // 300 rows with a chance of 0.12, so two of them, 2 % of the rows, are the cut's noise
    assertThat(CategorySignatures.unlisted(3, 300, 0.004)).isFalse();
    assertThat(judge(Map.of("D48", 3L, "D49", 3L))).isEmpty();
  }

  @Test
  void valuesBringingManyRowsAreNew() {
    // 9 rows of 300 from a value hidden at 0.4 %: a chance of 1e-5
    assertThat(CategorySignatures.unlisted(9, 300, 0.004)).isTrue();
    assertThat(judge(Map.of("D48", 9L, "D49", 9L))).map(Finding::cause).contains("new-values");
    assertThat(judge(Map.of("UNKNOWN", 40L))).map(Finding::message).hasValueSatisfying(m -> assertThat(m)
        .startsWith("dest: 12.0% of rows hold values no clean day of the last 28 listed (\"UNKNOWN\")"));
  }

  /** A day of an order-number column: 50 listed orders of 1–6 lines each, never listed before, the rest other. */
  private static Map<String, Long> orders(int day) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      counts.put(String.format("2015-%03d%03d", day, i), (long) (1 + (i * 7 + day) % 6));
    }
    return counts;
  }

  @Test
  void aColumnWhoseListedValuesTurnOverEveryDayHoldsNoNewValuesButOneThatBringsMoreRowsThanAnyValueDid() {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      clean.add(CategoricalDistribution.of(orders(d), 40));
    }
    assertThat(CategorySignatures.turnsOver(clean)).isTrue();
    assertThat(CategorySignatures.judgeColumn("id", CategoricalDistribution.of(orders(10), 40), clean, MAKE))
        .isEmpty();
    Map<String, Long> unknown = orders(10);
    unknown.put("UNKNOWN", 40L);
    assertThat(CategorySignatures.judgeColumn("id", CategoricalDistribution.of(unknown, 40), clean, MAKE))
        .map(Finding::message).hasValueSatisfying(m -> assertThat(m).startsWith(
            "id: 15.4% of rows hold values no clean day of the last 10 listed (\"UNKNOWN\")"));
    List<CategoricalDistribution> steady = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      steady.add(CategoricalDistribution.of(listed(1), 30));
    }
    assertThat(CategorySignatures.turnsOver(steady)).isFalse();
  }

  /**
   * A clinic column of a young feed: 30 clinics, a few of them on every one of the {@code days} clean days
   * first, and the later days bringing a clinic never listed before (the vocabulary still being listed) when
   * {@code open}.
   */
  private static List<CategoricalDistribution> clinics(int days, boolean open) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < 30; i++) {
        counts.put("clinic " + i, 4L);
      }
      if (open && d > 0) {
        counts.put("ward " + d, 1L);
      }
      clean.add(CategoricalDistribution.of(counts, 0));
    }
    return clean;
  }

  private static Optional<Finding> clinicDay(List<CategoricalDistribution> clean, long newRows) {
    Map<String, Long> today = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      today.put("clinic " + i, 4L);
    }
    today.put("periop complex", newRows);
    return CategorySignatures.judgeColumn("clinic_name", CategoricalDistribution.of(today, 0), clean, MAKE);
  }

  @Test
  void aYoungColumnThatKeptBringingNewValuesWarnsOnAFewNewRowsAndBlocksOnMany() {
    Finding few = clinicDay(clinics(7, true), 3).orElseThrow();
    assertThat(few.severity()).isEqualTo(Severity.WARN);
    assertThat(few.message()).startsWith("clinic_name: 2.4% of rows hold values no clean day of the last 7 listed")
        .contains("[learning this column: its 7 clean days brought new values too");
    assertThat(clinicDay(clinics(7, true), 20).orElseThrow().severity()).as("an eighth of the rows")
        .isEqualTo(Severity.BLOCK);
    assertThat(clinicDay(clinics(7, false), 3).orElseThrow().severity()).as("a vocabulary complete from day one")
        .isEqualTo(Severity.BLOCK);
    assertThat(clinicDay(clinics(14, true), 4).orElseThrow().severity()).as("learnt: one new row a day at most")
        .isEqualTo(Severity.BLOCK);
  }
}
