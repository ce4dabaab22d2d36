package io.dqgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.DqgateException;
import io.dqgate.Provenance;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code _DQGATE_VERDICT.json} that every published (and quarantined) partition carries: which
 * version it is, which run produced it, the verdict, and the files with their sizes and SHA-256, so a
 * reader can verify what it got and, under marker commits, find the live version's files at all. The
 * verdict's provenance (run, dqgate version, build commit, config SHA-256) is repeated at the top level.
 *
 * @param dataFolder where the files are, relative to the publish root; "." means the marker's own folder
 */
public record GateMarker(String dataset, LocalDate partitionDate, String partition, int version, String runId,
    Instant gatedAt, String status, String source, String dataFolder, List<GatedFile> files, String verdictJson) {

  public static final String FILE_NAME = "_DQGATE_VERDICT.json";
  public static final String OWN_FOLDER = ".";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public GateMarker {
    files = List.copyOf(files);
  }

  /** One file of a gated partition; {@code path} is relative to the data folder. */
  public record GatedFile(String path, long bytes, String sha256) {}

  /**
   * The run, dqgate build and config that judged the partition, as its verdict records them; empty for a
   * verdict that recorded none.
   */
  public Optional<Provenance> provenance() {
    if (verdictJson == null) {
      return Optional.empty();
    }
    try {
      JsonNode stamp = JSON.readTree(verdictJson).get("provenance");
      if (stamp == null || !stamp.isObject()) {
        return Optional.empty();
      }
      Map<String, String> values = new LinkedHashMap<>();
      stamp.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
      return Provenance.fromMap(values);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public long totalBytes() {
    return files.stream().mapToLong(GatedFile::bytes).sum();
  }

  GateMarker withVersion(int newVersion, String newDataFolder) {
    return new GateMarker(dataset, partitionDate, partition, newVersion, runId, gatedAt, status, source,
        newDataFolder, files, verdictJson);
  }

  /** Same files, byte for byte (names, sizes and digests), whatever the verdict or run. */
  boolean sameFilesAs(GateMarker other) {
    return other != null && new java.util.HashSet<>(files).equals(new java.util.HashSet<>(other.files));
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset", dataset);
    root.put("partition_date", partitionDate.toString());
    root.put("partition", partition);
    root.put("version", version);
    root.put("run_id", runId);
    root.put("gated_at", gatedAt.toString());
    root.put("status", status);
    root.put("source", source);
    root.put("data_folder", dataFolder);
    provenance().ifPresent(p -> {
      ObjectNode stamp = root.putObject("provenance");
      p.asMap().forEach(stamp::put);
    });
    ArrayNode list = root.putArray("files");
    for (GatedFile f : files) {
      list.addObject().put("path", f.path()).put("bytes", f.bytes()).put("sha256", f.sha256());
    }
    try {
      root.set("verdict", verdictJson == null ? null : JSON.readTree(verdictJson));
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new DqgateException("gate: cannot write the marker of " + dataset + "@" + partitionDate + ": "
          + e.getMessage(), e);
    }
  }

  /** Parses a marker; {@code where} names the file in errors. */
  public static GateMarker parse(String json, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      List<GatedFile> files = new ArrayList<>();
      for (JsonNode f : required(root, "files", where)) {
        files.add(new GatedFile(required(f, "path", where).asText(), required(f, "bytes", where).asLong(),
            required(f, "sha256", where).asText()));
      }
      JsonNode verdict = root.get("verdict");
      return new GateMarker(required(root, "dataset", where).asText(),
          LocalDate.parse(required(root, "partition_date", where).asText()),
          required(root, "partition", where).asText(), required(root, "version", where).asInt(),
          required(root, "run_id", where).asText(), Instant.parse(required(root, "gated_at", where).asText()),
          required(root, "status", where).asText(), required(root, "source", where).asText(),
          required(root, "data_folder", where).asText(), files,
          verdict == null || verdict.isNull() ? null : verdict.toString());
    } catch (IOException | RuntimeException e) {
      if (e instanceof DqgateException d) {
        throw d;
      }
      throw new DqgateException(where + ": not a dqgate marker: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new DqgateException(where + ": not a dqgate marker: no \"" + field + "\"");
    }
    return value;
  }
}
