package io.dqgate.report;

import static io.dqgate.report.Html.escape;

import io.dqgate.audit.AuditSampler;
import io.dqgate.audit.AuditSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The day's audit sample beside the findings: where it was written, how many rows each finding's stratum
 * has in the day and in the sample, and the sample's first rows with why each was drawn (reason first).
 */
final class AuditSection {
  private AuditSection() {}

  static String render(AuditSummary a) {
    StringBuilder out = new StringBuilder("<section id=\"" + DayReport.AUDIT_ANCHOR + "\">\n<h2>Audit sample</h2>\n");
    out.append("<p class=\"note\">").append(a.sampleRows()).append(" of ").append(a.rows())
        .append(" rows of the day (fraction ").append(Html.number(a.fraction())).append(", seed ").append(a.seed())
        .append(", ").append(escape(a.format())).append(") in <code>").append(escape(a.path()))
        .append("</code>: rows behind the findings drawn more often than ordinary rows, a row carrying several "
            + "findings counting for each; the same day and seed draw the same rows.</p>\n");
    out.append("<table class=\"strata\">\n<tr><th>why drawn</th><th>finding</th><th>rows in the day</th>"
        + "<th>in the sample</th><th>share: sample / day</th></tr>\n");
    for (AuditSummary.StratumCount s : a.strata()) {
      out.append("<tr><td>").append(escape(s.reason())).append("</td><td class=\"name\">").append(escape(s.finding()))
          .append("</td><td class=\"num\">").append(s.dayRows()).append(percent(s.dayRows(), a.rows()))
          .append("</td><td class=\"num\">").append(s.inSample()).append(percent(s.inSample(), a.sampleRows()))
          .append("</td><td class=\"num\">").append(times(s.overRepresentation(a.rows(), a.sampleRows())))
          .append("</td></tr>\n");
    }
    out.append("<tr><td>").append(escape(AuditSampler.ORDINARY)).append("</td><td>no finding</td><td class=\"num\">")
        .append(a.ordinaryRows()).append(percent(a.ordinaryRows(), a.rows())).append("</td><td class=\"num\">")
        .append(a.ordinaryDrawn())
        .append(percent(a.ordinaryDrawn(), a.sampleRows())).append("</td><td></td></tr>\n</table>\n");
    if (!a.withoutRows().isEmpty()) {
      out.append("<p class=\"note\">Findings about the day as a whole, with no rows of their own: ")
          .append(escape(String.join("; ", a.withoutRows()))).append(".</p>\n");
    }
    out.append("<h3>First ").append(a.firstRows().size())
        .append(" rows</h3>\n<div class=\"wide\"><table class=\"rows\">\n<tr>");
    List<Integer> order = displayOrder(a.columns());
    order.forEach(i -> out.append("<th>").append(escape(a.columns().get(i))).append("</th>"));
    out.append("</tr>\n");
    for (List<String> row : a.firstRows()) {
      out.append("<tr>");
      for (int i : order) {
        String v = i < row.size() ? row.get(i) : null;
        out.append(v == null ? "<td class=\"null\">null</td>" : "<td>" + escape(v) + "</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</table></div>\n</section>\n").toString();
  }

  /** The reason first, then the day's columns in their order. */
  private static List<Integer> displayOrder(List<String> columns) {
    List<Integer> order = new ArrayList<>();
    int reason = columns.indexOf(AuditSampler.REASON);
    if (reason >= 0) {
      order.add(reason);
    }
    for (int i = 0; i < columns.size(); i++) {
      if (i != reason) {
        order.add(i);
      }
    }
    return order;
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * part / whole);
  }

  private static String times(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f×", v);
  }
}
