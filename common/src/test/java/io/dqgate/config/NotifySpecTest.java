package io.dqgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.BadConfigException;
import io.dqgate.vocabulary.Status;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify { webhook, on, timeout-seconds, retries }: checked at load, one line naming the key. */
class NotifySpecTest {
  private static final String DATASET = "applications";

  @TempDir
  Path dir;

  @Test
  void theConfigNamesTheKeyOfABadWebhookOrStatus() {
    ConfigFiles files = new ConfigFiles(dir);
    String base = "datasets.applications { source.path = \"/data/applications\", notify ";
    assertThatThrownBy(() -> files.load(base + "{ webhook = \"ftp://hooks.example.com/x\" } }"))
        .isInstanceOf(BadConfigException.class).hasMessage("datasets.applications.notify.webhook: must be an "
            + "http:// or https:// URL with a host, was \"ftp://hooks.example.com/x\"");
    assertThatThrownBy(() -> files.load(base + "{ webhook = \"https://hooks.example.com/x\", on = [block, blok] } }"))
        .isInstanceOf(BadConfigException.class)
        .hasMessage("datasets.applications.notify.on[1]: must be one of pass, warn, block, was \"blok\"");
    assertThatThrownBy(() -> files.load(base + "{ retries = -1 } }")).isInstanceOf(BadConfigException.class)
        .hasMessage("datasets.applications.notify.retries: must be between 0 and 10, was -1");
    NotifySpec spec = files.load(base + "{ webhook = \"https://hooks.example.com/x\" } }").dataset(DATASET)
        .notifications();
    assertThat(spec).isEqualTo(new NotifySpec(Optional.of(URI.create("https://hooks.example.com/x")),
        EnumSet.of(Status.BLOCK, Status.WARN), Duration.ofSeconds(10), 2));
    assertThat(files.load(base + "{} }").dataset(DATASET).notifications().announces(Status.BLOCK)).isFalse();
    assertThat(files.load(base + "{} }").dataset(DATASET).configSha256()).isEqualTo(
        files.load(base + "{ webhook = \"https://hooks.example.com/x\" } }").dataset(DATASET).configSha256());
  }


  @Test
  void theNotifyFlagIsCheckedLikeTheKey() {
    assertThatThrownBy(() -> NotifySpec.webhook("--notify", "hooks.example.com/x"))
        .isInstanceOf(BadConfigException.class)
        .hasMessage("--notify: must be an http:// or https:// URL with a host, was \"hooks.example.com/x\"");
    assertThat(NotifySpec.webhook("--notify", "http://127.0.0.1:8080/hook"))
        .isEqualTo(URI.create("http://127.0.0.1:8080/hook"));
  }
}
