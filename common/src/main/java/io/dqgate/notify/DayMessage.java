package io.dqgate.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The one message a judged day sends: a Slack-compatible {@code text} (the summary line, the top findings
 * with column and cause, what the gate did, the report) and, for machines, the verdict JSON under
 * {@code verdict} beside {@code dataset}, {@code partition_date}, {@code status} and {@code report}.
 */
public final class DayMessage {
  /** Findings listed in the text; the verdict JSON carries all of them. */
  static final int TOP_FINDINGS = 5;
  private static final int MAX_FINDING_CHARS = 240;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DayMessage() {}

  /** {@code BLOCK applications 2026-08-21: 7 finding(s), top: rules gender domain}. */
  public static String summary(Verdict verdict) {
    String head = verdict.status() + " " + verdict.dataset() + " " + verdict.partitionDate() + ": ";
    if (verdict.findings().isEmpty()) {
      return head + "no findings";
    }
    Finding top = verdict.findings().get(0);
    return head + verdict.findings().size() + " finding(s), top: " + top.detector() + " "
        + (top.column() == null ? "" : top.column() + " ") + top.metric();
  }

  /** The message's text: one line per part, findings as bullets. */
  public static String text(Verdict verdict, Optional<String> outcome, Optional<String> report) {
    StringBuilder text = new StringBuilder(summary(verdict));
    List<Finding> findings = verdict.findings();
    for (Finding f : findings.subList(0, Math.min(TOP_FINDINGS, findings.size()))) {
      String message = f.message().length() > MAX_FINDING_CHARS
          ? f.message().substring(0, MAX_FINDING_CHARS) + "…" : f.message();
      text.append("\n• ").append(f.severity()).append(' ').append(f.column() == null ? "(dataset)" : f.column())
          .append(f.cause() == null ? "" : " [" + f.cause() + "]").append(": ").append(message);
    }
    if (findings.size() > TOP_FINDINGS) {
      text.append("\n(+").append(findings.size() - TOP_FINDINGS).append(" more in the verdict)");
    }
    outcome.ifPresent(o -> text.append('\n').append(o));
    report.ifPresent(r -> text.append("\nreport: ").append(r));
    return text.toString();
  }

  /** The POST body. */
  public static String body(Verdict verdict, Optional<String> outcome, Optional<String> report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", text(verdict, outcome, report));
    root.put("dataset", verdict.dataset());
    root.put("partition_date", verdict.partitionDate().toString());
    root.put("status", verdict.status().name());
    report.ifPresentOrElse(r -> root.put("report", r), () -> root.putNull("report"));
    try {
      root.set("verdict", JSON.readTree(verdict.toJson()));
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
