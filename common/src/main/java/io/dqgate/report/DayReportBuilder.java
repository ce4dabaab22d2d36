package io.dqgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dqgate.DqgateException;
import io.dqgate.audit.AuditSampling;
import io.dqgate.config.DatasetSpec;
import io.dqgate.detect.MetricHistory;
import io.dqgate.detect.JudgedHistory;
import io.dqgate.drift.Baselines;
import io.dqgate.drift.CategoricalDistribution;
import io.dqgate.drift.NumericDistribution;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.rules.StaticRules;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Verdict;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a day's {@link DayReport} from the metrics repository: the verdict (stored by detect, or handed
 * over by the caller), a chart per finding's metric re-traced through {@link JudgedHistory}, the PCA view,
 * categorical proportions against their baseline and the file checks.
 */
public final class DayReportBuilder {
  /** Days of history a chart shows before the judged day. */
  public static final int DEFAULT_SHOWN_DAYS = 42;
  /** More categorical columns than this are shown only when a finding points at them. */
  static final int MAX_CATEGORICALS = 12;
  /** Values of a categorical column shown; the rest are summed into the other bucket. */
  static final int MAX_VALUES = 12;
  private static final Set<String> FILE_PROBLEM_COUNTERS = Set.of(MetricNames.ZERO_BYTE_FILE_COUNT,
      MetricNames.UNREADABLE_FILE_COUNT, MetricNames.MALFORMED_ROW_COUNT, MetricNames.TRUNCATED_FILE_COUNT,
      MetricNames.INVALID_UTF8_COUNT, MetricNames.NUL_BYTE_COUNT, MetricNames.BOM_FILE_COUNT,
      MetricNames.CHECKSUM_MISMATCH_COUNT, MetricNames.UNLISTED_FILE_COUNT, MetricNames.MISSING_FILE_COUNT,
      MetricNames.MISSING_COLUMN_COUNT, MetricNames.EXTRA_COLUMN_COUNT);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetricsRepository repository;
  private final int shownDays;

  public DayReportBuilder(MetricsRepository repository) {
    this(repository, DEFAULT_SHOWN_DAYS);
  }

  public DayReportBuilder(MetricsRepository repository, int shownDays) {
    if (shownDays < 1) {
      throw new DqgateException("report: days shown before the judged day must be at least 1, was " + shownDays);
    }
    this.repository = repository;
    this.shownDays = shownDays;
  }

  /** The report of a day with the verdict detect stored for it. */
  public DayReport build(DatasetSpec dataset, LocalDate date) {
    return build(dataset, date, null);
  }

  /**
   * The report of a day. {@code verdict} is the caller's (run combines file checks and detection); null
   * reads the one detect stored.
   */
  public DayReport build(DatasetSpec dataset, LocalDate date, Verdict verdict) {
    JudgedHistory history = JudgedHistory.load(repository, dataset, date, shownDays);
    Map<MetricKey, MetricRecord> today = history.day(date);
    if (today.isEmpty()) {
      throw new DqgateException("no metrics of " + dataset.name() + " on " + date + " in " + repository.location()
          + ": run profile and detect first");
    }
    String source = "given by the caller";
    if (verdict == null) {
      verdict = StoredVerdicts.of(today).orElseThrow(() -> new DqgateException("no verdict of " + dataset.name()
          + " on " + date + " in " + repository.location() + " (metric " + MetricNames.VERDICT_STATUS
          + "): run detect first"));
      source = "stored by detect";
    }
    MetricRecord rows = today.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    DayReport.Header header = new DayReport.Header(dataset.name(), date, verdict.status(),
        verdict.findings().stream().filter(f -> f.severity() == Severity.BLOCK).count(),
        verdict.findings().stream().filter(f -> f.severity() == Severity.WARN).count(), source,
        history.cleanDaysBefore(), rows == null ? Double.NaN : rows.value());

    List<DayReport.FindingRow> rows0 = new ArrayList<>();
    Map<MetricKey, Finding> charted = new LinkedHashMap<>();
    Set<String> driftedCategoricals = new LinkedHashSet<>();
    Set<String> driftedNumerics = new LinkedHashSet<>();
    int rank = 0;
    for (Finding f : verdict.findings()) {
      String anchor = null;
      Optional<MetricKey> key = chartedKey(f, today);
      if (key.isPresent()) {
        charted.putIfAbsent(key.get(), f);
        anchor = Anchors.metric(key.get());
      } else if (f.detector().equals("pca")) {
        anchor = DayReport.PCA_ANCHOR;
      } else if (f.detector().equals("files")) {
        anchor = DayReport.FILES_ANCHOR;
      } else if (f.metric() != null && f.metric().equals(MetricNames.VALUE_PROPORTIONS) && f.column() != null) {
        driftedCategoricals.add(f.column());
        anchor = Anchors.categorical(f.column());
      } else if (f.metric() != null && f.metric().equals(MetricNames.QUANTILES) && f.column() != null) {
        driftedNumerics.add(f.column());
        anchor = Anchors.numeric(f.column());
      }
      rows0.add(row(++rank, f, anchor));
    }

    List<DayReport.MetricChart> charts = new ArrayList<>();
    charted.forEach((key, f) -> charts.add(metricChart(key, f, history, date)));
    boolean pcaFlagged = verdict.findings().stream().anyMatch(f -> f.detector().equals("pca"));
    List<JudgedHistory.PcaPoint> pcaPoints = history.pca();
    Optional<DayReport.PcaSection> pca = pcaPoints.isEmpty() ? Optional.empty()
        : Optional.of(new DayReport.PcaSection(pcaPoints, date, history.pcaContributionsByColumn(), pcaFlagged));
    return new DayReport(header, rows0, charts, pca, categoricals(today, history, driftedCategoricals, date),
        numerics(today, history, driftedNumerics, date), files(today, rows0),
        AuditSampling.stored(new ArrayList<>(today.values()), repository.location() + " audit sample of " + date));
  }

  /** The stored metric a finding is charted by: its own (series, correlation) or the one a rule measures. */
  static Optional<MetricKey> chartedKey(Finding f, Map<MetricKey, MetricRecord> today) {
    String metric = switch (f.detector()) {
      case "series", "correlation" -> f.metric();
      // A broken rule is charted through the metric it is judged on.
      case "rules" -> StaticRules.METRICS.get(f.metric());
      // A signature on a sketch (quantiles, categories) is shown with the column's distribution instead.
      case "signature" -> f.metric().equals(MetricNames.QUANTILES) || f.metric().equals(MetricNames.VALUE_PROPORTIONS)
          ? null : f.metric();
      default -> null;
    };
    if (metric == null) {
      return Optional.empty();
    }
    // A finding names its metric and column, not the stored key: the key columns of duplicate_key_count
    // are its instance, a correlation's instance is "feature,target".
    return today.keySet().stream()
        .filter(k -> k.metric().equals(metric) && k.entity() != Entity.FILE)
        .filter(k -> java.util.Objects.equals(MetricHistory.columnOf(k), f.column()))
        .findFirst();
  }

  private static DayReport.FindingRow row(int rank, Finding f, String anchor) {
    return new DayReport.FindingRow(rank, f.severity(), f.detector(), f.column(), f.metric(), f.file(),
        f.observed(), f.expectedLow(), f.expectedHigh(), f.score(), f.message(), anchor);
  }

  private static DayReport.MetricChart metricChart(MetricKey key, Finding f, JudgedHistory history, LocalDate date) {
    List<JudgedHistory.BandPoint> points = history.series(key);
    boolean ownMetric = !f.detector().equals("rules") && !f.detector().equals("signature");
    // A rule finding's observed is "broken" (0), a signature's is in its own units (a share, days from the
    // partition day): the day's point and band come from the trace.
    JudgedHistory.BandPoint day = points.isEmpty() ? null : points.get(points.size() - 1);
    boolean dayTraced = day != null && day.date().equals(date);
    double observed = ownMetric ? f.observed() : dayTraced ? day.value() : Double.NaN;
    double low = ownMetric ? f.expectedLow() : dayTraced ? day.expectedLow() : Double.NaN;
    double high = ownMetric ? f.expectedHigh() : dayTraced ? day.expectedHigh() : Double.NaN;
    String title = MetricHistory.nameOf(key) + (ownMetric ? ""
        : f.detector().equals("rules") ? " (rule " + f.metric() + ")" : " (" + f.cause() + ")");
    return new DayReport.MetricChart(Anchors.metric(key), title, MetricHistory.nameOf(key), points, date, observed,
        low, high, f.severity());
  }

  private static List<DayReport.CategoricalComparison> categoricals(Map<MetricKey, MetricRecord> today,
      JudgedHistory history, Set<String> drifted, LocalDate date) {
    List<DayReport.CategoricalComparison> out = new ArrayList<>();
    for (MetricRecord m : today.values()) {
      if (m.entity() != Entity.COLUMN || !m.metric().equals(MetricNames.VALUE_PROPORTIONS) || m.detail() == null) {
        continue;
      }
      boolean flagged = drifted.contains(m.instance());
      if (!flagged && out.size() >= MAX_CATEGORICALS) {
        continue;
      }
      List<MetricRecord> baseline = sameWeekdayWhenPossible(history.driftBaseline(m.key()), date);
      CategoricalDistribution now = CategoricalDistribution.fromJson(m.detail());
      CategoricalDistribution before = Baselines.mergeCategorical(
          baseline.stream().map(r -> CategoricalDistribution.fromJson(r.detail())).toList());
      out.add(new DayReport.CategoricalComparison(Anchors.categorical(m.instance()), m.instance(),
          shares(now, before), baseline.size(), flagged));
    }
    return out;
  }

  /** Drift's own choice: the same weekday once two clean days of it are in the baseline. */
  private static List<MetricRecord> sameWeekdayWhenPossible(List<MetricRecord> baseline, LocalDate date) {
    List<MetricRecord> same = baseline.stream()
        .filter(r -> r.partitionDate().getDayOfWeek() == date.getDayOfWeek()).toList();
    return same.size() >= 2 ? same : baseline;
  }

  /** Values by today's and the baseline's counts, the largest first, the tail summed into the other bucket. */
  static List<DayReport.Share> shares(CategoricalDistribution today, CategoricalDistribution baseline) {
    Set<String> values = new LinkedHashSet<>(today.counts().keySet());
    values.addAll(baseline.counts().keySet());
    List<DayReport.Share> all = new ArrayList<>();
    for (String v : values) {
      all.add(new DayReport.Share(v, share(today.count(v), today.total()), share(baseline.count(v), baseline.total())));
    }
    all.sort((a, b) -> Double.compare(Math.max(b.today(), b.baseline()), Math.max(a.today(), a.baseline())));
    List<DayReport.Share> out = new ArrayList<>(all.subList(0, Math.min(MAX_VALUES, all.size())));
    double otherToday = share(today.otherCount(), today.total());
    double otherBaseline = share(baseline.otherCount(), baseline.total());
    for (DayReport.Share s : all.subList(out.size(), all.size())) {
      otherToday += s.today();
      otherBaseline += s.baseline();
    }
    if (otherToday > 0 || otherBaseline > 0) {
      out.add(new DayReport.Share(CategoricalDistribution.OTHER, otherToday, otherBaseline));
    }
    return out;
  }

  private static double share(long count, long total) {
    return total > 0 ? (double) count / total : 0;
  }

  private static List<DayReport.NumericComparison> numerics(Map<MetricKey, MetricRecord> today,
      JudgedHistory history, Set<String> drifted, LocalDate date) {
    List<DayReport.NumericComparison> out = new ArrayList<>();
    for (String column : drifted) {
      MetricRecord m = today.get(MetricKey.column(column, MetricNames.QUANTILES));
      if (m == null || m.detail() == null) {
        continue;
      }
      List<MetricRecord> baseline = sameWeekdayWhenPossible(history.driftBaseline(m.key()), date);
      NumericDistribution now = NumericDistribution.fromJson(m.detail());
      NumericDistribution before = Baselines.mergeNumeric(
          baseline.stream().map(r -> NumericDistribution.fromJson(r.detail())).toList(), now.probabilities());
      if (now.isEmpty() || before.isEmpty()) {
        continue;
      }
      out.add(new DayReport.NumericComparison(Anchors.numeric(column), column, now.probabilities(), now.values(),
          before.values(), baseline.size()));
    }
    return out;
  }

  private static DayReport.FileSection files(Map<MetricKey, MetricRecord> today, List<DayReport.FindingRow> rows) {
    List<DayReport.FileRow> files = new ArrayList<>();
    Map<String, Double> counters = new LinkedHashMap<>();
    for (MetricRecord m : today.values()) {
      if (m.entity() == Entity.FILE && m.metric().equals(MetricNames.FILE_BYTES)) {
        files.add(fileRow(m));
      } else if (m.entity() == Entity.DATASET && FILE_PROBLEM_COUNTERS.contains(m.metric()) && m.value() > 0) {
        counters.put(m.metric(), m.value());
      }
    }
    files.sort((a, b) -> a.file().compareTo(b.file()));
    List<DayReport.FindingRow> fileFindings = rows.stream().filter(r -> r.detector().equals("files")).toList();
    return new DayReport.FileSection(files, counters, fileFindings);
  }

  private static DayReport.FileRow fileRow(MetricRecord bytes) {
    try {
      JsonNode detail = bytes.detail() == null ? JSON.createObjectNode() : JSON.readTree(bytes.detail());
      List<String> problems = new ArrayList<>();
      detail.path("findings").forEach(p -> problems.add(p.asText()));
      return new DayReport.FileRow(bytes.instance(), (long) bytes.value(), detail.path("rows").asLong(-1),
          detail.path("sha256").asText(""), problems);
    } catch (IOException e) {
      throw new DqgateException(String.format(Locale.ROOT, "stored %s of file %s on %s: detail is not JSON: %s",
          MetricNames.FILE_BYTES, bytes.instance(), bytes.partitionDate(), e.getMessage()), e);
    }
  }
}
