package io.dqgate.report;

import static io.dqgate.report.Html.band;
import static io.dqgate.report.Html.escape;
import static io.dqgate.report.Html.number;

import io.dqgate.detect.JudgedHistory.PcaPoint;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link DayReport} as one self-contained HTML page: the verdict banner, the ranked findings
 * (each linking to its chart), a history chart per finding's metric, the PCA view, categorical columns
 * against their baseline and the file checks. Sections carry fixed ids ({@code findings}, {@code metrics},
 * {@code pca}, {@code categoricals}, {@code distributions}, {@code files}).
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(DayReport report) {
    DayReport.Header h = report.header();
    StringBuilder body = new StringBuilder();
    body.append(banner(h));
    body.append("<main>\n<nav><a href=\"#findings\">Findings</a>"
        + (report.audit().isEmpty() ? "" : "<a href=\"#" + DayReport.AUDIT_ANCHOR + "\">Audit sample</a>")
        + "<a href=\"#metrics\">Metric history</a>"
        + "<a href=\"#pca\">Multivariate</a><a href=\"#categoricals\">Categorical columns</a>"
        + (report.numerics().isEmpty() ? "" : "<a href=\"#distributions\">Distributions</a>")
        + "<a href=\"#files\">Files</a></nav>\n");
    body.append(findings(report));
    report.audit().ifPresent(a -> body.append(AuditSection.render(a)));
    body.append(metrics(report));
    body.append(pca(report));
    body.append(categoricals(report));
    if (!report.numerics().isEmpty()) {
      body.append(distributions(report));
    }
    body.append(files(report.files()));
    body.append("<footer>dqgate report · ").append(escape(h.dataset())).append(' ').append(h.date())
        .append(" · one self-contained file: charts drawn with JFreeChart as inline SVG</footer>\n</main>\n");
    return Html.page("dqgate " + h.status() + " · " + h.dataset() + " " + h.date(), body.toString());
  }

  private static String banner(DayReport.Header h) {
    long total = h.blockFindings() + h.warnFindings();
    return "<header id=\"verdict\" class=\"verdict " + h.status().name() + "\">\n"
        + "<span class=\"status\">" + h.status().name() + "</span>"
        + "<span class=\"what\">" + escape(h.dataset()) + " · " + h.date() + " ("
        + h.date().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")</span>\n"
        + "<div class=\"facts\">" + total + " finding(s): " + h.blockFindings() + " block, " + h.warnFindings()
        + " warn · judged on " + h.cleanDaysBefore() + " clean day(s) before it · "
        + (Double.isNaN(h.rowCount()) ? "not profiled" : number(h.rowCount()) + " rows") + " · verdict "
        + escape(h.verdictSource()) + "</div>\n</header>\n";
  }

  private static String findings(DayReport report) {
    StringBuilder out = new StringBuilder("<section id=\"findings\">\n<h2>Findings, ranked</h2>\n");
    if (report.findings().isEmpty()) {
      return out.append("<p class=\"note\">No findings: every check held.</p>\n</section>\n").toString();
    }
    out.append("<table>\n<tr><th>#</th><th>severity</th><th>detector</th><th>column</th><th>metric</th>"
        + "<th>observed</th><th>expected</th><th>score</th><th>why</th><th>chart</th></tr>\n");
    for (DayReport.FindingRow f : report.findings()) {
      out.append("<tr id=\"finding-").append(f.rank()).append("\"><td class=\"num\">").append(f.rank())
          .append("</td><td>").append(Html.badge(f.severity()))
          .append("</td><td>").append(escape(f.detector()))
          .append("</td><td class=\"name\">").append(escape(f.column() == null
              ? (f.file() == null ? "(dataset)" : f.file()) : f.column()))
          .append("</td><td class=\"name\">").append(escape(f.metric()))
          .append("</td><td class=\"num\">").append(number(f.observed()))
          .append("</td><td class=\"num\">").append(band(f.expectedLow(), f.expectedHigh()))
          .append("</td><td class=\"num\">").append(number(f.score()))
          .append("</td><td class=\"msg\">").append(escape(f.message()))
          .append("</td><td>").append(f.chartAnchor() == null ? ""
              : "<a href=\"#" + escape(f.chartAnchor()) + "\">chart</a>")
          .append("</td></tr>\n");
    }
    return out.append("</table>\n</section>\n").toString();
  }

  private static String metrics(DayReport report) {
    StringBuilder out = new StringBuilder("<section id=\"metrics\">\n<h2>Metric history of the findings</h2>\n"
        + "<p class=\"note\">Each metric as detection compared it, over the days before; the shaded band is what "
        + "the series detector expected each day from the clean days before that day; grey points are days left "
        + "out of baselines (blocked or rejected); the large point is the judged day.</p>\n");
    if (report.metricCharts().isEmpty()) {
      out.append("<p class=\"note\">No finding is about a single metric's history.</p>\n");
    }
    for (DayReport.MetricChart c : report.metricCharts()) {
      out.append("<figure id=\"").append(escape(c.anchor())).append("\">\n").append(Charts.metric(c))
          .append("\n<figcaption>").append(escape(c.metricName())).append(" = ").append(number(c.observed()))
          .append(" on ").append(c.day()).append(", expected ").append(band(c.expectedLow(), c.expectedHigh()))
          .append(c.dayOutsideBand() ? ": <span class=\"outside\">outside the band</span>" : "")
          .append(" · ").append(c.points().size()).append(" day(s) shown").append(axisNote(c))
          .append("</figcaption>\n</figure>\n");
    }
    return out.append("</section>\n").toString();
  }

  /** Says when the value axis is not the plain one: the day lies far outside its history. */
  private static String axisNote(DayReport.MetricChart c) {
    return switch (HistoryAxis.of(c).kind()) {
      case LOG -> " · log scale: the day lies orders of magnitude from its history";
      case CLIPPED_ABOVE, CLIPPED_BELOW -> " · axis fitted to the history: the day, far outside it, is drawn at the "
          + "edge with its value";
      case LINEAR -> "";
    };
  }

  private static String pca(DayReport report) {
    StringBuilder out = new StringBuilder("<section id=\"" + DayReport.PCA_ANCHOR + "\">\n"
        + "<h2>Multivariate view (PCA)</h2>\n");
    if (report.pca().isEmpty()) {
      return out.append("<p class=\"note\">Too few clean days for a PCA model of the metric vector "
          + "(cold start).</p>\n</section>\n").toString();
    }
    DayReport.PcaSection pca = report.pca().get();
    PcaPoint day = pca.points().stream().filter(p -> p.date().equals(pca.day())).findFirst().orElse(null);
    out.append("<p class=\"note\">Every day's whole metric vector scored against a PCA model of the clean "
        + "days before it: Hotelling T² (unusual within the normal correlations) and SPE (breaking them), with "
        + "their control limits dashed. ");
    if (day != null) {
      out.append("On ").append(pca.day()).append(": T² ").append(number(day.t2())).append(" (limit ")
          .append(number(day.t2Limit())).append("), SPE ").append(number(day.spe())).append(" (limit ")
          .append(number(day.speLimit())).append(")").append(pca.flagged() ? " — flagged." : ".");
    }
    out.append("</p>\n<figure>\n").append(Charts.pca(pca, report.header().status())).append("\n</figure>\n");
    if (!pca.contributionsByColumn().isEmpty()) {
      out.append("<figure id=\"pca-contributions\">\n").append(Charts.contributions(pca.contributionsByColumn()))
          .append("\n<figcaption>Which columns moved the vector on the day: T² and SPE contributions summed "
              + "per column.</figcaption>\n</figure>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static String categoricals(DayReport report) {
    StringBuilder out = new StringBuilder("<section id=\"categoricals\">\n<h2>Categorical columns</h2>\n"
        + "<p class=\"note\">The day's proportions beside the baseline drift compared them with (the same weekday "
        + "once two clean ones are stored, else the trailing clean days). Columns with a drift finding are "
        + "coloured by the verdict.</p>\n");
    if (report.categoricals().isEmpty()) {
      out.append("<p class=\"note\">No categorical column was profiled.</p>\n");
    }
    out.append("<div class=\"grid2\">\n");
    for (DayReport.CategoricalComparison c : report.categoricals()) {
      out.append("<figure id=\"").append(escape(c.anchor())).append("\">\n")
          .append(Charts.categorical(c, report.header().status()))
          .append("\n<figcaption>").append(escape(c.column())).append(c.drifted() ? ": drifted" : "")
          .append("</figcaption>\n</figure>\n");
    }
    return out.append("</div>\n</section>\n").toString();
  }

  private static String distributions(DayReport report) {
    StringBuilder out = new StringBuilder("<section id=\"distributions\">\n<h2>Numeric distributions that "
        + "drifted</h2>\n");
    for (DayReport.NumericComparison n : report.numerics()) {
      out.append("<figure id=\"").append(escape(n.anchor())).append("\">\n")
          .append(Charts.numeric(n, report.header().status())).append("\n</figure>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static String files(DayReport.FileSection files) {
    StringBuilder out = new StringBuilder("<section id=\"" + DayReport.FILES_ANCHOR + "\">\n"
        + "<h2>Incoming files</h2>\n");
    if (!files.checked()) {
      return out.append("<p class=\"note\">No file checks stored for the day (check-files was not run).</p>\n"
          + "</section>\n").toString();
    }
    if (!files.findings().isEmpty()) {
      out.append("<h3>What failed</h3>\n<table>\n<tr><th>severity</th><th>check</th><th>where</th><th>why</th></tr>\n");
      for (DayReport.FindingRow f : files.findings()) {
        String where = f.file() != null ? f.file() + (f.column() == null ? "" : ", column " + f.column())
            : f.column() != null ? "column " + f.column() : "the partition";
        out.append("<tr><td>").append(Html.badge(f.severity())).append("</td><td>").append(escape(f.metric()))
            .append("</td><td>").append(escape(where)).append("</td><td class=\"msg\">").append(escape(f.message()))
            .append("</td></tr>\n");
      }
      out.append("</table>\n");
    } else {
      out.append("<p class=\"note\">No file check failed.</p>\n");
    }
    if (!files.problemCounters().isEmpty()) {
      out.append("<h3>Problem counters</h3>\n<table>\n<tr><th>counter</th><th>value</th></tr>\n");
      for (Map.Entry<String, Double> e : files.problemCounters().entrySet()) {
        out.append("<tr><td>").append(escape(e.getKey())).append("</td><td class=\"num\">")
            .append(number(e.getValue())).append("</td></tr>\n");
      }
      out.append("</table>\n");
    }
    if (!files.files().isEmpty()) {
      out.append("<h3>Files</h3>\n<table>\n<tr><th>file</th><th>bytes</th><th>rows</th><th>sha256</th>"
          + "<th>problems</th></tr>\n");
      for (DayReport.FileRow f : files.files()) {
        out.append("<tr><td>").append(escape(f.file())).append("</td><td class=\"num\">").append(f.bytes())
            .append("</td><td class=\"num\">").append(f.rows() < 0 ? "–" : String.valueOf(f.rows()))
            .append("</td><td><code>").append(escape(f.sha256().length() > 16 ? f.sha256().substring(0, 16) + "…"
                : f.sha256()))
            .append("</code></td><td>").append(f.problems().isEmpty() ? "ok"
                : "<strong>" + escape(String.join(", ", f.problems())) + "</strong>")
            .append("</td></tr>\n");
      }
      out.append("</table>\n");
    }
    return out.append("</section>\n").toString();
  }
}
