package io.dqgate.sample;

import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns one clean day into the contaminated day by editing chosen rows in place, every {@link IncidentKind}
 * at once. Each incident picks its rows independently (exactly round(rate × rows) of them, so the rates hold
 * on small days too); a row may therefore carry several incidents, as broken feeds do.
 */
final class Contaminator {
  private final Random random;

  Contaminator(Random random) {
    this.random = random;
  }

  void contaminate(List<ApplicationRow> rows) {
    int n = rows.size();
    long alreadyNull = rows.stream().filter(r -> r.incomeCents == null).count();
    for (int i : choose(rows, target(IncidentKind.INCOME_NULL_SPIKE, n) - (int) alreadyNull,
        r -> r.incomeCents != null)) {
      rows.get(i).incomeCents = null;
      rows.get(i).incidents.add(IncidentKind.INCOME_NULL_SPIKE);
    }
    for (int i : choose(rows, target(IncidentKind.BIRTH_DATE_MONTH_FIRST, n), r -> true)) {
      rows.get(i).birthDateMonthFirst = true;
      rows.get(i).incidents.add(IncidentKind.BIRTH_DATE_MONTH_FIRST);
    }
    for (int i : choose(rows, target(IncidentKind.GENDER_NEW_SPELLINGS, n), r -> !r.gender.equals("Undeclared"))) {
      ApplicationRow row = rows.get(i);
      row.gender = row.gender.equals("Female") ? "F" : random.nextBoolean() ? "male" : "M";
      row.incidents.add(IncidentKind.GENDER_NEW_SPELLINGS);
    }
    for (int i : choose(rows, target(IncidentKind.AGE_IN_MONTHS, n), r -> true)) {
      ApplicationRow row = rows.get(i);
      row.age = (int) Period.between(row.birthDate, row.appliedAt.toLocalDate()).toTotalMonths();
      row.incidents.add(IncidentKind.AGE_IN_MONTHS);
    }
    for (int i : choose(rows, target(IncidentKind.FUTURE_APPLIED_AT, n), r -> true)) {
      rows.get(i).appliedAt = rows.get(i).appliedAt.plusYears(1);
      rows.get(i).incidents.add(IncidentKind.FUTURE_APPLIED_AT);
    }
    duplicate(rows, target(IncidentKind.DUPLICATE_APPLICATION_ID, n));
  }

  /**
   * Replaces {@code copies} rows by copies of other, untouched rows, last so that a copy repeats its source in
   * every column. Replacing rather than appending keeps the day's volume normal: the incident shows only in
   * the key.
   */
  private void duplicate(List<ApplicationRow> rows, int copies) {
    List<Integer> replaced = choose(rows, copies, r -> true);
    Set<Integer> replacedSet = new HashSet<>(replaced);
    List<Integer> sources = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (!replacedSet.contains(i)) {
        sources.add(i);
      }
    }
    if (sources.isEmpty()) {
      return;
    }
    for (int i : replaced) {
      ApplicationRow copy = rows.get(sources.get(random.nextInt(sources.size()))).copy();
      copy.incidents.add(IncidentKind.DUPLICATE_APPLICATION_ID);
      rows.set(i, copy);
    }
  }

  private static int target(IncidentKind kind, int rows) {
    return (int) Math.max(1, Math.round(kind.rate() * rows));
  }

  /** Up to {@code k} distinct indexes of rows that qualify, in ascending order. */
  private List<Integer> choose(List<ApplicationRow> rows, int k, Predicate<ApplicationRow> qualifies) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (qualifies.test(rows.get(i))) {
        candidates.add(i);
      }
    }
    int take = Math.max(0, Math.min(k, candidates.size()));
    // A partial Fisher–Yates shuffle: the first `take` candidates end up a uniform sample.
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(candidates.size() - i);
      Integer swap = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, swap);
    }
    List<Integer> chosen = new ArrayList<>(candidates.subList(0, take));
    chosen.sort(null);
    return chosen;
  }
}
