package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate label --date D --as accepted|rejected}: a person's word on a day. Rejected days, and
 * blocked days not accepted, are left out of every baseline.
 */
final class LabelJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS, Set.of("date", "as"));

  static int run(Args args) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String as = args.require("as", "accepted or rejected");
    double value = switch (as) {
      case "accepted" -> MetricNames.LABEL_ACCEPTED;
      case "rejected" -> MetricNames.LABEL_REJECTED;
      default -> throw new DqgateException("--as: must be accepted or rejected, was \"" + as + "\"");
    };
    String dataset = selection.dataset().name();
    ParquetMetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
        new Configuration());
    if (repository.loadDay(dataset, date).isEmpty()) {
      throw new DqgateException("no metrics for " + dataset + " on " + date + " in " + repository.location()
          + ": nothing to label");
    }
    MetricRecord label = new MetricRecord(dataset, date, ProfileJob.newRunId(), Instant.now(), Entity.DATASET,
        MetricKey.WHOLE_DATASET, MetricNames.LABEL, value, as);
    repository.replaceOwned(RecordOwner.LABEL, dataset, date, List.of(label));
    LOG.info("label {} {}: {}", dataset, date, as);
    return Main.OK;
  }
}
