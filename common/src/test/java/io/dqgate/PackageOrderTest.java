package io.dqgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's packages follow the data's way: each imports only packages before it in the order README's
 * "Package order" line gives. Imports (static ones too) and fully qualified names in code count; comments
 * and string literals do not.
 */
class PackageOrderTest {
  private static final String ROOT = "io.dqgate";
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.dqgate((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
  /** Comments, text blocks, strings and characters: dropped before references are looked for. */
  private static final Pattern NOT_CODE = Pattern.compile(
      "/\\*[\\s\\S]*?\\*/|//[^\\n]*|\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'");

  @Test
  void everyPackageOfTheLibraryImportsOnlyPackagesBeforeIt() {
    List<String> order = orderInReadme(MODULE.resolve("../README.md"));
    assertThat(order).startsWith("io.dqgate", "vocabulary", "config").endsWith("pipeline").doesNotHaveDuplicates();
    assertThat(violations(MODULE.resolve("src/main/java"), order)).isEmpty();
  }

  @Test
  void aPackageImportingALaterOneIsNamedWithTheFileAndTheImport(@TempDir Path sources) throws IOException {
    write(sources, "config/FilesSpec.java", """
        package io.dqgate.config;

        import io.dqgate.vocabulary.Severity;
        import io.dqgate.files.FileCheck;
        // io.dqgate.detect.Detection is only named in this comment
        """);
    write(sources, "files/FileScan.java", """
        package io.dqgate.files;

        import static io.dqgate.detect.Detection.judge;

        class FileScan {
          String s = "io.dqgate.gate.PartitionGate in a string";
          Object p = new io.dqgate.pipeline.DayRun();
          io.dqgate.config.SourceSpec spec;
        }
        """);
    write(sources, "vocabulary/Severity.java", "package io.dqgate.vocabulary;\n\nimport io.dqgate.Provenance;\n");

    assertThat(violations(sources, List.of("io.dqgate", "vocabulary", "config", "files", "detect", "pipeline")))
        .containsExactly(
            "config/FilesSpec.java:4: package config imports io.dqgate.files.FileCheck from files, which comes"
                + " after it in the package order",
            "files/FileScan.java:3: package files imports io.dqgate.detect.Detection from detect, which comes"
                + " after it in the package order",
            "files/FileScan.java:7: package files imports io.dqgate.pipeline.DayRun from pipeline, which comes"
                + " after it in the package order");
  }

  @Test
  void aPackageMissingFromTheOrderIsNamed(@TempDir Path sources) throws IOException {
    write(sources, "calibration/Scores.java", "package io.dqgate.calibration;\n\nimport io.dqgate.config.X;\n");
    write(sources, "config/X.java", "package io.dqgate.config;\n\nimport io.dqgate.calibration.Scores;\n");

    assertThat(violations(sources, List.of("io.dqgate", "config"))).containsExactly(
        "calibration/Scores.java:1: package calibration is not in README's package order",
        "config/X.java:3: package config imports io.dqgate.calibration.Scores from calibration, which is not in"
            + " README's package order");
  }

  @Test
  void theOrderIsReadFromTheReadmeLineThatGivesIt(@TempDir Path dir) throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "## Layout\n\nPackage order: `io.dqgate` → `config` →\n`files` → `gate`\n\nmore `x`\n");

    assertThat(orderInReadme(readme)).containsExactly("io.dqgate", "config", "files", "gate");
  }

  /** Every reference from a package to one after it (or outside the order), as {@code file:line: message}. */
  static List<String> violations(Path sources, List<String> order) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String name = sources.relativize(file).toString().replace('\\', '/');
        String text = Files.readString(file);
        Matcher declared = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(text);
        if (!declared.find()) {
          continue;
        }
        String own = unit(declared.group(1));
        int ownRank = order.indexOf(own);
        if (ownRank < 0) {
          out.add(name + ":" + lineOf(text, declared.start()) + ": package " + own
              + " is not in README's package order");
          continue;
        }
        String code = blankOut(text.substring(declared.end()));
        int offset = declared.end();
        Matcher ref = REFERENCE.matcher(code);
        while (ref.find()) {
          String used = ref.group(1).isEmpty() ? ROOT : unit(ROOT + ref.group(1));
          int usedRank = order.indexOf(used);
          if (usedRank > ownRank || usedRank < 0) {
            out.add(name + ":" + lineOf(text, offset + ref.start()) + ": package " + own + " imports "
                + qualifiedName(code, ref) + " from " + used + ", which "
                + (usedRank < 0 ? "is not in README's package order" : "comes after it in the package order"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The backquoted names of the paragraph that starts with "Package order:". */
  static List<String> orderInReadme(Path readme) {
    String text;
    try {
      text = Files.readString(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = text.indexOf("\nPackage order:");
    assertThat(start).as("a line starting with \"Package order:\" in %s", readme).isNotNegative();
    int end = text.indexOf("\n\n", start + 1);
    String paragraph = text.substring(start, end < 0 ? text.length() : end);
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("`([\\w.]+)`").matcher(paragraph);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** {@code io.dqgate} for the root package, else the package's first segment under it. */
  private static String unit(String packageName) {
    if (packageName.equals(ROOT)) {
      return ROOT;
    }
    return packageName.substring(ROOT.length() + 1).split("\\.")[0];
  }

  /** The referenced name up to its first type: {@code io.dqgate.files.FileChecker}. */
  private static String qualifiedName(String code, Matcher ref) {
    int end = ref.end();
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    return code.substring(ref.start(), end);
  }

  /** The text with comments and literals replaced by spaces, line breaks kept so offsets stay put. */
  private static String blankOut(String text) {
    Matcher m = NOT_CODE.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        if (out.charAt(i) != '\n') {
          out.setCharAt(i, ' ');
        }
      }
    }
    return out.toString();
  }

  private static int lineOf(String text, int offset) {
    return 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
  }

  private static void write(Path root, String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
