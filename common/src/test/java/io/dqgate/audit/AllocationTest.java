package io.dqgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocationTest {

  @Test
  void aQuarterOfTheBudgetGoesToOrdinaryRowsAndTheRestEvenlyToTheStrata() {
    // 2% of 1000 = 20 rows: 5 ordinary, 15 over three strata
    Allocation a = Allocation.of(1000, new long[] {400, 300, 200}, 100, 0.02);
    assertThat(a.strata()).containsExactly(5, 5, 5);
    assertThat(a.ordinary()).isEqualTo(5);
  }

  @Test
  void aSmallStratumGivesWhatItCannotUseToTheOthers() {
    // 2% of 2000 = 40: 10 ordinary; 30 over [1, 500, 500]: 1, then 15 and 14
    Allocation a = Allocation.of(2000, new long[] {500, 1, 500}, 999, 0.02);
    assertThat(a.strata()).containsExactly(15, 1, 14);
    assertThat(a.ordinary()).isEqualTo(10);
  }

  @Test
  void everyStratumGetsAtLeastFiveRowsEvenBeyondTheBudget() {
    // 1% of 100 = 1 row: 1 ordinary, then each stratum its five
    Allocation a = Allocation.of(100, new long[] {50, 3, 40}, 7, 0.01);
    assertThat(a.strata()).containsExactly(5, 3, 5);
    assertThat(a.ordinary()).isEqualTo(1);
  }

  @Test
  void withoutStrataTheSampleIsOrdinaryRowsOnly() {
    Allocation a = Allocation.of(1000, new long[0], 1000, 0.05);
    assertThat(a.strata()).isEmpty();
    assertThat(a.ordinary()).isEqualTo(50);
  }
}
