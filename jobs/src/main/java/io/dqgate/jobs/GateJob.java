package io.dqgate.jobs;

import io.dqgate.DqgateException;
import io.dqgate.gate.GateResult;
import io.dqgate.pipeline.DayPipeline;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate gate --date D [--verdict FILE]}: acts on a day's verdict (the file detect wrote, or the
 * verdict stored in the metrics repository): publish on PASS/WARN, quarantine on BLOCK (exit 2).
 */
final class GateJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = DatasetSelection.options(DatasetSelection.SOURCE_OPTIONS,
      DatasetSelection.GATE_OPTIONS, Set.of("date", "verdict"));

  private GateJob() {}

  static int run(Args args, PrintStream out) {
    DatasetSelection selection = DatasetSelection.from(args);
    LocalDate date = args.date("date");
    Verdict verdict;
    Optional<GateResult> result;
    try (LazySpark spark = new LazySpark(selection.config().spark(), "dqgate gate " + selection.dataset().name())) {
      DayPipeline pipeline = selection.pipeline(spark);
      verdict = args.get("verdict").map(GateJob::readVerdict).orElseGet(() -> pipeline.storedVerdict(date)
          .orElseThrow(() -> new DqgateException("no verdict for " + selection.dataset().name() + "@" + date + " in "
              + pipeline.repository().location() + ": run detect first, or give --verdict FILE")));
      result = pipeline.gate(date, verdict);
    }
    String summary = JobOutput.gateSummary(verdict, result);
    out.println(summary);
    out.flush();
    LOG.info("gate {} {}: {}", verdict.dataset(), date, summary);
    return verdict.status() == Status.BLOCK ? Main.BLOCKED : Main.OK;
  }

  private static Verdict readVerdict(String file) {
    try {
      return Verdict.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), "--verdict " + file);
    } catch (NoSuchFileException e) {
      throw new DqgateException("--verdict: no such file " + file, e);
    } catch (IOException e) {
      throw new DqgateException("--verdict: cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
