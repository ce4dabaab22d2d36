package io.dqgate.anomaly;

import io.dqgate.anomaly.PcaOptions.LimitMethod;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Detection cost for one day of one dataset: 500 metrics with 364 days of history — every metric through
 * {@link AutoSeriesDetector}, then a PCA fit on the 364 × 500 baseline and the score of day 365 — on one
 * thread. Then, untimed, two quality tables: textbook versus held-out PCA limits on clean days, and whether
 * forecasting the component scores (Uber's option) helps. A main method, not a test: timings on a shared
 * machine are not assertions.
 *
 * <pre>
 * mvn -B -o -q -pl common dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp common/target/classes:common/target/test-classes:$(cat /tmp/cp.txt) io.dqgate.anomaly.DetectionBenchmark
 * </pre>
 * {@code --timing-only} skips the quality tables.
 */
public final class DetectionBenchmark {
  private static final int DAYS = 365;
  private static final int METRICS = 500;
  private static final int WARMUP = 3;
  private static final int REPEATS = 5;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DetectionBenchmark() {}

  public static void main(String[] args) {
    // 8 factors, weekends pull factor 0 down: by 2 sd with loadings 0.7 a sixth of the metrics come out
    // weekly seasonal; by 8 sd with loadings 1.5 nearly all of them do (Holt-Winters everywhere: the
    // slowest case for the series detectors)
    timing("mixed", 0.7, 2.0);
    timing("weekly seasonal", 1.5, 8.0);
    if (!Arrays.asList(args).contains("--timing-only")) {
      limitCalibration();
      scoreForecasting();
    }
  }

  /** Wall and CPU milliseconds of one call. */
  private record Sample(double wallMs, double cpuMs) {}

  private static Sample measure(Runnable work) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    work.run();
    return new Sample((System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
  }

  private static void timing(String label, double loading, double weekendDip) {
    Synthetic.FactorData data = new Synthetic.FactorData(METRICS, 8, loading, weekendDip, 2024);
    // 20 metrics constant, as schema counts and never-null completeness are
    double[][] days = data.days(DAYS, 0);
    for (int j = 0; j < 20; j++) {
      for (double[] day : days) {
        day[j * 25] = j;
      }
    }
    List<String> names = Synthetic.names(METRICS);
    List<List<SeriesPoint>> histories = new ArrayList<>();
    for (int j = 0; j < METRICS; j++) {
      List<SeriesPoint> history = new ArrayList<>(DAYS - 1);
      for (int d = 0; d < DAYS - 1; d++) {
        history.add(new SeriesPoint(Synthetic.START.plusDays(d), days[d][j]));
      }
      histories.add(history);
    }
    double[][] baseline = Arrays.copyOf(days, DAYS - 1);
    double[] today = days[DAYS - 1];
    LocalDate date = Synthetic.START.plusDays(DAYS - 1);
    AutoSeriesDetector auto = new AutoSeriesDetector();
    Map<String, Integer> methods = new TreeMap<>();
    int[] seriesAlarms = new int[1];
    PcaScore[] last = new PcaScore[1];
    PcaModel[] model = new PcaModel[1];
    Runnable series = () -> {
      methods.clear();
      seriesAlarms[0] = 0;
      for (int j = 0; j < METRICS; j++) {
        SeriesVerdict verdict = auto.judge(histories.get(j), date, today[j]).orElseThrow();
        methods.merge(verdict.method(), 1, Integer::sum);
        seriesAlarms[0] += verdict.anomalous() ? 1 : 0;
      }
    };
    Runnable pca = () -> {
      model[0] = PcaModel.fit(baseline, names, PcaOptions.defaults()).orElseThrow();
      last[0] = model[0].score(today);
    };
    for (int i = 0; i < WARMUP; i++) {
      series.run();
      pca.run();
    }
    List<Sample> seriesRuns = new ArrayList<>();
    List<Sample> pcaRuns = new ArrayList<>();
    List<Sample> totalRuns = new ArrayList<>();
    for (int i = 0; i < REPEATS; i++) {
      Sample s = measure(series);
      Sample p = measure(pca);
      seriesRuns.add(s);
      pcaRuns.add(p);
      totalRuns.add(new Sample(s.wallMs() + p.wallMs(), s.cpuMs() + p.cpuMs()));
    }
    System.out.printf(Locale.ROOT, "detection of one day, %s metrics: %d metrics x %d days of history, "
        + "one thread, %d warm-up + %d repeats (%s, %d processors)%n", label, METRICS, DAYS - 1, WARMUP, REPEATS,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    print("per-metric AutoSeriesDetector x500", seriesRuns);
    print("PCA fit 364x500 + score", pcaRuns);
    print("total", totalRuns);
    System.out.printf(Locale.ROOT, "  methods chosen: %s; series alarms on the clean last day: %d of %d%n",
        methods, seriesAlarms[0], METRICS);
    System.out.printf(Locale.ROOT, "  PCA: %d modelled, %d constant, %d components, limits %s; last day: %s%n",
        model[0].modelledMetrics().size(), model[0].constantMetrics().size(), model[0].components(),
        model[0].limitMethod(), last[0].anomalous() ? "ANOMALOUS" : "normal");
  }

  private static void print(String label, List<Sample> runs) {
    double[] wall = runs.stream().mapToDouble(Sample::wallMs).sorted().toArray();
    double[] cpu = runs.stream().mapToDouble(Sample::cpuMs).sorted().toArray();
    System.out.printf(Locale.ROOT, "  %-36s median %7.1f ms wall, %7.1f ms cpu  (wall min %.1f, max %.1f)%n",
        label, wall[wall.length / 2], cpu[cpu.length / 2], wall[0], wall[wall.length - 1]);
  }

  /** False alarms on clean days: textbook limits against held-out limits. */
  private static void limitCalibration() {
    System.out.println();
    System.out.println("PCA limits at 0.99 on clean days (5 factors, noise-heavy metrics; 4 seeds x 100 new days):");
    System.out.println("  days x metrics   components   textbook alarms   held-out alarms");
    int[][] shapes = {{20, 50}, {60, 50}, {364, 50}, {364, 200}, {100, 500}, {364, 500}};
    for (int[] shape : shapes) {
      int n = shape[0];
      int p = shape[1];
      int[] alarms = new int[2];
      int components = 0;
      for (int seed = 0; seed < 4; seed++) {
        Synthetic.FactorData data = new Synthetic.FactorData(p, 5, 0.3, 0, seed);
        double[][] baseline = data.days(n, 0);
        double[][] fresh = data.days(100, n);
        for (LimitMethod method : LimitMethod.values()) {
          PcaModel model = PcaModel.fit(baseline, Synthetic.names(p),
              PcaOptions.defaults().withLimitMethod(method)).orElseThrow();
          components = model.components();
          for (double[] day : fresh) {
            alarms[method.ordinal()] += model.score(day).anomalous() ? 1 : 0;
          }
        }
      }
      System.out.printf(Locale.ROOT, "  %4d x %-4d      %5d        %6.1f %%          %6.1f %%%n", n, p,
          components, alarms[0] / 4.0, alarms[1] / 4.0);
    }
  }

  /** Plain T² against T² measured from Holt-Winters forecasts of the component scores. */
  private static void scoreForecasting() {
    System.out.println();
    System.out.println("Forecasting component scores (Uber): 83 days from a Monday, day 83 a Sunday; "
        + "30 datasets per row");
    System.out.println("  metrics  weekend dip   clean Sunday alarms   Monday-like Sunday caught   "
        + "3-sd shift on 5 metrics caught");
    System.out.println("                         plain / forecast      plain / forecast            plain / forecast");
    for (int p : new int[] {40, 200}) {
      for (double dip : new double[] {0, 2, 5}) {
        int[][] counts = new int[3][2];
        for (int t = 0; t < 30; t++) {
          Synthetic.FactorData data = new Synthetic.FactorData(p, 3, 1.0, dip, 100 + t);
          double[][] baseline = data.days(83, 0);
          double[] sunday = data.day(83);
          double[] mondayLike = data.day(84);
          double[] shifted = data.day(83);
          for (int j = 0; j < 5; j++) {
            shifted[j] += 3 * data.scale[j];
          }
          Supplier<PcaOptions> options = PcaOptions::defaults;
          PcaModel[] models = {
              PcaModel.fit(baseline, Synthetic.names(p), options.get()).orElseThrow(),
              PcaModel.fit(baseline, Synthetic.names(p), options.get().withForecastScores(true)).orElseThrow()};
          for (int m = 0; m < 2; m++) {
            counts[0][m] += models[m].score(sunday).anomalous() ? 1 : 0;
            counts[1][m] += models[m].score(mondayLike).anomalous() ? 1 : 0;
            counts[2][m] += models[m].score(shifted).anomalous() ? 1 : 0;
          }
        }
        System.out.printf(Locale.ROOT,
            "  %5d    %4.0f sd        %2d / %2d               %2d / %2d                     %2d / %2d%n",
            p, dip, counts[0][0], counts[0][1], counts[1][0], counts[1][1], counts[2][0], counts[2][1]);
      }
    }
  }
}
