package io.dqgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationTest {

  @Test
  void rowsCarryingSeveralFindingsAreDrawnFirstAndTheLeastOverRepresentedStratumIsAsHighAsTheDayAllows() {
    // 1000 rows; A on 400 of them, B on 100, C on 50, overlapping; 560 ordinary
    List<Allocation.Profile> day = List.of(profile(10, 0, 1, 2), profile(60, 0, 1), profile(30, 0, 2),
        profile(300, 0), profile(30, 1), profile(10, 2));
    Allocation a = Allocation.of(1000, 3, day, 560, 0.02);

    // 2% = 20 rows: 2 ordinary; of 18 for the findings, A can have at most 18 (2.25x its share); with A
    // there, B is best served by the A+B rows after the 10 A+B+C, and C then has the 10 A+B+C rows
    assertThat(a.profiles()).containsExactly(10, 8, 0, 0, 0, 0);
    assertThat(a.ordinary()).isEqualTo(2);
    assertThat(a.total()).isEqualTo(20);
    long[] inSample = a.strataRows(3, day);
    assertThat(inSample).containsExactly(18, 18, 10);
    // sample / day: A (18/20) / (400/1000) = 2.25, B 9, C 10
    assertThat(ratio(inSample[0], 20, 400, 1000)).isEqualTo(2.25);
    assertThat(ratio(inSample[1], 20, 100, 1000)).isEqualTo(9.0);
    assertThat(ratio(inSample[2], 20, 50, 1000)).isEqualTo(10.0);
  }

  @Test
  void theSampleFeedsContaminatedDayHasEveryFindingAtTheHighestCommonMultipleItsRowsAllow() {
    // 2026-08-21 of the sample feed: 1906 rows, 643 ordinary; strata applied_at (93 rows), income nulls (764),
    // birth_date (339), age (192), gender (284), duplicate keys (188), in their rows' profiles
    List<Allocation.Profile> day = List.of(
        profile(1, 0, 1, 2, 3, 4), profile(2, 0, 1, 2, 3), profile(6, 0, 1, 2), profile(1, 0, 1, 3, 4),
        profile(2, 0, 1, 3), profile(2, 0, 1, 4, 5), profile(6, 0, 1, 4), profile(19, 0, 1), profile(1, 0, 2, 3),
        profile(2, 0, 2, 4, 5), profile(1, 0, 2, 4), profile(7, 0, 2), profile(1, 0, 3, 4), profile(3, 0, 3),
        profile(9, 0, 4), profile(2, 0, 5), profile(28, 0), profile(2, 1, 2, 3, 5), profile(17, 1, 2, 3),
        profile(2, 1, 2, 4, 5), profile(16, 1, 2, 4), profile(6, 1, 2, 5), profile(85, 1, 2), profile(10, 1, 3, 4),
        profile(14, 1, 3, 5), profile(43, 1, 3), profile(8, 1, 4, 5), profile(67, 1, 4), profile(53, 1, 5),
        profile(402, 1), profile(5, 2, 3, 4), profile(8, 2, 3), profile(22, 2, 4), profile(18, 2, 5),
        profile(138, 2), profile(2, 3, 4, 5), profile(14, 3, 4), profile(8, 3, 5), profile(58, 3), profile(12, 4, 5),
        profile(103, 4), profile(57, 5));
    Allocation a = Allocation.of(1906, 6, day, 643, 0.02);

    // 2% = 39 rows: 4 ordinary, 35 carrying findings, every one of them an income null (its bound: 2.2x)
    assertThat(a.total()).isEqualTo(39);
    assertThat(a.ordinary()).isEqualTo(4);
    long[] inSample = a.strataRows(6, day);
    assertThat(inSample).containsExactly(10, 35, 26, 13, 19, 13);
    long[] dayRows = {93, 764, 339, 192, 284, 188};
    double[] ratios = new double[6];
    for (int i = 0; i < 6; i++) {
      ratios[i] = Math.round(10 * ratio(inSample[i], 39, dayRows[i], 1906)) / 10.0;
    }
    assertThat(ratios).containsExactly(5.3, 2.2, 3.7, 3.3, 3.3, 3.4);
  }

  @Test
  void theSameDayGivesTheSameAllocation() {
    List<Allocation.Profile> day = List.of(profile(7, 0, 1), profile(93, 0), profile(41, 1, 2), profile(12, 2));
    assertThat(Allocation.of(500, 3, day, 347, 0.05)).isEqualTo(Allocation.of(500, 3, day, 347, 0.05));
  }

  @Test
  void aTenthOfTheBudgetGoesToOrdinaryRowsAndAnUnusedRestToo() {
    // 50% of 100 = 50 rows: 5 ordinary; every one of the 25 flagged rows fits, the other 20 go to ordinary rows
    List<Allocation.Profile> day = List.of(profile(5, 0, 1), profile(10, 0), profile(10, 1));
    Allocation a = Allocation.of(100, 2, day, 75, 0.5);
    assertThat(a.profiles()).containsExactly(5, 10, 10);
    assertThat(a.ordinary()).isEqualTo(25);
  }

  @Test
  void everyStratumGetsAtLeastFiveRowsEvenBeyondTheBudget() {
    // 1% of 100 = 1 row: 1 ordinary, then each stratum its five (or all it has)
    List<Allocation.Profile> day = List.of(profile(50, 0), profile(3, 1), profile(40, 2));
    Allocation a = Allocation.of(100, 3, day, 7, 0.01);
    assertThat(a.profiles()).containsExactly(5, 3, 5);
    assertThat(a.ordinary()).isEqualTo(1);
  }

  @Test
  void withoutStrataTheSampleIsOrdinaryRowsOnly() {
    Allocation a = Allocation.of(1000, 0, List.of(), 1000, 0.05);
    assertThat(a.profiles()).isEmpty();
    assertThat(a.ordinary()).isEqualTo(50);
  }

  private static Allocation.Profile profile(long rows, int... strata) {
    BitSet carries = new BitSet();
    for (int s : strata) {
      carries.set(s);
    }
    return new Allocation.Profile(carries, rows);
  }

  private static double ratio(long inSample, long sampleRows, long dayRows, long rows) {
    return (inSample / (double) sampleRows) / (dayRows / (double) rows);
  }
}
