package io.dqgate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dqgate.config.NotifySpec;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Announcements against a real HTTP server on the loopback interface, remembered in a real repository. */
class DayNotifierTest {
  private static final String DATASET = "applications";
  private static final LocalDate DAY = LocalDate.of(2026, 8, 21);

  @TempDir
  java.nio.file.Path dir;

  private HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());
  /** Answers to give, in order; 200 once they are used up. */
  private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
  private ParquetMetricsRepository repository;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      int code = answers.isEmpty() ? 200 : answers.remove(0);
      byte[] reply = (code == 200 ? "ok" : "try later").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(code, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(), new Configuration());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private DayNotifier notifier(URI webhook, Status... on) {
    NotifySpec spec = new NotifySpec(Optional.of(webhook), EnumSet.of(on[0], on), Duration.ofSeconds(5), 2);
    return new DayNotifier(spec, repository, "run-1", new WebhookClient(spec.timeout(), spec.retries(),
        Duration.ofMillis(10)));
  }

  private static Finding finding(Severity severity, String column, String metric, String cause, String message) {
    return new Finding("series", metric, column, null, 1, 0, 0, 10, severity, message, cause, null);
  }

  private static Verdict verdict(LocalDate day, Finding... findings) {
    return Verdict.of(DATASET, day, List.of(findings));
  }

  /** Stores the verdict with its day, as detect does before it announces. */
  private Verdict judged(Verdict verdict) {
    new Detection(repository).record(verdict, "run-1");
    return verdict;
  }

  @Test
  void aBlockedDayPostsOneMessageWithItsSummaryTopFindingsReportAndVerdict() throws IOException {
    Verdict verdict = judged(verdict(DAY,
        finding(Severity.BLOCK, "income", "null_fraction", "null-spike", "income.null_fraction = 0.4008"),
        finding(Severity.BLOCK, "gender", "domain", "new-values", "rule domain broken on gender"),
        finding(Severity.WARN, null, "row_count", "volume", "row_count = 10")));

    DayNotifier.Outcome outcome = notifier(hook(), Status.BLOCK, Status.WARN)
        .announce(verdict, Optional.of("BLOCK: quarantined to /q/dt=2026-08-21"), Optional.of("/r/report.html"));

    assertThat(outcome).isEqualTo(DayNotifier.Outcome.SENT);
    assertThat(bodies).hasSize(1);
    assertThat(contentTypes).containsExactly("application/json; charset=utf-8");
    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertThat(body.get("text").asText()).isEqualTo(String.join("\n",
        "BLOCK applications 2026-08-21: 3 finding(s), top: series income null_fraction",
        "• BLOCK income [null-spike]: income.null_fraction = 0.4008",
        "• BLOCK gender [new-values]: rule domain broken on gender",
        "• WARN (dataset) [volume]: row_count = 10",
        "BLOCK: quarantined to /q/dt=2026-08-21",
        "report: /r/report.html"));
    assertThat(body.get("status").asText()).isEqualTo("BLOCK");
    assertThat(body.get("dataset").asText()).isEqualTo(DATASET);
    assertThat(body.get("partition_date").asText()).isEqualTo("2026-08-21");
    assertThat(body.get("report").asText()).isEqualTo("/r/report.html");
    assertThat(body.get("verdict")).isEqualTo(new ObjectMapper().readTree(verdict.toJson()));
    MetricRecord record = notification(DAY);
    assertThat(record.value()).isEqualTo(1.0);
    assertThat(record.detail()).isEqualTo("{\"outcome\":\"sent\",\"status\":\"BLOCK\",\"attempts\":1,\"announced\":"
        + "[\"gender.domain\",\"income.null_fraction\",\"series:row_count\"],\"detail\":\"HTTP 200\"}");
  }

  @Test
  void aWarnStreakOnOneMetricIsSentOnceAndANewWarningIsSentAgain() {
    DayNotifier notifier = notifier(hook(), Status.WARN, Status.BLOCK);
    Finding income = finding(Severity.WARN, "income", "null_fraction", "null-spike", "income up");
    Finding age = finding(Severity.WARN, "age", "mean", "distribution-shift", "age up");

    assertThat(notifier.announce(judged(verdict(DAY, income)), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.SENT);
    assertThat(notifier.announce(judged(verdict(DAY.plusDays(1), income)), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.REPEAT);
    assertThat(notifier.announce(judged(verdict(DAY.plusDays(2), income)), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.REPEAT);
    assertThat(bodies).hasSize(1);
    assertThat(notifier.announce(judged(verdict(DAY.plusDays(3), income, age)), Optional.empty(),
        Optional.empty())).isEqualTo(DayNotifier.Outcome.SENT);
    assertThat(bodies).hasSize(2);
    assertThat(notification(DAY.plusDays(1)).detail()).isEqualTo(
        "{\"outcome\":\"repeat\",\"status\":\"WARN\",\"attempts\":0,\"announced\":[],\"detail\":\"\"}");
    // A day without the warning ends the streak: the next one is a new streak.
    assertThat(notifier.announce(judged(verdict(DAY.plusDays(4))), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.NOT_ASKED);
    assertThat(notifier.announce(judged(verdict(DAY.plusDays(5), income)), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.SENT);
    assertThat(bodies).hasSize(3);
  }

  @Test
  void aStreakWhoseFirstMessageFailedIsSentTheNextDay() {
    answers.addAll(List.of(500, 500, 500));
    DayNotifier notifier = notifier(hook(), Status.WARN);
    Finding income = finding(Severity.WARN, "income", "null_fraction", "null-spike", "income up");

    assertThat(notifier.announce(judged(verdict(DAY, income)), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.FAILED);
    assertThat(bodies).hasSize(3);
    assertThat(notification(DAY).detail()).isEqualTo("{\"outcome\":\"failed\",\"status\":\"WARN\",\"attempts\":3,"
        + "\"announced\":[],\"detail\":\"HTTP 500 (try later)\"}");
    assertThat(notifier.announce(judged(verdict(DAY.plusDays(1), income)), Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.SENT);
    assertThat(bodies).hasSize(4);
  }

  @Test
  void aServerErrorIsRetriedAndAClientErrorIsNot() {
    answers.addAll(List.of(503, 200));
    Verdict blocked = judged(verdict(DAY, finding(Severity.BLOCK, "age", "range", "out-of-range", "age")));
    assertThat(notifier(hook(), Status.BLOCK).announce(blocked, Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.SENT);
    assertThat(bodies).hasSize(2);
    assertThat(notification(DAY).detail()).contains("\"attempts\":2");

    answers.add(404);
    assertThat(notifier(hook(), Status.BLOCK).announce(blocked, Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.FAILED);
    assertThat(bodies).hasSize(3);
  }

  @Test
  void anUnreachableWebhookFailsQuietlyAndAVerdictNotAskedForSendsNothing() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Verdict blocked = judged(verdict(DAY, finding(Severity.BLOCK, "age", "range", "out-of-range", "age")));
    assertThat(notifier(URI.create("http://127.0.0.1:" + closed + "/hook"), Status.BLOCK)
        .announce(blocked, Optional.empty(), Optional.empty())).isEqualTo(DayNotifier.Outcome.FAILED);
    assertThat(notification(DAY).value()).isEqualTo(0.0);
    assertThat(notification(DAY).detail()).startsWith("{\"outcome\":\"failed\",\"status\":\"BLOCK\",\"attempts\":3,");

    Verdict passed = judged(verdict(DAY.plusDays(1)));
    assertThat(notifier(hook(), Status.BLOCK, Status.WARN).announce(passed, Optional.empty(), Optional.empty()))
        .isEqualTo(DayNotifier.Outcome.NOT_ASKED);
    assertThat(bodies).isEmpty();
    assertThat(repository.loadDay(DATASET, DAY.plusDays(1)).stream()
        .filter(m -> m.metric().equals(MetricNames.NOTIFICATION))).isEmpty();
  }

  private MetricRecord notification(LocalDate day) {
    return repository.loadDay(DATASET, day).stream()
        .filter(m -> m.key().equals(MetricKey.dataset(MetricNames.NOTIFICATION))).findFirst().orElseThrow();
  }
}
