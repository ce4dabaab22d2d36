package io.dqgate.verdict;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** PASS / WARN / BLOCK for one partition, with its findings ranked: severity first, then score. */
public record Verdict(String dataset, LocalDate partitionDate, Status status, List<Finding> findings) {

  public Verdict {
    findings = findings.stream()
        .filter(f -> f.severity() != Severity.OFF)
        .sorted(Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Comparator.comparingDouble((Finding f) -> Double.isNaN(f.score()) ? 0 : f.score())
                .reversed()))
        .toList();
  }

  public static Verdict of(String dataset, LocalDate date, List<Finding> findings) {
    Status status = Status.of(findings.stream().map(Finding::severity).collect(Collectors.toSet()));
    return new Verdict(dataset, date, status, findings);
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
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private static void number(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }
}
