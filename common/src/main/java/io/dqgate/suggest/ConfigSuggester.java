package io.dqgate.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigUtil;
import io.dqgate.DqgateException;
import io.dqgate.config.ColumnKind;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proposes a dataset's rules from the metrics stored for the clean days of a range, never from the data
 * itself: column kinds and date formats, domains of categoricals whose every value was counted, numeric
 * ranges widened by a margin, not-null for columns never null and a null ceiling for the others, and a
 * primary key. Every rule is chosen so that it held on every clean day of the range, and says so.
 */
public final class ConfigSuggester {
  /** Numeric bounds are widened on each side by this share of the range seen. */
  static final double RANGE_MARGIN = 0.1;
  /** A null ceiling is this many times the largest null fraction seen (at least one point above it). */
  static final double NULL_CEILING_FACTOR = 2;
  /** One percentage point: the least a null ceiling or a format requirement leaves below what was seen. */
  private static final BigDecimal ONE_POINT = new BigDecimal("0.01");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetricsRepository repository;
  /** Relative standard error of the stored distinct counts, to tell a unique column by its estimate. */
  private final double distinctRelativeError;

  public ConfigSuggester(MetricsRepository repository, double distinctRelativeError) {
    this.repository = repository;
    this.distinctRelativeError = distinctRelativeError;
  }

  /** Learns from the clean days of [{@code from}, {@code to}]. */
  public Suggestion suggest(String dataset, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new DqgateException("--to: must not be before --from (" + from + "), was " + to);
    }
    CleanDays days = new CleanDays(repository.loadRange(dataset, from, to.plusDays(1)));
    if (days.size() == 0) {
      throw new DqgateException("no clean profiled day of " + dataset + " between " + from + " and " + to + " in "
          + repository.location() + (days.leftOut().isEmpty() ? ": profile or backfill the days first"
              : ": every profiled day was left out (" + describe(days.leftOut()) + ")"));
    }
    List<ColumnSuggestion> columns = new ArrayList<>();
    for (String column : columns(days)) {
      columns.add(new ColumnSuggestion(column, settings(days, column)));
    }
    return new Suggestion(dataset, from, to, days, key(days, columns(days)), columns);
  }

  static String describe(Map<LocalDate, String> leftOut) {
    return leftOut.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** Columns in the order the first clean day stored them. */
  private static List<String> columns(CleanDays days) {
    Set<String> out = new LinkedHashSet<>();
    for (Map<MetricKey, MetricRecord> day : days.all()) {
      day.keySet().stream().filter(k -> k.entity() == Entity.COLUMN && k.metric().equals(MetricNames.COLUMN_KIND))
          .forEach(k -> out.add(k.instance()));
    }
    return new ArrayList<>(out);
  }

  private List<Setting> settings(CleanDays days, String column) {
    List<Setting> out = new ArrayList<>();
    Map<String, Integer> kinds = new LinkedHashMap<>();
    Map<String, Integer> formats = new LinkedHashMap<>();
    for (MetricRecord m : days.series(MetricKey.column(column, MetricNames.COLUMN_KIND))) {
      JsonNode detail = json(m);
      kinds.merge(detail.path("kind").asText(""), 1, Integer::sum);
      if (detail.hasNonNull("format")) {
        formats.merge(detail.get("format").asText(), 1, Integer::sum);
      }
    }
    String kind = mostFrequent(kinds);
    int kindDays = kinds.values().stream().mapToInt(Integer::intValue).sum();
    String others = kinds.entrySet().stream().filter(e -> !e.getKey().equals(kind))
        .map(e -> e.getKey() + " on " + e.getValue()).collect(Collectors.joining(", "));
    out.add(Setting.of("profiled as " + kind + " on " + kinds.get(kind) + "/" + kindDays + " days"
        + (others.isEmpty() ? "" : " (" + others + ")"), "kind = " + kind));
    ColumnKind parsed = java.util.Arrays.stream(ColumnKind.values()).filter(k -> k.label().equals(kind))
        .findFirst().orElseThrow(() -> new DqgateException("unreadable column_kind of " + column + " in "
            + repository.location() + ": kind \"" + kind + "\""));
    if (parsed.isTemporal() && !formats.isEmpty()) {
      format(days, column, mostFrequent(formats)).ifPresent(out::add);
    }
    if (parsed == ColumnKind.NUMERIC) {
      range(days, column).ifPresent(out::add);
    }
    if (parsed == ColumnKind.CATEGORICAL) {
      out.add(domain(days, column));
    }
    nulls(days, column).ifPresent(out::add);
    return out;
  }

  private static Optional<Setting> format(CleanDays days, String column, String format) {
    List<MetricRecord> matches = finite(days.series(MetricKey.column(column, MetricNames.FORMAT_MATCH_FRACTION)));
    if (matches.isEmpty()) {
      return Optional.empty(); // a typed date column: no text to match a format against
    }
    double worst = matches.stream().mapToDouble(MetricRecord::value).min().orElseThrow();
    String assign = "format = " + ConfigUtil.quoteString(format);
    if (worst >= 1.0) {
      return Optional.of(Setting.of("every value matched " + ConfigUtil.quoteString(format) + " on " + matches.size()
          + "/" + matches.size() + " days", assign));
    }
    double floor = BigDecimal.valueOf(worst).subtract(ONE_POINT).max(BigDecimal.ZERO)
        .setScale(3, RoundingMode.FLOOR).doubleValue();
    return Optional.of(Setting.of("at least " + pct(worst) + " of values matched " + ConfigUtil.quoteString(format)
        + " on each of " + matches.size() + "/" + matches.size() + " days; required: " + pct(floor), assign,
        "min-format-match-fraction = " + plain(floor)));
  }

  private static Optional<Setting> range(CleanDays days, String column) {
    List<MetricRecord> mins = finite(days.series(MetricKey.column(column, MetricNames.MIN)));
    List<MetricRecord> maxes = finite(days.series(MetricKey.column(column, MetricNames.MAX)));
    if (mins.isEmpty() || maxes.isEmpty()) {
      return Optional.empty();
    }
    double low = mins.stream().mapToDouble(MetricRecord::value).min().orElseThrow();
    double high = maxes.stream().mapToDouble(MetricRecord::value).max().orElseThrow();
    double span = high > low ? high - low : Math.max(Math.abs(high), 1);
    double margin = RANGE_MARGIN * span;
    // Rounded outward to two significant digits of the span, so bounds read like a person wrote them.
    int scale = 1 - (int) Math.floor(Math.log10(span));
    BigDecimal min = BigDecimal.valueOf(low - margin).setScale(scale, RoundingMode.FLOOR);
    BigDecimal max = BigDecimal.valueOf(high + margin).setScale(scale, RoundingMode.CEILING);
    if (low >= 0 && min.signum() < 0) {
      min = BigDecimal.ZERO; // a column never negative stays so
    }
    return Optional.of(Setting.of("values from " + plain(low) + " to " + plain(high) + " on " + mins.size() + "/"
        + mins.size() + " days; bounds widened by " + Math.round(RANGE_MARGIN * 100) + "% of that span",
        "min = " + plain(min), "max = " + plain(max)));
  }

  private static Setting domain(CleanDays days, String column) {
    List<MetricRecord> histograms = days.series(MetricKey.column(column, MetricNames.VALUE_PROPORTIONS));
    Map<String, Integer> daysSeen = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    int complete = 0;
    for (MetricRecord m : histograms) {
      JsonNode detail = json(m);
      if (detail.path("other").path("count").asLong(0) == 0) {
        complete++;
      }
      for (JsonNode v : detail.path("values")) {
        daysSeen.merge(v.path("value").asText(), 1, Integer::sum);
        counts.merge(v.path("value").asText(), v.path("count").asLong(0), Long::sum);
      }
    }
    if (histograms.isEmpty() || complete < histograms.size()) {
      return Setting.of("no domain: on " + (histograms.size() - complete) + "/" + histograms.size()
          + " days more values than the profile counts one by one (profile.top-values)");
    }
    List<String> values = new ArrayList<>(daysSeen.keySet());
    values.sort(Comparator.comparing((String v) -> -daysSeen.get(v)).thenComparing(v -> -counts.get(v)));
    List<String> rare = values.stream().filter(v -> daysSeen.get(v) * 10 < histograms.size())
        .map(v -> v + " (" + daysSeen.get(v) + " day" + (daysSeen.get(v) == 1 ? "" : "s") + ")").toList();
    return Setting.of("every value on " + histograms.size() + "/" + histograms.size() + " days is one of these "
        + values.size() + (rare.isEmpty() ? "" : "; rare: " + String.join(", ", rare)),
        "domain = [" + values.stream().map(ConfigUtil::quoteString).collect(Collectors.joining(", ")) + "]");
  }

  private static Optional<Setting> nulls(CleanDays days, String column) {
    List<MetricRecord> fractions = finite(days.series(MetricKey.column(column, MetricNames.NULL_FRACTION)));
    if (fractions.isEmpty()) {
      return Optional.empty();
    }
    double worst = fractions.stream().mapToDouble(MetricRecord::value).max().orElseThrow();
    int n = fractions.size();
    if (worst == 0) {
      return Optional.of(Setting.of("never null on " + n + "/" + n + " days", "not-null = true"));
    }
    BigDecimal observed = BigDecimal.valueOf(worst);
    double ceiling = observed.multiply(BigDecimal.valueOf(NULL_CEILING_FACTOR)).max(observed.add(ONE_POINT))
        .min(BigDecimal.ONE).setScale(2, RoundingMode.CEILING).doubleValue();
    return Optional.of(Setting.of("nulls at most " + pct(worst) + " on " + n + "/" + n + " days; ceiling "
        + plain(NULL_CEILING_FACTOR) + " times that", "max-null-fraction = " + plain(Math.min(1, ceiling))));
  }

  /**
   * The key: a key the days were profiled with when it held exactly on every day (no duplicate, no null part);
   * otherwise a never-null column whose distinct-count estimate matched the row count within three standard
   * errors on every day, identifiers first.
   */
  private Optional<KeySuggestion> key(CleanDays days, List<String> columns) {
    Map<String, Integer> exact = new LinkedHashMap<>();
    for (Map<MetricKey, MetricRecord> day : days.all()) {
      for (MetricRecord m : day.values()) {
        if (m.entity() == Entity.DATASET && m.metric().equals(MetricNames.DUPLICATE_KEY_COUNT)) {
          MetricRecord nullKeys = day.get(new MetricKey(Entity.DATASET, m.instance(), MetricNames.NULL_KEY_FRACTION));
          boolean held = m.value() == 0 && (nullKeys == null || nullKeys.value() == 0);
          exact.merge(m.instance(), held ? 1 : -days.size() - 1, Integer::sum);
        }
      }
    }
    List<String> unique = new ArrayList<>();
    for (String column : columns) {
      if (looksUnique(days, column)) {
        unique.add(column);
      }
    }
    for (Map.Entry<String, Integer> e : exact.entrySet()) {
      if (e.getValue() == days.size()) {
        List<String> key = List.of(e.getKey().split(","));
        return Optional.of(new KeySuggestion(key, "no duplicate key and no null key part on " + days.size() + "/"
            + days.size() + " days", unique.stream().filter(c -> !key.contains(c)).toList()));
      }
    }
    if (unique.isEmpty()) {
      return Optional.empty();
    }
    List<String> ranked = new ArrayList<>(unique);
    ranked.sort(Comparator.comparing((String c) -> !kindOf(days, c).equals(ColumnKind.ID.label())));
    String chosen = ranked.get(0);
    return Optional.of(new KeySuggestion(List.of(chosen), "never null, and distinct values matched the rows within "
        + "the distinct-count estimate's error on " + days.size() + "/" + days.size()
        + " days (the unique_key rule then checks exactly)", ranked.subList(1, ranked.size())));
  }

  private boolean looksUnique(CleanDays days, String column) {
    double tolerance = 3 * distinctRelativeError;
    int held = 0;
    for (LocalDate day : days.days()) {
      MetricRecord rows = days.get(day, MetricKey.dataset(MetricNames.ROW_COUNT));
      MetricRecord nulls = days.get(day, MetricKey.column(column, MetricNames.NULL_FRACTION));
      MetricRecord distinct = days.get(day, MetricKey.column(column, MetricNames.DISTINCT_COUNT_APPROX));
      if (rows == null || nulls == null || distinct == null || nulls.value() != 0 || !(rows.value() > 1)
          || distinct.value() < rows.value() * (1 - tolerance)) {
        return false;
      }
      held++;
    }
    return held == days.size();
  }

  private static String kindOf(CleanDays days, String column) {
    List<MetricRecord> kinds = days.series(MetricKey.column(column, MetricNames.COLUMN_KIND));
    return kinds.isEmpty() ? "" : json(kinds.get(kinds.size() - 1)).path("kind").asText("");
  }

  private static List<MetricRecord> finite(List<MetricRecord> records) {
    return records.stream().filter(m -> Double.isFinite(m.value())).toList();
  }

  private static String mostFrequent(Map<String, Integer> counts) {
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static JsonNode json(MetricRecord m) {
    try {
      JsonNode node = m.detail() == null ? null : JSON.readTree(m.detail());
      if (node == null || !node.isObject()) {
        throw new DqgateException("unreadable " + m.metric() + " of " + m.instance() + " on " + m.partitionDate()
            + ": " + m.detail());
      }
      return node;
    } catch (IOException e) {
      throw new DqgateException("unreadable " + m.metric() + " of " + m.instance() + " on " + m.partitionDate()
          + ": " + e.getMessage(), e);
    }
  }

  static String plain(double v) {
    return plain(BigDecimal.valueOf(v));
  }

  static String plain(BigDecimal v) {
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
  }
}
