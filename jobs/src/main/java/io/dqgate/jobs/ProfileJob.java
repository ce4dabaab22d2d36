package io.dqgate.jobs;

import io.dqgate.pipeline.DayPipeline;
import io.dqgate.pipeline.ProfiledDay;
import java.time.LocalDate;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate profile}: reads one partition, computes its metrics and static rules, and replaces the day's
 * profile in the metrics repository. Nothing is written unless every metric was computed.
 */
final class ProfileJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS, Set.of("date"));

  private ProfileJob() {}

  static int run(Args args) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String summary;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate profile " + selection.dataset().name())) {
      DayPipeline pipeline = selection.pipeline(job);
      ProfiledDay day = pipeline.profile(date);
      summary = day.summary(pipeline.repository().location());
    }
    LOG.info(summary);
    return Main.OK;
  }
}
