package io.dqgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What a gate is doing to a partition, written before it changes anything there, so that the next command
 * on the partition can finish or undo the work of a gate that was killed. Each phase has its own file,
 * created once and never rewritten: a file cut short by a kill does not parse and counts as not written.
 *
 * <p>{@link Phase#STAGING}: {@code from} is being written and is not trusted; undo deletes it.
 * {@link Phase#COMMITTING}: {@code from} is complete (staged and verified, or a kept version); finishing
 * makes it live. Rename commits: {@code live} moves to {@code aside} (when a version is live), then
 * {@code from} moves to {@code live}; {@code discardAside} drops what was moved aside (a quarantine replaced).
 * Marker commits: the marker in {@code from} is copied over the live marker.
 */
record GateIntent(String runId, Phase phase, boolean markerCommit, String from, String live, String aside,
    boolean discardAside) {

  enum Phase { STAGING, COMMITTING }

  private static final ObjectMapper JSON = new ObjectMapper();

  GateIntent committing() {
    return new GateIntent(runId, Phase.COMMITTING, markerCommit, from, live, aside, discardAside);
  }

  String toJson() {
    ObjectNode n = JSON.createObjectNode().put("run_id", runId).put("phase", phase.name())
        .put("marker_commit", markerCommit).put("from", from).put("live", live).put("discard_aside", discardAside);
    n.put("aside", aside);
    return n.toString() + "\n";
  }

  static GateIntent parse(String json, String where) throws IOException {
    JsonNode n = JSON.readTree(json);
    if (n == null || !n.hasNonNull("phase") || !n.hasNonNull("from") || !n.hasNonNull("live")) {
      throw new IOException(where + ": not a gate intent");
    }
    return new GateIntent(n.path("run_id").asText(), Phase.valueOf(n.get("phase").asText()),
        n.path("marker_commit").asBoolean(), n.get("from").asText(), n.get("live").asText(),
        n.hasNonNull("aside") ? n.get("aside").asText() : null, n.path("discard_aside").asBoolean());
  }
}
