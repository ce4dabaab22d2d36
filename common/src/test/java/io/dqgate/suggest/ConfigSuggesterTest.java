package io.dqgate.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqgate.DqgateException;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DqgateConfig;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.ParquetMetricsRepository;
import io.dqgate.repository.RecordOwner;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules learnt from stored metrics only: which days count, margins, domains, nulls, formats and the key. */
class ConfigSuggesterTest {
  private static final String ORDERS = "orders";
  private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);

  @TempDir
  Path dir;

  private ParquetMetricsRepository repository;

  private MetricRecord column(LocalDate day, String column, String metric, double value, String detail) {
    return new MetricRecord(ORDERS, day, "r", Instant.EPOCH, Entity.COLUMN, column, metric, value, detail);
  }

  private MetricRecord dataset(LocalDate day, String instance, String metric, double value) {
    return new MetricRecord(ORDERS, day, "r", Instant.EPOCH, Entity.DATASET, instance, metric, value, null);
  }

  /** One profiled day: amount in [min, max], status and city histograms, placed dates, order_id unique. */
  private void day(LocalDate day, double min, double max, double amountNulls, double placedMatch, String statuses,
      long cityOther, Double verdict, Double label) {
    List<MetricRecord> p = new ArrayList<>();
    p.add(dataset(day, MetricKey.WHOLE_DATASET, MetricNames.ROW_COUNT, 100));
    p.add(dataset(day, "order_id", MetricNames.DUPLICATE_KEY_COUNT, 0));
    p.add(dataset(day, "order_id", MetricNames.NULL_KEY_FRACTION, 0));
    p.add(column(day, "order_id", MetricNames.COLUMN_KIND, 1, "{\"kind\":\"id\",\"source_type\":\"string\"}"));
    p.add(column(day, "order_id", MetricNames.NULL_FRACTION, 0, null));
    p.add(column(day, "order_id", MetricNames.DISTINCT_COUNT_APPROX, 100, null));
    p.add(column(day, "amount", MetricNames.COLUMN_KIND, 1, "{\"kind\":\"numeric\",\"source_type\":\"string\"}"));
    p.add(column(day, "amount", MetricNames.MIN, min, null));
    p.add(column(day, "amount", MetricNames.MAX, max, null));
    p.add(column(day, "amount", MetricNames.NULL_FRACTION, amountNulls, null));
    p.add(column(day, "status", MetricNames.COLUMN_KIND, 1, "{\"kind\":\"categorical\",\"source_type\":\"string\"}"));
    p.add(column(day, "status", MetricNames.NULL_FRACTION, 0, null));
    StringBuilder values = new StringBuilder();
    for (String s : statuses.split(",")) {
      values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(s).append("\",\"count\":")
          .append(s.equals("shipped") ? 90 : 5).append('}');
    }
    p.add(column(day, "status", MetricNames.VALUE_PROPORTIONS, 0.9, "{\"values\":[" + values
        + "],\"other\":{\"count\":0}}"));
    p.add(column(day, "city", MetricNames.COLUMN_KIND, 1, "{\"kind\":\"categorical\",\"source_type\":\"string\"}"));
    p.add(column(day, "city", MetricNames.NULL_FRACTION, 0, null));
    p.add(column(day, "city", MetricNames.VALUE_PROPORTIONS, 0.1, "{\"values\":[{\"value\":\"Oslo\",\"count\":10}],"
        + "\"other\":{\"count\":" + cityOther + "}}"));
    p.add(column(day, "placed", MetricNames.COLUMN_KIND, 1,
        "{\"kind\":\"date\",\"source_type\":\"string\",\"format\":\"yyyy-MM-dd\"}"));
    p.add(column(day, "placed", MetricNames.FORMAT_MATCH_FRACTION, placedMatch, null));
    p.add(column(day, "placed", MetricNames.NULL_FRACTION, 0, null));
    repository.replaceOwned(RecordOwner.PROFILE, ORDERS, day, p);
    if (verdict != null) {
      repository.replaceOwned(RecordOwner.VERDICT, ORDERS, day,
          List.of(dataset(day, MetricKey.WHOLE_DATASET, MetricNames.VERDICT_STATUS, verdict)));
    }
    if (label != null) {
      repository.replaceOwned(RecordOwner.LABEL, ORDERS, day,
          List.of(dataset(day, MetricKey.WHOLE_DATASET, MetricNames.LABEL, label)));
    }
  }

  @Test
  void rulesHoldOnEveryCleanDayAndBlockedOrRejectedDaysTeachNothing() {
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(), new Configuration());
    day(MAR_1, 10, 90, 0.01, 1.0, "shipped,open", 0, MetricNames.STATUS_PASS, null);
    day(MAR_1.plusDays(1), 12, 95, 0.02, 0.995, "shipped,open,returned", 0, MetricNames.STATUS_WARN, null);
    day(MAR_1.plusDays(2), -1000, 1e6, 0.5, 0.2, "shipped,BROKEN", 0, MetricNames.STATUS_BLOCK, null);
    day(MAR_1.plusDays(3), -5, 1e5, 0.4, 0.3, "shipped,bad", 0, MetricNames.STATUS_PASS, MetricNames.LABEL_REJECTED);
    day(MAR_1.plusDays(4), 5, 100, 0, 1.0, "shipped", 3, MetricNames.STATUS_BLOCK, MetricNames.LABEL_ACCEPTED);

    Suggestion s = new ConfigSuggester(repository, 0.02).suggest(ORDERS, MAR_1, MAR_1.plusDays(6));

    assertThat(s.days().days()).containsExactly(MAR_1, MAR_1.plusDays(1), MAR_1.plusDays(4));
    assertThat(s.days().leftOut()).isEqualTo(Map.of(MAR_1.plusDays(2), "blocked", MAR_1.plusDays(3), "rejected"));
    assertThat(s.key()).contains(new KeySuggestion(List.of("order_id"),
        "no duplicate key and no null key part on 3/3 days", List.of()));
    assertThat(settings(s, "amount")).containsExactly(
        Setting.of("profiled as numeric on 3/3 days", "kind = numeric"),
        Setting.of("values from 5 to 100 on 3/3 days; bounds widened by 10% of that span", "min = 0", "max = 110"),
        Setting.of("nulls at most 2.00% on 3/3 days; ceiling 2 times that", "max-null-fraction = 0.04"));
    assertThat(settings(s, "status").get(1)).isEqualTo(Setting.of("every value on 3/3 days is one of these 3",
        "domain = [\"shipped\", \"open\", \"returned\"]"));
    assertThat(settings(s, "city").get(1)).isEqualTo(Setting.of("no domain: on 1/3 days more values than the "
        + "profile counts one by one (profile.top-values)"));
    assertThat(settings(s, "placed")).containsExactly(
        Setting.of("profiled as date on 3/3 days", "kind = date"),
        Setting.of("at least 99.50% of values matched \"yyyy-MM-dd\" on each of 3/3 days; required: 98.50%",
            "format = \"yyyy-MM-dd\"", "min-format-match-fraction = 0.985"),
        Setting.of("never null on 3/3 days", "not-null = true"));

    DatasetSpec current = DqgateConfig.parse("datasets.orders.source { path = \"/data/orders\", format = parquet }",
        "test").dataset(ORDERS);
    String text = SuggestedConfig.render(s, current, "/m");
    DatasetSpec loaded = DqgateConfig.parse(text, "suggested").dataset(ORDERS);
    assertThat(loaded.source().toString()).isEqualTo(current.source().toString());
    assertThat(loaded.primaryKey()).containsExactly("order_id");
    assertThat(loaded.column("amount").min()).contains(0.0);
    assertThat(loaded.column("amount").max()).contains(110.0);
    assertThat(loaded.column("placed").minFormatMatchFraction()).isEqualTo(0.985);
    assertThat(loaded.column("city").domain()).isEmpty();
    assertThat(loaded.column("order_id").maxNullFraction()).isEqualTo(Optional.of(0.0));
    assertThat(text).startsWith("# Suggested by dqgate from the metrics of 3 clean days of orders between "
        + "2026-03-01 and 2026-03-07 (2026-03-01 .. 2026-03-05).\n# Left out: 2026-03-03 blocked, 2026-03-04 "
        + "rejected.\n");
  }

  @Test
  void noCleanDayIsOneLineSayingWhy() {
    repository = new ParquetMetricsRepository(dir.resolve("repo").toString(), new Configuration());
    day(MAR_1, 10, 90, 0.01, 1.0, "shipped", 0, MetricNames.STATUS_BLOCK, null);
    assertThatThrownBy(() -> new ConfigSuggester(repository, 0.02).suggest(ORDERS, MAR_1, MAR_1))
        .isInstanceOf(DqgateException.class).hasMessage("no clean profiled day of orders between 2026-03-01 and "
            + "2026-03-01 in " + repository.location() + ": every profiled day was left out (2026-03-01 blocked)");
    assertThatThrownBy(() -> new ConfigSuggester(repository, 0.02).suggest(ORDERS, MAR_1, MAR_1.minusDays(1)))
        .isInstanceOf(DqgateException.class).hasMessage("--to: must not be before --from (2026-03-01), was 2026-02-28");
  }

  private static List<Setting> settings(Suggestion s, String column) {
    return s.columns().stream().filter(c -> c.column().equals(column)).findFirst().orElseThrow().settings();
  }
}
