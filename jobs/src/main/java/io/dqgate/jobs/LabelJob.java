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
    store(repository, dataset, date, provenance.runId(), value, as);
    LOG.info("label {} {}: {}", dataset, date, as);
    return Main.OK;
  }

  /**
   * Stores the day's label record, {@code value} ({@link MetricNames#LABEL_ACCEPTED} or
   * {@link MetricNames#LABEL_REJECTED}) with {@code as} as its detail, in place of any label the day had.
   */
  static void store(MetricsRepository repository, String dataset, LocalDate date, String runId, double value,
      String as) {
    repository.replaceOwned(RecordOwner.LABEL, dataset, date, List.of(new MetricRecord(dataset, date, runId,
        Instant.now(), Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.LABEL, value, as)));
  }
}
