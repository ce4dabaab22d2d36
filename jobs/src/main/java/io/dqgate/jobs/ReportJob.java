package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.report.AtomicFile;
import io.dqgate.report.DayReport;
import io.dqgate.report.DayReportBuilder;
import io.dqgate.report.HtmlReport;
import io.dqgate.report.Overview;
import io.dqgate.report.OverviewBuilder;
import io.dqgate.report.OverviewPage;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate report}: a self-contained HTML page, either of one judged day ({@code --date D}: verdict,
 * findings, the charts behind them) or of a date range ({@code --from D1 --to D2}: status per day). Reads
 * the metrics repository only (no Spark); exit 0 when the page is written, whatever the day's verdict.
 */
final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS,
      Set.of("date", "from", "to", "out"));

  private ReportJob() {}

  static int run(Args args, PrintStream out) {
    boolean day = args.get("date").isPresent();
    boolean range = args.get("from").isPresent() || args.get("to").isPresent();
    if (day == range) {
      throw new DqgateException("report: give --date D (one day's report) or --from D1 --to D2 (an overview), "
          + (day ? "not both" : "neither was given"));
    }
    Path target = Path.of(args.require("out", "the HTML file to write"));
    DatasetSelection selection = DatasetSelection.from(args);
    String summary;
    if (day) {
      DayReport report = write(selection, args.date("date"), null, target);
      summary = String.format("report %s %s: %s, %d finding(s), %d metric chart(s) -> %s",
          report.header().dataset(), report.header().date(), report.header().status(), report.findings().size(),
          report.metricCharts().size(), target);
    } else {
      Overview overview = new OverviewBuilder(repository(selection))
          .build(selection.dataset().name(), args.date("from"), args.date("to"));
      writeAtomically(target, OverviewPage.render(overview));
      summary = String.format("report %s %s..%s: %d PASS, %d WARN, %d BLOCK, %d not judged -> %s",
          overview.dataset(), overview.from(), overview.to(), overview.counts().get(Status.PASS),
          overview.counts().get(Status.WARN), overview.counts().get(Status.BLOCK),
          overview.notJudged(), target);
    }
    out.println(summary);
    out.flush();
    LOG.info(summary);
    return Main.OK;
  }

  /**
   * Writes the day's report to {@code out} (atomically: a temporary file beside it, then a rename), for
   * {@code report} and for jobs that judge a day and want its page too. {@code verdict} is the caller's
   * (run's combined file checks + detection); null reads the verdict detect stored with the day.
   */
  static DayReport write(DatasetSelection selection, LocalDate date, Verdict verdict, Path out) {
    return write(repository(selection), selection.dataset(), date, verdict, out);
  }

  /** As {@link #write(DatasetSelection, LocalDate, Verdict, Path)}, on a repository the caller opened. */
  static DayReport write(MetricsRepository repository, DatasetSpec dataset, LocalDate date, Verdict verdict,
      Path out) {
    DayReport report = new DayReportBuilder(repository).build(dataset, date, verdict);
    writeAtomically(out, HtmlReport.render(report));
    return report;
  }

  private static MetricsRepository repository(DatasetSelection selection) {
    return new ParquetMetricsRepository(selection.config().repository().path(), new Configuration());
  }

  static void writeAtomically(Path path, String html) {
    AtomicFile.write(path, html, "--out");
  }
}
