package io.dqgate.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dqgate.config.NotifySpec;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.repository.RecordOwner;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a judged day to its dataset's webhook: one POST per day, whatever the number of findings. Never
 * throws and never changes the verdict: a failure is one logged line.
 *
 * <p>A WARN streak is announced once. What was announced is remembered in the metrics repository, as the
 * day's own {@code notification} record ({@link RecordOwner#NOTIFICATION}: written without touching the day's
 * other records), rather than derived from earlier days' verdicts alone, because a verdict says a day warned,
 * not that anyone was told: a POST that failed, or a webhook set up in the middle of a streak, must not
 * silence the days after it. A WARN day is sent when one of its warnings (a column and metric, or a
 * dataset-wide detector) is not part of a streak already announced — a streak being that warning on every
 * day back to a day whose message was delivered and named it. BLOCK and PASS days are always sent when
 * {@code notify.on} lists them.
 */
public final class DayNotifier {
  /** How far back a streak is followed. */
  static final int STREAK_LOOKBACK_DAYS = 60;
  private static final Logger LOG = LoggerFactory.getLogger("dqgate");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What became of the day's announcement. */
  public enum Outcome {
    /** No webhook, or the verdict is not in {@code notify.on}: nothing sent, nothing recorded. */
    NOT_ASKED,
    SENT,
    FAILED,
    /** Every warning of the day belongs to a streak already announced. */
    REPEAT
  }

  private final NotifySpec spec;
  private final MetricsRepository repository;
  private final String runId;
  private final WebhookClient client;

  public DayNotifier(NotifySpec spec, MetricsRepository repository, String runId) {
    this(spec, repository, runId, new WebhookClient(spec.timeout(), spec.retries(), Duration.ofSeconds(1)));
  }

  DayNotifier(NotifySpec spec, MetricsRepository repository, String runId, WebhookClient client) {
    this.spec = spec;
    this.repository = repository;
    this.runId = runId;
    this.client = client;
  }

  /**
   * Sends the day's message when the config asks for it.
   *
   * @param outcome what the gate did, as one line, when it ran
   * @param report where the day's report was written, when it was
   */
  public Outcome announce(Verdict verdict, Optional<String> outcome, Optional<String> report) {
    if (!spec.announces(verdict.status())) {
      return Outcome.NOT_ASKED;
    }
    String day = verdict.dataset() + " " + verdict.partitionDate();
    URI webhook = spec.webhook().orElseThrow();
    String where = webhook.getScheme() + "://" + webhook.getAuthority(); // the path may hold the hook's secret
    try {
      Set<String> warnings = warnings(verdict);
      if (verdict.status() == Status.WARN) {
        Set<String> fresh = new TreeSet<>(warnings);
        fresh.removeAll(announcedStreaks(verdict.dataset(), verdict.partitionDate(), warnings));
        if (fresh.isEmpty()) {
          LOG.info("notify {}: WARN on {} already announced on its streak's first day; not sent", day,
              String.join(", ", warnings));
          remember(verdict, Outcome.REPEAT, 0, Set.of(), "");
          return Outcome.REPEAT;
        }
      }
      WebhookClient.Delivery delivery = client.post(webhook, DayMessage.body(verdict, outcome, report));
      String attempts = delivery.attempts() + " attempt" + (delivery.attempts() == 1 ? "" : "s");
      if (delivery.delivered()) {
        LOG.info("notify {}: {} sent to {} ({})", day, verdict.status(), where, attempts);
        remember(verdict, Outcome.SENT, delivery.attempts(), warnings, delivery.detail());
        return Outcome.SENT;
      }
      LOG.warn("notify {}: not sent to {} after {} ({}); the verdict and exit code stand", day, where, attempts,
          oneLine(delivery.detail()));
      remember(verdict, Outcome.FAILED, delivery.attempts(), Set.of(), delivery.detail());
      return Outcome.FAILED;
    } catch (RuntimeException e) {
      LOG.warn("notify {}: not sent to {} ({}); the verdict and exit code stand", day, where,
          oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
      return Outcome.FAILED;
    }
  }

  /** The day's warnings, each as the column and metric it is on ({@code income.null_fraction}). */
  static Set<String> warnings(Verdict verdict) {
    Set<String> out = new TreeSet<>();
    for (Finding f : verdict.findings()) {
      if (f.severity().compareTo(Severity.WARN) >= 0) {
        out.add(f.column() == null ? f.detector() + ":" + f.metric() : f.column() + "." + f.metric());
      }
    }
    return out;
  }

  /** Of {@code warnings}, those whose streak up to the day before {@code date} was announced. */
  private Set<String> announcedStreaks(String dataset, LocalDate date, Set<String> warnings) {
    Map<LocalDate, Map<MetricKey, MetricRecord>> days = new HashMap<>();
    for (MetricRecord m : repository.loadRange(dataset, date.minusDays(STREAK_LOOKBACK_DAYS), date)) {
      days.computeIfAbsent(m.partitionDate(), d -> new HashMap<>()).put(m.key(), m);
    }
    Set<String> out = new TreeSet<>();
    for (String warning : warnings) {
      for (LocalDate d = date.minusDays(1); !d.isBefore(date.minusDays(STREAK_LOOKBACK_DAYS)); d = d.minusDays(1)) {
        Map<MetricKey, MetricRecord> day = days.getOrDefault(d, Map.of());
        MetricRecord verdict = day.get(MetricKey.dataset(MetricNames.VERDICT_STATUS));
        if (verdict == null || verdict.detail() == null
            || !warnings(Verdict.parse(verdict.detail(), "stored verdict of " + d)).contains(warning)) {
          break;
        }
        MetricRecord sent = day.get(MetricKey.dataset(MetricNames.NOTIFICATION));
        if (sent != null && sent.value() == 1 && announced(sent).contains(warning)) {
          out.add(warning);
          break;
        }
      }
    }
    return out;
  }

  private static Set<String> announced(MetricRecord record) {
    Set<String> out = new TreeSet<>();
    try {
      JsonNode detail = record.detail() == null ? null : JSON.readTree(record.detail());
      if (detail != null) {
        detail.path("announced").forEach(n -> out.add(n.asText()));
      }
    } catch (IOException e) {
      LOG.warn("notify: unreadable notification record of {}: {}", record.partitionDate(), oneLine(e.getMessage()));
    }
    return out;
  }

  private void remember(Verdict verdict, Outcome outcome, int attempts, Set<String> announced, String detail) {
    ObjectNode json = JSON.createObjectNode();
    json.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
    json.put("status", verdict.status().name());
    json.put("attempts", attempts);
    com.fasterxml.jackson.databind.node.ArrayNode names = json.putArray("announced");
    announced.forEach(names::add);
    json.put("detail", oneLine(detail));
    MetricRecord record = new MetricRecord(verdict.dataset(), verdict.partitionDate(), runId, Instant.now(),
        Entity.DATASET, MetricKey.WHOLE_DATASET, MetricNames.NOTIFICATION, outcome == Outcome.SENT ? 1 : 0,
        json.toString());
    try {
      repository.replaceOwned(RecordOwner.NOTIFICATION, verdict.dataset(), verdict.partitionDate(),
          new ArrayList<>(List.of(record)));
    } catch (RuntimeException e) {
      LOG.warn("notify {} {}: {} but not recorded in {} ({})", verdict.dataset(), verdict.partitionDate(),
          outcome.name().toLowerCase(java.util.Locale.ROOT), repository.location(), oneLine(e.getMessage()));
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
