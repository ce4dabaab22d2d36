package io.dqgate.deequ;

import static io.dqgate.deequ.ScalaInterop.intPair;
import static io.dqgate.deequ.ScalaInterop.javaList;
import static io.dqgate.deequ.ScalaInterop.scalaVector;
import static io.dqgate.deequ.ScalaInterop.someDouble;

import com.amazon.deequ.anomalydetection.Anomaly;
import com.amazon.deequ.anomalydetection.BatchNormalStrategy;
import io.dqgate.config.SeriesStrategySpec;
import java.util.List;
import java.util.Optional;
import scala.Tuple2;

/**
 * Deequ's {@code BatchNormalStrategy}: today is anomalous outside {@code mean ± factor · stdDev} of the
 * history (breeze's {@code meanAndVariance}, sample variance; today excluded, Deequ's default
 * {@code includeInterval = false}).
 *
 * <p>The expected interval is the one Deequ computes: since today is left out of the statistics, the bounds
 * do not depend on today's value, so when today is not flagged Deequ is asked about a stand-in of +∞ (then
 * −∞) in today's place and the bounds are read from its detail ({@code "... is not in bounds [low, high]."}).
 */
final class DeequSeriesBatchNormal extends DeequSeriesStrategy {
  static final String LOWER_DEVIATION_FACTOR = DeequSeriesOnlineNormal.LOWER_DEVIATION_FACTOR;
  static final String UPPER_DEVIATION_FACTOR = DeequSeriesOnlineNormal.UPPER_DEVIATION_FACTOR;

  private DeequSeriesBatchNormal(String name, BatchNormalStrategy batch, int minHistory) {
    super(name, batch, 1, minHistory);
  }

  static DeequSeriesBatchNormal from(String name, SeriesStrategySpec parameters, int minHistory) {
    double lower = parameters.orDefault(LOWER_DEVIATION_FACTOR, 3.0);
    double upper = parameters.orDefault(UPPER_DEVIATION_FACTOR, 3.0);
    return new DeequSeriesBatchNormal(
        name, new BatchNormalStrategy(someDouble(lower), someDouble(upper), false), minHistory);
  }

  @Override
  double[] expectedInterval(double[] history, double today, Optional<String> anomaly) {
    Optional<double[]> reported = anomaly.flatMap(DeequSeriesStrategy::boundsIn);
    if (reported.isPresent()) {
      return reported.get();
    }
    for (double standIn : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      int n = history.length;
      List<Tuple2<Object, Anomaly>> found =
          javaList(deequ().detect(scalaVector(withToday(history, standIn)), intPair(n, n + 1)));
      Optional<double[]> bounds =
          found.stream()
              .map(hit -> hit._2().detail())
              .filter(detail -> detail.isDefined())
              .map(detail -> boundsIn(detail.get()))
              .flatMap(Optional::stream)
              .findFirst();
      if (bounds.isPresent()) {
        return bounds.get();
      }
    }
    return unknownInterval();
  }
}
