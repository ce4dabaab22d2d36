package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    assertThat(CategorySignatures.unlisted(3, 300, 0.004, 1)).isFalse();
    assertThat(judge(Map.of("D48", 3L, "D49", 3L))).isEmpty();
  }

  @Test
  void valuesBringingManyRowsAreNew() {
    // 9 rows of 300 from a value hidden at 0.4 %: a chance of 1e-5
    assertThat(CategorySignatures.unlisted(9, 300, 0.004, 1)).isTrue();
    assertThat(judge(Map.of("D48", 9L, "D49", 9L))).map(Finding::cause).contains("new-values");
    assertThat(judge(Map.of("UNKNOWN", 40L))).map(Finding::message).hasValueSatisfying(m -> assertThat(m)
        .startsWith("dest: 12.0% of rows hold values no clean day of the last 28 listed (\"UNKNOWN\")"));
  }

  @Test
  void aPlaceholderInAColumnEmptyOnMostCleanDaysIsMissingValuesWrittenAsText() {
    // a film rating empty on 26 of 28 clean days, two of which listed a rating or two
    List<CategoricalDistribution> listed = List.of(CategoricalDistribution.of(Map.of("PG", 1L), 0),
        CategoricalDistribution.of(Map.of("PG", 1L, "R", 1L), 0));
    Optional<Finding> unknown = CategorySignatures.placeholdersInEmptyColumn("mpaa",
        CategoricalDistribution.of(Map.of("UNKNOWN", 60L, "R", 2L), 0), listed, 28, 500, MAKE);
    assertThat(unknown).map(Finding::severity).contains(Severity.BLOCK);
    assertThat(unknown).map(Finding::message).hasValueSatisfying(m -> assertThat(m).isEqualTo("mpaa: 12.0% of "
        + "rows hold \"UNKNOWN\", a placeholder for a missing value, where the column was empty on 26 of its 28 "
        + "clean days: missing values written as text"));
    // ratings of its own: a column coming to be filled
    assertThat(CategorySignatures.placeholdersInEmptyColumn("mpaa",
        CategoricalDistribution.of(Map.of("PG-13", 60L, "R", 40L), 0), listed, 28, 500, MAKE)).isEmpty();
    // a placeholder on a row or two, or one the column had listed before
    assertThat(CategorySignatures.placeholdersInEmptyColumn("mpaa",
        CategoricalDistribution.of(Map.of("n/a", 2L), 0), listed, 28, 500, MAKE)).isEmpty();
    assertThat(CategorySignatures.placeholdersInEmptyColumn("mpaa",
        CategoricalDistribution.of(Map.of("UNKNOWN", 60L), 0),
        List.of(CategoricalDistribution.of(Map.of("Unknown", 1L), 0)), 28, 500, MAKE)).isEmpty();
    // too few days of the column to say it was empty
    assertThat(CategorySignatures.placeholdersInEmptyColumn("mpaa",
        CategoricalDistribution.of(Map.of("UNKNOWN", 60L), 0), List.of(), 5, 500, MAKE)).isEmpty();
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
   * A problem column of a feed that writes one event as {@code lump} rows: on each of 14 clean days five common
   * problems of 6 rows, and two of ten rare ones, each on about three of the days, with one event's rows.
   */
  private static List<CategoricalDistribution> problems(long lump) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      clean.add(CategoricalDistribution.of(problemDay(d, lump), 0));
    }
    return clean;
  }

  private static Map<String, Long> problemDay(int day, long lump) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String common : List.of("Traffic Law Enf", "Suspicious Person", "Assault in Progress", "Domestic",
        "Fight")) {
      counts.put(common, 6L);
    }
    for (int i = 0; i < 10; i++) {
      if ((i + day) % 5 == 0) {
        counts.put("Rare problem " + i, lump);
      }
    }
    return counts;
  }

  private static Optional<Finding> problemsJudged(long lump, String value, long rows) {
    Map<String, Long> today = problemDay(14, lump);
    today.put(value, rows);
    return CategorySignatures.judgeColumn("problem", CategoricalDistribution.of(today, 0), problems(lump), MAKE);
  }

  @Test
  void whereOneEventIsSeveralRowsANeverSeenValueIsCountedInEventsNotRows() {
    assertThat(CategorySignatures.rowsPerOccurrence(problems(1))).isEqualTo(1);
    assertThat(CategorySignatures.rowsPerOccurrence(problems(4))).isBetween(3.0, 4.0);
    assertThat(CategorySignatures.rowsPerOccurrence(problems(12)))
        .isEqualTo(CategorySignatures.MAX_ROWS_PER_OCCURRENCE);
    // one event of 8 rows, a sixth of the day: two or three events where ln(1000) / 532 of the rows, 0.6 of a
    // day's events, could have hidden from the clean days
    assertThat(problemsJudged(4, "Drunk Person", 8)).isEmpty();
    assertThat(problemsJudged(1, "Drunk Person", 8)).as("each row an event of its own").map(Finding::cause)
        .contains("new-values");
    assertThat(problemsJudged(4, "Burglary", 32)).as("eight events").map(Finding::severity)
        .contains(Severity.BLOCK);
    assertThat(problemsJudged(4, "UNKNOWN", 4)).as("written by another hand").map(Finding::severity)
        .contains(Severity.BLOCK);
  }

  /**
   * A clinic column of a young feed: 30 clinics of 4 rows on every one of the {@code days} clean days, and from
   * the second day on a ward never listed before with {@code wardRows} rows (none: a vocabulary complete from
   * day one).
   */
  private static List<CategoricalDistribution> clinics(int days, long wardRows) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < 30; i++) {
        counts.put("clinic " + i, 4L);
      }
      if (wardRows > 0 && d > 0) {
        counts.put("ward " + d, wardRows);
      }
      clean.add(CategoricalDistribution.of(counts, 0));
    }
    return clean;
  }

  private static Optional<Finding> clinicDay(List<CategoricalDistribution> clean, String value, long newRows) {
    Map<String, Long> today = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      today.put("clinic " + i, 4L);
    }
    today.put(value, newRows);
    return CategorySignatures.judgeColumn("clinic_name", CategoricalDistribution.of(today, 0), clean, MAKE);
  }

  @Test
  void aYoungColumnThatKeptBringingNewValuesWarnsOnAFewNewRowsAndBlocksOnMany() {
    Finding few = clinicDay(clinics(7, 6), "periop complex", 6).orElseThrow();
    assertThat(few.severity()).isEqualTo(Severity.WARN);
    assertThat(few.message()).startsWith("clinic_name: 4.8% of rows hold values no clean day of the last 7 listed")
        .contains("[learning this column: its 7 clean days brought new values too");
    assertThat(clinicDay(clinics(7, 6), "periop complex", 20).orElseThrow().severity()).as("an eighth of the rows")
        .isEqualTo(Severity.BLOCK);
    assertThat(clinicDay(clinics(7, 0), "periop complex", 6).orElseThrow().severity())
        .as("a vocabulary complete from day one").isEqualTo(Severity.BLOCK);
    assertThat(clinicDay(clinics(14, 6), "periop complex", 30).orElseThrow().severity())
        .as("learnt: six new rows a day at most").isEqualTo(Severity.BLOCK);
  }

  @Test
  void aNeverSeenValueWithARowOrTwoIsTheVocabularysNextValueAnUnknownInManyRowsIsNew() {
    // 14 days of 120 rows and a ward seen once: a value may have had ln(1000) / 1,693 of the rows and been
    // missed by all of them, so today's 123 rows may bring it 0.5 times
    assertThat(CategorySignatures.unseenShare(clinics(14, 1))).isCloseTo(Math.log(1000) / 1693, within(1e-12));
    assertThat(clinicDay(clinics(14, 1), "periop complex", 3)).as("3 rows where 0.5 are expected").isEmpty();
    assertThat(clinicDay(clinics(14, 0), "periop complex", 2)).as("a complete vocabulary's rare value").isEmpty();
    assertThat(clinicDay(clinics(14, 1), "UNKNOWN", 20)).map(Finding::severity).contains(Severity.BLOCK);
  }

  @Test
  void aValueAnEarlierCleanDayListedIsNotNewWhenItComesBack() {
    // a room type booked by one group on the third of 40 clean days, beyond the last 28 the baseline holds
    List<CategoricalDistribution> all = clinics(40, 0);
    Map<String, Long> group = new LinkedHashMap<>(all.get(2).counts());
    group.put("suite", 12L);
    all.set(2, CategoricalDistribution.of(group, 0));
    List<CategoricalDistribution> baseline = all.subList(12, 40);
    Map<String, Long> today = new LinkedHashMap<>(all.get(39).counts());
    today.put("suite", 12L);
    CategoricalDistribution day = CategoricalDistribution.of(today, 0);
    assertThat(CategorySignatures.judgeColumn("room", day, baseline, all, MAKE)).isEmpty();
    assertThat(CategorySignatures.judgeColumn("room", day, baseline, MAKE)).map(Finding::message)
        .hasValueSatisfying(m -> assertThat(m).startsWith("room: 9.1% of rows hold values no clean day of the last "
            + "28 listed (\"suite\")"));
  }

  /** A pets' names column: 40 names of 3 rows and 60 seen once on each of 21 clean days. */
  private static List<CategoricalDistribution> names() {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 21; d++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("Max", 10L);
      for (int i = 0; i < 40; i++) {
        counts.put("Name" + i, 3L);
      }
      for (int i = 0; i < 60; i++) {
        counts.put("Once" + d + "x" + i, 1L);
      }
      clean.add(CategoricalDistribution.of(counts, 0));
    }
    return clean;
  }

  @Test
  void whereNeverSeenValuesComeEveryDayOneMaySpellAKnownValueByChanceButNotHalfItsRows() {
    Map<String, Long> today = new LinkedHashMap<>(names().get(0).counts());
    today.put("MAX", 1L);
    assertThat(CategorySignatures.judgeColumn("animal_name", CategoricalDistribution.of(today, 0), names(), MAKE))
        .isEmpty();
    today.put("Max", 5L);
    today.put("MAX", 25L);
    assertThat(CategorySignatures.judgeColumn("animal_name", CategoricalDistribution.of(today, 0), names(), MAKE))
        .map(Finding::message).hasValueSatisfying(m -> assertThat(m)
            .startsWith("animal_name: 11.9% of rows spell known values anew: \"MAX\" for \"Max\""));
  }

  @Test
  void inAClosedVocabularyOneRowSpellingAKnownValueAnewIsAnotherHand() {
    // a poll's population: four codes, written in lower case on every one of 28 small days
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(CategoricalDistribution.of(Map.of("lv", 6L, "rv", 3L, "a", 1L + d % 2, "v", d % 3 == 0 ? 1L : 0L),
          0));
    }
    Map<String, Long> today = new LinkedHashMap<>(Map.of("lv", 7L, "rv", 1L, "a", 2L));
    today.put("RV", 1L);
    assertThat(CategorySignatures.judgeColumn("population", CategoricalDistribution.of(today, 0), clean, MAKE))
        .map(Finding::message).contains("population: 9.1% of rows spell known values anew: \"RV\" for \"rv\"");
  }

  /**
   * A travel-agent column over 30 clean days: one agent with 20 of a day's 50 bookings, ten with 3, and on every
   * third day an agent never listed before with 2: a vocabulary that keeps growing.
   */
  private static List<CategoricalDistribution> agents() {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      clean.add(CategoricalDistribution.of(agentDay(d % 3 == 0 ? "agent_" + (char) ('a' + d % 26) + "_joined" : null,
          2), 0));
    }
    return clean;
  }

  private static Map<String, Long> agentDay(String value, long rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("imaad_el_hammad", 20L);
    for (int i = 0; i < 10; i++) {
      counts.put("regular_" + (char) ('a' + i), 3L);
    }
    if (value != null) {
      counts.put(value, rows);
    }
    return counts;
  }

  private static Optional<Finding> agentsJudged(String value, long rows) {
    return CategorySignatures.judgeColumn("agent", CategoricalDistribution.of(agentDay(value, rows), 0), agents(),
        MAKE);
  }

  @Test
  void aVocabularyThatKeepsGrowingTakesANewValueWrittenLikeItsOwnUpToTheLargestShareOneValueTook() {
    assertThat(OpenVocabulary.opens(agents())).isTrue();
    assertThat(OpenVocabulary.opens(clinics(30, 0))).isFalse();
    assertThat(OpenVocabulary.shape("tanisa_morgan")).isEqualTo(OpenVocabulary.shape("qutb_al_arshad"))
        .isNotEqualTo(OpenVocabulary.shape("UNKNOWN"));
    // a group booked through an agent the feed never carried: 15 of 65 rows, below the 40 % one agent took
    assertThat(agentsJudged("tanisa_morgan", 15)).isEmpty();
    assertThat(agentsJudged("tanisa_morgan", 150)).map(Finding::message).hasValueSatisfying(m -> assertThat(m)
        .startsWith("agent: 75.0% of rows hold values no clean day of the last 30 listed (\"tanisa_morgan\")")
        .endsWith("(its clean days keep listing new values: a value written like theirs counts past 40.0% of the "
            + "rows, the most one value took)"));
    assertThat(agentsJudged("UNKNOWN", 8)).as("another shape").map(Finding::severity).contains(Severity.BLOCK);
    assertThat(agentsJudged("unknown", 8)).as("a placeholder").map(Finding::severity).contains(Severity.BLOCK);
    // closed: the same group in a vocabulary complete from its first days
    List<CategoricalDistribution> closed = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      closed.add(CategoricalDistribution.of(agentDay(null, 0), 0));
    }
    assertThat(CategorySignatures.judgeColumn("agent", CategoricalDistribution.of(agentDay("tanisa_morgan", 15), 0),
        closed, MAKE)).map(Finding::severity).contains(Severity.BLOCK);
  }
  /**
   * A room-type column of a small feed: 28 clean days of 30 bookings over the types "a" to "h" (and
   * {@code extra}, a row of it on every day), with a type "i" booked once on the 20th.
   */
  private static List<CategoricalDistribution> rooms(String extra) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(CategoricalDistribution.of(roomDay(d == 19 ? "i" : null, extra), 0));
    }
    return clean;
  }

  private static Map<String, Long> roomDay(String value, String extra) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("a", 12L);
    counts.put("d", 8L);
    counts.put("e", 5L);
    for (String rare : List.of("b", "c", "f", "g", "h")) {
      counts.put(rare, 1L);
    }
    if (extra != null) {
      counts.put(extra, 1L);
    }
    if (value != null) {
      counts.put(value, 1L);
    }
    return counts;
  }

  private static Optional<Finding> roomsJudged(String value, String extra) {
    return CategorySignatures.judgeColumn("assigned_room_type", CategoricalDistribution.of(roomDay(value, extra),
        0), rooms(extra), MAKE);
  }

  @Test
  void oneRowWrittenByAnotherHandThanEveryKnownValueIsNewWhereOneRowOfTheVocabularysOwnIsNot() {
    assertThat(roomsJudged("j", null)).as("a type the clean days may have missed").isEmpty();
    assertThat(roomsJudged("UNKNOWN", null)).as("capitals where no known value has one")
        .map(Finding::message).hasValueSatisfying(m -> assertThat(m).startsWith(
            "assigned_room_type: 3.2% of rows hold values no clean day of the last 28 listed (\"UNKNOWN\")"));
    assertThat(roomsJudged("unknown", null)).as("a placeholder where none was known")
        .map(Finding::severity).contains(Severity.BLOCK);
    assertThat(roomsJudged("unknown", "not_applicable")).as("a vocabulary with a placeholder of its own")
        .isEmpty();
    assertThat(roomsJudged("SUITE", null)).as("capitals, no placeholder").map(Finding::severity)
        .contains(Severity.BLOCK);
    assertThat(roomsJudged("SUITE", "Z")).as("a vocabulary written in capitals too").isEmpty();
    // licence numbers, new every day: one typed in small letters is no more than a row of a value never seen
    List<CategoricalDistribution> licences = new ArrayList<>();
    for (int d = 0; d < 20; d++) {
      licences.add(CategoricalDistribution.of(licenceDay(d), 0));
    }
    Map<String, Long> today = licenceDay(20);
    today.put("s117401", 1L);
    assertThat(CategorySignatures.judgeColumn("license_number", CategoricalDistribution.of(today, 0), licences,
        MAKE)).isEmpty();
    assertThat(OpenVocabulary.alien(Set.of("a", "b")).test("K")).isTrue();
    assertThat(OpenVocabulary.alien(Set.of("a", "B")).test("K")).isFalse();
    assertThat(OpenVocabulary.alien(Set.of("1", "2-10", "11-100")).test("Over 100")).as("words where none were")
        .isFalse();
    assertThat(OpenVocabulary.alien(Set.of("1", "2-10", "11-100")).test("unknown")).isTrue();
  }

  /** A day of 21 licence numbers none before it listed: "S" and six digits, or six digits. */
  private static Map<String, Long> licenceDay(int day) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < 21; i++) {
      counts.put((i % 3 == 0 ? "" : "S") + (100000 + day * 100 + i), 1L);
    }
    return counts;
  }

  @Test
  void aLastingChangesNewValuesDoNotSetTheShareANewValueMayTake() {
    // a survey of three diseases that added a fourth for good: that day's quarter of new rows is the change,
    // not what a clean day brings, and 12 % UNKNOWN later is new values
    List<CategoricalDistribution> days = new ArrayList<>();
    CategoricalDistribution added = null;
    for (int d = 0; d < 28; d++) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("Measles", 50L);
      counts.put("Polio", 50L);
      counts.put("Smallpox", 50L);
      if (d >= 20) {
        counts.put("Pertussis", 50L);
      }
      CategoricalDistribution day = CategoricalDistribution.of(counts, 0);
      days.add(day);
      if (d == 20) {
        added = day;
      }
    }
    Map<String, Long> today = new LinkedHashMap<>(Map.of("Measles", 44L, "Polio", 44L, "Smallpox", 44L,
        "Pertussis", 44L, "UNKNOWN", 24L));
    Set<CategoricalDistribution> lasting = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    lasting.add(added);
    Finding f = CategorySignatures.judgeColumn("disease", CategoricalDistribution.of(today, 0), days, days, lasting,
        MAKE).orElseThrow();
    assertThat(f.cause()).isEqualTo("new-values");
    assertThat(f.message()).contains("\"UNKNOWN\"").contains("new values took at most 0.0% of a clean day's rows");
    assertThat(CategorySignatures.judgeColumn("disease", CategoricalDistribution.of(today, 0), days, days, MAKE))
        .as("the day that added it, taken for a clean day's").isEmpty();

    // a second lasting addition: adding diseases is what this column does
    Map<String, Long> more = new LinkedHashMap<>(days.get(27).counts());
    more.put("Mumps", 50L);
    CategoricalDistribution second = CategoricalDistribution.of(more, 0);
    List<CategoricalDistribution> twice = new ArrayList<>(days);
    twice.add(second);
    lasting.add(second);
    today.put("Mumps", 44L);
    assertThat(CategorySignatures.judgeColumn("disease", CategoricalDistribution.of(today, 0), twice, twice,
        lasting, MAKE)).isEmpty();
  }
}
