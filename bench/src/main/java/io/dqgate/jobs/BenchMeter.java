package io.dqgate.jobs;

import io.dqgate.Median;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Times one contender (wall and process CPU time): warm-up runs, then measured runs, each after a GC with
 * the heap pools' peaks reset;
 * counts the Spark jobs, stages and tasks of the last measured run with a listener. In local mode the driver
 * and the executors share the JVM, so "driver peak heap" is the whole JVM's: the sum of the heap pools'
 * peaks (an upper bound of the true peak, as pools peak at different moments).
 */
final class BenchMeter {
  /** What one contender cost. {@code work} is what the contender reported (rows, metrics) for a sanity check. */
  record Result(String data, String contender, List<Double> seconds, List<Double> cpuSeconds, long jobs,
      long stages, long tasks, long peakHeapBytes, long work) {
    double median() {
      return Median.of(seconds);
    }

    /** Median CPU time of the whole JVM (driver, executor threads, JIT, GC) per run. */
    double medianCpu() {
      return Median.of(cpuSeconds);
    }
  }

  private final SparkSession spark;
  private final int warmup;
  private final int repeats;
  private final Counter counter = new Counter();

  BenchMeter(SparkSession spark, int warmup, int repeats) {
    this.spark = spark;
    this.warmup = warmup;
    this.repeats = repeats;
    if (spark != null) {
      spark.sparkContext().addSparkListener(counter);
    }
  }

  Result measure(String data, String contender, Supplier<Long> work) {
    return measure(data, contender, warmup, repeats, work);
  }

  /**
   * The contenders' warm-ups, then their measured runs in turns (A, B, C, A, B, C, ...), so that a change
   * of load on a shared machine falls on all of them alike; one result per contender, in order.
   */
  List<Result> interleaved(String data, java.util.LinkedHashMap<String, Supplier<Long>> contenders) {
    contenders.values().forEach(work -> {
      for (int i = 0; i < warmup; i++) {
        work.get();
      }
    });
    java.util.LinkedHashMap<String, Result> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < Math.max(1, repeats); i++) {
      contenders.forEach((name, work) -> {
        Result run = measure(data, name, 0, 1, work);
        out.merge(name, run, (a, b) -> new Result(data, name, concat(a.seconds(), b.seconds()),
            concat(a.cpuSeconds(), b.cpuSeconds()), b.jobs(), b.stages(), b.tasks(),
            Math.max(a.peakHeapBytes(), b.peakHeapBytes()), b.work()));
      });
    }
    return List.copyOf(out.values());
  }

  private static List<Double> concat(List<Double> a, List<Double> b) {
    List<Double> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  Result measure(String data, String contender, int warmupRuns, int repeatRuns, Supplier<Long> work) {
    for (int i = 0; i < warmupRuns; i++) {
      work.get();
    }
    List<Double> seconds = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    long peak = 0;
    long done = 0;
    long[] counts = new long[3];
    for (int i = 0; i < Math.max(1, repeatRuns); i++) {
      System.gc();
      List<MemoryPoolMXBean> pools = heapPools();
      pools.forEach(MemoryPoolMXBean::resetPeakUsage);
      drain();
      counter.reset();
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      done = work.get();
      seconds.add((System.nanoTime() - start) / 1e9);
      cpu.add((processCpuNanos() - cpuStart) / 1e9);
      peak = Math.max(peak, pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
      drain();
      counts = new long[] {counter.jobs.get(), counter.stages.get(), counter.tasks.get()};
    }
    return new Result(data, contender, seconds, cpu, counts[0], counts[1], counts[2], peak, done);
  }

  /**
   * CPU time of this JVM so far. On a shared machine wall time swings with other processes' load (2 cores
   * here); CPU time counts the work itself, so the report gives both.
   */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  /** Waits until the listener has seen every event posted so far. */
  private void drain() {
    if (spark != null) {
      try {
        spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("Spark listener bus still busy after 60 s", e);
      }
    }
  }

  private static final class Counter extends SparkListener {
    final AtomicLong jobs = new AtomicLong();
    final AtomicLong stages = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();

    void reset() {
      jobs.set(0);
      stages.set(0);
      tasks.set(0);
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
      jobs.incrementAndGet();
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
      stages.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
      tasks.incrementAndGet();
    }
  }
}
