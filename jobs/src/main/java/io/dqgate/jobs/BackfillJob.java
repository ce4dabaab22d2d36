package io.dqgate.jobs;

import io.dqgate.BadConfigException;
import io.dqgate.pipeline.Backfilled;
import java.time.LocalDate;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate backfill --from D1 --to D2}: profiles every partition in the range in one pass over all
 * of them (aggregates grouped by day) and writes each day's profile to the repository, as single-day runs would.
 */
final class BackfillJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS, Set.of("from", "to"));
  static final int MAX_DAYS = 3660;

  private BackfillJob() {}

  static int run(Args args) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate from = args.date("from");
    LocalDate to = args.date("to");
    if (to.isBefore(from)) {
      throw new BadConfigException("--to: must not be before --from (" + from + "), was " + to);
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new BadConfigException("--to: at most " + MAX_DAYS + " days per backfill, was " + from + " .. " + to);
    }
    long start = System.currentTimeMillis();
    Backfilled backfilled;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate backfill " + selection.dataset().name())) {
      backfilled = selection.pipeline(job).backfill(from, to);
    }
    LOG.info("backfill {} {}..{}: {} day(s) profiled in one pass [{} s]", selection.dataset().name(), from, to,
        backfilled.days().size(), (System.currentTimeMillis() - start) / 1000.0);
    return Main.OK;
  }
}
