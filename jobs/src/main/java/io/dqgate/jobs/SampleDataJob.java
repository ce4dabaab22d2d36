package io.dqgate.jobs;

import io.dqgate.sample.DaySummary;
import io.dqgate.sample.FeedSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code dqgate sample-data}: writes the sample loan-application feed (daily CSV partitions). */
final class SampleDataJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = Set.of("out", "days", "start", "seed", "contaminated-day", "rows-per-weekday");

  static int run(Args args, PrintStream out) {
    Path root = Path.of(args.require("out", "folder to write the feed into"));
    FeedSummary summary = SampleFeedOptions.generator(args).write(root);
    for (DaySummary day : summary.days()) {
      out.printf("%s  %6d rows%s%n", day.date(), day.rows(), day.contaminated() ? "  contaminated" : "");
    }
    LOG.info("sample-data: {} days, {} rows -> {}", summary.days().size(), summary.totalRows(), root);
    return Main.OK;
  }
}
