package io.dqgate.config;

import io.dqgate.BadConfigException;
import io.dqgate.vocabulary.Status;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a dataset's judged days are announced: a webhook (Slack-compatible) and the verdicts that are sent.
 * Without a webhook nothing is sent.
 */
public record NotifySpec(Optional<URI> webhook, Set<Status> on, Duration timeout, int retries) {
  static final Set<String> KEYS = Set.of("webhook", "on", "timeout-seconds", "retries");

  public NotifySpec {
    on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
  }

  static NotifySpec from(ConfigReader r) {
    r.requireOnly(KEYS);
    Optional<URI> webhook = r.optionalString("webhook").map(w -> webhook(r.path("webhook"), w));
    Set<Status> on = EnumSet.noneOf(Status.class);
    List<String> statuses = r.stringList("on");
    for (int i = 0; i < statuses.size(); i++) {
      on.add(status(r.path("on") + "[" + i + "]", statuses.get(i)));
    }
    int timeout = r.positiveInteger("timeout-seconds");
    int retries = r.integer("retries");
    if (retries < 0 || retries > 10) {
      throw r.errorAt("retries", "must be between 0 and 10, was " + retries);
    }
    return new NotifySpec(webhook, on, Duration.ofSeconds(timeout), retries);
  }

  /** An absolute http(s) URL with a host, or a one-line error naming {@code key} and the value. */
  public static URI webhook(String key, String value) {
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the value
    }
    throw new BadConfigException(key + ": must be an http:// or https:// URL with a host, was \"" + value + "\"");
  }

  private static Status status(String key, String value) {
    for (Status s : Status.values()) {
      if (s.name().equalsIgnoreCase(value.trim())) {
        return s;
      }
    }
    throw ConfigReader.error(key, "must be one of pass, warn, block, was \"" + value + "\"");
  }

  /** Whether a day with this verdict is announced. */
  public boolean announces(Status status) {
    return webhook.isPresent() && on.contains(status);
  }
}
