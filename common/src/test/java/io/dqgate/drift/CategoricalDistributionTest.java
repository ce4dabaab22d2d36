package io.dqgate.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.DqgateException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoricalDistributionTest {
  static CategoricalDistribution counts(long other, Object... valueCount) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < valueCount.length; i += 2) {
      m.put((String) valueCount[i], ((Number) valueCount[i + 1]).longValue());
    }
    return CategoricalDistribution.of(m, other);
  }

  @Test
  void parsesTheStoredValueProportions() {
    CategoricalDistribution d = CategoricalDistribution.fromJson("{\"total\": 20, \"distinct\": 4, \"values\": ["
        + "{\"value\": \"Male\", \"count\": 10, \"proportion\": 0.5},"
        + "{\"value\": \"Female\", \"count\": 8, \"proportion\": 0.4}],"
        + " \"other\": {\"count\": 2, \"proportion\": 0.1}}");
    assertThat(d.total()).isEqualTo(20);
    assertThat(d.distinct()).isEqualTo(4);
    assertThat(d.counts()).containsExactly(Map.entry("Male", 10L), Map.entry("Female", 8L));
    assertThat(d.otherCount()).isEqualTo(2);
    assertThat(d.proportion("Male")).isEqualTo(0.5);
    assertThat(d.proportion("Female")).isEqualTo(0.4);
    assertThat(d.proportion(CategoricalDistribution.OTHER)).isEqualTo(0.1);
    assertThat(d.proportion("Undeclared")).isEqualTo(0.0);
    assertThat(d.isEmpty()).isFalse();
  }

  @Test
  void derivesOtherFromTheTotalWhenItIsMissing() {
    CategoricalDistribution d = CategoricalDistribution.fromJson(
        "{\"total\": 12, \"values\": [{\"value\": \"a\", \"count\": 9}]}");
    assertThat(d.otherCount()).isEqualTo(3);
    assertThat(d.total()).isEqualTo(12);
    // Distinct not stored: the listed value plus the non-empty other bucket, a lower bound.
    assertThat(d.distinct()).isEqualTo(2);
  }

  @Test
  void emptyAndMissingDetailsAreTheEmptyDistribution() {
    CategoricalDistribution stored = CategoricalDistribution.fromJson(
        "{\"total\": 0, \"distinct\": 0, \"values\": [], \"other\": {\"count\": 0, \"proportion\": 0.0}}");
    assertThat(stored.isEmpty()).isTrue();
    assertThat(stored.total()).isZero();
    assertThat(stored.proportion("x")).isNaN();
    assertThat(CategoricalDistribution.fromJson(null).isEmpty()).isTrue();
    assertThat(CategoricalDistribution.fromJson(" ").isEmpty()).isTrue();
  }

  @Test
  void rejectsInconsistentOrUnreadableDetails() {
    assertThatThrownBy(() -> CategoricalDistribution.fromJson(
        "{\"total\": 30, \"values\": [{\"value\": \"a\", \"count\": 9}], \"other\": {\"count\": 1}}"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("value_proportions detail: total 30 is not listed 9 + other 1");
    assertThatThrownBy(() -> CategoricalDistribution.fromJson("{\"values\": [{\"value\": \"a\"}]}"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("value_proportions detail: each value needs \"value\" and \"count\": {\"value\":\"a\"}");
    assertThatThrownBy(() -> CategoricalDistribution.fromJson("{not json"))
        .isInstanceOf(DqgateException.class)
        .hasMessage("unreadable value_proportions detail: {not json");
    assertThatThrownBy(() -> counts(-1, "a", 1))
        .isInstanceOf(DqgateException.class)
        .hasMessage("value counts: other count must be at least 0, was -1");
  }

  @Test
  void alignKeepsExactZerosAndFoldsValuesATruncatedListMayHide() {
    // Baseline lists everything (other 0), so its missing "D" is a true 0. Current has other 10, so its missing
    // "C" may be inside that bucket: C goes to other on both sides (baseline 0 + 20, current 10 + 0).
    CategoricalDistribution baseline = counts(0, "A", 50, "B", 30, "C", 20);
    CategoricalDistribution current = counts(10, "A", 40, "B", 40, "D", 10);
    AlignedCells cells = CategoricalDistribution.align(baseline, current);
    assertThat(cells.labels()).containsExactly("A", "B", "D", CategoricalDistribution.OTHER);
    assertThat(cells.baseline()).containsExactly(50, 30, 0, 20);
    assertThat(cells.current()).containsExactly(40, 40, 10, 10);
    assertThat(cells.otherIndex()).isEqualTo(3);
    assertThat(cells.folded()).isEqualTo(1);
  }

  @Test
  void alignOfCompleteListsIsTheUnionOfValues() {
    AlignedCells cells = CategoricalDistribution.align(counts(0, "x", 3), counts(0, "y", 5));
    assertThat(cells.labels()).containsExactly("x", "y", CategoricalDistribution.OTHER);
    assertThat(cells.baseline()).containsExactly(3, 0, 0);
    assertThat(cells.current()).containsExactly(0, 5, 0);
    assertThat(cells.folded()).isZero();
    // Disjoint complete supports: JS divergence 1, L∞ 1.
    assertThat(Distances.jsDivergence(cells.baseline(), cells.current())).isEqualTo(1.0);
    assertThat(Distances.lInfinity(cells.baseline(), cells.current())).isEqualTo(1.0);
    assertThat(cells.size()).isEqualTo(3);
  }

  @Test
  void proportionsComeFromCountsNotFromTheStoredProportions() {
    CategoricalDistribution d = CategoricalDistribution.fromJson("{\"total\": 4, \"values\": ["
        + "{\"value\": \"a\", \"count\": 3, \"proportion\": 0.9}], \"other\": {\"count\": 1, \"proportion\": 0.1}}");
    assertThat(d.proportion("a")).isCloseTo(0.75, within(1e-15));
  }
}
