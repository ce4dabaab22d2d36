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

class LostSegmentTest {
  private static final Signal.Factory MAKE = new Signal.Factory(Severity.BLOCK);

  /** 28 clean days of {@code rows} rows with the given shares, then a day of {@code todayRows} rows without "Basel". */
  private static Optional<Finding> judge(int rows, double baselShare, int todayRows) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(day(rows, baselShare));
    }
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", (long) (todayRows * 0.6));
    today.put("Genève", todayRows - (long) (todayRows * 0.6));
    return CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0), clean, MAKE);
  }

  private static CategoricalDistribution day(int rows, double baselShare) {
    Map<String, Long> counts = new LinkedHashMap<>();
    long basel = Math.round(rows * baselShare);
    counts.put("Zürich", Math.round((rows - basel) * 0.6));
    counts.put("Genève", rows - basel - Math.round((rows - basel) * 0.6));
    counts.put("Basel", basel);
    return CategoricalDistribution.of(counts, 0);
  }

  @Test
  void aSteadySegmentGoneFromASmallDayIsLost() {
    // 6 % of 250 rows: 15 rows expected, absent by chance with probability 0.94^250 = 2e-7
    Finding f = judge(450, 0.06, 250).orElseThrow();
    assertThat(f.cause()).isEqualTo("volume");
    assertThat(f.message()).isEqualTo("city = \"Basel\" has no rows: a segment is missing (6.0% .. 6.0% of rows on "
        + "each of the last 28 clean days)");
  }

  @Test
  void aRareSegmentMissingFromAFewRowsIsChance() {
    // 3 % of 450 rows as sampling spreads it: absent from 200 rows with probability 0.97^200 = 0.002, a thousand
    // times too likely
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", 120L);
    today.put("Genève", 80L);
    assertThat(CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0),
        days(450, 13, 17, 10, 14, 19, 12, 8, 15, 11, 16), MAKE)).isEmpty();
  }

  /** Clean days of {@code rows} rows whose "Basel" counts are {@code basel}, in turn. */
  private static List<CategoricalDistribution> days(int rows, int... basel) {
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(day(rows, basel[d % basel.length] / (double) rows));
    }
    return clean;
  }

  @Test
  void oneSmallDayOfFewRowsDoesNotHideASteadySegment() {
    // about 17 of 235 rows on 27 days and 4 of 132 on a holiday: the least share (3 %) would make its absence
    // from 212 rows a chance of 0.97^212 = 0.002; its days together make it rarer than one in a million
    List<CategoricalDistribution> clean = days(235, 17, 13, 21, 15, 19, 12, 22, 16, 18, 14);
    clean.set(20, CategoricalDistribution.of(Map.of("Zürich", 80L, "Genève", 48L, "Basel", 4L), 0));
    assertThat(LostSegments.logAbsenceChance("Basel", clean, 212)).isBetween(-17.0, Math.log(1e-6));
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", 127L);
    today.put("Genève", 85L);
    assertThat(CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0), clean, MAKE))
        .map(Finding::cause).contains("volume");
  }

  @Test
  void aShareThatSwingsFromDayToDayCanBeAbsentByChance() {
    // 3 % on some days, 20 % on others: pooled 11.5 %, as binomial 0.885^150 = e^-18, but its own swings make
    // a day without it far likelier than sampling alone would
    List<CategoricalDistribution> clean = days(400, 12, 80);
    double binomial = 150 * Math.log1p(-92 / 800.0);
    assertThat(LostSegments.logAbsenceChance("Basel", clean, 150)).isGreaterThan(binomial / 2);
    assertThat(judge(400, 0.115, 150)).isPresent();
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", 90L);
    today.put("Genève", 60L);
    assertThat(CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0), clean, MAKE)).isEmpty();
  }

  @Test
  void daysThatSampleOneShareAreBinomial() {
    // 27 of 450 and the counts binomial sampling gives around it: no panel, no spread past sampling
    List<CategoricalDistribution> clean = days(450, 27, 22, 31, 25, 34, 20, 29, 26, 30, 24, 28);
    double share = clean.stream().mapToDouble(d -> d.proportion("Basel")).average().orElseThrow();
    assertThat(LostSegments.logAbsenceChance("Basel", clean, 250))
        .isCloseTo(250 * Math.log1p(-share), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aSegmentWhoseRowsHoldTheirCountOnEveryDayIsAPanel() {
    // five cities, seven rows each a week: the spread of no sampling; a week without one is no chance
    List<CategoricalDistribution> clean = new ArrayList<>();
    for (int d = 0; d < 28; d++) {
      clean.add(CategoricalDistribution.of(Map.of("Auckland", 7L, "Beijing", 7L, "Chicago", 7L, "Mumbai", 7L,
          "San Diego", 7L), 0));
    }
    assertThat(LostSegments.logAbsenceChance("San Diego", clean, 28)).isEqualTo(Double.NEGATIVE_INFINITY);
    Map<String, Long> today = Map.of("Auckland", 7L, "Beijing", 7L, "Chicago", 7L, "Mumbai", 7L);
    assertThat(CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0), clean, MAKE))
        .map(Finding::message).contains("city = \"San Diego\" has no rows: a segment is missing (20.0% .. 20.0% of "
            + "rows on each of the last 28 clean days)");
    // 7 of 35 by binomial sampling: 0.8^28 = 0.002, chance
    assertThat(28 * Math.log1p(-0.2)).isGreaterThan(Math.log(1e-3));
  }

  @Test
  void sharesHeldCloserThanSamplingAreAPanel() {
    // chi-squared with 27 degrees of freedom: a sum near 27 is sampling, one near 5 is held by the feed itself
    assertThat(LostSegments.panel(27, 28)).isFalse();
    assertThat(LostSegments.panel(5, 28)).isTrue();
    assertThat(LostSegments.panel(0, 6)).as("too few days to tell").isFalse();
  }

  @Test
  void aShareThatSwingsBetweenTwoSteadyLevelsIsHeldToItsLeast() {
    // 9 % on some days and 60 % on others: no single beta, whose spread would make a day without it likely;
    // it never fell below 9 %, and 0.91^300 = e^-28
    List<CategoricalDistribution> clean = days(400, 36, 240);
    assertThat(LostSegments.logAbsenceChance("Basel", clean, 300)).isGreaterThan(Math.log(1e-6));
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", 180L);
    today.put("Genève", 120L);
    assertThat(CategorySignatures.judgeColumn("city", CategoricalDistribution.of(today, 0), clean, MAKE))
        .map(Finding::cause).contains("volume");
  }

  @Test
  void aScheduledSegmentGoneOnItsWeekdayIsLostThoughWeekendsCarryFew() {
    // a destination's 11 flights of 213 on each weekday, 2 of 128 on Saturdays: its least share over all days
    // (1.6 %) is below a steady segment's, but each Tuesday holds it exactly
    List<CategoricalDistribution> tuesdays = new ArrayList<>();
    for (int d = 0; d < 8; d++) {
      tuesdays.add(CategoricalDistribution.of(Map.of("Zürich", 121L, "Genève", 81L, "Basel", 11L), 0));
    }
    Map<String, Long> today = new LinkedHashMap<>();
    today.put("Zürich", 121L);
    today.put("Genève", 81L);
    Finding f = LostSegments.onSchedule("dest", CategoricalDistribution.of(today, 0), tuesdays,
        java.time.DayOfWeek.TUESDAY, MAKE).orElseThrow();
    assertThat(f.cause()).isEqualTo("volume");
    assertThat(f.message()).isEqualTo("dest = \"Basel\" has no rows: a segment is missing (5.2% .. 5.2% of rows on "
        + "each of the last 8 clean Tuesdays)");

    assertThat(LostSegments.onSchedule("dest", CategoricalDistribution.of(today, 0),
        tuesdays.subList(0, 5), java.time.DayOfWeek.TUESDAY, MAKE)).as("five Tuesdays").isPresent();
    assertThat(LostSegments.onSchedule("dest", CategoricalDistribution.of(today, 0),
        tuesdays.subList(0, 3), java.time.DayOfWeek.TUESDAY, MAKE)).as("too few Tuesdays").isEmpty();
    assertThat(LostSegments.onSchedule("dest", CategoricalDistribution.of(Map.of("Zürich", 60L,
        "Genève", 40L), 0), tuesdays, java.time.DayOfWeek.TUESDAY, MAKE)).as("a holiday's thinned timetable")
        .isEmpty();
    // Tuesdays whose count of it scatters as sampling does: no schedule, and the trailing days judge it
    List<CategoricalDistribution> scattered = new ArrayList<>();
    for (long basel : new long[] {11, 6, 16, 9, 14, 7, 13, 12}) {
      scattered.add(CategoricalDistribution.of(Map.of("Zürich", 121L, "Genève", 92L - basel, "Basel", basel), 0));
    }
    assertThat(LostSegments.onSchedule("dest", CategoricalDistribution.of(today, 0), scattered,
        java.time.DayOfWeek.TUESDAY, MAKE)).isEmpty();

    // a team at home in each of the last four Tuesday rounds, one match of nine each time: chance, no schedule
    List<CategoricalDistribution> rounds = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      rounds.add(CategoricalDistribution.of(Map.of("Bremen", 1L, "Others", 8L), 0));
    }
    assertThat(LostSegments.onSchedule("HomeTeam", CategoricalDistribution.of(Map.of("Others", 9L), 0),
        rounds, java.time.DayOfWeek.TUESDAY, MAKE)).isEmpty();
  }

  /**
   * Eight weeks of a shop's orders by channel: "web" takes 60 % of a weekday's 380 orders, 3 % of a Saturday's
   * 300 and 12 % of a Sunday's 300 (its Sunday share wandering by {@code sundaySpread}), each day drawn
   * binomially around its weekday's share; the other channels share the rest.
   */
  private static Map<java.time.DayOfWeek, List<CategoricalDistribution>> channels(java.util.Random random,
      double sundaySpread) {
    Map<java.time.DayOfWeek, List<CategoricalDistribution>> byWeekday = new java.util.EnumMap<>(
        java.time.DayOfWeek.class);
    for (int d = 0; d < 56; d++) {
      java.time.DayOfWeek dow = java.time.DayOfWeek.of(d % 7 + 1);
      int rows = dow.getValue() >= 6 ? 300 : 380;
      double share = dow == java.time.DayOfWeek.SUNDAY ? Math.max(0.02, 0.12 + sundaySpread * random.nextGaussian())
          : dow == java.time.DayOfWeek.SATURDAY ? 0.03 : 0.6;
      long web = 0;
      for (int r = 0; r < rows; r++) {
        web += random.nextDouble() < share ? 1 : 0;
      }
      long store = (rows - web) / 2;
      byWeekday.computeIfAbsent(dow, k -> new ArrayList<>()).add(CategoricalDistribution.of(
          Map.of("web", web, "store", store, "phone", rows - web - store), 0));
    }
    return byWeekday;
  }

  @Test
  void aSegmentGoneFromItsWeekdayIsLostWhereItsShareFollowsTheWeekday() {
    Map<java.time.DayOfWeek, List<CategoricalDistribution>> byWeekday = channels(new java.util.Random(7), 0);
    CategoricalDistribution sunday = CategoricalDistribution.of(Map.of("store", 132L, "phone", 132L), 0);
    List<CategoricalDistribution> trailing = new ArrayList<>();
    byWeekday.values().forEach(trailing::addAll);
    assertThat(LostSegments.onTrailingDays("channel", sunday, trailing, MAKE))
        .as("over all days the weekday's swing hides it").isEmpty();
    Finding f = LostSegments.onWeekday("channel", sunday, trailing, byWeekday.get(java.time.DayOfWeek.SUNDAY),
        java.time.DayOfWeek.SUNDAY, MAKE)
        .orElseThrow();
    assertThat(f.cause()).isEqualTo("volume");
    assertThat(f.message()).startsWith("channel = \"web\" has no rows: a segment is missing (")
        .endsWith(" of rows on each of the last 8 clean Sundays)");
    assertThat(LostSegments.logAbsenceChanceOnWeekday("web", byWeekday.get(java.time.DayOfWeek.SUNDAY), 264))
        .isLessThan(Math.log(LostSegments.MAX_ABSENCE_CHANCE));

    CategoricalDistribution smallSunday = CategoricalDistribution.of(Map.of("store", 40L, "phone", 40L), 0);
    assertThat(LostSegments.onWeekday("channel", smallSunday, trailing, byWeekday.get(java.time.DayOfWeek.SUNDAY),
        java.time.DayOfWeek.SUNDAY, MAKE))
        .as("eighty orders on a Sunday: no Sunday's volume").isEmpty();
    Map<java.time.DayOfWeek, List<CategoricalDistribution>> swinging = channels(new java.util.Random(7), 0.05);
    assertThat(LostSegments.onWeekday("channel", sunday, trailing, swinging.get(java.time.DayOfWeek.SUNDAY),
        java.time.DayOfWeek.SUNDAY, MAKE))
        .as("Sundays whose share wanders from 3 % to 20 %").isEmpty();
    assertThat(LostSegments.onWeekday("channel", sunday, trailing,
        byWeekday.get(java.time.DayOfWeek.SUNDAY).subList(0, 3),
        java.time.DayOfWeek.SUNDAY, MAKE))
        .as("three Sundays").isEmpty();
    List<CategoricalDistribution> sinceItLeft = new ArrayList<>(trailing);
    sinceItLeft.add(CategoricalDistribution.of(Map.of("store", 190L, "phone", 190L), 0));
    assertThat(LostSegments.onWeekday("channel", sunday, sinceItLeft, byWeekday.get(java.time.DayOfWeek.SUNDAY),
        java.time.DayOfWeek.SUNDAY, MAKE)).as("gone from a trailing day of another weekday already").isEmpty();
  }
}
