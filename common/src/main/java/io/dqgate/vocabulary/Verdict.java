package io.dqgate.vocabulary;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PASS / WARN / BLOCK for one partition, with its findings in {@link Finding#RANKING} order, and where it
 * came from ({@code provenance}: null for a verdict that recorded none). Every WARN and BLOCK finding built
 * through {@link #of} carries a cause.
 */
public record Verdict(String dataset, LocalDate partitionDate, Status status, List<Finding> findings,
    Provenance provenance) {
  public Verdict(String dataset, LocalDate partitionDate, Status status, List<Finding> findings) {
    this(dataset, partitionDate, status, findings, null);
  }

  public Verdict {
    findings = findings.stream()
        .filter(f -> f.severity() != Severity.OFF)
        .sorted(Finding.RANKING)
        .toList();
  }

  public static Verdict of(String dataset, LocalDate date, List<Finding> findings) {
    Status status = Status.of(findings.stream().map(Finding::severity).collect(Collectors.toSet()));
    List<Finding> withCauses = findings.stream()
        .map(f -> f.severity().compareTo(Severity.WARN) >= 0 ? Cause.ensure(f) : f)
        .toList();
    return new Verdict(dataset, date, status, withCauses);
  }

  /**
   * One line that leads with what happened: "BLOCK orders 2026-03-04: unit change in total_price, ×1.61
   * (+2 more findings)"; a PASS says "no findings".
   */
  public String summary() {
    String head = status + " " + dataset + " " + partitionDate + ": ";
    if (findings.isEmpty()) {
      return head + "no findings";
    }
    Finding lead = findings.get(0);
    String more = findings.size() == 1 ? ""
        : " (+" + (findings.size() - 1) + " more finding" + (findings.size() == 2 ? "" : "s") + ")";
    return head + Cause.headline(lead) + more;
  }

  /** The same verdict, stamped with the run, build and config that produced it. */
  public Verdict withProvenance(Provenance stamp) {
    return new Verdict(dataset, partitionDate, status, findings, stamp);
  }

  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("dataset", dataset);
      g.writeStringField("partition_date", partitionDate.toString());
      g.writeStringField("status", status.name());
      g.writeArrayFieldStart("findings");
      for (Finding f : findings) {
        g.writeStartObject();
        g.writeStringField("detector", f.detector());
        g.writeStringField("metric", f.metric());
        g.writeStringField("column", f.column());
        if (f.file() != null) {
          g.writeStringField("file", f.file());
        }
        number(g, "observed", f.observed());
        number(g, "expected_low", f.expectedLow());
        number(g, "expected_high", f.expectedHigh());
        number(g, "score", f.score());
        g.writeStringField("severity", f.severity().name());
        g.writeStringField("message", f.message());
        if (f.cause() != null) {
          g.writeStringField("cause", f.cause());
        }
        if (f.rarity() != null) {
          g.writeObjectFieldStart("rarity");
          g.writeNumberField("as_high", f.rarity().asHigh());
          g.writeNumberField("clean_days", f.rarity().cleanDays());
          g.writeStringField("text", f.rarity().describe());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      if (provenance != null) {
        g.writeObjectFieldStart("provenance");
        for (Map.Entry<String, String> e : provenance.asMap().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  /**
   * Reads a verdict written by {@link #toJson()}; {@code where} names the file in errors. The status is
   * taken as written (a verdict's findings may have been capped).
   */
  public static Verdict parse(String json, String where) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      if (root == null || !root.isObject()) {
        throw new DqgateException(where + ": not a verdict (expected a JSON object)");
      }
      String dataset = text(root, "dataset", where);
      LocalDate date = LocalDate.parse(text(root, "partition_date", where));
      Status status = Status.valueOf(text(root, "status", where));
      List<Finding> findings = new java.util.ArrayList<>();
      JsonNode list = root.get("findings");
      if (list != null) {
        for (JsonNode f : list) {
          findings.add(new Finding(f.path("detector").asText(""), f.path("metric").asText(""),
              f.hasNonNull("column") ? f.get("column").asText() : null,
              f.hasNonNull("file") ? f.get("file").asText() : null, num(f, "observed"), num(f, "expected_low"),
              num(f, "expected_high"), num(f, "score"), Severity.parse(where + ": severity",
                  f.path("severity").asText("")), f.path("message").asText(""),
              f.hasNonNull("cause") ? f.get("cause").asText() : null,
              f.hasNonNull("rarity") ? new Finding.Rarity(f.get("rarity").path("as_high").asInt(),
                  f.get("rarity").path("clean_days").asInt()) : null));
        }
      }
      Provenance provenance = null;
      JsonNode stamp = root.get("provenance");
      if (stamp != null && stamp.isObject()) {
        Map<String, String> values = new LinkedHashMap<>();
        stamp.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        provenance = Provenance.fromMap(values).orElse(null);
      }
      return new Verdict(dataset, date, status, findings, provenance);
    } catch (IOException | java.time.DateTimeException | IllegalArgumentException e) {
      throw new DqgateException(where + ": not a verdict: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode root, String field, String where) {
    JsonNode v = root.get(field);
    if (v == null || !v.isTextual()) {
      throw new DqgateException(where + ": not a verdict: no \"" + field + "\"");
    }
    return v.asText();
  }

  private static double num(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }

  private static void number(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }
}
