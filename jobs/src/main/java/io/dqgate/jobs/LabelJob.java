package io.dqgate.jobs;

import io.dqgate.BadConfigException;
import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.pipeline.Repositories;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate label --date D --as accepted|rejected}: a person's word on a day, stored as the day's label
 * records only (profile, file checks and verdict stay as they are, and a later re-profile keeps the label).
 * Rejected days, and blocked days not accepted, are left out of detection's baselines.
 */
final class LabelJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS, Set.of("date", "as"));

  static int run(Args args) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String as = args.require("as", "accepted or rejected");
    double value = switch (as) {
      case "accepted" -> MetricNames.LABEL_ACCEPTED;
      case "rejected" -> MetricNames.LABEL_REJECTED;
      default -> throw new BadConfigException("--as: must be accepted or rejected, was \"" + as + "\"");
    };
    String dataset = selection.dataset().name();
    Provenance provenance = selection.provenance();
    MetricsRepository repository = Repositories.open(selection.config(), Optional.empty(), provenance);
    if (repository.loadDay(dataset, date).isEmpty()) {
      throw new DqgateException("no metrics for " + dataset + " on " + date + " in " + repository.location()
          + ": nothing to label");
    }
    MetricRecord label = new MetricRecord(dataset, date, provenance.runId(), Instant.now(), Entity.DATASET,
        MetricKey.WHOLE_DATASET, MetricNames.LABEL, value, as);
    repository.replaceOwned(RecordOwner.LABEL, dataset, date, List.of(label));
    LOG.info("label {} {}: {}", dataset, date, as);
    return Main.OK;
  }
}
