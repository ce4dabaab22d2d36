package io.dqgate.report;

import io.dqgate.audit.AuditSummary;
import io.dqgate.detect.JudgedHistory.BandPoint;
import io.dqgate.detect.JudgedHistory.PcaPoint;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page model of one day's report: what each section shows, as plain data. {@link DayReportBuilder}
 * fills it from the metrics repository; {@link HtmlReport} draws it. Anchors are the HTML ids that
 * findings link to. {@code audit} is the day's audit sample, when one was drawn.
 */
public record DayReport(
    Header header,
    List<FindingRow> findings,
    List<MetricChart> metricCharts,
    Optional<PcaSection> pca,
    List<CategoricalComparison> categoricals,
    List<NumericComparison> numerics,
    FileSection files,
    Optional<AuditSummary> audit) {

  public static final String PCA_ANCHOR = "pca";
  public static final String FILES_ANCHOR = "files";
  public static final String AUDIT_ANCHOR = "audit";

  public DayReport {
    findings = List.copyOf(findings);
    metricCharts = List.copyOf(metricCharts);
    categoricals = List.copyOf(categoricals);
    numerics = List.copyOf(numerics);
  }

  /** A report of a day without an audit sample. */
  public DayReport(Header header, List<FindingRow> findings, List<MetricChart> metricCharts,
      Optional<PcaSection> pca, List<CategoricalComparison> categoricals, List<NumericComparison> numerics,
      FileSection files) {
    this(header, findings, metricCharts, pca, categoricals, numerics, files, Optional.empty());
  }

  /**
   * The verdict at the top of the page.
   *
   * @param verdictSource where the verdict came from: stored by detect, or handed over by the caller
   * @param cleanDaysBefore clean days in the look-back the day was judged on
   * @param rowCount the day's profiled rows, NaN when the day has no profile
   */
  public record Header(String dataset, LocalDate date, Status status, long blockFindings, long warnFindings,
      String verdictSource, int cleanDaysBefore, double rowCount) {}

  /**
   * One ranked finding. {@code chartAnchor} is the id of the section that shows it (a metric chart, the
   * PCA view, a distribution, the file checks), null when nothing is drawn for it (a cold start).
   */
  public record FindingRow(int rank, Severity severity, String detector, String column, String metric,
      String file, double observed, double expectedLow, double expectedHigh, double score, String message,
      String chartAnchor) {}

  /**
   * A metric's history around the day. {@code points} are the shown days as detection compared them, each
   * with the band drawn from the days before it; {@code expectedLow}/{@code expectedHigh} and
   * {@code observed} are the day's as its finding reported them (NaN band: the finding had none).
   */
  public record MetricChart(String anchor, String title, String metricName, List<BandPoint> points, LocalDate day,
      double observed, double expectedLow, double expectedHigh, Severity severity) {
    public MetricChart {
      points = List.copyOf(points);
    }

    /** Whether the day's value lies outside the band its finding gave (false when there was no band). */
    public boolean dayOutsideBand() {
      boolean below = !Double.isNaN(expectedLow) && observed < expectedLow;
      boolean above = !Double.isNaN(expectedHigh) && observed > expectedHigh;
      return below || above;
    }
  }

  /**
   * The whole metric vector: T² and SPE of each shown day against their control limits, and the judged
   * day's contributions per column (shares summing to about 1).
   */
  public record PcaSection(List<PcaPoint> points, LocalDate day, Map<String, Double> contributionsByColumn,
      boolean flagged) {
    public PcaSection {
      points = List.copyOf(points);
    }
  }

  /** A categorical column's proportions today beside the baseline drift compared them with. */
  public record CategoricalComparison(String anchor, String column, List<Share> shares, int baselineDays,
      boolean drifted) {
    public CategoricalComparison {
      shares = List.copyOf(shares);
    }
  }

  /** One value of a categorical column: its share of non-null rows today and in the baseline. */
  public record Share(String value, double today, double baseline) {}

  /** A numeric column whose distribution drifted: quantile curves of today and the baseline. */
  public record NumericComparison(String anchor, String column, double[] probabilities, double[] today,
      double[] baseline, int baselineDays) {}

  /**
   * The incoming files: each file with its size, rows and the checks it failed; partition-wide problem
   * counters that were not zero; and the findings of the file checks.
   */
  public record FileSection(List<FileRow> files, Map<String, Double> problemCounters, List<FindingRow> findings) {
    public FileSection {
      files = List.copyOf(files);
      findings = List.copyOf(findings);
    }

    public boolean checked() {
      return !files.isEmpty() || !problemCounters.isEmpty() || !findings.isEmpty();
    }
  }

  /** One incoming file: {@code rows} is -1 when not counted; {@code problems} are the checks it failed. */
  public record FileRow(String file, long bytes, long rows, String sha256, List<String> problems) {}
}
