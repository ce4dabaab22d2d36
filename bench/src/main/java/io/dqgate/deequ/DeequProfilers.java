package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.anyAnalyzer;
import static io.dqgate.deequ.ScalaInterop.none;
import static io.dqgate.deequ.ScalaInterop.scalaSeq;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxCountDistinct;
import com.amazon.deequ.analyzers.ApproxQuantiles;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Histogram;
import com.amazon.deequ.analyzers.Histogram$;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.PatternMatch;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.profiles.ColumnProfilerRunner;
import com.amazon.deequ.profiles.ColumnProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Deequ's own profilers run on a Dataset, for the profiling benchmark: {@code ColumnProfilerRunner} with its
 * defaults, and {@code AnalysisRunner} with the analyzers closest to dqgate's metric set. Both return how
 * many metrics they produced, so the caller can check that they did their work.
 */
public final class DeequProfilers {
  private DeequProfilers() {}

  /**
   * The columns of a dataset by how dqgate profiles them. {@code temporalText} maps a text date column to
   * the regex of its format (Deequ has no date-format check; PatternMatch is its nearest).
   */
  public record Columns(List<String> numeric, List<String> categorical, Map<String, String> temporalText,
      List<String> dates, List<String> other, List<String> strings, List<String> key) {}

  /** {@code ColumnProfilerRunner().onData(rows).run()} with Deequ's defaults; the number of column profiles. */
  public static int columnProfiler(Dataset<Row> rows) {
    ColumnProfiles profiles = ColumnProfilerRunner.apply().onData(rows).run();
    return profiles.profiles().size();
  }

  /**
   * One {@code AnalysisRunner} run over the analyzers closest to dqgate's metrics: size; completeness and
   * HLL distinct counts of every column; min, max, mean, stddev and the same 21 quantiles at the same rank
   * error for numeric columns; empty strings; a histogram of each categorical column; the format of text
   * dates; future and before-floor dates; uniqueness of the key. Returns the number of successful metrics.
   */
  public static int analysisRunner(Dataset<Row> rows, Columns columns, double[] quantiles, double rankError,
      String today, String floor) {
    List<Analyzer<?, Metric<?>>> analyzers = new ArrayList<>();
    analyzers.add(anyAnalyzer(new Size(none())));
    List<String> all = new ArrayList<>();
    all.addAll(columns.numeric());
    all.addAll(columns.categorical());
    all.addAll(columns.temporalText().keySet());
    all.addAll(columns.dates());
    all.addAll(columns.other());
    for (String c : all) {
      analyzers.add(anyAnalyzer(new Completeness(c, none(), none())));
      analyzers.add(anyAnalyzer(new ApproxCountDistinct(c, none())));
    }
    List<Object> probabilities = new ArrayList<>();
    for (double q : quantiles) {
      probabilities.add(q);
    }
    for (String c : columns.numeric()) {
      analyzers.add(anyAnalyzer(new Minimum(c, none(), none())));
      analyzers.add(anyAnalyzer(new Maximum(c, none(), none())));
      analyzers.add(anyAnalyzer(new Mean(c, none())));
      analyzers.add(anyAnalyzer(new StandardDeviation(c, none())));
      analyzers.add(anyAnalyzer(new ApproxQuantiles(c, scalaSeq(probabilities), rankError)));
    }
    for (String c : columns.strings()) {
      analyzers.add(anyAnalyzer(compliance(c + " empty", "trim(`" + c + "`) = ''")));
    }
    for (String c : columns.categorical()) {
      Histogram$ h = Histogram$.MODULE$;
      analyzers.add(anyAnalyzer(new Histogram(c, none(), h.apply$default$3(), none(), h.apply$default$5(),
          h.apply$default$6())));
    }
    for (Map.Entry<String, String> e : columns.temporalText().entrySet()) {
      analyzers.add(anyAnalyzer(new PatternMatch(e.getKey(), new scala.util.matching.Regex(e.getValue(),
          scalaSeq(List.<String>of())), none(), none())));
    }
    for (String c : columns.dates()) {
      analyzers.add(anyAnalyzer(compliance(c + " future", "`" + c + "` > date'" + today + "'")));
      analyzers.add(anyAnalyzer(compliance(c + " before floor", "`" + c + "` < date'" + floor + "'")));
    }
    if (!columns.key().isEmpty()) {
      analyzers.add(anyAnalyzer(new Uniqueness(scalaSeq(columns.key()), none(), none())));
    }
    AnalyzerContext context = AnalysisRunner.onData(rows).addAnalyzers(scalaSeq(analyzers)).run();
    int ok = 0;
    for (Metric<?> m : ScalaInterop.javaList(context.allMetrics())) {
      ok += m.value().isSuccess() ? 1 : 0;
    }
    return ok;
  }

  private static Compliance compliance(String name, String predicate) {
    return new Compliance(name, predicate, none(), scala.collection.immutable.List$.MODULE$.empty(), none());
  }
}
