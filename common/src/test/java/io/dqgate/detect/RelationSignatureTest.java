package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Two columns' relation on its own ({@link RelationSignature}): broken while both columns hold, held when it
 * grew tighter or loosened as the columns' spreads say, on the few rows a column kept only when gone.
 */
class RelationSignatureTest {
  /** The clean days a column's distribution is held to. */
  private static final int BASELINE_DAYS = 28;

  @Test
  void aCleanDayWhoseRelationGrewTighterDoesNotHideALaterBreak() {
    List<MetricRecord> all = new ArrayList<>(new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      double[] shifted = new double[r.loan.length];
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] = r.loan[(i + 7) % shifted.length];
      }
      r.loan = shifted;
      return r;
    }));
    // one clean day whose loans followed the incomes almost exactly
    LocalDate tight = SignatureDays.START.plusDays(SignatureJudgeTest.DAYS / 2);
    all.replaceAll(m -> m.partitionDate().equals(tight) && m.metric().equals(RelationSignature.CORRELATION)
        && m.instance().contains("loan_amount") && m.instance().contains("income")
        ? SignatureDays.record(tight, m.entity(), m.instance(), m.metric(), 0.995, m.detail()) : m);

    assertThat(RelationSignature.judge(SignatureDays.lastDay(all), SignatureDays.before(all), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).extracting(Finding::column, Finding::cause)
        .containsExactly(tuple("loan_amount", "relation-broken"));
  }

  @Test
  void aRelationGrownTighterHoldsUnlessOneColumnIsACopyOfTheOther() {
    // loans follow incomes more closely than ever (their own noise gone): the relation held
    List<MetricRecord> tighter = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      for (int i = 0; i < r.loan.length; i++) {
        r.loan[i] = 0.4 * r.income[i] + 250 * Math.sin(i);
      }
      return r;
    });
    assertThat(RelationSignature.judge(SignatureDays.lastDay(tighter), SignatureDays.before(tighter),
        Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).isEmpty();
    // loans written from the incomes: one column is the other
    List<MetricRecord> copied = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      r.loan = Arrays.stream(r.income).map(v -> 0.4 * v).toArray();
      return r;
    });
    assertThat(RelationSignature.judge(SignatureDays.lastDay(copied), SignatureDays.before(copied),
        Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).extracting(Finding::cause).containsExactly("relation-broken");
  }

  @Test
  void aRelationTurnedAsStrongTheOtherWayIsNoRelationLost() {
    // the day's loans fall with incomes as closely as they rose with them on the clean days: a few groups
    // lined up the other way, not a column shuffled or shifted, which leaves the pair near zero
    List<MetricRecord> turned = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      for (int i = 0; i < r.loan.length; i++) {
        r.loan[i] = 24_000 - 0.4 * r.income[i] + 250 * Math.sin(i);
      }
      return r;
    });
    Map<MetricKey, MetricRecord> day = SignatureDays.lastDay(turned);
    assertThat(day.get(new MetricKey(Entity.COLUMN_PAIR, "income,loan_amount", RelationSignature.CORRELATION)).value())
        .isLessThan(-0.9);
    assertThat(RelationSignature.judge(day, SignatureDays.before(turned), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).isEmpty();
  }

  @Test
  void aRelationRestingOnARowOrTwoIsNotJudged() {
    // a small day on which incomes and loans sit at one value but for two rows: exactly correlated by those rows
    List<MetricRecord> twoRows = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      int n = 120;
      r.price = Arrays.copyOf(r.price, n);
      r.quantity = Arrays.copyOf(r.quantity, n);
      r.nullable = Arrays.copyOf(r.nullable, n);
      r.city = Arrays.copyOf(r.city, n);
      r.appliedAt = Arrays.copyOf(r.appliedAt, n);
      r.income = new double[n];
      Arrays.fill(r.income, 30000);
      r.income[0] = 90000;
      r.income[1] = 60000;
      r.loan = Arrays.stream(r.income).map(v -> 0.4 * v).toArray();
      return r;
    });
    Map<MetricKey, MetricRecord> day = SignatureDays.lastDay(twoRows);
    assertThat(RelationSignature.offModeRows("income", day)).isLessThan(RelationSignature.MIN_OFF_MODE_ROWS);
    assertThat(RelationSignature.offModeRows("price", day)).isGreaterThan(100);
    assertThat(day.get(new MetricKey(Entity.COLUMN_PAIR, "income,loan_amount", RelationSignature.CORRELATION))
        .value()).isGreaterThan(RelationSignature.EXACT);
    assertThat(RelationSignature.judge(day, SignatureDays.before(twoRows), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).isEmpty();
  }

  @Test
  void aRelationBrokenByOneSegmentInAnotherUnitNamesTheColumnThatWidened() {
    List<MetricRecord> all = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      for (int i = 0; i < r.loan.length; i++) {
        if (r.city[i].equals("Paris")) {
          r.loan[i] *= 100;
        }
      }
      return r;
    });
    // the relation on its own: here the range signature explains the column first
    List<Finding> found = RelationSignature.judge(SignatureDays.lastDay(all), SignatureDays.before(all),
        Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK));
    assertThat(found).extracting(Finding::column, Finding::cause).containsExactly(tuple("loan_amount",
        "relation-broken"));
    assertThat(found.get(0).message()).startsWith("relation between loan_amount and income broken: correlation");
    assertThat(found.get(0).message()).contains(", and the spread of loan_amount itself moved (");
  }

  @Test
  void aRelationLoosenedAsTheSpreadsSayHolds() {
    // a calm day: the incomes the loans follow barely vary, the loans keep their own noise, so the loans follow
    // the incomes as closely as ever and the correlation falls from 0.83 to about 0.14
    List<MetricRecord> calm = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      java.util.Random random = new java.util.Random(3);
      for (int i = 0; i < r.loan.length; i++) {
        r.income[i] = 30000 + 900 * random.nextGaussian();
        r.loan[i] = 0.4 * r.income[i] + 2500 * random.nextGaussian();
      }
      return r;
    });
    Map<MetricKey, MetricRecord> day = SignatureDays.lastDay(calm);
    assertThat(day.get(new MetricKey(Entity.COLUMN_PAIR, "income,loan_amount",
        RelationSignature.CORRELATION)).value())
        .isBetween(0.05, 0.25);
    assertThat(RelationSignature.judge(day, SignatureDays.before(calm),
        Set.of(), BASELINE_DAYS, new Signal.Factory(Severity.BLOCK)))
        .isEmpty();
  }

  @Test
  void aColumnWiderThanOnAnyCleanDayExplainsNoLoosening() {
    // the loans' own noise five times what it was: the correlation falls to what a held slope would give with
    // that spread, but a column wider than on every clean day is not the clean days' relation loosening
    List<MetricRecord> noisy = new SignatureDays(11).days(SignatureJudgeTest.DAYS, r -> {
      java.util.Random random = new java.util.Random(3);
      for (int i = 0; i < r.loan.length; i++) {
        r.loan[i] = 0.4 * r.income[i] + 12500 * random.nextGaussian();
      }
      return r;
    });
    assertThat(RelationSignature.judge(SignatureDays.lastDay(noisy), SignatureDays.before(noisy),
        Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).extracting(Finding::column, Finding::cause)
        .containsExactly(tuple("loan_amount", "relation-broken"));
  }

  @Test
  void aRelationGoneOnTheFewRowsAColumnKeptIsBroken() {
    // 70 % of the loans empty, and those left shifted against their incomes: the rows kept are a selection, but
    // rows of a selection keep their relation, and these lost it
    UnaryOperator<SignatureDays.Rows> shifted = r -> {
      double[] loans = new double[r.loan.length];
      for (int i = 0; i < loans.length; i++) {
        loans[i] = r.loan[(i + 7) % loans.length];
      }
      r.loan = loans;
      return r;
    };
    List<MetricRecord> all = withNulls(new SignatureDays(11).days(SignatureJudgeTest.DAYS, shifted), 0.7);
    assertThat(RelationSignature.judge(SignatureDays.lastDay(all), SignatureDays.before(all), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).extracting(Finding::column, Finding::cause)
        .containsExactly(tuple("loan_amount", "relation-broken"));
  }

  @Test
  void aRelationLoosenedButKeptOnTheFewRowsAColumnKeptIsNotJudged() {
    // the loans that are left follow their incomes through far more noise, as the flights that flew in a storm
    // arrive late and wrap past midnight: on most of the day's rows that is a relation broken, on the few a
    // column kept it is a selection, related still
    UnaryOperator<SignatureDays.Rows> noisy = r -> {
      java.util.Random random = new java.util.Random(5);
      for (int i = 0; i < r.loan.length; i++) {
        r.loan[i] = 0.4 * r.income[i] + 9600 * random.nextGaussian();
      }
      return r;
    };
    for (double nulls : new double[] {0.3, 0.7}) {
      List<MetricRecord> all = withNulls(new SignatureDays(11).days(SignatureJudgeTest.DAYS, noisy), nulls);
      Map<MetricKey, MetricRecord> day = SignatureDays.lastDay(all);
      assertThat(day.get(new MetricKey(Entity.COLUMN_PAIR, "income,loan_amount", RelationSignature.CORRELATION))
          .value()).isBetween(0.25, 0.5);
      List<Finding> found = RelationSignature.judge(day, SignatureDays.before(all), Set.of(), BASELINE_DAYS,
          new Signal.Factory(Severity.BLOCK));
      if (nulls < RelationSignature.MIN_COMPLETE) {
        assertThat(found).extracting(Finding::cause).containsExactly("relation-broken");
      } else {
        assertThat(found).isEmpty();
      }
    }
  }

  @Test
  void aRelationGoneIsBrokenThoughItsCleanDaysSpreadWide() {
    // the clean days' relation swings between 0.45 and 0.95 with their mix, as weights follow feet more
    // closely on a day of many species: six of those swings from the centre reach past zero
    assertThat(goneDay(0.04, r -> r)).extracting(Finding::column, Finding::cause)
        .containsExactly(tuple("loan_amount", "relation-broken"));
    // weaker than on any clean day but still there: a loosening, held to the spread of the clean days
    assertThat(goneDay(0.3, r -> r)).isEmpty();
    // gone on a day whose loans moved further from their baseline than on any clean day: their own values
    // moved (a clock column's late rows wrapping past midnight), and a relation goes with them as far as it likes
    assertThat(goneDay(0.04, r -> {
      r.loan = Arrays.stream(r.loan).map(v -> v > 15000 ? v - 15000 : v).toArray();
      return r;
    })).extracting(Finding::cause).doesNotContain("relation-broken");
  }

  /** The findings of a last day whose loans correlate with incomes at {@code last}, its rows bent by {@code day}. */
  private static List<Finding> goneDay(double last, UnaryOperator<SignatureDays.Rows> day) {
    List<MetricRecord> all = new ArrayList<>(new SignatureDays(11).days(SignatureJudgeTest.DAYS, day));
    LocalDate lastDay = SignatureDays.START.plusDays(SignatureJudgeTest.DAYS - 1);
    all.replaceAll(m -> !m.metric().equals(RelationSignature.CORRELATION)
        || !m.instance().equals("income,loan_amount") ? m
        : SignatureDays.record(m.partitionDate(), m.entity(), m.instance(), m.metric(),
            m.partitionDate().equals(lastDay) ? last : 0.7 + 0.25 * Math.sin(m.partitionDate().toEpochDay() * 1.7),
            null));
    return RelationSignature.judge(SignatureDays.lastDay(all), SignatureDays.before(all), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK));
  }

  @Test
  void aRelationIsGoneOnlyWhereEveryCleanDayHeldItBeyondTodaysNoise() {
    double[] held = {RelationSignature.fisher(0.5), RelationSignature.fisher(0.9)};
    assertThat(RelationSignature.gone(held, RelationSignature.fisher(0.7), 0.05, 0.04)).isTrue();
    // on 40 rows a correlation of 0.5 is no more than six of its noise from zero
    assertThat(RelationSignature.gone(held, RelationSignature.fisher(0.7), 0.05, 1 / Math.sqrt(37))).isFalse();
    // a clean day at 0.2 held too little to break
    double[] weak = {RelationSignature.fisher(0.2), RelationSignature.fisher(0.9)};
    assertThat(RelationSignature.gone(weak, RelationSignature.fisher(0.7), 0.05, 0.04)).isFalse();
    // today two noise units from zero keeps it, and so does 1.7 of them on the clean side: the relation's side
    // is the clean days', one tail of its noise
    assertThat(RelationSignature.gone(held, RelationSignature.fisher(0.7), 0.09, 0.04)).isFalse();
    assertThat(RelationSignature.gone(held, RelationSignature.fisher(0.7), 0.068, 0.04)).isFalse();
    assertThat(RelationSignature.gone(held, RelationSignature.fisher(0.7), -0.068, 0.04)).isTrue();
  }

  /** The days, their last with {@code nulls} of its loans empty. */
  private static List<MetricRecord> withNulls(List<MetricRecord> days, double nulls) {
    LocalDate last = SignatureDays.START.plusDays(SignatureJudgeTest.DAYS - 1);
    List<MetricRecord> all = new ArrayList<>(days);
    all.replaceAll(m -> m.partitionDate().equals(last) && m.instance().equals("loan_amount")
        && m.metric().equals(MetricNames.NULL_FRACTION) ? SignatureDays.record(last, m.entity(), m.instance(),
        m.metric(), nulls, null) : m);
    return all;
  }

  @Test
  void aTailMovedWithinTheColumnsRangeLoosensItsRelationAndWarns() {
    // the highest loans written as low ones, as a storm's late departures wrap past midnight to the early
    // hours: the loans widen within the range the clean days knew, and the relation keeps what the other rows
    // hold
    List<MetricRecord> wrapped = wrapped(18000, 20000);
    Map<MetricKey, MetricRecord> day = SignatureDays.lastDay(wrapped);
    MetricHistory before = SignatureDays.before(wrapped);
    double[] spreads = Signal.values(before.series(MetricKey.column("loan_amount", MetricNames.STDDEV), false));
    double[] mins = Signal.values(before.series(MetricKey.column("loan_amount", MetricNames.MIN), false));
    assertThat(day.get(MetricKey.column("loan_amount", MetricNames.STDDEV)).value()).isGreaterThan(Signal.max(spreads));
    assertThat(day.get(MetricKey.column("loan_amount", MetricNames.MIN)).value()).isGreaterThanOrEqualTo(
        Signal.min(mins));
    List<Finding> found = RelationSignature.judge(day, before,
        Set.of(), BASELINE_DAYS, new Signal.Factory(Severity.BLOCK));
    assertThat(found).extracting(Finding::column, Finding::cause, Finding::severity)
        .containsExactly(tuple("loan_amount", "distribution-shift", Severity.WARN));
    assertThat(found.get(0).message()).startsWith("relation between loan_amount and income loosened: correlation")
        .contains("with loan_amount wider than on any clean day");

    // the least of those rows a little past the least loan of every clean day, less far than that day lay
    // below the clean days' typical least loan: the few clean days bound the range only that closely
    double least = Signal.min(mins);
    double edge = least - 0.5 * (Signal.median(mins) - least);
    List<MetricRecord> nudged = new SignatureDays(12).days(SignatureJudgeTest.DAYS, r -> {
      int lowest = 0;
      for (int i = 0; i < r.loan.length; i++) {
        if (r.loan[i] > 18000) {
          r.loan[i] -= 20000;
        }
        lowest = r.loan[i] < r.loan[lowest] ? i : lowest;
      }
      r.loan[lowest] = edge;
      return r;
    });
    Map<MetricKey, MetricRecord> nudgedDay = SignatureDays.lastDay(nudged);
    assertThat(nudgedDay.get(MetricKey.column("loan_amount", MetricNames.MIN)).value()).isLessThan(least);
    assertThat(RelationSignature.withinCleanRange("loan_amount", nudgedDay, SignatureDays.before(nudged))).isTrue();
    assertThat(RelationSignature.judge(nudgedDay, SignatureDays.before(nudged), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).extracting(Finding::column, Finding::severity)
        .containsExactly(tuple("loan_amount", Severity.WARN));

    // the same rows taken past the least loan of every clean day: the column broke, not a tail of it moved
    List<MetricRecord> past = wrapped(18000, 40000);
    Map<MetricKey, MetricRecord> pastDay = SignatureDays.lastDay(past);
    assertThat(RelationSignature.withinCleanRange("loan_amount", pastDay, SignatureDays.before(past))).isFalse();
    assertThat(RelationSignature.judge(pastDay, SignatureDays.before(past), Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK))).extracting(Finding::column, Finding::severity)
        .containsExactly(tuple("loan_amount", Severity.BLOCK));
  }

  /**
   * Days whose last one has every loan above {@code over} lowered by {@code by}, as a clock wraps the times past
   * midnight to the early hours.
   */
  /**
   * Incomes, loans written from them (their hour from a scheduled time) and prices that follow both at 0.87,
   * from 0.35 on a storm's days; on the last day the incomes shuffled against the rest, on a calm day that
   * ties the prices to the loans at 1.00.
   */
  @Test
  void aColumnShuffledAgainstTheRestIsNamedBeforeTheColumnDerivedFromItThoughACalmDayTightenedThatOnesOther() {
    List<MetricRecord> base = new SignatureDays(11).days(SignatureJudgeTest.DAYS, UnaryOperator.identity());
    List<MetricRecord> all = new ArrayList<>();
    LocalDate last = SignatureDays.START.plusDays(SignatureJudgeTest.DAYS - 1);
    for (MetricRecord m : base) {
      if (!m.metric().equals(RelationSignature.CORRELATION)) {
        all.add(m);
      }
    }
    for (int i = 0; i < SignatureJudgeTest.DAYS; i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      boolean storm = i % 4 == 1;
      double follows = day.equals(last) ? 0.04 : storm ? 0.35 + 0.02 * (i % 3) : 0.87 + 0.01 * (i % 3);
      all.add(SignatureDays.record(day, Entity.COLUMN_PAIR, "income,loan_amount", RelationSignature.CORRELATION,
          day.equals(last) ? 0.03 : 0.99999, null));
      all.add(SignatureDays.record(day, Entity.COLUMN_PAIR, "income,price", RelationSignature.CORRELATION,
          follows, null));
      all.add(SignatureDays.record(day, Entity.COLUMN_PAIR, "loan_amount,price", RelationSignature.CORRELATION,
          day.equals(last) ? 0.999 : follows, null));
    }
    List<Finding> found = RelationSignature.judge(SignatureDays.lastDay(all), SignatureDays.before(all),
        Set.of(), BASELINE_DAYS,
        new Signal.Factory(Severity.BLOCK));
    assertThat(found).extracting(Finding::column, Finding::cause).containsExactly(tuple("income",
        "relation-broken"));
    assertThat(found.get(0).message()).startsWith("relation between income and loan_amount broken: correlation 0.03");
  }

  private static List<MetricRecord> wrapped(double over, double by) {
    return new SignatureDays(12).days(SignatureJudgeTest.DAYS, r -> {
      for (int i = 0; i < r.loan.length; i++) {
        if (r.loan[i] > over) {
          r.loan[i] -= by;
        }
      }
      return r;
    });
  }
}
