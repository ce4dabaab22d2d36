package io.dqgate.detect;

import io.dqgate.anomaly.SeriesPoint;
import io.dqgate.anomaly.SeriesVerdict;
import io.dqgate.config.DatasetSpec;
import io.dqgate.config.DetectSpec;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What detection saw on the days up to one day, for reports: each metric as the series judge compares it,
 * with the band its detector drew on each day, and the PCA statistics of each day against their limits.
 * Every day is judged on the clean days strictly before it, as {@code detect} judged it live. Pure JVM:
 * one range read of the repository, then arithmetic.
 */
public final class JudgedHistory {
  /**
   * One day of a metric: its value in the units detection compared (per row, days relative to the
   * partition date), the band expected from the days before it (NaN when the history was too short), and
   * whether the day was left out of later baselines (blocked or labelled rejected).
   */
  public record BandPoint(LocalDate date, double value, double expectedLow, double expectedHigh, boolean excluded) {}

  /** One day of the whole metric vector: Hotelling T² and SPE with their control limits. */
  public record PcaPoint(LocalDate date, double t2, double t2Limit, double spe, double speLimit, boolean excluded) {}

  private final DetectSpec spec;
  private final LocalDate date;
  private final LocalDate firstShown;
  private final TreeMap<LocalDate, List<MetricRecord>> byDay = new TreeMap<>();
  private final Map<LocalDate, MetricHistory> before = new HashMap<>();
  private final MetricHistory upToDate;

  private JudgedHistory(DetectSpec spec, LocalDate date, int shownDays, List<MetricRecord> records) {
    this.spec = spec;
    this.date = date;
    this.firstShown = date.minusDays(shownDays);
    for (MetricRecord m : records) {
      byDay.computeIfAbsent(m.partitionDate(), d -> new ArrayList<>()).add(m);
    }
    // The day itself counts too (it decides which days are excluded, including the day if it was blocked).
    this.upToDate = new MetricHistory(records, spec.baselineConfirmDays());
  }

  /** Reads the days a report of {@code date} shows ({@code shownDays} before it) and their own look-back. */
  public static JudgedHistory load(MetricsRepository repository, DatasetSpec dataset, LocalDate date, int shownDays) {
    DetectSpec spec = dataset.detect();
    List<MetricRecord> records = repository.loadRange(dataset.name(),
        date.minusDays(shownDays + (long) spec.lookbackDays()), date.plusDays(1));
    return new JudgedHistory(spec, date, shownDays, records);
  }

  /** The stored days shown, oldest first, the judged day last when it is stored. */
  public List<LocalDate> shownDays() {
    return new ArrayList<>(byDay.subMap(firstShown, true, date, true).keySet());
  }

  /** The metrics stored for one shown day, by key. */
  public Map<MetricKey, MetricRecord> day(LocalDate day) {
    Map<MetricKey, MetricRecord> out = new LinkedHashMap<>();
    byDay.getOrDefault(day, List.of()).forEach(m -> out.put(m.key(), m));
    return out;
  }

  /** Whether a day is left out of baselines: blocked and not accepted, or labelled rejected. */
  public boolean excluded(LocalDate day) {
    return upToDate.excludedDays().contains(day);
  }

  /** Clean days strictly before the judged day within its look-back. */
  public int cleanDaysBefore() {
    return history(date).cleanDays();
  }

  /**
   * A metric over the shown days with the band the configured series detector drew on each; the judged
   * day's point carries the band its finding reported. Units follow the judged day (a distinct count per
   * row when it is judged per row there).
   */
  public List<BandPoint> series(MetricKey key) {
    Map<MetricKey, MetricRecord> today = day(date);
    MetricRecord judged = today.get(key);
    boolean perRow = judged != null && MetricHistory.perRow(judged, today);
    boolean relative = history(date).relativeDates(key);
    SeriesJudge judge = new SeriesJudge(spec);
    List<BandPoint> out = new ArrayList<>();
    for (LocalDate d : shownDays()) {
      Map<MetricKey, MetricRecord> sameDay = day(d);
      MetricRecord m = sameDay.get(key);
      if (m == null) {
        continue;
      }
      double value = MetricHistory.comparable(m, sameDay, relative, perRow ? history(d).rowsExponent(key) : 0);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        continue;
      }
      List<SeriesPoint> past = history(d).series(key, perRow);
      Optional<SeriesVerdict> verdict = past.isEmpty() ? Optional.empty()
          : judge.detectorFor(key, past, value, sameDay).judge(past, d, value);
      out.add(new BandPoint(d, value, verdict.map(SeriesVerdict::expectedLow).orElse(Double.NaN),
          verdict.map(SeriesVerdict::expectedHigh).orElse(Double.NaN), excluded(d)));
    }
    return out;
  }

  /** T² and SPE of every shown day that had enough clean history for a PCA model. */
  public List<PcaPoint> pca() {
    PcaJudge judge = new PcaJudge(spec);
    List<PcaPoint> out = new ArrayList<>();
    for (LocalDate d : shownDays()) {
      judge.score(d, day(d), history(d)).ifPresent(s -> out.add(new PcaPoint(d, s.score().t2(),
          s.score().t2Limit(), s.score().spe(), s.score().speLimit(), excluded(d))));
    }
    return out;
  }

  /**
   * The judged day's PCA contributions rolled up to columns ("(dataset)" for dataset-wide metrics), largest
   * first; empty in a cold start.
   */
  public Map<String, Double> pcaContributionsByColumn() {
    return new PcaJudge(spec).score(date, day(date), history(date))
        .map(PcaJudge.Scored::byColumn).orElse(Map.of());
  }

  /** The records drift compared the judged day's {@code key} with: the last clean days before it. */
  public List<MetricRecord> driftBaseline(MetricKey key) {
    return history(date).recent(key, spec.driftBaselineDays());
  }

  /** The clean history {@code day} was judged on: its look-back, strictly before it. */
  private MetricHistory history(LocalDate day) {
    return before.computeIfAbsent(day, d -> {
      List<MetricRecord> window = new ArrayList<>();
      byDay.subMap(d.minusDays(spec.lookbackDays()), true, d, false).values().forEach(window::addAll);
      return new MetricHistory(window, spec.baselineConfirmDays());
    });
  }
}
