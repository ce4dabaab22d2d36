package io.dqgate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.sample.SampleFeedGenerator;
import io.dqgate.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * suggest end to end on the sample feed: 31 days profiled with no config, the contaminated day blocked by
 * detection, a config suggested from the 30 clean days, then every day profiled again with it.
 */
@ExtendWith(SparkExtension.class)
class SuggestCommandTest {
  private static final LocalDate START = SampleFeedGenerator.DEFAULT_START;
  private static final LocalDate END = START.plusDays(30);
  private static final LocalDate BAD = START.plusDays(SampleFeedGenerator.DEFAULT_CONTAMINATED_DAY_INDEX);

  @TempDir
  Path dir;

  @Test
  void aConfigSuggestedFromTheCleanDaysHoldsOnThemAndBlocksTheContaminatedDayByItsRules() throws IOException {
    Path feed = dir.resolve("feed").resolve("applications");
    SampleFeedGenerator.builder().days(31).rowsPerWeekday(300).build().write(feed);
    Path learnt = dir.resolve("learnt");
    String[] zeroConfig = {"--source", feed.toString(), "--option", "escape=\"", "--repository", learnt.toString()};
    CommandLineTest.Result backfill = run(zeroConfig, "backfill", "--from", START.toString(), "--to", END.toString());
    assertThat(backfill.code()).as(backfill.err()).isEqualTo(Main.OK);
    CommandLineTest.Result detect = run(zeroConfig, "detect", "--date", BAD.toString());
    assertThat(detect.code()).as(detect.out() + detect.err()).isEqualTo(Main.BLOCKED);

    Path suggested = dir.resolve("suggested.conf");
    CommandLineTest.Result suggest = run(zeroConfig, "suggest", "--from", START.toString(), "--to", END.toString(),
        "--out", suggested.toString());
    assertThat(suggest.code()).as(suggest.err()).isEqualTo(Main.OK);
    String text = Files.readString(suggested);
    assertThat(text).startsWith("# Suggested by dqgate from the metrics of 30 clean days of applications between "
        + START + " and " + END + " (" + START + " .. " + END + ").\n# Left out: " + BAD + " blocked.\n");
    assertThat(text).contains("        # never null on 30/30 days\n        not-null = true\n")
        .contains("        # every value matched \"dd-MM-yyyy\" on 30/30 days\n        format = \"dd-MM-yyyy\"\n")
        .contains("        # every value on 30/30 days is one of these 3\n")
        .contains("    # primary key: never null, and distinct values matched the rows within the distinct-count "
            + "estimate's error on 30/30 days (the unique_key rule then checks exactly)\n");

    DatasetSpec spec = DqgateConfig.load(suggested.toFile(), Map.of()).dataset("applications");
    assertThat(spec.primaryKey()).containsExactly("application_id");
    assertThat(spec.columns().keySet()).containsExactlyInAnyOrderElementsOf(SampleFeedGenerator.COLUMNS);
    assertThat(SampleFeedGenerator.COLUMNS.stream().map(c -> spec.column(c).kind().map(ColumnKind::label)
        .orElse("?")).toList()).containsExactly("id", "timestamp", "date", "numeric", "categorical", "categorical",
        "categorical", "numeric", "numeric", "numeric", "numeric", "text", "numeric");
    assertThat(spec.column("gender").domain()).containsExactlyInAnyOrderElementsOf(SampleFeedGenerator.GENDERS);
    assertThat(spec.column("region").domain()).containsExactlyInAnyOrderElementsOf(SampleFeedGenerator.REGIONS);
    assertThat(spec.column("channel").domain()).containsExactlyInAnyOrderElementsOf(SampleFeedGenerator.CHANNELS);
    assertThat(spec.column("birth_date").format()).contains("dd-MM-yyyy");
    assertThat(spec.column("applied_at").format()).contains("yyyy-MM-dd HH:mm:ss");
    List<String> notNull = SampleFeedGenerator.COLUMNS.stream()
        .filter(c -> spec.column(c).maxNullFraction().equals(Optional.of(0.0))).toList();
    assertThat(notNull).containsExactly("application_id", "applied_at", "birth_date", "age", "gender", "region",
        "channel", "loan_amount", "credit_score", "email", "defaulted");
    assertThat(spec.column("income").maxNullFraction().orElseThrow()).isBetween(0.01, 0.2);
    assertThat(spec.column("age").min().orElseThrow()).isBetween(0.0, 18.0);
    assertThat(spec.column("age").max().orElseThrow()).isBetween(90.0, 200.0);

    Path replayed = dir.resolve("replayed");
    String[] suggestedConfig = {"--conf", suggested.toString(), "--dataset", "applications", "--repository",
        replayed.toString()};
    CommandLineTest.Result again = run(suggestedConfig, "backfill", "--from", START.toString(), "--to",
        END.toString());
    assertThat(again.code()).as(again.err()).isEqualTo(Main.OK);
    ParquetMetricsRepository repository = new ParquetMetricsRepository(replayed.toString(), new Configuration());
    List<String> brokenOnCleanDays = new ArrayList<>();
    for (LocalDate day = START; !day.isAfter(END); day = day.plusDays(1)) {
      List<MetricRecord> rules = repository.loadDay("applications", day).stream()
          .filter(m -> m.metric().startsWith(MetricNames.RULE_PREFIX)).toList();
      assertThat(rules).as("rules of " + day).hasSize(25);
      List<String> broken = rules.stream().filter(m -> m.value() == 0).map(m -> m.instance() + ":" + m.metric())
          .sorted().toList();
      if (day.equals(BAD)) {
        assertThat(broken).containsExactly("age:rule.range", "application_id:rule.unique_key",
            "birth_date:rule.format", "gender:rule.domain", "income:rule.max_null_fraction");
      } else {
        String cleanDay = day.toString();
        brokenOnCleanDays.addAll(broken.stream().map(b -> cleanDay + " " + b).toList());
      }
    }
    assertThat(brokenOnCleanDays).isEmpty();

    Path verdict = dir.resolve("verdict.json");
    CommandLineTest.Result judged = run(suggestedConfig, "detect", "--date", BAD.toString(), "--verdict-json",
        verdict.toString());
    assertThat(judged.code()).as(judged.out() + judged.err()).isEqualTo(Main.BLOCKED);
    JsonNode json = new ObjectMapper().readTree(Files.readString(verdict));
    // Findings are grouped by column: a broken rule leads its column's finding or is named in the lead's message.
    TreeSet<String> namedRules = new TreeSet<>();
    json.get("findings").forEach(f -> {
      String column = f.get("column").asText();
      if (f.get("detector").asText().equals("rules") && f.get("severity").asText().equals("BLOCK")) {
        namedRules.add(column + ":" + f.get("metric").asText());
      }
      java.util.regex.Matcher more = java.util.regex.Pattern.compile("rules:(\\w+)")
          .matcher(f.get("message").asText());
      while (more.find()) {
        namedRules.add(column + ":" + more.group(1));
      }
    });
    assertThat(namedRules).containsExactly("age:range", "application_id:unique_key", "birth_date:format",
        "gender:domain", "income:max_null_fraction");
    // the gender line names the broken domain rule (leading it, or folded under the signature that leads)
    assertThat(judged.out().lines().filter(l -> l.contains(" gender ")))
        .anyMatch(l -> l.contains("rule domain broken on gender: ") || l.contains("rules:domain"));
  }

  @Test
  void aRangeWithoutCleanDaysIsOneLineNamingTheRepository() {
    CommandLineTest.Result result = CommandLineTest.run("suggest", "--source", dir.resolve("none").toString(),
        "--repository", dir.resolve("empty").toString(), "--from", "2026-08-01", "--to", "2026-08-31");
    assertThat(result.code()).isEqualTo(Main.FAILED);
    assertThat(result.err()).isEqualTo("dqgate suggest: error: no clean profiled day of none between 2026-08-01 and "
        + "2026-08-31 in file:" + dir.resolve("empty") + ": profile or backfill the days first\n");
  }

  @Test
  void suggestIsACommandWithItsOwnHelp() {
    CommandLineTest.Result typo = CommandLineTest.run("suggset", "--from", "2026-08-01");
    assertThat(typo.code()).isEqualTo(Main.FAILED);
    assertThat(typo.err()).isEqualTo("dqgate suggset: error: unknown command \"suggset\"; did you mean \"suggest\"? "
        + "(see dqgate help)\n");
    CommandLineTest.Result help = CommandLineTest.run("suggest", "--help");
    assertThat(help.code()).isEqualTo(Main.OK);
    assertThat(help.out()).startsWith("usage: dqgate suggest [options]\n\n  suggest      a dataset config proposed "
        + "from the clean days' stored metrics: --from D1 --to D2\n").contains("  --from VALUE\n", "  --to VALUE\n",
        "  --out VALUE\n", "  --conf VALUE\n");
  }

  private static CommandLineTest.Result run(String[] dataset, String... command) {
    String[] all = java.util.Arrays.copyOf(command, command.length + dataset.length);
    System.arraycopy(dataset, 0, all, command.length, dataset.length);
    return CommandLineTest.run(all);
  }
}
