package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import org.junit.jupiter.api.Test;

class DateFormatsTest {
  private static final String KEY = "datasets.applications.columns.birth_date.format";

  @Test
  void swapDayMonthExchangesDayAndMonth() {
    assertThat(DateFormats.swapDayMonth("dd-MM-yyyy")).isEqualTo("MM-dd-yyyy");
    assertThat(DateFormats.swapDayMonth("MM/dd/yyyy")).isEqualTo("dd/MM/yyyy");
    assertThat(DateFormats.swapDayMonth("yyyy-MM-dd'T'HH:mm:ss")).isEqualTo("yyyy-dd-MM'T'HH:mm:ss");
  }

  @Test
  void swapDayMonthLeavesQuotedLiteralsAlone() {
    assertThat(DateFormats.swapDayMonth("'Month' MM 'day' dd yyyy")).isEqualTo("'Month' dd 'day' MM yyyy");
    assertThat(DateFormats.swapDayMonth("dd.MM.yyyy 'd''M'")).isEqualTo("MM.dd.yyyy 'd''M'");
  }

  @Test
  void swapDayMonthIsNullWithoutANumericDayAndMonth() {
    assertThat(DateFormats.swapDayMonth("dd MMM yyyy")).isNull();
    assertThat(DateFormats.swapDayMonth("MMMM dd, yyyy")).isNull();
    assertThat(DateFormats.swapDayMonth("yyyyMM")).isNull();
    // a day and month that appear only inside quotes do not count
    assertThat(DateFormats.swapDayMonth("yyyy 'dd MM'")).isNull();
  }

  @Test
  void swappingTwiceGivesTheCandidateBack() {
    for (String candidate : DateFormats.CANDIDATES) {
      String swapped = DateFormats.swapDayMonth(candidate);
      if (swapped != null) {
        assertThat(DateFormats.swapDayMonth(swapped)).as(candidate).isEqualTo(candidate);
      }
    }
    assertThat(DateFormats.CANDIDATES).contains("dd-MM-yyyy", "MM-dd-yyyy", "yyyy-MM-dd");
  }

  @Test
  void hasTimeOfDay() {
    assertThat(DateFormats.hasTimeOfDay("yyyy-MM-dd'T'HH:mm:ss")).isTrue();
    assertThat(DateFormats.hasTimeOfDay("dd/MM/yyyy hh:mm a")).isTrue();
    assertThat(DateFormats.hasTimeOfDay("dd-MM-yyyy")).isFalse();
    assertThat(DateFormats.hasTimeOfDay("yyyyMMdd")).isFalse();
    // letters inside quotes are literals, not hours, minutes or seconds
    assertThat(DateFormats.hasTimeOfDay("'Timestamp:' yyyy-MM-dd")).isFalse();
  }

  @Test
  void everyCandidateIsAValidPattern() {
    for (String candidate : DateFormats.CANDIDATES) {
      assertThatCode(() -> DateFormats.validatePattern(KEY, candidate)).as(candidate).doesNotThrowAnyException();
    }
  }

  @Test
  void invalidPatternNamesTheKeyAndThePattern() {
    assertThatThrownBy(() -> DateFormats.validatePattern(KEY, "dd-MM-yyyy {"))
        .isInstanceOf(DqgateException.class)
        .hasMessage(KEY + ": not a date/time pattern: \"dd-MM-yyyy {\" (Pattern includes reserved character: '{')");
    assertThatThrownBy(() -> DateFormats.validatePattern(KEY, "HH:mm"))
        .isInstanceOf(DqgateException.class)
        .hasMessage(KEY + ": a date pattern needs a year (yyyy), was \"HH:mm\"");
  }
}
