package io.dqgate.deequ;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The few conversions between Java and Scala 2.12 types the adapter needs, kept in one place so that the
 * unchecked casts are easy to audit.
 */
final class ScalaInterop {
  private ScalaInterop() {}

  static <T> Option<T> none() {
    return Option.empty();
  }

  static <T> List<T> javaList(Seq<T> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }

  /** An immutable Scala list: Deequ compares analyzers' column lists with Seq equality, whatever the class. */
  static <T> Seq<T> scalaSeq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }

  static <K, V> Map<K, V> javaMap(scala.collection.Map<K, V> map) {
    return new LinkedHashMap<>(JavaConverters.mapAsJavaMap(map));
  }

  static <K, V> scala.collection.immutable.Map<K, V> scalaMap(Map<K, V> map) {
    scala.collection.immutable.Map<K, V> out = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<K, V> e : map.entrySet()) {
      out = out.updated(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * Deequ's maps are typed {@code Analyzer[_, Metric[_]]}, which Java cannot reach from a concrete analyzer
   * such as {@code Size extends Analyzer<NumMatches, DoubleMetric>} (the type arguments are provably
   * distinct), so the cast goes through the raw type. Safe: every Deequ analyzer produces a Metric.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Analyzer<?, Metric<?>> anyAnalyzer(Analyzer analyzer) {
    return (Analyzer<?, Metric<?>>) analyzer;
  }

  static AnalyzerContext context(Map<Analyzer<?, Metric<?>>, Metric<?>> metrics) {
    return new AnalyzerContext(scalaMap(metrics));
  }

  /** {@code Some(value)} typed as Deequ's {@code Option[Double]}, which erases to {@code Option<Object>}. */
  static Option<Object> someDouble(double value) {
    return Option.apply(value);
  }

  /** A Scala {@code Vector[Double]} (erased to {@code Vector<Object>}), the series type of Deequ's strategies. */
  static scala.collection.immutable.Vector<Object> scalaVector(double[] values) {
    List<Object> boxed = new ArrayList<>(values.length);
    for (double value : values) {
      boxed.add(value);
    }
    return JavaConverters.asScalaBuffer(boxed).toVector();
  }

  /** A Scala {@code (Int, Int)}, erased to {@code Tuple2<Object, Object>}, as Deequ's search intervals are. */
  static scala.Tuple2<Object, Object> intPair(int first, int second) {
    return new scala.Tuple2<>(first, second);
  }

  /**
   * Runs {@code body} with Scala's {@code println} sent to {@code out}. {@code Console.withOut} rebinds a
   * thread-local stream, so other threads (and {@code System.out}) are untouched.
   */
  static <T> T withConsoleOut(OutputStream out, Supplier<T> body) {
    return scala.Console$.MODULE$.withOut(out, body::get);
  }
}
