package io.dqgate.jobs;

import io.dqgate.config.DatasetSpec;
import io.dqgate.files.FileCheckReport;
import io.dqgate.files.FileFinding;
import io.dqgate.files.FileScan;
import io.dqgate.gate.GateResult;
import io.dqgate.report.DayReport;
import io.dqgate.report.DayReportBuilder;
import io.dqgate.report.AtomicFile;
import io.dqgate.report.HtmlReport;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What commands print and write: verdicts, file tables, one-line summaries, files written atomically. */
final class JobOutput {
  private JobOutput() {}

  static void printVerdict(Verdict verdict, PrintStream out) {
    out.println(verdict.summary());
    for (Finding f : verdict.findings()) {
      out.printf(Locale.ROOT, "  %-5s %-11s %-24s %s%n", f.severity().name(), f.detector(),
          f.column() == null ? "-" : f.column(), f.message());
    }
    out.flush();
  }

  /** The verdict's one-line summary, which leads with the cause, after the command that gave it. */
  static String summary(String command, Verdict verdict) {
    return command + " " + verdict.summary();
  }

  static String gateSummary(Verdict verdict, Optional<GateResult> result) {
    return verdict.status() + ": " + result.map(GateResult::summary)
        .orElse("not published; no gate.quarantine-to is set, so the blocked partition stays where it landed");
  }

  static void printFileReport(FileCheckReport report, PrintStream out) {
    out.printf("%-40s %12s %10s  %-16s %s%n", "file", "bytes", "rows", "sha256", "findings");
    for (FileScan s : report.scans()) {
      String name = new org.apache.hadoop.fs.Path(s.path()).getName();
      String problems = report.findings().stream().filter(f -> name.equals(f.file()))
          .map(f -> f.check().label()).distinct().collect(Collectors.joining(", "));
      out.printf(Locale.ROOT, "%-40s %12d %10d  %-16s %s%n", name, s.bytes(),
          s.footerRows() >= 0 ? s.footerRows() : s.records(), s.sha256().substring(0, 16),
          problems.isEmpty() ? "ok" : problems);
    }
    out.println();
    out.println(report.status() + " " + report.dataset() + " " + report.date() + ": " + report.findings().size()
        + " finding(s)");
    for (FileFinding f : report.findings()) {
      out.println("  " + f.severity().name() + " " + f.check().label() + ": " + f.message());
    }
    out.flush();
  }

  /** The day's HTML report, written atomically; {@code verdict} null reads the verdict stored with the day. */
  static DayReport writeReport(MetricsRepository repository, DatasetSpec dataset, LocalDate date, Verdict verdict,
      Path out, String option) {
    DayReport report = new DayReportBuilder(repository).build(dataset, date, verdict);
    writeAtomically(out, HtmlReport.render(report), option);
    return report;
  }

  /** Writes {@code text} to {@code path} atomically; {@code option} names the command-line option in errors. */
  static void writeAtomically(Path path, String text, String option) {
    AtomicFile.write(path, text, option);
  }
}
