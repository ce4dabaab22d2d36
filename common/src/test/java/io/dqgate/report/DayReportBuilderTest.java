package io.dqgate.report;

import static io.dqgate.report.ReportFixtures.BAD_DAY;
import static io.dqgate.report.ReportFixtures.CLEAN_DAYS;
import static io.dqgate.report.ReportFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dqgate.DqgateException;
import io.dqgate.detect.JudgedHistory.BandPoint;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes into each section of a day's page model, from a repository of synthetic judged days. */
class DayReportBuilderTest {
  static final MetricKey INCOME_NULLS = MetricKey.column("income", MetricNames.NULL_FRACTION);

  // Written and judged once for the class: 29 days judged one by one are the slow part.
  @TempDir
  static Path dir;
  static ReportFixtures fixtures;
  static Verdict stored;

  @BeforeAll
  static void writeAndJudge() {
    fixtures = new ReportFixtures(dir);
    stored = fixtures.writeAndJudgeAll();
  }

  private DayReport badDay() {
    return new DayReportBuilder(fixtures.repository).build(fixtures.dataset, BAD_DAY);
  }

  @Test
  void headerCarriesTheStoredVerdict() {
    DayReport.Header header = badDay().header();
    assertThat(stored.status()).as(stored.toJson()).isEqualTo(Status.BLOCK);
    assertThat(header.status()).isEqualTo(Status.BLOCK);
    assertThat(header.dataset()).isEqualTo("orders");
    assertThat(header.date()).isEqualTo(BAD_DAY);
    assertThat(header.verdictSource()).isEqualTo("stored by detect");
    assertThat(fixtures.passedCleanDays).as("the alarm budget holds on the clean days").isGreaterThan(CLEAN_DAYS - 3);
    assertThat(header.cleanDaysBefore()).isEqualTo(fixtures.passedCleanDays);
    assertThat(header.blockFindings()).isEqualTo(stored.findings().stream()
        .filter(f -> f.severity() == Severity.BLOCK).count()).isPositive();
    assertThat(header.rowCount()).isBetween(980.0, 1020.0);
  }

  @Test
  void findingsAreRankedAsStoredAndEachLinksToAChartOnThePage() {
    DayReport report = badDay();
    assertThat(report.findings()).extracting(DayReport.FindingRow::message)
        .containsExactlyElementsOf(stored.findings().stream().map(Finding::message).toList());
    assertThat(report.findings()).extracting(DayReport.FindingRow::rank)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, stored.findings().size()).boxed().toList());
    Set<String> ids = new HashSet<>();
    report.metricCharts().forEach(c -> ids.add(c.anchor()));
    report.categoricals().forEach(c -> ids.add(c.anchor()));
    report.numerics().forEach(n -> ids.add(n.anchor()));
    report.pca().ifPresent(p -> ids.add(DayReport.PCA_ANCHOR));
    ids.add(DayReport.FILES_ANCHOR);
    for (DayReport.FindingRow row : report.findings()) {
      if (!row.detector().equals("cold-start")) {
        assertThat(row.chartAnchor()).as(row.message()).isNotNull().isIn(ids);
      }
    }
  }

  @Test
  void incomeNullsChartShowsTheHistoryWithBandsAndTheDayOutsideIt() {
    DayReport report = badDay();
    String anchor = Anchors.metric(INCOME_NULLS);
    DayReport.MetricChart chart = report.metricCharts().stream().filter(c -> c.anchor().equals(anchor))
        .findFirst().orElseThrow(() -> new AssertionError("no chart " + anchor + " in " + report.metricCharts()));
    // The null-spike signature leads the column (naming the series and the broken rule) and points at it.
    assertThat(report.findings().stream().filter(r -> anchor.equals(r.chartAnchor())).map(r -> r.detector()))
        .contains("signature");
    assertThat(chart.metricName()).isEqualTo("income.null_fraction");
    assertThat(chart.points()).hasSize(CLEAN_DAYS + 1);
    assertThat(chart.points().get(0).date()).isEqualTo(START);
    BandPoint day = chart.points().get(chart.points().size() - 1);
    assertThat(day.date()).isEqualTo(BAD_DAY);
    assertThat(day.value()).isEqualTo(0.40);
    assertThat(day.excluded()).as("a blocked day leaves later baselines").isTrue();
    assertThat(chart.observed()).isEqualTo(0.40);
    assertThat(chart.dayOutsideBand()).isTrue();
    // Re-traced, the day's band is the one its finding reported.
    assertThat(day.expectedLow()).isCloseTo(chart.expectedLow(), within(1e-12));
    assertThat(day.expectedHigh()).isCloseTo(chart.expectedHigh(), within(1e-12));
    assertThat(chart.points().get(0).expectedLow()).as("the first day had no history").isNaN();
    List<BandPoint> banded = chart.points().subList(10, CLEAN_DAYS);
    assertThat(banded).allSatisfy(p -> {
      assertThat(p.excluded()).isFalse();
      assertThat(p.value()).as(p.toString()).isBetween(p.expectedLow(), p.expectedHigh());
    });
  }

  @Test
  void pcaSectionScoresEveryDayWithABaselineAndRollsTheDayUpToColumns() {
    DayReport.PcaSection pca = badDay().pca().orElseThrow();
    // 14 clean days are the least a PCA model is fitted on.
    assertThat(pca.points()).hasSize(CLEAN_DAYS + 1 - 14);
    assertThat(pca.points().get(pca.points().size() - 1).date()).isEqualTo(BAD_DAY);
    assertThat(pca.points()).allSatisfy(p -> assertThat(p.t2Limit()).isPositive());
    var day = pca.points().get(pca.points().size() - 1);
    assertThat(day.t2() > day.t2Limit() || day.spe() > day.speLimit()).as(day.toString()).isTrue();
    assertThat(pca.contributionsByColumn()).containsKey("income");
    assertThat(pca.contributionsByColumn().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-6));
  }

  @Test
  void categoricalSectionPutsTheDaysSharesBesideTheBaselines() {
    List<DayReport.CategoricalComparison> categoricals = badDay().categoricals();
    assertThat(categoricals).extracting(DayReport.CategoricalComparison::column).containsExactly("gender");
    DayReport.CategoricalComparison gender = categoricals.get(0);
    assertThat(gender.baselineDays()).isPositive();
    DayReport.Share odd = gender.shares().stream().filter(s -> s.value().equals("M")).findFirst().orElseThrow();
    assertThat(odd.today()).isCloseTo(0.15, within(0.01));
    assertThat(odd.baseline()).isZero();
    assertThat(gender.shares().stream().mapToDouble(DayReport.Share::today).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(gender.shares().stream().mapToDouble(DayReport.Share::baseline).sum()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void fileSectionSaysWhatFailedAndWhereWithTheCallersVerdict() {
    List<Finding> findings = new ArrayList<>(stored.findings());
    findings.add(new Finding("files", "malformed-rows", null, ReportFixtures.FILE, 3, Double.NaN, Double.NaN,
        Double.NaN, Severity.BLOCK, "part-0.csv: 3 malformed row(s), first at line(s) [17]"));
    Verdict combined = Verdict.of("orders", BAD_DAY, findings);
    DayReport report = new DayReportBuilder(fixtures.repository).build(fixtures.dataset, BAD_DAY, combined);
    assertThat(report.header().verdictSource()).isEqualTo("given by the caller");
    DayReport.FileSection files = report.files();
    assertThat(files.files()).singleElement().satisfies(f -> {
      assertThat(f.file()).isEqualTo("part-0.csv");
      assertThat(f.problems()).containsExactly("malformed-rows");
      assertThat(f.rows()).isPositive();
    });
    assertThat(files.problemCounters()).containsEntry(MetricNames.MALFORMED_ROW_COUNT, 3.0);
    assertThat(files.findings()).singleElement().satisfies(r -> {
      assertThat(r.file()).isEqualTo("part-0.csv");
      assertThat(r.chartAnchor()).isEqualTo(DayReport.FILES_ANCHOR);
    });
  }

  @Test
  void cleanDayHasNoFindingsAndNoMetricCharts() {
    DayReport report = new DayReportBuilder(fixtures.repository).build(fixtures.dataset, BAD_DAY.minusDays(1));
    assertThat(report.header().status()).isEqualTo(Status.PASS);
    assertThat(report.findings()).isEmpty();
    assertThat(report.metricCharts()).isEmpty();
    assertThat(report.files().files()).singleElement().satisfies(f -> assertThat(f.problems()).isEmpty());
    assertThat(report.files().problemCounters()).isEmpty();
  }

  @Test
  void missingDayAndUnjudgedDayAreErrorsNamingWhatToRun() {
    // the day after the bad one: no other test of this class looks at it
    DayReportBuilder builder = new DayReportBuilder(fixtures.repository);
    assertThatThrownBy(() -> builder.build(fixtures.dataset, BAD_DAY.plusDays(1)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("no metrics of orders on " + BAD_DAY.plusDays(1) + " in " + fixtures.repository.location()
            + ": run profile and detect first");
    fixtures.writeDay(BAD_DAY.plusDays(1), false);
    assertThatThrownBy(() -> builder.build(fixtures.dataset, BAD_DAY.plusDays(1)))
        .isInstanceOf(DqgateException.class)
        .hasMessage("no verdict of orders on " + BAD_DAY.plusDays(1) + " in " + fixtures.repository.location()
            + " (metric verdict_status): run detect first");
    assertThatThrownBy(() -> new DayReportBuilder(fixtures.repository, 0))
        .hasMessage("report: days shown before the judged day must be at least 1, was 0");
  }
}
