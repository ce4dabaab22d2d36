package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.sample.DaySummary;
import io.dqgate.sample.FeedSummary;
import io.dqgate.sample.SampleFeedGenerator;
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
    FeedSummary summary = generator(args).write(root);
    for (DaySummary day : summary.days()) {
      out.printf("%s  %6d rows%s%n", day.date(), day.rows(), day.contaminated() ? "  contaminated" : "");
    }
    LOG.info("sample-data: {} days, {} rows -> {}", summary.days().size(), summary.totalRows(), root);
    return Main.OK;
  }

  static SampleFeedGenerator generator(Args args) {
    SampleFeedGenerator.Builder builder = SampleFeedGenerator.builder();
    args.get("seed").ifPresent(s -> builder.seed(parseLong("seed", s)));
    if (args.get("start").isPresent()) {
      builder.start(args.date("start"));
    }
    if (args.get("days").isPresent()) {
      int days = (int) parseLong("days", args.get("days").get());
      builder.days(days);
      // The default contaminated day is the 21st; shorter feeds get theirs two thirds in.
      builder.contaminatedDay(Math.min(SampleFeedGenerator.DEFAULT_CONTAMINATED_DAY_INDEX, days * 2 / 3));
    }
    if (args.get("contaminated-day").isPresent()) {
      String value = args.get("contaminated-day").get();
      if (value.equals("none")) {
        builder.noContamination();
      } else {
        builder.contaminatedDay(args.date("contaminated-day"));
      }
    }
    args.get("rows-per-weekday").ifPresent(r -> builder.rowsPerWeekday((int) parseLong("rows-per-weekday", r)));
    return builder.build();
  }

  static long parseLong(String option, String value) {
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new DqgateException("--" + option + ": must be a non-negative integer, was \"" + value + "\"");
    }
  }

}
