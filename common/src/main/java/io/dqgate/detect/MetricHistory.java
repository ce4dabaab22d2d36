package io.dqgate.detect;

import io.dqgate.Median;
import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A dataset's stored days before the judged one, reduced to the clean baseline by {@link BaselinePolicy}:
 * days labelled rejected, days blocked unless later labelled accepted, and warned days the days after them
 * did not confirm are left out (so a repaired rerun is never compared with its own bad metrics).
 */
public final class MetricHistory {
  private final TreeMap<LocalDate, Map<MetricKey, MetricRecord>> clean = new TreeMap<>();
  /**
   * The clean days and, of each warned day not yet confirmed, the metrics of what it did not warn on: one
   * metric's series and recent values come from here, while whole-day views (the metric vector, the schema)
   * take clean days only.
   */
  private final TreeMap<LocalDate, Map<MetricKey, MetricRecord>> perMetric = new TreeMap<>();
  private final Set<LocalDate> excluded = new TreeSet<>();
  private final Set<LocalDate> pending = new TreeSet<>();
  private final Set<LocalDate> adopted = new TreeSet<>();
  private final BaselinePolicy policy;
  private List<LocalDate> calibrationDays;
  private final Map<MetricKey, double[]> calibrationValues = new HashMap<>();

  MetricHistory(Collection<MetricRecord> records) {
    this(records, DEFAULT_CONFIRM_DAYS);
  }

  /** {@code confirmDays}: how many later days must confirm a WARN day's level ({@link BaselinePolicy}). */
  MetricHistory(Collection<MetricRecord> records, int confirmDays) {
    TreeMap<LocalDate, Map<MetricKey, MetricRecord>> all = new TreeMap<>();
    int perDay = Math.max(16, records.size() / Math.max(1, (int) records.stream().map(MetricRecord::partitionDate)
        .distinct().count()));
    for (MetricRecord m : records) {
      all.computeIfAbsent(m.partitionDate(), d -> new HashMap<>(2 * perDay)).put(m.key(), m);
    }
    // the policy reads a day's verdict and label only
    Map<LocalDate, Collection<MetricRecord>> byDay = new TreeMap<>();
    MetricKey status = MetricKey.dataset(MetricNames.VERDICT_STATUS);
    MetricKey label = MetricKey.dataset(MetricNames.LABEL);
    all.forEach((day, metrics) -> {
      List<MetricRecord> standing = new ArrayList<>(2);
      if (metrics.containsKey(status)) {
        standing.add(metrics.get(status));
      }
      if (metrics.containsKey(label)) {
        standing.add(metrics.get(label));
      }
      byDay.put(day, standing);
    });
    policy = new BaselinePolicy(byDay, confirmDays);
    all.forEach((day, metrics) -> {
      switch (policy.standing(day)) {
        case BASELINE -> {
          clean.put(day, metrics);
          perMetric.put(day, metrics);
        }
        case ADOPTED -> {
          clean.put(day, metrics);
          perMetric.put(day, metrics);
          adopted.add(day);
        }
        case PENDING -> {
          pending.add(day);
          partlyClean(metrics, policy.warned(day)).ifPresent(m -> perMetric.put(day, m));
        }
        case EXCLUDED -> excluded.add(day);
      }
    });
    this.all = all;
  }

  /**
   * The day a metric's series starts: the latest adopted day ({@link BaselinePolicy#adopted}) that blocked on its
   * column (or, for the dataset's own metrics such as its row count, on the dataset); empty when none did. A
   * lasting change restarts the series of what it changed: a feed that keeps 102 rows a day where it kept 255 is
   * judged by its days since, where a median of four weeks would need two of them to move and block every day
   * until then. The values a column listed before stay known to it: only the series restart.
   */
  private Optional<LocalDate> seriesStart(MetricKey key) {
    LocalDate start = null;
    for (BaselinePolicy.Adopted a : policy.adopted()) {
      boolean dataset = a.columns().stream().anyMatch(c -> c.startsWith(BaselinePolicy.DATASET_WIDE));
      if (about(key, a.columns(), dataset) && (start == null || a.day().isAfter(start))) {
        start = a.day();
      }
    }
    return Optional.ofNullable(start);
  }

  /** Whether a metric is about one of {@code columns}, or about the dataset as a whole when {@code dataset}. */
  private static boolean about(MetricKey key, Set<String> columns, boolean dataset) {
    return switch (key.entity()) {
      case COLUMN -> columns.contains(key.instance());
      case COLUMN_PAIR -> Arrays.stream(key.instance().split(",")).anyMatch(columns::contains);
      default -> dataset;
    };
  }

  /**
   * A warned day's metrics without those of what it warned on, for the baselines of everything else (a
   * drift warning on one column leaves the day's volume a normal day's); empty when it warned on the metric
   * vector as a whole, which names no column.
   */
  private static Optional<Map<MetricKey, MetricRecord>> partlyClean(Map<MetricKey, MetricRecord> metrics,
      Set<String> warned) {
    if (warned.stream().anyMatch(w -> w.startsWith("(dataset):") && !w.equals("(dataset):series")
        && !w.equals("(dataset):files"))) {
      return Optional.empty();
    }
    Map<MetricKey, MetricRecord> out = new HashMap<>();
    boolean datasetWarned = warned.contains("(dataset):series") || warned.contains("(dataset):files");
    metrics.forEach((key, m) -> {
      if (!about(key, warned, datasetWarned)) {
        out.put(key, m);
      }
    });
    return Optional.of(out);
  }

  static final int DEFAULT_CONFIRM_DAYS = 3;
  private final TreeMap<LocalDate, Map<MetricKey, MetricRecord>> all;

  BaselinePolicy policy() {
    return policy;
  }

  /**
   * Days the alarm budget is calibrated on: baseline days and WARN days not yet confirmed (a clean day
   * that warned is what the budget counts), oldest first; not blocked days, adopted or not.
   */
  List<LocalDate> calibrationDays() {
    if (calibrationDays == null) {
      List<LocalDate> out = new ArrayList<>();
      for (LocalDate d : all.keySet()) {
        if (!excluded.contains(d) && !adopted.contains(d)) {
          out.add(d);
        }
      }
      calibrationDays = List.copyOf(out);
    }
    return calibrationDays;
  }

  /** The key's stored value on each of the {@link #calibrationDays}, in their order; NaN where a day has none. */
  double[] calibrationValues(MetricKey key) {
    return calibrationValues.computeIfAbsent(key, k -> {
      List<LocalDate> days = calibrationDays();
      double[] out = new double[days.size()];
      for (int i = 0; i < out.length; i++) {
        MetricRecord r = stored(days.get(i)).get(k);
        out[i] = r == null ? Double.NaN : r.value();
      }
      return out;
    });
  }

  /** Every stored day's records, whatever its standing (calibration reads its scores from them). */
  Map<MetricKey, MetricRecord> stored(LocalDate date) {
    return all.getOrDefault(date, Map.of());
  }

  /** Whether a blocked day is in the baselines as a lasting change ({@link BaselinePolicy.Standing#ADOPTED}). */
  boolean adopted(LocalDate day) {
    return adopted.contains(day);
  }

  /** Days left out of baselines for now (warned, not yet confirmed). */
  Set<LocalDate> pendingDays() {
    return pending;
  }

  /** The newest stored day, whatever its standing; empty when none is stored. */
  Optional<LocalDate> lastStoredDay() {
    return all.isEmpty() ? Optional.empty() : Optional.of(all.lastKey());
  }

  int cleanDays() {
    return clean.size();
  }

  Set<LocalDate> excludedDays() {
    return excluded;
  }

  List<LocalDate> days() {
    return new ArrayList<>(clean.keySet());
  }

  Map<MetricKey, MetricRecord> day(LocalDate date) {
    return clean.getOrDefault(date, Map.of());
  }

  /** Series already built: several detectors read the same metric's series of one judged day. */
  private final Map<MetricKey, List<SeriesPoint>> seriesCache = new HashMap<>();
  private final Map<MetricKey, List<SeriesPoint>> perRowSeriesCache = new HashMap<>();

  /** The clean values of one metric, oldest first, as {@link #comparable} makes them. */
  List<SeriesPoint> series(MetricKey key, boolean perRow) {
    return (perRow ? perRowSeriesCache : seriesCache).computeIfAbsent(key, k -> List.copyOf(buildSeries(k, perRow)));
  }

  private List<SeriesPoint> buildSeries(MetricKey key, boolean perRow) {
    List<SeriesPoint> out = new ArrayList<>();
    boolean relative = relativeDates(key);
    Optional<LocalDate> start = seriesStart(key);
    (start.isPresent() ? perMetric.tailMap(start.get(), true) : perMetric).forEach((day, metrics) -> {
      MetricRecord m = metrics.get(key);
      if (m != null && !countOfNoValues(m, metrics)) {
        double v = comparable(m, metrics, relative, perRow ? rowsExponent(key) : 0);
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
          out.add(new SeriesPoint(day, v));
        }
      }
    });
    return out;
  }

  /**
   * Whether {@code m} is the distinct count of a column that held no value that day (every row null): a count
   * of nothing, which a series of it would hold as the column's normal. A column empty on every clean day that
   * starts carrying values (a field the source began to fill) is news once, as its null share falling; its
   * first values are no rise of its distinct count from zero, day after day.
   */
  static boolean countOfNoValues(MetricRecord m, Map<MetricKey, MetricRecord> sameDay) {
    if (m.entity() != Entity.COLUMN || !m.metric().equals(MetricNames.DISTINCT_COUNT_APPROX)) {
      return false;
    }
    MetricRecord nulls = sameDay.get(MetricKey.column(m.instance(), MetricNames.NULL_FRACTION));
    return nulls != null && nulls.value() >= 1;
  }

  /**
   * Whether a min/max date moves with the calendar (event times: judged as days before the partition
   * day) or not (birth dates: judged as they are): whichever varied less on the clean days.
   */
  boolean relativeDates(MetricKey key) {
    if (!key.metric().equals(MetricNames.MIN_DATE) && !key.metric().equals(MetricNames.MAX_DATE)) {
      return false;
    }
    List<Double> absolute = new ArrayList<>();
    List<Double> relative = new ArrayList<>();
    perMetric.values().forEach(metrics -> {
      MetricRecord m = metrics.get(key);
      if (m != null && !Double.isNaN(m.value())) {
        absolute.add(m.value());
        relative.add(m.value() - m.partitionDate().toEpochDay());
      }
    });
    return mad(relative) <= mad(absolute);
  }

  private static double mad(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    double median = Median.of(values);
    return Median.of(values.stream().map(v -> Math.abs(v - median)).toList());
  }

  /** Records of one metric on the last {@code days} clean days, oldest first. */
  List<MetricRecord> recent(MetricKey key, int days) {
    List<MetricRecord> out = new ArrayList<>();
    for (LocalDate day : perMetric.descendingKeySet()) {
      if (out.size() == days) {
        break;
      }
      MetricRecord m = perMetric.get(day).get(key);
      if (m != null) {
        out.add(0, m);
      }
    }
    return out;
  }

  /**
   * The value a series compares. Dates may be taken relative to the partition day (see
   * {@link #relativeDates}); the distinct count of a high-cardinality column grows with volume, so it is
   * judged against the day's rows raised to {@code rowsExponent} (0: as it is; 1: per row; see
   * {@link #rowsExponent}), and a weekend's lower volume is not a drop in distinct values.
   */
  static double comparable(MetricRecord m, Map<MetricKey, MetricRecord> sameDay, boolean relativeDates,
      double rowsExponent) {
    if (relativeDates) {
      return m.value() - m.partitionDate().toEpochDay();
    }
    if (rowsExponent > 0) {
      MetricRecord rows = sameDay.get(MetricKey.dataset(MetricNames.ROW_COUNT));
      return rows != null && rows.value() > 0 ? m.value() / Math.pow(rows.value(), rowsExponent) : Double.NaN;
    }
    return m.value();
  }

  /** Least spread of the clean days' rows, max over min, before the growth of distinct values is fitted. */
  static final double MIN_ROWS_SPREAD = 1.5;
  /** Least clean days with both counts before it is fitted. */
  static final int MIN_ROWS_DAYS = 7;
  /** A growth at least this close to one for one is an identifier's: per row. */
  static final double IDENTIFIER_SLOPE = 0.9;
  private final Map<MetricKey, Double> rowsExponents = new HashMap<>();
  private final Map<String, Boolean> turnsOver = new HashMap<>();

  /**
   * Whether a categorical column's listed values turn over from day to day on its last {@code days} clean days
   * ({@link CategorySignatures#turnsOver}); worked out once per column, for the series and the metric vector.
   */
  boolean turnsOver(String column, int days) {
    return turnsOver.computeIfAbsent(column, c -> CategorySignatures.turnsOver(
        recent(MetricKey.column(c, MetricNames.VALUE_PROPORTIONS), days).stream()
            .map(r -> CategoricalDistribution.fromJson(r.detail())).filter(d -> !d.isEmpty()).toList()));
  }

  /**
   * How a distinct count judged by rows grows with them on the clean days: the slope of log distinct on
   * log rows, within 0 .. 1. Identifiers grow one for one (1: per row); values drawn from a bounded set (prices
   * of a catalogue, rounded amounts) grow slower as rows repeat them, so per row they rise on every quiet
   * day. From 0.9 up, and without days of different volume to fit it on, 1.
   */
  double rowsExponent(MetricKey key) {
    return rowsExponents.computeIfAbsent(key, k -> {
      List<double[]> points = new ArrayList<>();
      perMetric.values().forEach(metrics -> {
        MetricRecord m = metrics.get(k);
        MetricRecord rows = metrics.get(MetricKey.dataset(MetricNames.ROW_COUNT));
        if (m != null && rows != null && m.value() > 0 && rows.value() > 0) {
          points.add(new double[] {Math.log(rows.value()), Math.log(m.value())});
        }
      });
      double low = points.stream().mapToDouble(p -> p[0]).min().orElse(0);
      double high = points.stream().mapToDouble(p -> p[0]).max().orElse(0);
      if (points.size() < MIN_ROWS_DAYS || high - low < Math.log(MIN_ROWS_SPREAD)) {
        return 1.0;
      }
      SimpleRegression fit = new SimpleRegression();
      points.forEach(p -> fit.addData(p[0], p[1]));
      // Near one it is an identifier's, whose share per row holds to the sketch's error, which a slope fitted
      // a hair off one would turn into a trend with the day's rows.
      return fit.getSlope() >= IDENTIFIER_SLOPE ? 1.0 : Math.max(0, fit.getSlope());
    });
  }

  /**
   * Whether a distinct count is judged per row: for identifiers and text, and for any column whose values
   * are mostly distinct today. Decided once per metric, from today, so history and today agree.
   */
  static boolean perRow(MetricRecord today, Map<MetricKey, MetricRecord> sameDay) {
    if (!today.metric().equals(MetricNames.DISTINCT_COUNT_APPROX)) {
      return false;
    }
    MetricRecord kind = sameDay.get(MetricKey.column(today.instance(), MetricNames.COLUMN_KIND));
    MetricRecord rows = sameDay.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    boolean identifier = kind != null && kind.detail() != null
        && (kind.detail().contains("\"id\"") || kind.detail().contains("\"text\""));
    return rows != null && rows.value() > 0 && (identifier || today.value() / rows.value() > 0.5);
  }

  /** The column a metric is about, for attribution; null for the partition as a whole. */
  public static String columnOf(MetricKey key) {
    if (key.entity() == Entity.COLUMN || key.entity() == Entity.FILE) {
      return key.instance();
    }
    if (key.entity() == Entity.COLUMN_PAIR) {
      int comma = key.instance().indexOf(',');
      return comma > 0 ? key.instance().substring(0, comma) : key.instance();
    }
    return MetricKey.WHOLE_DATASET.equals(key.instance()) ? null : key.instance();
  }

  /** A readable name: "income.null_fraction", "row_count", "application_id.duplicate_key_count". */
  public static String nameOf(MetricKey key) {
    return MetricKey.WHOLE_DATASET.equals(key.instance()) ? key.metric() : key.instance() + "." + key.metric();
  }
}
