package io.dqgate.jobs;

import io.dqgate.BadConfigException;
import io.dqgate.report.DayReport;
import io.dqgate.report.Overview;
import io.dqgate.report.OverviewBuilder;
import io.dqgate.report.OverviewPage;
import io.dqgate.pipeline.Repositories;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.vocabulary.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate report}: a self-contained HTML page, either of one judged day ({@code --date D}: verdict,
 * findings, the charts behind them) or of a date range ({@code --from D1 --to D2}: status per day). Reads
 * the metrics repository only (no Spark); exit 0 when the page is written, whatever the day's verdict.
 */
final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      Set.of("date", "from", "to", "out"));

  private ReportJob() {}

  static int run(Args args, PrintStream out) {
    boolean day = args.get("date").isPresent();
    boolean range = args.get("from").isPresent() || args.get("to").isPresent();
    if (day == range) {
      throw new BadConfigException("report: give --date D (one day's report) or --from D1 --to D2 (an overview), "
          + (day ? "not both" : "neither was given"));
    }
    Path target = Path.of(args.require("out", "the HTML file to write"));
    DatasetSelection selection = DatasetSelection.from(args);
    String summary;
    if (day) {
      DayReport report = JobOutput.writeReport(repository(selection), selection.dataset(), args.date("date"), null,
          target, "--out");
      summary = String.format("report %s %s: %s, %d finding(s), %d metric chart(s) -> %s",
          report.header().dataset(), report.header().date(), report.header().status(), report.findings().size(),
          report.metricCharts().size(), target);
    } else {
      Overview overview = new OverviewBuilder(repository(selection))
          .build(selection.dataset().name(), args.date("from"), args.date("to"));
      JobOutput.writeAtomically(target, OverviewPage.render(overview), "--out");
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

  private static MetricsRepository repository(DatasetSelection selection) {
    return Repositories.open(selection.config(), Optional.empty(), selection.provenance());
  }
}
