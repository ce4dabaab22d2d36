package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.Profiler;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.source.PartitionReader;
import io.dqgate.verdict.Status;
import io.dqgate.verdict.Verdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate skew --date D --reference DATASET@DATE|PATH}: training–serving skew. The day's stored
 * distributions are compared with a reference: another stored day, or a folder (the training snapshot)
 * profiled on the spot with the dataset's own config. Exit 2 when a difference blocks.
 */
final class SkewJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS,
      Set.of("date", "reference", "verdict-json"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String reference = args.require("reference", "DATASET@YYYY-MM-DD or a folder");
    List<MetricRecord> referenceMetrics;
    int at = reference.lastIndexOf('@');
    if (at > 0 && !reference.contains("/")) {
      String dataset = reference.substring(0, at);
      LocalDate day;
      try {
        day = LocalDate.parse(reference.substring(at + 1));
      } catch (DateTimeParseException e) {
        throw new DqgateException("--reference: not a date after '@': " + reference);
      }
      referenceMetrics = new ParquetMetricsRepository(selection.config().repository().path(), new Configuration())
          .loadDay(dataset, day);
      if (referenceMetrics.isEmpty()) {
        throw new DqgateException("--reference: no metrics for " + dataset + " on " + day);
      }
    } else {
      try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(), "dqgate skew")) {
        MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
            job.session().sparkContext().hadoopConfiguration());
        var partition = new PartitionReader(job.session()).readFolder(selection.dataset().source(), reference);
        referenceMetrics = new Profiler(repository).profile(partition, selection.dataset(),
            selection.dataset().source().format(), date, ProfileJob.newRunId(), Instant.now()).metrics();
      }
    }
    MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
        new Configuration());
    Verdict verdict = new Detection(repository).skew(selection.dataset(), date, referenceMetrics, reference);
    DetectJob.print(verdict, out);
    args.get("verdict-json").ifPresent(p -> CheckFilesJob.writeVerdict(Path.of(p), verdict.toJson()));
    LOG.info(DetectJob.summary("skew", verdict));
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }
}
