package io.dqgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's headless chromium on a local page, with no network, for the report's browser tests. */
public final class HeadlessChromium {
  public static final Path BINARY = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /**
   * Runs chromium on {@code page} with {@code args} (e.g. {@code --dump-dom}, {@code --screenshot=FILE}), its
   * profile and output files under {@code work}; returns what it printed (the DOM for {@code --dump-dom}).
   */
  public static String run(Path page, Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"),
        // anything that tries the network fails fast instead of loading
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"));
    command.addAll(List.of(args));
    command.add(page.toUri().toString());
    Path output = Files.createTempFile(work, "chromium", ".out");
    Path errors = Files.createTempFile(work, "chromium", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile())
        .start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("chromium finished within 120 s: " + Files.readString(errors)).isTrue();
    assertThat(process.exitValue()).as("chromium exit code; stderr: " + Files.readString(errors)).isZero();
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
