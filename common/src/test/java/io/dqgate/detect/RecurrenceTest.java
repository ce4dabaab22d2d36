package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A warning an earlier warned day gave, on the same detector, metric, column and side and no more than half as
 * far out again, is INFO naming that day; the day stays out of the baselines of what it repeated.
 */
class RecurrenceTest {
  static final LocalDate START = LocalDate.of(2026, 3, 2);
  /** The holiday: a quarter of the usual bytes. */
  static final LocalDate HOLIDAY = START.plusDays(10);

  private static Finding volume(double bytes, Severity severity) {
    return new Finding("files", "volume", null, null, bytes, 74_000, 222_000, Double.NaN, severity,
        "total_bytes " + (long) bytes);
  }

  private static Finding drift(String column, double score) {
    return new Finding("drift", "quantiles", column, null, score, 0, 0.1, score, Severity.WARN,
        column + " drift " + score);
  }

  private static MetricRecord verdict(LocalDate day, double status, Finding... findings) {
    return new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
        MetricNames.VERDICT_STATUS, status, Verdict.of("feed", day, List.of(findings)).toJson());
  }

  /** 20 passing days, the holiday warned on its volume and on the drift of channel among them. */
  private static List<MetricRecord> days(MetricRecord... extra) {
    List<MetricRecord> records = warnedOn(HOLIDAY, volume(37_000, Severity.WARN), drift("channel", 0.3));
    records.addAll(List.of(extra));
    return records;
  }

  /** 20 days of 1,000 rows, {@code warned} warned with {@code findings}, the others passed. */
  private static List<MetricRecord> warnedOn(LocalDate warned, Finding... findings) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      LocalDate day = START.plusDays(i);
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, 1000, null));
      records.add(day.equals(warned) ? verdict(day, MetricNames.STATUS_WARN, findings)
          : verdict(day, MetricNames.STATUS_PASS));
    }
    return records;
  }

  @Test
  void aWarningTheFeedGaveOnAnUnrejectedDayIsInfoNamingThatDay() {
    MetricHistory history = new MetricHistory(days());
    assertThat(history.pendingDays()).containsExactly(HOLIDAY);

    List<Finding> out = Recurrence.soften(List.of(volume(30_000, Severity.WARN), drift("channel", 0.4),
        drift("city", 0.3)), history);

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.INFO, Severity.WARN);
    assertThat(out.get(0).detector()).isEqualTo(Recurrence.DETECTOR);
    assertThat(out.get(0).metric()).isEqualTo("files:volume");
    assertThat(out.get(0).message()).isEqualTo("total_bytes 30000 — as on 2026-03-12, which warned the same way"
        + " and was not rejected: not news");
    assertThat(out.get(1).metric()).isEqualTo("drift:quantiles");
    assertThat(out.get(2)).as("a column the earlier day did not warn on").isEqualTo(drift("city", 0.3));
  }

  @Test
  void furtherOutTheOtherWayBlockingOrRejectedStaysAsItIs() {
    MetricHistory history = new MetricHistory(days());
    Finding twiceAsFar = volume(8_000, Severity.WARN); // a nineteenth of the usual volume against a quarter
    Finding above = volume(400_000, Severity.WARN);
    Finding blocking = volume(37_000, Severity.BLOCK);
    assertThat(Recurrence.soften(List.of(twiceAsFar, above, blocking, drift("channel", 0.46)), history))
        .containsExactly(twiceAsFar, above, blocking, drift("channel", 0.46));

    MetricRecord rejected = new MetricRecord("feed", HOLIDAY, "r", Instant.EPOCH, Entity.DATASET,
        MetricKey.WHOLE_DATASET, MetricNames.LABEL, MetricNames.LABEL_REJECTED, null);
    Finding again = volume(37_000, Severity.WARN);
    assertThat(Recurrence.soften(List.of(again), new MetricHistory(days(rejected)))).containsExactly(again);
  }

  private static Finding nulls(double share, double low, double high, double score) {
    return new Finding("series", "null_fraction", "rating", null, share, low, high, score, Severity.WARN,
        "rating.null_fraction " + share);
  }

  @Test
  void onAnOrdinaryDayAShareFarBeyondTheOneWarnedBeforeIsNewsWhateverItsScore() {
    MetricHistory history = new MetricHistory(warnedOn(START.plusDays(5), nulls(0.09, 0.01, 0.05, 2.5)));

    Finding fourTimesTheShare = nulls(0.38, 0.01, 0.13, 2.4); // the range now reaches past the warned 9 %
    Finding asFarAgain = nulls(0.20, 0.01, 0.13, 2.4);
    Finding likeIt = nulls(0.10, 0.01, 0.05, 2.6);
    assertThat(Recurrence.soften(List.of(fourTimesTheShare), history)).containsExactly(fourTimesTheShare);
    assertThat(Recurrence.soften(List.of(likeIt), history)).extracting(Finding::severity)
        .containsExactly(Severity.INFO);
    assertThat(Recurrence.soften(List.of(nulls(0.15, 0.01, 0.05, 2.4)), history))
        .as("the same range and score, but over half again the warned share").extracting(Finding::severity)
        .containsExactly(Severity.WARN);
    assertThat(Recurrence.soften(List.of(asFarAgain), history)).containsExactly(asFarAgain);
  }

  @Test
  void aFallIsMeasuredFromTheLevelTheRangeExpects() {
    // a column empty on every clean day that came to be filled: nulls at 8.5 %, then 4.7 %
    MetricHistory history = new MetricHistory(warnedOn(START.plusDays(5), nulls(0.085, 0.94, 1.06, 65)));
    assertThat(Recurrence.soften(List.of(nulls(0.047, 0.94, 1.06, 61)), history)).extracting(Finding::severity)
        .containsExactly(Severity.INFO);
    assertThat(Recurrence.soften(List.of(nulls(0.019, 0.962, 1.038, 103)), history))
        .as("a narrower range scores a value as far out higher").extracting(Finding::severity)
        .containsExactly(Severity.INFO);

    MetricHistory halfFilled = new MetricHistory(warnedOn(START.plusDays(5), nulls(0.6, 0.94, 1.06, 30)));
    Finding nearlyFull = nulls(0.1, 0.94, 1.06, 60);
    assertThat(Recurrence.soften(List.of(nearlyFull), halfFilled))
        .as("twice as far from the level as the day before went").containsExactly(nearlyFull);
  }

  @Test
  void aDayThatPassedOnRepeatsStaysOutOfTheBaselinesOfWhatItRepeated() {
    LocalDate repeat = START.plusDays(20);
    List<Finding> softened = Recurrence.soften(List.of(volume(36_000, Severity.WARN)), new MetricHistory(days()));
    MetricRecord stored = verdict(repeat, MetricNames.STATUS_PASS, softened.toArray(Finding[]::new));
    assertThat(Verdict.parse(stored.detail(), "test").status()).isEqualTo(Status.PASS);

    assertThat(BaselinePolicy.outright(List.of(stored))).isEqualTo(BaselinePolicy.Standing.PENDING);
    assertThat(BaselinePolicy.warnedColumns(List.of(stored))).isEqualTo(Set.of("(dataset):files"));
    MetricHistory later = new MetricHistory(days(stored));
    assertThat(later.pendingDays()).containsExactly(HOLIDAY, repeat);
    assertThat(Recurrence.soften(List.of(volume(37_000, Severity.WARN)), later).get(0).message())
        .endsWith("as on 2026-03-22, which warned the same way and was not rejected: not news");
  }

  @Test
  void anEventDaysWarningIsAPrecedentOnlyForTheSameEvent() {
    // the holiday kept a quarter of its rows, and its unrated orders rose with it
    Finding holidayNulls = new Finding("signature", "null_fraction", "rating", null, 0.17, 0.01, 0.05, 3.7,
        Severity.WARN, "rating nulls 17%");
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      LocalDate day = START.plusDays(i);
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, day.equals(HOLIDAY) ? 250 : 980 + 10 * (i % 5), null));
      records.add(day.equals(HOLIDAY) ? verdict(day, MetricNames.STATUS_WARN, volume(37_000, Severity.WARN),
          holidayNulls) : verdict(day, MetricNames.STATUS_PASS));
    }
    MetricHistory history = new MetricHistory(records);
    Finding nulls = new Finding("signature", "null_fraction", "rating", null, 0.37, 0.01, 0.17, 3.0, Severity.WARN,
        "rating nulls 37%");
    LocalDate monday = START.plusDays(21);

    assertThat(Recurrence.soften(List.of(nulls), history, monday, 1000)).as("an ordinary day: news")
        .containsExactly(nulls);
    assertThat(Recurrence.soften(List.of(nulls), history, monday, 240)).as("a second holiday")
        .extracting(Finding::severity).containsExactly(Severity.INFO);
    assertThat(Recurrence.soften(List.of(nulls), history, monday, 600)).as("another event").containsExactly(nulls);
  }

  @Test
  void volumeIsOneThingWhicheverCheckSawIt() {
    // the holiday's files warned at 37,000 bytes against a range around 148,000 (a quarter)
    Finding rowsDown = new Finding("series", "row_count", null, null, 260, 344, 574, 6.9, Severity.WARN,
        "row_count = 260"); // 57 % of the middle of its range
    Finding rowsFarDown = new Finding("series", "row_count", null, null, 40, 344, 574, 12, Severity.WARN,
        "row_count = 40"); // 9 %: a log ratio more than half as large again
    Finding rowsUp = new Finding("series", "row_count", null, null, 700, 344, 574, 6.9, Severity.WARN,
        "row_count = 700");
    List<Finding> out = Recurrence.soften(List.of(rowsDown, rowsFarDown, rowsUp), new MetricHistory(days()));
    assertThat(out).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.WARN, Severity.WARN);
    assertThat(out.get(0).metric()).isEqualTo("series:row_count");
  }

  @Test
  void aVolumeBlockOnTheWeekdayOfAWarnedDayWarnsAndOnAnotherDayOnlyAtTheSameChange() {
    // the holiday (a Thursday) warned at a quarter of its bytes; a week later its row count blocks as low
    Finding rowsBlock = new Finding("series", "row_count", null, null, 120, 344, 574, 12.0, Severity.BLOCK,
        "row_count = 120");
    Finding filesBlock = new Finding("files", "volume", null, null, 37_000, 74_000, 222_000, Double.NaN,
        Severity.BLOCK, "total_bytes 37000");

    Finding halfBlock = new Finding("series", "row_count", null, null, 230, 344, 574, 8.0, Severity.BLOCK,
        "row_count = 230"); // half the middle of its range: not the holiday's quarter
    Finding tenthBlock = new Finding("series", "row_count", null, null, 46, 344, 574, 15.0, Severity.BLOCK,
        "row_count = 46");
    MetricHistory history = new MetricHistory(days());

    List<Finding> weekLater = Recurrence.soften(List.of(rowsBlock, filesBlock), history, HOLIDAY.plusDays(7), 120);
    List<Finding> dayLater = Recurrence.soften(List.of(rowsBlock, halfBlock, tenthBlock), history,
        HOLIDAY.plusDays(8), 120);

    assertThat(weekLater).extracting(Finding::severity).containsExactly(Severity.WARN, Severity.BLOCK);
    assertThat(weekLater.get(0).message()).isEqualTo("row_count = 120 — as on 2026-03-12, the same weekday, which "
        + "warned the same way and was not rejected: a weekly pattern not yet in the baselines, warned, not blocked");
    assertThat(dayLater).extracting(Finding::severity).containsExactly(Severity.WARN, Severity.BLOCK, Severity.BLOCK);
    assertThat(dayLater.get(0).message()).isEqualTo("row_count = 120 — the same change of volume (within a "
        + "quarter) as on 2026-03-12, which warned and was not rejected: a recurring event such as a holiday, warned, "
        + "not blocked");
    assertThat(dayLater.subList(1, 3)).containsExactly(halfBlock, tenthBlock);
  }

  @Test
  void aSecondHolidayRepeatsAFirstWhoseVolumeWarningWasItselfARepeat() {
    // the first holiday passed: its bytes fell as a warned Saturday's had, and it kept that warning as a repeat
    Finding repeat = new Finding(Recurrence.DETECTOR, "series:total_bytes", null, null, 17_858, 22_369, 37_205,
        6.4, Severity.INFO, "total_bytes = 17858 — as on an earlier Saturday");
    LocalDate first = START.plusDays(2);
    List<MetricRecord> records = new ArrayList<>(days().stream().filter(m -> !m.partitionDate().equals(first)
        || !m.metric().equals(MetricNames.VERDICT_STATUS)).toList());
    records.add(verdict(first, MetricNames.STATUS_PASS, repeat));
    MetricHistory history = new MetricHistory(records);
    Finding second = new Finding("series", "total_bytes", null, null, 16_753, 26_090, 34_079, 13.4,
        Severity.BLOCK, "total_bytes = 16753");

    List<Finding> out = Recurrence.soften(List.of(second), history, START.plusDays(33), 250);

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.WARN);
    assertThat(out.get(0).message()).contains("the same change of volume (within a quarter) as on " + first);
  }

  @Test
  void aVolumeBlockAtTheLevelOfTheSameWeekdayAWeekEarlierIsTheWeeklyPattern() {
    // a new feed's weekend runs at 40 % of its weekdays: the first Saturday warned (cold start) at 205 rows
    LocalDate saturday = LocalDate.of(2026, 3, 7);
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      LocalDate day = START.plusDays(i);
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, day.equals(saturday) ? 205 : 500, null));
      records.add(day.equals(saturday) ? verdict(day, MetricNames.STATUS_WARN, new Finding("series", "row_count",
          null, null, 205, 420, 580, 9.0, Severity.WARN, "row_count = 205")) : verdict(day, MetricNames.STATUS_PASS));
    }
    MetricHistory history = new MetricHistory(records);
    Finding sameLevel = new Finding("series", "row_count", null, null, 190, 380, 547, 12.4, Severity.BLOCK,
        "row_count = 190");
    Finding lower = new Finding("series", "row_count", null, null, 140, 380, 547, 15.0, Severity.BLOCK,
        "row_count = 140"); // two thirds of that Saturday: further out than it, a weekday still being learnt

    List<Finding> out = Recurrence.soften(List.of(sameLevel, lower), history, saturday.plusDays(7), 190);

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.WARN);
    assertThat(out.get(0).detector()).isEqualTo(Recurrence.DETECTOR);
    assertThat(out.get(0).message()).isEqualTo("row_count = 190 — at the level of 2026-03-07, the same weekday, "
        + "which was neither blocked nor rejected: the weekly pattern, not yet in the series' baseline");
    assertThat(out.get(1).message()).endsWith("a weekly pattern not yet in the baselines, warned, not blocked");
  }

  /** Twelve days of a new feed whose Saturdays run at 40 % of its weekdays, the first Saturday judged so. */
  private static MetricHistory newFeed(LocalDate saturday, double saturdayRows, MetricRecord saturdayVerdict) {
    List<MetricRecord> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      LocalDate day = START.plusDays(i);
      records.add(new MetricRecord("feed", day, "r", Instant.EPOCH, Entity.DATASET, MetricKey.WHOLE_DATASET,
          MetricNames.ROW_COUNT, day.equals(saturday) ? saturdayRows : 500, null));
      records.add(day.equals(saturday) ? saturdayVerdict : verdict(day, MetricNames.STATUS_PASS));
    }
    return new MetricHistory(records);
  }

  @Test
  void theLevelIsTheStoredValueWhicheverCheckWarnedThatDay() {
    // the first Saturday warned on its file bytes only; its stored row count is what the next one is held to
    LocalDate saturday = LocalDate.of(2026, 3, 7);
    MetricHistory history = newFeed(saturday, 193, verdict(saturday, MetricNames.STATUS_WARN,
        volume(76_000, Severity.WARN)));
    Finding rows = new Finding("series", "row_count", null, null, 209, 380, 547, 10.3, Severity.BLOCK,
        "row_count = 209");

    List<Finding> out = Recurrence.soften(List.of(rows), history, saturday.plusDays(7), 209);

    assertThat(out).extracting(Finding::severity).containsExactly(Severity.INFO);
    assertThat(out.get(0).metric()).isEqualTo("series:row_count");
  }

  @Test
  void aPassedSameWeekdayAtTheLevelMakesTheBlockInfoAndAnotherLevelKeepsIt() {
    // the first Saturday passed (within the file check's margin): the next one at its level is the pattern
    LocalDate saturday = LocalDate.of(2026, 3, 7);
    MetricHistory passed = newFeed(saturday, 260, verdict(saturday, MetricNames.STATUS_PASS));
    Finding atLevel = new Finding("series", "row_count", null, null, 230, 380, 547, 9.3, Severity.BLOCK,
        "row_count = 230");
    Finding halfOfIt = new Finding("series", "row_count", null, null, 120, 380, 547, 14.0, Severity.BLOCK,
        "row_count = 120"); // under half the lowest clean day: not a weekday's pattern still unseen
    Finding aDayLater = new Finding("series", "row_count", null, null, 250, 380, 547, 9.0, Severity.BLOCK,
        "row_count = 250");

    assertThat(Recurrence.soften(List.of(atLevel, halfOfIt), passed, saturday.plusDays(7), 230))
        .extracting(Finding::severity).containsExactly(Severity.INFO, Severity.BLOCK);
    // a Sunday is held to the Sunday before (500 rows), not to the Saturday: with one clean Sunday in the
    // history, its weekly level is not yet seen, and half of it warns
    List<Finding> sunday = Recurrence.soften(List.of(aDayLater), passed, saturday.plusDays(8), 250);
    assertThat(sunday).extracting(Finding::severity).containsExactly(Severity.WARN);
    assertThat(sunday.get(0).message()).endsWith("a weekly pattern not yet seen, warned, not blocked");
  }

  @Test
  void aBlockedSameWeekdayIsNoLevel() {
    LocalDate saturday = LocalDate.of(2026, 3, 7);
    MetricHistory blocked = newFeed(saturday, 200, verdict(saturday, MetricNames.STATUS_BLOCK, new Finding("series",
        "row_count", null, null, 200, 420, 580, 9.0, Severity.BLOCK, "row_count = 200")));
    Finding again = new Finding("series", "row_count", null, null, 205, 380, 547, 9.3, Severity.BLOCK,
        "row_count = 205");

    // the Saturday before it (2026-02-28) is not in the history: the blocked one is passed over, no level
    assertThat(Recurrence.soften(List.of(again), blocked, saturday.plusDays(7), 205)).containsExactly(again);
  }
}
