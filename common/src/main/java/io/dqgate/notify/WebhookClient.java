package io.dqgate.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs JSON to a webhook with a timeout per attempt, retrying what a retry may cure: no answer, 408, 429 and
 * 5xx, after 1 s, 2 s, 4 s ... Other answers are final. Never throws: the outcome says what happened.
 */
public final class WebhookClient {
  /** What became of one message. */
  public record Delivery(boolean delivered, int attempts, String detail) {}

  private final Duration timeout;
  private final int retries;
  private final Duration firstBackoff;

  public WebhookClient(Duration timeout, int retries, Duration firstBackoff) {
    this.timeout = timeout;
    this.retries = retries;
    this.firstBackoff = firstBackoff;
  }

  public Delivery post(URI webhook, String json) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(webhook).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    String detail = "";
    int attempt = 0;
    while (attempt <= retries) {
      if (attempt > 0 && !sleep(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10)))) {
        break;
      }
      attempt++;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
          return new Delivery(true, attempt, "HTTP " + code);
        }
        detail = "HTTP " + code + answer(response.body());
        if (code != 408 && code != 429 && code < 500) {
          break;
        }
      } catch (IOException e) {
        detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        detail = "interrupted";
        break;
      }
    }
    return new Delivery(false, attempt, detail);
  }

  private static String answer(String body) {
    String line = body == null ? "" : body.strip().split("\\R", 2)[0];
    return line.isEmpty() ? "" : " (" + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + ")";
  }

  private static boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
