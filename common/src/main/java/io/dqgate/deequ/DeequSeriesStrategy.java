package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.intPair;
import static io.dqgate.deequ.ScalaInterop.javaList;
import static io.dqgate.deequ.ScalaInterop.scalaSeq;
import static io.dqgate.deequ.ScalaInterop.scalaVector;
import static io.dqgate.deequ.ScalaInterop.someDouble;
import static io.dqgate.deequ.ScalaInterop.withConsoleOut;

import com.amazon.deequ.anomalydetection.Anomaly;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetector;
import com.amazon.deequ.anomalydetection.DataPoint;
import io.dqgate.deequ.DeequSeriesStrategies.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scala.Tuple2;
import scala.collection.Seq;

/**
 * One configured Deequ strategy judging today's value the way Deequ's {@code VerificationSuite} anomaly checks
 * do ({@code Check.isNewestPointNonAnomalous}): the history becomes {@code DataPoint}s, today is appended one
 * tick after the newest, and {@code AnomalyDetector(strategy).isNewPointAnomalous} searches only today. What
 * Deequ decides is never second-guessed here; subclasses only add the expected interval Deequ tested against.
 */
abstract class DeequSeriesStrategy implements DeequSeriesStrategies.Strategy {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeequSeriesStrategy.class);
  private static final Pattern BOUNDS = Pattern.compile("bounds \\[([^,\\]]+), ([^\\]]+)\\]");

  private final String name;
  private final AnomalyDetectionStrategy deequ;
  private final int minimumHistory;

  /**
   * @param deequMinimum the fewest history points with which Deequ judges the new point at all
   * @param configuredMinimum {@code min-history} from config; the larger of the two applies
   */
  DeequSeriesStrategy(String name, AnomalyDetectionStrategy deequ, int deequMinimum, int configuredMinimum) {
    this.name = name;
    this.deequ = deequ;
    this.minimumHistory = Math.max(deequMinimum, configuredMinimum);
  }

  @Override
  public final String name() {
    return name;
  }

  final AnomalyDetectionStrategy deequ() {
    return deequ;
  }

  /**
   * NaN in {@code history} is a metric that could not be computed; it is dropped, as Deequ's
   * {@code AnomalyDetector} drops data points without a value, so "previous" means the previous known value.
   *
   * @throws IllegalArgumentException if {@code today} is NaN: there is nothing to judge
   */
  @Override
  public final Result judge(double[] history, double today) {
    Objects.requireNonNull(history, "history");
    if (Double.isNaN(today)) {
      throw new IllegalArgumentException(name + ": today's value must be a number, was NaN");
    }
    double[] known = Arrays.stream(history).filter(value -> !Double.isNaN(value)).toArray();
    if (known.length < minimumHistory) {
      return notEnoughHistory(
          String.format(
              "%s: not enough history to judge, %d of %d points needed",
              name, known.length, minimumHistory));
    }
    Optional<String> anomaly;
    try {
      anomaly = newPointAnomaly(known, today);
    } catch (IllegalArgumentException e) {
      Optional<String> shortHistory = insufficientHistory(e, known.length);
      if (shortHistory.isEmpty()) {
        throw e;
      }
      return notEnoughHistory(shortHistory.get());
    } catch (RuntimeException | AssertionError e) {
      // Deequ's Holt-Winters fit (breeze L-BFGS-B) asserts on some flat or step-like series
      // ("assertion failed: stepBound.>(0.0)"): the series is not judged, the run goes on.
      return notEnoughHistory(String.format("%s: Deequ could not judge this series (%d points): %s", name,
          known.length, e.getMessage()));
    }
    double[] interval = expectedInterval(known, today, anomaly);
    String explanation = anomaly.orElseGet(() -> withinExplanation(today, interval[0], interval[1]));
    return new Result(anomaly.isPresent(), true, interval[0], interval[1], explanation);
  }

  /**
   * {@code {low, high}} that today was (or would have been) held to; NaN where Deequ does not reveal it.
   *
   * @param anomaly Deequ's detail when today was flagged
   */
  abstract double[] expectedInterval(double[] history, double today, Optional<String> anomaly);

  /** A reason when Deequ throws because the history is too short for it; empty for any other failure. */
  Optional<String> insufficientHistory(IllegalArgumentException failure, int historyLength) {
    return Optional.empty();
  }

  String withinExplanation(double today, double low, double high) {
    return String.format("%s: value %s is within [%s, %s]", name, today, low, high);
  }

  private Result notEnoughHistory(String explanation) {
    return new Result(false, false, Double.NaN, Double.NaN, explanation);
  }

  /** Deequ's detail of today's anomaly, or empty when Deequ does not flag today. */
  private Optional<String> newPointAnomaly(double[] history, double today) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // HoltWinters println()s its fitted parameters; keep them out of the job's standard output.
    Seq<Tuple2<Object, Anomaly>> found = withConsoleOut(printed, () -> detectToday(history, today));
    if (printed.size() > 0 && LOG.isDebugEnabled()) {
      LOG.debug("{}: {}", name, printed.toString(StandardCharsets.UTF_8).trim());
    }
    List<Tuple2<Object, Anomaly>> anomalies = javaList(found);
    if (anomalies.isEmpty()) {
      return Optional.empty();
    }
    Anomaly anomaly = anomalies.get(0)._2();
    return Optional.of(
        anomaly.detail().isDefined()
            ? anomaly.detail().get()
            : String.format("%s: Deequ flags value %s", name, today));
  }

  private Seq<Tuple2<Object, Anomaly>> detectToday(double[] history, double today) {
    if (history.length == 0) {
      // AnomalyDetector refuses an empty history; only the threshold strategy gets here, and for it this is
      // the call isNewPointAnomalous would make: the lone point, searched in [0, 1).
      return deequ.detect(scalaVector(new double[] {today}), intPair(0, 1));
    }
    List<DataPoint<Object>> points = new ArrayList<>(history.length);
    for (int i = 0; i < history.length; i++) {
      points.add(new DataPoint<>(i, someDouble(history[i])));
    }
    DataPoint<Object> newPoint = new DataPoint<>(history.length, someDouble(today));
    return AnomalyDetector.apply(deequ).isNewPointAnomalous(scalaSeq(points), newPoint).anomalies();
  }

  /** {@code history} followed by {@code today}: the vector AnomalyDetector hands to the strategy. */
  static double[] withToday(double[] history, double today) {
    double[] series = Arrays.copyOf(history, history.length + 1);
    series[history.length] = today;
    return series;
  }

  /** The {@code [low, high]} of a Deequ detail such as {@code "... is not in bounds [90.0, 110.0]."}. */
  static Optional<double[]> boundsIn(String detail) {
    Matcher matcher = BOUNDS.matcher(detail);
    if (!matcher.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2))});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static double[] unknownInterval() {
    return new double[] {Double.NaN, Double.NaN};
  }
}
