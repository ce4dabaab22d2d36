package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.Provenance;
import io.dqgate.jobs.CommandLineTest.Result;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code dqgate metrics} without {@code --date}: the stored days with the provenance of each owner's records. */
@ExtendWith(SparkExtension.class)
class MetricsCommandTest {
  private static final String FIRST = "2026-08-05";
  private static final String SECOND = "2026-08-06";

  @TempDir
  Path dir;
  Path feed;
  Path repo;

  @BeforeEach
  void setUp(SparkSession spark) throws IOException {
    feed = dir.resolve("orders");
    repo = dir.resolve("repo");
    for (String day : List.of(FIRST, SECOND)) {
      Path folder = feed.resolve("dt=" + day);
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("part-0.csv"), "order_id,amount\n1,10.5\n2,20\n3,\n", StandardCharsets.UTF_8);
    }
  }

  private String[] command(String name, String date, String... extra) {
    List<String> args = new ArrayList<>(List.of(name, "--source", feed.toString(), "--format", "csv",
        "--partitioning", "dt={date}", "--date", date, "--repository", repo.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** The run id every record of a stored day's owner carries, read back through {@code metrics --date}. */
  private String profileRunId(String date) throws IOException {
    Result day = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders", "--date", date);
    assertThat(day.code()).as(day.err()).isZero();
    JsonNode rowCount = null;
    for (JsonNode m : new ObjectMapper().readTree(day.out())) {
      if (m.get("metric").asText().equals("row_count")) {
        rowCount = m;
      }
    }
    assertThat(rowCount).isNotNull();
    return rowCount.get("run_id").asText();
  }

  @Test
  void theStoredDaysListEachOwnersRunVersionCommitAndConfig() throws IOException {
    Path filesVerdict = dir.resolve("files.json");
    Result checked = CommandLineTest.run(command("check-files", FIRST, "--verdict-json", filesVerdict.toString()));
    assertThat(checked.code()).as(checked.err()).isZero();
    assertThat(CommandLineTest.run(command("profile", FIRST)).code()).isZero();
    assertThat(CommandLineTest.run(command("profile", SECOND)).code()).isZero();
    JsonNode files = new ObjectMapper().readTree(filesVerdict.toFile()).get("provenance");
    String filesRun = files.get("run_id").asText();
    String config = files.get("config_sha256").asText();
    String version = Provenance.buildVersion();
    String commit = Provenance.buildCommit();
    String firstProfile = profileRunId(FIRST);
    String secondProfile = profileRunId(SECOND);
    assertThat(config).hasSize(64);
    assertThat(List.of(filesRun, firstProfile, secondProfile)).doesNotHaveDuplicates();

    Result table = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders");

    assertThat(table.code()).as(table.err()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(
        "date       owner        run                      dqgate          commit       config");
    assertThat(lines.subList(1, lines.size()).stream().map(l -> List.of(l.split(" +"))).toList()).containsExactly(
        List.of(FIRST, "files", filesRun, version, twelve(commit), twelve(config)),
        List.of(FIRST, "profile", firstProfile, version, twelve(commit), twelve(config)),
        List.of(SECOND, "profile", secondProfile, version, twelve(commit), twelve(config)));

    Result json = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--from", SECOND, "--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    List<Map<String, String>> days = new ArrayList<>();
    for (JsonNode day : new ObjectMapper().readTree(json.out())) {
      Map<String, String> fields = new LinkedHashMap<>();
      day.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
      days.add(fields);
    }
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("partition_date", SECOND);
    expected.put("owner", "profile");
    expected.put("run_id", secondProfile);
    expected.put("dqgate_version", version);
    expected.put("dqgate_commit", commit);
    expected.put("config_sha256", config);
    assertThat(days).containsExactly(expected);

    Result csv = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--to", FIRST, "--format", "csv");
    assertThat(csv.out().lines().toList()).containsExactly(
        "partition_date,owner,run_id,dqgate_version,dqgate_commit,config_sha256",
        String.join(",", FIRST, "files", filesRun, version, commit, config),
        String.join(",", FIRST, "profile", firstProfile, version, commit, config));
  }

  @Test
  void aListingWithNothingStoredOrAFormatItHasNotFailsWithOneLine() {
    Result empty = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders");
    assertThat(empty.code()).isEqualTo(Main.FAILED);
    assertThat(empty.err()).isEqualTo("dqgate metrics: error: no stored days of orders in file:" + repo
        + System.lineSeparator());

    Result range = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--from", FIRST, "--to", SECOND);
    assertThat(range.err()).isEqualTo("dqgate metrics: error: no stored days of orders from " + FIRST + " to "
        + SECOND + " in file:" + repo + System.lineSeparator());

    Result table = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--date", FIRST, "--format", "table");
    assertThat(table.err()).isEqualTo("dqgate metrics: error: --format: must be json or csv for a day, was \"table\""
        + System.lineSeparator());

    Result bounded = CommandLineTest.run("metrics", "--repository", repo.toString(), "--dataset", "orders",
        "--date", FIRST, "--from", FIRST);
    assertThat(bounded.err()).isEqualTo("dqgate metrics: error: --from: limits the listing of stored days, not one "
        + "day's metrics (--date " + FIRST + "), was " + FIRST + System.lineSeparator());
  }

  private static String twelve(String value) {
    return value.length() > 12 ? value.substring(0, 12) : value;
  }
}
