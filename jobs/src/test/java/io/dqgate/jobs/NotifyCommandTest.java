package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** run / detect --notify against a real HTTP server on the loopback interface. */
@ExtendWith(SparkExtension.class)
class NotifyCommandTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  private static final LocalDate BAD = START.plusDays(15);

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private String[] dataset;

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    Path feed = dir.resolve("feed").resolve("applications");
    SampleFeedGenerator.builder().days(16).contaminatedDay(15).rowsPerWeekday(300).build().write(feed);
    dataset = new String[] {"--conf", "../conf/application.conf", "--dataset", "applications",
        "--set", "datasets.applications.source.path=" + feed, "--repository", dir.resolve("repo").toString()};
    CommandLineTest.Result backfill = run("backfill", "--from", START.toString(), "--to", BAD.toString());
    assertThat(backfill.code()).as(backfill.err()).isEqualTo(Main.OK);
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  private String hook() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @Test
  void aBlockedRunPostsExactlyOneMessageAndAnUnreachableWebhookLeavesTheExitCode() throws IOException {
    Path report = dir.resolve("report.html");
    CommandLineTest.Result blocked = run("run", "--date", BAD.toString(), "--notify", hook(),
        "--publish-to", dir.resolve("published").toString(), "--quarantine-to", dir.resolve("quarantine").toString(),
        "--report", report.toString());
    assertThat(blocked.code()).as(blocked.out() + blocked.err()).isEqualTo(Main.BLOCKED);
    assertThat(bodies).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertThat(body.get("status").asText()).isEqualTo("BLOCK");
    assertThat(body.get("partition_date").asText()).isEqualTo(BAD.toString());
    assertThat(body.get("report").asText()).isEqualTo(report.toAbsolutePath().toString());
    String text = body.get("text").asText();
    assertThat(text).startsWith("BLOCK applications " + BAD + ": ");
    JsonNode findings = body.get("verdict").get("findings");
    List<String> bullets = text.lines().filter(l -> l.startsWith("• ")).toList();
    assertThat(bullets).hasSize(Math.min(5, findings.size()));
    for (int i = 0; i < bullets.size(); i++) {
      JsonNode f = findings.get(i);
      assertThat(bullets.get(i)).startsWith("• " + f.get("severity").asText() + " "
          + (f.get("column").isNull() ? "(dataset)" : f.get("column").asText())
          + (f.hasNonNull("cause") ? " [" + f.get("cause").asText() + "]" : "") + ": ");
    }
    assertThat(text).contains("\nBLOCK: quarantined").endsWith("\nreport: " + report.toAbsolutePath());

    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Path verdict = dir.resolve("verdict.json");
    CommandLineTest.Result unreachable = run("detect", "--date", BAD.toString(), "--notify",
        "http://127.0.0.1:" + closed + "/hook", "--set", "datasets.applications.notify.retries=1",
        "--verdict-json", verdict.toString());
    assertThat(unreachable.code()).as(unreachable.out() + unreachable.err()).isEqualTo(Main.BLOCKED);
    assertThat(unreachable.out()).startsWith("BLOCK applications " + BAD + ": ");
    assertThat(new ObjectMapper().readTree(Files.readString(verdict)).get("status").asText()).isEqualTo("BLOCK");
    assertThat(bodies).hasSize(1);

    CommandLineTest.Result detected = run("detect", "--date", BAD.toString(), "--notify", hook());
    assertThat(detected.code()).as(detected.err()).isEqualTo(Main.BLOCKED);
    assertThat(bodies).hasSize(2);
    assertThat(new ObjectMapper().readTree(bodies.get(1)).get("report").isNull()).isTrue();
  }

  @Test
  void aBadNotifyUrlIsOneLineBeforeAnythingRuns() {
    CommandLineTest.Result result = run("detect", "--date", BAD.toString(), "--notify", "hooks.example.com/x");
    assertThat(result.code()).isEqualTo(Main.FAILED);
    assertThat(result.err()).isEqualTo("dqgate detect: error: --notify: must be an http:// or https:// URL with a "
        + "host, was \"hooks.example.com/x\"\n");
    assertThat(bodies).isEmpty();
  }

  private CommandLineTest.Result run(String... command) {
    String[] all = java.util.Arrays.copyOf(command, command.length + dataset.length);
    System.arraycopy(dataset, 0, all, command.length, dataset.length);
    return CommandLineTest.run(all);
  }
}
