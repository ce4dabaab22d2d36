package io.dqgate.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.pipeline.Repositories;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dqgate metrics}: prints a stored day as JSON or CSV on stdout; without {@code --date}, the dataset's
 * stored days, one line per day and owner with the provenance of that owner's records (the run that wrote
 * them, the dqgate version and build commit, the SHA-256 of the config). Needs no Spark.
 */
final class MetricsJob {
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  static final Set<String> OPTIONS = Set.of("conf", "dataset", "date", "from", "to", "repository", "format");
  static final String[] COLUMNS = {"dataset", "partition_date", "run_id", "computed_at", "entity", "instance",
      "metric", "value", "detail"};
  static final String[] DAY_COLUMNS = {"partition_date", "owner", Provenance.RUN_ID, Provenance.VERSION,
      Provenance.COMMIT, Provenance.CONFIG_SHA256};
  private static final String DAY_ROW = "%-10s %-12s %-24s %-15s %-12s %s%n";
  /** The listing's table cuts commit and config digest to 12 characters, as git shows a commit. */
  private static final int SHORT = 12;

  static int run(Args args, PrintStream out) {
    String dataset = args.require("dataset", "the dataset name");
    Optional<LocalDate> date = args.get("date").isPresent() ? Optional.of(args.date("date")) : Optional.empty();
    String format = args.get("format").orElse(date.isPresent() ? "json" : "table");
    Set<String> formats = date.isPresent() ? Set.of("json", "csv") : Set.of("table", "json", "csv");
    if (!formats.contains(format)) {
      throw new DqgateException("--format: must be " + (date.isPresent() ? "json or csv for a day"
          : "table, json or csv for the stored days") + ", was \"" + format + "\"");
    }
    for (String bound : List.of("from", "to")) {
      if (date.isPresent() && args.get(bound).isPresent()) {
        throw new DqgateException("--" + bound + ": limits the listing of stored days, not one day's metrics (--date "
            + date.get() + "), was " + args.get(bound).get());
      }
    }
    Map<String, String> overrides = new LinkedHashMap<>(args.pairs("set"));
    args.get("repository").ifPresent(r -> overrides.put("repository.path", r));
    DqgateConfig config = DqgateConfig.load(args.file("conf").orElse(null), overrides);
    MetricsRepository repository = Repositories.open(config, Optional.empty(),
        Provenance.ofBuild(Provenance.newRunId(), null));
    if (date.isEmpty()) {
      return listDays(repository, dataset, args.get("from").isPresent() ? args.date("from") : LocalDate.MIN,
          args.get("to").isPresent() ? args.date("to") : LocalDate.MAX, format, out);
    }
    List<MetricRecord> records = repository.loadDay(dataset, date.get());
    if (records.isEmpty()) {
      throw new DqgateException("no metrics for " + dataset + " on " + date.get() + " in " + repository.location());
    }
    if (format.equals("json")) {
      writeJson(records, out);
    } else {
      writeCsv(records, out);
    }
    out.flush();
    LOG.info("metrics {} {}: {} rows from {}", dataset, date.get(), records.size(), repository.location());
    return 0;
  }

  /** One row per stored day in [from, to] and owner of its records, in date then owner order. */
  private static int listDays(MetricsRepository repository, String dataset, LocalDate from, LocalDate to,
      String format, PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    List<LocalDate> days = repository.days(dataset).stream()
        .filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
    for (LocalDate day : days) {
      Map<RecordOwner, Provenance> owners = repository.provenance(dataset, day);
      if (owners.isEmpty()) {
        // A day an older dqgate wrote as one file: stored before provenance was recorded.
        Provenance none = new Provenance(null, null, null, null);
        rows.add(row(day, "-", none));
      }
      owners.forEach((owner, provenance) -> rows.add(row(day, owner.label(), provenance)));
    }
    if (rows.isEmpty()) {
      String range = from.equals(LocalDate.MIN) && to.equals(LocalDate.MAX) ? ""
          : " from " + (from.equals(LocalDate.MIN) ? "the first" : from) + " to "
              + (to.equals(LocalDate.MAX) ? "the last" : to);
      throw new DqgateException("no stored days of " + dataset + range + " in " + repository.location());
    }
    switch (format) {
      case "table" -> {
        out.printf(DAY_ROW, "date", "owner", "run", "dqgate", "commit", "config");
        for (String[] r : rows) {
          out.printf(Locale.ROOT, DAY_ROW, r[0], r[1], r[2], r[3], shorten(r[4]), shorten(r[5]));
        }
      }
      case "csv" -> {
        out.println(String.join(",", DAY_COLUMNS));
        rows.forEach(r -> out.println(String.join(",", Arrays.stream(r).map(MetricsJob::csv).toList())));
      }
      default -> writeDaysJson(rows, out);
    }
    out.flush();
    LOG.info("metrics {}: {} stored day(s), {} owner record set(s) from {}", dataset, days.size(), rows.size(),
        repository.location());
    return 0;
  }

  private static String[] row(LocalDate day, String owner, Provenance p) {
    return new String[] {day.toString(), owner, p.runId(), p.version(), p.commit(), p.configSha256()};
  }

  private static String shorten(String value) {
    return value.length() > SHORT ? value.substring(0, SHORT) : value;
  }

  private static void writeDaysJson(List<String[]> rows, PrintStream out) {
    writeJsonArray(out, rows, (g, r) -> {
      for (int i = 0; i < DAY_COLUMNS.length; i++) {
        g.writeStringField(DAY_COLUMNS[i], r[i]);
      }
    });
  }

  static void writeJson(List<MetricRecord> records, PrintStream out) {
    writeJsonArray(out, records, (g, r) -> {
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
    });
  }

  /** The fields of one element of a JSON array. */
  private interface JsonFields<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  /** A pretty-printed JSON array of one object per item, then a newline. */
  private static <T> void writeJsonArray(PrintStream out, List<T> items, JsonFields<T> fields) {
    try {
      JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (T item : items) {
        g.writeStartObject();
        fields.write(g, item);
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
