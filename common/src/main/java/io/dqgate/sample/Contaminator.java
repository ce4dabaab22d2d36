package io.dqgate.sample;

import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns one clean day into the contaminated day by editing chosen rows in place, every incident of
 * {@link #RATES} at once. Each incident picks its rows independently (exactly round(rate × rows) of them,
 * so the rates hold on small days too); a row may therefore carry several incidents, as broken feeds do.
 */
final class Contaminator {
  /**
   * What the contaminated day carries, as the share of the day's rows each incident aims at: income left empty
   * (clean days: about 3 %), rows replaced by copies, gender spelled male, M or F (Undeclared rows left alone),
   * birth_date written as MM-dd-yyyy, applied_at one year ahead, age in whole months (at least 216 for an
   * adult, so above 200).
   */
  static final Map<Incident, Double> RATES = rates();

  private final Random random;

  Contaminator(Random random) {
    this.random = random;
  }

  void contaminate(List<ApplicationRow> rows) {
    int n = rows.size();
    long alreadyNull = rows.stream().filter(r -> r.incomeCents == null).count();
    for (int i : choose(rows, target(Incident.NULL_SPIKE, n) - (int) alreadyNull,
        r -> r.incomeCents != null)) {
      rows.get(i).incomeCents = null;
      rows.get(i).incidents.add(Incident.NULL_SPIKE);
    }
    for (int i : choose(rows, target(Incident.DAY_MONTH_SWAP, n), r -> true)) {
      rows.get(i).birthDateMonthFirst = true;
      rows.get(i).incidents.add(Incident.DAY_MONTH_SWAP);
    }
    for (int i : choose(rows, target(Incident.NEW_CATEGORY_SPELLINGS, n), r -> !r.gender.equals("Undeclared"))) {
      ApplicationRow row = rows.get(i);
      row.gender = row.gender.equals("Female") ? "F" : random.nextBoolean() ? "male" : "M";
      row.incidents.add(Incident.NEW_CATEGORY_SPELLINGS);
    }
    for (int i : choose(rows, target(Incident.OUT_OF_RANGE, n), r -> true)) {
      ApplicationRow row = rows.get(i);
      row.age = (int) Period.between(row.birthDate, row.appliedAt.toLocalDate()).toTotalMonths();
      row.incidents.add(Incident.OUT_OF_RANGE);
    }
    for (int i : choose(rows, target(Incident.FUTURE_DATES, n), r -> true)) {
      rows.get(i).appliedAt = rows.get(i).appliedAt.plusYears(1);
      rows.get(i).incidents.add(Incident.FUTURE_DATES);
    }
    duplicate(rows, target(Incident.DUPLICATE_KEYS, n));
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
      copy.incidents.add(Incident.DUPLICATE_KEYS);
      rows.set(i, copy);
    }
  }

  private static Map<Incident, Double> rates() {
    Map<Incident, Double> rates = new EnumMap<>(Incident.class);
    rates.put(Incident.NULL_SPIKE, 0.40);
    rates.put(Incident.DUPLICATE_KEYS, 0.05);
    rates.put(Incident.NEW_CATEGORY_SPELLINGS, 0.15);
    rates.put(Incident.DAY_MONTH_SWAP, 0.30);
    rates.put(Incident.FUTURE_DATES, 0.05);
    rates.put(Incident.OUT_OF_RANGE, 0.10);
    return Collections.unmodifiableMap(rates);
  }

  private static int target(Incident kind, int rows) {
    return (int) Math.max(1, Math.round(RATES.get(kind) * rows));
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
