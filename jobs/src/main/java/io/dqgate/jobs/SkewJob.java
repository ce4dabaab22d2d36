package io.dqgate.jobs;

import io.dqgate.BadConfigException;
import io.dqgate.NoProfileException;
import io.dqgate.Provenance;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.Profiler;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.pipeline.Repositories;
import io.dqgate.source.PartitionReader;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate skew --date D --reference DATASET@DATE|PATH}: training–serving skew. The day's stored
 * distributions are compared with a reference: another stored day, or a folder (the training snapshot)
 * profiled on the spot with the dataset's own config. Exit 2 when a difference blocks.
 */
final class SkewJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      Set.of("date", "reference", "verdict-json"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String reference = args.require("reference", "DATASET@YYYY-MM-DD or a folder");
    Provenance provenance = selection.provenance();
    List<MetricRecord> referenceMetrics;
    Verdict verdict;
    int at = reference.lastIndexOf('@');
    try (LazySpark spark = new LazySpark(selection.config().spark(), "dqgate skew")) {
      if (at > 0 && !reference.contains("/")) {
        String dataset = reference.substring(0, at);
        LocalDate day;
        try {
          day = LocalDate.parse(reference.substring(at + 1));
        } catch (DateTimeParseException e) {
          throw new BadConfigException("--reference: not a date after '@': " + reference);
        }
        referenceMetrics = Repositories.open(selection.config(), spark.started(), provenance).loadDay(dataset, day);
        if (referenceMetrics.isEmpty()) {
          throw new NoProfileException("--reference: no metrics for " + dataset + " on " + day);
        }
      } else {
        var partition = new PartitionReader(spark.get()).readFolder(selection.dataset().source(), reference);
        referenceMetrics = new Profiler(Repositories.open(selection.config(), spark.started(), provenance))
            .profile(partition, selection.dataset(), selection.dataset().source().format(), date,
                provenance.runId(), Instant.now()).metrics();
      }
      MetricsRepository repository = Repositories.open(selection.config(), spark.started(), provenance);
      verdict = new Detection(repository).skew(selection.dataset(), date, referenceMetrics, reference)
          .withProvenance(provenance);
    }
    JobOutput.printVerdict(verdict, out);
    args.get("verdict-json").ifPresent(p -> JobOutput.writeAtomically(Path.of(p), verdict.toJson(), "--verdict-json"));
    LOG.info(JobOutput.summary("skew", verdict));
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }
}
