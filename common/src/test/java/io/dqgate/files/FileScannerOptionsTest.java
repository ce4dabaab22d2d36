package io.dqgate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.config.SourceFormat;
import io.dqgate.config.SourceSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spark-style reader options become {@link ScanOptions}; what crosses to executors serializes. */
class FileScannerOptionsTest {
  @Test
  void sparkDefaults() {
    assertThat(ScanOptions.defaults(SourceFormat.CSV))
        .isEqualTo(new ScanOptions(SourceFormat.CSV, ',', '"', '\\', true, false, 5));
    assertThat(ScanOptions.defaults(SourceFormat.TSV).delimiter()).isEqualTo('\t');
  }

  @Test
  void readsTheSourcesOptionsCaseInsensitively() {
    SourceSpec source = new SourceSpec("/data", SourceFormat.CSV, Optional.empty(), Optional.of("dt"),
        Map.of("delimiter", ";", "QUOTE", "'", "escape", "", "Header", "false", "multiline", "TRUE"));
    assertThat(ScanOptions.from(source)).isEqualTo(new ScanOptions(SourceFormat.CSV, ';', '\'', '\0', false, true, 5));
  }

  @Test
  void sepWinsOverDelimiterAndAcceptsBackslashT() {
    assertThat(ScanOptions.of(SourceFormat.CSV, Map.of("sep", "\\t", "delimiter", ";")).delimiter()).isEqualTo('\t');
  }

  @Test
  void errorsNameTheKeyAndValue() {
    assertThatThrownBy(() -> ScanOptions.of(SourceFormat.CSV, Map.of("sep", "||")))
        .isInstanceOf(DqgateException.class).hasMessage("source.options.sep: must be a single character, was \"||\"");
    assertThatThrownBy(() -> ScanOptions.of(SourceFormat.CSV, Map.of("header", "yes")))
        .isInstanceOf(DqgateException.class).hasMessage("source.options.header: must be true or false, was \"yes\"");
    assertThatThrownBy(() -> ScanOptions.of(SourceFormat.CSV, Map.of("quote", "ab")))
        .isInstanceOf(DqgateException.class).hasMessage("source.options.quote: must be a single character, was \"ab\"");
    assertThatThrownBy(() -> ScanOptions.of(SourceFormat.CSV, Map.of("sep", "\"")))
        .isInstanceOf(DqgateException.class).hasMessage("source.options: quote and delimiter cannot both be '\"'");
    assertThatThrownBy(() -> ScanOptions.of(SourceFormat.CSV, Map.of("sep", "§")))
        .isInstanceOf(DqgateException.class)
        .hasMessage("source.options: delimiter must be a single ASCII character, cannot be: U+00A7");
    assertThatThrownBy(() -> ScanOptions.defaults(SourceFormat.CSV).withMaxExamples(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxExamples must be at least 0, cannot be: -1");
  }

  @Test
  void optionsAndScansSerialize() throws Exception {
    ScanOptions options = ScanOptions.defaults(SourceFormat.CSV);
    assertThat(roundTrip(options)).isEqualTo(options);
    Map<String, String> types = new LinkedHashMap<>();
    types.put("z", "int");
    types.put("a", "string");
    FileScan scan = new FileScan("file:/x.parquet", 10, "ab", null, null, 0, 3, 0, List.of(), false, false, 0, -1,
        false, 0, -1, List.of("z", "a"), types, 3);
    FileScan back = roundTrip(scan);
    assertThat(back).isEqualTo(scan);
    assertThat(back.columnTypes().keySet()).containsExactly("z", "a");
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
