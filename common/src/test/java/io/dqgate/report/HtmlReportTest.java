package io.dqgate.report;

import static io.dqgate.report.ReportFixtures.BAD_DAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML pages: sections, one inline chart per model entry, working links, escaping, nothing external. */
class HtmlReportTest {
  @TempDir
  static Path dir;
  static ReportFixtures fixtures;

  @BeforeAll
  static void writeAndJudge() {
    fixtures = new ReportFixtures(dir);
    fixtures.writeAndJudgeAll();
  }

  @Test
  void dayPageHasEverySectionAndAChartPerModelEntry() {
    DayReport report = new DayReportBuilder(fixtures.repository).build(fixtures.dataset, BAD_DAY);
    String html = HtmlReport.render(report);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<header id=\"verdict\" class=\"verdict BLOCK\">");
    assertThat(count(section(html, "findings"), "<tr id=\"finding-")).isEqualTo(report.findings().size());
    assertThat(count(section(html, "metrics"), "<svg")).isEqualTo(report.metricCharts().size()).isPositive();
    assertThat(count(section(html, "pca"), "<svg")).isEqualTo(2);
    assertThat(count(section(html, "categoricals"), "<svg")).isEqualTo(report.categoricals().size());
    assertThat(section(html, "files")).contains("part-0.csv").contains("malformed-rows");
    assertThat(section(html, "metrics")).contains("income.null_fraction = 0.4 on " + BAD_DAY)
        .contains("outside the band");
    Set<String> ids = ids(html);
    Matcher link = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
    while (link.find()) {
      assertThat(ids).as("link #" + link.group(1)).contains(link.group(1));
    }
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//").doesNotContain("<script");
  }

  @Test
  void namesFromTheDataAreEscaped() {
    String column = "<b onmouseover=\"x\">&'";
    DayReport report = new DayReport(
        new DayReport.Header("orders", BAD_DAY, Status.WARN, 0, 1, "given by the caller", 9, 10),
        List.of(new DayReport.FindingRow(1, Severity.WARN, "drift", column, "value_proportions", null, 0.3,
            Double.NaN, 0.1, 0.3, "distribution of " + column + " moved", Anchors.categorical(column))),
        List.of(), Optional.empty(),
        List.of(new DayReport.CategoricalComparison(Anchors.categorical(column), column,
            List.of(new DayReport.Share("</svg><script>", 0.5, 0.2), new DayReport.Share("b", 0.5, 0.8)), 4, true)),
        List.of(), new DayReport.FileSection(List.of(), Map.of(), List.of()));
    String html = HtmlReport.render(report);
    assertThat(html).doesNotContain(column).doesNotContain("<script>").doesNotContain("<b onmouseover")
        .contains("&lt;b onmouseover=&quot;x&quot;&gt;&amp;&#39;");
    assertThat(ids(html)).contains(Anchors.categorical(column));
    assertThat(Anchors.categorical(column)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void anchorsAndNumbers() {
    assertThat(Anchors.slug("income.null_fraction")).isEqualTo("income_2e_null__fraction");
    assertThat(Set.of(Anchors.slug("a.b"), Anchors.slug("a_b"), Anchors.slug("a_2e_b"), Anchors.slug("a b")))
        .hasSize(4);
    assertThat(Html.number(0.008)).isEqualTo("0.008");
    assertThat(Html.number(-6)).isEqualTo("-6");
    assertThat(Html.number(0.40084)).isEqualTo("0.4008");
    assertThat(Html.number(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(Html.number(Double.NaN)).isEqualTo("–");
    assertThat(Html.band(0.01537, 0.04391)).isEqualTo("0.01537 .. 0.04391");
  }

  @Test
  void overviewPageHasACalendarCellPerDayStartingOnMonday() {
    LocalDate from = BAD_DAY.minusDays(9);
    Overview overview = new OverviewBuilder(fixtures.repository).build("orders", from, BAD_DAY);
    String html = OverviewPage.render(overview);
    String calendar = section(html, "calendar");
    assertThat(count(calendar, "data-date=")).isEqualTo(10);
    assertThat(count(calendar, "cell EMPTY")).isEqualTo(from.getDayOfWeek().getValue() - 1);
    assertThat(calendar).contains("class=\"cell BLOCK\" data-date=\"" + BAD_DAY + "\"");
    assertThat(count(section(html, "volume"), "<svg")).isEqualTo(1);
    assertThat(section(html, "days")).contains(BAD_DAY.toString()).contains("sev BLOCK");
  }

  static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\"");
    assertThat(start).as("section #" + id).isGreaterThanOrEqualTo(0);
    return html.substring(start, html.indexOf("</section>", start));
  }

  static Set<String> ids(String html) {
    Set<String> ids = new HashSet<>();
    Matcher m = Pattern.compile(" id=[\"']([^\"']+)[\"']").matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
