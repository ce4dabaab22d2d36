package io.dqgate.audit;

import io.dqgate.audit.Stratum.RowDefect;
import io.dqgate.config.ColumnKind;
import io.dqgate.config.DatasetSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.profile.ResolvedColumn;
import io.dqgate.profile.Sql;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Turns a verdict's findings into strata of rows: for each finding that a single row can show (a null in a
 * null-spike column, a value outside the range, a category no clean day had, a duplicated key, a date that
 * does not parse), the predicate that picks exactly those rows. Ranges and known categories come from the
 * config where it states them, otherwise from the clean days before the judged one. Findings about the day
 * as a whole (volume, the PCA vector, a correlation) have no rows of their own and are listed apart.
 */
public final class StrataPlanner {
  private static final Set<String> NUMERIC_SHAPE = Set.of(MetricNames.MIN, MetricNames.MAX, MetricNames.MEAN,
      MetricNames.STDDEV, "p25", MetricNames.MEDIAN, "p75", MetricNames.IQR, MetricNames.QUANTILES);
  private static final Map<String, RowDefect> BY_METRIC = Map.ofEntries(
      Map.entry(MetricNames.NULL_FRACTION, RowDefect.NULL),
      Map.entry(MetricNames.EMPTY_STRING_FRACTION, RowDefect.NULL),
      Map.entry("max_null_fraction", RowDefect.NULL),
      Map.entry(MetricNames.DUPLICATE_KEY_COUNT, RowDefect.DUPLICATE_KEY),
      Map.entry(MetricNames.KEY_UNIQUENESS, RowDefect.DUPLICATE_KEY),
      Map.entry("unique_key", RowDefect.DUPLICATE_KEY),
      Map.entry(MetricNames.DUPLICATE_ROW_FRACTION, RowDefect.DUPLICATE_KEY),
      Map.entry(MetricNames.NOT_NUMERIC_FRACTION, RowDefect.NOT_A_NUMBER),
      Map.entry(MetricNames.FORMAT_MATCH_FRACTION, RowDefect.UNPARSEABLE_DATE),
      Map.entry(MetricNames.SWAPPED_DAY_MONTH_FRACTION, RowDefect.UNPARSEABLE_DATE),
      Map.entry("format", RowDefect.UNPARSEABLE_DATE),
      Map.entry(MetricNames.OUT_OF_RANGE_FRACTION, RowDefect.OUT_OF_RANGE),
      Map.entry("range", RowDefect.OUT_OF_RANGE),
      Map.entry(MetricNames.FUTURE_FRACTION, RowDefect.OUT_OF_RANGE),
      Map.entry(MetricNames.BEFORE_FLOOR_FRACTION, RowDefect.OUT_OF_RANGE),
      Map.entry(MetricNames.MIN_DATE, RowDefect.OUT_OF_RANGE),
      Map.entry(MetricNames.MAX_DATE, RowDefect.OUT_OF_RANGE),
      Map.entry(MetricNames.OUT_OF_DOMAIN_FRACTION, RowDefect.NEW_VALUE),
      Map.entry(MetricNames.NEW_VALUE_COUNT, RowDefect.NEW_VALUE),
      Map.entry("domain", RowDefect.NEW_VALUE),
      Map.entry(MetricNames.VALUE_PROPORTIONS, RowDefect.NEW_VALUE));

  private final DatasetSpec dataset;
  private final LocalDate date;
  private final Map<String, ResolvedColumn> columns = new LinkedHashMap<>();
  private final CleanDays history;

  /** The strata of a verdict, and the findings no row stands for (as "detector metric column"). */
  public record Plan(List<Stratum> strata, List<String> withoutRows) {
    public Plan {
      strata = List.copyOf(strata);
      withoutRows = List.copyOf(withoutRows);
    }
  }

  /**
   * @param before the stored records of the days before {@code date} that may serve as history (days left out
   *     of baselines, blocked or rejected, are ignored here)
   */
  public StrataPlanner(DatasetSpec dataset, LocalDate date, List<ResolvedColumn> columns, List<MetricRecord> before) {
    this.dataset = dataset;
    this.date = date;
    columns.forEach(c -> this.columns.put(c.name(), c));
    this.history = new CleanDays(before, date);
  }

  public Plan plan(Verdict verdict) {
    Map<String, Stratum> strata = new LinkedHashMap<>();
    List<String> withoutRows = new ArrayList<>();
    for (Finding f : verdict.findings()) {
      if (f.severity() != Severity.WARN && f.severity() != Severity.BLOCK) {
        continue;
      }
      Optional<Stratum> stratum = stratumOf(f);
      if (stratum.isPresent()) {
        strata.putIfAbsent(stratum.get().reason(), stratum.get());
      } else {
        withoutRows.add(describe(f));
      }
    }
    return new Plan(new ArrayList<>(strata.values()), withoutRows);
  }

  Optional<Stratum> stratumOf(Finding f) {
    ResolvedColumn column = f.column() == null ? null : columns.get(f.column());
    Optional<RowDefect> defect = defectOf(f, column);
    if (defect.isEmpty()) {
      return Optional.empty();
    }
    String finding = describe(f);
    if (defect.get() == RowDefect.DUPLICATE_KEY) {
      return Optional.of(duplicates(finding));
    }
    if (column == null) {
      return Optional.empty();
    }
    return switch (defect.get()) {
      case NULL -> Optional.of(new Stratum(column.name() + " is null or blank", RowDefect.NULL, column.name(),
          finding, nullOrBlank(column)));
      case OUT_OF_RANGE -> outOfRange(column, finding);
      case NEW_VALUE -> newValue(column, finding);
      case UNPARSEABLE_DATE -> column.isTemporalText()
          ? Optional.of(new Stratum(column.name() + " does not parse as " + column.format().get(),
              RowDefect.UNPARSEABLE_DATE, column.name(), finding,
              notBlank(column).and(Values.temporal(column).isNull())))
          : Optional.empty();
      case NOT_A_NUMBER -> column.isString() && column.kind() == ColumnKind.NUMERIC
          ? Optional.of(new Stratum(column.name() + " is not a number", RowDefect.NOT_A_NUMBER, column.name(),
              finding, notBlank(column).and(Values.numeric(column).isNull())))
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The defect a finding stands for: its cause when it names one a row can show, else what it measured. */
  static Optional<RowDefect> defectOf(Finding f, ResolvedColumn column) {
    if (f.cause() != null) {
      for (RowDefect d : RowDefect.values()) {
        if (d.cause().equals(f.cause())) {
          return Optional.of(d);
        }
      }
      if (f.cause().equals("unit-change")) {
        return Optional.of(RowDefect.OUT_OF_RANGE);
      }
    }
    if (f.metric() == null) {
      return Optional.empty();
    }
    String metric = f.metric().startsWith(MetricNames.RULE_PREFIX)
        ? f.metric().substring(MetricNames.RULE_PREFIX.length()) : f.metric();
    RowDefect byMetric = BY_METRIC.get(metric);
    if (byMetric != null) {
      return Optional.of(byMetric);
    }
    // a numeric column whose spread or level jumped: its rows beyond the usual range carry the jump
    if (column != null && column.kind() == ColumnKind.NUMERIC && NUMERIC_SHAPE.contains(metric)) {
      return Optional.of(RowDefect.OUT_OF_RANGE);
    }
    return Optional.empty();
  }

  private Stratum duplicates(String finding) {
    List<String> key = dataset.primaryKey().isEmpty() ? new ArrayList<>(columns.keySet()) : dataset.primaryKey();
    Column[] parts = key.stream().map(Sql::column).toArray(Column[]::new);
    Column copies = functions.count(functions.lit(1)).over(Window.partitionBy(parts));
    String reason = dataset.primaryKey().isEmpty() ? "the whole row occurs more than once"
        : "key (" + String.join(", ", key) + ") occurs more than once";
    return new Stratum(reason, RowDefect.DUPLICATE_KEY, String.join(",", key), finding, copies.gt(1));
  }

  private Optional<Stratum> outOfRange(ResolvedColumn column, String finding) {
    if (column.kind() == ColumnKind.NUMERIC) {
      Optional<Double> low = column.spec().min().or(() -> history.lowest(column.name(), MetricNames.MIN));
      Optional<Double> high = column.spec().max().or(() -> history.highest(column.name(), MetricNames.MAX));
      if (low.isEmpty() && high.isEmpty()) {
        return Optional.empty();
      }
      boolean configured = column.spec().min().isPresent() || column.spec().max().isPresent();
      Column value = Values.numeric(column);
      Column outside = functions.lit(false);
      if (low.isPresent()) {
        outside = outside.or(value.lt(low.get()));
      }
      if (high.isPresent()) {
        outside = outside.or(value.gt(high.get()));
      }
      String reason = column.name() + " outside [" + low.map(StrataPlanner::plain).orElse("-inf") + ", "
          + high.map(StrataPlanner::plain).orElse("inf") + "]" + (configured ? "" : " (the clean days' range)");
      return Optional.of(new Stratum(reason, RowDefect.OUT_OF_RANGE, column.name(), finding, outside));
    }
    if (column.kind().isTemporal() && (column.isTemporalText() || !column.isString())) {
      LocalDate floor = column.spec().floor().orElse(dataset.profile().dateFloor());
      Column day = functions.to_date(Values.temporal(column));
      Column outside = day.gt(functions.lit(date.toString()).cast("date"))
          .or(day.lt(functions.lit(floor.toString()).cast("date")));
      return Optional.of(new Stratum(column.name() + " after " + date + " or before " + floor,
          RowDefect.OUT_OF_RANGE, column.name(), finding, outside));
    }
    return Optional.empty();
  }

  private Optional<Stratum> newValue(ResolvedColumn column, String finding) {
    if (column.kind() != ColumnKind.CATEGORICAL) {
      return Optional.empty();
    }
    List<String> domain = column.spec().domain();
    Set<String> known = domain.isEmpty() ? history.values(column.name()) : new TreeSet<>(domain);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    Column value = Sql.column(column.name()).cast("string");
    Column fresh = value.isNotNull().and(functions.not(value.isin(known.toArray())));
    String reason = domain.isEmpty() ? column.name() + " has a value no clean day had"
        : column.name() + " not in [" + String.join(", ", domain) + "]";
    return Optional.of(new Stratum(reason, RowDefect.NEW_VALUE, column.name(), finding, fresh));
  }

  private static Column nullOrBlank(ResolvedColumn column) {
    Column c = Sql.column(column.name());
    return column.isString() ? c.isNull().or(functions.trim(c).equalTo("")) : c.isNull();
  }

  private static Column notBlank(ResolvedColumn column) {
    Column c = Sql.column(column.name());
    return c.isNotNull().and(functions.trim(c.cast("string")).notEqual(""));
  }

  static String describe(Finding f) {
    return f.detector() + " " + f.metric() + (f.column() == null ? "" : " on " + f.column());
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * The stored days before the judged one that baselines use: days labelled rejected, and blocked days not
   * labelled accepted, are left out (as detection leaves them out).
   */
  static final class CleanDays {
    private final Map<LocalDate, Map<MetricKey, MetricRecord>> days = new HashMap<>();

    CleanDays(List<MetricRecord> records, LocalDate before) {
      Map<LocalDate, Map<MetricKey, MetricRecord>> all = new HashMap<>();
      records.stream().filter(m -> m.partitionDate().isBefore(before))
          .forEach(m -> all.computeIfAbsent(m.partitionDate(), d -> new HashMap<>()).put(m.key(), m));
      all.forEach((day, metrics) -> {
        MetricRecord label = metrics.get(MetricKey.dataset(MetricNames.LABEL));
        MetricRecord status = metrics.get(MetricKey.dataset(MetricNames.VERDICT_STATUS));
        boolean rejected = label != null && label.value() == MetricNames.LABEL_REJECTED;
        boolean accepted = label != null && label.value() == MetricNames.LABEL_ACCEPTED;
        boolean blocked = status != null && status.value() == MetricNames.STATUS_BLOCK;
        if (!(rejected || blocked && !accepted)) {
          days.put(day, metrics);
        }
      });
    }

    Optional<Double> lowest(String column, String metric) {
      return values(column, metric).stream().min(Double::compare);
    }

    Optional<Double> highest(String column, String metric) {
      return values(column, metric).stream().max(Double::compare);
    }

    private List<Double> values(String column, String metric) {
      return days.values().stream().map(d -> d.get(MetricKey.column(column, metric)))
          .filter(m -> m != null && Double.isFinite(m.value())).map(MetricRecord::value).toList();
    }

    /** The categorical values the clean days' stored histograms name. */
    Set<String> values(String column) {
      return days.values().stream()
          .map(d -> d.get(MetricKey.column(column, MetricNames.VALUE_PROPORTIONS)))
          .filter(m -> m != null && m.detail() != null)
          .flatMap(m -> Values.histogramValues(m.detail()).stream())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
