package io.dqgate.report;

import static io.dqgate.report.Html.escape;
import static io.dqgate.report.Html.number;

import io.dqgate.vocabulary.Status;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * Draws an {@link Overview} as one self-contained HTML page: counts per verdict, a calendar strip (one
 * cell per day, weeks as columns, Monday on top), rows per day coloured by verdict, and the days that did
 * not pass. Sections: {@code calendar}, {@code volume}, {@code days}.
 */
public final class OverviewPage {
  private OverviewPage() {}

  public static String render(Overview overview) {
    Map<Status, Long> counts = overview.counts();
    Status worst = counts.get(Status.BLOCK) > 0 ? Status.BLOCK : counts.get(Status.WARN) > 0 ? Status.WARN
        : counts.get(Status.PASS) > 0 ? Status.PASS : null;
    StringBuilder body = new StringBuilder();
    body.append("<header id=\"verdict\" class=\"verdict ").append(worst == null ? "NONE" : worst.name())
        .append("\">\n<span class=\"status\">").append(overview.days().size()).append(" days</span>")
        .append("<span class=\"what\">").append(escape(overview.dataset())).append(" · ").append(overview.from())
        .append(" .. ").append(overview.to()).append("</span>\n<div class=\"facts\">")
        .append(counts.get(Status.PASS)).append(" PASS · ").append(counts.get(Status.WARN)).append(" WARN · ")
        .append(counts.get(Status.BLOCK)).append(" BLOCK · ").append(overview.notJudged())
        .append(" not judged</div>\n</header>\n<main>\n");
    body.append(calendar(overview));
    body.append("<section id=\"volume\">\n<h2>Volume</h2>\n<figure>\n").append(Charts.volume(overview))
        .append("\n</figure>\n</section>\n");
    body.append(days(overview));
    body.append("<footer>dqgate overview · one self-contained file: charts drawn with JFreeChart as inline SVG"
        + "</footer>\n</main>\n");
    return Html.page("dqgate overview · " + overview.dataset() + " " + overview.from() + " .. " + overview.to(),
        body.toString());
  }

  private static String calendar(Overview overview) {
    StringBuilder out = new StringBuilder("<section id=\"calendar\">\n<h2>Status per day</h2>\n"
        + "<p class=\"note\">One cell per day, a column per week, Monday on top; hover a cell for its top "
        + "finding.</p>\n<div class=\"strip\">\n");
    DayOfWeek first = overview.from().getDayOfWeek();
    // Blank cells before the first day so that every column starts on a Monday.
    for (int i = 1; i < first.getValue(); i++) {
      out.append("<div class=\"cell EMPTY\"></div>");
    }
    for (Overview.Day d : overview.days()) {
      String status = d.status().map(Status::name).orElse("NONE");
      String tip = d.date() + " " + d.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + ": "
          + d.status().map(Status::name).orElse(d.profiled() ? "profiled, not judged" : "nothing stored")
          + (d.label() == null ? "" : " (labelled " + d.label() + ")")
          + (d.topFinding() == null ? "" : " — " + d.topFinding());
      out.append("<div class=\"cell ").append(status).append("\" data-date=\"").append(d.date())
          .append("\" title=\"").append(escape(tip)).append("\"></div>");
    }
    out.append("\n</div>\n<div class=\"legend\"><span><i style=\"background:var(--pass)\"></i>PASS</span>"
        + "<span><i style=\"background:var(--warn)\"></i>WARN</span><span><i style=\"background:var(--block)\">"
        + "</i>BLOCK</span><span><i style=\"background:var(--none)\"></i>not judged</span></div>\n</section>\n");
    return out.toString();
  }

  private static String days(Overview overview) {
    StringBuilder out = new StringBuilder("<section id=\"days\">\n<h2>Days that did not pass</h2>\n");
    var notPassed = overview.days().stream()
        .filter(d -> d.status().isPresent() && d.status().get() != Status.PASS || d.label() != null).toList();
    if (notPassed.isEmpty()) {
      return out.append("<p class=\"note\">Every judged day passed.</p>\n</section>\n").toString();
    }
    out.append("<table>\n<tr><th>date</th><th>verdict</th><th>label</th><th>rows</th><th>findings</th>"
        + "<th>top finding</th></tr>\n");
    for (Overview.Day d : notPassed) {
      out.append("<tr><td class=\"date\">").append(d.date()).append(' ')
          .append(d.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append("</td><td>")
          .append(d.status().map(Html::badge).orElse("–")).append("</td><td>")
          .append(d.label() == null ? "" : escape(d.label())).append("</td><td class=\"num\">")
          .append(number(d.rowCount())).append("</td><td class=\"num\">").append(d.findings())
          .append("</td><td class=\"msg\">").append(escape(d.topFinding())).append("</td></tr>\n");
    }
    return out.append("</table>\n</section>\n").toString();
  }
}
