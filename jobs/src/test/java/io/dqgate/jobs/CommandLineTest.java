package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The {@code dqgate} command line end to end in this JVM: exit codes, output, one-line errors. */
@ExtendWith(SparkExtension.class)
class CommandLineTest {
  @TempDir
  Path dir;
  Path feed;
  Path repo;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void setUp(SparkSession spark) throws IOException {
    feed = dir.resolve("orders");
    repo = dir.resolve("repo");
    Path day = feed.resolve("dt=2026-08-05");
    Files.createDirectories(day);
    Files.writeString(day.resolve("part-0.csv"), String.join("\n",
        "order_id,customer,amount,status",
        "1,c1,10.5,open",
        "2,c2,,closed",
        "2,c3,30,open",
        "3,,40,open",
        "") , StandardCharsets.UTF_8);
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String[] profile(String... extra) {
    List<String> args = new ArrayList<>(List.of("profile", "--source", feed.toString(), "--format", "csv",
        "--partitioning", "dt={date}", "--date", "2026-08-05", "--repository", repo.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void sampleOfADayWithoutAVerdictFailsWithOneLineAndWritesNothing() {
    assertThat(run(profile("--primary-key", "order_id")).code()).isEqualTo(0);
    Path out = dir.resolve("audit");
    Result sample = run("sample", "--source", feed.toString(), "--format", "csv", "--partitioning", "dt={date}",
        "--date", "2026-08-05", "--repository", repo.toString(), "--out", out.toString());
    assertThat(sample.code()).isEqualTo(Main.FAILED);
    assertThat(sample.err()).isEqualTo("dqgate sample: error: no verdict of orders on 2026-08-05 in file:" + repo
        + ": run detect or run for the day first" + System.lineSeparator());
    assertThat(out).doesNotExist();

    Result badFraction = run("sample", "--source", feed.toString(), "--date", "2026-08-05", "--out", out.toString(),
        "--fraction", "2");
    assertThat(badFraction.err()).isEqualTo("dqgate sample: error: --fraction: must be > 0 and <= 1, was 2"
        + System.lineSeparator());
    Result orphan = run("run", "--source", feed.toString(), "--date", "2026-08-05", "--sample-seed", "3",
        "--publish-to", dir.resolve("store").toString());
    assertThat(orphan.err()).isEqualTo("dqgate run: error: --sample-seed: needs --sample-to DIR (where the audit "
        + "sample goes)" + System.lineSeparator());
  }

  @Test
  void profileThenMetricsAsJsonGivesTheStoredValues() throws IOException {
    Result profiled = run(profile("--primary-key", "order_id"));
    assertThat(profiled.code()).as(profiled.err()).isEqualTo(0);

    Result printed = run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--date", "2026-08-05", "--format", "json");
    assertThat(printed.code()).as(printed.err()).isEqualTo(0);
    JsonNode array = new ObjectMapper().readTree(printed.out());
    Map<String, Double> values = new HashMap<>();
    for (JsonNode m : array) {
      assertThat(m.get("dataset").asText()).isEqualTo("orders");
      assertThat(m.get("partition_date").asText()).isEqualTo("2026-08-05");
      values.put(m.get("entity").asText() + ":" + m.get("instance").asText() + ":" + m.get("metric").asText(),
          m.get("value").isNull() ? Double.NaN : m.get("value").asDouble());
    }
    assertThat(values.get("dataset:*:row_count")).isEqualTo(4.0);
    assertThat(values.get("dataset:order_id:duplicate_key_count")).isEqualTo(1.0);
    assertThat(values.get("column:amount:null_fraction")).isEqualTo(0.25);
    assertThat(values.get("column:customer:null_fraction")).isEqualTo(0.25);
    assertThat(values.get("column:amount:min")).isEqualTo(10.5);
    assertThat(values.get("column:amount:max")).isEqualTo(40.0);
    assertThat(values.get("column:amount:mean")).isCloseTo(80.5 / 3, within(1e-12));
    assertThat(values.get("column:status:value_proportions")).isEqualTo(0.75);
  }

  @Test
  void metricsAsCsvHasAHeaderAndOneLinePerMetric() {
    assertThat(run(profile()).code()).isEqualTo(0);
    Result printed = run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--date", "2026-08-05", "--format", "csv");
    assertThat(printed.code()).isEqualTo(0);
    List<String> lines = printed.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("dataset,partition_date,run_id,computed_at,entity,instance,metric,value,detail");
    assertThat(lines).anyMatch(l -> l.startsWith("orders,2026-08-05,") && l.contains(",dataset,*,row_count,4.0,"));
  }

  @Test
  void rerunningADayReplacesIt() throws IOException {
    assertThat(run(profile()).code()).isEqualTo(0);
    Files.writeString(feed.resolve("dt=2026-08-05").resolve("part-0.csv"),
        "order_id,customer,amount,status\n9,c9,1,open\n", StandardCharsets.UTF_8);
    assertThat(run(profile()).code()).isEqualTo(0);
    Result printed = run("metrics", "--repository", repo.toString(), "--dataset", "orders", "--date", "2026-08-05");
    JsonNode array = new ObjectMapper().readTree(printed.out());
    Set<String> runIds = new HashSet<>();
    for (JsonNode m : array) {
      runIds.add(m.get("run_id").asText());
      if (m.get("metric").asText().equals("row_count")) {
        assertThat(m.get("value").asDouble()).isEqualTo(1.0);
      }
    }
    assertThat(runIds).hasSize(1);
  }

  private void assertFailsUntouched(Result result, String expectedError) throws IOException {
    assertThat(result.code()).isEqualTo(1);
    List<String> errLines = result.err().lines().toList();
    assertThat(errLines).hasSize(1);
    assertThat(errLines.get(0)).isEqualTo(expectedError);
    if (Files.exists(repo)) {
      try (Stream<Path> files = Files.walk(repo)) {
        assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
      }
    }
  }

  @Test
  void missingSourceFolder() throws IOException {
    Path missing = dir.resolve("nowhere");
    assertFailsUntouched(run("profile", "--source", missing.toString(), "--date", "2026-08-05",
        "--repository", repo.toString()),
        "dqgate profile: error: source.path: folder not found: " + missing);
  }

  @Test
  void missingPartition() throws IOException {
    assertFailsUntouched(run(profile()[0], "--source", feed.toString(), "--date", "2026-08-06",
        "--repository", repo.toString()),
        "dqgate profile: error: no partition for 2026-08-06: " + feed + "/dt=2026-08-06 not found");
  }

  @Test
  void unknownFormat() throws IOException {
    assertFailsUntouched(run(profile("--format", "xml")),
        "dqgate profile: error: datasets.orders.source.format: must be one of csv, tsv, json, parquet, orc, "
            + "was \"xml\"");
  }

  @Test
  void badDate() throws IOException {
    assertFailsUntouched(run("profile", "--source", feed.toString(), "--date", "2026-13-01",
        "--repository", repo.toString()),
        "dqgate profile: error: --date: not a date (YYYY-MM-DD): 2026-13-01");
  }

  @Test
  void configKeyWithTheWrongType() throws IOException {
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "datasets.orders { source.path = \"" + feed + "\"\n columns.amount.max = lots }\n");
    assertFailsUntouched(run("profile", "--conf", conf.toString(), "--dataset", "orders", "--date", "2026-08-05",
        "--repository", repo.toString()),
        "dqgate profile: error: datasets.orders.columns.amount.max: must be a number, was \"lots\"");
  }

  @Test
  void primaryKeyColumnThatDoesNotExist() throws IOException {
    assertFailsUntouched(run(profile("--primary-key", "order_id,order_line")),
        "dqgate profile: error: datasets.orders.primary-key: column \"order_line\" not found in "
            + feed + "/dt=2026-08-05 (columns: order_id, customer, amount, status)");
  }

  @Test
  void corruptParquetFile(SparkSession spark) throws IOException {
    Path table = dir.resolve("events");
    Path day = table.resolve("dt=2026-08-05");
    spark.range(10).toDF("id").write().parquet(day.toString());
    Path corrupt = day.resolve("part-99999-corrupt.parquet");
    Files.write(corrupt, "this is not parquet at all, only text".getBytes(StandardCharsets.UTF_8));
    Result result = run("profile", "--source", table.toString(), "--format", "parquet", "--date", "2026-08-05",
        "--repository", repo.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).startsWith("dqgate profile: error: cannot read file:" + corrupt
        + ": cannot read Parquet footer: ");
    assertThat(Files.exists(repo.resolve("dataset=events"))).isFalse();
  }

  @Test
  void unknownOptionAndCommand() {
    Result option = run("profile", "--sorce", "x");
    assertThat(option.code()).isEqualTo(1);
    assertThat(option.err()).startsWith("dqgate profile: error: profile: unknown option --sorce (options: ");
    Result command = run("profiel");
    assertThat(command.code()).isEqualTo(1);
    assertThat(command.err().strip()).isEqualTo("dqgate profiel: error: unknown command \"profiel\"; did you mean "
        + "\"profile\"? (see dqgate help)");
  }

  @Test
  void metricsForADayNeverProfiled() {
    Result result = run("metrics", "--repository", repo.toString(), "--dataset", "orders", "--date", "2026-08-01");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip()).isEqualTo("dqgate metrics: error: no metrics for orders on 2026-08-01 in file:"
        + repo);
  }
}
