package io.dqgate.jobs;

import io.dqgate.Provenance;
import io.dqgate.gate.GateResult;
import io.dqgate.gate.PartitionGate;
import io.dqgate.pipeline.Publishing;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate history --date D} lists the published versions of a partition; {@code dqgate rollback
 * --date D} makes the newest older one live again. Neither needs Spark.
 */
final class VersionsJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      DatasetSelection.GATE_OPTIONS, Set.of("date"));

  static int history(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    String partition = Publishing.partitionName(selection.dataset().source(), date);
    PartitionGate gate;
    List<PartitionGate.VersionInfo> versions;
    try (LazySpark spark = new LazySpark(selection.config().spark(), "dqgate history")) {
      gate = Publishing.publishGate(selection.dataset(), spark.hadoopConf());
      versions = gate.history(partition);
    }
    out.printf("%-7s %-4s %-6s %-20s %-26s %6s %12s  %s%n", "version", "live", "status", "gated at", "run", "files",
        "bytes", "judged by");
    for (PartitionGate.VersionInfo v : versions) {
      out.printf(Locale.ROOT, "%-7d %-4s %-6s %-20s %-26s %6d %12d  %s%n", v.marker().version(), v.live() ? "*" : "",
          v.marker().status(), v.marker().gatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
          v.marker().runId(), v.marker().files().size(), v.marker().totalBytes(),
          v.marker().provenance().map(Provenance::describe).orElse("-"));
    }
    out.flush();
    LOG.info("history {} {}: {} version(s) of {} in {}", selection.dataset().name(), date, versions.size(),
        partition, gate.root());
    return Main.OK;
  }

  static int rollback(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    GateResult result;
    try (LazySpark spark = new LazySpark(selection.config().spark(), "dqgate rollback")) {
      result = Publishing.publishGate(selection.dataset(), spark.hadoopConf())
          .rollback(Publishing.partitionName(selection.dataset().source(), date));
    }
    out.println(result.summary());
    out.flush();
    LOG.info("rollback {} {}: {}", selection.dataset().name(), date, result.summary());
    return Main.OK;
  }
}
