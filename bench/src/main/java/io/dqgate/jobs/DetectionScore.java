package io.dqgate.jobs;

import io.dqgate.bench.FeedInjector.Planted;
import io.dqgate.config.DatasetSpec;
import io.dqgate.deequ.DeequSeriesStrategies;
import io.dqgate.detect.Detection;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import io.dqgate.metrics.MetricRecord;
import io.dqgate.repository.MetricsRepository;
import io.dqgate.vocabulary.Finding;
import io.dqgate.vocabulary.Severity;
import io.dqgate.vocabulary.Status;
import io.dqgate.vocabulary.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the detection benchmark scores a feed's judged days, for dqgate and for Deequ's OnlineNormal. */
final class DetectionScore {
  private DetectionScore() {}

  /** One judged day: its planted incident (null on a clean day), dqgate's verdict, the metrics Deequ flags. */
  record Day(LocalDate date, int index, Planted planted, Verdict verdict, List<MetricKey> deequFlags) {}

  /**
   * A feed's judged days; clean days count from {@code minHistory} on (before it every verdict is a cold start).
   * Days from {@code warmup} on are the incidents' phase, when the alarm budget has its clean days.
   */
  record FeedResult(String feed, String shape, List<Day> days, int minHistory, int warmup) {
    List<Day> incidents() {
      return days.stream().filter(d -> d.planted() != null).toList();
    }

    List<Day> cleanDays() {
      return days.stream().filter(d -> d.planted() == null && d.index() >= minHistory).toList();
    }

    long blocked() {
      return incidents().stream().filter(d -> d.verdict().status() == Status.BLOCK).count();
    }

    long blockedRightColumn() {
      return incidents().stream().filter(d -> d.verdict().status() == Status.BLOCK && rightColumn(d)).count();
    }

    long rightCause() {
      return incidents().stream().filter(DetectionScore::rightCause).count();
    }

    long clean(Status status) {
      return cleanDays().stream().filter(d -> d.verdict().status() == status).count();
    }

    List<Day> cleanDays(boolean afterWarmup) {
      return cleanDays().stream().filter(d -> d.index() >= warmup == afterWarmup).toList();
    }

    long clean(Status status, boolean afterWarmup) {
      return cleanDays(afterWarmup).stream().filter(d -> d.verdict().status() == status).count();
    }

    long deequIncidents(boolean column) {
      return incidents().stream().filter(d -> !d.deequFlags().isEmpty() && (!column || deequColumn(d))).count();
    }

    long deequClean() {
      return cleanDays().stream().filter(d -> !d.deequFlags().isEmpty()).count();
    }
  }

  /** Metrics OnlineNormal flags on {@code d}, judged on every earlier stored day (Deequ leaves none out). */
  static List<MetricKey> onlineNormal(MetricsRepository repository, DatasetSpec dataset, LocalDate start,
      LocalDate d) {
    Map<MetricKey, MetricRecord> today = new LinkedHashMap<>();
    repository.loadDay(dataset.name(), d).forEach(m -> today.put(m.key(), m));
    Map<MetricKey, List<Double>> history = new LinkedHashMap<>();
    for (MetricRecord m : repository.loadRange(dataset.name(), start, d)) {
      if (!Double.isNaN(m.value())) {
        history.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
      }
    }
    DeequSeriesStrategies.Strategy strategy =
        DeequSeriesStrategies.create(DeequSeriesStrategies.ONLINE_NORMAL, Map.of(), "bench");
    List<MetricKey> flagged = new ArrayList<>();
    for (MetricKey key : Detection.judgedKeys(today, dataset.detect())) {
      double[] series = history.getOrDefault(key, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
      if (series.length < 7) {
        continue;
      }
      DeequSeriesStrategies.Result r = strategy.judge(series, today.get(key).value());
      if (r.enoughHistory() && r.anomalous()) {
        flagged.add(key);
      }
    }
    return flagged;
  }

  /** A blocking finding names the column planted (either of a pair; the files; the partition as a whole). */
  static boolean rightColumn(Day d) {
    String column = d.planted().column();
    List<String> columns = Arrays.asList(column.split("\\|"));
    for (Finding f : d.verdict().findings()) {
      if (f.severity() != Severity.BLOCK) {
        continue;
      }
      boolean named = switch (column) {
        case "(files)" -> f.detector().equals("files") && !f.metric().equals("volume");
        case "(dataset)" -> f.column() == null || d.planted().incident().causes().contains(f.cause());
        default -> columns.contains(f.column());
      };
      if (named) {
        return true;
      }
    }
    return false;
  }

  /** The verdict blocks and leads with a cause that describes the incident. */
  static boolean rightCause(Day d) {
    Verdict v = d.verdict();
    return v.status() == Status.BLOCK && !v.findings().isEmpty()
        && d.planted().incident().causes().contains(v.findings().get(0).cause());
  }

  static boolean deequColumn(Day d) {
    String column = d.planted().column();
    List<String> columns = Arrays.asList(column.split("\\|"));
    for (MetricKey k : d.deequFlags()) {
      boolean named = switch (column) {
        case "(files)" -> MetricNames.FILE_METRICS.contains(k.metric()) && !k.metric().equals(MetricNames.TOTAL_ROWS)
            && !k.metric().equals(MetricNames.TOTAL_BYTES) && !k.metric().equals(MetricNames.FILE_COUNT);
        case "(dataset)" -> k.entity() == Entity.DATASET;
        default -> columns.stream().anyMatch(c -> c.equals(k.instance()) || k.instance().startsWith(c + ",")
            || k.instance().endsWith("," + c));
      };
      if (named) {
        return true;
      }
    }
    return false;
  }

  static String markdown(List<FeedResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("| feed | incidents | BLOCKed | BLOCKed, right column | right cause | clean days | WARN | BLOCK | PASS "
        + "| OnlineNormal: incidents flagged (right column) | OnlineNormal: clean days flagged |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    int[] totals = new int[9];
    for (FeedResult r : results) {
      int n = r.incidents().size();
      int c = r.cleanDays().size();
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %s | %s | %s | %s (%s) | %s |%n",
          r.feed(), n, share(r.blocked(), n), share(r.blockedRightColumn(), n), share(r.rightCause(), n), c,
          share(r.clean(Status.WARN), c), share(r.clean(Status.BLOCK), c), share(r.clean(Status.PASS), c),
          share(r.deequIncidents(false), n), share(r.deequIncidents(true), n), share(r.deequClean(), c)));
      long[] add = {n, r.blocked(), r.blockedRightColumn(), r.rightCause(), c, r.clean(Status.WARN),
          r.clean(Status.BLOCK), r.deequIncidents(false), r.deequClean()};
      for (int k = 0; k < add.length; k++) {
        totals[k] += (int) add[k];
      }
    }
    out.append(String.format(Locale.ROOT, "| **all** | %d | %s | %s | %s | %d | %s | %s | | %s | %s |%n%n", totals[0],
        share(totals[1], totals[0]), share(totals[2], totals[0]), share(totals[3], totals[0]), totals[4],
        share(totals[5], totals[4]), share(totals[6], totals[4]), share(totals[7], totals[0]),
        share(totals[8], totals[4])));
    out.append(phases(results));
    for (FeedResult r : results) {
      out.append("**").append(r.feed()).append("** (").append(r.shape()).append(")\n\n");
      out.append("| day | incident | planted | verdict | right column | cause given | summary |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (Day d : r.incidents()) {
        Verdict v = d.verdict();
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", d.date(),
            d.planted().incident().label(), d.planted().description().replace("|", "/"), v.status(),
            rightColumn(d) ? "yes" : "no", v.findings().isEmpty() || v.findings().get(0).cause() == null ? "-"
                : v.findings().get(0).cause(), v.summary().replace("|", "/")));
      }
      List<String> alarms = new ArrayList<>();
      for (Day d : r.cleanDays()) {
        if (d.verdict().status() != Status.PASS) {
          alarms.add(d.date() + " " + d.verdict().summary().replace("|", "/"));
        }
      }
      out.append("\nclean days that did not pass: ").append(alarms.isEmpty() ? "none" : "").append('\n');
      alarms.forEach(a -> out.append("- ").append(a).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }

  /** Clean-day alarms in the warm-up (fixed rules while the budget gathers days) and after it (calibrated). */
  static String phases(List<FeedResult> results) {
    StringBuilder out = new StringBuilder("| feed | warm-up clean days | WARN | BLOCK | after the warm-up: clean days "
        + "| WARN | BLOCK |\n|---|---|---|---|---|---|---|\n");
    long[] totals = new long[6];
    for (FeedResult r : results) {
      long[] row = {r.cleanDays(false).size(), r.clean(Status.WARN, false), r.clean(Status.BLOCK, false),
          r.cleanDays(true).size(), r.clean(Status.WARN, true), r.clean(Status.BLOCK, true)};
      out.append(phaseRow(r.feed(), row));
      for (int k = 0; k < row.length; k++) {
        totals[k] += row[k];
      }
    }
    return out.append(phaseRow("**all**", totals)).append('\n').toString();
  }

  private static String phaseRow(String feed, long[] row) {
    return String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %s | %s |%n", feed, row[0], share(row[1], row[0]),
        share(row[2], row[0]), row[3], share(row[4], row[3]), share(row[5], row[3]));
  }

  static String share(long part, long whole) {
    return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%d (%.0f%%)", part, 100.0 * part / whole);
  }
}
