package io.dqgate.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.pipeline.Repositories;
import io.dqgate.repository.MetricsRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code dqgate metrics}: prints a stored day as JSON or CSV on stdout. Needs no Spark. */
final class MetricsJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = Set.of("conf", "dataset", "date", "repository", "format");
  static final String[] COLUMNS = {"dataset", "partition_date", "run_id", "computed_at", "entity", "instance",
      "metric", "value", "detail"};

  static int run(Args args, PrintStream out) {
    String dataset = args.require("dataset", "the dataset name");
    LocalDate date = args.date("date");
    String format = args.get("format").orElse("json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new DqgateException("--format: must be json or csv, was \"" + format + "\"");
    }
    Map<String, String> overrides = new LinkedHashMap<>(args.pairs("set"));
    args.get("repository").ifPresent(r -> overrides.put("repository.path", r));
    DqgateConfig config = DqgateConfig.load(args.file("conf").orElse(null), overrides);
    MetricsRepository repository = Repositories.open(config, Optional.empty(),
        Provenance.ofBuild(Provenance.newRunId(), null));
    List<MetricRecord> records = repository.loadDay(dataset, date);
    if (records.isEmpty()) {
      throw new DqgateException("no metrics for " + dataset + " on " + date + " in " + repository.location());
    }
    if (format.equals("json")) {
      writeJson(records, out);
    } else {
      writeCsv(records, out);
    }
    out.flush();
    LOG.info("metrics {} {}: {} rows from {}", dataset, date, records.size(), repository.location());
    return 0;
  }

  static void writeJson(List<MetricRecord> records, PrintStream out) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      JsonGenerator g = mapper.getFactory().createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (MetricRecord r : records) {
        g.writeStartObject();
        g.writeStringField("dataset", r.dataset());
        g.writeStringField("partition_date", r.partitionDate().toString());
        g.writeStringField("run_id", r.runId());
        g.writeStringField("computed_at", r.computedAt().toString());
        g.writeStringField("entity", r.entity().label());
        g.writeStringField("instance", r.instance());
        g.writeStringField("metric", r.metric());
        if (Double.isNaN(r.value()) || Double.isInfinite(r.value())) {
          g.writeNullField("value");
        } else {
          g.writeNumberField("value", r.value());
        }
        if (r.detail() == null) {
          g.writeNullField("detail");
        } else {
          g.writeStringField("detail", r.detail());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeCsv(List<MetricRecord> records, PrintStream out) {
    out.println(String.join(",", COLUMNS));
    for (MetricRecord r : records) {
      String value = Double.isNaN(r.value()) ? "" : Double.toString(r.value());
      out.println(String.join(",", csv(r.dataset()), r.partitionDate().toString(), csv(r.runId()),
          r.computedAt().toString(), r.entity().label(), csv(r.instance()), csv(r.metric()), value,
          r.detail() == null ? "" : csv(r.detail())));
    }
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
