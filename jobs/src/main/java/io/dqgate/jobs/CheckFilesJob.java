package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.files.FileCheckReport;
import io.dqgate.files.FileChecker;
import io.dqgate.files.FileFinding;
import io.dqgate.files.FileScan;
import io.dqgate.metrics.MetricNames;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.verdict.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate check-files}: checks one partition's incoming files, stores the file metrics, prints a
 * per-file table and the findings; exit 2 when a finding blocks.
 */
final class CheckFilesJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = ProfileJob.union(DatasetSelection.SOURCE_OPTIONS, Set.of("date", "verdict-json"));

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    FileCheckReport report;
    try (SparkSessions.JobSpark job = SparkSessions.open(selection.config().spark(),
        "dqgate check-files " + selection.dataset().name())) {
      MetricsRepository repository = new ParquetMetricsRepository(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration());
      RepositoryCheck.requireUsable(selection.config().repository().path(),
          job.session().sparkContext().hadoopConfiguration(), repository, selection.dataset().name(), date);
      report = checkDay(job, repository, selection, date);
    }
    print(report, out);
    args.get("verdict-json").ifPresent(path -> writeVerdict(Path.of(path), report.verdict().toJson()));
    LOG.info(report.summary());
    return report.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }

  static FileCheckReport checkDay(SparkSessions.JobSpark job, MetricsRepository repository,
      DatasetSelection selection, LocalDate date) {
    FileCheckReport report = new FileChecker(job.session(), repository)
        .check(selection.dataset(), date, ProfileJob.newRunId(), Instant.now());
    repository.replaceOwned(selection.dataset().name(), date, report.metrics(),
        m -> MetricNames.FILE_METRICS.contains(m.metric()));
    return report;
  }

  static void print(FileCheckReport report, PrintStream out) {
    out.printf("%-40s %12s %10s  %-16s %s%n", "file", "bytes", "rows", "sha256", "findings");
    for (FileScan s : report.scans()) {
      String name = new org.apache.hadoop.fs.Path(s.path()).getName();
      String problems = report.findings().stream().filter(f -> name.equals(f.file()))
          .map(f -> f.check().label()).distinct().collect(Collectors.joining(", "));
      out.printf(Locale.ROOT, "%-40s %12d %10d  %-16s %s%n", name, s.bytes(),
          s.footerRows() >= 0 ? s.footerRows() : s.records(), s.sha256().substring(0, 16),
          problems.isEmpty() ? "ok" : problems);
    }
    out.println();
    out.println(report.status() + " " + report.dataset() + " " + report.date() + ": " + report.findings().size()
        + " finding(s)");
    for (FileFinding f : report.findings()) {
      out.println("  " + f.severity().name() + " " + f.check().label() + ": " + f.message());
    }
    out.flush();
  }

  static void writeVerdict(Path path, String json) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DqgateException("--verdict-json: cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
