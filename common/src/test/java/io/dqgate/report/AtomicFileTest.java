package io.dqgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result file is written whole, replaces the previous one and leaves no temporary file behind. */
class AtomicFileTest {
  @TempDir
  Path dir;

  private static long files(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.count();
    }
  }

  @Test
  void writesCreatesTheFolderAndReplaces() throws IOException {
    Path target = dir.resolve("out").resolve("verdict.json");
    AtomicFile.write(target, "{\"status\":\"PASS\"}", "--verdict-json");
    AtomicFile.write(target, "{\"status\":\"BLOCK\"}", "--verdict-json");

    assertThat(Files.readString(target)).isEqualTo("{\"status\":\"BLOCK\"}");
    assertThat(files(target.getParent())).isEqualTo(1);
  }

  @Test
  void aTargetThatCannotBeWrittenIsNamedWithItsOptionAndLeavesNothing() throws IOException {
    Path folder = dir.resolve("report.html");
    Files.createDirectories(folder.resolve("inside"));

    assertThatThrownBy(() -> AtomicFile.write(folder, "<html></html>", "--out"))
        .isInstanceOf(DqgateException.class)
        .hasMessageStartingWith("--out: cannot write " + folder + ": java.nio.file.");
    assertThat(files(dir)).isEqualTo(1);
    assertThat(Files.isDirectory(folder.resolve("inside"))).isTrue();
  }
}
