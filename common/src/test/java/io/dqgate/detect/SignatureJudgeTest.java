package io.dqgate.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dqgate.config.DetectSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each contamination signature on a day whose rows were bent before their metrics were taken, with the
 * exact finding it gives; and natural days (weekly and holiday volume, heavy-tailed levels, a trend) on
 * which no signature may fire.
 */
class SignatureJudgeTest {
  static final DetectSpec SPEC = DqgateConfig.load(null, Map.of("datasets.orders.source.path", "/nowhere"))
      .dataset("orders").detect();
  static final int DAYS = 36;

  private static List<Finding> judge(List<MetricRecord> all) {
    Map<MetricKey, MetricRecord> today = SignatureDays.lastDay(all);
    LocalDate day = today.values().iterator().next().partitionDate();
    return new SignatureJudge(SPEC).judge(day, today, SignatureDays.before(all));
  }

  private static Finding only(UnaryOperator<SignatureDays.Rows> incident) {
    List<Finding> found = judge(new SignatureDays(11).days(DAYS, incident));
    assertThat(found).as(found.toString()).hasSize(1);
    assertThat(found.get(0).severity()).isEqualTo(Severity.BLOCK);
    assertThat(found.get(0).detector()).isEqualTo("signature");
    return found.get(0);
  }

  @Test
  void naturalVariationFiresNoSignature() {
    int judged = 0;
    List<String> fired = new ArrayList<>();
    for (long seed = 1; seed <= 6; seed++) {
      List<MetricRecord> all = new SignatureDays(seed).days(70, r -> r);
      for (int k = 10; k < 70; k++) {
        LocalDate day = SignatureDays.START.plusDays(k);
        List<MetricRecord> upTo = all.stream().filter(m -> !m.partitionDate().isAfter(day)).toList();
        judge(upTo).forEach(f -> fired.add(day + " " + f.message()));
        judged++;
      }
    }
    assertThat(judged).isEqualTo(360);
    assertThat(fired).isEmpty();
  }

  @Test
  void wholeColumnScaledIsAUnitChange() {
    Finding f = only(r -> {
      r.price = Arrays.stream(r.price).map(v -> v * 1.61).toArray();
      return r;
    });
    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.column()).isEqualTo("price");
    assertThat(f.message()).isEqualTo("unit change in price, ×1.61: all its quantiles moved by ×1.61 (distance to "
        + "the last 28 clean days 0.26, 0.04 once rescaled; no clean day moved by more than ×1.17)");
  }

  @Test
  void oneSegmentScaledIsAUnitChange() {
    Finding f = only(r -> {
      for (int i = 0; i < r.price.length; i += 5) {
        r.price[i] *= 100;
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).isEqualTo("unit change in one segment of price, ×100: about 20% of its rows moved by "
        + "×100 (distance to the last 28 clean days 0.17, 0.04 once rescaled; no clean day moved by more than ×1.17)");
  }

  /** Clock times hhmm of a clean day of a flights feed: a few departures wrap past midnight every day. */
  private static final double[] CLEAN_DEPARTURES = {2, 537, 708, 817, 917, 1035, 1153, 1247, 1355, 1444, 1532, 1618,
      1731, 1835, 1912, 2001, 2059, 2148, 2250, 2326, 2359};
  /** A day of long delays: about a tenth of the day's departures left after midnight. */
  private static final double[] LATE_DEPARTURES = {0, 37, 225, 631, 812, 850, 1029, 1135, 1246, 1339, 1433, 1517,
      1625, 1737, 1844, 1932, 2035, 2132, 2226, 2326, 2358};

  /**
   * A column's records for consecutive days of {@code rows} rows from the sorted values of each (all of
   * them, or points of their distribution): the row count, the 21-point quantile sketch, and with
   * {@code extremes} the minimum and maximum.
   */
  private static List<MetricRecord> sketched(String column, List<double[]> days, int rows, boolean extremes) {
    return sketched(column, days, i -> rows, extremes);
  }

  private static List<MetricRecord> sketched(String column, List<double[]> days,
      java.util.function.IntUnaryOperator rowsOfDay, boolean extremes) {
    List<MetricRecord> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      LocalDate day = SignatureDays.START.plusDays(i);
      double[] v = days.get(i);
      int rows = rowsOfDay.applyAsInt(i);
      var detail = SignatureDays.grid(k -> k * 0.05, k -> v[(int) Math.round(k * 0.05 * (v.length - 1))]);
      detail.put("count", rows);
      out.add(SignatureDays.record(day, io.dqgate.metrics.Entity.DATASET, "*", "row_count", rows, null));
      out.add(SignatureDays.record(day, io.dqgate.metrics.Entity.COLUMN, column, "quantiles", rows,
          detail.toString()));
      if (extremes) {
        out.add(SignatureDays.record(day, io.dqgate.metrics.Entity.COLUMN, column, "min", v[0], null));
        out.add(SignatureDays.record(day, io.dqgate.metrics.Entity.COLUMN, column, "max", v[v.length - 1], null));
      }
    }
    return out;
  }

  /** 20 clean days of departures around {@link #CLEAN_DEPARTURES} (a sketch of 380 rows), then {@code today}. */
  private static List<MetricRecord> departures(java.util.function.DoubleUnaryOperator today) {
    java.util.Random random = new java.util.Random(5);
    List<double[]> days = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      double[] v = new double[21];
      for (int k = 0; k < v.length; k++) {
        v[k] = i == 20 ? today.applyAsDouble(LATE_DEPARTURES[k])
            : Math.max(0, Math.min(2359, CLEAN_DEPARTURES[k] + (k == 0 ? 2 : 15) * random.nextGaussian()));
      }
      Arrays.sort(v);
      days.add(v);
    }
    return sketched("dep_time", days, 380, false);
  }

  @Test
  void departuresWrappingPastMidnightAreNoSegmentInAnotherUnit() {
    assertThat(judge(departures(x -> x))).extracting(Finding::cause).doesNotContain("unit-change");
  }

  /**
   * Departure delays in minutes, exponential with a mean of 15 on clean days; on the last day a mean of
   * {@code lastMean}, and {@code sentinels} of its rows set to 9999.
   */
  private static List<MetricRecord> delays(double lastMean, double sentinels) {
    java.util.Random random = new java.util.Random(9);
    List<double[]> days = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      boolean last = i == 9;
      double[] v = new double[600];
      for (int k = 0; k < v.length; k++) {
        v[k] = last && k < sentinels * v.length ? 9999
            : -5 + Math.round(-Math.log(1 - random.nextDouble()) * (last ? lastMean : 15));
      }
      Arrays.sort(v);
      days.add(v);
    }
    return sketched("dep_delay", days, 600, true);
  }

  @Test
  void aRecordExtremeOfADayWhoseWholeDistributionMovedOutIsItsTail() {
    // a storm: every delay six times longer, the longest far past the nine clean days' range
    List<MetricRecord> storm = delays(90, 0);
    MetricRecord max = SignatureDays.lastDay(storm).get(MetricKey.column("dep_delay", "max"));
    assertThat(max.value()).isGreaterThan(400);
    assertThat(judge(storm)).extracting(Finding::cause).doesNotContain("out-of-range");
    // a sentinel in 1 % of the rows of an ordinary day stands alone past a bulk that stayed put; in 6 % it is
    // the day's 95 % quantile too, a point mass
    assertThat(judge(delays(15, 0.01))).extracting(Finding::severity, Finding::cause)
        .contains(tuple(Severity.BLOCK, "out-of-range"));
    assertThat(judge(delays(15, 0.06))).extracting(Finding::severity, Finding::cause)
        .contains(tuple(Severity.BLOCK, "out-of-range"));
  }

  /**
   * Arrival delays, −8 and later, exponential with a mean of 15; two storm days (a mean of 90) among the
   * 15 clean days push the longest far past its record. On the last day, an ordinary one, {@code early} of the
   * rows arrive at −800 (a segment's −8 in hundredths).
   */
  private static List<MetricRecord> delaysAfterStorms(double early) {
    java.util.Random random = new java.util.Random(4);
    List<double[]> days = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      double mean = i == 4 || i == 8 ? 90 : 15;
      double[] v = new double[600];
      for (int k = 0; k < v.length; k++) {
        v[k] = i == 15 && k < early * v.length ? -800 : -8 + Math.round(-Math.log(1 - random.nextDouble()) * mean);
      }
      Arrays.sort(v);
      days.add(v);
    }
    return sketched("arr_delay", days, 600, true);
  }

  @Test
  void eachEndOfTheRangeHasItsOwnTail() {
    assertThat(judge(delaysAfterStorms(0))).isEmpty();
    // the storms broke the longest delay's record by several widths, which says nothing of the earliest
    assertThat(judge(delaysAfterStorms(0.03))).extracting(Finding::metric, Finding::severity, Finding::cause)
        .containsExactly(tuple("min", Severity.BLOCK, "out-of-range"));
  }

  /**
   * A flights feed's air times: each day's row count, then its 21-point sketch. Eighteen clean days, weekends
   * longer (fewer short business hops), then a Sunday whose flights were all about 7 % shorter than the last.
   */
  private static final double[][] AIR_TIMES = {
      {226, 38, 41, 43, 45, 47, 49, 55, 58, 72, 89, 96, 108, 147, 169, 187, 206, 239, 262, 275, 333, 373},
      {324, 36, 41, 43, 44, 45, 47, 51, 56, 58, 76, 86, 94, 99, 108, 153, 180, 202, 245, 262, 276, 364},
      {328, 43, 47, 49, 51, 52, 55, 59, 64, 71, 88, 103, 109, 113, 126, 175, 212, 234, 277, 303, 329, 425},
      {243, 40, 41, 44, 45, 47, 49, 56, 58, 72, 89, 97, 107, 152, 172, 191, 204, 234, 257, 270, 287, 370},
      {289, 39, 42, 44, 45, 46, 49, 53, 57, 71, 86, 96, 100, 106, 151, 179, 192, 226, 253, 270, 291, 367},
      {327, 40, 43, 45, 46, 47, 49, 54, 58, 63, 83, 92, 99, 104, 120, 164, 192, 212, 259, 278, 297, 381},
      {328, 39, 43, 44, 46, 47, 49, 54, 56, 61, 80, 89, 97, 103, 115, 165, 190, 218, 252, 271, 284, 390},
      {333, 38, 41, 43, 45, 46, 48, 52, 56, 61, 76, 90, 96, 102, 113, 162, 187, 201, 250, 264, 286, 370},
      {332, 38, 42, 43, 45, 47, 48, 53, 56, 61, 78, 89, 96, 103, 114, 161, 189, 205, 248, 273, 288, 382},
      {292, 39, 41, 43, 45, 47, 48, 53, 57, 63, 79, 91, 96, 100, 121, 167, 191, 222, 250, 267, 280, 381},
      {247, 37, 41, 42, 44, 46, 49, 53, 56, 74, 88, 97, 102, 145, 176, 183, 206, 242, 254, 266, 281, 353},
      {307, 36, 41, 42, 44, 45, 48, 54, 57, 72, 84, 91, 96, 103, 143, 174, 190, 221, 247, 261, 289, 367},
      {337, 37, 41, 42, 44, 46, 48, 52, 55, 60, 76, 86, 94, 98, 111, 157, 186, 205, 249, 267, 289, 378},
      {329, 36, 41, 43, 45, 46, 48, 51, 56, 60, 76, 88, 93, 99, 107, 156, 184, 206, 238, 258, 285, 385},
      {331, 39, 43, 44, 46, 48, 49, 53, 57, 63, 77, 90, 98, 104, 115, 162, 192, 209, 253, 277, 302, 382},
      {328, 38, 41, 42, 44, 46, 48, 51, 55, 59, 73, 86, 94, 100, 107, 147, 176, 195, 235, 260, 276, 370},
      {333, 39, 44, 46, 47, 49, 51, 55, 59, 64, 79, 91, 101, 106, 120, 171, 197, 219, 261, 280, 304, 394},
      {240, 39, 41, 43, 45, 47, 49, 55, 58, 73, 89, 97, 103, 143, 165, 187, 200, 228, 251, 265, 281, 373},
      {280, 35, 38, 39, 41, 43, 45, 49, 53, 63, 78, 85, 93, 100, 134, 166, 180, 209, 231, 247, 270, 353}};

  @Test
  void aWholeDayALittleShorterIsNoSegmentInAnotherUnit() {
    // A tenth of the longest flights, ×0.1, would land beside the shortest: the day's shortest sketch points,
    // a little below the clean days', fit such a segment. Rows in another unit come from the whole column,
    // so scaled back, some of them are ordinary flights; these would all be among the longest.
    List<double[]> days = Arrays.stream(AIR_TIMES).map(d -> Arrays.copyOfRange(d, 1, d.length)).toList();
    assertThat(judge(sketched("air_time", days, i -> (int) AIR_TIMES[i][0], true))).extracting(Finding::cause)
        .doesNotContain("unit-change");
  }

  @Test
  void aTenthOfTheRowsScaledIsAUnitChangeInASegment() {
    Finding f = only(r -> {
      for (int i = 0; i < r.price.length; i += 10) {
        r.price[i] *= 100;
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("unit-change");
    assertThat(f.message()).isEqualTo("unit change in one segment of price, ×100: about 10% of its rows moved by "
        + "×100 (distance to the last 28 clean days 0.10, 0.03 once rescaled; no clean day moved by more than ×1.17)");
  }

  @Test
  void sentinelIsOutOfRange() {
    Finding f = only(r -> {
      r.income[3] = 9999999;
      return r;
    });
    assertThat(f.cause()).isEqualTo("out-of-range");
    assertThat(f.column()).isEqualTo("income");
    assertThat(f.message()).isEqualTo("income.max = 9999999, far outside any value of the 35 clean days (-9823 .. "
        + "8.156e+04): 108.5 widths of that range beyond it");
  }

  @Test
  void negativeValuesInAColumnNeverNegative() {
    Finding f = only(r -> {
      r.price[0] = -1;
      return r;
    });
    assertThat(f.cause()).isEqualTo("out-of-range");
    assertThat(f.message()).isEqualTo("price.min = -1: negative values in a column never negative on the 35 clean "
        + "days (0.8718 .. 500.3)");
  }

  @Test
  void knownCategoryInAnotherSpelling() {
    Finding f = only(r -> {
      for (int i = 0; i < r.city.length; i += 20) {
        if (r.city[i].equals("Zürich")) {
          r.city[i] = "zurich ";
        }
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("new-values");
    assertThat(f.column()).isEqualTo("city");
    assertThat(f.message()).isEqualTo("city: 1.5% of rows spell known values anew: \"zurich \" for \"Zürich\"");
  }

  @Test
  void knownCategoryGarbledByAnEncoding() {
    Finding f = only(r -> {
      for (int i = 0; i < r.city.length; i += 10) {
        if (r.city[i].equals("München")) {
          r.city[i] = "MÃ¼nchen";
        }
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("encoding");
    assertThat(f.message()).isEqualTo("city: 3.0% of rows hold known values garbled by a wrong encoding: "
        + "\"MÃ¼nchen\" for \"München\"");
  }

  @Test
  void manyRowsOfNeverSeenValues() {
    Finding f = only(r -> {
      for (int i = 0; i < r.city.length; i += 8) {
        r.city[i] = i % 16 == 0 ? "UNKNOWN" : "N/A";
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("new-values");
    assertThat(f.message()).isEqualTo("city: 12.5% of rows hold values no clean day of the last 35 listed "
        + "(\"UNKNOWN\", \"N/A\"); new values took at most 0.0% of a clean day's rows");
  }

  @Test
  void aFewRowsOfANewValueAreNatural() {
    List<Finding> found = judge(new SignatureDays(11).days(DAYS, r -> {
      r.city[0] = "Wien";
      r.city[1] = "Wien";
      return r;
    }));
    assertThat(found).isEmpty();
  }

  @Test
  void lostSegment() {
    Finding f = only(r -> {
      r.city = Arrays.stream(r.city).map(c -> c.equals("Köln") ? "Berlin" : c).toArray(String[]::new);
      return r;
    });
    assertThat(f.cause()).isEqualTo("volume");
    assertThat(f.message()).isEqualTo("city = \"Köln\" has no rows: a segment is missing (17.0% .. 23.1% of rows on "
        + "each of the last 28 clean days)");
  }

  @Test
  void nullSpike() {
    Finding f = only(r -> {
      for (int i = 0; i < r.nullable.length; i += 3) {
        r.nullable[i] = null;
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("null-spike");
    assertThat(f.column()).isEqualTo("age");
    assertThat(f.message()).isEqualTo("age.null_fraction: 35.8% nulls, 6.3× the highest of 35 calibration days "
        + "(1.0% .. 5.7%), where the share moves by a factor of 1.58 from day to day (one robust standard "
        + "deviation): 4.0 such factors past it, and 4.4 steps of twice the clean days' margin (6.9%) past all 35 "
        + "of them (up to 5.7%)");
  }

  @Test
  void duplicates() {
    Finding f = only(r -> {
      r.duplicateRows = 0.05;
      return r;
    });
    assertThat(f.cause()).isEqualTo("duplicates");
    assertThat(f.column()).isNull();
    assertThat(f.message()).isEqualTo("duplicate_row_fraction: 5.0% duplicate rows, past every one of 35 clean days "
        + "(0.0% .. 0.8%) by more than 1.3%");
  }

  @Test
  void dateFormatBreaks() {
    Finding f = only(r -> {
      r.formatMisses = 0.2;
      return r;
    });
    assertThat(f.cause()).isEqualTo("format-change");
    assertThat(f.message()).isEqualTo("applied_at.format_match_fraction: 20.0% values that do not parse in the "
        + "column's format, past every one of 35 clean days (0.0% .. 0.0%) by more than 1.0%");
  }

  @Test
  void dayAndMonthSwapped() {
    Finding f = only(r -> {
      r.swapped = 0.12;
      return r;
    });
    assertThat(f.cause()).isEqualTo("format-change");
    assertThat(f.message()).isEqualTo("applied_at.swapped_day_month_fraction: 12.0% dates that parse only with day "
        + "and month swapped, past every one of 35 clean days (0.0% .. 0.0%) by more than 1.0%");
  }

  @Test
  void staleCopyOfAnEarlierDay() {
    Finding f = only(r -> {
      Arrays.fill(r.appliedAt, r.day.toEpochDay() - 1);
      return r;
    });
    assertThat(f.cause()).isEqualTo("stale-copy");
    assertThat(f.column()).isEqualTo("applied_at");
    assertThat(f.message()).isEqualTo("applied_at: the latest date is 2026-04-05, 1 day(s) before the partition day; "
        + "on the 35 clean days it was 0 .. 0 day(s) from theirs (rows of an earlier day?)");
  }

  @Test
  void datesAheadOfThePartitionDay() {
    Finding f = only(r -> {
      for (int i = 0; i < r.appliedAt.length; i += 20) {
        r.appliedAt[i] += 365;
      }
      return r;
    });
    assertThat(f.cause()).isEqualTo("out-of-range");
    assertThat(f.message()).isEqualTo("applied_at: dates up to 2027-04-06, 365 day(s) after the partition day (5.1% "
        + "of rows after it); on the 35 clean days at most 0 day(s)");
  }

  @Test
  void datesThatBelongToThePartitionDayReadWithDayAndMonthSwapped() {
    Finding f = only(r -> {
      Arrays.fill(r.appliedAt, LocalDate.of(r.day.getYear(), r.day.getDayOfMonth(), r.day.getMonthValue())
          .toEpochDay());
      return r;
    });
    assertThat(f.cause()).isEqualTo("format-change");
    assertThat(f.column()).isEqualTo("applied_at");
    assertThat(f.message()).isEqualTo("applied_at: the latest date is 2026-06-04, 59 day(s) from the partition day, "
        + "where the clean days had 0 .. 0; with day and month swapped it is 2026-04-06, where it belongs: day and "
        + "month swapped");
  }

  @Test
  void partitionRepeatingAnEarlierDayIsAStaleCopy() {
    List<MetricRecord> all = new ArrayList<>(new SignatureDays(11).days(DAYS - 1, r -> r));
    LocalDate last = SignatureDays.START.plusDays(DAYS - 2);
    LocalDate next = last.plusDays(1);
    all.stream().filter(m -> m.partitionDate().equals(last)).toList().forEach(m -> all.add(new MetricRecord(
        m.dataset(), next, m.runId(), m.computedAt(), m.entity(), m.instance(), m.metric(),
        m.metric().equals("max_date") || m.metric().equals("min_date") ? m.value() + 1 : m.value(), m.detail())));
    List<Finding> found = judge(all);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).cause()).isEqualTo("stale-copy");
    assertThat(found.get(0).message()).isEqualTo("the partition repeats 2026-04-05: the same 382 rows, and the same "
        + "means, quantiles and categories in all 11 sketches");
  }

  @Test
  void relationBrokenWhileBothColumnsHold() {
    Finding f = only(r -> {
      double[] shifted = new double[r.loan.length];
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] = r.loan[(i + 7) % shifted.length];
      }
      r.loan = shifted;
      return r;
    });
    assertThat(f.cause()).isEqualTo("relation-broken");
    // the loans lost every relation they had; the incomes kept theirs with the prices
    assertThat(f.column()).isEqualTo("loan_amount");
    assertThat(f.message()).isEqualTo("relation between loan_amount and income broken: correlation -0.03, on the "
        + "clean days 0.80 .. 0.87, while each column holds");
  }
}
