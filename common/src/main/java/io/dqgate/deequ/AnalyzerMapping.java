package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.anyAnalyzer;
import static io.dqgate.deequ.ScalaInterop.javaList;
import static io.dqgate.deequ.ScalaInterop.none;
import static io.dqgate.deequ.ScalaInterop.scalaSeq;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ApproxCountDistinct;
import com.amazon.deequ.analyzers.ApproxQuantile;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Correlation;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Metric;
import io.dqgate.metrics.Entity;
import io.dqgate.metrics.MetricKey;
import io.dqgate.metrics.MetricNames;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import scala.Enumeration;
import scala.Option;
import scala.util.Success;

/**
 * Which Deequ analyzer measures the same thing as which dqgate metric, and how their values differ.
 *
 * <p>Only analyzers without a {@code where} filter map: dqgate's metrics describe the whole partition, and a
 * filtered Deequ metric stored under the same name would silently replace them. Analyzer options that do
 * not change the metric's value (Completeness' null treatment, ApproxQuantile's relative error) are ignored
 * when matching, so a check asking for {@code ApproxQuantile(x, 0.5, 0.001)} still finds dqgate's median.
 *
 * <p>Known differences kept as they are, because dqgate stores nothing that would correct them:
 * <ul>
 *   <li>{@code key_uniqueness} counts only complete keys as unique, Deequ's Uniqueness counts a
 *       multi-column key as soon as one component is non-null; they agree for single-column keys and for
 *       keys without partial nulls.</li>
 *   <li>{@code target_correlation} is read as Pearson's r, which is what Deequ's Correlation computes.</li>
 * </ul>
 */
final class AnalyzerMapping {
  private static final Map<Double, String> QUANTILES =
      Map.of(0.25, MetricNames.P25, 0.5, MetricNames.MEDIAN, 0.75, MetricNames.P75);

  private final List<String> primaryKey;
  private final String target;

  AnalyzerMapping(List<String> primaryKey, String target) {
    this.primaryKey = List.copyOf(primaryKey);
    this.target = target;
  }

  /** The dqgate metric measured by {@code analyzer}; empty when dqgate has none or the analyzer is filtered. */
  Optional<MetricKey> keyOf(Object analyzer) {
    if (analyzer instanceof Size a && a.where().isEmpty()) {
      return Optional.of(MetricKey.dataset(MetricNames.ROW_COUNT));
    } else if (analyzer instanceof Completeness a && a.where().isEmpty()) {
      return Optional.of(MetricKey.column(a.column(), MetricNames.NULL_FRACTION));
    } else if (analyzer instanceof Mean a && a.where().isEmpty()) {
      return Optional.of(MetricKey.column(a.column(), MetricNames.MEAN));
    } else if (analyzer instanceof Minimum a && a.where().isEmpty()) {
      return Optional.of(MetricKey.column(a.column(), MetricNames.MIN));
    } else if (analyzer instanceof Maximum a && a.where().isEmpty()) {
      return Optional.of(MetricKey.column(a.column(), MetricNames.MAX));
    } else if (analyzer instanceof StandardDeviation a && a.where().isEmpty()) {
      return Optional.of(MetricKey.column(a.column(), MetricNames.STDDEV));
    } else if (analyzer instanceof ApproxCountDistinct a && a.where().isEmpty()) {
      return Optional.of(MetricKey.column(a.column(), MetricNames.DISTINCT_COUNT_APPROX));
    } else if (analyzer instanceof ApproxQuantile a && a.where().isEmpty() && QUANTILES.containsKey(a.quantile())) {
      return Optional.of(MetricKey.column(a.column(), QUANTILES.get(a.quantile())));
    } else if (analyzer instanceof Uniqueness a && a.where().isEmpty() && isPrimaryKey(javaList(a.columns()))) {
      return Optional.of(MetricKey.dataset(MetricNames.KEY_UNIQUENESS));
    } else if (analyzer instanceof Correlation a && a.where().isEmpty() && target != null) {
      // Pearson's r is symmetric: Correlation(target, x) is the same number as Correlation(x, target).
      if (a.secondColumn().equals(target) && !a.firstColumn().equals(target)) {
        return Optional.of(MetricKey.column(a.firstColumn(), MetricNames.TARGET_CORRELATION));
      } else if (a.firstColumn().equals(target) && !a.secondColumn().equals(target)) {
        return Optional.of(MetricKey.column(a.secondColumn(), MetricNames.TARGET_CORRELATION));
      }
    }
    return Optional.empty();
  }

  private boolean isPrimaryKey(List<String> columns) {
    return !primaryKey.isEmpty() && columns.size() == primaryKey.size()
        && new HashSet<>(columns).equals(new HashSet<>(primaryKey));
  }

  /**
   * The analyzer a Deequ user would write for {@code key}, with Deequ's own defaults, so that it equals
   * {@code Size()}, {@code Completeness("x")} … built in Scala. Empty for metrics Deequ cannot express.
   */
  Optional<Analyzer<?, Metric<?>>> analyzerOf(MetricKey key) {
    if (key.entity() == Entity.DATASET) {
      return switch (key.metric()) {
        case MetricNames.ROW_COUNT -> Optional.of(anyAnalyzer(new Size(none())));
        case MetricNames.KEY_UNIQUENESS -> primaryKey.isEmpty()
            ? Optional.empty()
            : Optional.of(anyAnalyzer(new Uniqueness(scalaSeq(primaryKey), Uniqueness.apply$default$2(),
                Uniqueness.apply$default$3())));
        default -> Optional.empty();
      };
    }
    if (key.entity() != Entity.COLUMN) {
      return Optional.empty();
    }
    String column = key.instance();
    Analyzer<?, ?> analyzer = switch (key.metric()) {
      case MetricNames.NULL_FRACTION ->
          new Completeness(column, Completeness.apply$default$2(), Completeness.apply$default$3());
      case MetricNames.MEAN -> new Mean(column, Mean.apply$default$2());
      case MetricNames.MIN -> new Minimum(column, Minimum.apply$default$2(), Minimum.apply$default$3());
      case MetricNames.MAX -> new Maximum(column, Maximum.apply$default$2(), Maximum.apply$default$3());
      case MetricNames.STDDEV -> new StandardDeviation(column, StandardDeviation.apply$default$2());
      case MetricNames.DISTINCT_COUNT_APPROX -> new ApproxCountDistinct(column, ApproxCountDistinct.apply$default$2());
      case MetricNames.P25 -> quantile(column, 0.25);
      case MetricNames.MEDIAN -> quantile(column, 0.5);
      case MetricNames.P75 -> quantile(column, 0.75);
      case MetricNames.TARGET_CORRELATION -> target == null || target.equals(column)
          ? null
          : new Correlation(column, target, Correlation.apply$default$3());
      default -> null;
    };
    return Optional.ofNullable(analyzer).map(ScalaInterop::anyAnalyzer);
  }

  private static ApproxQuantile quantile(String column, double quantile) {
    return new ApproxQuantile(column, quantile, ApproxQuantile.apply$default$3(), ApproxQuantile.apply$default$4());
  }

  /**
   * The successful metric Deequ itself would report for {@code analyzer}: same entity, name and instance,
   * so that Deequ's JSON/DataFrame output of loaded results looks like that of a fresh run.
   */
  static DoubleMetric successMetric(Object analyzer, double value) {
    com.amazon.deequ.metrics.Entity$ entities = com.amazon.deequ.metrics.Entity$.MODULE$;
    Enumeration.Value entity = entities.Column();
    String name;
    String instance;
    if (analyzer instanceof Size) {
      entity = entities.Dataset();
      name = "Size";
      instance = "*";
    } else if (analyzer instanceof Completeness a) {
      name = "Completeness";
      instance = a.column();
    } else if (analyzer instanceof Mean a) {
      name = "Mean";
      instance = a.column();
    } else if (analyzer instanceof Minimum a) {
      name = "Minimum";
      instance = a.column();
    } else if (analyzer instanceof Maximum a) {
      name = "Maximum";
      instance = a.column();
    } else if (analyzer instanceof StandardDeviation a) {
      name = "StandardDeviation";
      instance = a.column();
    } else if (analyzer instanceof ApproxCountDistinct a) {
      name = "ApproxCountDistinct";
      instance = a.column();
    } else if (analyzer instanceof ApproxQuantile a) {
      // Scala renders 0.5 as "0.5" like Java's Double.toString, so the name matches Deequ's.
      name = "ApproxQuantile-" + a.quantile();
      instance = a.column();
    } else if (analyzer instanceof Uniqueness a) {
      List<String> columns = javaList(a.columns());
      entity = columns.size() == 1 ? entities.Column() : entities.Multicolumn();
      name = "Uniqueness";
      instance = String.join(",", columns);
    } else if (analyzer instanceof Correlation a) {
      entity = entities.Multicolumn();
      name = "Correlation";
      instance = a.firstColumn() + "," + a.secondColumn();
    } else {
      throw new IllegalArgumentException("no dqgate metric for analyzer " + analyzer);
    }
    Option<org.apache.spark.sql.Column> noColumn = none();
    return new DoubleMetric(entity, name, instance, new Success<Object>(value), noColumn);
  }

  /**
   * A dqgate value as Deequ reports it. {@code day} holds the partition's other dqgate values, which
   * standard deviation needs for its number of values.
   */
  static double toDeequ(MetricKey key, double value, Map<MetricKey, Double> day) {
    return switch (key.metric()) {
      case MetricNames.NULL_FRACTION -> 1.0 - value;
      // dqgate stores the sample standard deviation (n - 1), Deequ's StandardDeviation is the population
      // one (n). Without the column's non-null count the value passes unchanged; the two differ by a
      // factor sqrt(n / (n - 1)), under 0.1% from n = 500 on.
      case MetricNames.STDDEV -> {
        OptionalLong n = nonNullCount(key.instance(), day);
        yield n.isPresent() && n.getAsLong() > 1 ? value * Math.sqrt((n.getAsLong() - 1.0) / n.getAsLong()) : value;
      }
      default -> value;
    };
  }

  /** The inverse of {@link #toDeequ}, {@code day} holding dqgate values derived from the same Deequ run. */
  static double toDqgate(MetricKey key, double value, Map<MetricKey, Double> day) {
    return switch (key.metric()) {
      case MetricNames.NULL_FRACTION -> 1.0 - value;
      case MetricNames.STDDEV -> {
        OptionalLong n = nonNullCount(key.instance(), day);
        yield n.isPresent() && n.getAsLong() > 1 ? value * Math.sqrt(n.getAsLong() / (n.getAsLong() - 1.0)) : value;
      }
      default -> value;
    };
  }

  /** Non-null values of {@code column}: rows times the complement of the null fraction, when both are known. */
  static OptionalLong nonNullCount(String column, Map<MetricKey, Double> day) {
    Double rows = day.get(MetricKey.dataset(MetricNames.ROW_COUNT));
    Double nullFraction = day.get(MetricKey.column(column, MetricNames.NULL_FRACTION));
    if (rows == null || nullFraction == null || rows.isNaN() || nullFraction.isNaN()) {
      return OptionalLong.empty();
    }
    // Both are exact ratios of integers; rounding removes the representation error of the product.
    return OptionalLong.of(Math.round(rows * (1.0 - nullFraction)));
  }
}
